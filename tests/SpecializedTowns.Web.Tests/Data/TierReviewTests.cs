using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Demo;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class TierReviewTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_recognised_town_whose_latest_figures_fall_short_is_listed_first(StorageProvider provider)
    {
        var catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();

        var town = await db.Towns.SingleAsync(t => t.Name == "卿头镇农副产品加工专业镇");
        town.Tier.ShouldBe(Tier.County);
        var latest = await db.TownStatistics.Where(s => s.SpecializedTownId == town.Id).OrderByDescending(s => s.Year).FirstAsync();
        latest.OutputValueWanYuan = 4000; // below 永济's county floor of 1亿 and its relaxed floor of 5000万
        await db.SaveChangesAsync();

        var yongji = new UserScope(1, Roles.Office, "山西省/运城市/永济市", null);
        var review = await TierReview.ReviewAsync(db, catalog, yongji);
        review.ShouldNotBeEmpty();
        review.ShouldAllBe(r => r.Tier != Tier.Reserve);
        review[0].Town.ShouldBe("卿头镇农副产品加工专业镇");
        review[0].Result.Outcome.ShouldBe(Results.Ineligible);
        review[0].Standard.Id.ShouldBe("yongji-county");

        // Another county's office does not see it.
        var yuanqu = new UserScope(2, Roles.Office, "山西省/运城市/垣曲县", null);
        (await TierReview.ReviewAsync(db, catalog, yuanqu)).ShouldNotContain(r => r.TownId == town.Id);
    }

    // The 复核 tab and 动态调整 count the same years (TierAdjustmentRules.Counts): a town recognised after its latest reported
    // year is not read 不再符合 on figures of a year it did not yet hold the tier, where 动态调整 says nothing of it.
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Figures_of_a_year_before_recognition_are_not_held_against_the_town_on_either_tab(StorageProvider provider)
    {
        var catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var town = await db.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Name == "卿头镇农副产品加工专业镇");
        var latest = await db.TownStatistics.Where(s => s.SpecializedTownId == town.Id && s.OutputValueWanYuan != null).OrderByDescending(s => s.Year).FirstAsync();
        latest.OutputValueWanYuan = 4000; // below 永济's county floor, as in the test above
        db.TierChanges.RemoveRange(town.TierHistory);
        var since = new DateOnly(latest.Year + 1, 3, 1);
        db.TierChanges.Add(new TierChange { SpecializedTownId = town.Id, Tier = town.Tier, EffectiveOn = since, Note = "测试：认定晚于最新统计年度" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var yongji = new UserScope(1, Roles.Office, "山西省/运城市/永济市", null);
        var row = (await TierReview.ReviewAsync(db, catalog, yongji)).Single(r => r.TownId == town.Id);
        row.NotYetCountedSince.ShouldBe(since);
        row.Year.ShouldBe(latest.Year);
        var adjustments = await TierReview.AdjustmentsAsync(db, catalog, yongji, new AdjustmentSettings());
        adjustments.ShouldNotContain(i => i.Town.Id == town.Id && i.Kind != AdjustmentKind.Upgrade, "动态调整 counts no year before the recognition either");

        // Recognised in the year of the figures: that year counts on both, and both say it fails.
        var history = await db.TierChanges.SingleAsync(h => h.SpecializedTownId == town.Id);
        history.EffectiveOn = new DateOnly(latest.Year, 3, 1);
        await db.SaveChangesAsync();
        var counted = (await TierReview.ReviewAsync(db, catalog, yongji)).Single(r => r.TownId == town.Id);
        counted.NotYetCountedSince.ShouldBeNull();
        counted.Result.Outcome.ShouldBe(Results.Ineligible);
        (await TierReview.AdjustmentsAsync(db, catalog, yongji, new AdjustmentSettings())).ShouldContain(i => i.Town.Id == town.Id && i.Kind != AdjustmentKind.Upgrade);
    }
}
