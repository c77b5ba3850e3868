using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Tasks;

/// <summary>Tasks:DueSoonDays — how many days before a deadline an open item turns yellow.</summary>
public sealed record TaskSettings(int DueSoonDays = TaskLights.DefaultDueSoonDays);

public sealed record UnitRef(int Id, string Name);

public sealed record TaskRow(
    int Id, int PlanId, string Plan, int Year, int GroupId, string Group, string? Number, string Title, string? Source,
    IReadOnlyList<UnitRef> LeadUnits, IReadOnlyList<UnitRef> CooperatingUnits, DateOnly Deadline, DateOnly OriginalDeadline,
    decimal Progress, TaskLight Light, decimal Weight, int Milestones, int MilestonesDone, bool PendingExtension);

public sealed record PlanListItem(
    int Id, int Year, string Title, string Place, string? Town, string PolicyId, string? PolicyNumber,
    int Tasks, decimal Progress, int Overdue, int DueSoon, int Done, bool IsDemo, bool OnlyOwnTasks, string? PolicyTitle = null)
{
    /// <summary>The document as people cite it: its number, or for a draft without one its title in 《》.</summary>
    public string PolicyCited => PolicyNumber ?? (PolicyTitle is null ? PolicyId : $"《{PolicyTitle}》");
}

public sealed record GroupView(int Id, string Title, decimal Weight, decimal Progress, IReadOnlyList<TaskRow> Tasks);

public sealed record PlanView(
    ActionPlan Plan, string Place, string? Town, PolicyPack? Pack, decimal Progress, IReadOnlyList<GroupView> Groups,
    IReadOnlyDictionary<TaskLight, int> Counts, bool OnlyOwnTasks, bool CanManage, IReadOnlyList<UnitRef> Units, DateOnly Today)
{
    public int TaskCount => Groups.Sum(g => g.Tasks.Count);
}

public sealed record TaskView(
    PlanTask Task, ActionPlan Plan, string Place, string Group, TaskLight Light, decimal Progress,
    IReadOnlyDictionary<int, TaskLight> MilestoneLights, TaskRole Role, DateOnly Today, int DueSoonDays)
{
    public bool CanReport => Role is TaskRole.Lead or TaskRole.Manager;
    public bool CanNote => Role is TaskRole.Cooperating or TaskRole.Lead or TaskRole.Manager;
    public bool CanRequestExtension => Role == TaskRole.Lead;
    public bool CanManage => Role == TaskRole.Manager;

    public string MilestoneTitle(int? id) => id is { } m ? Task.Milestones.FirstOrDefault(x => x.Id == m)?.Title ?? "（已删除的里程碑）" : "任务";
}

public sealed record OverdueItem(int TaskId, int PlanId, string Plan, string? Number, string Task, int? MilestoneId, string? Milestone, DateOnly Deadline, int DaysOverdue);

/// <summary>One unit's line; Place tells 新绛's 县发改局 from 垣曲's when a city looks at both.</summary>
public sealed record UnitOverdue(UnitRef Unit, string Place, int Tasks, int Milestones, IReadOnlyList<OverdueItem> Items);

public sealed record PendingExtension(int TaskId, string? Number, string Task, string? Milestone, string RequestedBy, DateOnly PreviousDeadline, DateOnly RequestedDeadline, DateTime RequestedAtUtc);

public sealed record TaskAttention(int Id, string? Number, string Title, DateOnly Deadline, TaskLight Light);

/// <summary>A task as the responsibility list sent to the units prints it, milestones written out.</summary>
public sealed record TaskExportRow(
    int Seq, string Plan, string Group, string? Number, string Title, string? Source, string LeadUnits, string CooperatingUnits,
    DateOnly Deadline, decimal Progress, TaskLight Light, bool PendingExtension, string Milestones);

/// <summary>An overdue task or milestone under its lead unit, as the 逾期清单 prints it.</summary>
public sealed record OverdueExportRow(string Unit, string Place, string Plan, string? Number, string Task, string? Milestone, DateOnly Deadline, int DaysOverdue);

/// <param name="TownId">The tasks that concern one town (<see cref="TaskService.ConcernTown"/>), for its page.</param>
public sealed record TaskFilter(int? PlanId = null, int? UnitId = null, TaskLight? Light = null, bool? Overdue = null, int Page = 1, int PageSize = 50, int? TownId = null);

/// <param name="CarryOn">The office confirms the document is carried on (延用) for a year outside its 执行期.</param>
public sealed record NewPlan(string? PolicyId, int? Year, int? JurisdictionId, int? TownId, string? Title, bool CarryOn = false);

public sealed record PlanTarget(string Key, string Name, string Path, bool IsTown);

public sealed class TaskNotFoundException(string what) : Exception($"{what}不存在，或不在您的数据范围内");

/// <summary>
/// Responsibility lists as use cases for pages and API: who sees which tasks, a plan started from a pack,
/// progress, milestones, extensions, each step in one transaction; lights are worked out from today each time.
/// Scope: the office (of the plan's place or above) and the administrator manage; leaders read; a member unit
/// sees the tasks it leads or cooperates on; township staff the tasks of their own town's plans and those
/// naming their unit; experts nothing. See docs/decisions/0005-responsibility-lists.md.
/// </summary>
public sealed class TaskService(TownsDbContext db, PolicyCatalog catalog, TimeProvider time, TaskSettings settings)
{
    public DateOnly Today => TaskLights.ChinaToday(time.GetUtcNow());

    public int DueSoonDays => settings.DueSoonDays;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static bool HasAccess(UserScope scope) => scope.Role != Roles.Expert;

