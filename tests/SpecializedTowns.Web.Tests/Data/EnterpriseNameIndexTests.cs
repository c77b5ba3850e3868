using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Demo.Scale;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// The enterprise list's name search through the index of pairs of characters on PostgreSQL (<see cref="EnterpriseNameIndex"/>):
/// the same rows, in the same order and count, as the list without a search filtered by hand, whether none, some or all of
/// the names are indexed, after renames and deletions the index has not caught up with, and for enterprises imported after
/// it caught up. SQLite has no index; the same checks hold there.
/// </summary>
public class EnterpriseNameIndexTests
{
    private static readonly string[] Words = ["鑫盛", "铸造", "晋阳", "蔬菜", "有限", "公司", "合作社", "盛铸"];

    private static readonly string[] Terms = ["鑫盛", "盛铸", "铸造有限", "鑫盛铸造", "（12）", "（1", "公司合作社", "盛", "不存在的名称"];

    private static string Name(Random rng, int i) => (i % 13) switch
    {
        0 => Words[rng.Next(Words.Length)][..1],
        _ => string.Concat(Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => Words[rng.Next(Words.Length)])) + $"（{rng.Next(200)}）{i}",
    };

    private static readonly UserScope Province = new(9_999, Roles.Admin, "山西省", null);
    private static readonly UserScope Yuncheng = new(9_999, Roles.Office, "山西省/运城市", null);

    /// <summary>Every search, both scopes, the default order and by name: pages 1 and 2, the total, and the export's rows.</summary>
    private static async Task ShouldFindAsync(TownsDbContext db, string state)
    {
        foreach (var scope in new[] { Province, Yuncheng })
        foreach (var sort in new[] { (string?)null, "name" })
        {
            var all = new List<EnterpriseListItem>();
            await foreach (var item in EnterpriseQueries.AllAsync(db, new EnterpriseFilter { Sort = sort }, scope)) all.Add(item);
            foreach (var term in Terms)
            {
                var expected = all.Where(i => i.Name.Contains(term, StringComparison.Ordinal)).Select(i => i.Id).ToList();
                var because = $"{state}: {scope.JurisdictionPath} “{term}” sort {sort ?? "default"}";
                for (var page = 1; page <= 2; page++)
                {
                    var found = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = term, Sort = sort, Page = page, PageSize = 50 }, scope);
                    found.Items.Select(i => i.Id).ShouldBe(expected.Skip((page - 1) * 50).Take(50), $"{because} page {page}");
                    found.Total.ShouldBe(expected.Count, because);
                }
                var exported = new List<int>();
                await foreach (var item in EnterpriseQueries.AllAsync(db, new EnterpriseFilter { Search = term, Sort = sort }, scope)) exported.Add(item.Id);
                exported.ShouldBe(expected, $"{because} export");
            }
        }
    }

    private static async Task<int> IndexAllAsync(TownsDbContext db)
    {
        var batches = 0;
        while (await EnterpriseNameIndex.IndexSomeAsync(db, 700) is not null) batches++;
        return batches;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Search_finds_what_the_names_hold_whatever_the_index_has_caught_up_with(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var postgres = provider == StorageProvider.PostgreSql;
        var yuanqu = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
        var xiaodian = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/太原市/小店区");
        var rng = new Random(51);
        // Saved by EF, several statements: several ranges waiting.
        db.Enterprises.AddRange(Enumerable.Range(0, 2_000).Select(i => new Enterprise
        {
            Name = Name(rng, i), Uscc = $"91140000NAME{i:D5}X", CountyId = i % 3 == 0 ? xiaodian.Id : yuanqu.Id,
            Role = i % 4 == 0 ? EnterpriseRole.Leading : EnterpriseRole.Supporting,
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await ShouldFindAsync(db, "none indexed");

        if (postgres)
        {
            (await EnterpriseNameIndex.CandidatesAsync(db, "不存在的名称", 1_000)).ShouldBeNull("more waiting than the index may point a search to");
            (await EnterpriseNameIndex.IndexSomeAsync(db, 700)).ShouldNotBeNull();
            (await EnterpriseNameIndex.IndexSomeAsync(db, 700)).ShouldNotBeNull();
            await ShouldFindAsync(db, "some indexed");
            (await IndexAllAsync(db)).ShouldBeGreaterThan(0);
            // Every enterprise holding the term's pairs, those holding them apart (盛铸 … 鑫盛) besides.
            var names = await db.Enterprises.AsNoTracking().Select(e => new { e.Id, e.Name }).ToListAsync();
            var candidates = (await EnterpriseNameIndex.CandidatesAsync(db, "鑫盛铸", 100_000)).ShouldNotBeNull();
            candidates.Order().ShouldBe(names.Where(e => e.Name.Contains("鑫盛") && e.Name.Contains("盛铸")).Select(e => e.Id).Order());
            candidates.Length.ShouldBeGreaterThan(names.Count(e => e.Name.Contains("鑫盛铸")), "pairs apart in some names");
            (await EnterpriseNameIndex.CandidatesAsync(db, "鑫盛", 10)).ShouldBeNull("more than the index may point a search to");
            (await EnterpriseNameIndex.CandidatesAsync(db, "盛", 100_000)).ShouldBeNull("one character has no pair");
            (await EnterpriseNameIndex.CandidatesAsync(db, "不存在的名称", 1_000)).ShouldNotBeNull().ShouldBeEmpty("nothing waiting");
        }
        else (await EnterpriseNameIndex.IndexSomeAsync(db, 700)).ShouldBeNull("SQLite has no index");
        await ShouldFindAsync(db, "all indexed");

        // Renamed (into and out of the terms, to a single character) and deleted, before the index catches up.
        var ours = await db.Enterprises.Where(e => e.Uscc.StartsWith("91140000NAME")).OrderBy(e => e.Id).ToListAsync();
        var withTerm = ours.Where(e => e.Name.Contains("鑫盛")).Take(20).ToList();
        var withoutTerm = ours.Where(e => !e.Name.Contains("鑫盛") && !e.Name.Contains("盛铸")).Take(20).ToList();
        foreach (var e in withTerm) e.Name = "改名的晋阳公司" + e.Id;
        foreach (var e in withoutTerm) e.Name = "新鑫盛铸造有限公司（12）" + e.Id;
        withTerm[^1].Name = "鑫";
        await db.SaveChangesAsync();
        var deleted = ours.Where(e => e.Name.Contains("盛铸") && !withTerm.Contains(e) && !withoutTerm.Contains(e)).Take(15).Select(e => e.Id).ToList();
        deleted.Count.ShouldBe(15);
        await db.Enterprises.Where(e => deleted.Contains(e.Id)).ExecuteDeleteAsync();
        db.ChangeTracker.Clear();
        await ShouldFindAsync(db, "renamed and deleted, not indexed");
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "改名的晋阳" }, Province)).Total.ShouldBe(withTerm.Count - 1);
        await IndexAllAsync(db);
        await ShouldFindAsync(db, "renamed and deleted, indexed");

        // Imported after the index caught up (one COPY, as an import writes): found before the index reaches them.
        var next = await BulkRows.MaxIdAsync(db, "enterprises") + 1;
        await BulkRows.InsertAsync(db, "enterprises", ["id", "name", "uscc", "county_id", "role", "industry", "industry_category", "is_above_scale", "is_demo"],
            Enumerable.Range(0, 600).Select(i => new object?[] { next + i, Name(rng, i) + "导入", $"91140000IMPT{i:D5}X", yuanqu.Id, 2, "铸造", "manufacturing", false, false }));
        await ShouldFindAsync(db, "imported, not indexed");
        await IndexAllAsync(db);
        await ShouldFindAsync(db, "imported, indexed");

        if (postgres)
        {
            (await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM enterprise_name_pending").SingleAsync()).ShouldBe(0);
            // Each enterprise with a name of two characters or more once, and none deleted.
            var indexed = await db.Database.SqlQueryRaw<int>("SELECT enterprise_id AS \"Value\" FROM enterprise_name_grams").ToListAsync();
            indexed.Order().ShouldBe((await db.Enterprises.Where(e => e.Name.Length >= 2).Select(e => e.Id).ToListAsync()).Order());
        }
    }

    [PostgresFact]
    public async Task The_search_reads_the_index_and_tests_only_the_enterprises_waiting()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        await using var db = storage.CreateContext();
        var yuanqu = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
        db.Enterprises.AddRange(Enumerable.Range(0, 30).Select(i => new Enterprise
            { Name = $"鑫盛铸造{i}有限公司", Uscc = $"91140000XSZZ{i:D5}X", CountyId = yuanqu.Id, Role = EnterpriseRole.Supporting }));
        await db.SaveChangesAsync();
        while (await EnterpriseNameIndex.IndexSomeAsync(db, 50_000) is not null) { }
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "鑫盛" }, Province)).Total.ShouldBe(30);

        // Pairs taken away behind the platform's back, nothing waiting: a search that found them now reads the index alone.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprise_name_grams WHERE enterprise_id IN (SELECT id FROM enterprises WHERE uscc LIKE '91140000XSZZ%' AND name LIKE '%1%')");
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "鑫盛" }, Province)).Total.ShouldBe(30 - 12);
        // A credit-code fragment is not looked for in the index (the codes are not in it).
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "XSZZ" }, Province)).Total.ShouldBe(30);
    }

    [PostgresFact]
    public async Task An_enterprise_committed_after_later_ones_were_indexed_is_still_found()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        await using var db = storage.CreateContext();
        while (await EnterpriseNameIndex.IndexSomeAsync(db, 50_000) is not null) { }
        var county = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => j.Id).SingleAsync();
        // Another county for the early one: the two would otherwise wait on the same row of the enterprise tallies.
        var other = await db.Jurisdictions.Where(j => j.Path == "山西省/太原市/小店区").Select(j => j.Id).SingleAsync();
        const string insert = "INSERT INTO enterprises (name, uscc, county_id, role, is_above_scale, is_demo) VALUES (@name, @uscc, @county, 2, false, false)";
        // The earlier id is committed last: PostgreSQL gives ids out in order but commits in any.
        await using var late = new NpgsqlConnection(storage.ConnectionString);
        await late.OpenAsync();
        await using var tx = await late.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(insert, late, tx) { Parameters = { new("name", "迟到的晋阳企业"), new("uscc", "91140000LATE00001X"), new("county", county) } })
            await command.ExecuteNonQueryAsync();
        await using (var early = new NpgsqlConnection(storage.ConnectionString))
        {
            await early.OpenAsync();
            await using var command = new NpgsqlCommand(insert, early) { Parameters = { new("name", "早到的晋阳企业"), new("uscc", "91140000LATE00002X"), new("county", other) } };
            await command.ExecuteNonQueryAsync();
        }
        while (await EnterpriseNameIndex.IndexSomeAsync(db, 50_000) is not null) { }
        await tx.CommitAsync();

        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "晋阳企业" }, Province)).Items.Select(e => e.Name)
            .ShouldBe(["早到的晋阳企业", "迟到的晋阳企业"], ignoreOrder: true);
        (await EnterpriseNameIndex.IndexSomeAsync(db, 50_000)).ShouldBe(1, "the late enterprise's own range was waiting");
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "晋阳企业" }, Province)).Items.Select(e => e.Name)
            .ShouldBe(["早到的晋阳企业", "迟到的晋阳企业"], ignoreOrder: true);
    }
}
