using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data;

public enum StorageProvider { Sqlite, PostgreSql }

/// <summary>Which database, from configuration: Storage:Provider and ConnectionStrings:Main.</summary>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteFile = "data/specialized-towns.db";

    /// <summary>
    /// Reads the two settings; with neither, a SQLite file under data/ beside the working directory
    /// (in a checkout: at its root, so the web app and the CLI open the same file).
    /// </summary>
    public static StorageSettings From(string? provider, string? connectionString)
    {
        var kind = provider?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => StorageProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => StorageProvider.PostgreSql,
            _ => throw new ArgumentException($"不支持的存储类型 Storage:Provider=“{provider}”，可用：Sqlite、PostgreSql"),
        };
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (kind == StorageProvider.PostgreSql)
                throw new ArgumentException("使用 PostgreSql 时必须配置连接字符串 ConnectionStrings:Main（环境变量 ConnectionStrings__Main）");
            connectionString = $"Data Source={Path.Combine(Core.Checkout.Home(), DefaultSqliteFile)}";
        }
        return new StorageSettings(kind, connectionString);
    }

    public DbContextOptions<TownsDbContext> DbOptions()
    {
        var builder = new DbContextOptionsBuilder<TownsDbContext>();
        Configure(builder);
        return builder.Options;
    }

    public void Configure(DbContextOptionsBuilder builder)
    {
        // A list of ids in a query goes as one parameter (json_each on SQLite, an array on PostgreSQL), not one parameter per
        // id: at province scale such lists run to tens of thousands, past SQLite's limit and costly to parse.
        if (Provider == StorageProvider.Sqlite)
            builder.UseSqlite(ConnectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        else
            builder.UseNpgsql(ForShortQueries(ConnectionString), o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
    }

    /// <summary>
    /// Session settings for a web request's short queries. PostgreSQL's JIT compiles any query its planner costs high — a
    /// province list page with a deep offset — and the compiling took 1.5 s of a 2.5 s query here, for queries that run in
    /// milliseconds without it. Parallel workers are kept for scans of a quarter gigabyte and more (a national table): on a
    /// province's tables (enterprises: 42 MB) starting them cost more than they saved, on two cores a count of 300,000
    /// enterprises took 90–130 ms with two workers and 40 ms without. Scans of an index likewise: the project library's card
    /// read a year's 88,000 monthly figures from a 4 MB index in parallel, each worker joining them to all 20,000 projects
    /// (运城市: 60–110 ms against 12–14 without workers). Options in the connection string come after these, so an
    /// operator's own setting of either wins and any other they set is kept.
    /// The statements a connection runs again and again (a page's dozen queries) are prepared once per pooled connection, so
    /// the server stops parsing and planning them on every request: on two cores a province's enterprise list 64 → 33 ms, the
    /// problem ledger 64 → 29 ms. PostgreSQL plans them as it does any prepared statement (after five runs, one plan for all
    /// values when that costs no more). Forcing a plan for every run's values instead was tried and dropped: it also re-plans
    /// the foreign-key checks of every inserted row, and an import of 100,000 enterprises wrote at half speed.
    /// A connection handed back to the pool is not reset: the reset (RESET ALL, DISCARD …) runs on the server before every
    /// query of a request, 22 times for a town's page. The platform changes no session setting it does not put back itself
    /// (<see cref="PlansPerRun"/>), holds no session lock on a pooled connection (<see cref="SetupLock"/> has its own) and
    /// makes no temporary table on PostgreSQL.
    /// A "Max Auto Prepare" or "No Reset On Close" of the operator's own is kept.
    /// </summary>
    public static string ForShortQueries(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        b.Options = ("-c jit=off -c min_parallel_table_scan_size=256MB -c min_parallel_index_scan_size=256MB " + b.Options).Trim();
        // Npgsql's own spelling of the keys, so that "MaxAutoPrepare=0" counts as the operator's too.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = b.ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare")) b.MaxAutoPrepare = AutoPrepared;
        if (!given.ContainsKey("No Reset On Close")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    /// <summary>Prepared statements kept per connection (each holds its plan in the server's memory).</summary>
    public const int AutoPrepared = 100;

    public TownsDbContext CreateContext() => new(DbOptions());

    /// <summary>False for a SQLite file that is not there yet: read-only commands must not create one.</summary>
    public bool DatabaseExists()
    {
        if (Provider != StorageProvider.Sqlite) return true;
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" || File.Exists(Path.GetFullPath(file));
    }

    /// <summary>What to show a person: the file, or the server and database without the password.</summary>
    public string Describe()
    {
        if (Provider == StorageProvider.Sqlite)
            return $"SQLite 文件 {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>Before the first write: the folder of a SQLite file must exist.</summary>
    public void EnsureSqliteFolder()
    {
        if (Provider != StorageProvider.Sqlite) return;
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}
