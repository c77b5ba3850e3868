using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>The platform's PostgreSQL sessions run without JIT, keep parallel workers for national-size scans of tables and indexes and prepare the statements they repeat (StorageSettings.ForShortQueries).</summary>
public class SessionSettingsTests
{
    [PostgresFact]
    public async Task A_platform_session_has_no_jit_and_no_parallel_scan_of_a_province_table_and_an_operator_s_options_win()
    {
        var storage = TestDatabases.Create(StorageProvider.PostgreSql);
        await using (var db = storage.CreateContext())
        {
            (await Show(db, "jit")).ShouldBe(("off", "client"));
            (await Show(db, "min_parallel_table_scan_size")).ShouldBe(("256MB", "client"));
            (await Show(db, "min_parallel_index_scan_size")).ShouldBe(("256MB", "client"));
        }
        // The operator's Options: their jit and their search_path, ours for the rest.
        var own = new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString) { Options = "-c jit=on -c search_path=public" }.ConnectionString;
        await using (var db = (storage with { ConnectionString = own }).CreateContext())
        {
            (await Show(db, "jit")).ShouldBe(("on", "client"));
            (await Show(db, "search_path")).ShouldBe(("public", "client"));
            (await Show(db, "min_parallel_table_scan_size")).ShouldBe(("256MB", "client"));
        }
    }

    [PostgresFact]
    public async Task A_statement_run_again_and_again_is_prepared_on_its_connection_unless_the_operator_turned_that_off()
    {
        var storage = TestDatabases.Create(StorageProvider.PostgreSql);
        (await PreparedAfterRepeatsAsync(storage)).ShouldBe(1);
        (await PreparedAfterRepeatsAsync(storage with { ConnectionString = storage.ConnectionString + ";Max Auto Prepare=0" })).ShouldBe(0);
        (await PreparedAfterRepeatsAsync(storage with { ConnectionString = storage.ConnectionString + ";MaxAutoPrepare=0" })).ShouldBe(0);
    }

    [PostgresFact]
    public async Task Work_over_a_city_or_the_province_is_planned_for_each_run_s_values_and_the_session_keeps_one_plan_again_after_it()
    {
        var storage = TestDatabases.Create(StorageProvider.PostgreSql);
        await using var db = storage.CreateContext();
        // Opened here, so that the statements below and those inside the work share one connection and its prepared statements.
        await db.Database.OpenConnectionAsync();
        var mode = await db.PlannedPerRunAsync(Province, async () =>
        {
            for (var i = 0; i < 10; i++) await RunPlanProbeAsync(db, i);
            return (await db.Database.SqlQuery<string>($"SELECT current_setting('plan_cache_mode') AS \"Value\"").ToListAsync()).Single();
        });
        mode.ShouldBe("force_custom_plan");
        // Work nested in such work (the bell lists the red projects) leaves the setting to the outer work.
        (await db.PlannedPerRunAsync(Province, async () =>
        {
            await db.PlannedPerRunAsync(Province, () => RunPlanProbeAsync(db, 0));
            return (await db.Database.SqlQuery<string>($"SELECT current_setting('plan_cache_mode') AS \"Value\"").ToListAsync()).Single();
        })).ShouldBe("force_custom_plan");
        // Npgsql prepares a statement from its fifth run on; each prepared run since was planned for its own values.
        var during = await PlansAsync(db);
        during.Generic.ShouldBe(0);
        during.Custom.ShouldBeGreaterThan(0);

        (await db.Database.SqlQuery<string>($"SELECT current_setting('plan_cache_mode') AS \"Value\"").ToListAsync()).Single().ShouldBe("auto");
        for (var i = 0; i < 10; i++) await RunPlanProbeAsync(db, i);
        // Back to PostgreSQL's own choice: after five runs planned for their values, one plan for all of them.
        (await PlansAsync(db)).Generic.ShouldBeGreaterThan(0);

        // A county's work keeps the one plan: the planner's guess of a handful of jurisdictions fits it.
        (await db.PlannedPerRunAsync(Province with { JurisdictionPath = "山西省/运城市/垣曲县" }, async () =>
            (await db.Database.SqlQuery<string>($"SELECT current_setting('plan_cache_mode') AS \"Value\"").ToListAsync()).Single())).ShouldBe("auto");
        (await db.PlannedPerRunAsync(Province with { JurisdictionPath = "山西省/运城市" }, async () =>
            (await db.Database.SqlQuery<string>($"SELECT current_setting('plan_cache_mode') AS \"Value\"").ToListAsync()).Single())).ShouldBe("force_custom_plan");
    }

    [PostgresFact]
    public async Task Work_over_the_province_that_fails_puts_the_setting_back_before_its_connection_goes_back_to_the_pool()
    {
        // Pooled, as the web process's connections are (the test databases' own connection string turns pooling off).
        var storage = TestDatabases.Create(StorageProvider.PostgreSql) is var created
            ? created with { ConnectionString = created.ConnectionString + ";Pooling=true" } : null!;
        var pid = 0;
        await using (var db = storage.CreateContext())
        {
            await Should.ThrowAsync<InvalidOperationException>(() => db.PlannedPerRunAsync<int>(Province, async () =>
            {
                pid = (await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").ToListAsync()).Single();
                throw new InvalidOperationException("work failed");
            }));
        }
        // The pool hands the same session out again, unreset (No Reset On Close): only PlansPerRun put the setting back.
        await using (var db = storage.CreateContext())
        {
            var row = (await db.Database.SqlQuery<Session>($"SELECT pg_backend_pid() AS \"Pid\", current_setting('plan_cache_mode') AS \"Mode\"").ToListAsync()).Single();
            row.Pid.ShouldBe(pid);
            row.Mode.ShouldBe("auto");
            Npgsql.NpgsqlConnection.ClearPool((Npgsql.NpgsqlConnection)db.Database.GetDbConnection());
        }
    }

    private sealed record Session(int Pid, string Mode);

    [Fact]
    public void Pooled_connections_are_not_reset_unless_the_operator_says_so()
    {
        var ours = new Npgsql.NpgsqlConnectionStringBuilder(StorageSettings.ForShortQueries("Host=db;Database=towns"));
        ours.NoResetOnClose.ShouldBeTrue();
        ours.MaxAutoPrepare.ShouldBe(StorageSettings.AutoPrepared);
        new Npgsql.NpgsqlConnectionStringBuilder(StorageSettings.ForShortQueries("Host=db;Database=towns;No Reset On Close=false")).NoResetOnClose.ShouldBeFalse();
        new Npgsql.NpgsqlConnectionStringBuilder(StorageSettings.ForShortQueries("Host=db;Database=towns;NoResetOnClose=false")).NoResetOnClose.ShouldBeFalse();
    }

    [Fact]
    public async Task On_SQLite_work_over_a_whole_scope_simply_runs()
    {
        await using var db = TestDatabases.Create(StorageProvider.Sqlite).CreateContext();
        (await db.PlannedPerRunAsync(Province, async () => (await db.Database.SqlQuery<int>($"SELECT 41 + 1 AS \"Value\"").ToListAsync()).Single())).ShouldBe(42);
    }

    private static readonly SpecializedTowns.Data.Accounts.UserScope Province = new(1, SpecializedTowns.Core.Accounts.Roles.Office, "山西省", null);

    private static Task<List<int>> RunPlanProbeAsync(TownsDbContext db, int i) =>
        db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM pg_class WHERE relname = {"plan-probe-" + i}").ToListAsync();

    /// <summary>How often the server used one plan for all values and how often it planned for the run's values, for the probe statement.</summary>
    private static async Task<(long Generic, long Custom)> PlansAsync(TownsDbContext db)
    {
        var row = (await db.Database.SqlQuery<PlanCounts>($"SELECT generic_plans AS \"Generic\", custom_plans AS \"Custom\" FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%' AND statement NOT LIKE '%pg_prepared_statements%'").ToListAsync()).Single();
        return (row.Generic, row.Custom);
    }

    private sealed record PlanCounts(long Generic, long Custom);

    /// <summary>The server's prepared statements of one connection that has run the same query ten times.</summary>
    private static async Task<int> PreparedAfterRepeatsAsync(StorageSettings storage)
    {
        await using var db = storage.CreateContext();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 10; i++) await db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM pg_class WHERE relname = 'repeated-query'").ToListAsync();
        return (await db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%repeated-query%' AND statement NOT LIKE '%pg_prepared_statements%'").ToListAsync()).Single();
    }

    /// <summary>A setting's value and where the session got it from ("client": the connection's startup options).</summary>
    private static async Task<(string, string)> Show(TownsDbContext db, string setting)
    {
        var row = (await db.Database.SqlQuery<Setting>($"SELECT setting AS \"Value\", unit AS \"Unit\", source AS \"Source\" FROM pg_settings WHERE name = {setting}").ToListAsync()).Single();
        return (row.Unit == "8kB" ? $"{long.Parse(row.Value) * 8 / 1024}MB" : row.Value, row.Source);
    }

    private sealed record Setting(string Value, string? Unit, string Source);
}
