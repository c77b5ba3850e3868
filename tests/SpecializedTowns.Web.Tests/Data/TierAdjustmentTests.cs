using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>动态调整 over every year on record, on the demo (阳泉's two municipal towns are set up by TiersAndTriggersDemo).</summary>
public class TierAdjustmentTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Province = new(1, Roles.Office, "山西省", null);
    private static readonly UserScope Yangquan = new(2, Roles.Office, "山西省/阳泉市", null);
    private static readonly UserScope Yuncheng = new(3, Roles.Office, "山西省/运城市", null);
    private static readonly AdjustmentSettings Default = new();

    private static async Task<TownsDbContext> DemoAsync(StorageProvider provider) => (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Two_consecutive_failing_years_since_recognition_propose_exit_with_the_criteria_years_and_clauses(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var items = await TierReview.AdjustmentsAsync(db, Catalog, Yangquan, Default);

        var pingding = items.Single(i => i.Town.Name == "平定砂器刻花瓷专业镇");
        pingding.Kind.ShouldBe(AdjustmentKind.Removal);
        pingding.Standard.Id.ShouldBe("yangquan-municipal");
        pingding.HeldSince.ShouldBe(new DateOnly(2023, 9, 15));
        pingding.CausingYears.ShouldBe([2023, 2024]);
        // 2022 (before recognition) is shown but does not count.
        pingding.Years.Select(y => (y.Year, pingding.Counts(y.Year))).ShouldBe([(2022, false), (2023, true), (2024, true)]);
        pingding.Reasons.Select(r => (r.Year, r.Criterion, r.Source)).ShouldBe([
            (2023, "上下游配套企业（含家庭农场、专业合作社）", "阳政办发〔2023〕24号 四（五）"),
            (2024, "上下游配套企业（含家庭农场、专业合作社）", "阳政办发〔2023〕24号 四（五）")]);
        pingding.Reasons[1].Explanation.ShouldContain("6 户");
        pingding.Rule!.IsPlatformDefault.ShouldBeTrue();
        pingding.Summary.ShouldContain("2023—2024年连续 2 年不符合本级（市级）认定标准，建议退出市级专业镇名单");
        pingding.Clauses.ShouldContain("阳政办发〔2023〕24号 四");

        var refractory = items.Single(i => i.Town.Name == "郊区耐火材料专业镇");
        refractory.Kind.ShouldBe(AdjustmentKind.Warning);
        refractory.CausingYears.ShouldBe([2024]);
        refractory.Reasons.Single().Criterion.ShouldBe("特色主导产业产值");
        refractory.Reasons.Single().Explanation.ShouldContain("9.6亿元，未达到 10亿元");

        // 盂县中药材 (储备) meets no higher standard; no finding.
        items.ShouldNotContain(i => i.Town.Name == "盂县中药材专业镇");
        items.ShouldAllBe(i => i.Town.CountyPath.StartsWith("山西省/阳泉市/"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_failure_followed_by_a_pass_is_neither_a_warning_nor_a_proposal_to_exit(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var town = await db.Towns.SingleAsync(t => t.Name == "平定砂器刻花瓷专业镇");
        var y2024 = await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == 2024);
        y2024.SupportingEnterprises = 11;
        await db.SaveChangesAsync();
        (await TierReview.AdjustmentsAsync(db, Catalog, Yangquan, Default)).ShouldNotContain(i => i.Town.Id == town.Id);

        // Failing again in 2024 after a pass in 2023: one failing year, a warning, not an exit.
        y2024.SupportingEnterprises = 6;
        (await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == 2023)).SupportingEnterprises = 10;
        await db.SaveChangesAsync();
        var item = (await TierReview.AdjustmentsAsync(db, Catalog, Yangquan, Default)).Single(i => i.Town.Id == town.Id);
        item.Kind.ShouldBe(AdjustmentKind.Warning);
        item.CausingYears.ShouldBe([2024]);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_configured_number_of_years_decides_between_warning_and_exit(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var three = await TierReview.AdjustmentsAsync(db, Catalog, Yangquan, new AdjustmentSettings { ExitAfterYears = 3 });
        var pingding = three.Single(i => i.Town.Name == "平定砂器刻花瓷专业镇");
        pingding.Kind.ShouldBe(AdjustmentKind.Warning);
        pingding.Summary.ShouldContain("下一年度仍不达标即连续 3 年");
        pingding.Rule!.Description.ShouldContain("平台默认");

        var one = await TierReview.AdjustmentsAsync(db, Catalog, Yangquan, new AdjustmentSettings { ExitAfterYears = 1 });
        one.Single(i => i.Town.Name == "郊区耐火材料专业镇").Kind.ShouldBe(AdjustmentKind.Removal);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Upgrade_candidates_meet_the_next_standard_that_applies_where_they_lie(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var items = await TierReview.AdjustmentsAsync(db, Catalog, Yuncheng, Default);

        // 永济 has a county standard: its reserve towns look one step up.
        var puzhou = items.Single(i => i.Town.Name == "蒲州镇文旅康养专业镇");
        puzhou.Kind.ShouldBe(AdjustmentKind.Upgrade);
        puzhou.Standard.Id.ShouldBe("yongji-county");
        puzhou.StandardTier.ShouldBe(Tier.County);
        puzhou.Upgrade!.FullyMet.ShouldBeTrue();
        puzhou.Reasons.ShouldAllBe(r => r.Year == 2024 && r.Result == "符合");

        // A county town of 永济 looks at 运城's municipal standard; 省级 thresholds are unset, so nobody is proposed for 省级.
        var motors = items.Single(i => i.Town.Name == "永济机电制造专业镇");
        motors.Standard.Id.ShouldBe("yuncheng-municipal");
        items.ShouldNotContain(i => i.StandardTier == Tier.Provincial);
        // 开张镇 (9200万元, no traditional feature) stays below 永济's 1亿元.
        items.ShouldNotContain(i => i.Town.Name == "开张镇畜牧养殖专业镇");
        items.ShouldAllBe(i => i.Town.CountyPath.StartsWith("山西省/运城市/"));

        // Making its output fall below the county standard's floor takes it off the list.
        var town = await db.Towns.SingleAsync(t => t.Name == "蒲州镇文旅康养专业镇");
        (await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == 2024)).OutputValueWanYuan = 4000;
        await db.SaveChangesAsync();
        (await TierReview.AdjustmentsAsync(db, Catalog, Yuncheng, Default)).ShouldNotContain(i => i.Town.Id == town.Id);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Other_counties_towns_stay_invisible_and_filters_page_the_findings(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var yuanqu = await TierReview.AdjustmentsAsync(db, Catalog, new UserScope(4, Roles.Office, "山西省/运城市/垣曲县", null), Default);
        yuanqu.ShouldNotContain(i => i.Town.Name == "平定砂器刻花瓷专业镇");
        yuanqu.ShouldAllBe(i => i.Town.CountyPath == "山西省/运城市/垣曲县");
        (await TierReview.AdjustmentsAsync(db, Catalog, new UserScope(5, Roles.Expert, "山西省", null), Default)).ShouldBeEmpty();

        var all = await TierReview.AdjustmentsAsync(db, Catalog, Province, Default);
        new[] { AdjustmentKind.Upgrade, AdjustmentKind.Warning, AdjustmentKind.Removal }.ShouldAllBe(k => all.Any(i => i.Kind == k));
        all.Select(i => i.Kind).ShouldBeInOrder(SortDirection.Descending);
        var upgrades = TierReview.Filter(all, new AdjustmentFilter { Kind = AdjustmentKind.Upgrade, PageSize = 2, Page = 2 });
        upgrades.Total.ShouldBe(all.Count(i => i.Kind == AdjustmentKind.Upgrade));
        upgrades.Items.Count.ShouldBe(2);
        upgrades.Items.ShouldAllBe(i => i.Kind == AdjustmentKind.Upgrade);
        TierReview.Filter(all, new AdjustmentFilter { Town = "平定" }).Items.Single().Kind.ShouldBe(AdjustmentKind.Removal);
        TierReview.Filter(all, new AdjustmentFilter { Tier = Tier.Municipal }).Items.Select(i => i.Town.Name)
            .ShouldBe(["平定砂器刻花瓷专业镇", "郊区耐火材料专业镇"], ignoreOrder: true);

        var csv = System.Text.Encoding.UTF8.GetString(TierReview.ToCsv(TierReview.Matching(all, new AdjustmentFilter { Kind = AdjustmentKind.Removal })));
        csv.ShouldStartWith("\uFEFF类别,专业镇");
        csv.ShouldContain("建议退出/降级,平定砂器刻花瓷专业镇,平定县,市级");
        csv.ShouldContain("阳政办发〔2023〕24号 四（五）");
        csv.ShouldNotContain("蒲州镇");
    }
}
