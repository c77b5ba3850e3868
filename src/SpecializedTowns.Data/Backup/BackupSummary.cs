namespace SpecializedTowns.Data.Backup;

public sealed record TableRows(string Table, long Rows);

/// <summary>What a backup holds, or what a database holds after a restore: enough for a person to see it is the right one.</summary>
public sealed record DatabaseContents(int SchemaVersion, IReadOnlyList<TableRows> Tables)
{
    public long TotalRows => Tables.Sum(t => t.Rows);

    /// <summary>No data in any table; the schema alone (schema_version's rows) loses nothing when replaced.</summary>
    public bool IsEmpty => Tables.All(t => t.Rows == 0 || t.Table == "schema_version");

    // A few tables a county office recognises, in the order they think of them.
    private static readonly (string Table, string Label)[] Highlights =
    [
        ("specialized_towns", "专业镇"), ("enterprises", "企业"), ("town_annual_statistics", "专业镇年度统计"),
        ("key_projects", "重点项目"), ("problems", "问题"), ("plan_tasks", "责任清单任务"),
        ("monthly_reports", "月报"), ("AspNetUsers", "账号"),
    ];

    /// <summary>“共 57 张表、3210 行；专业镇 25、企业 120、…”</summary>
    public string Describe()
    {
        var counts = Tables.ToDictionary(t => t.Table, t => t.Rows);
        var parts = Highlights.Where(h => counts.ContainsKey(h.Table)).Select(h => $"{h.Label} {counts[h.Table]}");
        return $"共 {Tables.Count} 张表、{TotalRows} 行；{string.Join("、", parts)}";
    }
}

public sealed record BackupReport(string Source, string File, long SizeBytes, DatabaseContents Contents, string Method);

public sealed record RestoreReport(string File, string Target, int BackupVersion, int FinalVersion, DatabaseContents Contents, string Method);

public static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} 字节",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{bytes / 1024.0 / 1024:0.#} MB",
        _ => $"{bytes / 1024.0 / 1024 / 1024:0.##} GB",
    };
}
