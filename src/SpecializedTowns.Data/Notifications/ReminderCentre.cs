using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Notifications;

public enum ReminderLevel { Info = 0, Yellow = 1, Red = 2 }

/// <summary>
/// One thing that needs the person: where it belongs, how urgent, what to do, and the page to do it on. A source with
/// thousands of like items (the red projects of a province) lists the most urgent and gives the rest as one reminder
/// that stands for <see cref="Count"/> of them and links to the list that pages and filters them.
/// </summary>
public sealed record Reminder(string Area, ReminderLevel Level, string Text, string Link, int Count = 1);

/// <summary>An area's reminders counted (<see cref="ReminderCentre.TallyAsync"/>), with the most urgent level among them.</summary>
public sealed record ReminderTally(string Area, int Count, ReminderLevel Level);

public static class Reminders
{
    /// <summary>How many things the reminders stand for: what the bell, the card and the page count.</summary>
    public static int Total(this IEnumerable<Reminder> reminders) => reminders.Sum(r => r.Count);
}

/// <summary>
/// The notification centre (UI.md top bar): reminders are computed from the records each time, not stored, so they
/// are never stale and disappear as soon as the work is done. Each feature contributes its own source here.
/// </summary>
public sealed class ReminderCentre(TownsDbContext db, ApplicationService applications, ProjectWarningSettings projectSettings, Problems.ProblemService problems, Tasks.TaskService tasks, Core.Reports.ReportSettings reportSettings, Notices.NoticeService notices, TimeProvider time)
{
    public Task<IReadOnlyList<Reminder>> ListAsync(UserScope scope, CancellationToken ct = default) =>
        db.PlannedPerRunAsync(scope, () => GatherAsync(scope, listed: true, ct), ct);

    /// <summary>
    /// The reminders counted by area, in the order the list shows them (areas with a red one first), for the dashboard's card.
    /// A province office's problems and red projects are counted, not read: the card listed the 50 most urgent of each to
    /// show two numbers.
    /// </summary>
    public async Task<IReadOnlyList<ReminderTally>> TallyAsync(UserScope scope, CancellationToken ct = default) =>
        (await db.PlannedPerRunAsync(scope, () => GatherAsync(scope, listed: false, ct), ct))
            .GroupBy(r => r.Area).Select(g => new ReminderTally(g.Key, g.Total(), g.Max(r => r.Level))).ToList();

    /// <summary>
    /// The areas the sources file reminders under, for the page's ?area= to tell an area with nothing due now (shown empty)
    /// from a word that names none (noted, and everything shown).
    /// </summary>
    public static readonly IReadOnlyList<string> Areas = ["认定申报", "重点项目", "问题台账", "责任清单", "专班月报", Notices.NoticeReminders.Area];

    /// <summary>The bell shows past this many as "99+".</summary>
    public const int BellCounts = 100;

    /// <summary>
    /// What <see cref="ListAsync"/> adds up to (<see cref="Reminders.Total"/>), counted no further than <paramref name="upTo"/>:
    /// the header bell asks after every page and needs no more. The sources that grow with the scope (a province office's
    /// thousands of problems and red projects) are counted in the database, each only as far as the rest of the way, and
    /// the others are not read once the count is reached. The province office's bell read every source, and its 50 most
    /// urgent problems and projects, for a badge that said "99+" (33 ms p50 on province data).
    /// </summary>
    public async Task<int> CountAsync(UserScope scope, int upTo = BellCounts, CancellationToken ct = default)
    {
        var today = Today;
        var count = 0;
        var sources = new Func<int, Task<int>>[]
        {
            async left => (await applications.ToDoAsync(scope, ct)).Count,
            left => Problems.ProblemReminders.CountAsync(problems, scope, left, ct),
            left => ProjectReminders.CountAsync(db, scope, today, projectSettings, left, ct),
            async left => (await Notices.NoticeReminders.ForAsync(notices, scope, ct)).Total(),
            async left => (await Reports.ReportReminders.ForAsync(db, scope, today, reportSettings, ct)).Count,
            left => Tasks.TaskReminders.CountAsync(tasks, scope, ct),
        };
        foreach (var source in sources)
        {
            count += await source(upTo - count);
            if (count >= upTo) return upTo;
        }
        return count;
    }

    private DateOnly Today => ChinaTime.Today(time);

    private async Task<IReadOnlyList<Reminder>> GatherAsync(UserScope scope, bool listed, CancellationToken ct)
    {
        var today = Today;
        var reminders = new List<Reminder>();
        reminders.AddRange((await applications.ToDoAsync(scope, ct)).Select(t =>
            new Reminder("认定申报", ReminderLevel.Yellow, $"{t.Town}：{t.What}", $"/Applications/Detail/{t.Id}")));
        reminders.AddRange(await ProjectReminders.ForAsync(db, scope, today, projectSettings, ct, listed));
        reminders.AddRange(await Problems.ProblemReminders.ForAsync(problems, scope, ct, listed ? Problems.ProblemReminders.Listed : 0));
        reminders.AddRange(await Tasks.TaskReminders.ForAsync(tasks, scope, ct));
        reminders.AddRange((await Reports.ReportReminders.ForAsync(db, scope, today, reportSettings, ct)).Select(r => new Reminder("专班月报",
            r.Kind switch { Reports.ReminderKind.Missing => ReminderLevel.Red, Reports.ReminderKind.AwaitingAcceptance => ReminderLevel.Info, _ => ReminderLevel.Yellow },
            r.Text, r.Url)));
        reminders.AddRange(await Notices.NoticeReminders.ForAsync(notices, scope, ct));
        return reminders.OrderByDescending(r => r.Level).ToList();
    }
}
