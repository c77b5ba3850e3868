using Npgsql;

namespace SpecializedTowns.Data;

/// <summary>
/// One process at a time brings a shared PostgreSQL database up to date (schema steps, policy packs, demo data, accounts):
/// two web processes started together behind a load balancer would otherwise both create the same tables and rows. A
/// session advisory lock, released when its connection closes, so a process that dies mid-way does not keep it. A SQLite
/// file has no second machine; its own locking is enough there.
/// </summary>
public sealed class SetupLock : IAsyncDisposable
{
    private const long Key = 0x5354_5345_5455_50; // "STSETUP"
    private readonly NpgsqlConnection? _connection;

    private SetupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<SetupLock> TakeAsync(StorageSettings storage, CancellationToken ct = default)
    {
        if (storage.Provider != StorageProvider.PostgreSql) return new SetupLock(null);
        // Its own unpooled connection: returned to a pool, the session (and so the lock) would outlive this object.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(ct);
            return new SetupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
