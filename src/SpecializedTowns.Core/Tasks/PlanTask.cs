using System.Globalization;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Tasks;

/// <summary>What a person is to a task; the data layer works it out from the account's role, scope and unit.</summary>
public enum TaskRole
{
    /// <summary>Sees the task (leader, a township on its town's plan, a unit not named on this task).</summary>
    Reader = 1,

    /// <summary>配合单位: reports what it did in words; the figures are the lead unit's.</summary>
    Cooperating = 2,

    /// <summary>牵头单位: reports progress, breaks the task into milestones, asks for more time.</summary>
    Lead = 3,

    /// <summary>The office of the plan's jurisdiction or above (or the administrator): everything, and decides extensions.</summary>
    Manager = 4,
}

public sealed record TaskActor(int UserId, string UserName, string? UnitName, TaskRole Role);

/// <summary>
/// A refused step. With field errors it is bad input (the field is named, in the API's camelCase);
/// without, the step conflicts with the task's state.
/// </summary>
public sealed class TaskRuleException : Exception, IRefusal
{
    public TaskRuleException(string message, string? field = null) : base(message) =>
        Errors = field is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [field] = message };

    public TaskRuleException(IReadOnlyDictionary<string, string> errors) : base(string.Join("；", errors.Values)) => Errors = errors;

    public IReadOnlyDictionary<string, string> Errors { get; }

    public bool IsInvalidInput => Errors.Count > 0;

    public RefusalKind Kind => IsInvalidInput ? RefusalKind.Invalid : RefusalKind.Conflict;

    public string? Field => Errors.Keys.FirstOrDefault();
}

/// <summary>The person's role does not allow the step (a cooperating unit changing the figures, a leader writing).</summary>
public sealed class TaskForbiddenException(string message) : Exception(message), IRefusal
{
    public RefusalKind Kind => RefusalKind.Forbidden;

    public string? Field => null;
}

/// <summary>What a unit reports: a milestone's (or the task's own) progress, done or not, the target figure reached, and words.</summary>
public sealed record ProgressReport(int? MilestoneId, int? Progress, bool? Done, decimal? CurrentValue, string? Note)
{
    /// <summary>Progress is a percentage of the milestone or the task done.</summary>
    public const int MinProgress = 0, MaxProgress = 100;
}

public sealed record TaskEdit(string? Title, string? Number, string? Source, string? Measures, decimal? TargetValue, string? TargetUnit, decimal? CurrentValue, decimal Weight, DateOnly Deadline);

/// <summary>
/// 重点任务 of a plan, with its units, measures, target figure, milestones, notes and extension requests.
/// Every change is a method here that checks who may make it; the notes keep who changed what.
/// </summary>
public sealed class PlanTask : IVersioned
{
    /// <summary>Edit-form version (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }

    public const int MaxTitle = 200;
    public const int MaxText = 2000;
    public const decimal MaxWeight = 1000m;
    public const decimal MaxFigure = 1_000_000_000_000m;

    /// <summary>A 完成值 more than this many times the target is a typing slip (99,999,999,999户 against 200户), refused (qa105 3).</summary>
    public const decimal MaxTargetMultiple = 100m;

    /// <summary>An extension moves a deadline within the plan's horizon; years away is a typing slip.</summary>
    public const int MaxExtensionYears = 2;

    public int Id { get; set; }
    public int PlanId { get; set; }
    public ActionPlan? Plan { get; set; }
    public int GroupId { get; set; }
    public int SortOrder { get; set; }
    public string? Number { get; set; }
    public string Title { get; set; } = "";

    /// <summary>The clause the task comes from, e.g. 新政办发〔2023〕33号 三（一）1.</summary>
    public string? Source { get; set; }
    public string Measures { get; set; } = "";
    public decimal? TargetValue { get; set; }
    public string? TargetUnit { get; set; }
    public decimal? CurrentValue { get; set; }
    public decimal Weight { get; set; } = 1m;
    public DateOnly Deadline { get; set; }
    public DateOnly OriginalDeadline { get; set; }

    /// <summary>0–100, used while the task has no milestones.</summary>
    public int OwnProgress { get; set; }

