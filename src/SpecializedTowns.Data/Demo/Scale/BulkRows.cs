using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace SpecializedTowns.Data.Demo.Scale;

/// <summary>
/// Rows written straight to a table inside the context's open transaction: a prepared INSERT on SQLite, binary COPY on
/// PostgreSQL. Used where EF's change tracker would cost more than the rows (hundreds of thousands of enterprises and
/// figures) and as the floor an import is measured against. Callers give explicit ids; the identity sequence is moved
/// past them afterwards so later EF inserts do not collide.
/// </summary>
public static class BulkRows
{
    public static async Task<int> InsertAsync(TownsDbContext db, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct = default) =>
        await InsertAsync(db, table, columns, rows, moveSequence: true, ct);

    /// <param name="moveSequence">false when the ids came from <see cref="ReserveIdsAsync"/>: the sequence is already past them, and
    /// moving it back to the largest committed id would hand out ids another writer has reserved.</param>
    public static Task<int> InsertAsync(TownsDbContext db, string table, string[] columns, IEnumerable<object?[]> rows, bool moveSequence, CancellationToken ct) =>
        InsertAsync(db, table, columns, rows.ToAsyncEnumerable(), moveSequence, ct);

    /// <summary>Rows that arrive while they are written (an import's audit entries, described on another core), in one statement.</summary>
    public static async Task<int> InsertAsync(TownsDbContext db, string table, string[] columns, IAsyncEnumerable<object?[]> rows, bool moveSequence, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var count = connection is NpgsqlConnection pg
            ? await CopyAsync(pg, table, columns, rows, ct)
            : await InsertSqliteAsync((SqliteConnection)connection, (SqliteTransaction?)transaction, table, columns, rows, ct);
        if (moveSequence && connection is NpgsqlConnection && columns.Contains("id"))
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))";
            await cmd.ExecuteScalarAsync(ct);
        }
        return count;
    }

    /// <summary>
    /// Ids for new rows that no other writer takes and no deleted row had: the next values of the table's sequence on
    /// PostgreSQL (as EF's own inserts take them); on SQLite, where one writer at a time holds the database, past both the
    /// largest id and the largest ever handed out (AUTOINCREMENT's sqlite_sequence), so a new record never takes over the
    /// history of a deleted one.
    /// </summary>
    public static async Task<List<int>> ReserveIdsAsync(TownsDbContext db, string table, int count, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is not NpgsqlConnection)
        {
            cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
            var sequences = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct)) > 0;
            cmd.CommandText = sequences
                ? $"SELECT MAX(COALESCE((SELECT MAX(id) FROM \"{table}\"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))"
                : $"SELECT COALESCE(MAX(id), 0) FROM \"{table}\"";
            var next = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct)) + 1;
            return Enumerable.Range(next, count).ToList();
        }
        // The sequence looked up once: named in each call, pg_get_serial_sequence read the catalog for every id (0.3 s for 100,000).
        cmd.CommandText = $"SELECT pg_get_serial_sequence('{table}', 'id')";
        var sequence = (string)(await cmd.ExecuteScalarAsync(ct))!;
        cmd.CommandText = $"SELECT nextval('{sequence.Replace("'", "''")}'::regclass) FROM generate_series(1, {count})";
        var ids = new List<int>(count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(checked((int)reader.GetInt64(0)));
        return ids;
    }

    public static async Task<int> MaxIdAsync(TownsDbContext db, string table, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = $"SELECT COALESCE(MAX(id), 0) FROM {table}";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    /// <summary>
    /// The rows go first into a temporary table without indexes or triggers, one prepared statement a row, then into the table
    /// with one INSERT … SELECT. Written straight in, a row at a time, each row of a table with triggers (the enterprise
    /// tallies, schema version 24) is a statement that opens its own statement journal: 100,000 enterprises took 4.7 s
    /// instead of 0.8 s; staged they take about 0.5 s.
    /// </summary>
    private static async Task<int> InsertSqliteAsync(SqliteConnection connection, SqliteTransaction? transaction, string table, string[] columns,
        IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var stage = $"temp.\"bulk_{Guid.NewGuid():N}\"";
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"CREATE TEMP TABLE {stage} ({list})";
        cmd.ExecuteNonQuery();
        try
        {
            // One prepared statement a row: many rows a statement is slower here, as each execution looks its parameters up by name.
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {stage} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            insert.Prepare();
            var count = 0;
            await foreach (var row in rows.WithCancellation(ct))
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = Sqlite(row[i]);
                insert.ExecuteNonQuery();
                count++;
            }
            cmd.CommandText = $"INSERT INTO \"{table}\" ({list}) SELECT {list} FROM {stage} ORDER BY rowid";
            cmd.ExecuteNonQuery();
            return count;
        }
        finally
        {
            // Also after a failure, when the caller rolls back: a connection back in the pool should not carry the table.
            try
            {
                cmd.CommandText = $"DROP TABLE IF EXISTS {stage}";
                cmd.ExecuteNonQuery();
            }
            catch (SqliteException) { }
        }
    }

    // What EF's SQLite provider stores: booleans as 0/1, decimals as text, dates as ISO text, enums as their number.
    private static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt32(e),
        _ => value,
    };

    private static async Task<int> CopyAsync(NpgsqlConnection connection, string table, string[] columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.StartRowAsync(ct);
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await writer.WriteNullAsync(ct); break;
                    case string s: await writer.WriteAsync(s, NpgsqlDbType.Text, ct); break;
                    case int n: await writer.WriteAsync(n, NpgsqlDbType.Integer, ct); break;
                    case long n: await writer.WriteAsync(n, NpgsqlDbType.Bigint, ct); break;
                    case bool b: await writer.WriteAsync(b, NpgsqlDbType.Boolean, ct); break;
                    case decimal d: await writer.WriteAsync(d, NpgsqlDbType.Numeric, ct); break;
                    case DateOnly d: await writer.WriteAsync(d, NpgsqlDbType.Date, ct); break;
                    case DateTime t: await writer.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct); break;
                    case Enum e: await writer.WriteAsync(Convert.ToInt32(e), NpgsqlDbType.Integer, ct); break;
                    default: throw new InvalidOperationException($"BulkRows: {value.GetType().Name} in {table} is not handled");
                }
            }
            count++;
        }
        await writer.CompleteAsync(ct);
        return count;
    }
}
