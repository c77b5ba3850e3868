using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>The platform's PostgreSQL sessions run without JIT and keep parallel workers for national-size scans (StorageSettings.ForShortQueries).</summary>
public class SessionSettingsTests
{
    [PostgresFact]
    public async Task A_platform_session_has_no_jit_and_no_parallel_scan_of_a_province_table_unless_the_operator_says_otherwise()
    {
        var storage = TestDatabases.Create(StorageProvider.PostgreSql);
        await using (var db = storage.CreateContext())
        {
            (await Show(db, "jit")).ShouldBe("off");
            (await Show(db, "min_parallel_table_scan_size")).ShouldBe("256MB");
        }
        var own = new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString) { Options = "-c jit=on" }.ConnectionString;
        await using (var db = (storage with { ConnectionString = own }).CreateContext())
        {
            (await Show(db, "jit")).ShouldBe("on");
            (await Show(db, "min_parallel_table_scan_size")).ShouldBe("8MB", "the server's default: the operator's Options replace ours");
        }
    }

    private static async Task<string> Show(TownsDbContext db, string setting) =>
        (await db.Database.SqlQuery<string>($"SELECT current_setting({setting}) AS \"Value\"").ToListAsync()).Single();
}
