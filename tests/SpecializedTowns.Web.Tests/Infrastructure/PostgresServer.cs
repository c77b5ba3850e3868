using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// A real, throwaway PostgreSQL server for the test run: initdb + pg_ctl from Debian's postgresql
/// package, on a free loopback port, stopped when the run ends. TEST_POSTGRES_CONNECTION points the
/// tests at an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start);

    public static PostgresServer Instance => Shared.Value;

    public string? AdminConnectionString { get; private init; }
    public string? UnavailableReason { get; private init; }
    private string? _dataDir;
    private string? _binDir;

    public static string? Unavailable => Instance.UnavailableReason;

    /// <summary>A copy of a database for one test, dropped with the server (the copy runs without holding a test thread).</summary>
    public async Task<string> CreateDatabaseAsync(string template)
    {
        if (AdminConnectionString is null) throw new InvalidOperationException(UnavailableReason);
        var name = $"st_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return TestConnection(name);
    }

    /// <summary>A new empty database for one test, dropped with the server.</summary>
    public string CreateDatabase()
    {
        if (AdminConnectionString is null) throw new InvalidOperationException(UnavailableReason);
        var name = $"st_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            command.ExecuteNonQuery();
        }
        return TestConnection(name);
    }

    /// <summary>
    /// Pooled, as the platform runs: without a pool every open is a new server process and Npgsql reads the database's types
    /// again (the PostgreSQL tests took 1,584 s of a CI run against 331 s pooled). Idle connections close after two seconds,
    /// so the thousand databases of a run never hold the server's hundred connections.
    /// </summary>
    private string TestConnection(string name) => new NpgsqlConnectionStringBuilder(AdminConnectionString)
    {
        Database = name, Pooling = true, ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1,
    }.ConnectionString;

    private static PostgresServer Start()
    {
        var external = Environment.GetEnvironmentVariable("TEST_POSTGRES_CONNECTION");
        if (!string.IsNullOrWhiteSpace(external)) return new PostgresServer { AdminConnectionString = external };

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
            return new PostgresServer { UnavailableReason = "未找到 PostgreSQL（apt-get install postgresql），或设置 TEST_POSTGRES_CONNECTION" };

        var dataDir = Path.Combine(Path.GetTempPath(), $"st-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres:postgres {dataDir}");
        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), $"-D {dataDir}/db -A trust -U postgres -E UTF8 --locale=C.UTF-8", asRoot);
        Run(Path.Combine(bin, "pg_ctl"), $"-D {dataDir}/db -l {dataDir}/server.log -w -t 60 -o \"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start", asRoot);

        var server = new PostgresServer
        {
            AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false",
            _dataDir = dataDir,
            _binDir = bin,
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot);
        return server;
    }

    private void Stop(bool asRoot)
    {
        if (_dataDir is null || _binDir is null) return;
        try
        {
            Run(Path.Combine(_binDir, "pg_ctl"), $"-D {_dataDir}/db -m immediate -w stop", asRoot);
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception)
        {
            // The run is ending; a leftover folder in /tmp is all that can remain.
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string file, string arguments, bool asPostgres = false)
    {
        var info = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr} {stdout.Result}");
    }
}

/// <summary>
/// A fact that needs PostgreSQL: skipped with its reason where the server cannot be had, but never
/// under CI (CI=true), which must run it.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && PostgresServer.Unavailable is { } reason) Skip = reason;
    }
}

public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && PostgresServer.Unavailable is { } reason) Skip = reason;
    }
}
