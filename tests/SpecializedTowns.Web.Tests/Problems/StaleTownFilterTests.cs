using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
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

    /// <summary>
    /// qa120 2: a town outside the person's scope (a bookmark from before it moved to another county) on the lists whose bar has
    /// no place filter — 重点项目库 with its summary cards, 招商线索, 问题台账 — is dropped with the note as on /Enterprises, never
    /// an empty list or cards of 0 from a filter the bar does not show.
    /// </summary>
    [Fact]
    public async Task A_town_outside_the_scope_is_dropped_with_a_note_on_projects_leads_and_problems()
    {
        int town;
        using (var scope = (await SeededPlatforms.GetAsync(StorageProvider.Sqlite)).Services.CreateScope())
            town = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Where(t => t.County!.Name != "垣曲县").OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");

        foreach (var list in new[] { $"/Projects?town={town}", $"/Leads?town={town}", $"/Problems?townId={town}" })
        {
            var response = await office.GetAsync(list);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, list);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            html.ShouldContain("所选专业镇不在您的数据范围内，已清除", customMessage: list);
            html.ShouldNotContain($"value=\"{town}\" selected", customMessage: list);
            html.ShouldNotContain("没有符合条件的", customMessage: list);
        }
        // The summary cards count 垣曲's projects as with no town chosen.
        var cards = WebUtility.HtmlDecode(await office.GetStringAsync($"/Projects?handler=Summary&town={town}"));
        cards.ShouldBe(WebUtility.HtmlDecode(await office.GetStringAsync("/Projects?handler=Summary")));

        // The export is the unfiltered list too, not an empty sheet.
        var (_, rows) = ExportFiles.Csv(await office.GetByteArrayAsync($"/Projects?handler=Export&format=csv&town={town}"));
        var (_, all) = ExportFiles.Csv(await office.GetByteArrayAsync("/Projects?handler=Export&format=csv"));
        rows.Count.ShouldBe(all.Count);
        rows.Count.ShouldBeGreaterThan(0);
    }
}
