using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Demo.Scale;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>
/// The audit list over more entries than it counts: who reads which entries by place (a range of paths, not LIKE), newest
/// first with an import's entries sharing their moment, the count that stops at <see cref="AuditQueries.CountLimit"/>, and
/// on SQLite the two ways of reading a page (by the time index when there are many, by the place and filter indexes when few).
/// </summary>
public class AuditListTests
{
    private static readonly SpecializedTowns.Core.Policies.PolicyCatalog Catalog = SpecializedTowns.Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    private static readonly string[] Places =
    [
        "山西省/运城市", "山西省/运城市/垣曲县", "山西省/运城市/垣曲县/历山镇", "山西省/运城市盐湖", "山西省/运城", "山西省/运城市0",
        "山西省/晋城市/沁水县", "山西省", "山西", "山西省0",
    ];

    private static readonly string[] Columns =
        ["id", "at_utc", "user_id", "user_name", "display_name", "actor_path", "record_path", "action", "entity_type", "entity_id", "entity_label", "root_type", "root_id", "changes"];

    /// <summary>
    /// 10,500 entries: most made by the province to enterprises of 沁水县 in three imports (one moment each), and a few hundred
    /// spread over the places above as the person's or the record's place, of several kinds and changes.
    /// </summary>
    private static async Task<List<(long Id, DateTime At, string? Actor, string? Record, string Type, AuditAction Action)>> SeedAsync(TownsDbContext db)
    {
        // Entries are filed under jurisdictions' paths (AuditPlaces): 沁水县, where the imports' enterprises lie, is one, as in
        // the full tree (the demo's 晋城市 has no counties). The other odd paths above are not, and lie under no office's place.
        if (!await db.Jurisdictions.AnyAsync(j => j.Path == "山西省/晋城市/沁水县"))
        {
            var city = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/晋城市");
            db.Jurisdictions.Add(new Jurisdiction { Name = "沁水县", Level = JurisdictionLevel.County, ParentId = city.Id, Path = "山西省/晋城市/沁水县", Code = "140521" });
            await db.SaveChangesAsync();
        }
        var rows = new List<object?[]>();
        // What the demo's loading already wrote is read along.
        var kept = (await db.AuditEntries.Select(e => new { e.Id, e.AtUtc, e.ActorPath, e.RecordPath, e.EntityType, e.Action }).ToListAsync())
            .Select(e => (e.Id, e.AtUtc, e.ActorPath, e.RecordPath, e.EntityType, e.Action)).ToList();
        var id = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var rng = new Random(11);
        var imports = new[] { new DateTime(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 1, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc) };
        for (var i = 0; i < 10_500; i++)
        {
            var few = i % 30 == 0;
            var at = few ? new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(700_000)) : imports[i % 3];
            var actor = few ? (rng.Next(4) == 0 ? null : Places[rng.Next(Places.Length)]) : "山西省";
            var record = few ? (rng.Next(4) == 0 ? null : Places[rng.Next(Places.Length)]) : "山西省/晋城市/沁水县";
            var type = few && rng.Next(2) == 0 ? "KeyProject" : "Enterprise";
            var action = few ? (AuditAction)(1 + rng.Next(3)) : AuditAction.Created;
            rows.Add([++id, at, null, "system", "系统", actor, record, action, type, (i + 1).ToString(), $"记录{i}", type, (i + 1).ToString(), "[]"]);
            kept.Add((id, at, actor, record, type, action));
        }
        await BulkRows.InsertAsync(db, "audit_entries", Columns, rows);
        return kept;
    }

    private static bool Under(string? path, string place) => path is not null && (path == place || path.StartsWith(place + "/", StringComparison.Ordinal));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Offices_read_the_entries_of_their_places_newest_first_and_the_count_stops_at_the_limit(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var seeded = await SeedAsync(db);

        foreach (var place in new[] { "山西省/运城市", "山西省/运城市/垣曲县", "山西省", "山西省/晋城市" })
        {
            var scope = new UserScope(9_999, Roles.Office, place, null);
            var expected = seeded.Where(e => Under(e.Actor, place) || Under(e.Record, place))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
            (await AuditQueries.Visible(db, scope).Select(e => e.Id).ToListAsync()).Order().ShouldBe(expected.Order(), $"{place}: by place");

            // Page by page, as the page reads them: the same entries in the same order, whichever way each page was read.
            var read = new List<long>();
            Paged<AuditEntry> page;
            var number = 1;
            do
            {
                page = await AuditQueries.ListAsync(db, Catalog, scope, new AuditFilter { Page = number++, PageSize = 500 });
                read.AddRange(page.Items.Select(e => e.Id));
                page.TotalIsLowerBound.ShouldBe(expected.Count > AuditQueries.CountLimit, place);
                page.Total.ShouldBe(Math.Min(expected.Count, AuditQueries.CountLimit), place);
            }
            while (page.Items.Count == 500);
            read.ShouldBe(expected, $"{place}: newest first");
            // Past the count there is always one more page while this one is full; at the end none.
            page.Pages.ShouldBe(number - 1, place);
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Filters_give_the_same_entries_however_the_page_is_read(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var seeded = await SeedAsync(db);
        // Parts filed under their projects (monthly progress): 重点项目 takes them along, 项目月度进展 lists them alone.
        var id = await db.AuditEntries.MaxAsync(e => e.Id);
        var rng = new Random(5);
        var parts = new List<object?[]>();
        var office = await db.Users.SingleAsync(u => u.UserName == "yuanqu-office");
        for (var i = 0; i < 400; i++)
        {
            var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(700_000));
            var (actor, record) = (Places[rng.Next(Places.Length)], Places[rng.Next(Places.Length)]);
            // Some by the command line, as two of its users, some by an account.
            var (user, name, display) = (i % 10) switch
            {
                0 => ((int?)null, "cli:root", "命令行（root）"),
                1 => (null, "cli:ops", "命令行（ops）"),
                2 => (office.Id, office.UserName!, office.DisplayName),
                _ => (null, "system", "系统"),
            };
            parts.Add([++id, at, user, name, display, actor, record, AuditAction.Updated, "ProjectProgress", $"{i + 1}", null, "KeyProject", $"{i % 40 + 1}", "[]"]);
            seeded.Add((id, at, actor, record, "ProjectProgress", AuditAction.Updated));
        }
        // An import by the account: more entries of it than are counted, all of one moment, read account by account.
        var imported = new DateTime(2025, 9, 1, 2, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 10_100; i++)
        {
            parts.Add([++id, imported, office.Id, office.UserName!, office.DisplayName, "山西省/运城市/垣曲县", "山西省/晋城市/沁水县", AuditAction.Created, "Enterprise", $"x{i}", $"导入{i}", "Enterprise", $"x{i}", "[]"]);
            seeded.Add((id, imported, "山西省/运城市/垣曲县", "山西省/晋城市/沁水县", "Enterprise", AuditAction.Created));
        }
        await BulkRows.InsertAsync(db, "audit_entries", Columns, parts);
        var labels = await db.AuditEntries.ToDictionaryAsync(e => e.Id, e => e.EntityLabel);
        var actors = await db.AuditEntries.ToDictionaryAsync(e => e.Id, e => e.UserName);
        var accounts = await db.AuditEntries.ToDictionaryAsync(e => e.Id, e => e.UserId);
        var yuanqu = await db.Users.Where(u => u.DisplayName.Contains("垣曲")).Select(u => (int?)u.Id).ToListAsync();
        bool Named(long entry, string part) => labels[entry]?.Contains(part, StringComparison.Ordinal) == true;

        var filters = new (AuditFilter Filter, Func<(long Id, DateTime At, string? Actor, string? Record, string Type, AuditAction Action), bool> Keeps)[]
        {
            (new AuditFilter { EntityType = "KeyProject" }, e => e.Type is "KeyProject" or "ProjectProgress"),
            (new AuditFilter { EntityType = "ProjectProgress" }, e => e.Type == "ProjectProgress"),
            (new AuditFilter { Action = AuditAction.Deleted }, e => e.Action == AuditAction.Deleted),
            (new AuditFilter { EntityType = "Enterprise", Action = AuditAction.Created }, e => e.Type == "Enterprise" && e.Action == AuditAction.Created),
            (new AuditFilter { User = "系统" }, e => actors[e.Id] == "system"),
            (new AuditFilter { User = "system" }, e => actors[e.Id] == "system"),
            (new AuditFilter { User = "命令行" }, e => actors[e.Id].StartsWith("cli:", StringComparison.Ordinal)),
            (new AuditFilter { User = "cli:root" }, e => actors[e.Id] == "cli:root"),
            (new AuditFilter { User = "命令行（ops）" }, e => actors[e.Id] == "cli:ops"),
            (new AuditFilter { User = "nobody" }, _ => false),
            (new AuditFilter { User = "yuanqu-office" }, e => accounts[e.Id] == office.Id),
            (new AuditFilter { User = "垣曲" }, e => yuanqu.Contains(accounts[e.Id])),
            (new AuditFilter { From = new DateOnly(2025, 6, 1), To = new DateOnly(2025, 6, 1) }, e => e.At.AddHours(8).Date == new DateTime(2025, 6, 1)),
            // A name: few matches are read once and ordered in memory; past the count limit the page is read as without it.
            (new AuditFilter { Search = "记录12" }, e => Named(e.Id, "记录12")),
            (new AuditFilter { Search = "记录3", EntityType = "KeyProject" }, e => Named(e.Id, "记录3") && e.Type is "KeyProject" or "ProjectProgress"),
            (new AuditFilter { Search = "记录" }, e => Named(e.Id, "记录")),
        };
        // 晋城市: its 10,000 entries and more read place by place (AuditQueries.NewestByPlaceAsync) up to page 20 of 50.
        foreach (var place in new[] { "山西省", "山西省/运城市/垣曲县", "山西省/晋城市" })
        foreach (var (filter, keeps) in filters)
        {
            var scope = new UserScope(9_999, Roles.Office, place, null);
            var expected = seeded.Where(e => (Under(e.Actor, place) || Under(e.Record, place)) && keeps(e))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
            var first = await AuditQueries.ListAsync(db, Catalog, scope, filter with { Page = 1, PageSize = 50 });
            first.Items.Select(e => e.Id).ShouldBe(expected.Take(50), $"{place} {filter}");
            first.Total.ShouldBe(Math.Min(expected.Count, AuditQueries.CountLimit), $"{place} {filter}");
            var twentieth = await AuditQueries.ListAsync(db, Catalog, scope, filter with { Page = 20, PageSize = 50 });
            twentieth.Items.Select(e => e.Id).ShouldBe(expected.Skip(19 * 50).Take(50), $"{place} {filter}, page 20");
            var deep = await AuditQueries.ListAsync(db, Catalog, scope, filter with { Page = 60, PageSize = 50 });
            deep.Items.Select(e => e.Id).ShouldBe(expected.Skip(59 * 50).Take(50), $"{place} {filter}, page 60");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_page_says_how_far_it_counted_and_the_way_back_from_past_the_end(StorageProvider provider)
    {
        // Its own platform: 10,500 more entries would change what other tests count on the shared ones.
        var storage = TestDatabases.Create(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
        factory.CreateClient().Dispose();
        using (var services = factory.Services.CreateScope())
            await SeedAsync(services.ServiceProvider.GetRequiredService<TownsDbContext>());
        var province = factory.CreateClient(new() { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(province, "shanxi-office", SeededPlatforms.Password);
        var county = factory.CreateClient(new() { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(county, "yuanqu-office", SeededPlatforms.Password);

        var first = System.Net.WebUtility.HtmlDecode(await province.GetStringAsync("/Audit"));
        first.ShouldContain("共 10,000 条以上，第 1 页");
        first.ShouldContain("记录超过 10,000 条，只数到这里");
        first.ShouldContain("href=\"/Audit?page=2\">下一页");
        var past = System.Net.WebUtility.HtmlDecode(await province.GetStringAsync("/Audit?page=5000"));
        past.ShouldContain("第 5000 页没有记录，已超出最后一页。<a href=\"/Audit?page=1\">回到第 1 页</a>");

        // A county's few are counted to the end: its last page is known, and so is the way back to it.
        var own = System.Net.WebUtility.HtmlDecode(await county.GetStringAsync("/Audit"));
        own.ShouldNotContain("条以上");
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(own, "共 (\\d+) 条，第 1 / (\\d+) 页").Groups[2].Value);
        (await county.GetStringAsync("/Audit?page=500")).ShouldContain($"回到第 {total} 页");

        var api = System.Text.Json.JsonDocument.Parse(await province.GetStringAsync("/api/v1/audit?pageSize=500")).RootElement;
        (api.GetProperty("total").GetInt32(), api.GetProperty("totalIsLowerBound").GetBoolean()).ShouldBe((AuditQueries.CountLimit, true));
        var countyApi = System.Text.Json.JsonDocument.Parse(await county.GetStringAsync("/api/v1/audit")).RootElement;
        countyApi.TryGetProperty("totalIsLowerBound", out _).ShouldBeFalse("written only when the count stopped");
    }
}
