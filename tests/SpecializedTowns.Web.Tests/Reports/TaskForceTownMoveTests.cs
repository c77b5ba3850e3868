using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// A town whose county is corrected takes its 专班 along: the new county's office manages it and its reports, the old one no
/// longer does, and the old county's 助推乡镇 are let go (a 专班's townships are its town's county's).
/// </summary>
public class TaskForceTownMoveTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_moved_to_another_county_takes_its_task_force_along(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using (var db = storage.CreateContext())
        {
            var town = await db.Towns.Include(t => t.Townships).SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
            var force = await db.TaskForces.Include(f => f.Townships).SingleAsync(f => f.SpecializedTownId == town.Id);
            force.CountyId.ShouldBe(town.CountyId);
            force.Townships.ShouldNotBeEmpty();
            var xinjiang = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/新绛县");
            var wanan = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/新绛县/万安镇");

            // Not moved: nothing of the 专班 changes.
            var input = new TownInput
            {
                Name = town.Name, CountyId = town.CountyId, TownshipIds = town.Townships.Select(t => t.TownshipId).ToList(), Category = town.Category,
                LeadingIndustry = town.LeadingIndustry, LeadingProducts = town.LeadingProducts, PolicyId = town.PolicyId,
                HistoricalOriginOrGeographicalIndication = town.HistoricalOriginOrGeographicalIndication, LargeNationalMarketSpace = town.LargeNationalMarketSpace,
            };
            var city = new UserScope(1, Roles.Office, "山西省/运城市", null);
            (await TownRegistry.SaveAsync(db, city, town.Id, input with { LeadingProducts = "蜂蜜、蜂王浆" }, TimeProvider.System)).Errors.ShouldBeEmpty();

            (await TownRegistry.SaveAsync(db, city, town.Id, input with { CountyId = xinjiang.Id, TownshipIds = [wanan.Id] }, TimeProvider.System)).Errors.ShouldBeEmpty();
        }

        // Read back in a new context, as the next request would.
        await using (var db = storage.CreateContext())
        {
            var town = await db.Towns.Include(t => t.County).SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
            town.County!.Path.ShouldBe("山西省/运城市/新绛县");
            var force = await db.TaskForces.Include(f => f.County).Include(f => f.Townships).ThenInclude(t => t.Township)
                .SingleAsync(f => f.SpecializedTownId == town.Id);
            force.CountyId.ShouldBe(town.CountyId);
            force.Townships.ShouldAllBe(t => t.Township!.ParentId == town.CountyId);
            ReportScope.CanManage(new UserScope(2, Roles.Office, "山西省/运城市/新绛县", null), force).ShouldBeTrue();
            ReportScope.CanManage(new UserScope(3, Roles.Office, "山西省/运城市/垣曲县", null), force).ShouldBeFalse();
        }
    }
}
