using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// A town whose county is corrected takes along its 重点项目, 招商线索 and the problems its 专班 raised from a monthly report:
/// the new county's office sees them, the old one no longer does (they copied the town's county when they were made).
/// </summary>
public class TownMoveFollowTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_moved_town_takes_its_projects_leads_and_report_problems_along(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        int townId, problemId;
        string oldPath, newPath;
        await using (var db = storage.CreateContext())
        {
            var town = await db.Towns.Include(t => t.Townships).Include(t => t.County)
                .Where(t => db.Projects.Any(p => p.SpecializedTownId == t.Id) && db.InvestmentLeads.Any(l => l.SpecializedTownId == t.Id))
                .OrderBy(t => t.Id).FirstAsync();
            townId = town.Id;
            oldPath = town.County!.Path;
            var city = oldPath[..oldPath.LastIndexOf('/')];
            var target = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County && j.Id != town.CountyId && j.Path.StartsWith(city + "/")
                && db.Jurisdictions.Any(s => s.ParentId == j.Id && s.Level == JurisdictionLevel.Township)).OrderBy(j => j.Id).FirstAsync();
            newPath = target.Path;
            var township = await db.Jurisdictions.Where(s => s.ParentId == target.Id && s.Level == JurisdictionLevel.Township).OrderBy(s => s.Id).FirstAsync();

            // A 共性问题 raised from the town's 专班 monthly report, as ReportProblems writes it (the 专班's county).
            var problem = new Problem
            {
                Title = "月报反映的问题", Description = "用地指标不足", Source = ProblemSource.MonthlyReport, Kind = ProblemKind.Common,
                Category = ProblemCategory.Land, JurisdictionId = town.CountyId, SpecializedTownId = town.Id, RaisedBy = "测试", RaisedAtUtc = DateTime.UtcNow,
            };
            db.Problems.Add(problem);
            await db.SaveChangesAsync();
            problemId = problem.Id;

            var input = new TownInput
            {
                Name = town.Name, CountyId = target.Id, TownshipIds = [township.Id], Category = town.Category,
                LeadingIndustry = town.LeadingIndustry, LeadingProducts = town.LeadingProducts, PolicyId = town.PolicyId,
                HistoricalOriginOrGeographicalIndication = town.HistoricalOriginOrGeographicalIndication, LargeNationalMarketSpace = town.LargeNationalMarketSpace,
            };
            (await TownRegistry.SaveAsync(db, new UserScope(1, Roles.Office, city, null), town.Id, input, TimeProvider.System)).Errors.ShouldBeEmpty();
        }

        // Read back in a new context, as the next request would.
        await using (var db = storage.CreateContext())
        {
            var newOffice = new UserScope(2, Roles.Office, newPath, null);
            var oldOffice = new UserScope(3, Roles.Office, oldPath, null);
            var projects = await db.Projects.CountAsync(p => p.SpecializedTownId == townId);
            var leads = await db.InvestmentLeads.CountAsync(l => l.SpecializedTownId == townId);
            (await ProjectScope.Projects(db, newOffice).CountAsync(p => p.SpecializedTownId == townId)).ShouldBe(projects);
            (await ProjectScope.Projects(db, oldOffice).CountAsync(p => p.SpecializedTownId == townId)).ShouldBe(0);
            (await ProjectScope.Leads(db, newOffice).CountAsync(l => l.SpecializedTownId == townId)).ShouldBe(leads);
            (await ProjectScope.Leads(db, oldOffice).CountAsync(l => l.SpecializedTownId == townId)).ShouldBe(0);
            var town = await db.Towns.SingleAsync(t => t.Id == townId);
            (await db.Problems.SingleAsync(p => p.Id == problemId)).JurisdictionId.ShouldBe(town.CountyId);
        }
    }
}
