using System.Text.Json;
using Npgsql;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// The name searches on PostgreSQL read the rows not yet indexed range by range, never by testing the whole table, even when
/// the statistics of the waiting ranges were taken while a large backlog waited (as an ANALYZE right after an import or a
/// generated province leaves them): the bench's 审计日志 search went from 0.3 to 508 ms that way.
/// </summary>
public class NameIndexPlanTests
{
    [PostgresFact]
    public async Task The_candidates_are_not_read_by_scanning_the_table_whatever_the_waiting_ranges_statistics_say()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        async Task RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
        // Tables of a province's size (entries about as wide as an import's, which is what makes reading them all look cheap), all indexed (the indexer is not running here: its work is marked done by hand).
        await RunAsync("""
            INSERT INTO audit_entries (at_utc, user_name, display_name, action, entity_type, entity_id, entity_label, root_type, root_id, changes)
              SELECT now(), 'system', '系统', 2, 'Enterprise', g::text, '晋阳企业' || g, 'Enterprise', g::text, '[{"f":"' || repeat('字', 140) || '"}]' FROM generate_series(1, 340000) g;
            INSERT INTO enterprises (name, uscc, county_id, role, is_above_scale, is_demo)
              SELECT '晋阳企业' || g, 'Z' || lpad(g::text, 17, '0'), (SELECT MIN(id) FROM jurisdictions WHERE level = 3), 0, false, false FROM generate_series(1, 150000) g;
            """);
        foreach (var (pending, table) in new[] { ("audit_label_pending", "audit_entries"), ("enterprise_name_pending", "enterprises") })
            // Statistics of a backlog of 68 ranges over the whole table (a province's audit trail); then the backlog done.
            await RunAsync($"""
                DELETE FROM {pending};
                INSERT INTO {pending} (first_id, last_id) SELECT MIN(id) + g * 5000, MIN(id) + g * 5000 + 4999 FROM {table}, generate_series(0, 67) g GROUP BY g;
                ANALYZE {table}; ANALYZE {pending};
                DELETE FROM {pending};
                """);

        // The trap is set: the plain join the searches used before reads the whole table.
        const string plainJoin = """
            WITH pending AS MATERIALIZED (
                SELECT e.id, e.at_utc FROM audit_label_pending p JOIN audit_entries e ON e.id BETWEEN p.first_id AND p.last_id
                WHERE strpos(e.entity_label, @term) > 0
                LIMIT @limit)
            SELECT COALESCE(array_agg(id ORDER BY at DESC, id DESC), '{}') FROM (
                SELECT entry_id AS id, at_utc AS at FROM audit_label_grams WHERE grams @> @pairs
                UNION ALL
                SELECT id, at_utc FROM pending
                LIMIT @limit) c
            """;
        var trap = await ScansAsync(plainJoin);
        trap.ShouldContain("Seq Scan audit_entries", string.Join("; ", trap));

        foreach (var (sql, table) in new[] { (AuditLabelIndex.PostgreSqlCandidates, "audit_entries"), (EnterpriseNameIndex.Candidates, "enterprises") })
        {
            var scans = await ScansAsync(sql);
            scans.ShouldNotContain($"Seq Scan {table}", string.Join("; ", scans));
            scans.ShouldContain(s => s.StartsWith("Index", StringComparison.Ordinal) && s.EndsWith(" " + table, StringComparison.Ordinal), string.Join("; ", scans));
        }

        async Task<List<string>> ScansAsync(string sql)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + sql, connection);
            if (sql.Contains("@pairs", StringComparison.Ordinal)) explain.Parameters.AddWithValue("pairs", CharacterPairs.Of("晋阳"));
            explain.Parameters.AddWithValue("term", "晋阳");
            explain.Parameters.AddWithValue("limit", 10_001);
            var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
            var scans = new List<string>();
            void Walk(JsonElement node)
            {
                if (node.TryGetProperty("Relation Name", out var relation)) scans.Add($"{node.GetProperty("Node Type").GetString()} {relation.GetString()}");
                if (node.TryGetProperty("Plans", out var children)) foreach (var child in children.EnumerateArray()) Walk(child);
            }
            Walk(plan.RootElement[0].GetProperty("Plan"));
            return scans;
        }
    }
}
