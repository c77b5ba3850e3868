using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reserve;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reserve;

/// <summary>
/// 储备培育's years kept between requests (<see cref="ClusterYears"/>): kept while nothing they are made of changes, worked
/// out again after any change, whichever connection made it — as another web process, an import or psql would.
/// </summary>
public class ClusterYearsTests
{
    private const string Shanxi = "山西省";

    private static decimal Output(ClusterYear year) => year.Provinces.SelectMany(p => p).Sum(p => p.OutputWanYuan);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_year_is_kept_until_what_it_is_made_of_changes_through_any_connection(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        var years = new ClusterYears();
        await using var db = storage.CreateContext();
        var first = await years.GetAsync(db, 2024, Shanxi);
        first.Provinces.ShouldNotBeEmpty();
        (await years.GetAsync(db, 2024, Shanxi)).ShouldBeSameAs(first, "nothing changed");

        // A figure changed elsewhere: the next request has it.
        await using (var other = storage.CreateContext())
        {
            var figure = await other.EnterpriseStatistics.Where(s => s.Year == 2024 && s.OutputValueWanYuan > 0).OrderBy(s => s.Id).FirstAsync();
            figure.OutputValueWanYuan += 1000m;
            await other.SaveChangesAsync();
        }
        var changed = await years.GetAsync(db, 2024, Shanxi);
        changed.ShouldNotBeSameAs(first);
        Output(changed).ShouldBe(Output(first) + 1000m);
        (await years.GetAsync(db, 2024, Shanxi)).ShouldBeSameAs(changed, "kept again");

        // Every other table the year is made of, written by plain SQL (a statement that changes nothing counts too).
        var last = changed;
        foreach (var (what, sql) in new[]
        {
            ("enterprise", "UPDATE enterprises SET industry = industry WHERE id = (SELECT MIN(id) FROM enterprises)"),
            ("designation", "DELETE FROM enterprise_designations WHERE id = (SELECT MIN(id) FROM enterprise_designations)"),
            ("town", "UPDATE specialized_towns SET leading_industry = leading_industry WHERE id = (SELECT MIN(id) FROM specialized_towns)"),
            ("jurisdiction", "UPDATE jurisdictions SET code = code WHERE id = (SELECT MIN(id) FROM jurisdictions)"),
            ("a town's townships", "UPDATE specialized_town_townships SET township_id = township_id"),
            ("statistics deleted", "DELETE FROM enterprise_annual_statistics WHERE id = (SELECT MIN(id) FROM enterprise_annual_statistics WHERE year = 2024)"),
        })
        {
            await using (var other = storage.CreateContext()) await other.Database.ExecuteSqlRawAsync(sql);
            var next = await years.GetAsync(db, 2024, Shanxi);
            next.ShouldNotBeSameAs(last, what);
            (await years.GetAsync(db, 2024, Shanxi)).ShouldBeSameAs(next, what + ", then kept again");
            last = next;
        }

        // Writes elsewhere leave it kept.
        await using (var other = storage.CreateContext())
            await other.Database.ExecuteSqlRawAsync("UPDATE town_annual_statistics SET year = year");
        (await years.GetAsync(db, 2024, Shanxi)).ShouldBeSameAs(last);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_background_round_works_out_the_latest_year_then_a_changed_year_once_its_data_has_settled(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        var years = new ClusterYears();
        await using var db = storage.CreateContext();
        var latest = (await ClusterQueries.YearsAsync(db))[0];
        (await years.RefreshAsync(db)).ShouldBe([(latest, Shanxi)], "a new process works the province's latest year out before anyone asks");
        var kept = await years.GetAsync(db, latest, Shanxi);
        (await years.RefreshAsync(db)).ShouldBeEmpty("nothing changed");
        (await years.GetAsync(db, latest, Shanxi)).ShouldBeSameAs(kept);

        async Task WriteAsync()
        {
            await using var other = storage.CreateContext();
            await other.Database.ExecuteSqlRawAsync(
                "UPDATE enterprise_annual_statistics SET output_value_wan_yuan = output_value_wan_yuan + 500 WHERE id = (SELECT MIN(id) FROM enterprise_annual_statistics WHERE year = {0})", latest);
        }
        // Still changing at a round: left for the next; changed again: left again; settled: worked out once.
        await WriteAsync();
        (await years.RefreshAsync(db)).ShouldBeEmpty("the data has just changed");
        await WriteAsync();
        (await years.RefreshAsync(db)).ShouldBeEmpty("it changed again since the last round");
        (await years.RefreshAsync(db)).ShouldBe([(latest, Shanxi)], "settled since the last round");
        var refreshed = await years.GetAsync(db, latest, Shanxi);
        refreshed.ShouldNotBeSameAs(kept);
        Output(refreshed).ShouldBe(Output(kept) + 1000m);
        (await years.RefreshAsync(db)).ShouldBeEmpty("already worked out");
        (await years.GetAsync(db, latest, Shanxi)).ShouldBeSameAs(refreshed);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_province_is_worked_out_alone_and_only_a_few_are_kept(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var shanxi = await new ClusterYears().GetAsync(db, 2024, Shanxi);

        // Another province with one enterprise and its figures.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO jurisdictions (name, level, code, parent_id, path) VALUES ('河北省', 1, '130000', NULL, '河北省')");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO jurisdictions (name, level, code, parent_id, path) SELECT '石家庄市', 2, '130100', id, '河北省/石家庄市' FROM jurisdictions WHERE path = '河北省'");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO jurisdictions (name, level, code, parent_id, path) SELECT '正定县', 3, '130123', id, '河北省/石家庄市/正定县' FROM jurisdictions WHERE path = '河北省/石家庄市'");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO enterprises (name, uscc, county_id, role, is_above_scale, is_demo, industry, industry_category, version) " +
            "SELECT '正定测试企业', '91130123MA0000001X', id, 2, FALSE, FALSE, '电机', 'manufacturing', 0 FROM jurisdictions WHERE path = '河北省/石家庄市/正定县'");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO enterprise_annual_statistics (enterprise_id, year, output_value_wan_yuan, employment, is_demo) " +
            "SELECT id, 2024, 777, 7, FALSE FROM enterprises WHERE uscc = '91130123MA0000001X'");

        var years = new ClusterYears();
        var alone = await years.GetAsync(db, 2024, Shanxi);
        alone.Provinces.Count.ShouldBe(1);
        Output(alone).ShouldBe(Output(shanxi), "Shanxi's sums leave out Hebei's enterprise");
        var all = await years.GetAsync(db, 2024, null);
        all.Provinces.Count.ShouldBe(2);
        Output(all).ShouldBe(Output(shanxi) + 777m);
        Output(await years.GetAsync(db, 2024, "河北省")).ShouldBe(777m);

        // Two provinces: nothing is worked out before an office asks for its own.
        (await new ClusterYears().RefreshAsync(db)).ShouldBeEmpty();

        // At most four kept: the one used longest ago goes.
        await years.GetAsync(db, 2023, Shanxi);
        (await years.GetAsync(db, 2024, Shanxi)).ShouldBeSameAs(alone, "still kept, and now the latest used");
        await years.GetAsync(db, 2022, Shanxi);
        (await years.GetAsync(db, 2024, Shanxi)).ShouldBeSameAs(alone, "the fifth dropped the one used longest ago, not this one");
        (await years.GetAsync(db, 2024, null)).ShouldNotBeSameAs(all, "all provinces, used longest ago, was dropped");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Marks_are_cleared_as_they_pile_up_and_a_change_is_still_seen(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        var years = new ClusterYears();
        await using var db = storage.CreateContext();
        await using (var other = storage.CreateContext())
            for (var i = 0; i < 1_005; i++)
                await other.Database.ExecuteSqlRawAsync("UPDATE jurisdictions SET code = code WHERE id = 1");
        var before = await years.GetAsync(db, 2024, Shanxi);
        // Reading the mark cleared the pile (PostgreSQL appends a row per statement; SQLite keeps one).
        (await db.DataChanges.CountAsync()).ShouldBeLessThanOrEqualTo(2);
        var kept = await years.GetAsync(db, 2024, Shanxi);
        await using (var other = storage.CreateContext())
            await other.Database.ExecuteSqlRawAsync("DELETE FROM enterprise_annual_statistics WHERE id = (SELECT MIN(id) FROM enterprise_annual_statistics WHERE year = 2024 AND output_value_wan_yuan IS NOT NULL)");
        var after = await years.GetAsync(db, 2024, Shanxi);
        after.ShouldNotBeSameAs(kept);
        Output(after).ShouldBeLessThanOrEqualTo(Output(before));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Pictures_of_a_kept_year_reuse_its_checks_instead_of_piling_them_up(StorageProvider provider)
    {
        var catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        var leader = new UserScope(3, Roles.Leader, "山西省/运城市", null);
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var year = await new ClusterYears().GetAsync(db, 2024, Shanxi);

        var first = await ClusterQueries.PictureAsync(db, catalog, leader, year, null, new CandidateRules());
        first.Candidates.ShouldNotBeEmpty();
        var checkedOnce = year.CheckedCells;
        checkedOnce.ShouldBe(first.Candidates.Count);
        // Each request looks the target standards up anew: the checks are still found, not made and kept again.
        var second = await ClusterQueries.PictureAsync(db, catalog, leader, year, null, new CandidateRules());
        year.CheckedCells.ShouldBe(checkedOnce);
        second.Candidates.Zip(first.Candidates).ShouldAllBe(p => ReferenceEquals(p.First.Candidate, p.Second.Candidate));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_picture_is_kept_for_everyone_who_sees_the_same_and_worked_out_again_when_a_town_takes_a_candidates_township(StorageProvider provider)
    {
        var catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        var leader = new UserScope(3, Roles.Leader, "山西省/运城市", null);
        var office = new UserScope(4, Roles.Office, "山西省/运城市", null);
        var storage = await TestDatabases.WithDemoAsync(provider);
        var years = new ClusterYears();
        await using var db = storage.CreateContext();
        var year = await years.GetAsync(db, 2024, Shanxi);

        var first = await ClusterQueries.PictureAsync(db, catalog, leader, year, null, new CandidateRules());
        (await ClusterQueries.PictureAsync(db, catalog, office, year, null, new CandidateRules())).ShouldBeSameAs(first, "the same city seen by another person");
        var stricter = await ClusterQueries.PictureAsync(db, catalog, leader, year, null, new CandidateRules { MinEnterprises = 5 });
        stricter.ShouldNotBeSameAs(first, "other thresholds");
        stricter.Candidates.Count.ShouldBeLessThan(first.Candidates.Count);
        stricter.Placed.ShouldBeSameAs(first.Placed, "the same cells, ranked by other rules");
        var yongji = await ClusterQueries.PictureAsync(db, catalog, leader, year, "山西省/运城市/永济市", new CandidateRules());
        yongji.ShouldNotBeSameAs(first, "one county of the city");
        yongji.Cells.ShouldNotBeEmpty();
        yongji.Cells.ShouldAllBe(c => c.TownshipPath.StartsWith("山西省/运城市/永济市/"));
        var yongjiOffice = new UserScope(5, Roles.Office, "山西省/运城市/永济市", null);
        (await ClusterQueries.PictureAsync(db, catalog, yongjiOffice, year, null, new CandidateRules())).ShouldBeSameAs(yongji, "the county office sees what the city sees of it");
        (await ClusterQueries.PictureAsync(db, catalog, yongjiOffice, year, "山西省/运城市", new CandidateRules())).ShouldBeSameAs(yongji, "a wider area shows no more than the scope");
        (await ClusterQueries.PictureAsync(db, catalog, yongjiOffice, year, "山西省/运城市/垣曲县", new CandidateRules())).Cells.ShouldBeEmpty("another county");
        (await ClusterQueries.PictureAsync(db, catalog, leader, year, "山西省/运城市/永济", new CandidateRules())).Cells.ShouldBeEmpty("a path that only begins like 永济市");
        year.Kept.ShouldBe((4, 5), "placed for the city, 永济市, nothing and “永济”; the city's two rankings and those of the other three");

        // A town of the city takes the first candidate's township, in the candidate's industry: only the townships table
        // is written for the second step, and the pair is a town now, no longer a candidate.
        var candidate = first.Candidates[0].View;
        var townId = await db.Towns.Where(t => t.County!.Path.StartsWith("山西省/运城市/") && !t.Townships.Any(x => x.TownshipId == candidate.Cell.TownshipId))
            .OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        await using (var other = storage.CreateContext())
            await other.Database.ExecuteSqlAsync($"UPDATE specialized_towns SET leading_industry = {candidate.Cell.Industry} WHERE id = {townId}");
        year = await years.GetAsync(db, 2024, Shanxi);
        var before = await ClusterQueries.PictureAsync(db, catalog, leader, year, null, new CandidateRules());
        before.Candidates.ShouldContain(c => c.Key == candidate.Key);
        await using (var other = storage.CreateContext())
            await other.Database.ExecuteSqlAsync($"INSERT INTO specialized_town_townships (specialized_town_id, township_id) VALUES ({townId}, {candidate.Cell.TownshipId})");
        var after = await ClusterQueries.PictureAsync(db, catalog, leader, await years.GetAsync(db, 2024, Shanxi), null, new CandidateRules());
        after.ShouldNotBeSameAs(before);
        after.Candidates.ShouldNotContain(c => c.Key == candidate.Key);
        after.Placed.At(candidate.Cell.TownshipId, candidate.Cell.Industry)!.TownId.ShouldBe(townId);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_county_map_of_a_kept_year_shows_each_office_its_own_city(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var year = await new ClusterYears().GetAsync(db, 2024, Shanxi);
        // The industry found in most cities, and two of them.
        var (industry, cityIds) = year.CountyCells.GroupBy(c => c.Industry)
            .Select(g => (g.Key, Cities: g.Select(c => c.CityId).Distinct().Order().ToList())).OrderByDescending(x => x.Cities.Count).First();
        cityIds.Count.ShouldBeGreaterThan(1);
        var two = cityIds.Take(2).ToList();
        var cities = await db.Jurisdictions.Where(j => two.Contains(j.Id)).OrderBy(j => j.Id).Select(j => new { j.Name, j.Path }).ToListAsync();
        var countyOfFirst = await db.Jurisdictions.Where(j => j.ParentId == cityIds[0]).Select(j => j.Path).FirstAsync();

        var first = await ClusterQueries.CountiesAsync(db, new UserScope(2, Roles.Office, countyOfFirst, null), year, industry);
        var second = await ClusterQueries.CountiesAsync(db, new UserScope(3, Roles.Leader, cities[1].Path, null), year, industry);
        var province = await ClusterQueries.CountiesAsync(db, new UserScope(1, Roles.Office, "山西省", null), year, industry);
        first.ShouldNotBeEmpty();
        first.ShouldAllBe(c => c.City == cities[0].Name, "a county office's map is its city");
        second.ShouldNotBeEmpty();
        second.ShouldAllBe(c => c.City == cities[1].Name);
        province.Count.ShouldBe(year.CountyCells.Count(c => c.Industry == industry), "the province sees every county with the industry");
        (await ClusterQueries.CountiesAsync(db, new UserScope(4, Roles.Leader, cities[0].Path, null), year, industry)).ShouldBeSameAs(first, "kept for the city");
    }
}
