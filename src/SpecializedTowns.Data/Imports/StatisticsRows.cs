using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// The create-or-update step both annual statistics kinds (企业, 专业镇) share: one record per key (who and which year),
/// added when the key is new, otherwise filled field by field with each change noted.
/// </summary>
internal static class StatisticsRows
{
    /// <summary>
    /// Applies one checked row. <paramref name="edited"/> runs when a stored record changes: a figure someone corrected by
    /// import is no longer demo data.
    /// </summary>
    public static void Apply<TKey, TRecord>(ImportRun run, ImportRow row, Dictionary<TKey, TRecord> stored, TKey key, string record,
        Func<TRecord> create, Action<TRecord, FieldChanges> fill, Action<TRecord> add, Action<TRecord> edited) where TKey : notnull
    {
        if (!stored.TryGetValue(key, out var existing))
        {
            var created = create();
            fill(created, new FieldChanges());
            add(created);
            // A later row of the same key (reported as a duplicate) must not add a second record.
            stored[key] = created;
            run.Change(row, RowAction.Create, record);
            return;
        }
        var changes = new FieldChanges();
        fill(existing, changes);
        if (changes.List.Count > 0) edited(existing);
        run.Change(row, changes.Action, record, changes.List);
    }

    /// <summary>What both kinds' help says about the year (<see cref="AnnualFigures.YearProblem"/>) and the jump (<see cref="AnnualFigures.JumpWarning"/>).</summary>
    public static readonly string[] YearNotes =
    [
        "年度统计只填已结束的年份：当年尚未结束，其数据不是全年数，不能作为年度统计导入。",
        $"年产值、营业收入超过上一年度的 {AnnualFigures.JumpFactor:0} 倍或不到其 {AnnualFigures.JumpFactor:0} 分之一时（上一年度取表中或已录入的数），系统提示核实单位，不影响导入。",
    ];

    /// <summary>
    /// Warns (<see cref="AnnualFigures.JumpWarning"/>) on each applied row whose 年产值 or 营业收入 is far off the year before's.
    /// Run once every row stands in <paramref name="stored"/>, so that each year is compared with the year before as both will
    /// be after the import: the file's own row for it where it has one, else what is stored.
    /// </summary>
    public static void WarnJumps<TWho, TRecord>(ImportRun run, IEnumerable<(ImportRow Row, TWho Who, int Year)> applied, Dictionary<(TWho, int), TRecord> stored,
        Func<TRecord, decimal?> output, Func<TRecord, decimal?> revenue) where TWho : notnull
    {
        foreach (var (row, who, y) in applied)
        {
            if (!stored.TryGetValue((who, y - 1), out var before)) continue;
            var now = stored[(who, y)];
            if (run.Has("output") && AnnualFigures.JumpWarning("年产值", y, output(now), output(before)) is { } outputWarning)
                run.Warn(row, "output", outputWarning);
            if (run.Has("revenue") && AnnualFigures.JumpWarning("营业收入", y, revenue(now), revenue(before)) is { } revenueWarning)
                run.Warn(row, "revenue", revenueWarning);
        }
    }

    /// <summary>
    /// The year of a template's example: the latest before this one that has no figures stored (then last year), so that
    /// an example taken over as it is adds a year rather than overwriting one.
    /// </summary>
    public static int FreeYear(DateOnly today, IReadOnlyCollection<int> taken)
    {
        for (var year = today.Year - 1; year >= 2000; year--)
            if (!taken.Contains(year)) return year;
        return today.Year - 1;
    }

    /// <summary>
    /// The form's rule that tax cannot exceed output or revenue, on the figures as they will stand after the row: a column the
    /// file lacks keeps what is stored. Reports on the tax cell; false when the row is refused.
    /// </summary>
    public static bool TaxFits(ImportRun run, ImportRow row, decimal? storedTax, decimal? storedOutput, decimal? storedRevenue)
    {
        decimal? After(string key, decimal? stored) => run.Has(key) ? run.Number(row, key) : stored;
        if (FigureLimits.TaxProblem(After("tax", storedTax), After("output", storedOutput), After("revenue", storedRevenue), "年产值", "营业收入") is not { } problem)
            return true;
        run.Error(row, "tax", problem);
        return false;
    }
}
