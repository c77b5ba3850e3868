using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// qa120 5 and the follow-ups of decision 0024: the API records only the exits 动态调整 proposes, under the deciding office's
/// own 代字; /Adjustments lists what was done; the certificate of a tier left says when and by which 文号; and a town taken off
/// the list takes no new project, lead, problem, task force, supporting record or imported row (one check, DelistedTowns).
/// </summary>
public class TierExitFollowUpTests
{
    private static readonly UserScope Yangquan = new(1, Roles.Office, "山西省/阳泉市", null);

    private static async Task<(int Id, Tier Tier, int Steps, int CountyId)> TownAsync(PlatformFactory factory, string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var t = await db.Towns.AsNoTracking().Include(x => x.TierHistory).SingleAsync(x => x.Name == name);
        return (t.Id, t.Tier, t.TierHistory.Count, t.CountyId);
    }

    /// <summary>Every text of a JSON answer (detail and each field's errors), unescaped.</summary>
    private static async Task<string> TextsAsync(HttpResponseMessage response)
    {
        var texts = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: texts.Add(e.GetString()!); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Walk(p.Value); break;
                case JsonValueKind.Array: foreach (var i in e.EnumerateArray()) Walk(i); break;
            }
        }
        Walk(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        return string.Join("｜", texts);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_exit_by_api_needs_the_proposal_and_the_offices_own_number_then_shows_as_done_and_the_town_takes_no_new_work(StorageProvider provider)
    {
        var (factory, page) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var __ = factory;
        var api = await PageSignIn.ApiClientAsync(factory, "yangquan-office", TestDatabases.DemoPassword);
        var today = TestDatabases.ChinaToday;
        var (jiaoqu, jiaoquTier, jiaoquSteps, _) = await TownAsync(factory, "郊区耐火材料专业镇");
        var (pingding, tier, steps, county) = await TownAsync(factory, "平定砂器刻花瓷专业镇");
        tier.ShouldBe(Tier.Municipal);

        // Before: the support forms offer 平定砂器.
        WebUtility.HtmlDecode(await page.GetStringAsync("/Support/Platforms/Edit")).ShouldContain(">平定砂器刻花瓷专业镇<");

        // 郊区耐火材料 is only a 预警: the API refuses as the page offers no form (409), nothing written.
        var body = new { to = "reserve", documentNumber = "阳专办〔2026〕5号", effectiveOn = today.ToString("yyyy-MM-dd"), reason = "预警而已" };
        var warned = await api.PostAsJsonAsync($"/api/v1/towns/{jiaoqu}/tier-changes", body);
        warned.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var warnedText = await TextsAsync(warned);
        warnedText.ShouldContain("动态调整没有建议郊区耐火材料专业镇退出或降级");
        warnedText.ShouldContain("仅为预警");
        var jiaoquAfter = await TownAsync(factory, "郊区耐火材料专业镇");
        (jiaoquAfter.Tier, jiaoquAfter.Steps).ShouldBe((jiaoquTier, jiaoquSteps), "nothing written");

        // 垣曲县's 代字 on 阳泉's decision: refused beside the 文号.
        var foreign = await api.PostAsJsonAsync($"/api/v1/towns/{pingding}/tier-changes", body with { documentNumber = "垣专办〔2026〕5号", to = "delisted" });
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var foreignDoc = JsonDocument.Parse(await foreign.Content.ReadAsStringAsync()).RootElement;
        foreignDoc.GetProperty("errors").TryGetProperty("documentNumber", out _).ShouldBeTrue();
        (await TextsAsync(foreign)).ShouldContain("“垣专办〔2026〕5号”不是");
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Steps.ShouldBe(steps, "nothing written");

        var done = await api.PostAsJsonAsync($"/api/v1/towns/{pingding}/tier-changes", body with { to = "delisted", reason = "连续两年不达标" });
        done.StatusCode.ShouldBe(HttpStatusCode.Created, await done.Content.ReadAsStringAsync());

        // /Adjustments lists what was done: town, from → to, 文号, day.
        var adjustments = WebUtility.HtmlDecode(await page.GetStringAsync("/Adjustments"));
        adjustments.ShouldContain("已办理的退出/降级");
        adjustments.ShouldContain($"data-exit-done=\"{pingding}\"");
        adjustments.ShouldContain("市级→已退出：退出市级专业镇，不再列入专业镇名录");
        adjustments.ShouldContain("阳专办〔2026〕5号");

        // The certificate says why there is none.
        var certificate = await api.GetAsync($"/api/v1/towns/{pingding}/certificate.docx");
        certificate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await TextsAsync(certificate)).ShouldContain($"平定砂器刻花瓷专业镇已于{today.Year}年{today.Month}月{today.Day}日退出市级（阳专办〔2026〕5号），不再出具认定证书");

        // No new work against it, by any door; the reason names the day and the 文号.
        var left = $"已于{today.Year}年{today.Month}月{today.Day}日退出专业镇名录（阳专办〔2026〕5号），不能再登记新的";
        var project = await api.PostAsJsonAsync("/api/v1/projects", new { name = "新项目", townId = pingding, ownerName = "某公司", kind = "new", role = "flagship", totalInvestmentWanYuan = 100, planYear = today.Year });
        project.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextsAsync(project)).ShouldContain(left + "重点项目");
        var lead = await api.PostAsJsonAsync("/api/v1/investment-leads", new
        {
            name = "新线索", townId = pingding, targetEnterprise = "某企业", chainLink = "extend", chainPosition = "砂器加工", channel = "industry-chain", intendedInvestmentWanYuan = 100,
        });
        lead.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextsAsync(lead)).ShouldContain(left + "招商项目");
        var problem = await api.PostAsJsonAsync("/api/v1/problems", new { title = "用地不足", description = "用地不足", countyId = county, townId = pingding });
        problem.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextsAsync(problem)).ShouldContain(left + "问题");
        // A task force is set up by the town's county office (there is no demo account for 平定县's).
        using (var services = factory.Services.CreateScope())
        {
            var pingdingOffice = new UserScope(1, Roles.Office, "山西省/阳泉市/平定县", null);
            var (forceId, forceErrors) = await services.ServiceProvider.GetRequiredService<SpecializedTowns.Data.Reports.TaskForceService>()
                .SaveAsync(pingdingOffice, null, new SpecializedTowns.Data.Reports.TaskForceInput { TownId = pingding });
            forceId.ShouldBeNull();
            string.Join("；", forceErrors.Select(e => e.Value)).ShouldContain(left + "专班");
        }

        // The support forms no longer offer it; its history stays.
        WebUtility.HtmlDecode(await page.GetStringAsync("/Support/Platforms/Edit")).ShouldNotContain(">平定砂器刻花瓷专业镇<");
        WebUtility.HtmlDecode(await page.GetStringAsync("/Support/Talents/Edit")).ShouldNotContain(">平定砂器刻花瓷专业镇<");
        (await TownAsync(factory, "平定砂器刻花瓷专业镇")).Steps.ShouldBe(steps + 1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Imports_refuse_rows_naming_a_town_taken_off_the_list(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var town = await db.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Name == "平定砂器刻花瓷专业镇");
        town.Tier = Tier.Delisted;
        town.TierHistory.Add(new TierChange { Tier = Tier.Delisted, EffectiveOn = new DateOnly(2025, 6, 30), DocumentNumber = "阳专领发〔2025〕4号", Note = "测试" });
        await db.SaveChangesAsync();
        var left = "“平定砂器刻花瓷专业镇”已于2025年6月30日退出专业镇名录（阳专领发〔2025〕4号），不能再登记新的";

        async Task<string> ErrorsAsync(string kindKey, Dictionary<string, string> cells)
        {
            var kind = ImportKinds.Find(kindKey)!;
            var result = await ImportEngine.RunAsync(db, Yangquan, "测试", kind, "file.xlsx", TestFiles.Xlsx(TestFiles.Header(kind), TestFiles.Row(kind, cells)), false, TimeProvider.System);
            result.Changes.ShouldBeEmpty();
            return string.Join("；", result.Errors.Select(e => e.Message));
        }

        (await ErrorsAsync("enterprises", new() { ["name"] = "某砂器企业", ["county"] = "平定县", ["town"] = "平定砂器刻花瓷专业镇", ["role"] = "配套企业" }))
            .ShouldContain(left + "企业");
        (await ErrorsAsync("projects", new() { ["town"] = "平定砂器刻花瓷专业镇", ["name"] = "某项目" })).ShouldContain(left + "重点项目");
        (await ErrorsAsync("project-progress", new() { ["town"] = "平定砂器刻花瓷专业镇", ["project"] = "某项目" })).ShouldContain(left + "项目进度");
        (await ErrorsAsync("town-statistics", new() { ["town"] = "平定砂器刻花瓷专业镇", ["year"] = "2025", ["output"] = "10000" })).ShouldContain(left + "统计数据");
        // The templates' lists leave it out.
        (await ImportLookups.OptionsAsync(db, Yangquan, ReferenceKind.Town, default)).ShouldNotContain("平定砂器刻花瓷专业镇");
    }

    private static readonly DemoPlatforms Platforms = new();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_application_under_way_for_a_town_taken_off_the_list_cannot_end_in_recognition(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        using var services = factory.Services.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
        var clock = new FixedClock(new DateOnly(2025, 3, 1));
        var service = new ApplicationService(db, services.ServiceProvider.GetRequiredService<PolicyCatalog>(), clock);
        var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
        var county = new UserScope(100, Roles.Office, "山西省/运城市/新绛县", null);
        var city = new UserScope(101, Roles.Office, "山西省/运城市", null);
        var expert = new UserScope(expertId, Roles.Expert, "山西省/运城市", null);
        var town = await db.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Name == "万安钻石专业镇");
        var facts = """{"category":"manufacturing","annualOutputValueWanYuan":85000,"leadingEnterprises":2,"supportingEnterprises":14,"localEmployment":2600,"provincialMarketSharePercent":30,"largeNationalMarketSpace":true}""";
        var id = await service.CreateAsync(county, "xinjiang-office", town.Id, "yuncheng-municipal", facts);
        await service.SubmitAsync(county, "xinjiang-office", id);
        await service.AcceptAsync(city, "yuncheng-office", id, [expertId]);
        await service.ScoreAsync(expert, "expert-zhang", id, new Dictionary<string, (bool, string)> { ["market-share"] = (true, "培育钻石全国市场空间大"), [ExpertScore.Overall] = (true, "同意认定") });
        await service.ConcludeAsync(city, "yuncheng-office", id);

        // While it was under review the town left the list.
        town.Tier = Tier.Delisted;
        town.TierHistory.Add(new TierChange { Tier = Tier.Delisted, EffectiveOn = new DateOnly(2025, 2, 28), DocumentNumber = "新专办〔2025〕2号", Note = "测试" });
        await db.SaveChangesAsync();

        foreach (var decision in new[] { Decision.Recognize, Decision.Reserve })
        {
            var refused = await Should.ThrowAsync<ApplicationRuleException>(() => service.DecideAsync(city, "yuncheng-office", id, decision, "运专领发〔2025〕3号", null,
                new DateOnly(2025, 3, 10), settlement: "申报数含尚未录入平台的企业，已核对名单"));
            refused.Message.ShouldBe("“万安钻石专业镇”已于2025年2月28日退出专业镇名录（新专办〔2025〕2号），本申报不能再认定或列入储备；请作“不予认定”处理");
        }
        (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.AwaitingDecision);
        await service.DecideAsync(city, "yuncheng-office", id, Decision.Reject, null, "已退出名录", null);
    }
}
