using System.Collections.Frozen;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// One kind of import (企业名录, 年度统计 …): its columns, who may use it, and how its rows are checked against the
/// database and applied to tracked entities. The engine does the reading, the cell checks and the all-or-nothing save.
/// </summary>
public abstract class ImportKind
{
    /// <summary>The kind in URLs: /Imports?kind=enterprises, /api/v1/imports/enterprises.</summary>
    public abstract string Key { get; }

    public abstract string Title { get; }

    /// <summary>The data sheet of the template.</summary>
    public virtual string SheetName => Title;

    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>Lines for the top of the instructions sheet: the key that decides new or update, order of imports and the like.</summary>
    public abstract IReadOnlyList<string> Notes { get; }

    public abstract bool CanImport(UserScope scope);

    /// <summary>Why the person may not use this kind.</summary>
    public abstract string Refusal { get; }

    /// <summary>
    /// Checks every row whose cells parsed against the database (references, scope, duplicates) and applies the good ones
    /// to tracked entities, recording for each what it does. Loads what it needs once, not per row.
    /// </summary>
    internal abstract Task ApplyAsync(ImportRun run, CancellationToken ct);

    /// <summary>
    /// The example row of the template, by column key, built from what the person can see so that it would import cleanly
    /// once the person takes it as their own (the template marks it so that it is not imported as it is: <see cref="TemplateExample"/>),
    /// and where cheap with a key no stored record has (a year or month without figures), so that even then it overwrites nothing.
    /// </summary>
    internal abstract Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct);

    // Looked up for every cell a check reads (a million times in a file of 100,000 rows): comparing the keys in turn took
    // 0.1 s of such a file's check, and a frozen dictionary tells these few keys apart without hashing all of each.
    private FrozenDictionary<string, int>? _indexes;

    public int IndexOf(string key)
    {
        var indexes = _indexes ??= Columns.Select((c, i) => (c.Key, i)).ToFrozenDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        return indexes.TryGetValue(key, out var index) ? index : throw new ArgumentException($"no column {key} in {Key}");
    }

    public ImportColumn Column(string key) => Columns[IndexOf(key)];
}

public static class ImportKinds
{
    public static readonly IReadOnlyList<ImportKind> All =
    [
        new EnterpriseImport(), new EnterpriseStatisticsImport(), new TownStatisticsImport(),
        new ProjectImport(), new ProjectProgressImport(), new TaskImport(), new TownshipImport(),
    ];

    public static ImportKind? Find(string? key) => All.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));
}
