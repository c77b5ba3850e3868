using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Dashboard;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// 退出 out of the list (不再列入专业镇名录, decision 0024): 平定砂器 (阳泉 市级 since 2023-09-15) taken off it by 阳泉's office as
/// of 2025-06-30, and 盂县中药材 (储备) today. Each keeps its history, stops counting and being evaluated from then on, leaves
/// the pickers of new work, and is listed under 已退出 with its 文号 and day; refused with nothing written otherwise.
/// </summary>
public class TownDelistingTests
{
    private static readonly UserScope Yangquan = new(1, Roles.Office, "山西省/阳泉市", null);

    private static async Task<(int Id, Tier Tier, int Steps)> TownAsync(PlatformFactory factory, string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var t = await db.Towns.AsNoTracking().Include(x => x.TierHistory).SingleAsync(x => x.Name == name);
        return (t.Id, t.Tier, t.TierHistory.Count);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString() ?? text;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_taken_off_the_list_keeps_its_history_and_stops_counting_being_evaluated_and_offered(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var __ = factory;
        var api = await PageSignIn.ApiClientAsync(factory, "yangquan-office", TestDatabases.DemoPassword);
        var (pingding, tier, steps) = await TownAsync(factory, "平定砂器刻花瓷专业镇");
        tier.ShouldBe(Tier.Municipal);
        var (yuxian, yuxianTier, yuxianSteps) = await TownAsync(factory, "盂县中药材专业镇");
        yuxianTier.ShouldBe(Tier.Reserve);

        DashboardView before;
        using (var scope = factory.Services.CreateScope())
            before = await DashboardQueries.LoadAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>(),
                scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), Yangquan, TestDatabases.ChinaToday);

