namespace SpecializedTowns.Core.Tasks;

/// <summary>
/// Weighted roll-up of progress (0–100): milestones → task → task group → plan.
/// Weights are relative, so the default of 1 everywhere means "equal".
/// </summary>
public static class ProgressMath
{
    /// <summary>
    /// The weighted mean of the parts. Parts weighted 0 do not count, unless every part is weighted 0:
    /// then the weights say nothing and the parts count equally rather than dividing by zero.
    /// No parts is 0: nothing has been done.
    /// </summary>
    public static decimal Weighted(IEnumerable<(decimal Weight, decimal Progress)> parts)
    {
        var list = parts.Select(p => (Weight: Math.Max(0m, p.Weight), Progress: Clamp(p.Progress))).ToList();
        if (list.Count == 0) return 0m;
        var total = list.Sum(p => p.Weight);
        return total == 0m
            ? Clamp(list.Average(p => p.Progress))
            : Clamp(list.Sum(p => p.Weight * p.Progress) / total);
    }

    public static decimal Clamp(decimal progress) => Math.Clamp(progress, 0m, 100m);

    /// <summary>A progress bar's whole percent; 99.6 shows as 99 so that 100 only ever means finished.</summary>
    public static int Percent(decimal progress) => (int)Math.Floor(Clamp(progress));

    public static decimal OfTask(PlanTask task) => task.Milestones.Count > 0
        ? Weighted(task.Milestones.Select(m => (m.Weight, (decimal)m.Progress)))
        : task.OwnProgress;

    /// <summary>A group over the tasks given (a unit sees only its own tasks, and the figure is of those).</summary>
    public static decimal OfGroup(IEnumerable<PlanTask> tasks) => Weighted(tasks.Select(t => (t.Weight, OfTask(t))));

    /// <summary>A plan over its groups; a group without tasks (for the viewer) is left out rather than counted as 0.</summary>
    public static decimal OfPlan(IEnumerable<(TaskGroup Group, IReadOnlyCollection<PlanTask> Tasks)> groups) =>
        Weighted(groups.Where(g => g.Tasks.Count > 0).Select(g => (g.Group.Weight, OfGroup(g.Tasks))));
}