    public static bool CanCreatePlans(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    /// <summary>An office sees the plans of its place and below and manages all of them; visibility is the check.</summary>
    private static bool Manages(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    public IQueryable<PlanTask> VisibleTasks(UserScope scope)
    {
        var tasks = db.PlanTasks.AsQueryable();
        var places = UserScope.CountiesUnder(db, scope.JurisdictionPath);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        var unit = scope.UnitId;
        switch (scope.Role)
        {
            case Roles.Admin:
                return tasks;
            case Roles.Office or Roles.Leader:
                return UserScope.PlacesAsIds(db)
                    ? tasks.Where(t => places.Contains(t.Plan!.JurisdictionId))
                    : tasks.Where(t => t.Plan!.Jurisdiction!.Path == path || t.Plan.Jurisdiction.Path.StartsWith(under));
            case Roles.MemberUnit:
                return unit is null ? tasks.Where(_ => false) : tasks.Where(t => t.Units.Any(u => u.UnitId == unit));
            case Roles.Township:
                // Their towns' plans' tasks and their unit's, as the union of two lookups. Written as "the plan's town is theirs
                // OR their unit has it", PostgreSQL joined each of the province's 10,000 tasks to its plan to test it (the
                // township's overdue count: 1.5 → 0.3 ms, on every page's bell). Built outside the lambda so that EF Core
                // inlines it as a subquery.
                var towns = scope.Towns(db).Select(t => t.Id);
                var ids = db.PlanTasks.Where(t => t.Plan!.SpecializedTownId != null && towns.Contains(t.Plan.SpecializedTownId.Value)).Select(t => t.Id)
                    .Union(db.TaskUnits.Where(u => unit != null && u.UnitId == unit).Select(u => u.TaskId));
                return tasks.Where(t => ids.Contains(t.Id));
            default:
                return tasks.Where(_ => false);
        }
    }

    public IQueryable<ActionPlan> VisiblePlans(UserScope scope)
    {
        var places = UserScope.CountiesUnder(db, scope.JurisdictionPath);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        switch (scope.Role)
        {
            case Roles.Admin:
                return db.ActionPlans;
            case Roles.Office or Roles.Leader:
                return UserScope.PlacesAsIds(db)
                    ? db.ActionPlans.Where(p => places.Contains(p.JurisdictionId))
                    : db.ActionPlans.Where(p => p.Jurisdiction!.Path == path || p.Jurisdiction.Path.StartsWith(under));
            case Roles.Township:
                // Their towns' plans, and those where their unit has a task. Asked as "the plans of their visible tasks", the
                // towns were tested again for each of the province's 10,000 tasks (历山镇's 责任清单: 4 statements of 1.4 ms).
                var towns = scope.Towns(db).Select(t => t.Id);
                var unit = scope.UnitId;
                var withTasks = db.PlanTasks.Where(t => unit != null && t.Units.Any(u => u.UnitId == unit)).Select(t => t.PlanId);
                return db.ActionPlans.Where(p => (p.SpecializedTownId != null && towns.Contains(p.SpecializedTownId.Value)) || withTasks.Contains(p.Id));
            default:
                var planIds = VisibleTasks(scope).Select(t => t.PlanId);
                return db.ActionPlans.Where(p => planIds.Contains(p.Id));
        }
    }

    /// <summary>Those who see every task of a plan they see (the rest see their own tasks, and a township its towns' plans).</summary>
    private static bool SeesWholePlans(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.Leader;

    /// <summary>Whether the person sees only part of a plan (their unit's tasks), so that figures are labelled as such.</summary>
    private async Task<bool> OnlyOwnTasksAsync(UserScope scope, ActionPlan plan, CancellationToken ct) => scope.Role switch
    {
        _ when SeesWholePlans(scope) => false,
        Roles.Township => plan.SpecializedTownId is not { } town || !await scope.Towns(db).AnyAsync(t => t.Id == town, ct),
        _ => true,
    };

    public static TaskRole RoleFor(UserScope scope, PlanTask task) => scope.Role switch
    {
        Roles.Admin or Roles.Office => TaskRole.Manager,
        Roles.MemberUnit or Roles.Township => task.Units.FirstOrDefault(u => u.UnitId == scope.UnitId)?.Role switch
        {
            UnitRole.Lead => TaskRole.Lead,
            UnitRole.Cooperating => TaskRole.Cooperating,
            _ => TaskRole.Reader,
        },
        _ => TaskRole.Reader,
    };

    // ---- reading ----

    public async Task<Paged<TaskRow>> ListTasksAsync(UserScope scope, TaskFilter filter, CancellationToken ct = default)
    {
        var (page, pageSize) = Paged<TaskRow>.Normalize(filter.Page, filter.PageSize);
        var query = VisibleTasks(scope);
        if (filter.PlanId is { } plan) query = query.Where(t => t.PlanId == plan);
        if (filter.UnitId is { } unit) query = query.Where(t => t.Units.Any(u => u.UnitId == unit));
        if (filter.TownId is { } town) query = ConcernTown(query, town);
        // Each light is a condition the database can test (TaskLights.Is), so the list is counted and cut into pages there and
        // only a page of tasks is read: a province holds 10,000.
        var today = Today;
        if (filter.Light is { } light) query = query.Where(TaskLights.Is(light, today, settings.DueSoonDays));
        if (filter.Overdue is { } overdue)
            query = query.Where(overdue ? TaskLights.OverdueOn(today) : TaskLights.NotOverdueOn(today));
        var total = await query.CountAsync(ct);
        // The order RowsAsync gives: newest plan first, then by group, task and id.
        // The group's place by a join: as a subquery it was looked up once per task before the sort (PostgreSQL, a province's
        // 10,000 tasks: 20 ms against 8 ms).
        var ids = await query.Join(db.TaskGroups, t => t.GroupId, g => g.Id, (t, g) => new { t.Id, t.PlanId, t.Plan!.Year, Group = g.SortOrder, t.SortOrder })
            .OrderByDescending(x => x.Year).ThenBy(x => x.PlanId).ThenBy(x => x.Group).ThenBy(x => x.SortOrder).ThenBy(x => x.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(x => x.Id).ToListAsync(ct);
        var rows = ids.Count == 0 ? [] : await RowsAsync(db.PlanTasks.Where(t => ids.Contains(t.Id)), ct);
        return new Paged<TaskRow>(rows, total, page, pageSize);
    }

    /// <summary>
    /// The tasks that concern a town: those of its own plan, and those of its county's plan, which the county's towns carry out
    /// together (the county's 年度行动计划 names no town on most of its tasks). A city's or province's plan is left out: it
    /// concerns every town below and would drown the town's own.
    /// </summary>
    private IQueryable<PlanTask> ConcernTown(IQueryable<PlanTask> query, int town)
    {
        var county = db.Towns.Where(x => x.Id == town).Select(x => x.CountyId);
        return query.Where(t => t.Plan!.SpecializedTownId == town || (t.Plan.SpecializedTownId == null && county.Contains(t.Plan.JurisdictionId)));
    }

    /// <summary>
    /// The tasks <paramref name="unit"/> leads that are 红 or 黄, for its reminders, in the list's order. One statement:
    /// read as a page of the unit's tasks, it took seven and stopped at a page.
    /// </summary>
    public async Task<IReadOnlyList<TaskAttention>> LeadAttentionAsync(UserScope scope, int unit, CancellationToken ct = default)
    {
        var today = Today;
        var rows = await LeadAttention(scope, unit, today)
            .Join(db.TaskGroups, t => t.GroupId, g => g.Id, (t, g) => new
            {
                t.Id, t.Number, t.Title, t.Deadline, t.PlanId, t.Plan!.Year, Group = g.SortOrder, t.SortOrder,
                Milestone = t.Milestones.Where(m => m.DoneOn == null).Min(m => (DateOnly?)m.Deadline),
            })
            .OrderByDescending(x => x.Year).ThenBy(x => x.PlanId).ThenBy(x => x.Group).ThenBy(x => x.SortOrder).ThenBy(x => x.Id)
            .ToListAsync(ct);
        return rows.Select(x => new TaskAttention(x.Id, x.Number, x.Title, x.Deadline,
            x.Deadline < today || x.Milestone < today ? TaskLight.Overdue : TaskLight.DueSoon)).ToList();
    }

    public Task<int> LeadAttentionCountAsync(UserScope scope, int unit, CancellationToken ct = default) =>
        LeadAttention(scope, unit, Today).CountAsync(ct);

    private IQueryable<PlanTask> LeadAttention(UserScope scope, int unit, DateOnly today) =>
        VisibleTasks(scope).Where(t => t.Units.Any(u => u.UnitId == unit && u.Role == UnitRole.Lead))
            .Where(TaskLights.NeedsAttention(today, settings.DueSoonDays));

    /// <summary>
    /// How many overdue tasks <paramref name="unit"/> is a 配合单位 of without also leading them: a township named on the
    /// county's shared tasks by "各乡（镇）人民政府" hears of them in one line, not one reminder each (it writes notes, and
    /// the figures and the deadline are the lead unit's).
    /// </summary>
    public Task<int> CooperatingOverdueCountAsync(UserScope scope, int unit, CancellationToken ct = default) =>
        VisibleTasks(scope)
            .Where(t => t.Units.Any(u => u.UnitId == unit && u.Role == UnitRole.Cooperating) && !t.Units.Any(u => u.UnitId == unit && u.Role == UnitRole.Lead))
            .CountAsync(TaskLights.OverdueOn(Today), ct);

    /// <summary>How many visible tasks are overdue, counted in the database (the reminders ask on every page).</summary>
    public Task<int> OverdueCountAsync(UserScope scope, CancellationToken ct = default) =>
        VisibleTasks(scope).CountAsync(TaskLights.OverdueOn(Today), ct);

    /// <summary>
    /// The tasks a person sees, in the plan page's order, for the Excel the office sends to the units: those of one plan
    /// (narrowed as the plan page is, by unit and light) or, without one, of every plan in scope.
    /// </summary>
    public async Task<IReadOnlyList<TaskExportRow>> ExportTasksAsync(UserScope scope, int? planId, int? unitId = null, TaskLight? light = null, CancellationToken ct = default)
    {
        var query = VisibleTasks(scope);
        if (planId is { } id)
        {
            if (!await VisiblePlans(scope).AnyAsync(p => p.Id == id, ct)) throw new TaskNotFoundException("行动计划");
            query = query.Where(t => t.PlanId == id);
        }
        var rows = (await RowsAsync(query, ct))
            .Where(r => unitId is not { } u || r.LeadUnits.Concat(r.CooperatingUnits).Any(x => x.Id == u))
            .Where(r => light is not { } l || r.Light == l).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var milestones = (await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.TaskId)).OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
            .ToListAsync(ct)).ToLookup(m => m.TaskId);
        var today = Today;
        return rows.Select((r, i) => new TaskExportRow(i + 1, r.Plan, r.Group, r.Number, r.Title, r.Source,
            string.Join("、", r.LeadUnits.Select(u => u.Name)), string.Join("、", r.CooperatingUnits.Select(u => u.Name)),
            r.Deadline, r.Progress, r.Light, r.PendingExtension,
            string.Join("\n", milestones[r.Id].Select((m, n) =>
                $"{n + 1}. {m.Title}（{m.Deadline.Year}年{m.Deadline.Month}月{m.Deadline.Day}日前，{MilestoneState(m, today)}）")))).ToList();
    }

    private string MilestoneState(Milestone m, DateOnly today) =>
        m.IsDone ? "已完成" : $"{TaskLights.Chinese(TaskLights.Of(m, today, settings.DueSoonDays))}，进度 {m.Progress}%";

    /// <summary>The 逾期清单 line by line: each lead unit's overdue tasks and milestones, the most overdue unit first.</summary>
    public async Task<IReadOnlyList<OverdueExportRow>> ExportOverdueAsync(UserScope scope, int? planId, int? year, CancellationToken ct = default) =>
        (await OverdueByUnitAsync(scope, planId, year, ct))
            .SelectMany(u => u.Items.Select(i => new OverdueExportRow(u.Unit.Name, u.Place, i.Plan, i.Number, i.Task, i.Milestone, i.Deadline, i.DaysOverdue)))
            .ToList();

    private async Task<List<TaskRow>> RowsAsync(IQueryable<PlanTask> query, CancellationToken ct)
    {
        var tasks = await TaskReads.WithPartsAsync(query, unitPlaces: false, ct);
        var planIds = tasks.Select(t => t.PlanId).Distinct().ToList();
        var groups = await db.TaskGroups.AsNoTracking().Where(g => planIds.Contains(g.PlanId))
            .ToDictionaryAsync(g => g.Id, g => (g.Title, g.SortOrder), ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var pending = (await db.ExtensionRequests.AsNoTracking()
            .Where(e => taskIds.Contains(e.TaskId) && e.State == ExtensionState.Pending).Select(e => e.TaskId).ToListAsync(ct)).ToHashSet();
        var today = Today;
        return tasks
            .OrderByDescending(t => t.Plan!.Year).ThenBy(t => t.PlanId)
            .ThenBy(t => groups.GetValueOrDefault(t.GroupId).SortOrder).ThenBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new TaskRow(
                t.Id, t.PlanId, t.Plan!.Title, t.Plan.Year, t.GroupId, groups.GetValueOrDefault(t.GroupId).Title ?? "", t.Number, t.Title, t.Source,
                t.LeadUnits.Select(u => new UnitRef(u.UnitId, u.Unit!.Name)).ToList(),
                t.CooperatingUnits.Select(u => new UnitRef(u.UnitId, u.Unit!.Name)).ToList(),
                t.Deadline, t.OriginalDeadline, t.Progress, TaskLights.Of(t, today, settings.DueSoonDays), t.Weight,
                t.Milestones.Count, t.Milestones.Count(m => m.IsDone), pending.Contains(t.Id)))
            .ToList();
    }

    public async Task<Paged<PlanListItem>> ListPlansAsync(UserScope scope, int? year, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Paged<PlanListItem>.Normalize(page, pageSize);
        var query = VisiblePlans(scope).AsNoTracking();
        if (year is { } y) query = query.Where(p => p.Year == y);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(p => p.Title.Contains(s) || p.Jurisdiction!.Name.Contains(s) || (p.SpecializedTown != null && p.SpecializedTown.Name.Contains(s)));
        }
        var total = await query.CountAsync(ct);
        var plans = await query.OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new { p.Id, p.Year, p.Title, Place = p.Jurisdiction!.Name, Town = p.SpecializedTown == null ? null : p.SpecializedTown.Name, p.PolicyId, p.IsDemo, p.SpecializedTownId })
            .ToListAsync(ct);
        if (plans.Count == 0) return new Paged<PlanListItem>([], total, page, pageSize);
        var ids = plans.Select(p => p.Id).ToList();
        // Only what the progress and the lights are worked out from: a page of plans holds hundreds of tasks, and their
        // units, texts and plans are not shown here.
        // Tasks and milestones as two flat reads: EF's asynchronous split query builds delegates for every task it reads (a
        // province page of plans holds 800 tasks), which cost more than the two queries themselves.
        var source = (SeesWholePlans(scope) ? db.PlanTasks : VisibleTasks(scope)).Where(t => ids.Contains(t.PlanId));
        var milestones = (await source.SelectMany(t => t.Milestones).AsNoTracking().OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
            .Select(m => new Milestone { TaskId = m.TaskId, Weight = m.Weight, Progress = m.Progress, Deadline = m.Deadline, DoneOn = m.DoneOn })
            .ToListAsync(ct)).ToLookup(m => m.TaskId);
        var tasks = (await source.AsNoTracking()
            .Select(t => new PlanTask
            {
                Id = t.Id, PlanId = t.PlanId, GroupId = t.GroupId, SortOrder = t.SortOrder, Weight = t.Weight, Deadline = t.Deadline, OwnProgress = t.OwnProgress, DoneOn = t.DoneOn,
            })
            .ToListAsync(ct)).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToLookup(t => t.PlanId);
        foreach (var t in tasks.SelectMany(g => g)) t.Milestones = milestones[t.Id].ToList();
        // In the plan page's order, so that the weighed sums add up in the same order and give the same figure.
        var groups = (await db.TaskGroups.AsNoTracking().Where(g => ids.Contains(g.PlanId)).OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct)).ToLookup(g => g.PlanId);
        var today = Today;
        var items = new List<PlanListItem>();
        foreach (var p in plans)
        {
            var own = tasks[p.Id].ToList();
            var lights = own.Select(t => TaskLights.Of(t, today, settings.DueSoonDays)).ToList();
            var progress = ProgressMath.OfPlan(groups[p.Id].Select(g => (g, (IReadOnlyCollection<PlanTask>)own.Where(t => t.GroupId == g.Id).ToList())));
            var only = await OnlyOwnTasksAsync(scope, new ActionPlan { SpecializedTownId = p.SpecializedTownId }, ct);
            var document = catalog.FindPack(p.PolicyId)?.Document;
            items.Add(new PlanListItem(p.Id, p.Year, p.Title, p.Place, p.Town, p.PolicyId, document?.Number,
                own.Count, progress, lights.Count(l => l == TaskLight.Overdue), lights.Count(l => l == TaskLight.DueSoon),
                lights.Count(l => l == TaskLight.Done), p.IsDemo, only, document?.Title));
        }
        return new Paged<PlanListItem>(items, total, page, pageSize);
    }

    // The rows carry each task's progress already; groups weigh them as ProgressMath does.
    private static decimal PlanProgress(IEnumerable<TaskGroup> groups, IReadOnlyCollection<TaskRow> rows) =>
        ProgressMath.Weighted(groups.Select(g => (g, rows.Where(r => r.GroupId == g.Id).ToList())).Where(x => x.Item2.Count > 0)
            .Select(x => (x.g.Weight, GroupProgress(x.Item2))));

    private static decimal GroupProgress(IEnumerable<TaskRow> rows) => ProgressMath.Weighted(rows.Select(r => (r.Weight, r.Progress)));

    public async Task<PlanView> PlanAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        var plan = await VisiblePlans(scope).AsNoTracking().Include(p => p.Jurisdiction).Include(p => p.SpecializedTown)
            .SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new TaskNotFoundException("行动计划");
        var groups = await db.TaskGroups.AsNoTracking().Where(g => g.PlanId == id).OrderBy(g => g.SortOrder).ToListAsync(ct);
        var rows = await RowsAsync(VisibleTasks(scope).Where(t => t.PlanId == id), ct);
        var views = groups.Select(g => (Group: g, Rows: rows.Where(r => r.GroupId == g.Id).ToList()))
            .Select(x => new GroupView(x.Group.Id, x.Group.Title, x.Group.Weight, GroupProgress(x.Rows), x.Rows)).ToList();
        var only = await OnlyOwnTasksAsync(scope, plan, ct);
        var units = rows.SelectMany(r => r.LeadUnits.Concat(r.CooperatingUnits)).DistinctBy(u => u.Id).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var counts = Enum.GetValues<TaskLight>().ToDictionary(l => l, l => rows.Count(r => r.Light == l));
        return new PlanView(plan, plan.Jurisdiction!.Name, plan.SpecializedTown?.Name, catalog.FindPack(plan.PolicyId), PlanProgress(groups, rows),
            only ? views.Where(g => g.Tasks.Count > 0).ToList() : views, counts, only, Manages(scope), units, Today);
    }

    public async Task<TaskView> TaskAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        var task = await VisibleTasks(scope).AsNoTracking()
            .Include(t => t.Plan).ThenInclude(p => p!.Jurisdiction)
            .Include(t => t.Units).ThenInclude(u => u.Unit)
            .Include(t => t.Milestones).Include(t => t.Notes).Include(t => t.Extensions)
            .AsSplitQuery().SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new TaskNotFoundException("任务");
        task.Milestones = task.Milestones.OrderBy(m => m.SortOrder).ThenBy(m => m.Id).ToList();
        task.Notes = task.Notes.OrderByDescending(n => n.AtUtc).ThenByDescending(n => n.Id).ToList();
        task.Extensions = task.Extensions.OrderByDescending(e => e.Id).ToList();
        var group = await db.TaskGroups.Where(g => g.Id == task.GroupId).Select(g => g.Title).SingleAsync(ct);
        var today = Today;
        return new TaskView(task, task.Plan!, task.Plan!.Jurisdiction!.Name, group, TaskLights.Of(task, today, settings.DueSoonDays), task.Progress,
            task.Milestones.ToDictionary(m => m.Id, m => TaskLights.Of(m, today, settings.DueSoonDays)), RoleFor(scope, task), today, settings.DueSoonDays);
    }

    /// <summary>
    /// 逾期清单: per lead unit (牵头单位负总责), the open tasks past their deadline and the open milestones past theirs.
    /// A member unit sees its own line only.
    /// </summary>
    public async Task<IReadOnlyList<UnitOverdue>> OverdueByUnitAsync(UserScope scope, int? planId, int? year, CancellationToken ct = default)
    {
        var today = Today;
        var query = VisibleTasks(scope).AsNoTracking().Where(t => t.DoneOn == null);
        if (planId is { } p) query = query.Where(t => t.PlanId == p);
        if (year is { } y) query = query.Where(t => t.Plan!.Year == y);
        // Only the late tasks, late milestones and lead units, with only what the list shows: read whole with every part, a
        // province's 2,900 open tasks brought 5,700 units with their places and every task's text (86 ms a page, 30 of it SQL).
        query = query.Where(t => t.Deadline < today || t.Milestones.Any(m => m.DoneOn == null && m.Deadline < today));
        var tasks = await query.Select(t => new PlanTask
        {
            Id = t.Id, PlanId = t.PlanId, Plan = new ActionPlan { Title = t.Plan!.Title }, Number = t.Number, Title = t.Title, Deadline = t.Deadline,
        }).ToListAsync(ct);
        if (tasks.Count == 0) return [];
        var milestones = (await query.SelectMany(t => t.Milestones).Where(m => m.DoneOn == null && m.Deadline < today)
            .OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
            .Select(m => new Milestone { Id = m.Id, TaskId = m.TaskId, Title = m.Title, Deadline = m.Deadline }).ToListAsync(ct)).ToLookup(m => m.TaskId);
        var units = (await query.SelectMany(t => t.Units).Where(u => u.Role == UnitRole.Lead)
            .Select(u => new TaskUnit
            {
                TaskId = u.TaskId, UnitId = u.UnitId, Role = u.Role, SortOrder = u.SortOrder,
                Unit = new Unit
                {
                    Name = u.Unit!.Name,
                    // What the place's official order needs (PlaceOrder.KeyOf): a tie of units is broken by their places.
                    Jurisdiction = new Jurisdiction
                    {
                        Name = u.Unit.Jurisdiction!.Name, Level = u.Unit.Jurisdiction.Level, Code = u.Unit.Jurisdiction.Code, Path = u.Unit.Jurisdiction.Path,
                        Parent = u.Unit.Jurisdiction.Parent == null ? null
                            : new Jurisdiction { Name = u.Unit.Jurisdiction.Parent.Name, Code = u.Unit.Jurisdiction.Parent.Code, Path = u.Unit.Jurisdiction.Parent.Path },
                    },
                },
            }).ToListAsync(ct)).ToLookup(u => u.TaskId);
        foreach (var t in tasks)
        {
            t.Milestones = milestones[t.Id].ToList();
            t.Units = units[t.Id].ToList();
        }
        return Overdue(tasks, today, scope.Role == Roles.MemberUnit ? scope.UnitId ?? -1 : null);
    }

    /// <summary>The overdue list of the tasks given, as of today; only <paramref name="onlyUnit"/>'s line when given.</summary>
    public static IReadOnlyList<UnitOverdue> Overdue(IEnumerable<PlanTask> tasks, DateOnly today, int? onlyUnit = null)
    {
        var items = new List<((UnitRef Ref, string Place, string Order) Unit, OverdueItem Item)>();
        foreach (var t in tasks.Where(t => !t.IsDone))
        {
            var late = new List<OverdueItem>();
            if (t.Deadline < today)
                late.Add(new OverdueItem(t.Id, t.PlanId, t.Plan?.Title ?? "", t.Number, t.Title, null, null, t.Deadline, today.DayNumber - t.Deadline.DayNumber));
            foreach (var m in t.Milestones.Where(m => !m.IsDone && m.Deadline < today).OrderBy(m => m.Deadline))
                late.Add(new OverdueItem(t.Id, t.PlanId, t.Plan?.Title ?? "", t.Number, t.Title, m.Id, m.Title, m.Deadline, today.DayNumber - m.Deadline.DayNumber));
            foreach (var unit in t.LeadUnits.Where(u => onlyUnit is null || u.UnitId == onlyUnit))
                items.AddRange(late.Select(i => ((new UnitRef(unit.UnitId, unit.Unit?.Name ?? ""), unit.Unit?.Jurisdiction?.Name ?? "",
                    unit.Unit?.Jurisdiction is { } place ? PlaceOrder.KeyOf(place) : ""), i)));
        }
        return items.GroupBy(x => x.Unit)
            .Select(g => (g.Key.Order, Line: new UnitOverdue(g.Key.Ref, g.Key.Place, g.Count(x => x.Item.MilestoneId is null), g.Count(x => x.Item.MilestoneId is not null),
                g.Select(x => x.Item).OrderByDescending(i => i.DaysOverdue).ThenBy(i => i.TaskId).ToList())))
            .OrderByDescending(u => u.Line.Tasks + u.Line.Milestones).ThenBy(u => u.Order, StringComparer.Ordinal).ThenBy(u => u.Line.Unit.Name, StringComparer.Ordinal)
            .Select(u => u.Line).ToList();
    }

    // ---- plans ----

    /// <summary>The packs that list key tasks and govern the place (or a place above it).</summary>
    public IReadOnlyList<PolicyPack> PacksFor(string path) =>
        catalog.Packs.Where(p => p.KeyTasks.Count > 0 && string.Join("/", p.Document.JurisdictionPath) is var area
            && (path == area || path.StartsWith(area + "/", StringComparison.Ordinal))).ToList();

    /// <summary>What a plan may be made for: cities and counties in the person's scope, and their towns, where some pack applies.</summary>
    public async Task<IReadOnlyList<PlanTarget>> TargetsAsync(UserScope scope, CancellationToken ct = default)
    {
        if (!CanCreatePlans(scope)) return [];
        var places = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.City || j.Level == JurisdictionLevel.County || j.Level == JurisdictionLevel.Province)
            .Select(j => new { j.Id, j.Name, j.Path, j.Code }).ToListAsync(ct);
        var towns = await scope.Towns(db).AsNoTracking().Select(t => new { t.Id, t.Name, t.County!.Path, t.County.Code }).ToListAsync(ct);
        return places.Where(j => scope.Covers(j.Path) && PacksFor(j.Path).Count > 0).OrderBy(j => PlaceOrder.KeyOf(j.Code, j.Path), StringComparer.Ordinal)
            .Select(j => new PlanTarget($"j{j.Id}", j.Name, j.Path, false))
            .Concat(towns.Where(t => PacksFor(t.Path).Count > 0).OrderBy(t => PlaceOrder.KeyOf(t.Code, t.Path), StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => new PlanTarget($"t{t.Id}", t.Name, t.Path, true)))
            .ToList();
    }

    public async Task<int> CreatePlanAsync(UserScope scope, string userName, NewPlan input, CancellationToken ct = default)
    {
        if (!CanCreatePlans(scope)) throw new TaskForbiddenException("只有领导小组办公室可以制定年度行动计划");
        var errors = new Dictionary<string, string>();
        var pack = string.IsNullOrWhiteSpace(input.PolicyId) ? null : catalog.FindPack(input.PolicyId.Trim());
        if (pack is null) errors["policyId"] = string.IsNullOrWhiteSpace(input.PolicyId) ? "请选择政策文件" : $"没有编号为“{input.PolicyId}”的政策文件";
        else if (pack.KeyTasks.Count == 0) errors["policyId"] = $"《{pack.Document.Title}》没有列出重点任务，不能据以生成责任清单";
        if (input.Year is null) errors["year"] = "请填写年度";
        else if (Core.CalendarBounds.YearProblem(input.Year.Value) is { } yearProblem) errors["year"] = yearProblem;
        else if (pack?.Document.OutsidePeriod(input.Year.Value) is { } outside && !input.CarryOn)
            errors["year"] = outside + "；如该文件延用至新文件出台，请确认延用后再生成";
        var title = input.Title?.Trim();
        if (title?.Length > ActionPlan.MaxTitle) errors["title"] = $"计划名称不超过 {ActionPlan.MaxTitle} 字";

        Jurisdiction? place = null;
        Core.Towns.SpecializedTown? town = null;
        if ((input.JurisdictionId is null) == (input.TownId is null))
            errors["jurisdictionId"] = input.TownId is null ? "请选择县（市、区）或专业镇" : "县（市、区）与专业镇只能选择一个";
        else if (input.TownId is { } townId)
        {
            town = await scope.Towns(db).Include(t => t.County).SingleOrDefaultAsync(t => t.Id == townId, ct);
            if (town is null) errors["townId"] = "专业镇不存在，或不在您的数据范围内";
            else place = town.County;
        }
        else
        {
            place = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == input.JurisdictionId && j.Level != JurisdictionLevel.Township, ct);
            if (place is null || !scope.Covers(place.Path)) { errors["jurisdictionId"] = "所选地区不存在，或不在您的数据范围内"; place = null; }
        }
        if (pack is not null && place is not null && PacksFor(place.Path).All(p => p.Id != pack.Id) && pack.KeyTasks.Count > 0)
            errors["policyId"] = $"《{pack.Document.Title}》适用于{pack.Document.Jurisdiction}，不适用于{place.Name}";
        if (errors.Count == 0 && await db.ActionPlans.AnyAsync(p => p.Year == input.Year && p.JurisdictionId == place!.Id
                && p.SpecializedTownId == (town == null ? null : town.Id) && p.PolicyId == pack!.Id, ct))
            errors["year"] = $"{town?.Name ?? place!.Name}已有{input.Year}年依据该文件的行动计划";
        if (errors.Count > 0) throw new TaskRuleException(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var plan = await BuildFromPackAsync(db, pack!, input.Year!.Value, place!, ct);
            plan.SpecializedTownId = town?.Id;
            plan.Title = string.IsNullOrEmpty(title) ? DefaultTitle(town?.Name ?? place!.Name, plan.Year) : title;
            plan.CreatedAtUtc = Now;
            plan.CreatedByUserId = scope.UserId;
            plan.CreatedBy = userName;
            db.ActionPlans.Add(plan);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return plan.Id;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public static string DefaultTitle(string place, int year) => $"{place}{year}年专业镇建设年度行动计划";

    /// <summary>
    /// The pack's key tasks as a plan of the place, with each unit the text names found among the units of the
    /// place or a place above it (县工科局 of 垣曲, 市生态环境局垣曲分局 …), and registered in the place when new.
    /// Shared by plan creation and the demo data; the caller saves.
    /// </summary>
    internal static async Task<ActionPlan> BuildFromPackAsync(TownsDbContext db, PolicyPack pack, int year, Jurisdiction place, CancellationToken ct)
    {
        var ancestors = Enumerable.Range(1, place.Path.Count(c => c == '/') + 1).Select(n => string.Join("/", place.Path.Split('/').Take(n))).ToList();
        var known = await db.Units.Include(u => u.Jurisdiction).Where(u => ancestors.Contains(u.Jurisdiction!.Path)).ToListAsync(ct);
        var names = pack.KeyTasks.SelectMany(k => k.LeadUnits.Concat(k.CooperatingUnits)).Select(n => n.Trim())
            .Where(n => n.Length is > 0 and <= UnitNames.MaxLength && !UnitNames.IsCollective(n)).Select(n => UnitNames.Registered(pack, n)).Distinct().ToList();
        // A name an administrator renamed or merged away (系统 → 单位) is its unit's still, not a unit to register again.
        var lookup = await Units.UnitLookup.LoadAsync(db, [place.Path], ct);
        var byName = new Dictionary<string, Unit>();
        foreach (var name in names)
        {
            var unit = lookup.Find(place.Path, name) is { } found ? known.FirstOrDefault(u => u.Id == found.Id) ?? await db.Units.SingleAsync(u => u.Id == found.Id, ct) : null;
            if (unit is null)
            {
                unit = new Unit { JurisdictionId = place.Id, Name = name };
                db.Units.Add(unit);
            }
            byName[name] = unit;
        }
        var townships = await TownshipGovernmentsAsync(db, pack, place, known, ct);
        await db.SaveChangesAsync(ct);
        var plan = ActionPlan.FromPack(pack, year, new DateOnly(year, 12, 31), n => byName.GetValueOrDefault(UnitNames.Registered(pack, n)), townships);
        plan.JurisdictionId = place.Id;
        return plan;
    }

    /// <summary>
    /// The units "各乡（镇）人民政府" stands for in a county's plan: one per township of the county, named as the township
    /// (历山镇), as 垣政办发〔2023〕19号's leading group names them and a township staff account belongs to it, so the
    /// township sees and reports on the tasks it shares. A township without such a unit gets one at the county. Nothing
    /// when the pack does not name them, or the place is not a county (a city's "各乡镇" are not its units).
    /// </summary>
    private static async Task<IReadOnlyList<Unit>> TownshipGovernmentsAsync(TownsDbContext db, PolicyPack pack, Jurisdiction place, List<Unit> known, CancellationToken ct)
    {
        if (place.Level != JurisdictionLevel.County
            || !pack.KeyTasks.SelectMany(k => k.LeadUnits.Concat(k.CooperatingUnits)).Any(UnitNames.IsEveryTownship)) return [];
        var townships = await db.Jurisdictions.Where(j => j.ParentId == place.Id && j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.Id).Select(j => new { j.Id, j.Name }).ToListAsync(ct);
        var ids = townships.Select(t => t.Id).ToList();
        // A unit registered at the township itself is the one its account found first (UnitRegistry.ResolveAsync looks nearest first).
        var own = await db.Units.Where(u => ids.Contains(u.JurisdictionId)).ToListAsync(ct);
        var units = new List<Unit>();
        foreach (var t in townships)
        {
            var unit = own.FirstOrDefault(u => u.JurisdictionId == t.Id && u.Name == t.Name)
                       ?? known.Where(u => u.Name == t.Name).OrderByDescending(u => u.Jurisdiction!.Path.Length).FirstOrDefault()
                       ?? db.Units.Local.FirstOrDefault(u => u.JurisdictionId == place.Id && u.Name == t.Name);
            if (unit is null)
            {
                unit = new Unit { JurisdictionId = place.Id, Name = t.Name };
                db.Units.Add(unit);
            }
            units.Add(unit);
        }
        return units;
    }

    public async Task SetGroupWeightAsync(UserScope scope, int planId, int groupId, decimal? weight, CancellationToken ct = default)
    {
        if (!await VisiblePlans(scope).AnyAsync(p => p.Id == planId, ct)) throw new TaskNotFoundException("行动计划");
        if (!Manages(scope)) throw new TaskForbiddenException("只有领导小组办公室可以调整权重");
        if (weight is not { } w || w < 0 || w > PlanTask.MaxWeight) throw new TaskRuleException($"权重应在 0 到 {PlanTask.Figure(PlanTask.MaxWeight)} 之间", "weight");
        var group = await db.TaskGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.PlanId == planId, ct) ?? throw new TaskNotFoundException("任务分组");
        group.Weight = w;
        await db.SaveChangesAsync(ct);
    }

    // ---- tasks ----

    /// <summary>The units a task of the plan may name: those of the plan's place and the places above it.</summary>
    public async Task<IReadOnlyList<(int Id, string Name, string Place)>> UnitChoicesAsync(UserScope scope, int planId, CancellationToken ct = default)
    {
        var path = await VisiblePlans(scope).Where(p => p.Id == planId).Select(p => p.Jurisdiction!.Path).SingleOrDefaultAsync(ct)
                   ?? throw new TaskNotFoundException("行动计划");
        return await Units.UnitRegistry.ForPathAsync(db, path, ct);
    }

    public async Task<int> AddTaskAsync(UserScope scope, string userName, int planId, int? groupId, TaskEdit edit, IReadOnlyList<int> lead, IReadOnlyList<int> cooperating, CancellationToken ct = default)
    {
        if (!await VisiblePlans(scope).AnyAsync(p => p.Id == planId, ct)) throw new TaskNotFoundException("行动计划");
        var actor = await ActorAsync(scope, userName, Manages(scope) ? TaskRole.Manager : TaskRole.Reader, ct);
        var group = await db.TaskGroups.Include(g => g.Tasks).SingleOrDefaultAsync(g => g.Id == groupId && g.PlanId == planId, ct)
                    ?? throw new TaskRuleException("请选择任务所属分组", "groupId");
        var units = await CheckedAsync(scope, planId, new PlanTask(), edit, lead, cooperating, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var task = PlanTask.New(actor, Now, edit);
            task.PlanId = planId;
            task.SortOrder = group.Tasks.Count == 0 ? 1 : group.Tasks.Max(t => t.SortOrder) + 1;
            task.SetUnits(actor, Now, units.Lead, units.Cooperating);
            group.Tasks.Add(task);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return task.Id;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public Task EditTaskAsync(UserScope scope, string userName, int id, TaskEdit edit, IReadOnlyList<int> lead, IReadOnlyList<int> cooperating, CancellationToken ct = default, int? version = null) =>
        StepAsync(scope, userName, id, ct, async (task, actor) =>
        {
            await EditConflicts.GuardAsync(db, task, version, ct);
            var units = await CheckedAsync(scope, task.PlanId, task, edit, lead, cooperating, ct);
            task.Edit(actor, Now, edit);
            task.SetUnits(actor, Now, units.Lead, units.Cooperating);
        });

    /// <summary>
    /// Everything wrong with a task form as typed, saving nothing: for a form some of whose fields could not be read, so
    /// that it names the rest in the same round. <paramref name="id"/> is the task edited, null for a new one of the plan.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> TaskProblemsAsync(UserScope scope, int? id, int planId, TaskEdit edit, IReadOnlyList<int> lead, IReadOnlyList<int> cooperating, CancellationToken ct = default)
    {
        var task = id is { } existing
            ? await VisibleTasks(scope).AsNoTracking().Include(t => t.Milestones).SingleOrDefaultAsync(t => t.Id == existing, ct) ?? throw new TaskNotFoundException("任务")
            : new PlanTask();
        try { await CheckedAsync(scope, id is null ? planId : task.PlanId, task, edit, lead, cooperating, ct); }
        catch (TaskRuleException e) { return e.Errors; }
        return new Dictionary<string, string>();
    }

    /// <summary>The units chosen, once the edit and the units are checked together: a form learns of every mistake in one round.</summary>
    private async Task<(List<Unit> Lead, List<Unit> Cooperating)> CheckedAsync(UserScope scope, int planId, PlanTask task, TaskEdit edit,
        IReadOnlyList<int> lead, IReadOnlyList<int> cooperating, CancellationToken ct)
    {
        var errors = task.EditProblems(edit);
        var allowed = (await UnitChoicesAsync(scope, planId, ct)).Select(u => u.Id).ToHashSet();
        if (lead.Any(id => !allowed.Contains(id))) errors["leadUnitIds"] = "所选牵头单位不属于本计划的地区";
        if (cooperating.Any(id => !allowed.Contains(id))) errors["cooperatingUnitIds"] = "所选配合单位不属于本计划的地区";
        var ids = lead.Concat(cooperating).Where(allowed.Contains).ToList();
        var units = await db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var chosen = (lead.Where(units.ContainsKey).Distinct().Select(id => units[id]).ToList(), cooperating.Where(units.ContainsKey).Distinct().Select(id => units[id]).ToList());
        foreach (var (field, message) in PlanTask.UnitProblems(chosen.Item1, chosen.Item2)) errors.TryAdd(field, message);
        if (errors.Count > 0) throw new TaskRuleException(errors);
        return chosen;
    }

    public Task ReportAsync(UserScope scope, string userName, int id, ProgressReport report, CancellationToken ct = default) =>
        StepAsync(scope, userName, id, ct, (task, actor) => { task.ReportProgress(actor, Now, Today, report); return Task.CompletedTask; });

    public Task NoteAsync(UserScope scope, string userName, int id, string? text, CancellationToken ct = default) =>
        StepAsync(scope, userName, id, ct, (task, actor) => { task.AddNote(actor, Now, text); return Task.CompletedTask; });

    public async Task<int> AddMilestoneAsync(UserScope scope, string userName, int id, string? title, DateOnly? deadline, decimal? weight, CancellationToken ct = default)
    {
        Milestone? added = null;
        await StepAsync(scope, userName, id, ct, (task, actor) => { added = task.AddMilestone(actor, Now, Today, title, deadline, weight); return Task.CompletedTask; });
        return added!.Id;
    }

    public Task EditMilestoneAsync(UserScope scope, string userName, int id, int milestoneId, string? title, DateOnly? deadline, decimal? weight, CancellationToken ct = default) =>
        StepAsync(scope, userName, id, ct, (task, actor) => { task.EditMilestone(actor, Now, milestoneId, title, deadline, weight); return Task.CompletedTask; });

    public Task RemoveMilestoneAsync(UserScope scope, string userName, int id, int milestoneId, CancellationToken ct = default) =>
        StepAsync(scope, userName, id, ct, (task, actor) => { task.RemoveMilestone(actor, Now, Today, milestoneId); return Task.CompletedTask; });

    public async Task<int> RequestExtensionAsync(UserScope scope, string userName, int id, int? milestoneId, DateOnly? newDeadline, string? reason, CancellationToken ct = default)
    {
        ExtensionRequest? request = null;
        await StepAsync(scope, userName, id, ct, (task, actor) =>
        {
            request = task.RequestExtension(actor, Now, Today, milestoneId, newDeadline, reason);
            return Task.CompletedTask;
        });
        return request!.Id;
    }

    public Task DecideExtensionAsync(UserScope scope, string userName, int id, int extensionId, bool approve, string? note, CancellationToken ct = default) =>
        StepAsync(scope, userName, id, ct, (task, actor) => { task.DecideExtension(actor, Now, Today, extensionId, approve, note); return Task.CompletedTask; });

    /// <summary>Extension requests waiting for this person's decision (an office's to-do), oldest first.</summary>
    public async Task<IReadOnlyList<PendingExtension>> PendingExtensionsAsync(UserScope scope, CancellationToken ct = default)
    {
        if (!Manages(scope)) return [];
        var tasks = VisibleTasks(scope);
        var rows = await db.ExtensionRequests.AsNoTracking().Where(e => e.State == ExtensionState.Pending)
            .Join(tasks, e => e.TaskId, t => t.Id, (e, t) => new
            {
                t.Id, t.Number, t.Title, e.MilestoneId, By = e.RequestedByUnit ?? e.RequestedBy, e.PreviousDeadline, e.RequestedDeadline, e.RequestedAtUtc,
                Milestone = db.Milestones.Where(m => m.Id == e.MilestoneId).Select(m => m.Title).FirstOrDefault(),
            })
            .OrderBy(x => x.RequestedAtUtc).ToListAsync(ct);
        return rows.Select(x => new PendingExtension(x.Id, x.Number, x.Title, x.MilestoneId is null ? null : x.Milestone, x.By, x.PreviousDeadline, x.RequestedDeadline, x.RequestedAtUtc)).ToList();
    }

    private async Task<TaskActor> ActorAsync(UserScope scope, string userName, TaskRole role, CancellationToken ct)
    {
        var unit = scope.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        return new TaskActor(scope.UserId, userName, unit, role);
    }

    private async Task StepAsync(UserScope scope, string userName, int id, CancellationToken ct, Func<PlanTask, TaskActor, Task> step)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await VisibleTasks(scope).Include(t => t.Units).ThenInclude(u => u.Unit).Include(t => t.Milestones).Include(t => t.Extensions)
            .AsSplitQuery().SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new TaskNotFoundException("任务");
        var actor = await ActorAsync(scope, userName, RoleFor(scope, task), ct);
        try
        {
            await step(task, actor);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException) { throw await EditConflicts.ConflictAsync(db, task, ct); }
        catch
        {
            // A refused step may have changed some of the loaded task before it was refused; none of it may be saved later.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
