using SpecializedTowns.Core.Imports;
using SpecializedTowns.Core.Tasks;

namespace SpecializedTowns.Data.Imports;

/// <summary>One step that brings a task's milestones to what a row of the task file lists.</summary>
internal abstract record MilestoneStep(string Title)
{
    public sealed record Add(string Name, DateOnly Deadline) : MilestoneStep(Name);

    /// <summary>A new deadline, or a new name for the milestone of the same deadline.</summary>
    public sealed record Change(Milestone Milestone, string Name, DateOnly Deadline) : MilestoneStep(Milestone.Title);

    public sealed record Remove(Milestone Milestone) : MilestoneStep(Milestone.Title);
}

/// <summary>
/// How a task's stored milestones become the list a row gives (the rule the 填写说明 sheet states): a listed milestone is
/// matched by name, else by deadline (a rename); unmatched listed ones are added. A stored milestone the row does not
/// list is deleted only while nothing has happened on it; one that is done, has progress or had an extension request is
/// kept, because an import must not erase what a lead unit reported.
/// </summary>
internal sealed class MilestonePlan
{
    private const string Column = "里程碑";

    /// <summary>Deletions first, then changes, then additions, so that a rename never meets its old name.</summary>
    public List<MilestoneStep> Steps { get; } = [];

    /// <summary>The steps as the preview shows them.</summary>
    public List<FieldChange> Changes { get; } = [];

    public static MilestonePlan For(PlanTask task, IReadOnlyList<(string Title, DateOnly Deadline)> wanted)
    {
        var plan = new MilestonePlan();
        var unmatched = task.Milestones.OrderBy(m => m.SortOrder).ToList();
        var pairs = new (string Title, DateOnly Deadline, Milestone? Stored)[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            var stored = unmatched.FirstOrDefault(m => m.Title == wanted[i].Title);
            if (stored is not null) unmatched.Remove(stored);
            pairs[i] = (wanted[i].Title, wanted[i].Deadline, stored);
        }
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Stored is not null) continue;
            var renamed = unmatched.FirstOrDefault(m => m.Deadline == pairs[i].Deadline);
            if (renamed is null) continue;
            unmatched.Remove(renamed);
            pairs[i].Stored = renamed;
        }

        foreach (var m in unmatched.Where(m => m.Progress == 0 && !m.IsDone && task.Extensions.All(e => e.MilestoneId != m.Id)))
        {
            plan.Steps.Add(new MilestoneStep.Remove(m));
            plan.Changes.Add(new FieldChange(Column, Show(m.Title, m.Deadline), "（删除）"));
        }
        foreach (var (title, deadline, stored) in pairs.Where(p => p.Stored is not null))
        {
            if (stored!.Title == title && stored.Deadline == deadline) continue;
            plan.Steps.Add(new MilestoneStep.Change(stored, title, deadline));
            plan.Changes.Add(new FieldChange(Column, Show(stored.Title, stored.Deadline), Show(title, deadline)));
        }
        foreach (var (title, deadline, _) in pairs.Where(p => p.Stored is null))
        {
            plan.Steps.Add(new MilestoneStep.Add(title, deadline));
            plan.Changes.Add(new FieldChange(Column, "（无）", "新增 " + Show(title, deadline)));
        }
        return plan;
    }

    private static string Show(string title, DateOnly deadline) => $"{title}（{CellValues.Day(deadline)}）";
}
