using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SpecializedTowns.Web.Tests.Faults;

/// <summary>
/// Issue 8, 故障: the web process SIGKILLed while an import, an evaluation publish and a workflow step are in flight. Each time it
/// is started again on the same database, the data is exactly as before the step or exactly as after it — row counts, a checksum
/// of the rows the step writes, and the audit entries — never half; and the step can then be done again.
/// Kill delays are late in the step and just after it, so some land mid-transaction. The import is killed on both providers;
/// publish and the workflow step on SQLite (their all-or-nothing is the same one-transaction code, and each kill costs a restart).
/// </summary>
public class KillTests(ITestOutputHelper output)
{
    // Ports of this helper's range (5231–5239), one per test so that a test never meets another's process.
    private static int Port(string test, StorageProvider provider) => 5231 + test switch { "import" => 0, "publish" => 2, _ => 4 } + (provider == StorageProvider.Sqlite ? 0 : 1);

    private enum Seen { Before, After }

    /// <summary>Sends the request, SIGKILLs the process after <paramref name="delayMs"/>, and starts it again on the same database.</summary>
    private static async Task<(WebProcess Web, bool InTransaction)> KillDuringAsync(WebProcess web, StorageSettings storage, Func<Task<HttpResponseMessage>> send, int delayMs)
    {
        var request = Task.Run(send);
        await Task.Delay(delayMs);
        web.Kill();
        var open = await TransactionLeftOpenAsync(storage);
        try { (await request).Dispose(); } catch (Exception) { /* the connection died with the process */ }
        await web.DisposeAsync();
        return (await WebProcess.StartAsync(storage, web.Port), open);
    }

    /// <summary>
    /// Whether the kill caught a write transaction of the app open (the step's, or another of its writes) — told, not asserted
    /// (timing decides): SQLite leaves its hot rollback journal beside the file; PostgreSQL still shows the dead client's
    /// backend in a transaction until it notices.
    /// </summary>
    private static async Task<bool> TransactionLeftOpenAsync(StorageSettings storage)
    {
        if (storage.Provider == StorageProvider.Sqlite)
            return File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DataSource + "-journal");
        await using var admin = new Npgsql.NpgsqlConnection(PostgresServer.Instance.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND xact_start IS NOT NULL AND pid <> pg_backend_pid()", admin);
        command.Parameters.AddWithValue("db", new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString).Database!);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static string Describe(IEnumerable<(int Delay, Seen Seen, bool Open)> seen) =>
        string.Join("，", seen.Select(s => $"{s.Delay} ms → {s.Seen}{(s.Open ? "（杀时有未提交的写事务）" : "")}"));

    private static async Task<WebProcess> RestartAsync(WebProcess web, StorageSettings storage)
    {
        await web.DisposeAsync();
        return await WebProcess.StartAsync(storage, web.Port);
    }

