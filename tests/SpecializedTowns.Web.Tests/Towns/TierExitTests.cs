using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// qa110 5: 动态调整's 建议退出/降级 carried out — 平定砂器 (阳泉 市级, failing its standard in 2023 and 2024) moved to 储备 by
/// 阳泉's office with a 文号, date and reason, through the API and the 动态调整 page; refused with nothing written otherwise.
/// </summary>
public class TierExitTests
{
    private static readonly DemoPlatforms Platforms = new();

    // The page's own platform: the API test moves 平定砂器 too, and the order the two run in is not fixed.
    private static readonly DemoPlatforms PagePlatforms = new();

    private static async Task<(int Id, Tier Tier, int Steps)> TownAsync(PlatformFactory factory, string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var t = await db.Towns.AsNoTracking().Include(x => x.TierHistory).SingleAsync(x => x.Name == name);
        return (t.Id, t.Tier, t.TierHistory.Count);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_standards_office_records_the_exit_with_its_number_date_and_reason_all_or_nothing(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        var (id, tier, steps) = await TownAsync(factory, "平定砂器刻花瓷专业镇");
        tier.ShouldBe(Tier.Municipal);
        var yangquan = await Platforms.ClientAsync(provider, "yangquan-office");
        var today = TestDatabases.ChinaToday;
        var url = $"/api/v1/towns/{id}/tier-changes";

        async Task RefusedAsync(HttpClient client, object body, HttpStatusCode status, string? field, string words)
        {
            var response = await client.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, text);
            var problem = JsonDocument.Parse(text).RootElement;
            problem.GetProperty("detail").GetString()!.ShouldContain(words);
            if (field is not null) problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(text);
            (await TownAsync(factory, "平定砂器刻花瓷专业镇")).ShouldBe((id, Tier.Municipal, steps), "nothing written");
        }

        var good = new { to = "reserve", documentNumber = "阳专领发〔2026〕6号", effectiveOn = today.ToString("yyyy-MM-dd"), reason = "2023—2024年连续两年配套企业不足10户" };
        await RefusedAsync(yangquan, good with { documentNumber = "阳专领发(2026)6号" }, HttpStatusCode.BadRequest, "documentNumber", "六角括号");
        await RefusedAsync(yangquan, good with { documentNumber = "" }, HttpStatusCode.BadRequest, "documentNumber", "退出或降级须填写文号");
        await RefusedAsync(yangquan, good with { effectiveOn = today.AddDays(1).ToString("yyyy-MM-dd") }, HttpStatusCode.BadRequest, "effectiveOn", "不能晚于今天");
        await RefusedAsync(yangquan, good with { effectiveOn = "2023-01-01" }, HttpStatusCode.BadRequest, "effectiveOn", "不能早于2023年9月15日");
        await RefusedAsync(yangquan, good with { effectiveOn = "2026-02-30" }, HttpStatusCode.BadRequest, "effectiveOn", "不是有效日期");
        await RefusedAsync(yangquan, good with { reason = " " }, HttpStatusCode.BadRequest, "reason", "请填写调整理由");
        await RefusedAsync(yangquan, good with { to = "municipal" }, HttpStatusCode.BadRequest, "to", "应低于现梯次（市级）");
        await RefusedAsync(yangquan, good with { to = "county" }, HttpStatusCode.BadRequest, "to", "没有适用的县级认定标准");
        await RefusedAsync(yangquan, good with { to = "x" }, HttpStatusCode.BadRequest, "to", "未知的梯次");
        // Not the standard's office: the province sees the town but 阳泉's standard is 阳泉's; 运城 does not see it at all.
        await RefusedAsync(await Platforms.ClientAsync(provider, "shanxi-office"), good, HttpStatusCode.Forbidden, null, "退出或降级由阳泉市");
        await RefusedAsync(await Platforms.ClientAsync(provider, "yuncheng-office"), good, HttpStatusCode.NotFound, null, "不存在");

        var created = await yangquan.PostAsJsonAsync(url, good);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var step = await created.Content.ReadFromJsonAsync<JsonElement>();
        step.GetProperty("tier").GetString().ShouldBe("reserve");
        step.GetProperty("documentNumber").GetString().ShouldBe("阳专领发〔2026〕6号");
        step.GetProperty("note").GetString()!.ShouldContain("退出市级专业镇，转入储备培育");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var town = await db.Towns.AsNoTracking().Include(t => t.TierHistory).SingleAsync(t => t.Id == id);
        town.Tier.ShouldBe(Tier.Reserve);
        var last = town.TierHistory.OrderBy(h => h.Id).Last();
        (last.Tier, last.EffectiveOn, last.DocumentNumber, last.StandardId).ShouldBe((Tier.Reserve, today, "阳专领发〔2026〕6号", (string?)null));
        last.Note!.ShouldContain("理由：2023—2024年连续两年配套企业不足10户");
        (await db.AuditEntries.AnyAsync(a => a.EntityType == "TierChange" && a.EntityId == last.Id.ToString() && a.Action == AuditAction.Created)).ShouldBeTrue();
        (await db.AuditEntries.AnyAsync(a => a.EntityType == "SpecializedTown" && a.EntityId == id.ToString() && a.Action == AuditAction.Updated)).ShouldBeTrue();

        // Now 储备, there is nothing left to exit.
        var again = await yangquan.PostAsJsonAsync(url, good);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("为储备专业镇");
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Steps.ShouldBe(steps + 1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_adjustments_page_offers_the_exit_on_a_proposal_keeps_what_was_typed_when_refused_and_records_it(StorageProvider provider)
    {
        var factory = await PagePlatforms.GetAsync(provider);
        var (id, _, _) = await TownAsync(factory, "郊区耐火材料专业镇");
        var client = await PagePlatforms.SignedInAsync(provider, "yangquan-office");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Adjustments?kind=removal"));
        // Only proposals carry the form; 郊区耐火材料 is a 预警 and has none.
        page.ShouldContain("办理退出/降级");
        page.ShouldNotContain($"data-exit-form=\"{id}\"");
        var shanxi = WebUtility.HtmlDecode(await (await PagePlatforms.SignedInAsync(provider, "shanxi-office")).GetStringAsync("/Adjustments?kind=removal"));
        shanxi.ShouldNotContain("办理退出/降级");

        var pingding = (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Id;
        var fields = new Dictionary<string, string>
        {
            ["Exit.TownId"] = pingding.ToString(), ["Exit.To"] = "Reserve", ["Exit.DocumentNumber"] = "阳专领发〔26〕6号",
            ["Exit.EffectiveOn"] = TestDatabases.ChinaToday.ToString("yyyy-MM-dd"), ["Exit.Reason"] = "连续两年不达标",
        };
        var refused = await PageSignIn.PostAsync(client, "/Adjustments?kind=removal&handler=Exit", page, fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        html.ShouldContain("年份应写全称");
        html.ShouldContain("value=\"阳专领发〔26〕6号\"");
        html.ShouldContain("连续两年不达标</textarea>");
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Tier.ShouldBe(Tier.Municipal);

        fields["Exit.DocumentNumber"] = "阳专领发〔2026〕7号";
        var saved = await PageSignIn.PostAsync(client, "/Adjustments?kind=removal&handler=Exit", page, fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location!.ToString()));
        after.ShouldContain("已办理：动态调整：退出市级专业镇，转入储备培育");
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Tier.ShouldBe(Tier.Reserve);
    }
}
