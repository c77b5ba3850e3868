using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Imports;

/// <summary>专业镇年度统计: one row per town and year, as townships report them to the county office.</summary>
public sealed class TownStatisticsImport : ImportKind
{
    public override string Key => "town-statistics";
    public override string Title => "专业镇年度统计";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("town", "专业镇名称", ColumnType.Reference) { Required = true, Reference = ReferenceKind.Town, MaxLength = 100, Description = "须在您的数据范围内，从下拉列表中选择" },
        new("year", "年度", ColumnType.Integer) { Required = true, Min = 2000, FinishedYears = true, Description = "统计年度（已结束的年份），如 2024" },
        new("output", "年产值", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("revenue", "营业收入", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("tax", "税收", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("employment", "从业人数", ColumnType.Integer) { Unit = "人", Min = 0, Max = FigureLimits.MaxEmployment },
        new("provincialShare", "省内市场占有率", ColumnType.Percent) { Unit = "%" },
        new("cityShare", "市内市场占有率", ColumnType.Percent) { Unit = "%" },
        new("nationalShare", "全国市场占有率", ColumnType.Percent) { Unit = "%" },
        new("export", "出口额", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = FigureLimits.MaxMoneyWanYuan },
        new("patents", "专利数", ColumnType.Integer) { Unit = "项", Min = 0, Max = FigureLimits.MaxPatents },
        new("platforms", "公共服务平台数", ColumnType.Integer) { Unit = "个", Min = 0, Max = FigureLimits.MaxPlatforms },
        new("leading", "龙头企业数", ColumnType.Integer) { Unit = "家", Min = 0, Max = FigureLimits.MaxLeadingEnterprises },
        new("supporting", "配套企业数", ColumnType.Integer) { Unit = "家", Min = 0, Max = FigureLimits.MaxSupportingEnterprises },
    ];

    private static readonly string[] Figures =
        ["output", "revenue", "tax", "employment", "provincialShare", "cityShare", "nationalShare", "export", "patents", "platforms", "leading", "supporting"];

    public override IReadOnlyList<string> Notes =>
    [
        "按“专业镇名称 + 年度”判断新增或更新：该专业镇已有该年度数据时更新，否则新增。",
        .. StatisticsRows.YearNotes,
        "金额单位为万元；也可写“1.2亿”。市场占有率填 0 到 100 的百分数，如 12.5 或 12.5%。",
        "税收不能大于同一年度的年产值或营业收入（表中没有这两列时，与已录入的数比较）。",
        "乡镇/专班人员只能导入本人负责的专业镇的数据。",
        "某一数据列整列不在表中时，已有数据的该项保持不变；列在表中而单元格留空时，该项清空。",
    ];

    public override bool CanImport(UserScope scope) => TownRegistry.CanEnterStatistics(scope);
    public override string Refusal => "您的角色不能录入统计数据";

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var towns = await ImportLookups.TownsAsync(db, run.Scope, ct);
        var townIndex = new NameIndex<TownRef>(towns, t => t.Name, t => t.CountyPath + "/" + t.Name, "专业镇");
        var allTownNames = (await db.Towns.AsNoTracking().Select(t => t.Name).ToListAsync(ct)).ToHashSet();
        var resolved = new Dictionary<ImportRow, TownRef>();
        foreach (var row in run.Rows)
        {
            // As on the town's page (TownRegistry.SaveStatisticsAsync): a year with no figure would count as the latest and show blanks.
            if (Figures.All(k => !run.Has(k) || run.Number(row, k) is null && run.Integer(row, k) is null))
                run.Error(row, "output", "请至少填写一项统计数据：只有专业镇和年度的行不会导入");
            if (run.Text(row, "town") is not { } text) continue;
            var (town, problem) = townIndex.Find(text);
            if (town is null)
                run.Error(row, "town", problem ?? (allTownNames.Contains(text) ? $"专业镇“{text}”不在您的数据范围内" : $"没有名为“{text}”的专业镇，请从下拉列表中选择"));
            else if (town.OffList is { } off) run.Error(row, "town", off.Refusal("统计数据"));
            else resolved[row] = town;
        }
        run.FirstOfEach(r => resolved.TryGetValue(r, out var t) && run.Integer(r, "year") is { } y ? $"{t.Id}/{y}" : null, "year", "专业镇和年度");

        var ids = resolved.Values.Select(t => t.Id).Distinct().ToList();
        var stored = await db.TownStatistics.Where(s => ids.Contains(s.SpecializedTownId)).ToDictionaryAsync(s => (s.SpecializedTownId, s.Year), ct);
        var applied = new List<(ImportRow Row, int TownId, int Year)>();
        foreach (var row in run.Rows)
        {
            if (!resolved.TryGetValue(row, out var town) || run.Integer(row, "year") is not { } year) continue;
            var before = stored.GetValueOrDefault((town.Id, year));
            if (!StatisticsRows.TaxFits(run, row, before?.TaxWanYuan, before?.OutputValueWanYuan, before?.RevenueWanYuan) || row.HasError) continue;
            StatisticsRows.Apply(run, row, stored, (town.Id, year), $"{town.Name} {year}年",
                () => new TownAnnualStatistics { SpecializedTownId = town.Id, Year = year },
                (s, changes) => Fill(run, row, s, changes), s => db.TownStatistics.Add(s), s => s.IsDemo = false);
            applied.Add((row, town.Id, year));
        }
        StatisticsRows.WarnJumps(run, applied, stored, s => s.OutputValueWanYuan, s => s.RevenueWanYuan);
    }

    private void Fill(ImportRun run, ImportRow row, TownAnnualStatistics s, FieldChanges c)
    {
        void Money(string key, decimal? old, Action<decimal?> assign) { if (run.Has(key)) c.Set(Column(key), old, run.Number(row, key), assign); }
        void Count(string key, int? old, Action<int?> assign) { if (run.Has(key)) c.Set(Column(key), old, run.Integer(row, key), assign); }
        Money("output", s.OutputValueWanYuan, v => s.OutputValueWanYuan = v);
        Money("revenue", s.RevenueWanYuan, v => s.RevenueWanYuan = v);
        Money("tax", s.TaxWanYuan, v => s.TaxWanYuan = v);
        Count("employment", s.Employment, v => s.Employment = v);
        Money("provincialShare", s.ProvincialMarketSharePercent, v => s.ProvincialMarketSharePercent = v);
        Money("cityShare", s.CityMarketSharePercent, v => s.CityMarketSharePercent = v);
        Money("nationalShare", s.NationalMarketSharePercent, v => s.NationalMarketSharePercent = v);
        Money("export", s.ExportWanYuan, v => s.ExportWanYuan = v);
        Count("patents", s.Patents, v => s.Patents = v);
        Count("platforms", s.PublicServicePlatforms, v => s.PublicServicePlatforms = v);
        Count("leading", s.LeadingEnterprises, v => s.LeadingEnterprises = v);
        Count("supporting", s.SupportingEnterprises, v => s.SupportingEnterprises = v);
    }

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        var town = (await ImportLookups.TownsAsync(db, scope, ct)).FirstOrDefault(t => t.OffList is null);
        var taken = town is null ? [] : await db.TownStatistics.Where(s => s.SpecializedTownId == town.Id).Select(s => s.Year).ToListAsync(ct);
        return new Dictionary<string, string>
        {
            ["town"] = town?.Name ?? "", ["year"] = StatisticsRows.FreeYear(today, taken).ToString(), ["output"] = "185000", ["revenue"] = "176000", ["tax"] = "5200",
            ["employment"] = "6800", ["provincialShare"] = "35", ["cityShare"] = "60", ["nationalShare"] = "3.5", ["export"] = "1200",
            ["patents"] = "26", ["platforms"] = "2", ["leading"] = "3", ["supporting"] = "28",
        };
    }
}