    private static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));


    /// <summary>
    /// Kill delays spread over how long the step takes on a just-started process (timed once, on a decoy), from before the
    /// request reaches the database to after it has answered: the machine's speed decides where the transaction is, not a guess.
    /// </summary>
    private async Task<int[]> DelaysAsync(string what, Func<Task<HttpResponseMessage>> decoy)
    {
        var timer = Stopwatch.StartNew();
        using (var response = await decoy())
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        var took = (int)timer.ElapsedMilliseconds;
        output.WriteLine($"{what}: {took} ms on a just-started process");
        // Late in the step (its transaction open or committing on most runs) and just after it: each kill restarts a process
        // and CI has two cores, so two points; which side of the commit a kill lands on is logged with each run.
        return [took * 7 / 10, took * 14 / 10];
    }

    // ---------------------------------------------------------------- (a) import of 20,000 enterprises

    // Big enough to take well over a second (the whole request is timed below); small enough for a test on two shared cores.
    private const int ImportRows = 8_000;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static string Code(int n)
    {
        var tail = new char[9];
        for (var i = 8; i >= 0; i--) { tail[i] = Alphabet[n % 31]; n /= 31; }
        var body = "91140827" + new string(tail);
        return body + Uscc.CheckCharacter(body);
    }

    private static string Prefix(int round) => $"断电测试{round:00}号";

    private static (byte[] Csv, List<string> Expected) EnterpriseFile(int round, int countyId)
    {
        var kind = ImportKinds.Find("enterprises")!;
        var csv = new StringBuilder(string.Join(',', kind.Columns.Select(c => c.TemplateHeader))).Append('\n');
        var expected = new List<string>();
        for (var i = 0; i < ImportRows; i++)
        {
            var code = Code(round * 100_000 + i);
            var name = $"{Prefix(round)}企业{i:00000}有限公司";
            csv.Append(code).Append(',').Append(name).Append(",新绛县,,,配套企业,,,,\n");
            expected.Add($"{code}|{name}|{countyId}|{EnterpriseRole.Supporting}");
        }
        expected.Sort(StringComparer.Ordinal);
        return (Encoding.UTF8.GetBytes(csv.ToString()), expected);
    }

    private sealed record ImportState(int Enterprises, int Audit, int Mine, int MineAudit, string MineHash);

    private static async Task<ImportState> ImportStateAsync(StorageSettings storage, int round)
    {
        await using var db = storage.CreateContext();
        var prefix = Prefix(round);
        var mine = (await db.Enterprises.AsNoTracking().Where(e => e.Name.StartsWith(prefix))
                .Select(e => new { e.Uscc, e.Name, e.CountyId, e.Role }).ToListAsync())
            .Select(e => $"{e.Uscc}|{e.Name}|{e.CountyId}|{e.Role}").Order(StringComparer.Ordinal).ToList();
        return new ImportState(await db.Enterprises.CountAsync(), await db.AuditEntries.CountAsync(), mine.Count,
            await db.AuditEntries.CountAsync(a => a.EntityType == "Enterprise" && a.EntityLabel!.StartsWith(prefix)), Hash(mine));
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient api, byte[] csv)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(csv), "file", "企业名录.csv");
        return await api.PostAsync("/api/v1/imports/enterprises?dryRun=false", form);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_import_killed_midway_leaves_all_or_none_of_its_rows_and_can_be_run_again(StorageProvider provider)
    {
        var clock = Stopwatch.StartNew();
        var storage = await TestDatabases.WithDemoAsync(provider);
        var web = await WebProcess.StartAsync(storage, Port("import", provider));
        try
        {
            // Started from its build folder (no wwwroot there) the process still serves its styles, from the project's wwwroot.
            using (var css = await web.Http.GetAsync("/css/site.css"))
                (css.StatusCode, css.Content.Headers.ContentType?.MediaType).ShouldBe((HttpStatusCode.OK, "text/css"));
            int countyId;
            await using (var db = storage.CreateContext())
                countyId = await db.Jurisdictions.Where(j => j.Name == "新绛县").Select(j => j.Id).SingleAsync();
            var seen = new List<(int Delay, Seen Seen, bool Open)>();
            var round = 0;
            var decoy = EnterpriseFile(99, countyId).Csv;
            var admin = await web.ApiAsync("admin");
            foreach (var delay in await DelaysAsync($"{provider} import", () => ImportAsync(admin, decoy)))
            {
                round++;
                var (csv, expected) = EnterpriseFile(round, countyId);
                var before = await ImportStateAsync(storage, round);
                before.Mine.ShouldBe(0);
                var api = await web.ApiAsync("admin");
                (web, var open) = await KillDuringAsync(web, storage, () => ImportAsync(api, csv), delay);
                var after = await ImportStateAsync(storage, round);
                if (after.Mine == 0)
                {
                    after.ShouldBe(before, $"killed after {delay} ms with none of the rows in: nothing else may have changed either");
                    seen.Add((delay, Seen.Before, open));
                }
                else
                {
                    after.Mine.ShouldBe(ImportRows, $"killed after {delay} ms: all {ImportRows} rows or none");
                    after.MineHash.ShouldBe(Hash(expected), "the rows are the file's, whole");
                    after.Enterprises.ShouldBe(before.Enterprises + ImportRows);
                    after.MineAudit.ShouldBe(ImportRows, "one audit entry per row imported");
                    after.Audit.ShouldBe(before.Audit + ImportRows, "and no other entry");
                    seen.Add((delay, Seen.After, open));
                }
            }
            output.WriteLine($"{provider}: " + Describe(seen));

            // Done again on the restarted process: the last file goes in whole (or, if it already had, changes nothing).
            var last = EnterpriseFile(round, countyId);
            var timer = Stopwatch.StartNew();
            using var again = await ImportAsync(await web.ApiAsync("admin"), last.Csv);
            again.StatusCode.ShouldBe(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
            output.WriteLine($"{provider}: a whole import of {ImportRows} rows took {timer.ElapsedMilliseconds} ms; test {clock.Elapsed.TotalSeconds:0} s");
            var final = await ImportStateAsync(storage, round);
            final.Mine.ShouldBe(ImportRows);
            final.MineHash.ShouldBe(Hash(last.Expected));
        }
        finally { await web.DisposeAsync(); }
    }

    // ---------------------------------------------------------------- (b) publishing an annual evaluation

    private sealed record EvaluationState(string State, DateTime? PublishedAtUtc, int Results, string ResultsHash, int Audit, long LastAuditId, int Evaluations);

    private static async Task<EvaluationState> EvaluationStateAsync(StorageSettings storage, int id)
    {
        await using var db = storage.CreateContext();
        var e = await db.Evaluations.AsNoTracking().SingleAsync(x => x.Id == id);
        var results = (await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationId == id).ToListAsync())
            .Select(r => JsonSerializer.Serialize(r)).Order(StringComparer.Ordinal).ToList();
        return new EvaluationState(e.State.ToString(), e.PublishedAtUtc, results.Count, Hash(results), await db.AuditEntries.CountAsync(),
            await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0, await db.Evaluations.CountAsync());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    public async Task A_publish_killed_midway_leaves_the_evaluation_a_draft_or_published_whole_and_it_can_be_published_again(StorageProvider provider)
    {
        var clock = Stopwatch.StartNew();
        var storage = await TestDatabases.WithDemoAsync(provider);
        var web = await WebProcess.StartAsync(storage, Port("publish", provider));
        try
        {
            var seen = new List<(int Delay, Seen Seen, bool Open)>();
            var year = 2025;
            int? draft = null;
            var decoyOffice = await web.ApiAsync("shanxi-office");
            // A year of its own below the ones published below (2025 down to 2023 at most), with a town recognised by its end: a
            // year's objects are the towns recognised in it (decision 0023), so 2010's evaluation had nobody to publish.
            using var decoyDraft = await decoyOffice.PostAsJsonAsync("/api/v1/evaluations", new { year = 2022, kind = "town" });
            var decoy = JsonDocument.Parse(await decoyDraft.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
            // The decoy runs on a process that has only just started, as each publish below does.
            web = await RestartAsync(web, storage);
            decoyOffice = await web.ApiAsync("shanxi-office");
            foreach (var delay in await DelaysAsync($"{provider} publish", () => decoyOffice.PostAsJsonAsync($"/api/v1/evaluations/{decoy}/publish", new { coverageReason = "已结合各单位工作职责核实" })))
            {
                var api = await web.ApiAsync("shanxi-office");
                if (draft is null)
                {
                    using var created = await api.PostAsJsonAsync("/api/v1/evaluations", new { year = year--, kind = "town" });
                    created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                    draft = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
                }
                var id = draft.Value;
                var before = await EvaluationStateAsync(storage, id);
                before.State.ShouldBe("Draft");
                before.Results.ShouldBeGreaterThan(0);
                (web, var open) = await KillDuringAsync(web, storage, () => api.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { coverageReason = "已结合各单位工作职责核实" }), delay);
                var after = await EvaluationStateAsync(storage, id);
                if (after.State == "Draft")
                {
                    after.ShouldBe(before, $"killed after {delay} ms and still a draft: results and audit as they were");
                    seen.Add((delay, Seen.Before, open));
                }
                else
                {
                    after.State.ShouldBe("Published");
                    after.PublishedAtUtc.ShouldNotBeNull();
                    after.Results.ShouldBe(before.Results, "every subject's result is there, frozen");
                    after.Evaluations.ShouldBe(before.Evaluations);
                    await using (var db = storage.CreateContext())
                    {
                        var key = id.ToString();
                        var written = await db.AuditEntries.AsNoTracking().Where(a => a.Id > before.LastAuditId).ToListAsync();
                        written.Count.ShouldBe(after.Audit - before.Audit);
                        written.ShouldAllBe(a => a.RootType == "AnnualEvaluation" && a.RootId == key, "the publish wrote nothing outside the evaluation");
                        written.ShouldContain(a => a.EntityType == "AnnualEvaluation" && a.Changes.Contains("PublishedAtUtc"), "the publish is in the audit, with the change");
                    }
                    seen.Add((delay, Seen.After, open));
                    draft = null;
                }
            }
            output.WriteLine($"{provider}: " + Describe(seen));

            // Done again: a draft left by a kill is published; if the last one went through, a new one is.
            var office = await web.ApiAsync("shanxi-office");
            if (draft is null)
            {
                using var created = await office.PostAsJsonAsync("/api/v1/evaluations", new { year = year--, kind = "town" });
                draft = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
            }
            var timer = Stopwatch.StartNew();
            using var published = await office.PostAsJsonAsync($"/api/v1/evaluations/{draft}/publish", new { coverageReason = "已结合各单位工作职责核实" });
            published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
            (await EvaluationStateAsync(storage, draft.Value)).State.ShouldBe("Published");
            output.WriteLine($"{provider}: a publish took {timer.ElapsedMilliseconds} ms; test {clock.Elapsed.TotalSeconds:0} s");
        }
        finally { await web.DisposeAsync(); }
    }

    // ---------------------------------------------------------------- (c) a workflow step: ending the publicity of a recognition

    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyCatalog.Load(TestDatabases.PoliciesDirectory));

    /// <summary>A new county-tier town in 新绛县 with an application to 运城's standard, decided and in publicity that has run out.</summary>
    private static async Task<(int Application, int Town)> InPublicityAsync(StorageSettings storage, int round)
    {
        await using var db = storage.CreateContext();
        var county = await db.Jurisdictions.SingleAsync(j => j.Name == "新绛县");
        var town = new SpecializedTown { Name = $"断电测试{round}号专业镇", CountyId = county.Id, Category = "manufacturing", LeadingIndustry = "测试", Tier = Tier.County };
        db.Towns.Add(town);
        await db.SaveChangesAsync();
        var expert = await db.Users.Where(u => u.UserName == "expert-zhang").Select(u => u.Id).SingleAsync();
        var service = new ApplicationService(db, Catalog.Value, new FixedClock(DateTimeOffset.UtcNow.AddDays(-30)));
        var office = new UserScope(100, Roles.Office, county.Path, null);
        var city = new UserScope(101, Roles.Office, county.Path[..county.Path.LastIndexOf('/')], null);
        var facts = """{"category":"manufacturing","annualOutputValueWanYuan":85000,"leadingEnterprises":2,"supportingEnterprises":14,"localEmployment":2600,"provincialMarketSharePercent":30,"largeNationalMarketSpace":true}""";
        var id = await service.CreateAsync(office, "xinjiang-office", town.Id, "yuncheng-municipal", facts);
        await service.SubmitAsync(office, "xinjiang-office", id);
        await service.AcceptAsync(city, "yuncheng-office", id, [expert]);
        await service.ScoreAsync(new UserScope(expert, Roles.Expert, city.JurisdictionPath, null), "expert-zhang", id,
            new Dictionary<string, (bool, string)> { ["market-share"] = (true, "全国市场空间大"), [ExpertScore.Overall] = (true, "同意认定") });
        await service.ConcludeAsync(city, "yuncheng-office", id);
        await service.DecideAsync(city, "yuncheng-office", id, Decision.Recognize, $"运专领发〔2025〕{round}号", null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)), settlement: "申报数含尚未录入平台的企业，已核对名单");
        return (id, town.Id);
    }

    private sealed record StepState(ApplicationState State, int Events, Tier Tier, int TierChanges, int TownVersion, int Audit);

    private static async Task<StepState> StepStateAsync(StorageSettings storage, int application, int town)
    {
        await using var db = storage.CreateContext();
        var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == application);
        var t = await db.Towns.AsNoTracking().SingleAsync(x => x.Id == town);
        return new StepState(a.State, await db.ApplicationEvents.CountAsync(e => e.ApplicationId == application), t.Tier,
            await db.TierChanges.CountAsync(c => c.SpecializedTownId == town), t.Version, await db.AuditEntries.CountAsync());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    public async Task Ending_a_publicity_killed_midway_recognises_the_town_whole_or_not_at_all_and_can_be_done_again(StorageProvider provider)
    {
        var clock = Stopwatch.StartNew();
        var storage = await TestDatabases.WithDemoAsync(provider);
        var web = await WebProcess.StartAsync(storage, Port("step", provider));
        try
        {
            var seen = new List<(int Delay, Seen Seen, bool Open)>();
            var round = 0;
            (int Application, int Town)? pending = null;
            var decoy = await InPublicityAsync(storage, 99);
            var city = await web.ApiAsync("yuncheng-office");
            foreach (var delay in await DelaysAsync($"{provider} end of publicity",
                () => city.PostAsJsonAsync($"/api/v1/applications/{decoy.Application}/steps", new { action = "end-publicity", objectionUpheld = false })))
            {
                pending ??= await InPublicityAsync(storage, ++round);
                var (application, town) = pending.Value;
                var before = await StepStateAsync(storage, application, town);
                (before.State, before.Tier).ShouldBe((ApplicationState.Publicity, Tier.County));
                var api = await web.ApiAsync("yuncheng-office");
                (web, var open) = await KillDuringAsync(web, storage,
                    () => api.PostAsJsonAsync($"/api/v1/applications/{application}/steps", new { action = "end-publicity", objectionUpheld = false }), delay);
                var after = await StepStateAsync(storage, application, town);
                if (after.State == ApplicationState.Publicity)
                {
                    after.ShouldBe(before, $"killed after {delay} ms, not recognised: town, history and audit as they were");
                    seen.Add((delay, Seen.Before, open));
                }
                else
                {
                    after.ShouldBe(before with
                    {
                        State = ApplicationState.Recognized, Events = before.Events + 1, Tier = Tier.Municipal, TierChanges = before.TierChanges + 1,
                        TownVersion = before.TownVersion + 1, Audit = before.Audit + 4,
                    }, $"killed after {delay} ms, recognised: the application, its record, the town, its tier history and four audit entries");
                    seen.Add((delay, Seen.After, open));
                    pending = null;
                }
            }
            output.WriteLine($"{provider}: " + Describe(seen));

            pending ??= await InPublicityAsync(storage, ++round);
            var again = await (await web.ApiAsync("yuncheng-office")).PostAsJsonAsync($"/api/v1/applications/{pending.Value.Application}/steps", new { action = "end-publicity", objectionUpheld = false });
            again.StatusCode.ShouldBe(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
            (await StepStateAsync(storage, pending.Value.Application, pending.Value.Town)).Tier.ShouldBe(Tier.Municipal);
            output.WriteLine($"{provider}: test {clock.Elapsed.TotalSeconds:0} s");
        }
        finally { await web.DisposeAsync(); }
    }
}
