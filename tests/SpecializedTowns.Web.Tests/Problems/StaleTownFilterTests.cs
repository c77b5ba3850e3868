using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>
/// qa105 #5 (b): a town chosen before the county was changed is not kept hidden in the address, emptying the list while the
/// bar shows 全部: it is dropped with a note, on every list with a place and a town filter.
/// </summary>
public class StaleTownFilterTests
{
    [Fact]
    public async Task A_town_outside_the_chosen_county_is_dropped_with_a_note()
    {
        int town;
        using (var scope = (await SeededPlatforms.GetAsync(StorageProvider.Sqlite)).Services.CreateScope())
            town = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Where(t => t.Name == "永济机电制造专业镇").Select(t => t.Id).SingleAsync();
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        var xinjiang = Uri.EscapeDataString("山西省/运城市/新绛县");

        foreach (var list in new[] { "/Enterprises", "/Support/Talents", "/Support/Events", "/Support/Brands", "/Support/Training", "/Support/Platforms" })
        {
            var response = await office.GetAsync($"{list}?jurisdiction={xinjiang}&town={town}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, list);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            html.ShouldContain("所选专业镇不在新绛县，已清除", customMessage: list);
            html.ShouldNotContain($"value=\"{town}\" selected", customMessage: list);
        }
        var enterprises = WebUtility.HtmlDecode(await office.GetStringAsync($"/Enterprises?jurisdiction={xinjiang}&town={town}"));
        enterprises.ShouldNotContain("没有符合条件的企业");

        // A town that fits stays, with no note.
        var fits = WebUtility.HtmlDecode(await office.GetStringAsync($"/Enterprises?town={town}"));
        fits.ShouldNotContain("已清除");
    }
}
