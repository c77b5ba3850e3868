using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Tasks;

/// <summary>
/// What the responsibility lists ask of a person: a lead unit (a department or a township) its own tasks that are overdue
/// or due soon, one by one; a township, besides, in one line how many overdue tasks it is only a 配合单位 of; the office the
/// extension requests waiting for it and, in one line, how many tasks are overdue in its scope.
/// </summary>
public static class TaskReminders
{
    public static async Task<IReadOnlyList<Reminder>> ForAsync(TaskService tasks, UserScope scope, CancellationToken ct)
    {
        var reminders = new List<Reminder>();
        if (!TaskService.HasAccess(scope)) return reminders;
        if (scope.Role is Roles.MemberUnit or Roles.Township)
        {
            if (scope.UnitId is not { } unit) return reminders;
            foreach (var t in await tasks.LeadAttentionAsync(scope, unit, ct))
                reminders.Add(new Reminder("责任清单", t.Light == TaskLight.Overdue ? ReminderLevel.Red : ReminderLevel.Yellow,
                    $"{t.Number} {t.Title}：{(t.Light == TaskLight.Overdue ? "已逾期" : "临近截止")}（{t.Deadline.Year}年{t.Deadline.Month}月{t.Deadline.Day}日）".TrimStart(),
                    $"/Tasks/Detail/{t.Id}"));
            if (scope.Role == Roles.Township && await tasks.CooperatingOverdueCountAsync(scope, unit, ct) is > 0 and var shared)
                reminders.Add(SharedOverdue(shared));
            return reminders;
        }
        if (scope.Role is Roles.Admin or Roles.Office)
        {
            reminders.AddRange((await tasks.PendingExtensionsAsync(scope, ct)).Select(e => new Reminder("责任清单", ReminderLevel.Yellow,
                $"{e.RequestedBy} 申请将“{e.Milestone ?? e.Task}”延期至 {e.RequestedDeadline.Year}年{e.RequestedDeadline.Month}月{e.RequestedDeadline.Day}日，待审批", $"/Tasks/Detail/{e.TaskId}")));
        }
        var overdue = await tasks.OverdueCountAsync(scope, ct);
        // One line standing for every overdue task: counted as that many, as the area buttons and the pager count matters.
        if (overdue > 0) reminders.Add(new Reminder("责任清单", ReminderLevel.Red, $"{overdue} 项任务已逾期", "/Tasks/Overdue", overdue));
        return reminders;
    }

    /// <summary>
    /// The overdue tasks a township only cooperates on, as one line of information: "各乡（镇）人民政府" names every township
    /// on the county's shared tasks, and ten reminders each (or a red "10 项任务已逾期") told it of deadlines that are the lead
    /// units' to keep. It is one thing to know, counted once by the bell and the card alike.
    /// </summary>
    private static Reminder SharedOverdue(int tasks) =>
        new("责任清单", ReminderLevel.Info, $"本{CountyWords.Any}有 {tasks} 项任务逾期，贵乡镇为配合单位", "/Tasks/Overdue");

    /// <summary>How many things <see cref="ForAsync"/> stands for, counted for the bell without building the reminders.</summary>
    public static async Task<int> CountAsync(TaskService tasks, UserScope scope, CancellationToken ct)
    {
        if (!TaskService.HasAccess(scope) || scope.Role is not (Roles.MemberUnit or Roles.Township)) return (await ForAsync(tasks, scope, ct)).Total();
        if (scope.UnitId is not { } unit) return 0;
        var count = await tasks.LeadAttentionCountAsync(scope, unit, ct);
        if (scope.Role == Roles.Township && await tasks.CooperatingOverdueCountAsync(scope, unit, ct) > 0) count += SharedOverdue(0).Count;
        return count;
    }
}
