using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Demo;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class TownRegistryTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);

    private static async Task<TownsDbContext> LoadedAsync(StorageProvider provider) => (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    private static async Task<int> IdAsync(TownsDbContext db, string path) => await db.Jurisdictions.Where(j => j.Path == path).Select(j => j.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_office_registers_a_town_spanning_two_townships_of_its_county(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var input = new TownInput
        {
            Name = "英言镇苹果专业镇", CountyId = await IdAsync(db, "山西省/运城市/垣曲县"),
            TownshipIds = [await IdAsync(db, "山西省/运城市/垣曲县/英言镇"), await IdAsync(db, "山西省/运城市/垣曲县/解峪乡")],
            Category = "specialty-agriculture", LeadingIndustry = "苹果", PolicyId = "yuanqu-2023-19",
        };
        var (id, errors) = await TownRegistry.SaveAsync(db, Yuanqu, null, input, TimeProvider.System);
        errors.ShouldBeEmpty();
        var town = await db.Towns.Include(t => t.Townships).Include(t => t.TierHistory).SingleAsync(t => t.Id == id);
        town.Tier.ShouldBe(Tier.Reserve);
        town.Townships.Count.ShouldBe(2);
        town.TierHistory.Single().Note.ShouldBe("登记为储备专业镇");

        // A township of another county, an already recognised tier without its document, a duplicate name.
        var bad = input with
        {
            TownshipIds = [await IdAsync(db, "山西省/运城市/新绛县/万安镇")], Tier = Tier.Municipal,
        };
        var (none, refused) = await TownRegistry.SaveAsync(db, Yuanqu, null, bad, TimeProvider.System);
        none.ShouldBeNull();
        refused.Keys.ShouldBe([nameof(TownInput.TownshipIds), nameof(TownInput.Name), nameof(TownInput.Tier), nameof(TownInput.TierSince), nameof(TownInput.TierDocumentNumber)], ignoreOrder: true);

        var outside = input with { Name = "平定测试专业镇", CountyId = await IdAsync(db, "山西省/阳泉市/平定县"), TownshipIds = [await IdAsync(db, "山西省/阳泉市/平定县/冠山镇")] };
        (await TownRegistry.SaveAsync(db, Yuanqu, null, outside, TimeProvider.System)).Errors[nameof(TownInput.CountyId)].ShouldContain("不在您的数据范围内");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Yearly_figures_are_entered_or_corrected_and_bad_ones_refused(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var town = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var township = new UserScope(2, Roles.Township, "山西省/运城市/垣曲县/历山镇", town.Id);

        (await TownRegistry.SaveStatisticsAsync(db, township, town.Id, new StatisticsInput { Year = 2025, OutputValueWanYuan = 21000, Employment = 2200 }, TimeProvider.System)).Errors.ShouldBeEmpty();
        (await TownRegistry.SaveStatisticsAsync(db, township, town.Id, new StatisticsInput { Year = 2025, OutputValueWanYuan = 21500, Employment = 2250 }, TimeProvider.System)).Errors.ShouldBeEmpty();
        var rows = await db.TownStatistics.Where(s => s.SpecializedTownId == town.Id && s.Year == 2025).ToListAsync();
        rows.Count.ShouldBe(1);
        rows[0].OutputValueWanYuan.ShouldBe(21500);
        rows[0].IsDemo.ShouldBeFalse();

        var errors = (await TownRegistry.SaveStatisticsAsync(db, township, town.Id, new StatisticsInput { Year = 1990, OutputValueWanYuan = -1, CityMarketSharePercent = 120 }, TimeProvider.System)).Errors;
        errors.Keys.ShouldBe([nameof(StatisticsInput.Year), nameof(StatisticsInput.OutputValueWanYuan), nameof(StatisticsInput.CityMarketSharePercent)], ignoreOrder: true);

        var leader = new UserScope(3, Roles.Leader, "山西省/运城市", null);
        (await TownRegistry.SaveStatisticsAsync(db, leader, town.Id, new StatisticsInput { Year = 2025 }, TimeProvider.System)).Errors[""].ShouldContain("不能录入");
        var other = new UserScope(4, Roles.Office, "山西省/阳泉市", null);
        (await TownRegistry.SaveStatisticsAsync(db, other, town.Id, new StatisticsInput { Year = 2025 }, TimeProvider.System)).Errors[""].ShouldContain("不在您的数据范围内");
    }

    [Fact]
    public async Task An_office_records_at_registration_only_a_tier_its_own_level_gives()
    {
        await using var db = await LoadedAsync(StorageProvider.Sqlite);
        var county = await IdAsync(db, "山西省/运城市/垣曲县");
        var township = await IdAsync(db, "山西省/运城市/垣曲县/英言镇");
        TownInput Held(string name, Tier tier, DateOnly since) => new()
        {
            Name = name, CountyId = county, TownshipIds = [township], Category = "specialty-agriculture", LeadingIndustry = "苹果",
            Tier = tier, TierSince = since, TierDocumentNumber = "垣政办函〔2023〕5号",
        };
        var past = new DateOnly(2023, 6, 1);

        // The county office, even while a city account is narrowed to the county, stops at 县级.
        var refused = await TownRegistry.SaveAsync(db, Yuanqu, null, Held("英言镇苹果专业镇", Tier.Municipal, past), TimeProvider.System);
        refused.Errors[nameof(TownInput.Tier)].ShouldContain("县级");
        (await TownRegistry.SaveAsync(db, Yuanqu, null, Held("英言镇苹果专业镇", Tier.County, past), TimeProvider.System)).Errors.ShouldBeEmpty();

        var cityFocused = new UserScope(5, Roles.Office, "山西省/运城市/垣曲县", null) { HomePath = "山西省/运城市" };
        (await TownRegistry.SaveAsync(db, cityFocused, null, Held("英言镇核桃专业镇", Tier.Provincial, past), TimeProvider.System)).Errors[nameof(TownInput.Tier)].ShouldContain("市级");
        var (id, ok) = await TownRegistry.SaveAsync(db, cityFocused, null, Held("英言镇核桃专业镇", Tier.Municipal, past), TimeProvider.System);
        ok.ShouldBeEmpty();
        (await db.Towns.SingleAsync(t => t.Id == id)).Tier.ShouldBe(Tier.Municipal);

        var province = new UserScope(6, Roles.Office, "山西省", null);
        (await TownRegistry.SaveAsync(db, province, null, Held("英言镇花椒专业镇", Tier.Provincial, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)), TimeProvider.System))
            .Errors[nameof(TownInput.TierSince)].ShouldBe("认定日期不能晚于今天");
        (await TownRegistry.SaveAsync(db, province, null, Held("英言镇花椒专业镇", Tier.Provincial, past), TimeProvider.System)).Errors.ShouldBeEmpty();
    }
}
