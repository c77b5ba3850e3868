using System.Net;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reserve;

/// <summary>
/// 储备培育 read from its address as the lists read their filters: a year, measure or basis in any case or by the select's
/// Chinese name, and one that names nothing said above the page with what is shown instead, never silently replaced.
/// </summary>
public class ReserveAddressTests
{
    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_measure_basis_or_year_that_names_nothing_is_said_with_what_is_shown_instead()
    {
        var yongji = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yongji-office");

        foreach (var word in new[] { "output", "OUTPUT", "产值（万元）" })
        {
            var page = await PageAsync(yongji, "/Reserve?year=2024&measure=" + Uri.EscapeDataString(word));
            page.ShouldContain("乡镇 × 产业热力图：产值（万元）（2024年）", customMessage: word);
            page.ShouldNotContain("filter-note", customMessage: word);
        }

        var measure = await PageAsync(yongji, "/Reserve?year=2024&measure=heat");
        measure.ShouldContain("未知的指标“heat”，已按“区位熵（对县）”显示");
        measure.ShouldContain("乡镇 × 产业热力图：区位熵（对县）（2024年）");

        (await PageAsync(yongji, "/Reserve?year=2024&basis=EMPLOYMENT")).ShouldContain("区位熵（对县）·按就业");
        var basis = await PageAsync(yongji, "/Reserve?year=2024&basis=people");
        basis.ShouldContain("未知的区位熵、集中度口径“people”，已按产值计算");
        basis.ShouldNotContain("·按就业");

        (await PageAsync(yongji, "/Reserve?year=2015")).ShouldContain("没有2015年的产业数据，已显示");
        (await PageAsync(yongji, "/Reserve?year=abc")).ShouldContain("未知的统计年度“abc”，已显示");
        (await PageAsync(yongji, "/Reserve?year=2024&measure=&basis=")).ShouldNotContain("filter-note");
    }
}
