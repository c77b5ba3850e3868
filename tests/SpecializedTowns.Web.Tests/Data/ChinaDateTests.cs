using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// At 23:30 UTC on 10 March it is 07:30 on 11 March in China: what the workflow records as "today" then is the 11th. Taken
/// from the UTC date, 结束公示 on the last day of the period was refused until 08:00, the tier took effect on the 10th, and a
/// tier recognised "today" was dated in the future.
/// </summary>
public class ChinaDateTests
{
    /// <summary>2026-03-10 23:30 UTC = 2026-03-11 07:30 in China.</summary>
    private static readonly DateTimeOffset LateEvening = new(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);

    private static readonly DateOnly ChinaDay = new(2026, 3, 11);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Publicity_ends_on_its_last_china_day_and_the_tier_takes_effect_that_day(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
        var clock = new FixedClock(new DateOnly(2026, 3, 1));
        var service = new ApplicationService(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), clock);
        var county = new UserScope(100, Roles.Office, "山西省/运城市/新绛县", null);
        var city = new UserScope(101, Roles.Office, "山西省/运城市", null);
        var town = await db.Towns.SingleAsync(t => t.Name == "万安钻石专业镇");
        var id = await service.CreateAsync(county, "xinjiang-office", town.Id, "yuncheng-municipal",
            """{"category":"manufacturing","annualOutputValueWanYuan":85000,"leadingEnterprises":2,"supportingEnterprises":14,"localEmployment":2600,"provincialMarketSharePercent":30,"largeNationalMarketSpace":true}""");
        await service.SubmitAsync(county, "xinjiang-office", id);
        await service.AcceptAsync(city, "yuncheng-office", id, [expertId]);
        await service.ScoreAsync(new UserScope(expertId, Roles.Expert, "山西省/运城市", null), "expert-zhang", id,
            (await service.ViewAsync(city, id)).OpenCriteria.Append(ExpertScore.Overall).ToDictionary(k => k, _ => (true, "经核实")));
        await service.ConcludeAsync(city, "yuncheng-office", id);
        await service.DecideAsync(city, "yuncheng-office", id, Decision.Recognize, "运专领发〔2026〕3号", null, ChinaDay, settlement: "申报数含尚未录入平台的企业，已核对名单");

        clock.Now = LateEvening;
        await service.EndPublicityAsync(city, "yuncheng-office", id, upheld: false, null);

        await using var check = storage.CreateContext();
        var recognised = await check.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Id == town.Id);
        recognised.Tier.ShouldBe(Tier.Municipal);
        recognised.TierHistory.OrderBy(h => h.Id).Last().EffectiveOn.ShouldBe(ChinaDay);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_tier_held_since_china_s_today_is_not_in_the_future_and_a_new_town_starts_that_day(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var clock = new FixedClock(LateEvening);
        var county = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => j.Id).SingleAsync();
        var township = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县/英言镇").Select(j => j.Id).SingleAsync();
        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);

        var (held, errors) = await TownRegistry.SaveAsync(db, office, null, new TownInput
        {
            Name = "英言镇苹果专业镇", CountyId = county, TownshipIds = [township], Category = "specialty-agriculture", LeadingIndustry = "苹果",
            Tier = Tier.County, TierSince = ChinaDay, TierDocumentNumber = "垣政办函〔2026〕5号",
        }, clock);
        errors.ShouldBeEmpty();
        var (reserve, none) = await TownRegistry.SaveAsync(db, office, null, new TownInput
        {
            Name = "英言镇核桃专业镇", CountyId = county, TownshipIds = [township], Category = "specialty-agriculture", LeadingIndustry = "核桃",
        }, clock);
        none.ShouldBeEmpty();

        var history = await db.TierChanges.AsNoTracking().Where(h => h.SpecializedTownId == held || h.SpecializedTownId == reserve).ToListAsync();
        history.Single(h => h.SpecializedTownId == held).EffectiveOn.ShouldBe(ChinaDay);
        history.Single(h => h.SpecializedTownId == reserve).EffectiveOn.ShouldBe(ChinaDay, "a reserve town is registered as of China's today");
    }
}
