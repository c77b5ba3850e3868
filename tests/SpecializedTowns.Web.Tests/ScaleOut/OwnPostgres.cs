using System.Diagnostics;
using Npgsql;

namespace SpecializedTowns.Web.Tests.ScaleOut;

/// <summary>
/// A PostgreSQL cluster of one test's own (the shared test server must not be restarted under the others): initdb, then
/// start and stop on one loopback port as often as the test likes; removed on dispose.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asRoot;

    public int Port { get; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static string? Unavailable => Bin() is null ? "未找到 PostgreSQL（apt-get install postgresql）" : null;

    private OwnPostgres(string bin, string folder, bool asRoot, int port) => (_bin, _folder, _asRoot, Port) = (bin, folder, asRoot, port);

    private static string? Bin() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
        : null;

    public static OwnPostgres Create()
    {
        var bin = Bin() ?? throw new InvalidOperationException(Unavailable);
        var folder = Path.Combine(Path.GetTempPath(), $"st-ownpg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres:postgres {folder}", false);
        var pg = new OwnPostgres(bin, folder, asRoot, WebProcess.FreePort());
        Run(Path.Combine(bin, "initdb"), $"-D {folder}/db -A trust -U postgres -E UTF8 --locale=C.UTF-8", asRoot);
        pg.Start();
        return pg;
    }

    public void Start() => Run(Path.Combine(_bin, "pg_ctl"),
        $"-D {_folder}/db -l {_folder}/server.log -w -t 60 -o \"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off\" start", _asRoot);

    /// <summary>As an operator restarting it: fast shutdown, open sessions are terminated.</summary>
    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), $"-D {_folder}/db -m fast -w -t 60 stop", _asRoot);

    public string CreateDatabase(bool pooling)
    {
        var name = $"st_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = pooling }.ConnectionString;
    }

    private static void Run(string file, string arguments, bool asPostgres)
    {
        var info = asPostgres ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}") : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr} {stdout.Result}");
    }

    public ValueTask DisposeAsync()
    {
        try { Run(Path.Combine(_bin, "pg_ctl"), $"-D {_folder}/db -m immediate -w stop", _asRoot); } catch (Exception) { }
        try { Directory.Delete(_folder, recursive: true); } catch (Exception) { }
        return ValueTask.CompletedTask;
    }
}
