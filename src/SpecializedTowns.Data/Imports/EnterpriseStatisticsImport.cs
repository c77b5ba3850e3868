using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Imports;

/// <summary>企业年度统计: one row per enterprise and year; the enterprise must be registered and in scope.</summary>
public sealed class EnterpriseStatisticsImport : ImportKind
{
    public override string Key => "enterprise-statistics";
    public override string Title => "企业年度统计";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("uscc", "统一社会信用代码", ColumnType.Uscc) { Required = true, MaxLength = 18, Description = "企业须已在企业名录中（可先导入企业名录）" },
        new("name", "企业名称", ColumnType.Text) { MaxLength = 200, Description = "便于核对，不导入；填写时须与该代码在企业名录中登记的名称一致，留空则不核对" },
        new("year", "年度", ColumnType.Integer) { Required = true, Min = 2000, FinishedYears = true, Description = "统计年度（已结束的年份），如 2024" },
        new("output", "年产值", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("revenue", "营业收入", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("tax", "税收", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("employment", "从业人数", ColumnType.Integer) { Unit = "人", Min = 0, Max = FigureLimits.MaxEmployment },
        new("export", "出口额", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("patents", "专利数", ColumnType.Integer) { Unit = "项", Min = 0, Max = FigureLimits.MaxPatents },
    ];

    public override IReadOnlyList<string> Notes =>
    [
        "按“统一社会信用代码 + 年度”判断新增或更新：该企业已有该年度数据时更新，否则新增。",
        .. StatisticsRows.YearNotes,
        "填写了企业名称的行，名称须与该统一社会信用代码在企业名录中登记的名称一致（不计空格和全角半角），否则该行不导入：代码抄错一位就会把数据记到别的企业名下。",
        "金额单位为万元；也可写“1.2亿”，系统换算为 12000 万元。以元为单位的数请先除以 10000。",
        "税收不能大于同一年度的年产值或营业收入（表中没有这两列时，与已录入的数比较）。",
        "某一数据列整列不在表中时，已有数据的该项保持不变；列在表中而单元格留空时，该项清空。",
    ];

    public override bool CanImport(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.Township;
    public override string Refusal => "只有领导小组办公室和乡镇/专班人员可以导入统计数据";

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var keys = run.FirstOfEach(r => run.Text(r, "uscc") is { } c && run.Integer(r, "year") is { } y ? $"{c}/{y}" : null, "year", "统一社会信用代码和年度");
        // Every valid code, also of rows whose year or figures are bad, so that those rows learn about the code too.
        var codes = run.Rows.Select(r => run.Text(r, "uscc")).OfType<string>().Distinct().ToList();
        var fileCodes = ImportLookups.Codes(db, codes);
        var visible = await run.Scope.Enterprises(db).AsNoTracking().Where(e => fileCodes.Contains(e.Uscc))
            .Select(e => new { e.Id, e.Uscc, e.Name }).ToDictionaryAsync(e => e.Uscc, ct);
        var registered = (await db.Enterprises.Where(e => fileCodes.Contains(e.Uscc)).Select(e => e.Uscc).ToListAsync(ct)).ToHashSet();
        var ids = visible.Values.Select(e => e.Id).ToList();
        var stored = await db.EnterpriseStatistics.Where(s => ids.Contains(s.EnterpriseId)).ToDictionaryAsync(s => (s.EnterpriseId, s.Year), ct);
        var applied = new List<(ImportRow Row, int EnterpriseId, int Year)>();

        foreach (var row in run.Rows)
        {
            var code = run.Text(row, "uscc");
            var year = run.Integer(row, "year");
            if (code is null) continue;
            if (!visible.TryGetValue(code, out var enterprise))
            {
                run.Error(row, "uscc", registered.Contains(code) ? "该企业不在您的数据范围内" : "企业名录中没有该统一社会信用代码的企业，请先登记或导入企业");
                continue;
            }
            // A code copied wrongly by one character is still a valid code, of another enterprise: the name written beside it is
            // how the row says which enterprise it means, and a mismatch is refused as the enterprise import refuses a town in
            // another county. The registered names were read with the codes, so this costs no query.
            if (run.Text(row, "name") is { } written && !SameName(written, enterprise.Name))
                run.Error(row, "name", $"企业名称“{written}”与统一社会信用代码 {code} 在企业名录中登记的名称“{enterprise.Name}”不一致，请核对代码或名称（企业已更名的，请先在企业名录中修改名称）");
            if (year is not { } y) continue;
            var before = stored.GetValueOrDefault((enterprise.Id, y));
            if (!StatisticsRows.TaxFits(run, row, before?.TaxWanYuan, before?.OutputValueWanYuan, before?.RevenueWanYuan) || row.HasError) continue;

            StatisticsRows.Apply(run, row, stored, (enterprise.Id, y), $"{enterprise.Name} {y}年",
                () => new EnterpriseAnnualStatistics { EnterpriseId = enterprise.Id, Year = y },
                (s, changes) => Fill(run, row, s, changes), s => db.EnterpriseStatistics.Add(s), s => s.IsDemo = false);
            applied.Add((row, enterprise.Id, y));
        }

        StatisticsRows.WarnJumps(run, applied, stored, s => s.OutputValueWanYuan, s => s.RevenueWanYuan);
    }

    /// <summary>
    /// The same name as people type it: spaces and full-width or half-width brackets and letters do not count. The name as
    /// registered, as nearly every row has it, is settled without normalising: a file holds a hundred thousand rows.
    /// </summary>
    private static bool SameName(string written, string registered) =>
        string.Equals(written, registered, StringComparison.Ordinal)
        || string.Equals(Core.Imports.CellValues.NormalizeHeader(written), Core.Imports.CellValues.NormalizeHeader(registered), StringComparison.OrdinalIgnoreCase);

    private void Fill(ImportRun run, ImportRow row, EnterpriseAnnualStatistics s, FieldChanges c)
    {
        if (run.Has("output")) c.Set(Column("output"), s.OutputValueWanYuan, run.Number(row, "output"), v => s.OutputValueWanYuan = v);
        if (run.Has("revenue")) c.Set(Column("revenue"), s.RevenueWanYuan, run.Number(row, "revenue"), v => s.RevenueWanYuan = v);
        if (run.Has("tax")) c.Set(Column("tax"), s.TaxWanYuan, run.Number(row, "tax"), v => s.TaxWanYuan = v);
        if (run.Has("employment")) c.Set(Column("employment"), s.Employment, run.Integer(row, "employment"), v => s.Employment = v);
        if (run.Has("export")) c.Set(Column("export"), s.ExportWanYuan, run.Number(row, "export"), v => s.ExportWanYuan = v);
        if (run.Has("patents")) c.Set(Column("patents"), s.Patents, run.Integer(row, "patents"), v => s.Patents = v);
    }

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        var enterprise = await scope.Enterprises(db).AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Uscc, e.Name }).FirstOrDefaultAsync(ct);
        var taken = enterprise is null ? [] : await db.EnterpriseStatistics.Where(s => s.EnterpriseId == enterprise.Id).Select(s => s.Year).ToListAsync(ct);
        return new Dictionary<string, string>
        {
            ["uscc"] = enterprise?.Uscc ?? "", ["name"] = enterprise?.Name ?? "", ["year"] = StatisticsRows.FreeYear(today, taken).ToString(),
            ["output"] = "12000", ["revenue"] = "11500.5", ["tax"] = "360", ["employment"] = "186", ["export"] = "0", ["patents"] = "4",
        };
    }
}
