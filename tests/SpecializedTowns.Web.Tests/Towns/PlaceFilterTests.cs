using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>The place filter of the town list and of 储备培育: what it says about a name that is not one of its choices.</summary>
public class PlaceFilterTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_s_own_place_is_all_of_it_and_other_names_are_told_apart(StorageProvider provider)
    {
        var yuncheng = await SeededPlatforms.ClientAsync(provider, "yuncheng-office");
        foreach (var list in new[] { "/Towns", "/Reserve" })
        {
            // Its own city is everything it sees, not "out of scope" (the province office was told 山西省 was).
            var own = await yuncheng.GetStringAsync($"{list}?jurisdiction=运城市");
            own.ShouldNotContain("已显示全部", customMessage: list);
            (await yuncheng.GetStringAsync($"{list}?jurisdiction=朔州市")).ShouldContain("“朔州市”不在您的数据范围内，已显示全部。", customMessage: list);
            (await yuncheng.GetStringAsync($"{list}?jurisdiction=不存在县")).ShouldContain("没有名为“不存在县”的行政区划，已显示全部。", customMessage: list);
        }
        var county = await yuncheng.GetStringAsync("/Towns?jurisdiction=垣曲县");
        county.ShouldNotContain("已显示全部");
        county.ShouldContain("垣曲县");
        county.ShouldNotContain("永济市</td>");
    }
}
