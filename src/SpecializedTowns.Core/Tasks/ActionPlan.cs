using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Tasks;

/// <summary>
/// 年度行动计划: one year's responsibility list (责任清单) of a county or city, or of one specialized town,
/// under a policy document. It starts as a copy of the document's key tasks, which the office then
/// refines with measures, milestones, targets and deadlines.
/// </summary>
public sealed class ActionPlan
{
    public const int MaxTitle = 200;

    public int Id { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";

    /// <summary>The policy pack the plan implements.</summary>
    public string PolicyId { get; set; } = "";

    /// <summary>The plan's county or city; for a town's plan, the town's county. Units and scope are of this jurisdiction.</summary>
    public int JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }
    public int? SpecializedTownId { get; set; }
    public SpecializedTown? SpecializedTown { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public int? CreatedByUserId { get; set; }
    public string CreatedBy { get; set; } = "";
    public bool IsDemo { get; set; }

    public List<TaskGroup> Groups { get; set; } = [];

    /// <summary>
    /// The key tasks of the pack, grouped by their heading in the text's order, each citing its clause.
    /// Units are looked up by name; a name the lookup does not know is left out, so the caller decides what is
    /// registered. "各乡（镇）人民政府" gives the task to every township government of the place
    /// (<paramref name="townships"/>), as the text does; other collective names (相关部门) are not units and are left out.
    /// </summary>
    public static ActionPlan FromPack(PolicyPack pack, int year, DateOnly deadline, Func<string, Unit?> unitNamed, IReadOnlyList<Unit>? townships = null)
    {
        var plan = new ActionPlan { Year = year, PolicyId = pack.Id };
        foreach (var heading in pack.KeyTasks.Select(t => t.Group).Distinct())
        {
            var group = new TaskGroup { Title = string.IsNullOrWhiteSpace(heading) ? "重点任务" : heading.Trim(), SortOrder = plan.Groups.Count + 1 };
            foreach (var k in pack.KeyTasks.Where(t => t.Group == heading))
            {
                var task = new PlanTask
                {
                    Plan = plan, Number = k.Number?.Trim(), Title = k.Title.Trim(), Source = k.Source?.Trim(), Measures = k.Summary?.Trim() ?? "",
                    Deadline = deadline, OriginalDeadline = deadline, SortOrder = group.Tasks.Count + 1,
                };
                foreach (var (names, role) in new[] { (k.LeadUnits, UnitRole.Lead), (k.CooperatingUnits, UnitRole.Cooperating) })
                    foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length is > 0 and <= UnitNames.MaxLength))
                    {
                        var units = UnitNames.IsEveryTownship(name) ? townships ?? []
                            : UnitNames.IsCollective(name) ? []
                            : unitNamed(name) is { } named ? [named] : (IReadOnlyList<Unit>)[];
                        foreach (var unit in units.Where(unit => task.Units.All(u => !ReferenceEquals(u.Unit, unit) && (unit.Id == 0 || u.UnitId != unit.Id))))
                            task.Units.Add(new TaskUnit { UnitId = unit.Id, Unit = unit, Role = role, SortOrder = task.Units.Count + 1 });
                    }
                group.Tasks.Add(task);
            }
            plan.Groups.Add(group);
        }
        return plan;
    }

    public IEnumerable<PlanTask> AllTasks => Groups.SelectMany(g => g.Tasks);
}

/// <summary>A heading of the plan (（一）聚焦“引”字，加快专业镇集群成链), with its share of the plan's progress.</summary>
public sealed class TaskGroup
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public string Title { get; set; } = "";
    public int SortOrder { get; set; }
    public decimal Weight { get; set; } = 1m;
    public List<PlanTask> Tasks { get; set; } = [];
}

public enum UnitRole { Lead = 1, Cooperating = 2 }

/// <summary>牵头单位 or 配合单位 of a task.</summary>
public sealed class TaskUnit
{
    public int TaskId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public UnitRole Role { get; set; }
    public int SortOrder { get; set; }

    public static string Chinese(UnitRole role) => role == UnitRole.Lead ? "牵头单位" : "配合单位";
}

/// <summary>A step of a task with its own deadline and weight (e.g. 6月底前建立项目库).</summary>
public sealed class Milestone
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int SortOrder { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Deadline { get; set; }

    /// <summary>The deadline first set; an approved extension moves <see cref="Deadline"/> only.</summary>
    public DateOnly OriginalDeadline { get; set; }
    public decimal Weight { get; set; } = 1m;

    /// <summary>0–100; 100 exactly when done.</summary>
    public int Progress { get; set; }
    public DateOnly? DoneOn { get; set; }

    public bool IsDone => DoneOn is not null;
}

/// <summary>What was reported on a task, by whom and when; progress changes are written here too, so the history is one list.</summary>
public sealed class ProgressNote
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int? MilestoneId { get; set; }
    public DateTime AtUtc { get; set; }
    public int UserId { get; set; }
    public string UserName { get; set; } = "";
    public string? UnitName { get; set; }
    public string Text { get; set; } = "";
}

public enum ExtensionState { Pending = 1, Approved = 2, Rejected = 3 }

/// <summary>延期申请: kept with the deadline it replaced and the office's decision, whatever the outcome.</summary>
public sealed class ExtensionRequest
{
    public int Id { get; set; }
    public int TaskId { get; set; }

    /// <summary>The milestone to extend; null for the task's own deadline.</summary>
    public int? MilestoneId { get; set; }
    public DateOnly PreviousDeadline { get; set; }
    public DateOnly RequestedDeadline { get; set; }
    public string Reason { get; set; } = "";
    public DateTime RequestedAtUtc { get; set; }
    public int RequestedByUserId { get; set; }
    public string RequestedBy { get; set; } = "";
    public string? RequestedByUnit { get; set; }
    public ExtensionState State { get; set; } = ExtensionState.Pending;
    public DateTime? DecidedAtUtc { get; set; }
    public int? DecidedByUserId { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }

    public static string Chinese(ExtensionState state) => state switch
    {
        ExtensionState.Pending => "待审批",
        ExtensionState.Approved => "已批准",
        _ => "已驳回",
    };
}
