using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Imports;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Data.Units;

namespace SpecializedTowns.Data.Imports;

/// <summary>重点项目: one row per project, keyed by its town and name. Monthly progress has its own template (月度进展).</summary>
public sealed class ProjectImport : ImportKind
{
    internal static readonly IReadOnlyDictionary<string, ProjectKind> KindNames = Enum.GetValues<ProjectKind>().ToDictionary(ProjectTerms.Chinese);
    internal static readonly IReadOnlyDictionary<string, ProjectRole> RoleNames = Enum.GetValues<ProjectRole>().ToDictionary(ProjectTerms.Chinese);

    public override string Key => "projects";
    public override string Title => "重点项目";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("name", "项目名称", ColumnType.Text) { Required = true, MaxLength = ProjectLimits.Name, Description = "同一专业镇内项目名称不重复；已有同名项目时按本行更新" },
        new("town", "所属专业镇", ColumnType.Reference) { Required = true, Reference = ReferenceKind.Town, MaxLength = 100, Description = "须在您的数据范围内" },
        new("owner", "业主单位", ColumnType.Text) { Required = true, MaxLength = ProjectLimits.Name, Description = "与企业名录中本县企业同名时自动关联该企业；也可填尚未入库的投资方" },
        ImportColumn.Choice("kind", "建设性质", CodeLists.ProjectKind) with { Required = true },
        ImportColumn.Choice("role", "项目类别", CodeLists.ProjectRole) with { Required = true },
        new("description", "建设内容", ColumnType.Text) { MaxLength = ProjectLimits.Text },
        new("total", "总投资", ColumnType.Decimal) { Required = true, Unit = "万元", Min = 0.01m, Max = 100_000_000 },
        new("annual", "年度计划投资", ColumnType.Decimal) { Unit = "万元", Min = 0, Max = 100_000_000, Description = "不大于总投资" },
        new("planYear", "计划年度", ColumnType.Integer) { Required = true, Min = 2000, YearsAhead = 5 },
        new("unit", "责任单位", ColumnType.Reference) { Reference = ReferenceKind.Unit, MaxLength = 100, Description = "项目所在县或其上级已登记的单位；上级有同名单位时按本县的读取，指上级的请写成“单位名称（上级地区名称）”" },
        new("leader", "包联领导", ColumnType.Text) { MaxLength = 60 },
        new("plannedSigned", "计划签约日期", ColumnType.Date),
        new("plannedStart", "计划开工日期", ColumnType.Date),
        new("plannedProduction", "计划投产日期", ColumnType.Date),
        new("plannedTarget", "计划达效日期", ColumnType.Date),
    ];

    public override IReadOnlyList<string> Notes =>
    [
        "按“所属专业镇 + 项目名称”判断新增或更新。新增的项目处于“谋划储备”阶段，用地、用能、环评、融资四项要素保障均为“待落实”。",
        "项目阶段（签约、开工、投产、达效）的实际日期不能导入，请在项目页面逐项确认。",
        "项目的月度进展请使用“重点项目月度进展”模板另行导入：先导入项目，再导入进展。",
        "计划日期应依次为签约 ≤ 开工 ≤ 投产 ≤ 达效。",
    ];

    public override bool CanImport(UserScope scope) => ProjectService.CanManage(scope);
    public override string Refusal => "只有领导小组办公室可以导入重点项目";

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var towns = await ImportLookups.TownsAsync(db, run.Scope, ct);
        var townIndex = new NameIndex<TownRef>(towns, t => t.Name, t => t.CountyPath + "/" + t.Name, "专业镇");
        var units = await UnitLookup.LoadAsync(db, towns.Select(t => t.CountyPath).Distinct(), ct);
        var resolved = new Dictionary<ImportRow, TownRef>();
        foreach (var row in run.Rows)
        {
            if (run.Text(row, "town") is not { } text) continue;
            var (town, problem) = townIndex.Find(text);
            if (town is null) run.Error(row, "town", problem ?? $"专业镇“{text}”不存在，或不在您的数据范围内");
            else if (town.OffList is { } off) run.Error(row, "town", off.Refusal("重点项目"));
            else resolved[row] = town;
        }
        run.FirstOfEach(r => resolved.TryGetValue(r, out var t) && run.Text(r, "name") is { } n ? $"{t.Id}/{n}" : null, "name", "专业镇和项目名称");

        var townIds = resolved.Values.Select(t => t.Id).Distinct().ToList();
        var stored = (await db.Projects.Where(p => townIds.Contains(p.SpecializedTownId)).ToListAsync(ct))
            .GroupBy(p => (p.SpecializedTownId, p.Name)).ToDictionary(g => g.Key, g => g.First());
        var countyIds = resolved.Values.Select(t => t.CountyId).Distinct().ToList();
        var enterprises = (await db.Enterprises.AsNoTracking().Where(e => countyIds.Contains(e.CountyId)).Select(e => new { e.Id, e.Name, e.CountyId }).ToListAsync(ct))
            .GroupBy(e => (e.CountyId, e.Name)).ToDictionary(g => g.Key, g => g.First().Id);

        foreach (var row in run.Rows)
        {
            // A bad or blank cell reads as null: each check runs where its own cells parsed, so a row with a bad cell hears the rest too.
            resolved.TryGetValue(row, out var town);
            var total = run.Number(row, "total");
            var annual = run.Number(row, "annual");
            if (annual > total) run.Error(row, "annual", "年度计划投资应在 0 到总投资之间");
            var planYear = run.Integer(row, "planYear");
            int? unitId = null;
            if (town is not null && run.Text(row, "unit") is { } unitText)
            {
                var (unit, note) = units.Read(town.CountyPath, unitText);
                if (unit is null) run.Error(row, "unit", $"{town.CountyName}及其上级没有名为“{unitText}”的单位（含曾用名），请核对名称");
                else unitId = unit.Id;
                if (note is not null) run.Warn(row, "unit", note);
            }
            DateOnly? last = null; string? lastLabel = null;
            foreach (var (key, label) in new[] { ("plannedSigned", "签约"), ("plannedStart", "开工"), ("plannedProduction", "投产"), ("plannedTarget", "达效") })
            {
                if (run.Get<DateOnly?>(row, key) is not { } d) continue;
                if (last is { } l && d < l) run.Error(row, key, $"计划{label}日期不能早于计划{lastLabel}日期");
                if (planYear is { } year && ImportChecks.PlanDate(label, d, year) is { } far) run.Warn(row, key, far);
                last = d; lastLabel = label;
            }
            if (row.HasError || town is null) continue;

            var name = run.Text(row, "name")!;
            var owner = run.Text(row, "owner")!;
            int? ownerId = enterprises.TryGetValue((town.CountyId, owner), out var eid) ? eid : null;
            var isNew = !stored.TryGetValue((town.Id, name), out var project);
            if (project is null)
            {
                project = new KeyProject { Name = name, SpecializedTownId = town.Id, CountyId = town.CountyId, CreatedAtUtc = run.NowUtc, Stage = ProjectStage.Planning };
                foreach (var k in GuaranteeTerms.Kinds)
                    project.Guarantees.Add(new ElementGuarantee { Kind = k, Status = GuaranteeStatus.Pending, UnitId = unitId, UpdatedAtUtc = run.NowUtc });
                db.Projects.Add(project);
                stored[(town.Id, name)] = project;
            }
            var c = new FieldChanges();
            var p = project;
            c.Set(Column("owner"), p.OwnerName, owner, v => p.OwnerName = v);
            c.Set(Column("owner"), p.OwnerEnterpriseId, ownerId, v => p.OwnerEnterpriseId = v, v => v is null ? "未入库" : "企业名录中的企业");
            c.Set(Column("kind"), p.Kind, KindNames[run.Text(row, "kind")!], v => p.Kind = v, ProjectTerms.Chinese);
            c.Set(Column("role"), p.Role, RoleNames[run.Text(row, "role")!], v => p.Role = v, ProjectTerms.Chinese);
            if (isNew || run.Has("description")) c.Set(Column("description"), p.Description, run.Text(row, "description"), v => p.Description = v);
            c.Set(Column("total"), p.TotalInvestmentWanYuan, total!.Value, v => p.TotalInvestmentWanYuan = v);
            if (isNew || run.Has("annual")) c.Set(Column("annual"), p.AnnualPlannedInvestmentWanYuan, annual ?? 0, v => p.AnnualPlannedInvestmentWanYuan = v);
            c.Set(Column("planYear"), p.PlanYear, planYear!.Value, v => p.PlanYear = v, v => v.ToString());
            if (isNew || run.Has("unit")) c.Set(Column("unit"), p.ResponsibleUnitId, unitId, v => p.ResponsibleUnitId = v, v => v is { } i ? units.NameOf(i) ?? "" : "（空）");
            if (isNew || run.Has("leader")) c.Set(Column("leader"), p.ResponsibleLeader, run.Text(row, "leader"), v => p.ResponsibleLeader = v);
            if (isNew || run.Has("plannedSigned")) c.Set(Column("plannedSigned"), p.PlannedSignedOn, run.Get<DateOnly?>(row, "plannedSigned"), v => p.PlannedSignedOn = v);
            if (isNew || run.Has("plannedStart")) c.Set(Column("plannedStart"), p.PlannedStartOn, run.Get<DateOnly?>(row, "plannedStart"), v => p.PlannedStartOn = v);
            if (isNew || run.Has("plannedProduction")) c.Set(Column("plannedProduction"), p.PlannedProductionOn, run.Get<DateOnly?>(row, "plannedProduction"), v => p.PlannedProductionOn = v);
            if (isNew || run.Has("plannedTarget")) c.Set(Column("plannedTarget"), p.PlannedTargetOn, run.Get<DateOnly?>(row, "plannedTarget"), v => p.PlannedTargetOn = v);
            run.Change(row, isNew ? RowAction.Create : c.Action, $"{town.Name}：{name}", isNew ? [] : c.List);
        }
    }

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        var town = (await ImportLookups.TownsAsync(db, scope, ct)).FirstOrDefault(t => t.OffList is null);
        var unit = town is null ? null : (await UnitLookup.LoadAsync(db, [town.CountyPath], ct)).At(town.CountyPath).OrderByDescending(u => u.Depth).FirstOrDefault();
        return new Dictionary<string, string>
        {
            ["name"] = "示例农产品冷链物流中心项目", ["town"] = town?.Name ?? "", ["owner"] = "示例投资有限公司",
            ["kind"] = ProjectTerms.Chinese(ProjectKind.New), ["role"] = ProjectTerms.Chinese(ProjectRole.ShortBoard),
            ["description"] = "新建冷库 2 万立方米及分拣包装车间", ["total"] = "8500", ["annual"] = "3000", ["planYear"] = today.Year.ToString(),
            ["unit"] = unit?.Name ?? "", ["leader"] = "张三",
            ["plannedSigned"] = $"{today.Year}-03-15", ["plannedStart"] = $"{today.Year}-05-01", ["plannedProduction"] = $"{today.Year + 1}-06-30",
            ["plannedTarget"] = $"{today.Year + 2}-12-31",
        };
    }
}
