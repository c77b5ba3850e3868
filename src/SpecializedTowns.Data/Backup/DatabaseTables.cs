using System.Data.Common;

namespace SpecializedTowns.Data.Backup;

/// <summary>
/// Reads what a database holds straight from its catalogue, not from the EF model, so a table added by a
/// later migration is counted without anyone remembering to list it here.
/// </summary>
public static class DatabaseTables
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public static async Task<IReadOnlyList<string>> ListAsync(DbConnection connection, StorageProvider provider, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == StorageProvider.Sqlite
            // Not virtual tables (the FTS5 index of the audit names cannot be counted) nor their shadow tables: a copy holds them
            // whole, and they are derived from the tables counted.
            ? "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>The schema version and every table's row count; version 0 when the platform's schema is not there.</summary>
    public static async Task<DatabaseContents> ReadAsync(DbConnection connection, StorageProvider provider, CancellationToken ct)
    {
        var tables = await ListAsync(connection, provider, ct);
        var rows = new List<TableRows>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
            rows.Add(new TableRows(table, Convert.ToInt64(await count.ExecuteScalarAsync(ct))));
        }
        var version = 0;
        if (tables.Contains("schema_version"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            version = Convert.ToInt32(await command.ExecuteScalarAsync(ct));
        }
        return new DatabaseContents(version, rows);
    }
}
