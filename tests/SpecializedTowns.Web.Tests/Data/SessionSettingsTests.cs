using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>The platform's PostgreSQL sessions run without JIT, keep parallel workers for national-size scans and prepare the statements they repeat (StorageSettings.ForShortQueries).</summary>
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
