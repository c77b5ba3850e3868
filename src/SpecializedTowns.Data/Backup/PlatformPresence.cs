using Microsoft.Data.Sqlite;
using Npgsql;

namespace SpecializedTowns.Data.Backup;

/// <summary>
/// A running web process says "I am using this database" with a shared lock, and a restore asks for the exclusive one:
/// so restoring under a running platform is refused instead of swapping the data beneath its feet. Several web processes
/// share the lock with each other. SQLite: a shared flock on "&lt;file&gt;.running" beside the database (the OS drops it when
/// the process dies); PostgreSQL: a session-level advisory lock in the database (dropped with the connection).
/// </summary>
public sealed class PlatformPresence : IAsyncDisposable
{
    // Arbitrary but fixed: "STWN" — the same number in every process of the platform.
    private const long AdvisoryKey = 0x5354_574E;

    private readonly FileStream? _file;
    private readonly NpgsqlConnection? _connection;

    private PlatformPresence(FileStream? file, NpgsqlConnection? connection)
    {
        _file = file;
        _connection = connection;
    }

    /// <summary>False while its PostgreSQL connection is broken (the server restarted): take a new one.</summary>
    public bool Alive => _connection is null || _connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>The running platform's shared hold; null when it cannot be taken now (a restore holds it, or the database is down).</summary>
    public static async Task<PlatformPresence?> TryShareAsync(StorageSettings storage, CancellationToken ct = default) =>
        await TakeAsync(storage, exclusive: false, ct);

    /// <summary>A restore's exclusive hold; null while a platform process is running on the database.</summary>
    public static async Task<PlatformPresence?> TryExclusiveAsync(StorageSettings storage, CancellationToken ct = default) =>
        await TakeAsync(storage, exclusive: true, ct);

    private static async Task<PlatformPresence?> TakeAsync(StorageSettings storage, bool exclusive, CancellationToken ct)
    {
        if (storage.Provider == StorageProvider.Sqlite)
        {
            if (LockFile(storage) is not { } path) return new PlatformPresence(null, null);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // .NET on Linux takes flock(LOCK_SH) for a shared FileShare and flock(LOCK_EX) for FileShare.None, without waiting.
            try { return new PlatformPresence(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive ? FileShare.None : FileShare.ReadWrite), null); }
            catch (IOException) { return null; }
        }
        // Unpooled: the lock lives as long as this session, and a pooled session would outlive Dispose.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(exclusive ? "SELECT pg_try_advisory_lock(@key)" : "SELECT pg_try_advisory_lock_shared(@key)", connection);
            command.Parameters.AddWithValue("key", AdvisoryKey);
            if (await command.ExecuteScalarAsync(ct) is true) return new PlatformPresence(null, connection);
        }
        catch (Exception e) when (!exclusive && e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The platform keeps running while the server is away and takes its hold again when it is back.
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private static string? LockFile(StorageSettings storage)
    {
        var file = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetFullPath(file) + ".running";
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync();
        // Closing the (unpooled) session releases its advisory lock.
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