        // Refused, nothing written: no 文号; a 储备 town only leaves the list; another city's office does not see the town.
        var good = new { to = "delisted", documentNumber = "阳专领发〔2025〕4号", effectiveOn = "2025-06-30", reason = "主导产业转型，不再按专业镇培育" };
        var noNumber = await api.PostAsJsonAsync($"/api/v1/towns/{pingding}/tier-changes", good with { documentNumber = " " });
        noNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DetailAsync(noNumber)).ShouldContain("不再列入专业镇名录须填写文号");
        var toReserve = await api.PostAsJsonAsync($"/api/v1/towns/{yuxian}/tier-changes", good with { to = "reserve" });
        toReserve.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailAsync(toReserve)).ShouldContain("不再列入专业镇名录");
        var yuncheng = await PageSignIn.ApiClientAsync(factory, "yuncheng-office", TestDatabases.DemoPassword);
        (await yuncheng.PostAsJsonAsync($"/api/v1/towns/{yuxian}/tier-changes", good)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).ShouldBe((pingding, Tier.Municipal, steps), "nothing written");
        (await TownAsync(factory, "盂县中药材专业镇")).ShouldBe((yuxian, Tier.Reserve, yuxianSteps), "nothing written");

        var created = await api.PostAsJsonAsync($"/api/v1/towns/{pingding}/tier-changes", good);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var step = await created.Content.ReadFromJsonAsync<JsonElement>();
        step.GetProperty("tier").GetString().ShouldBe("delisted");
        step.GetProperty("note").GetString()!.ShouldContain("退出市级专业镇，不再列入专业镇名录");
        var today = TestDatabases.ChinaToday.ToString("yyyy-MM-dd");
        (await api.PostAsJsonAsync($"/api/v1/towns/{yuxian}/tier-changes", good with { documentNumber = "阳专领发〔2026〕9号", effectiveOn = today }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        // Once off the list, there is nothing left to take it off.
        var again = await api.PostAsJsonAsync($"/api/v1/towns/{pingding}/tier-changes", good);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailAsync(again)).ShouldContain("已不再列入专业镇名录（阳专领发〔2025〕4号，2025年6月30日起）");

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var town = await db.Towns.AsNoTracking().Include(t => t.TierHistory).SingleAsync(t => t.Id == pingding);
            town.Tier.ShouldBe(Tier.Delisted);
            var last = town.TierHistory.OrderBy(h => h.Id).Last();
            (last.Tier, last.EffectiveOn, last.DocumentNumber).ShouldBe((Tier.Delisted, new DateOnly(2025, 6, 30), "阳专领发〔2025〕4号"));
            // Its history stays: the 市级 recognition, and its statistics.
            town.TierHistory.ShouldContain(h => h.Tier == Tier.Municipal);
            (await db.TownStatistics.CountAsync(s => s.SpecializedTownId == pingding)).ShouldBeGreaterThan(0);
            (await db.AuditEntries.AnyAsync(a => a.EntityType == "TierChange" && a.EntityId == last.Id.ToString() && a.Action == AuditAction.Created)).ShouldBeTrue();
            (await db.AuditEntries.AnyAsync(a => a.EntityType == "SpecializedTown" && a.EntityId == pingding.ToString() && a.Action == AuditAction.Updated)).ShouldBeTrue();

            // Counts: the dashboard's 市级 and 储备 each lose one, and the towns in all with them.
            var after = await DashboardQueries.LoadAsync(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), Yangquan, TestDatabases.ChinaToday);
            after.ByTier[Tier.Municipal].ShouldBe(before.ByTier[Tier.Municipal] - 1);
            after.ByTier[Tier.Reserve].ShouldBe(before.ByTier[Tier.Reserve] - 1);
            after.Towns.ShouldBe(before.Towns - 2);
            after.ByTier.Keys.ShouldNotContain(Tier.Delisted);

            // Evaluations: an object of 2024, when it was 市级 all year; none of 2025, which it ended off the list.
            var evaluations = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            var of2024 = await evaluations.GetAsync(Yangquan, await evaluations.CreateAsync(Yangquan, "阳泉市专业镇办", 2024, SubjectKind.Town, null));
            of2024.Results.Select(r => r.Row.SubjectName).ShouldContain("平定砂器刻花瓷专业镇");
            var of2025 = await evaluations.GetAsync(Yangquan, await evaluations.CreateAsync(Yangquan, "阳泉市专业镇办", 2025, SubjectKind.Town, null));
            of2025.Results.Select(r => r.Row.SubjectName).ShouldNotContain("平定砂器刻花瓷专业镇");
            of2025.Results.Select(r => r.Row.SubjectName).ShouldContain("郊区耐火材料专业镇");
        }

        // The 名录 lists the towns on it; 已退出 lists those taken off it, with the 文号 and day.
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/v1/towns?pageSize=100");
        var names = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        names.ShouldContain("郊区耐火材料专业镇");
        names.ShouldNotContain("平定砂器刻花瓷专业镇");
        names.ShouldNotContain("盂县中药材专业镇");
        var delisted = await api.GetFromJsonAsync<JsonElement>("/api/v1/towns?tier=delisted");
        var row = delisted.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "平定砂器刻花瓷专业镇");
        (row.GetProperty("delistedBy").GetString(), row.GetProperty("delistedOn").GetString()).ShouldBe(("阳专领发〔2025〕4号", "2025-06-30"));
        delisted.GetProperty("total").GetInt32().ShouldBe(2);

        // No new 认定申报 for it; its own record still reads.
        var application = await api.PostAsJsonAsync("/api/v1/applications", new { townId = pingding, standardId = "yangquan-municipal", facts = new { } });
        application.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DetailAsync(application)).ShouldContain("平定砂器刻花瓷专业镇已不再列入专业镇名录，不能新建认定申报");
        var town2 = await api.GetFromJsonAsync<JsonElement>($"/api/v1/towns/{pingding}");
        town2.GetRawText().ShouldContain("阳专领发〔2025〕4号");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_adjustments_page_takes_a_proposed_town_off_the_list_and_the_pages_show_it_under_its_own_filter(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var _ = factory;
        var (pingding, _, _) = await TownAsync(factory, "平定砂器刻花瓷专业镇");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Adjustments?kind=removal"));
        page.ShouldContain("退出市级，不再列入专业镇名录");
        (await client.GetStringAsync("/Applications/New")).ShouldContain(">平定砂器刻花瓷专业镇</option>");
        (await client.GetStringAsync("/Projects/Edit")).ShouldContain(">平定砂器刻花瓷专业镇</option>");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        parser.ParseDocument(await client.GetStringAsync($"/Towns/Detail/{pingding}")).QuerySelector("#town-certificate").ShouldNotBeNull();

        var fields = new Dictionary<string, string>
        {
            ["Exit.TownId"] = pingding.ToString(), ["Exit.To"] = "Delisted", ["Exit.DocumentNumber"] = "阳专领发〔2026〕8号",
            ["Exit.EffectiveOn"] = TestDatabases.ChinaToday.ToString("yyyy-MM-dd"), ["Exit.Reason"] = "连续两年不达标，不再培育",
        };
        var saved = await PageSignIn.PostAsync(client, "/Adjustments?kind=removal&handler=Exit", page, fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location!.ToString())).ShouldContain("已办理：动态调整：退出市级专业镇，不再列入专业镇名录");
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Tier.ShouldBe(Tier.Delisted);

        var list = parser.ParseDocument(await client.GetStringAsync("/Towns"));
        list.QuerySelector("table")!.TextContent.ShouldNotContain("平定砂器刻花瓷专业镇");
        var off = parser.ParseDocument(await client.GetStringAsync("/Towns?tier=delisted"));
        off.QuerySelector("#tier option[selected]")!.TextContent.ShouldBe("已退出（不再列入名录）");
        var row = off.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("平定砂器刻花瓷专业镇"));
        row.QuerySelector("[data-delisted-by]")!.TextContent.ShouldBe("阳专领发〔2026〕8号");
        var today = TestDatabases.ChinaToday;
        row.QuerySelector("[data-delisted-on]")!.TextContent.ShouldBe($"{today.Year}年{today.Month}月{today.Day}日");
        row.QuerySelector(".tier")!.TextContent.ShouldBe("已退出");

        // Its page still reads, history and all, and says it is off the list; no 申报认定 on it.
        var detail = parser.ParseDocument(await client.GetStringAsync($"/Towns/Detail/{pingding}"));
        detail.QuerySelector("#town-delisted")!.TextContent.ShouldContain("已不再列入专业镇名录：阳专领发〔2026〕8号");
        detail.Body!.TextContent.ShouldContain("市级");
        detail.QuerySelector($"a[href='/Applications/New?townId={pingding}']").ShouldBeNull();
        // No certificate of a tier it no longer holds.
        detail.QuerySelector("#town-certificate").ShouldBeNull();

        // The pickers of new work no longer offer it.
        (await client.GetStringAsync("/Applications/New")).ShouldNotContain(">平定砂器刻花瓷专业镇</option>");
        (await client.GetStringAsync("/Projects/Edit")).ShouldNotContain(">平定砂器刻花瓷专业镇</option>");
    }
}
