using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Imports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Units;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// 责任清单任务: tasks of an existing annual action plan, keyed by plan and task name. Each row goes through the task's own
/// rules (PlanTask.New / Edit / SetUnits / AddMilestone), so an import refuses what the task page would refuse.
/// </summary>
public sealed partial class TaskImport : ImportKind
{
    public override string Key => "tasks";
    public override string Title => "责任清单任务";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("plan", "行动计划", ColumnType.Reference) { Required = true, Reference = ReferenceKind.Plan, MaxLength = ActionPlan.MaxTitle, Description = "平台中已建立的年度行动计划名称" },
        new("group", "任务分组", ColumnType.Text) { Required = true, MaxLength = ActionPlan.MaxTitle, Description = "计划中的分组标题；没有该分组时新建" },
        new("number", "序号", ColumnType.Text) { MaxLength = 20, Description = "如：（十一）" },
        new("title", "任务名称", ColumnType.Text) { Required = true, MaxLength = PlanTask.MaxTitle, Description = "同一计划中任务名称不重复；已有同名任务时按本行更新" },
        new("source", "依据条款", ColumnType.Text) { Required = true, MaxLength = PlanTask.MaxTitle, Description = "如：垣政办发〔2023〕19号 五（二）" },
        new("measures", "工作措施", ColumnType.Text) { MaxLength = PlanTask.MaxText },
        new("targetValue", "目标值", ColumnType.Decimal) { Min = 0, Description = "有量化目标时填写，并填写目标单位" },
        new("targetUnit", "目标单位", ColumnType.Text) { MaxLength = 20, Description = "如：户、个、亿元、%" },
        new("lead", "牵头单位", ColumnType.Text) { Required = true, MaxLength = 1000, Description = "计划所在地区或其上级已登记的单位；多个用顿号“、”分隔；上级有同名单位时按本级的读取，指上级的请写成“单位名称（上级地区名称）”" },
        new("cooperating", "配合单位", ColumnType.Text) { MaxLength = 2000, Description = "同上；一个单位不能既牵头又配合" },
        new("deadline", "截止日期", ColumnType.Date) { Required = true },
        new("weight", "权重", ColumnType.Decimal) { Min = 0, Max = PlanTask.MaxWeight, Description = "留空为 1" },
        new("milestones", "里程碑", ColumnType.Text) { MaxLength = PlanTask.MaxText, Description = "格式：名称（2024-06-30）；名称（2024-09-30）。已有任务按名称核对：新的增加、期限变了的调整；留空则不改动已有里程碑" },
    ];

    public override IReadOnlyList<string> Notes =>
    [
        "按“行动计划 + 任务名称”判断新增或更新：计划中已有同名任务时更新，否则新增。",
        "行动计划须先在“责任清单”中建立；单位须已登记，请从下拉列表或单位名录中复制名称。",
        "里程碑：已有任务的“里程碑”单元格留空时，其里程碑不作改动；填写时即为该任务的全部里程碑，按名称与平台中的核对——没有的新增，期限不同的改为文件中的期限；名称不同而期限相同的视为改名。",
        "平台中有、文件中没有的里程碑：尚无进度的删除；已完成、已有进度或申请过延期的一律保留，不会因导入而删除。导入前的预览逐项列出里程碑的新增、调整和删除。",
        "进度和完成情况由牵头单位在平台填报，不能导入。",
    ];

    public override bool CanImport(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;
    public override string Refusal => "只有领导小组办公室可以导入责任清单任务";

    /// <summary>The plans an office manages: those of its place and below.</summary>
    internal static IQueryable<ActionPlan> Plans(TownsDbContext db, UserScope scope)
    {
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        return scope.Role switch
        {
            Roles.Admin => db.ActionPlans,
            Roles.Office => db.ActionPlans.Where(p => p.Jurisdiction!.Path == path || p.Jurisdiction.Path.StartsWith(under)),
            _ => db.ActionPlans.Where(_ => false),
        };
    }

    [GeneratedRegex(@"^(.+?)[（(]([^（()）]+)[）)]$")]
    private static partial Regex MilestonePattern();

    private static readonly Dictionary<string, string> FieldColumns = new()
    {
        ["title"] = "title", ["number"] = "number", ["source"] = "source", ["measures"] = "measures", ["targetUnit"] = "targetUnit",
        ["targetValue"] = "targetValue", ["deadline"] = "deadline", ["weight"] = "weight", ["leadUnitIds"] = "lead", ["cooperatingUnitIds"] = "cooperating",
    };

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var titles = run.Rows.Select(r => run.Text(r, "plan")).OfType<string>().Distinct().ToList();
        var plans = await Plans(db, run.Scope).Where(p => titles.Contains(p.Title)).Include(p => p.Jurisdiction)
            .Include(p => p.Groups).ThenInclude(g => g.Tasks).ThenInclude(t => t.Units).ThenInclude(u => u.Unit)
            .Include(p => p.Groups).ThenInclude(g => g.Tasks).ThenInclude(t => t.Milestones)
            // A milestone someone asked to extend is not deleted by an import, so the requests are needed.
            .Include(p => p.Groups).ThenInclude(g => g.Tasks).ThenInclude(t => t.Extensions)
            .AsSplitQuery().ToListAsync(ct);
        var paths = plans.Select(p => p.Jurisdiction!.Path).Distinct().ToList();
        var lookup = await UnitLookup.LoadAsync(db, paths, ct);
        var ancestors = paths.SelectMany(UnitRegistry.Ancestors).Distinct().ToList();
        var units = await db.Units.Include(u => u.Jurisdiction).Where(u => ancestors.Contains(u.Jurisdiction!.Path)).ToDictionaryAsync(u => u.Id, ct);
        var actor = new TaskActor(run.Scope.UserId, run.UserName, null, TaskRole.Manager);

        var resolved = new Dictionary<ImportRow, ActionPlan>();
        foreach (var row in run.Rows)
        {
            if (run.Text(row, "plan") is not { } text) continue;
            var matches = plans.Where(p => p.Title == text).ToList();
            if (matches.Count == 0) run.Error(row, "plan", $"没有名为“{text}”的行动计划，或不在您的数据范围内；请先在责任清单中建立计划");
            else if (matches.Count > 1) run.Error(row, "plan", $"有多个名为“{text}”的行动计划，请先在平台中修改计划名称以便区分");
            else resolved[row] = matches[0];
        }
        run.FirstOfEach(r => resolved.TryGetValue(r, out var p) && run.Text(r, "title") is { } t ? $"{p.Id}/{t}" : null, "title", "行动计划和任务名称");

        foreach (var row in run.Rows)
        {
            // A bad or blank cell reads as null: each check runs where its own cells parsed, so a row with a bad cell hears the rest too.
            var milestones = Milestones(run, row);
            if (!resolved.TryGetValue(row, out var plan)) continue;
            var path = plan.Jurisdiction!.Path;
            List<Unit> Units(string key)
            {
                var found = new List<Unit>();
                foreach (var name in CellValues.List(run.Text(row, key) ?? ""))
                {
                    var (registered, note) = lookup.Read(path, name);
                    var unit = registered is null ? null : units[registered.Id];
                    if (note is not null) run.Warn(row, key, note);
                    if (unit is null) run.Error(row, key, $"{plan.Jurisdiction.Name}及其上级没有登记名为“{name}”的单位（含曾用名）{(UnitNames.IsCollective(name) ? "（“各……”“有关……”不是单位，请逐一写出单位名称）" : "")}");
                    else found.Add(unit);
                }
                return found;
            }
            var lead = Units("lead");
            var cooperating = Units("cooperating");
            var title = run.Text(row, "title");
            var existing = title is null ? null : plan.Groups.SelectMany(g => g.Tasks).FirstOrDefault(t => t.Title == title);
            var groupTitle = run.Text(row, "group");
            var currentGroup = existing is null ? null : plan.Groups.First(g => g.Tasks.Contains(existing));
            if (currentGroup is not null && groupTitle is not null && currentGroup.Title != groupTitle)
                run.Error(row, "group", $"该任务在分组“{currentGroup.Title}”中；调整任务分组请在平台中操作");
            if (row.HasError) continue;

            var edit = new TaskEdit(title, run.Text(row, "number"), run.Text(row, "source"), run.Text(row, "measures"), run.Number(row, "targetValue"),
                run.Text(row, "targetUnit"), null, run.Number(row, "weight") ?? 1m, run.Get<DateOnly?>(row, "deadline")!.Value);
            try
            {
                if (existing is null)
                {
                    var task = PlanTask.New(actor, run.NowUtc, edit);
                    task.PlanId = plan.Id;
                    task.SetUnits(actor, run.NowUtc, lead, cooperating);
                    if (!ApplyMilestones(run, row, task, actor, MilestonePlan.For(task, milestones ?? []))) continue;
                    var group = plan.Groups.FirstOrDefault(g => g.Title == groupTitle);
                    if (group is null)
                    {
                        group = new TaskGroup { Title = groupTitle!, SortOrder = plan.Groups.Count == 0 ? 1 : plan.Groups.Max(g => g.SortOrder) + 1 };
                        plan.Groups.Add(group);
                    }
                    task.SortOrder = group.Tasks.Count == 0 ? 1 : group.Tasks.Max(t => t.SortOrder) + 1;
                    group.Tasks.Add(task);
                    run.Change(row, RowAction.Create, $"{plan.Title}：{title}");
                    continue;
                }

                var changes = Differences(existing, edit, lead, cooperating);
                // A blank cell (or no such column) leaves the milestones as they are; a filled one is the task's whole list.
                var steps = milestones is null ? null : MilestonePlan.For(existing, milestones);
                // Milestones and the task's deadline limit each other: when the deadline moves earlier, the milestones go first.
                var earlier = edit.Deadline < existing.Deadline;
                if (earlier && steps is not null && !ApplyMilestones(run, row, existing, actor, steps)) continue;
                if (changes.Count > 0)
                {
                    existing.Edit(actor, run.NowUtc, edit with { CurrentValue = existing.CurrentValue });
                    if (changes.Any(c => c.Column is "牵头单位" or "配合单位")) existing.SetUnits(actor, run.NowUtc, lead, cooperating);
                }
                if (!earlier && steps is not null && !ApplyMilestones(run, row, existing, actor, steps)) continue;
                changes.AddRange(steps?.Changes ?? []);
                run.Change(row, changes.Count == 0 ? RowAction.Unchanged : RowAction.Update, $"{plan.Title}：{title}", changes);
            }
            catch (TaskRuleException e)
            {
                if (e.Errors.Count == 0) run.Error(row, "title", e.Message);
                foreach (var (field, message) in e.Errors)
                    run.Error(row, FieldColumns.GetValueOrDefault(field, "milestones"), message);
            }
        }
    }

    /// <summary>The milestones a row lists, null when its cell is blank (or bad); a badly written item is reported.</summary>
    private static List<(string Title, DateOnly Deadline)>? Milestones(ImportRun run, ImportRow row)
    {
        if (run.Text(row, "milestones") is not { } text) return null;
        var milestones = new List<(string Title, DateOnly Deadline)>();
        foreach (var item in text.Split(['；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = MilestonePattern().Match(item);
            var (date, _) = m.Success ? CellValues.Date(m.Groups[2].Value) : (null, null);
            if (date is null) run.Error(row, "milestones", $"里程碑“{item}”应写成“名称（2024-06-30）”");
            else if (milestones.Any(x => x.Title == m.Groups[1].Value.Trim())) run.Error(row, "milestones", $"里程碑“{m.Groups[1].Value.Trim()}”写了两次");
            else milestones.Add((m.Groups[1].Value.Trim(), date.Value));
        }
        return milestones;
    }

    /// <summary>Makes the planned milestone steps through the task's own rules; a refused step is the row's error on the 里程碑 column.</summary>
    private static bool ApplyMilestones(ImportRun run, ImportRow row, PlanTask task, TaskActor actor, MilestonePlan steps)
    {
        foreach (var step in steps.Steps)
        {
            try
            {
                switch (step)
                {
                    case MilestoneStep.Remove r: task.RemoveMilestone(actor, run.NowUtc, run.Today, r.Milestone.Id); break;
                    case MilestoneStep.Change c: task.EditMilestone(actor, run.NowUtc, c.Milestone.Id, c.Name, c.Deadline, c.Milestone.Weight); break;
                    case MilestoneStep.Add a: task.AddMilestone(actor, run.NowUtc, run.Today, a.Name, a.Deadline, 1m); break;
                }
            }
            catch (TaskRuleException e)
            {
                run.Error(row, "milestones", $"里程碑“{step.Title}”：{e.Message}");
                return false;
            }
        }
        return true;
    }

    private List<FieldChange> Differences(PlanTask task, TaskEdit edit, List<Unit> lead, List<Unit> cooperating)
    {
        var changes = new List<FieldChange>();
        void Compare(string key, string? old, string? value)
        {
            if ((old ?? "") != (value ?? "")) changes.Add(new FieldChange(Column(key).FullHeader, old is { Length: > 0 } ? old : "（空）", value is { Length: > 0 } ? value : "（空）"));
        }
        Compare("number", task.Number, edit.Number?.Trim());
        Compare("source", task.Source, edit.Source?.Trim());
        Compare("measures", task.Measures, edit.Measures?.Trim() ?? "");
        Compare("targetValue", task.TargetValue is null ? null : CellValues.Figure(task.TargetValue), edit.TargetValue is null ? null : CellValues.Figure(edit.TargetValue));
        Compare("targetUnit", task.TargetUnit, edit.TargetUnit?.Trim());
        Compare("lead", string.Join("、", task.LeadUnits.Select(u => u.Unit?.Name)), string.Join("、", lead.DistinctBy(u => u.Id).Select(u => u.Name)));
        Compare("cooperating", string.Join("、", task.CooperatingUnits.Select(u => u.Unit?.Name)), string.Join("、", cooperating.DistinctBy(u => u.Id).Select(u => u.Name)));
        Compare("deadline", CellValues.Day(task.Deadline), CellValues.Day(edit.Deadline));
        Compare("weight", CellValues.Figure(task.Weight), CellValues.Figure(edit.Weight));
        return changes;
    }

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        var plan = await Plans(db, scope).AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.Id)
            .Select(p => new { p.Title, p.Year, Path = p.Jurisdiction!.Path, Group = p.Groups.OrderBy(g => g.SortOrder).Select(g => g.Title).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        var unit = plan is null ? null : (await UnitLookup.LoadAsync(db, [plan.Path], ct)).At(plan.Path).OrderByDescending(u => u.Depth).FirstOrDefault();
        var year = plan?.Year ?? today.Year;
        return new Dictionary<string, string>
        {
            ["plan"] = plan?.Title ?? "", ["group"] = plan?.Group ?? "重点任务", ["number"] = "（示例）", ["title"] = "示例：建立专业镇重点企业包联服务机制",
            ["source"] = "（填写文件文号和条款）", ["measures"] = "每名县级领导包联 2 家重点企业，每季度走访一次", ["targetValue"] = "20", ["targetUnit"] = "家",
            ["lead"] = unit?.Name ?? "", ["cooperating"] = "", ["deadline"] = $"{year}-12-31", ["weight"] = "1",
            ["milestones"] = $"确定包联名单（{year}-06-30）；完成首轮走访（{year}-09-30）",
        };
    }
}
