using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Demo.Scale;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>`demo generate` at a hundredth of province scale: the counts it promises, determinism by seed, and rows the platform reads.</summary>
public class ScaleGeneratorTests
{
    private static readonly ScaleSpec Small = ScaleSpec.Province.Divide(100);
    private const string Password = "Scale#2024pass";

    private static async Task<StorageSettings> GeneratedAsync(StorageProvider provider, int seed)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        await ScaleGenerator.GenerateAsync(db, Small, seed, Password);
        return storage;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Generates_the_promised_counts_in_every_county_of_Shanxi(StorageProvider provider)
    {
        var storage = await GeneratedAsync(provider, 7);
        await using var db = storage.CreateContext();

        (await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.County)).ShouldBe(117);
        (await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.City)).ShouldBe(11);
        (await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.Township)).ShouldBe(Small.Townships);
        (await db.Enterprises.CountAsync()).ShouldBe(Small.Enterprises);
        (await db.EnterpriseStatistics.CountAsync()).ShouldBe(Small.Enterprises * 3);
        (await db.Projects.CountAsync()).ShouldBe(Small.Projects);
        (await db.PlanTasks.CountAsync()).ShouldBeGreaterThanOrEqualTo(Small.Tasks);
        (await db.Problems.CountAsync()).ShouldBe(Small.Problems);
        (await db.Users.CountAsync()).ShouldBe(Small.Accounts);
        (await db.ProjectProgress.CountAsync()).ShouldBeGreaterThan(Small.Projects);
        // Every county has its own real division code, under its city's: places sort as offices know them (太原 before 大同,
        // 平城区 first in 大同), and a generated county never takes a real one's code.
        var counties = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County)
            .Select(j => new { j.Name, j.Code, City = db.Jurisdictions.Where(c => c.Id == j.ParentId).Select(c => c.Code).Single() }).ToListAsync();
        counties.ShouldAllBe(c => c.Code != null && c.Code.Length == 6 && c.City != null && c.Code.StartsWith(c.City.Substring(0, 4)));
        counties.Select(c => c.Code).Distinct().Count().ShouldBe(117);
        counties.Single(c => c.Name == "平城区").Code.ShouldBe("140213");
        counties.Single(c => c.Name == "沁水县").Code.ShouldBe("140521");
        // Bulk inserts (COPY on PostgreSQL) keep the counts the dashboard reads.
        await EnterpriseTallyTests.ShouldMatchTheEnterprisesAsync(storage, "after the generator");

        // Every enterprise has a valid credit code, lies in a county, and three years of figures.
        var codes = await db.Enterprises.Select(e => e.Uscc).ToListAsync();
        codes.ShouldAllBe(c => Uscc.IsValid(c));
        codes.Distinct().Count().ShouldBe(codes.Count);
        (await db.Enterprises.CountAsync(e => e.Statistics.Count != 3)).ShouldBe(0);

        // A few large towns and many small ones: the largest tenth of towns holds far more than a tenth of the enterprises.
        var perTown = await db.Enterprises.Where(e => e.SpecializedTownId != null).GroupBy(e => e.SpecializedTownId).Select(g => g.Count()).ToListAsync();
        perTown.OrderByDescending(n => n).Take(perTown.Count / 10).Sum().ShouldBeGreaterThan(perTown.Sum() / 5);
        (await db.Towns.Select(t => t.Tier).Distinct().CountAsync()).ShouldBeGreaterThan(2);

        // The trail the years left: one 新增 per Shanxi enterprise, project and problem, by its county's office, in place.
        var trail = await db.AuditEntries.GroupBy(e => e.EntityType).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        trail["Enterprise"].ShouldBe(await db.Enterprises.CountAsync(e => db.Jurisdictions.Any(j => j.Id == e.CountyId && j.Path.StartsWith("山西省/"))));
        trail["KeyProject"].ShouldBe(Small.Projects);
        trail["Problem"].ShouldBe(Small.Problems);
        var sample = await db.AuditEntries.Where(e => e.EntityType == "Enterprise" && e.UserId != null).OrderByDescending(e => e.Id).FirstAsync();
        (await db.Users.SingleAsync(u => u.Id == sample.UserId)).UserName.ShouldBe(sample.UserName);
        var enterprise = await db.Enterprises.SingleAsync(e => e.Id.ToString() == sample.EntityId);
        var place = await db.Jurisdictions.SingleAsync(j => j.Id == (enterprise.TownshipId ?? enterprise.CountyId));
        (sample.Action, sample.EntityLabel, sample.RecordPath).ShouldBe((SpecializedTowns.Core.Audit.AuditAction.Created, enterprise.Name, place.Path));
        sample.ActorPath.ShouldBe((await db.Jurisdictions.SingleAsync(j => j.Id == enterprise.CountyId)).Path);
        sample.ReadChanges().ShouldContain(c => c.Field == "Uscc" && c.New == enterprise.Uscc);
        // The entries of one import file share their moment, as an import writes them.
        (await db.AuditEntries.Where(e => e.EntityType == "Enterprise").Select(e => e.AtUtc).Distinct().CountAsync()).ShouldBeLessThan(trail["Enterprise"] / 10);
        // The platform's own writes carry on after the generated ids.
        var last = await db.AuditEntries.MaxAsync(e => e.Id);
        var unit = await db.Units.FirstAsync();
        unit.Name += "（改）";
        await db.SaveChangesAsync();
        (await db.AuditEntries.MaxAsync(e => e.Id)).ShouldBeGreaterThan(last);

        // Accounts sign in with the given password; the README's demo accounts are among them.
        var office = await db.Users.SingleAsync(u => u.UserName == "shanxi-office");
        new PasswordHasher<AppUser>().VerifyHashedPassword(office, office.PasswordHash!, Password).ShouldNotBe(PasswordVerificationResult.Failed);
        (await db.UserRoles.CountAsync()).ShouldBe(Small.Accounts);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        async Task<string> FingerprintAsync(int seed)
        {
            var storage = await GeneratedAsync(StorageProvider.Sqlite, seed);
            await using var db = storage.CreateContext();
            var enterprises = await db.Enterprises.OrderBy(e => e.Id).Select(e => e.Name + e.Uscc + e.SpecializedTownId + e.Role).ToListAsync();
            var figures = (await db.EnterpriseStatistics.OrderBy(s => s.Id).Select(s => s.OutputValueWanYuan).ToListAsync()).Sum();
            var projects = await db.Projects.OrderBy(p => p.Id).Select(p => p.Name + p.Stage + p.TotalInvestmentWanYuan).ToListAsync();
            var towns = await db.Towns.OrderBy(t => t.Id).Select(t => t.Name + t.Tier).ToListAsync();
            return string.Join("|", enterprises.Concat(projects).Concat(towns)) + figures;
        }

        var first = await FingerprintAsync(11);
        (await FingerprintAsync(11)).ShouldBe(first);
        (await FingerprintAsync(12)).ShouldNotBe(first);
    }

    [Fact]
    public async Task Refuses_to_generate_twice_into_the_same_database()
    {
        var storage = await GeneratedAsync(StorageProvider.Sqlite, 3);
        await using var db = storage.CreateContext();
        var before = await db.Enterprises.CountAsync();
        var error = await Should.ThrowAsync<InvalidOperationException>(() => ScaleGenerator.GenerateAsync(db, ScaleSpec.Province.Divide(50), 3, Password));
        error.Message.ShouldContain("已有大量企业数据");
        (await db.Enterprises.CountAsync()).ShouldBe(before);
    }
}
