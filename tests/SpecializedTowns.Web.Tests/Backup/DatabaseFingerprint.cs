using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Backup;

/// <summary>
/// Every table's row count and a hash of its rows in primary-key order, read with plain ADO.NET over the tables
/// the database's own catalogue lists: a table added by a later migration is compared without being named here.
/// Written independently of the backup service, so a bug there cannot hide itself.
/// </summary>
public static class DatabaseFingerprint
{
    /// <summary>One line per table, “name: rows hash”, sorted; compare two with ShouldBe for a readable difference.</summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(StorageSettings storage)
    {
        await using DbConnection connection = storage.Provider == StorageProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(storage.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString())
            : new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var table in await TablesAsync(connection, storage.Provider))
        {
            var order = await PrimaryKeyAsync(connection, storage.Provider, table);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {Quote(table)}";
            await using var reader = await command.ExecuteReaderAsync();
            // Without a primary key, all columns decide the order.
            var orderBy = order.Count > 0 ? order : Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            await reader.DisposeAsync();
            command.CommandText = $"SELECT * FROM {Quote(table)} ORDER BY {string.Join(", ", orderBy.Select(Quote))}";
            await using var rows = await command.ExecuteReaderAsync();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var count = 0;
            while (await rows.ReadAsync())
            {
                count++;
                var text = new StringBuilder();
                for (var i = 0; i < rows.FieldCount; i++) text.Append(rows.GetName(i)).Append('=').Append(Canonical(rows.GetValue(i))).Append('\u001f');
                hash.AppendData(Encoding.UTF8.GetBytes(text.Append('\u001e').ToString()));
            }
            lines.Add($"{table}: {count} {Convert.ToHexString(hash.GetHashAndReset())[..16]}");
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    public static async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection, StorageProvider provider)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == StorageProvider.Sqlite
            // A virtual table (the FTS5 index of the audit names) is read through its shadow tables, which are listed.
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        // Not the name indexes: derived from audit_entries and enterprises, which are compared, and changed at any moment by a
        // running platform's background indexing.
        return names.Where(n => !SpecializedTowns.Data.Audit.AuditLabelIndex.IsIndexTable(n) && !SpecializedTowns.Data.Enterprises.EnterpriseNameIndex.IsIndexTable(n)).ToList();
    }

    private static async Task<IReadOnlyList<string>> PrimaryKeyAsync(DbConnection connection, StorageProvider provider, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == StorageProvider.Sqlite
            ? "SELECT name FROM pragma_table_info(@t) WHERE pk > 0 ORDER BY pk"
            : """
              SELECT a.attname FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
              WHERE i.indrelid = quote_ident(@t)::regclass AND i.indisprimary
              ORDER BY array_position(i.indkey::int2[], a.attnum)
              """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "t";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Canonical(object value) => value switch
    {
        DBNull => "∅",
        byte[] bytes => Convert.ToHexString(SHA256.HashData(bytes)),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(",", items.Cast<object>().Select(Canonical)) + "]",
        _ => value.ToString() ?? "",
    };
}
