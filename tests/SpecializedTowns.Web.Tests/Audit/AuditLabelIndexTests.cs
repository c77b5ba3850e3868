using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Demo.Scale;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>
/// The name search of the audit page through the index of pairs of characters (<see cref="AuditLabelIndex"/>): the same
/// entries, in the same order and count, whether none, some or all of them are indexed, and entries written after the
/// index caught up are found before it reaches them.
/// </summary>
public class AuditLabelIndexTests
{
    private static readonly SpecializedTowns.Core.Policies.PolicyCatalog Catalog = SpecializedTowns.Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    private static readonly string[] Columns =
        ["at_utc", "user_name", "display_name", "actor_path", "record_path", "action", "entity_type", "entity_id", "entity_label", "root_type", "root_id", "changes"];

    private static readonly string[] Words = ["鑫盛", "铸造", "晋阳", "蔬菜", "有限", "公司", "合作社", "项目", "盛铸", "100%", "a_b", "X"];

    /// <summary>Entries named from a few words, so that terms match many, few or none, and some pairs of a term lie apart in a name.</summary>
    private static async Task<List<(long Id, DateTime At, string? Label, string? Record, string? Actor)>> AppendAsync(TownsDbContext db, int count, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<object?[]>();
        for (var i = 0; i < count; i++)
        {
            var label = (i % 17) switch
            {
                0 => null,
                1 => Words[rng.Next(Words.Length)][..1],
                _ => string.Concat(Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => Words[rng.Next(Words.Length)])) + $"（{rng.Next(200)}）",
            };
            var record = rng.Next(3) == 0 ? "山西省/运城市/垣曲县" : "山西省/太原市/小店区";
            // Times out of id order, as the demo's entries are.
            var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(500_000));
            rows.Add([at, "system", "系统", null, record, AuditAction.Updated, "Enterprise", $"{i}", label, "Enterprise", $"{i}", "[]"]);
        }
        await BulkRows.InsertAsync(db, "audit_entries", Columns, rows);
        return (await db.AuditEntries.Select(e => new { e.Id, e.AtUtc, e.EntityLabel, e.RecordPath, e.ActorPath }).ToListAsync())
            .Select(e => (e.Id, e.AtUtc, e.EntityLabel, e.RecordPath, e.ActorPath)).ToList();
    }

    private static readonly string[] Terms = ["鑫盛", "（1", "盛铸", "铸造有限", "鑫盛铸造", "（12）", "100%", "a_b", "0%a", "盛", "X（", "不存在", "公司合作社项目"];

    private static async Task ShouldFindAsync(TownsDbContext db, List<(long Id, DateTime At, string? Label, string? Record, string? Actor)> entries, string state)
    {
        foreach (var (scope, place) in new[] { (new UserScope(9_999, Roles.Admin, "山西省", null), (string?)null), (new UserScope(9_999, Roles.Office, "山西省/运城市", null), "山西省/运城市/") })
        foreach (var term in Terms)
        {
            var expected = entries.Where(e => e.Label?.Contains(term, StringComparison.Ordinal) == true && (place is null || $"{e.Record}/".StartsWith(place, StringComparison.Ordinal) || $"{e.Actor}/".StartsWith(place, StringComparison.Ordinal)))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
            for (var page = 1; page <= 2; page++)
            {
                var found = await AuditQueries.ListAsync(db, Catalog, scope, new AuditFilter { Search = term, Page = page, PageSize = 50 });
                found.Items.Select(e => e.Id).ShouldBe(expected.Skip((page - 1) * 50).Take(50), $"{state}: {scope.Role} “{term}” page {page}");
                found.Total.ShouldBe(expected.Count, $"{state}: {scope.Role} “{term}”");
            }
        }
    }

    [Fact]
    public void A_term_is_made_of_pairs_every_name_holding_it_has()
    {
        var name = "鑫盛铸造有限公司（12）";
        foreach (var term in new[] { "鑫盛", "盛铸造", "铸造有限", "（12）", "司（" })
            AuditLabelIndex.Pairs(term).ShouldBeSubsetOf(AuditLabelIndex.Pairs(name), term);
        AuditLabelIndex.Pairs("铸盛").Except(AuditLabelIndex.Pairs(name)).ShouldNotBeEmpty("a pair the name does not hold");
        AuditLabelIndex.Pairs("盛").ShouldBeEmpty();
        AuditLabelIndex.Pairs("盛盛盛").Length.ShouldBe(1, "each pair once");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Search_finds_the_same_entries_whether_none_some_or_all_are_indexed(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var entries = await AppendAsync(db, 3_000, seed: 3);
        await ShouldFindAsync(db, entries, "none indexed");

        (await AuditLabelIndex.IndexSomeAsync(db, 1_000)).ShouldNotBeNull();
        (await AuditLabelIndex.IndexSomeAsync(db, 1_000)).ShouldNotBeNull();
        await ShouldFindAsync(db, entries, "some indexed");

        var batches = 0;
        while (await AuditLabelIndex.IndexSomeAsync(db, 1_000) is not null) batches++;
        batches.ShouldBeGreaterThan(0);
        // Every entry holding the term, newest first, and those holding its pairs apart (盛铸 … 鑫盛) besides.
        var candidates = (await AuditLabelIndex.CandidatesAsync(db, "鑫盛铸", 100_000)).ShouldNotBeNull();
        candidates.ShouldBeSubsetOf(entries.Where(e => e.Label?.Contains("鑫盛") == true && e.Label.Contains("盛铸")).Select(e => e.Id));
        entries.Where(e => e.Label?.Contains("鑫盛铸") == true).Select(e => e.Id).ShouldBeSubsetOf(candidates);
        candidates.Count.ShouldBeGreaterThan(entries.Count(e => e.Label?.Contains("鑫盛铸") == true), "pairs apart in some names");
        candidates.ShouldBeUnique();
        var times = entries.ToDictionary(e => e.Id, e => e.At);
        candidates.ShouldBe(candidates.OrderByDescending(id => times[id]).ThenByDescending(id => id).ToList(), "newest first");
        await ShouldFindAsync(db, entries, "all indexed");

        // Written after the index caught up: found by testing them, until indexed too.
        entries = await AppendAsync(db, 800, seed: 4);
        await ShouldFindAsync(db, entries, "new ones not indexed");
        while (await AuditLabelIndex.IndexSomeAsync(db, 5_000) is not null) { }
        await ShouldFindAsync(db, entries, "all indexed again");
        // More of a term than the index may point a search to: the list as it was read without the index.
        (await AuditLabelIndex.CandidatesAsync(db, "鑫盛", 10)).ShouldBeNull();
        (await AuditLabelIndex.CandidatesAsync(db, "盛", 100_000)).ShouldBeNull("one character has no pair");
    }

    [PostgresFact]
    public async Task An_entry_committed_after_later_ones_were_indexed_is_still_found()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        await using var db = storage.CreateContext();
        while (await AuditLabelIndex.IndexSomeAsync(db, 50_000) is not null) { }
        const string insert = """
            INSERT INTO audit_entries (at_utc, user_name, display_name, action, entity_type, entity_id, entity_label, root_type, root_id, changes)
            VALUES (now(), 'system', '系统', 2, 'Enterprise', '1', @label, 'Enterprise', '1', '[]')
            """;
        // The earlier id is committed last: PostgreSQL gives ids out in order but commits in any.
        await using var late = new NpgsqlConnection(storage.ConnectionString);
        await late.OpenAsync();
        await using var tx = await late.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(insert, late, tx) { Parameters = { new("label", "迟到的晋阳企业") } })
            await command.ExecuteNonQueryAsync();
        await db.Database.ExecuteSqlRawAsync(insert.Replace("@label", "{0}"), "早到的晋阳企业");
        while (await AuditLabelIndex.IndexSomeAsync(db, 50_000) is not null) { }
        await tx.CommitAsync();

        var admin = new UserScope(9_999, Roles.Admin, "山西省", null);
        (await AuditQueries.ListAsync(db, Catalog, admin, new AuditFilter { Search = "晋阳企业" })).Items.Select(e => e.EntityLabel)
            .ShouldBe(["早到的晋阳企业", "迟到的晋阳企业"], ignoreOrder: true);
        (await AuditLabelIndex.IndexSomeAsync(db, 50_000)).ShouldBe(1, "the late entry's own range was waiting");
        (await AuditQueries.ListAsync(db, Catalog, admin, new AuditFilter { Search = "晋阳企业" })).Items.Select(e => e.EntityLabel)
            .ShouldBe(["早到的晋阳企业", "迟到的晋阳企业"], ignoreOrder: true);
        (await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM audit_label_pending").SingleAsync()).ShouldBe(0);
    }
}
