using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// A town whose county is corrected takes along the enterprises no township places and its problems still open, in the same
/// audited save; an enterprise recorded in a township stays where the township is (and is no longer the town's), a finished
/// problem keeps the county that handled it, and a problem of an enterprise that stays stays with it (decision 0022).
/// </summary>
public class TownMoveEnterpriseProblemTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_moved_town_takes_its_unplaced_enterprises_and_open_problems_along(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        int townId, oldCountyId, newCountyId, loose, placed, open, closed, declined, ofLoose, ofPlaced;
        string newPath;
        await using (var db = storage.CreateContext())
        {
            var town = await db.Towns.Include(t => t.Townships).Include(t => t.County)
                .Where(t => t.Townships.Any()).OrderBy(t => t.Id).FirstAsync();
            (townId, oldCountyId) = (town.Id, town.CountyId);
            var oldPath = town.County!.Path;
            var city = oldPath[..oldPath.LastIndexOf('/')];
            var target = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County && j.Id != town.CountyId && j.Path.StartsWith(city + "/")
                && db.Jurisdictions.Any(s => s.ParentId == j.Id && s.Level == JurisdictionLevel.Township)).OrderBy(j => j.Id).FirstAsync();
            (newCountyId, newPath) = (target.Id, target.Path);
            var township = await db.Jurisdictions.Where(s => s.ParentId == target.Id && s.Level == JurisdictionLevel.Township).OrderBy(s => s.Id).FirstAsync();

            var looseOne = Enterprise(town.Id, town.CountyId, null, "县里未填乡镇的企业", 1);
            var placedOne = Enterprise(town.Id, town.CountyId, town.Townships[0].TownshipId, "登记在原乡镇的企业", 2);
            db.Enterprises.AddRange(looseOne, placedOne);
            await db.SaveChangesAsync();
            (loose, placed) = (looseOne.Id, placedOne.Id);
            var problems = new[]
            {
                Problem(town.CountyId, town.Id, null, ProblemState.Handling),
                Problem(town.CountyId, town.Id, null, ProblemState.Closed),
                Problem(town.CountyId, town.Id, null, ProblemState.Declined),
                Problem(town.CountyId, null, loose, ProblemState.Accepted),
                Problem(town.CountyId, town.Id, placed, ProblemState.Registered),
            };
            db.Problems.AddRange(problems);
            await db.SaveChangesAsync();
            (open, closed, declined, ofLoose, ofPlaced) = (problems[0].Id, problems[1].Id, problems[2].Id, problems[3].Id, problems[4].Id);

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
            var looseOne = await db.Enterprises.SingleAsync(e => e.Id == loose);
            looseOne.CountyId.ShouldBe(newCountyId);
            looseOne.SpecializedTownId.ShouldBe(townId);
            (await new UserScope(2, Roles.Office, newPath, null).Enterprises(db).AnyAsync(e => e.Id == loose)).ShouldBeTrue();
            var placedOne = await db.Enterprises.SingleAsync(e => e.Id == placed);
            placedOne.CountyId.ShouldBe(oldCountyId);
            placedOne.SpecializedTownId.ShouldBeNull();

            var counties = await db.Problems.Where(p => new[] { open, closed, declined, ofLoose, ofPlaced }.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.JurisdictionId);
            counties[open].ShouldBe(newCountyId);
            counties[ofLoose].ShouldBe(newCountyId);
            counties[closed].ShouldBe(oldCountyId);
            counties[declined].ShouldBe(oldCountyId);
            counties[ofPlaced].ShouldBe(oldCountyId);

            // Audited with the town's own change, field by field.
            var townSave = await db.AuditEntries.Where(a => a.EntityType == "SpecializedTown" && a.EntityId == townId.ToString() && a.Action == AuditAction.Updated)
                .OrderByDescending(a => a.Id).Select(a => a.AtUtc).FirstAsync();
            var entries = await db.AuditEntries.Where(a => a.AtUtc == townSave && a.Action == AuditAction.Updated).ToListAsync();
            entries.Single(a => a.EntityType == "Enterprise" && a.EntityId == loose.ToString()).Changes.ShouldContain("CountyId");
            entries.Single(a => a.EntityType == "Enterprise" && a.EntityId == placed.ToString()).Changes.ShouldContain("SpecializedTownId");
            entries.Single(a => a.EntityType == "Problem" && a.EntityId == open.ToString()).Changes.ShouldContain("JurisdictionId");
            entries.ShouldNotContain(a => a.EntityType == "Problem" && a.EntityId == closed.ToString());
        }
    }

    private static Enterprise Enterprise(int townId, int countyId, int? townshipId, string name, int seed) => new()
    {
        Name = name, Uscc = Uscc.Demo("140800", 9_000 + seed), CountyId = countyId, TownshipId = townshipId, SpecializedTownId = townId,
        Role = EnterpriseRole.Supporting,
    };

    private static Problem Problem(int countyId, int? townId, int? enterpriseId, ProblemState state) => new()
    {
        Title = "迁县测试问题", Description = "用地指标不足", Source = ProblemSource.Survey, Kind = enterpriseId is null ? ProblemKind.Common : ProblemKind.Individual,
        Category = ProblemCategory.Land, JurisdictionId = countyId, SpecializedTownId = townId, EnterpriseId = enterpriseId, State = state,
        RaisedBy = "测试", RaisedAtUtc = DateTime.UtcNow,
    };
}
