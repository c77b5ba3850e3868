using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>The platform's PostgreSQL sessions run without JIT and keep parallel workers for national-size scans (StorageSettings.ForShortQueries).</summary>
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

    /// <summary>A setting's value and where the session got it from ("client": the connection's startup options).</summary>
    private static async Task<(string, string)> Show(TownsDbContext db, string setting)
    {
        var row = (await db.Database.SqlQuery<Setting>($"SELECT setting AS \"Value\", unit AS \"Unit\", source AS \"Source\" FROM pg_settings WHERE name = {setting}").ToListAsync()).Single();
        return (row.Unit == "8kB" ? $"{long.Parse(row.Value) * 8 / 1024}MB" : row.Value, row.Source);
    }

    private sealed record Setting(string Value, string? Unit, string Source);
}
