namespace SpecializedTowns.Core.Tasks;

/// <summary>红黄绿灰 by deadline (UI.md): computed from today every time it is shown, never stored.</summary>
public enum TaskLight
{
    NotStarted = 1,
    OnTrack = 2,
    DueSoon = 3,
    Overdue = 4,
    Done = 5,
}

public static class TaskLights
{
    public const int DefaultDueSoonDays = 15;

    public static string Chinese(TaskLight light) => light switch
    {
        TaskLight.NotStarted => "未开始",
        TaskLight.OnTrack => "正常推进",
        TaskLight.DueSoon => "临期",
        TaskLight.Overdue => "逾期",
        _ => "已完成",
    };

    /// <summary>The colour word as the documents and clerks say it.</summary>
    public static string Colour(TaskLight light) => light switch
    {
        TaskLight.NotStarted => "灰",
        TaskLight.OnTrack => "绿",
        TaskLight.DueSoon => "黄",
        TaskLight.Overdue => "红",
        _ => "完成",
    };

    public static string Key(TaskLight light) => light switch
    {
        TaskLight.NotStarted => "not-started",
        TaskLight.OnTrack => "on-track",
        TaskLight.DueSoon => "due-soon",
        TaskLight.Overdue => "overdue",
        _ => "done",
    };

    /// <summary>
    /// One deadline: done is done; past the deadline (the day after it) is 红; due within
    /// <paramref name="dueSoonDays"/> days, the deadline itself included, is 黄; otherwise 灰 until
    /// some progress is reported, then 绿. Being late outweighs not having started.
    /// </summary>
    public static TaskLight Of(DateOnly deadline, bool done, bool started, DateOnly today, int dueSoonDays)
    {
        if (done) return TaskLight.Done;
        if (today > deadline) return TaskLight.Overdue;
        if (deadline.DayNumber - today.DayNumber <= dueSoonDays) return TaskLight.DueSoon;
        return started ? TaskLight.OnTrack : TaskLight.NotStarted;
    }

    public static TaskLight Of(Milestone m, DateOnly today, int dueSoonDays) =>
        Of(m.Deadline, m.IsDone, m.Progress > 0, today, dueSoonDays);

    /// <summary>
    /// A task is as late as its latest open milestone: a task due in December with a milestone overdue
    /// since June is 红, because the milestone is how the task was to be delivered.
    /// </summary>
    public static TaskLight Of(PlanTask task, DateOnly today, int dueSoonDays)
    {
        if (task.IsDone) return TaskLight.Done;
        var light = Of(task.Deadline, false, task.IsStarted, today, dueSoonDays);
        foreach (var m in task.Milestones.Where(m => !m.IsDone))
        {
            var own = Of(m, today, dueSoonDays);
            if (own is TaskLight.Overdue or TaskLight.DueSoon && Severity(own) > Severity(light)) light = own;
        }
        return light;
    }

    /// <summary>
    /// The tasks <see cref="Of(PlanTask, DateOnly, int)"/> makes 红, as a query condition, so that a province's overdue tasks
    /// are counted where they are stored: not done, and past its own deadline or past the deadline of a milestone not done.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<PlanTask, bool>> OverdueOn(DateOnly today) =>
        t => t.DoneOn == null && (t.Deadline < today || t.Milestones.Any(m => m.DoneOn == null && m.Deadline < today));

    /// <summary>Every task <see cref="OverdueOn"/> leaves out: done, or no open deadline before today.</summary>
    public static System.Linq.Expressions.Expression<Func<PlanTask, bool>> NotOverdueOn(DateOnly today)
    {
        var overdue = OverdueOn(today);
        return System.Linq.Expressions.Expression.Lambda<Func<PlanTask, bool>>(System.Linq.Expressions.Expression.Not(overdue.Body), overdue.Parameters);
    }

    /// <summary>
    /// The tasks <see cref="Of(PlanTask, DateOnly, int)"/> gives <paramref name="light"/>, as a query condition, so that a list
    /// filtered by light is counted and cut into pages where the tasks are stored. Not 红 means every open deadline is today or
    /// later; then 黄 is an open deadline within the days; 绿 and 灰 are the rest, started or not (IsStarted).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<PlanTask, bool>> Is(TaskLight light, DateOnly today, int dueSoonDays)
    {
        var soon = today.AddDays(dueSoonDays);
        return light switch
        {
            TaskLight.Done => t => t.DoneOn != null,
            TaskLight.Overdue => OverdueOn(today),
            TaskLight.DueSoon => t => t.DoneOn == null && t.Deadline >= today && !t.Milestones.Any(m => m.DoneOn == null && m.Deadline < today)
                && (t.Deadline <= soon || t.Milestones.Any(m => m.DoneOn == null && m.Deadline <= soon)),
            TaskLight.OnTrack => t => t.DoneOn == null && t.Deadline > soon && !t.Milestones.Any(m => m.DoneOn == null && m.Deadline <= soon)
                && (t.Milestones.Any(m => m.Progress > 0) || !t.Milestones.Any() && t.OwnProgress > 0),
            _ => t => t.DoneOn == null && t.Deadline > soon && !t.Milestones.Any(m => m.DoneOn == null && m.Deadline <= soon)
                && !(t.Milestones.Any(m => m.Progress > 0) || !t.Milestones.Any() && t.OwnProgress > 0),
        };
    }

    /// <summary>
    /// The tasks <see cref="Of(PlanTask, DateOnly, int)"/> makes 红 or 黄, as one query condition: not done, with an open
    /// deadline (its own or a milestone's) no later than <paramref name="dueSoonDays"/> days from today.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<PlanTask, bool>> NeedsAttention(DateOnly today, int dueSoonDays)
    {
        var soon = today.AddDays(dueSoonDays);
        return t => t.DoneOn == null && (t.Deadline <= soon || t.Milestones.Any(m => m.DoneOn == null && m.Deadline <= soon));
    }

    private static int Severity(TaskLight light) => light switch
    {
        TaskLight.Overdue => 3,
        TaskLight.DueSoon => 2,
        _ => 1,
    };

    /// <summary>Today in China (UTC+8, no daylight saving): deadlines are calendar days there.</summary>
    public static DateOnly ChinaToday(DateTimeOffset now) => ChinaTime.Date(now);
}
