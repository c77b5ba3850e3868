using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Targets;

/// <summary>The 目标监测 page as 永济's office reads it.</summary>
public class TargetsPageTests
{
    private const string YongjiTitle = "永济市促进专业镇高质量发展行动计划（2024-2025年）（征求意见稿）";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_draft_is_headed_by_its_title_once_and_an_output_in_yi_yuan_has_two_decimals(StorageProvider provider)
    {
        var client = await SeededPlatforms.SignedInAsync(provider, "yongji-office");
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/Targets"));
        var headings = page.QuerySelectorAll("h2").Select(h => Regex.Replace(h.TextContent, @"\s+", " ").Trim()).ToList();
        // The draft has no number: the heading is its title, not the title twice.
        headings.ShouldContain(YongjiTitle);
        // A document with a number is headed by its title with the number beside it.
        headings.ShouldContain("山西省促进专业镇高质量发展实施方案 晋政办发〔2022〕80号");

        var output = page.QuerySelectorAll("table.targets tbody tr").Single(r => r.Children[1].TextContent.Contains("机电制造专业镇"));
        output.Children[4].TextContent.Trim().ShouldMatch(@"^\d[\d,]*\.\d\d亿元$");
        output.Children[6].TextContent.ShouldMatch(@"\d[\d,]*\.\d\d亿元");
        // The demo's statistics end in 2024: past the end-2025 deadline the target waits for 2025's figures (qa105 10).
        output.Children[6].TextContent.ShouldContain("2025年数据尚未录入");
    }
}
