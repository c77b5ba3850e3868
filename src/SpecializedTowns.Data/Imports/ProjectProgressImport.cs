using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;

namespace SpecializedTowns.Data.Imports;

/// <summary>重点项目月度进展: one row per project and month, the project named by its town and name.</summary>
public sealed class ProjectProgressImport : ImportKind
{
    public override string Key => "project-progress";
    public override string Title => "重点项目月度进展";
    public override string SheetName => "月度进展";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("town", "所属专业镇", ColumnType.Reference) { Required = true, Reference = ReferenceKind.Town, MaxLength = 100 },
        new("project", "项目名称", ColumnType.Text) { Required = true, MaxLength = ProjectLimits.Name, Description = "须为重点项目库中该专业镇已有的项目" },
        new("year", "年度", ColumnType.Integer) { Required = true, Min = 2000, YearsAhead = 0 },
        new("month", "月份", ColumnType.Integer) { Required = true, Unit = "月", Min = 1, Max = 12, Description = "1 到 12；不能填报未来月份" },
        new("amount", "当月完成投资", ColumnType.Decimal) { Required = true, Unit = "万元", Min = 0, Max = 100_000_000, Description = "不超过项目总投资" },
        new("progress", "形象进度", ColumnType.Text) { Required = true, MaxLength = ProjectLimits.Text },
        new("difficulties", "困难问题", ColumnType.Text) { MaxLength = ProjectLimits.Text },
    ];

    public override IReadOnlyList<string> Notes =>
    [
        "按“所属专业镇 + 项目名称 + 年度 + 月份”判断新增或更新：该项目已有该月进展时更新，否则新增。",
        "项目须已在重点项目库中：新项目请先用“重点项目”模板导入，再导入月度进展。",
        "乡镇/专班人员可以导入本人负责的专业镇的项目进展。",
    ];

    public override bool CanImport(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.Township;
    public override string Refusal => "只有领导小组办公室和乡镇/专班人员可以导入项目进展";

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var towns = await ImportLookups.TownsAsync(db, run.Scope, ct);
        var townIndex = new NameIndex<TownRef>(towns, t => t.Name, t => t.CountyPath + "/" + t.Name, "专业镇");
        var townIds = towns.Select(t => t.Id).ToList();
        var projects = (await ProjectScope.Projects(db, run.Scope).AsNoTracking().Where(p => townIds.Contains(p.SpecializedTownId))
                .Select(p => new { p.Id, p.Name, p.SpecializedTownId, p.TotalInvestmentWanYuan }).ToListAsync(ct))
            .GroupBy(p => (p.SpecializedTownId, p.Name)).ToDictionary(g => g.Key, g => g.First());
        var resolved = new Dictionary<ImportRow, (string Town, int Id, decimal Total)>();
        foreach (var row in run.Rows)
        {
            // A bad or blank cell reads as null: each check runs where its own cells parsed.
            var (year, month) = (run.Integer(row, "year"), run.Integer(row, "month"));
            // A year after this one is refused with the cell (ImportColumn.YearsAhead) and reads as null here.
            if (year is { } y && month is { } m && new DateOnly(y, m, 1) > new DateOnly(run.Today.Year, run.Today.Month, 1)) run.Error(row, "month", "不能填报未来月份的进展");
            if (run.Text(row, "town") is not { } text) continue;
            var (town, problem) = townIndex.Find(text);
            if (town is null) { run.Error(row, "town", problem ?? $"专业镇“{text}”不存在，或不在您的数据范围内"); continue; }
            if (town.OffList is { } off) { run.Error(row, "town", off.Refusal("项目进度")); continue; }
            if (run.Text(row, "project") is not { } name) continue;
            if (!projects.TryGetValue((town.Id, name), out var project)) { run.Error(row, "project", $"{town.Name}没有名为“{name}”的重点项目，请先导入项目"); continue; }
            if (run.Number(row, "amount") > project.TotalInvestmentWanYuan) run.Error(row, "amount", "当月完成投资超过了项目总投资，请核对单位是否为万元");
            resolved[row] = (town.Name + "：" + name, project.Id, project.TotalInvestmentWanYuan);
        }
        run.FirstOfEach(r => resolved.TryGetValue(r, out var p) && run.Integer(r, "year") is { } y && run.Integer(r, "month") is { } m ? $"{p.Id}/{y}/{m}" : null, "month", "项目和月份");

        var ids = resolved.Values.Select(p => p.Id).Distinct().ToList();
        var stored = await db.ProjectProgress.Where(p => ids.Contains(p.ProjectId)).ToDictionaryAsync(p => (p.ProjectId, p.Year, p.Month), ct);
        foreach (var row in run.Rows)
        {
            if (row.HasError || !resolved.TryGetValue(row, out var project)) continue;
            var (year, month) = (run.Integer(row, "year")!.Value, run.Integer(row, "month")!.Value);
            var isNew = !stored.TryGetValue((project.Id, year, month), out var p);
            if (p is null)
            {
                p = new ProjectProgress { ProjectId = project.Id, Year = year, Month = month };
                db.ProjectProgress.Add(p);
                stored[(project.Id, year, month)] = p;
            }
            var c = new FieldChanges();
            var entry = p;
            c.Set(Column("amount"), entry.InvestmentCompletedWanYuan, run.Number(row, "amount")!.Value, v => entry.InvestmentCompletedWanYuan = v);
            c.Set(Column("progress"), entry.PhysicalProgress, run.Text(row, "progress")!, v => entry.PhysicalProgress = v);
            if (isNew || run.Has("difficulties")) c.Set(Column("difficulties"), entry.Difficulties, run.Text(row, "difficulties"), v => entry.Difficulties = v);
            if (isNew || c.List.Count > 0)
            {
                entry.ReportedByUserId = run.Scope.UserId;
                entry.ReportedBy = run.UserName;
                entry.ReportedAtUtc = run.NowUtc;
            }
            run.Change(row, isNew ? RowAction.Create : c.Action, $"{project.Town} {year}年{month}月", isNew ? [] : c.List);
        }
    }

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        var project = await ProjectScope.Projects(db, scope).AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, Town = p.Town!.Name, p.TotalInvestmentWanYuan }).FirstOrDefaultAsync(ct);
        // The latest month before this one without a report of the project, so that the example never replaces one.
        var reported = project is null ? [] : (await db.ProjectProgress.Where(p => p.ProjectId == project.Id).Select(p => new { p.Year, p.Month }).ToListAsync(ct))
            .Select(p => p.Year * 12 + p.Month - 1).ToHashSet();
        var month = today.AddMonths(-1);
        for (var m = month; m.Year >= 2000; m = m.AddMonths(-1))
            if (!reported.Contains(m.Year * 12 + m.Month - 1)) { month = m; break; }
        return new Dictionary<string, string>
        {
            ["town"] = project?.Town ?? "", ["project"] = project?.Name ?? "", ["year"] = month.Year.ToString(), ["month"] = month.Month.ToString(),
            ["amount"] = Math.Min(120m, project?.TotalInvestmentWanYuan ?? 120m).ToString("0.##"), ["progress"] = "主体厂房封顶，设备进场安装",
            ["difficulties"] = "",
        };
    }
}
