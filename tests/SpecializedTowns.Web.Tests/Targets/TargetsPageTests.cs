using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Targets;

/// <summary>The 目标监测 page as 永济's office reads it.</summary>
public class TargetsPageTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_output_in_yi_yuan_has_two_decimals(StorageProvider provider)
    {
        var client = await SeededPlatforms.SignedInAsync(provider, "yongji-office");
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/Targets"));
        var output = page.QuerySelectorAll("table.targets tbody tr").Single(r => r.Children[1].TextContent.Contains("机电制造专业镇"));
        output.Children[4].TextContent.Trim().ShouldMatch(@"^\d[\d,]*\.\d\d亿元$");
        output.Children[6].TextContent.ShouldMatch(@"当前 \d[\d,]*\.\d\d亿元");
    }
}
