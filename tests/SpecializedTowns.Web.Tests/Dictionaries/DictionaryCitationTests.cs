using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Dictionaries;

/// <summary>
/// 系统 → 字典 cites the recognition standards as the town page and 动态调整 do (RecognitionStandard.Cite): 运城's city standard,
/// known only as 垣政办发〔2023〕19号 三 quotes it, under 运城's document number, on the page, in the API and in the workbook. Reads only.
/// </summary>
public class DictionaryCitationTests
{
    private const string Cited = "运政办发〔2023〕8号（据垣政办发〔2023〕19号 三）";
    private const string AsIfYuanqus = "运城市级专业镇认定标准（垣政办发";

    [Fact]
    public async Task The_industry_categories_cite_yuncheng_s_standard_under_its_own_document()
    {
        var member = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "xinjiang-member");
        var body = await member.GetStringAsync("/Admin/Dictionaries");
        var section = new HtmlParser().ParseDocument(body).QuerySelector("section#industry-category")!;
        var text = WebUtility.HtmlDecode(section.TextContent);
        text.ShouldContain($"运城市级专业镇认定标准（{Cited}）");
        text.ShouldNotContain(AsIfYuanqus);
        // The list's own 依据 line is the standards' clauses too, not 垣曲's text bare.
        var basis = section.QuerySelector("p.source")!.TextContent;
        basis.ShouldContain(Cited);
        basis.ShouldContain("阳政办发〔2023〕24号 四（一）");
        basis.ShouldNotContain("依据：垣政办发");

        using var api = JsonDocument.Parse(await member.GetStringAsync("/api/v1/dictionaries/industry-category"));
        api.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ShouldContain(Cited);
        api.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("basis").GetString() ?? "").ShouldAllBe(b => !b.Contains(AsIfYuanqus));

        var workbook = await member.GetByteArrayAsync("/Admin/Dictionaries?handler=Export");
        var contents = ExportFiles.Xlsx(workbook);
        var row = contents.Single(r => (string?)r[1] == "industry-category");
        ((string)row[4]!).ShouldContain(Cited);
    }
}