    /// <summary>Set when the task is finished: its own progress reaches 100, or its last milestone is done.</summary>
    public DateOnly? DoneOn { get; set; }

    public List<TaskUnit> Units { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
    public List<ProgressNote> Notes { get; set; } = [];
    public List<ExtensionRequest> Extensions { get; set; } = [];

    public bool IsDone => DoneOn is not null;

    public bool IsStarted => Milestones.Count > 0 ? Milestones.Any(m => m.Progress > 0) : OwnProgress > 0;

    public decimal Progress => ProgressMath.OfTask(this);

    public IEnumerable<TaskUnit> LeadUnits => Units.Where(u => u.Role == UnitRole.Lead).OrderBy(u => u.SortOrder);

    public IEnumerable<TaskUnit> CooperatingUnits => Units.Where(u => u.Role == UnitRole.Cooperating).OrderBy(u => u.SortOrder);

    public void ReportProgress(TaskActor actor, DateTime nowUtc, DateOnly today, ProgressReport report)
    {
        if (actor.Role == TaskRole.Cooperating)
            throw new TaskForbiddenException("配合单位可以填写进展说明；进度和完成情况由牵头单位填报");
        Require(actor, "填报进展", TaskRole.Lead, TaskRole.Manager);
        var errors = new Dictionary<string, string>();
        if (report.Progress is < ProgressReport.MinProgress or > ProgressReport.MaxProgress)
            errors["progress"] = $"进度应在 {ProgressReport.MinProgress} 到 {ProgressReport.MaxProgress} 之间（%）";
        if (report.CurrentValue is { } v && Math.Abs(v) >= MaxFigure) errors["currentValue"] = "完成值过大，请核对";
        else if (report.CurrentValue is < 0) errors["currentValue"] = "完成值不能为负";
        else if (ValueProblem(report.CurrentValue, TargetValue, TargetUnit) is { } tooMuch) errors["currentValue"] = tooMuch;
        if (report.CurrentValue is not null && TargetValue is null && TargetUnit is null) errors["currentValue"] = "本任务没有设定目标值，无需填写完成值";
        var note = Trimmed(report.Note);
        if (note?.Length > MaxText) errors["note"] = $"进展说明不超过 {MaxText} 字（现为 {note.Length} 字）";
        Milestone? milestone = null;
        if (report.MilestoneId is { } mid && (milestone = Milestones.FirstOrDefault(m => m.Id == mid)) is null)
            errors["milestoneId"] = "没有这个里程碑";
        else if (report.MilestoneId is null && Milestones.Count > 0 && (report.Progress is not null || report.Done is not null))
            errors["milestoneId"] = "本任务已分解为里程碑，请选择要填报的里程碑";
        if (report.Progress is null && report.Done is null && report.CurrentValue is null && note is null)
            errors["progress"] = "请填写进度、完成值或进展说明";
        // A task with a target figure and no milestones is as far as its figure: 40 of 80 户 is 50%, not whatever was typed.
        var byValue = FollowsValue && (report.Progress is not null || report.Done is not null || report.CurrentValue is not null);
        if (byValue && errors.Count == 0)
        {
            if (report.CurrentValue is not { } reached)
                errors["currentValue"] = $"本任务设有目标值（{Figure(TargetValue)}{TargetUnit}），进度按完成值计算，请填写完成值";
            else
            {
                var derived = ValuePercent(reached);
                if (report.Done == true && derived < 100)
                    errors["currentValue"] = $"完成值 {Figure(reached)}{TargetUnit} 未达到目标 {Figure(TargetValue)}{TargetUnit}，不能记为已完成";
                else if (report.Progress is { } typed && typed != derived)
                    errors["progress"] = $"进度应与完成值一致：完成 {Figure(reached)}{TargetUnit}，目标 {Figure(TargetValue)}{TargetUnit}，即 {derived}%（可不填进度，由完成值计算）";
            }
        }
        if (errors.Count > 0) throw new TaskRuleException(errors);
        if (byValue) report = report with { Progress = ValuePercent(report.CurrentValue!.Value), Done = null };

        // Progress that goes back (30% → 20%, 52 → 40 户, a finished milestone reopened) is allowed, since a figure reported
        // too high must be corrected, but never silently: it needs its reason, and the note says it went back.
        var (mp, md) = milestone is not null ? Settle(milestone.Progress, report, "里程碑") : (0, false);
        var (op, od) = milestone is null && (report.Progress is not null || report.Done is not null) ? Settle(OwnProgress, report, "任务") : (OwnProgress, IsDone);
        var progressBack = milestone is not null ? mp < milestone.Progress : op < OwnProgress;
        var valueBack = report.CurrentValue is { } newValue && CurrentValue is { } oldValue && newValue < oldValue;
        if ((progressBack || valueBack) && note is null)
        {
            var what = new List<string>();
            if (progressBack) what.Add($"进度由 {(milestone?.Progress ?? OwnProgress)}% 降为 {(milestone is not null ? mp : op)}%");
            if (valueBack) what.Add($"完成值由 {Figure(CurrentValue)} 降为 {Figure(report.CurrentValue)}{TargetUnit}");
            throw new TaskRuleException(new Dictionary<string, string>
            {
                ["note"] = $"{string.Join("，", what)}：进度回退须在进展说明中写明原因（如前次填报有误），保存后记入进展记录",
            });
        }

        var changes = new List<string>();
        if (milestone is not null)
        {
            if (mp != milestone.Progress || md != milestone.IsDone)
                changes.Add($"里程碑“{milestone.Title}”进度 {milestone.Progress}% → {mp}%{(md && !milestone.IsDone ? "，已完成" : !md && milestone.IsDone ? "，改为未完成" : "")}{(progressBack ? "（回退）" : "")}");
            milestone.Progress = mp;
            milestone.DoneOn = md ? milestone.DoneOn ?? today : null;
        }
        else if (report.Progress is not null || report.Done is not null)
        {
            if (op != OwnProgress || od != IsDone)
                changes.Add($"任务进度 {OwnProgress}% → {op}%{(od && !IsDone ? "，已完成" : !od && IsDone ? "，改为未完成" : "")}{(progressBack ? "（回退）" : "")}");
            OwnProgress = op;
            DoneOn = od ? DoneOn ?? today : null;
        }
        if (report.CurrentValue is { } value && value != CurrentValue)
        {
            changes.Add($"完成值 {Figure(CurrentValue)} → {Figure(value)}{TargetUnit}{(valueBack ? "（回退）" : "")}");
            CurrentValue = value;
        }
        Settle(today);
        if (changes.Count == 0 && note is null) return;
        Write(actor, nowUtc, milestone?.Id, string.Join("；", changes.Append(note is not null && (progressBack || valueBack) ? "回退原因：" + note : note).OfType<string>()));
    }

    /// <summary>Why a 完成值 cannot stand against the target (null when it can): more than <see cref="MaxTargetMultiple"/> times it.</summary>
    public static string? ValueProblem(decimal? value, decimal? target, string? unit) =>
        value is { } v && target is { } t && t > 0 && v > t * MaxTargetMultiple
            ? $"完成值 {Figure(v)}{unit} 超过目标 {Figure(t)}{unit} 的 {Figure(MaxTargetMultiple)} 倍，请核对是否多输了位数或单位不同；如目标确已调整，请先由领导小组办公室修改目标值"
            : null;

    /// <summary>
    /// A warning, not a refusal, when the 完成值 has reached the target while the task's progress (from its milestones, or as
    /// typed) is below 100%: one of the two is off, and a page that shows "完成率 100%" beside "进度 72%" must say so (qa105 3).
    /// </summary>
    public string? ValueWarning =>
        TargetValue is { } t && t > 0 && CurrentValue is { } v && v >= t && !IsDone && Progress < 100
            ? $"完成值 {Figure(v)}{TargetUnit} 已达到目标 {Figure(t)}{TargetUnit}，但任务进度为 {ProgressMath.Percent(Progress)}%，尚未完成：请核对完成值，或更新{(Milestones.Count > 0 ? "里程碑" : "任务")}进度"
            : null;

    /// <summary>Whether the task's own progress is its target figure's share reached (a target and no milestones).</summary>
    public bool FollowsValue => Milestones.Count == 0 && TargetValue is > 0;

    /// <summary>The share of the target a figure reaches, in whole percent; 100 only when the target is reached.</summary>
    public int ValuePercent(decimal reached) =>
        TargetValue is not > 0 ? 0 : reached >= TargetValue ? 100 : (int)Math.Floor(Math.Max(0m, reached) * 100m / TargetValue.Value);

    /// <summary>
    /// Done means 100%, and 100% means done. Done with another number beside it says two things, refused as 100 without done
    /// is: {"progress":30,"done":true} was saved as 100% without a word about the 30 (qa120 8). The page, whose box is ticked
    /// beside a progress field, sends no number with it.
    /// </summary>
    private static (int Progress, bool Done) Settle(int progress, ProgressReport report, string what)
    {
        if (report.Done == true && report.Progress is { } typed && typed != 100)
            throw new TaskRuleException($"已完成的{what}进度应为 100%（填写的是 {typed}%）；尚未完成请不要标记为已完成", "progress");
        var p = report.Done == true ? 100 : report.Progress ?? progress;
        if (report.Done == false && p == 100) throw new TaskRuleException("进度 100% 即为已完成；尚未完成请把进度改为小于 100", "progress");
        return (p, p == 100);
    }

    /// <summary>With milestones, the task is done when the last one is.</summary>
    private void Settle(DateOnly today)
    {
        if (Milestones.Count == 0) return;
        DoneOn = Milestones.All(m => m.IsDone) ? DoneOn ?? Milestones.Max(m => m.DoneOn) ?? today : null;
    }

    public void AddNote(TaskActor actor, DateTime nowUtc, string? text)
    {
        Require(actor, "填写进展说明", TaskRole.Cooperating, TaskRole.Lead, TaskRole.Manager);
        var t = Trimmed(text) ?? throw new TaskRuleException("请填写进展说明", "note");
        if (t.Length > MaxText) throw new TaskRuleException($"进展说明不超过 {MaxText} 字（现为 {t.Length} 字）", "note");
        Write(actor, nowUtc, null, t);
    }

    public Milestone AddMilestone(TaskActor actor, DateTime nowUtc, DateOnly today, string? title, DateOnly? deadline, decimal? weight)
    {
        Require(actor, "分解里程碑", TaskRole.Lead, TaskRole.Manager);
        var (t, d, w) = CheckMilestone(title, deadline, weight);
        var milestone = new Milestone
        {
            TaskId = Id, Title = t, Deadline = d, OriginalDeadline = d, Weight = w,
            SortOrder = Milestones.Count == 0 ? 1 : Milestones.Max(m => m.SortOrder) + 1,
        };
        Milestones.Add(milestone);
        Settle(today);
        Write(actor, nowUtc, null, $"新增里程碑“{t}”，期限 {Day(d)}，权重 {Figure(w)}");
        return milestone;
    }

    /// <summary>The office corrects a milestone; its deadline changes here without an extension, and the note says so.</summary>
    public void EditMilestone(TaskActor actor, DateTime nowUtc, int milestoneId, string? title, DateOnly? deadline, decimal? weight)
    {
        Require(actor, "修改里程碑", TaskRole.Manager);
        var m = Milestones.FirstOrDefault(x => x.Id == milestoneId) ?? throw new TaskRuleException("没有这个里程碑", "milestoneId");
        var (t, d, w) = CheckMilestone(title, deadline, weight);
        var changes = new List<string>();
        if (t != m.Title) changes.Add($"名称改为“{t}”");
        if (d != m.Deadline) changes.Add($"期限 {Day(m.Deadline)} → {Day(d)}");
        if (w != m.Weight) changes.Add($"权重 {Figure(m.Weight)} → {Figure(w)}");
        (m.Title, m.Deadline, m.Weight) = (t, d, w);
        if (changes.Count > 0) Write(actor, nowUtc, m.Id, $"办公室调整里程碑“{t}”：{string.Join("，", changes)}");
    }

    /// <summary>Only a milestone nothing has happened on may go: no progress and no extension request refer to it.</summary>
    public void RemoveMilestone(TaskActor actor, DateTime nowUtc, DateOnly today, int milestoneId)
    {
        Require(actor, "删除里程碑", TaskRole.Manager);
        var m = Milestones.FirstOrDefault(x => x.Id == milestoneId) ?? throw new TaskRuleException("没有这个里程碑", "milestoneId");
        if (m.Progress > 0 || Extensions.Any(e => e.MilestoneId == milestoneId))
            throw new TaskRuleException($"里程碑“{m.Title}”已有进度或延期记录，不能删除；可调整其权重为 0");
        Milestones.Remove(m);
        Settle(today);
        if (Milestones.Count == 0) DoneOn = OwnProgress == 100 ? DoneOn ?? today : null;
        Write(actor, nowUtc, null, $"删除里程碑“{m.Title}”");
    }

    private (string Title, DateOnly Deadline, decimal Weight) CheckMilestone(string? title, DateOnly? deadline, decimal? weight)
    {
        var errors = new Dictionary<string, string>();
        var t = Trimmed(title);
        if (t is null) errors["title"] = "请填写里程碑名称";
        else if (t.Length > MaxTitle) errors["title"] = $"里程碑名称不超过 {MaxTitle} 字";
        if (deadline is null) errors["deadline"] = "请填写里程碑期限";
        else if (deadline > Deadline) errors["deadline"] = $"里程碑期限不能晚于任务截止日期（{Day(Deadline)}）";
        var w = weight ?? 1m;
        if (w is < 0 or > MaxWeight) errors["weight"] = $"权重应在 0 到 {Figure(MaxWeight)} 之间";
        if (errors.Count > 0) throw new TaskRuleException(errors);
        return (t!, deadline!.Value, w);
    }

    /// <summary>A task the office adds to a plan beyond the document's key tasks (it still cites a clause).</summary>
    public static PlanTask New(TaskActor actor, DateTime nowUtc, TaskEdit edit)
    {
        Require(actor, "新增任务", TaskRole.Manager);
        var task = new PlanTask { OriginalDeadline = edit.Deadline };
        task.Apply(edit);
        task.Write(actor, nowUtc, null, $"办公室新增任务，截止日期 {Day(edit.Deadline)}");
        return task;
    }

    /// <summary>The office edits the task itself. A new deadline applies at once (the office decides), and the note keeps the old one.</summary>
    public void Edit(TaskActor actor, DateTime nowUtc, TaskEdit edit)
    {
        Require(actor, "修改任务", TaskRole.Manager);
        var before = (Title, Number, Source, Measures, TargetValue, TargetUnit, CurrentValue, Weight, Deadline);
        var changes = Apply(edit);
        // A form saved as it was loaded changed nothing: no note, so the task is not written and its version stays.
        if (before == (Title, Number, Source, Measures, TargetValue, TargetUnit, CurrentValue, Weight, Deadline)) return;
        Write(actor, nowUtc, null, changes.Count == 0 ? "办公室修改任务内容" : $"办公室修改任务：{string.Join("，", changes)}");
    }

    /// <summary>
    /// Everything wrong with an edit of the task's own fields, field by field, so that a form names it all at once;
    /// <see cref="Edit"/> and <see cref="New"/> refuse with all of it.
    /// </summary>
    public Dictionary<string, string> EditProblems(TaskEdit edit)
    {
        var errors = new Dictionary<string, string>();
        var title = Trimmed(edit.Title);
        if (title is null) errors["title"] = "请填写任务名称";
        else if (title.Length > MaxTitle) errors["title"] = $"任务名称不超过 {MaxTitle} 字";
        var number = Trimmed(edit.Number);
        if (number?.Length > 20) errors["number"] = "序号不超过 20 字，如：（十一）";
        var source = Trimmed(edit.Source);
        if (source is null) errors["source"] = "请注明任务依据的条款，如：垣政办发〔2023〕19号 五（二）";
        else if (source.Length > MaxTitle) errors["source"] = $"依据条款不超过 {MaxTitle} 字";
        var measures = Trimmed(edit.Measures) ?? "";
        if (measures.Length > MaxText) errors["measures"] = $"工作措施不超过 {MaxText} 字（现为 {measures.Length} 字）";
        var unit = Trimmed(edit.TargetUnit);
        if (unit?.Length > 20) errors["targetUnit"] = "目标单位不超过 20 字，如：户、个、亿元、%";
        if (edit.TargetValue is { } tv && (tv < 0 || tv >= MaxFigure)) errors["targetValue"] = "目标值应为不小于 0 的数";
        if (edit.TargetValue is not null && unit is null) errors["targetUnit"] = "请填写目标值的单位，如：户、个、亿元、%";
        if (edit.CurrentValue is { } cv && Math.Abs(cv) >= MaxFigure) errors["currentValue"] = "完成值过大，请核对";
        else if (edit.CurrentValue is < 0) errors["currentValue"] = "完成值不能为负";
        else if (ValueProblem(edit.CurrentValue, edit.TargetValue, unit) is { } tooMuch) errors["currentValue"] = tooMuch;
        if (!CalendarBounds.Contains(edit.Deadline)) errors["deadline"] = "截止日期不合理，请核对年份";
        if (edit.Weight is < 0 or > MaxWeight) errors["weight"] = $"权重应在 0 到 {Figure(MaxWeight)} 之间";
        if (Milestones.FirstOrDefault(m => m.Deadline > edit.Deadline) is { } later)
            errors["deadline"] = $"截止日期不能早于里程碑“{later.Title}”的期限（{Day(later.Deadline)}）";
        return errors;
    }

    private List<string> Apply(TaskEdit edit)
    {
        if (EditProblems(edit) is { Count: > 0 } errors) throw new TaskRuleException(errors);
        var title = Trimmed(edit.Title);
        var number = Policies.ItemNumbers.FullWidth(edit.Number);
        var source = Trimmed(edit.Source);
        var measures = Trimmed(edit.Measures) ?? "";
        var unit = Trimmed(edit.TargetUnit);
        var changes = new List<string>();
        if (edit.Deadline != Deadline && Deadline != default) changes.Add($"截止日期 {Day(Deadline)} → {Day(edit.Deadline)}");
        if (edit.Weight != Weight) changes.Add($"权重 {Figure(Weight)} → {Figure(edit.Weight)}");
        if (edit.TargetValue != TargetValue || unit != TargetUnit) changes.Add($"目标 {Figure(edit.TargetValue)}{unit}");
        Title = title!;
        Number = number;
        Source = source;
        Measures = measures;
        TargetValue = edit.TargetValue;
        TargetUnit = unit;
        CurrentValue = edit.CurrentValue;
        Weight = edit.Weight;
        Deadline = edit.Deadline;
        return changes;
    }

    /// <summary>What is wrong with the units chosen for a task, field by field (<see cref="SetUnits"/> refuses with it).</summary>
    public static Dictionary<string, string> UnitProblems(IReadOnlyList<Unit> lead, IReadOnlyList<Unit> cooperating)
    {
        var errors = new Dictionary<string, string>();
        if (lead.Count == 0) errors["leadUnitIds"] = "请至少选择一个牵头单位";
        if (lead.FirstOrDefault(l => cooperating.Any(c => c.Id == l.Id)) is { } both)
            errors["cooperatingUnitIds"] = $"“{both.Name}”不能既是牵头单位又是配合单位";
        return errors;
    }

    /// <summary>The office names the units; a task needs a lead unit, and a unit is lead or cooperating, not both.</summary>
    public void SetUnits(TaskActor actor, DateTime nowUtc, IReadOnlyList<Unit> lead, IReadOnlyList<Unit> cooperating)
    {
        Require(actor, "调整责任单位", TaskRole.Manager);
        if (UnitProblems(lead, cooperating) is { Count: > 0 } errors) throw new TaskRuleException(errors);
        string Names(UnitRole role) => string.Join("、", Units.Where(u => u.Role == role).OrderBy(u => u.SortOrder).Select(u => u.Unit?.Name));
        var wanted = lead.DistinctBy(u => u.Id).Select(u => (u.Id, UnitRole.Lead)).Concat(cooperating.DistinctBy(u => u.Id).Select(u => (u.Id, UnitRole.Cooperating))).ToList();
        // The same units in the same roles: nothing to replace. The form lists its checkboxes in its own order, not the order the
        // units were named in, and replacing the rows would write each one as removed and added again.
        if (wanted.Count == Units.Count && wanted.ToHashSet().SetEquals(Units.Select(u => (u.UnitId, u.Role)))) return;
        var before = (Names(UnitRole.Lead), Names(UnitRole.Cooperating));
        Units.Clear();
        foreach (var (units, role) in new[] { (lead, UnitRole.Lead), (cooperating, UnitRole.Cooperating) })
            foreach (var u in units.DistinctBy(u => u.Id))
                Units.Add(new TaskUnit { TaskId = Id, UnitId = u.Id, Unit = u, Role = role, SortOrder = Units.Count + 1 });
        var after = (Names(UnitRole.Lead), Names(UnitRole.Cooperating));
        if (before != after) Write(actor, nowUtc, null, $"办公室调整责任单位：牵头 {after.Item1}；配合 {(after.Item2.Length == 0 ? "无" : after.Item2)}");
    }

    public ExtensionRequest RequestExtension(TaskActor actor, DateTime nowUtc, DateOnly today, int? milestoneId, DateOnly? newDeadline, string? reason)
    {
        if (actor.Role == TaskRole.Manager)
            throw new TaskForbiddenException("延期由牵头单位申请；办公室可在“修改任务”中直接调整期限");
        Require(actor, "申请延期", TaskRole.Lead);
        var errors = new Dictionary<string, string>();
        var why = Trimmed(reason);
        if (why is null) errors["reason"] = "请填写延期理由";
        else if (why.Length > MaxText) errors["reason"] = $"延期理由不超过 {MaxText} 字（现为 {why.Length} 字）";
        Milestone? milestone = null;
        if (milestoneId is { } mid && (milestone = Milestones.FirstOrDefault(m => m.Id == mid)) is null) errors["milestoneId"] = "没有这个里程碑";
        else if (milestone?.IsDone ?? IsDone) errors["milestoneId"] = $"{(milestone is null ? "任务" : $"里程碑“{milestone.Title}”")}已完成，无需延期";
        var current = milestone?.Deadline ?? Deadline;
        if (newDeadline is not { } wanted) errors["newDeadline"] = "请填写申请延至的日期";
        else if (wanted <= current) errors["newDeadline"] = $"申请的期限应晚于现在的期限（{Day(current)}）";
        else if (wanted < today) errors["newDeadline"] = "申请的期限不能早于今天";
        // Counted from today for work already overdue: counted from a deadline more than the limit ago, no date could be asked for.
        else if (wanted > (current > today ? current : today).AddYears(MaxExtensionYears))
            errors["newDeadline"] = current >= today ? $"一次延期不能超过 {MaxExtensionYears} 年" : $"已逾期的任务一次最多延至今天起 {MaxExtensionYears} 年内";
        else if (milestone is not null && wanted > Deadline) errors["newDeadline"] = $"里程碑不能延至任务截止日期（{Day(Deadline)}）之后；请先申请任务延期";
        if (errors.Count > 0) throw new TaskRuleException(errors);
        if (Extensions.Any(e => e.State == ExtensionState.Pending && e.MilestoneId == milestoneId))
            throw new TaskRuleException($"{(milestone is null ? "本任务" : $"里程碑“{milestone.Title}”")}已有一份待审批的延期申请");

        var request = new ExtensionRequest
        {
            TaskId = Id, MilestoneId = milestoneId, PreviousDeadline = current, RequestedDeadline = newDeadline!.Value, Reason = why!,
            RequestedAtUtc = nowUtc, RequestedByUserId = actor.UserId, RequestedBy = actor.UserName, RequestedByUnit = actor.UnitName,
        };
        Extensions.Add(request);
        Write(actor, nowUtc, milestoneId, $"申请{Target(milestone)}延期：{Day(current)} → {Day(request.RequestedDeadline)}；理由：{why}");
        return request;
    }

    /// <summary>
    /// The office decides once; approval moves the deadline, and the request keeps the one it replaced. <paramref name="today"/> is
    /// the China date: a request left waiting until the date it asked for has passed cannot be approved, since the work would be
    /// overdue again the moment it was; it is rejected and the lead unit asks anew (the request form refuses past dates too).
    /// </summary>
    public void DecideExtension(TaskActor actor, DateTime nowUtc, DateOnly today, int extensionId, bool approve, string? note)
    {
        if (actor.Role != TaskRole.Manager) throw new TaskForbiddenException("延期申请由领导小组办公室审批");
        var request = Extensions.FirstOrDefault(e => e.Id == extensionId) ?? throw new TaskRuleException("没有这份延期申请", "extensionId");
        if (request.State != ExtensionState.Pending)
            throw new TaskRuleException($"这份延期申请已{ExtensionRequest.Chinese(request.State)[1..]}，不能再次审批");
        var text = Trimmed(note);
        if (!approve && text is null) throw new TaskRuleException("驳回延期申请须写明意见", "note");
        if (text?.Length > MaxText) throw new TaskRuleException($"审批意见不超过 {MaxText} 字（现为 {text.Length} 字）", "note");
        var milestone = request.MilestoneId is { } mid ? Milestones.FirstOrDefault(m => m.Id == mid) : null;
        if (approve)
        {
            var current = milestone?.Deadline ?? Deadline;
            if (request.RequestedDeadline <= current)
                throw new TaskRuleException($"期限已是 {Day(current)}，不晚于申请的期限，请驳回本申请并说明");
            if (milestone is not null && request.RequestedDeadline > Deadline)
                throw new TaskRuleException($"任务截止日期为 {Day(Deadline)}，里程碑不能延至其后；请先调整任务截止日期");
            if (request.RequestedDeadline < today)
                throw new TaskRuleException(StaleMessage(request, today));
            if (milestone is not null) milestone.Deadline = request.RequestedDeadline;
            else Deadline = request.RequestedDeadline;
        }
        request.State = approve ? ExtensionState.Approved : ExtensionState.Rejected;
        request.DecidedAtUtc = nowUtc;
        request.DecidedByUserId = actor.UserId;
        request.DecidedBy = actor.UserName;
        request.DecisionNote = text;
        Write(actor, nowUtc, request.MilestoneId,
            $"{(approve ? "批准" : "驳回")}{Target(milestone)}延期申请（{Day(request.PreviousDeadline)} → {Day(request.RequestedDeadline)}）{(text is null ? "" : "：" + text)}");
    }

    /// <summary>Why a request whose date has passed is not approved: what the page shows beside it and the refusal says.</summary>
    public static string StaleMessage(ExtensionRequest request, DateOnly today) =>
        $"申请延至的 {Day(request.RequestedDeadline)} 已早于今天（{Day(today)}），批准后仍然逾期，不能批准；请驳回并说明，由牵头单位按实际重新申请";

    private string Target(Milestone? m) => m is null ? "任务" : $"里程碑“{m.Title}”";

    private void Write(TaskActor actor, DateTime nowUtc, int? milestoneId, string text) =>
        Notes.Add(new ProgressNote { TaskId = Id, MilestoneId = milestoneId, AtUtc = nowUtc, UserId = actor.UserId, UserName = actor.UserName, UnitName = actor.UnitName, Text = text });

    private static void Require(TaskActor actor, string action, params TaskRole[] roles)
    {
        if (!roles.Contains(actor.Role))
            throw new TaskForbiddenException(actor.Role switch
            {
                TaskRole.Reader => $"您对本任务只有查看权限，不能“{action}”",
                TaskRole.Cooperating => $"配合单位不能“{action}”，请由牵头单位办理",
                TaskRole.Lead => $"牵头单位不能“{action}”，请由领导小组办公室办理",
                _ => $"不能“{action}”",
            });
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Day(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    public static string Figure(decimal? value) => value is { } v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";
}
