using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.BadInput;

/// <summary>
/// What a refused input must leave as it was: the row count of every table, and the full content of the tables named.
/// Cheaper than a fresh database per case, and it catches a partial write anywhere (the audit table included).
/// </summary>
public sealed record DbState(IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, string> Content)
{
    public static async Task<DbState> CaptureAsync(TownsDbContext db, params string[] hashedTables)
    {
        // Not the name indexes (audit names, enterprise names): the platform builds them in the background whenever rows are
        // waiting, and what a request writes is counted in audit_entries and enterprises.
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>()
            .Where(t => !SpecializedTowns.Data.Audit.AuditLabelIndex.IsIndexTable(t) && !SpecializedTowns.Data.Enterprises.EnterpriseNameIndex.IsIndexTable(t))
            .Distinct().Order().ToList();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync();
        try
        {
            var counts = new Dictionary<string, long>();
            await using (var command = connection.CreateCommand())
            {
                // One statement for all counts: a refused case costs one round trip, not sixty.
                command.CommandText = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}', COUNT(*) FROM \"{t}\""));
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1));
            }
            var content = new Dictionary<string, string>();
            foreach (var table in hashedTables)
                content[table] = await HashAsync(connection, table);
            return new DbState(counts, content);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static async Task<string> HashAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            text.Append('\n');
        }
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The tables whose count or content differs, for the failure message.</summary>
    public IReadOnlyList<string> Differences(DbState after) =>
        Counts.Where(c => after.Counts.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key}: {c.Value} → {after.Counts.GetValueOrDefault(c.Key)}")
            .Concat(Content.Where(c => after.Content.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key}: content changed"))
            .ToList();

    public void ShouldBeUnchanged(DbState after, string because)
    {
        var differences = Differences(after);
        differences.ShouldBeEmpty($"{because}: nothing may be written, but {string.Join("; ", differences)}");
    }

    /// <summary>Nothing written but the change marks (data_changes), which a running platform compacts in the background at any moment.</summary>
    public void ShouldHaveNoDataWritten(DbState after, string because) =>
        Differences(after).Where(d => !d.StartsWith("data_changes:", StringComparison.Ordinal)).ShouldBeEmpty($"{because}: nothing may be written");
}

public static class Chinese
{
    public static bool Has(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>A response or message a person may see: no stack trace, no exception type name.</summary>
    public static void ShouldBeClean(string? text, string because)
    {
        text ??= "";
        text.ShouldNotContain("   at ", Case.Sensitive, because);
        text.ShouldNotContain("Exception", Case.Sensitive, because);
        text.ShouldNotContain("stack trace", Case.Insensitive, because);
    }
}
