using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// The counts the database keeps for the dashboard and the recognition checks (schema version 24): after every kind of
/// write the platform and an operator make, they equal a count of the enterprises themselves.
/// </summary>
public class EnterpriseTallyTests
{
    /// <summary>Tallies against a GROUP BY of the enterprises, and each designation's town against its enterprise's.</summary>
    public static async Task ShouldMatchTheEnterprisesAsync(StorageSettings storage, string when)
    {
        await using var db = storage.CreateContext();
        await ShouldMatchTheEnterprisesAsync(db, when);
    }

    public static async Task ShouldMatchTheEnterprisesAsync(TownsDbContext db, string when)
    {
        var counted = (await db.Enterprises.AsNoTracking()
                .GroupBy(e => new { e.CountyId, TownId = e.SpecializedTownId ?? EnterpriseTally.NoTown, e.Role })
                .Select(g => new { g.Key.CountyId, g.Key.TownId, g.Key.Role, Count = g.Count() })
                .ToListAsync())
            .Select(c => $"{c.CountyId}/{c.TownId}/{c.Role}={c.Count}").Order().ToList();
        var kept = (await db.EnterpriseTallies.AsNoTracking().Where(t => t.Enterprises != 0).ToListAsync())
            .Select(t => $"{t.CountyId}/{t.TownId}/{t.Role}={t.Enterprises}").Order().ToList();
        kept.ShouldBe(counted, $"tallies {when}");

        var wrong = await db.EnterpriseDesignations.AsNoTracking()
            .Where(d => EF.Property<int?>(d, DesignationTown.Property) != db.Enterprises.Where(e => e.Id == d.EnterpriseId).Select(e => e.SpecializedTownId).FirstOrDefault())
            .CountAsync();
        wrong.ShouldBe(0, $"designations whose town is not their enterprise's, {when}");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Stay_equal_to_a_count_through_every_kind_of_write(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await ShouldMatchTheEnterprisesAsync(storage, "after the demo load");
        int townA, townB, townC, countyA, countyB, otherCounty, created;
        await using (var db = storage.CreateContext())
        {
            (await db.EnterpriseTallies.SumAsync(t => t.Enterprises)).ShouldBe(await db.Enterprises.CountAsync());
            var towns = await db.Towns.OrderBy(t => t.Id).Select(t => new { t.Id, t.CountyId }).Take(2).ToListAsync();
            (townA, countyA, townB, countyB) = (towns[0].Id, towns[0].CountyId, towns[1].Id, towns[1].CountyId);
            var code = await db.Jurisdictions.Where(j => j.Id == countyA).Select(j => j.Code).SingleAsync();
            otherCounty = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County && j.Id != countyA).Select(j => j.Id).FirstAsync();
            // A town of its own, which nothing else refers to, to delete at the end.
            var own = new SpecializedTown { Name = "计数测试镇", CountyId = countyA, Category = "manufacturing", LeadingIndustry = "计数" };
            db.Towns.Add(own);
            await db.SaveChangesAsync();
            townC = own.Id;

            // A form: one enterprise with two designations.
            var enterprise = new Enterprise
            {
                Name = "计数测试企业", Uscc = Uscc.Demo(code!, 987_654), CountyId = countyA, SpecializedTownId = townA, Role = EnterpriseRole.Leading,
                Designations = [new EnterpriseDesignation { Key = "zhuanjingtexin" }, new EnterpriseDesignation { Key = "high_tech" }],
            };
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            created = enterprise.Id;
        }
        await ShouldMatchTheEnterprisesAsync(storage, "after a form adds an enterprise");

        await using (var db = storage.CreateContext())
        {
            // Moved to another town, county and role at once; its designations follow it.
            var enterprise = await db.Enterprises.SingleAsync(e => e.Id == created);
            (enterprise.SpecializedTownId, enterprise.CountyId, enterprise.Role) = (townB, countyB, EnterpriseRole.Supporting);
            await db.SaveChangesAsync();
            (await db.EnterpriseDesignations.CountAsync(d => d.EnterpriseId == created && EF.Property<int?>(d, DesignationTown.Property) == townB)).ShouldBe(2);
        }
        await ShouldMatchTheEnterprisesAsync(storage, "after an enterprise moves town, county and role");

        await using (var db = storage.CreateContext())
        {
            // A rename writes no tally; a designation removed, another added; then out of any town.
            var enterprise = await db.Enterprises.Include(e => e.Designations).SingleAsync(e => e.Id == created);
            enterprise.Name = "计数测试企业（更名）";
            enterprise.Designations.RemoveAt(0);
            enterprise.Designations.Add(new EnterpriseDesignation { Key = "provincial_tech_center" });
            await db.SaveChangesAsync();
            enterprise.SpecializedTownId = null;
            await db.SaveChangesAsync();
        }
        await ShouldMatchTheEnterprisesAsync(storage, "after a rename, designation changes and leaving the town");

        await using (var db = storage.CreateContext())
        {
            // Statements an operator or an import might run: many rows at once.
            await db.Database.ExecuteSqlRawAsync("UPDATE enterprises SET role = 2 WHERE specialized_town_id = {0} AND role = 1", townA);
            await db.Database.ExecuteSqlRawAsync("UPDATE enterprises SET specialized_town_id = {0} WHERE specialized_town_id = {1}", townC, townB);
            // The county alone.
            (await db.Database.ExecuteSqlRawAsync("UPDATE enterprises SET county_id = {0} WHERE specialized_town_id = {1} AND county_id = {2}", otherCounty, townA, countyA))
                .ShouldBeGreaterThan(0);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO enterprises (name, uscc, county_id, specialized_town_id, role, is_above_scale, is_demo, version) " +
                "SELECT name || '（二）', 'X' || substr(uscc, 2), county_id, specialized_town_id, role, is_above_scale, is_demo, 0 FROM enterprises WHERE specialized_town_id = {0}", townC);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO enterprise_designations (enterprise_id, key) SELECT id, 'bulk_key' FROM enterprises WHERE specialized_town_id = {0}", townC);
            // A designation handed from an enterprise of town C to one in no town; then a write straight into the kept column.
            (await db.Database.ExecuteSqlRawAsync(
                "UPDATE enterprise_designations SET enterprise_id = {0} WHERE id = (SELECT MIN(d.id) FROM enterprise_designations d " +
                "JOIN enterprises e ON e.id = d.enterprise_id WHERE e.specialized_town_id = {1} AND d.key = 'bulk_key')", created, townC)).ShouldBe(1);
            await db.Database.ExecuteSqlRawAsync("UPDATE enterprise_designations SET specialized_town_id = {0}", townA);
            await ShouldMatchTheEnterprisesAsync(storage, "after statements that insert many rows");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprises WHERE uscc LIKE 'X%'");
        }
        await ShouldMatchTheEnterprisesAsync(storage, "after statements over many rows");

