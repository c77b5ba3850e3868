using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Demo;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class ApplicationWorkflowTests
{
    private static async Task<(StorageSettings Storage, int ExpertId)> LoadedAsync(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var expert = await db.Users.SingleAsync(u => u.UserName == "expert-zhang");
        return (storage, expert.Id);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_goes_from_application_to_recognition_and_takes_the_tier(StorageProvider provider)
    {
        var (storage, expertId) = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var clock = new FixedClock(new DateOnly(2025, 3, 1));
        var service = new ApplicationService(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), clock);
        var office = new UserScope(100, Roles.Office, "山西省/运城市/新绛县", null);
        var city = new UserScope(101, Roles.Office, "山西省/运城市", null);
        var expert = new UserScope(expertId, Roles.Expert, "山西省/运城市", null);
        var town = await db.Towns.SingleAsync(t => t.Name == "万安钻石专业镇");
        town.Tier.ShouldBe(Tier.County);

        service.StandardsFor("山西省/运城市/新绛县", Tier.County).Select(s => s.Id).ShouldBe(["yuncheng-municipal", "shanxi-provincial"]);
        var facts = """{"category":"manufacturing","annualOutputValueWanYuan":85000,"leadingEnterprises":2,"supportingEnterprises":14,"localEmployment":2600,"provincialMarketSharePercent":30,"largeNationalMarketSpace":true}""";
        var id = await service.CreateAsync(office, "xinjiang-office", town.Id, "yuncheng-municipal", facts);
        await service.SubmitAsync(office, "xinjiang-office", id);

        // The county files; the standard's own (city) office reviews. Experts see only what is assigned to them.
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.AcceptAsync(office, "xinjiang-office", id, [expertId])))
            .Message.ShouldContain("由运城市领导小组办公室审查");
        (await service.ListAsync(expert, null, 1, 50)).Total.ShouldBe(0);
        (await service.ExpertCandidatesAsync(id, city)).Select(e => e.Id).ShouldContain(expertId);
        (await service.ToDoAsync(city)).Single(t => t.Id == id).What.ShouldBe("待形式审查");
        (await service.ToDoAsync(office)).ShouldNotContain(t => t.Id == id, "the filing county does not review");
        await service.AcceptAsync(city, "yuncheng-office", id, [expertId]);
        (await service.ListAsync(expert, null, 1, 50)).Total.ShouldBe(1);
        (await service.ToDoAsync(expert)).Single(t => t.Id == id).What.ShouldBe("请评审打分");

        var view = await service.ViewAsync(expert, id);
        view.OpenCriteria.ShouldBe(["market-share"]);
        await service.ScoreAsync(expert, "expert-zhang", id, new Dictionary<string, (bool, string)> { ["market-share"] = (true, "培育钻石全国市场空间大"), [ExpertScore.Overall] = (true, "同意认定") });
        (await service.ToDoAsync(expert)).ShouldBeEmpty();
        (await service.ToDoAsync(city)).Single(t => t.Id == id).What.ShouldBe("专家已全部评分，待汇总结论");
        await service.ConcludeAsync(city, "yuncheng-office", id);
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.DecideAsync(office, "xinjiang-office", id, Decision.Recognize, "x", null, new DateOnly(2025, 3, 10))))
            .Message.ShouldContain("领导小组办公室审查、审定");
        await service.DecideAsync(city, "yuncheng-office", id, Decision.Recognize, "运专领发〔2025〕3号", null, new DateOnly(2025, 3, 10), settlement: "申报数含尚未录入平台的企业，已核对名单");
        clock.Now = clock.Now.AddDays(10);
        await service.EndPublicityAsync(city, "yuncheng-office", id, upheld: false, null);

        await using var check = storage.CreateContext();
        var recognised = await check.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Id == town.Id);
        recognised.Tier.ShouldBe(Tier.Municipal);
        var last = recognised.TierHistory.OrderBy(h => h.Id).Last();
        (last.Tier, last.StandardId, last.DocumentNumber, last.EffectiveOn).ShouldBe((Tier.Municipal, "yuncheng-municipal", "运专领发〔2025〕3号", new DateOnly(2025, 3, 11)));
        (await check.ApplicationEvents.CountAsync(e => e.ApplicationId == id)).ShouldBe(6);
        (await check.Applications.SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.Recognized);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Filing_is_limited_to_the_standards_and_applicants_the_texts_name(StorageProvider provider)
    {
        var (storage, _) = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var service = new ApplicationService(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), TimeProvider.System);
        var liShan = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var township = new UserScope(1, Roles.Township, "山西省/运城市/垣曲县/历山镇", liShan.Id);
        var facts = """{"category":"specialty-agriculture","annualOutputValueWanYuan":18000}""";

        // 运城's city-level standard is applied for by the county government, not the township.
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(township, "lishan-township", liShan.Id, "yuncheng-municipal", facts)))
            .Message.ShouldContain("由县政府申报");
        // 永济's county standard does not apply in 垣曲.
        var office = new UserScope(2, Roles.Office, "山西省/运城市/垣曲县", null);
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(office, "yuanqu-office", liShan.Id, "yongji-county", facts)))
            .Message.ShouldContain("不是本专业镇可申报的认定标准");
        // Out of scope, and the wrong category.
        var yangquan = new UserScope(3, Roles.Office, "山西省/阳泉市", null);
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(yangquan, "yangquan-office", liShan.Id, "yuncheng-municipal", facts)))
            .Message.ShouldContain("不在您的数据范围内");
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(office, "yuanqu-office", liShan.Id, "yuncheng-municipal", """{"category":"manufacturing"}""")))
            .Message.ShouldContain("应与专业镇登记的领域一致");

        var id = await service.CreateAsync(office, "yuanqu-office", liShan.Id, "yuncheng-municipal", facts);
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(office, "yuanqu-office", liShan.Id, "yuncheng-municipal", facts)))
            .Message.ShouldContain("在办申报");
        (await Should.ThrowAsync<ApplicationNotFoundException>(() => service.SubmitAsync(yangquan, "yangquan-office", id))).ShouldNotBeNull();
        // The township may not submit what the county government applies for.
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.SubmitAsync(township, "lishan-township", id))).Message.ShouldContain("由县政府申报");
        (await db.Applications.SingleAsync(a => a.Id == id)).PreCheckOutcome.ShouldNotBeNull();
    }
}
