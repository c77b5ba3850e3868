using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// 系统 → 单位's 疑似重复 on the demo register: the units the policy documents name twice are flagged, with the reason on
/// the link, and none of the pairs that merely share characters (市中小企业发展中心 / 市发展改革委, 市商务局 / 市招商中心). Reads only.
/// </summary>
public class UnitLikenessRegisterTests
{
    [Fact]
    public async Task Only_the_real_duplicates_of_the_demo_register_are_flagged_with_the_reason()
    {
        var admin = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "admin");
        var html = await admin.GetStringAsync("/Admin/Units?alike=true");
        var names = Regex.Matches(html, "<td>\\s*<span>([^<]+)</span>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        names.Order(StringComparer.Ordinal).ShouldBe(new[] { "垣曲开发区", "垣曲经济技术开发区管委会", "市税务局", "朔州税务局" }.Order(StringComparer.Ordinal));

        var titles = Regex.Matches(html, "data-alike>.*?</div>", RegexOptions.Singleline).SelectMany(m => Regex.Matches(m.Value, "title=\"([^\"]+)\""))
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        titles.ShouldContain(t => t.StartsWith("去掉地名、层级等写法差异后都是“税务局”"));
        titles.ShouldContain(t => t.StartsWith("去掉地名、层级等写法差异后都是“开发区”"));

        // 阳泉's and 朔州's own pages: no warning on the units that only share a character or two.
        var yangquan = await admin.GetStringAsync($"/Admin/Units?search={Uri.EscapeDataString("市商务局")}");
        Regex.Matches(yangquan, "data-alike").Count.ShouldBe(0);
        var centre = await admin.GetStringAsync($"/Admin/Units?search={Uri.EscapeDataString("中小企业发展中心")}");
        Regex.Matches(centre, "data-alike").Count.ShouldBe(0);
    }
}