        await using (var db = storage.CreateContext())
        {
            // A town deleted: its enterprises' town is set to null by the foreign key, designations follow.
            (await db.Enterprises.CountAsync(e => e.SpecializedTownId == townC)).ShouldBeGreaterThan(0);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM specialized_towns WHERE id = {0}", townC);
            (await db.EnterpriseTallies.Where(t => t.TownId == townC).SumAsync(t => t.Enterprises)).ShouldBe(0);

            // A write rolled back leaves the tallies as they were.
            var before = await db.EnterpriseTallies.SumAsync(t => t.Enterprises);
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprises WHERE id = {0}", created);
                (await db.EnterpriseTallies.SumAsync(t => t.Enterprises)).ShouldBe(before - 1);
                await tx.RollbackAsync();
            }
            (await db.EnterpriseTallies.SumAsync(t => t.Enterprises)).ShouldBe(before);
        }
        await ShouldMatchTheEnterprisesAsync(storage, "after a town is deleted and a rollback");

        if (provider == StorageProvider.PostgreSql)
        {
            await using var db = storage.CreateContext();
            await db.Database.ExecuteSqlRawAsync("TRUNCATE enterprises CASCADE");
            await ShouldMatchTheEnterprisesAsync(storage, "after TRUNCATE");
            (await db.EnterpriseTallies.CountAsync()).ShouldBe(0);
        }
    }

    /// <summary>
    /// PostgreSQL, two sessions at once: a designation added while another session moves its enterprise to another town (and
    /// the other way round) ends up with the town the enterprise has once both have committed.
    /// </summary>
    [PostgresFact]
    public async Task A_designation_added_during_a_move_follows_the_enterprise()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        int enterprise, from, to;
        await using (var db = storage.CreateContext())
        {
            var towns = await db.Towns.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
            (from, to) = (towns[0], towns[1]);
            enterprise = await db.Enterprises.Where(e => e.SpecializedTownId == from).Select(e => e.Id).FirstAsync();
        }
        async Task<Npgsql.NpgsqlConnection> OpenAsync()
        {
            var c = new Npgsql.NpgsqlConnection(storage.ConnectionString);
            await c.OpenAsync();
            return c;
        }
        static async Task RunAsync(Npgsql.NpgsqlConnection c, string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, c);
            await command.ExecuteNonQueryAsync();
        }
        async Task<int?> TownOfAsync(string key)
        {
            await using var db = storage.CreateContext();
            return await db.EnterpriseDesignations.Where(d => d.EnterpriseId == enterprise && d.Key == key)
                .Select(d => EF.Property<int?>(d, DesignationTown.Property)).SingleAsync();
        }

        await using var mover = await OpenAsync();
        await using var adder = await OpenAsync();

        // The move first, the designation while it is not yet committed.
        await RunAsync(mover, "BEGIN");
        await RunAsync(mover, $"UPDATE enterprises SET specialized_town_id = {to} WHERE id = {enterprise}");
        await RunAsync(adder, "BEGIN");
        var adding = RunAsync(adder, $"INSERT INTO enterprise_designations (enterprise_id, key) VALUES ({enterprise}, 'race_one')");
        await Task.Delay(200);
        await RunAsync(mover, "COMMIT");
        await adding;
        await RunAsync(adder, "COMMIT");
        (await TownOfAsync("race_one")).ShouldBe(to, "added while the enterprise was being moved");

        // The designation first, the move while it is not yet committed.
        await RunAsync(adder, "BEGIN");
        await RunAsync(adder, $"INSERT INTO enterprise_designations (enterprise_id, key) VALUES ({enterprise}, 'race_two')");
        await RunAsync(mover, "BEGIN");
        var moving = RunAsync(mover, $"UPDATE enterprises SET specialized_town_id = {from} WHERE id = {enterprise}");
        await Task.Delay(200);
        await RunAsync(adder, "COMMIT");
        await moving;
        await RunAsync(mover, "COMMIT");
        (await TownOfAsync("race_two")).ShouldBe(from, "added just before the enterprise was moved");
        (await TownOfAsync("race_one")).ShouldBe(from);
        await ShouldMatchTheEnterprisesAsync(storage, "after both races");
    }
}
