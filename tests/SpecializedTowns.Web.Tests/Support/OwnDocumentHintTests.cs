using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Support;

/// <summary>
/// 储备培育's subtitle, the 公共服务平台 coverage, the 人才/培训/品牌 form hints and a 融资白名单 entry's basis speak from the
/// reader's own documents: a 垣曲, 阳泉 or province office is not told 朔州's clauses as its own (another area's clauses
/// may still be shown, labelled as below or elsewhere), while a 朔州 office still reads its document.
/// </summary>
public class OwnDocumentHintTests
{
    private static readonly string[] Pages = ["/Reserve", "/Support/Platforms", "/Support/Talents/Edit", "/Support/Training/Edit", "/Support/Brands/Edit",
        "/Support/Platforms/Edit", "/Support/Events/Edit", "/Support/Brands/GeoIndications/Edit"];

    private static async Task<IDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, url);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page as the reader's own: without what is labelled another area's (basis-below, basis-elsewhere) and without the choices of a select.</summary>
    private static string Own(IDocument page)
    {
        foreach (var e in page.QuerySelectorAll(".basis-below, .basis-elsewhere, option, script").ToList()) e.Remove();
        return page.Body!.TextContent + string.Join(" ", page.QuerySelectorAll("[placeholder]").Select(e => e.GetAttribute("placeholder")));
    }

    [Theory]
    [InlineData("yuanqu-office")]
    [InlineData("yangquan-office")]
    [InlineData("shanxi-office")]
    public async Task Offices_outside_shuozhou_read_no_shuozhou_clause_as_theirs(string user)
    {
        var client = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, user);
        var pages = new List<string>(Pages);
        if (user == "shanxi-office")
        {
            var list = await PageAsync(client, "/Support/Finance");
            pages.Add(list.QuerySelectorAll("a[href^='/Support/Finance/Detail/']").Select(a => a.GetAttribute("href")!).First());
        }
        foreach (var url in pages)
        {
            var text = Own(await PageAsync(client, url));
            text.ShouldNotContain("朔政办发", customMessage: $"{user} {url}");
            text.ShouldNotContain("省级+市级+储备", customMessage: $"{user} {url}");
            text.ShouldNotContain("朔州职业技术学院", customMessage: $"{user} {url}");
            text.ShouldNotContain("朔州陶瓷", customMessage: $"{user} {url}");
            text.ShouldNotContain("朔州专业镇特色产品博览会", customMessage: $"{user} {url}");
        }
    }

    [Fact]
    public async Task A_shuozhou_office_still_reads_its_own_clauses()
    {
        var client = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "shuozhou-office");
        Own(await PageAsync(client, "/Support/Platforms")).ShouldContain("对照 朔政办发〔2023〕19号 二（七）");
        (await PageAsync(client, "/Support/Training/Edit")).QuerySelector("#employed-hint")!.TextContent.ShouldContain("（朔政办发〔2023〕19号 四（八））");
        (await PageAsync(client, "/Support/Talents/Edit")).QuerySelector("#category-hint")!.TextContent.ShouldContain("依据朔政办发〔2023〕19号 四（二）");
        (await PageAsync(client, "/Support/Brands/Edit")).QuerySelector("#honour-hint")!.TextContent.ShouldContain("朔政办发〔2023〕19号 四（四）");
        var platform = await PageAsync(client, "/Support/Platforms/Edit");
        platform.QuerySelector("#operator-hint")!.TextContent.ShouldContain("朔政办发〔2023〕19号 四（五）");
        platform.QuerySelector("#functions-hint")!.TextContent.ShouldContain("朔政办发〔2023〕19号 二（七） 所列功能");
        platform.QuerySelector("#functions")!.TextContent.ShouldContain("朔政办发〔2023〕19号 二（七）“研发设计”");
        var list = await PageAsync(client, "/Support/Finance");
        var detail = await PageAsync(client, list.QuerySelectorAll("a[href^='/Support/Finance/Detail/']").Select(a => a.GetAttribute("href")!).First());
        detail.QuerySelector("[data-basis] .basis-own")!.TextContent.ShouldContain("朔政办发〔2023〕19号 四（十三）");
    }
}
