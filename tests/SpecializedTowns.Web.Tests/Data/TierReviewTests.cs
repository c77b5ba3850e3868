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
}
