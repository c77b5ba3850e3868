using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Tasks;

/// <summary>
/// What the responsibility lists ask of a person: a lead unit its own tasks that are overdue or due soon, one by one;
/// the office the extension requests waiting for it and, in one line, how many tasks are overdue in its scope.
/// </summary>
public static class TaskReminders
{
    public static async Task<IReadOnlyList<Reminder>> ForAsync(TaskService tasks, UserScope scope, CancellationToken ct)
    {
        var reminders = new List<Reminder>();
        if (!TaskService.HasAccess(scope)) return reminders;
        if (scope.Role == Roles.MemberUnit && scope.UnitId is { } unit)
        {
            foreach (var t in await tasks.LeadAttentionAsync(scope, unit, ct))
                reminders.Add(new Reminder("责任清单", t.Light == TaskLight.Overdue ? ReminderLevel.Red : ReminderLevel.Yellow,
                    $"{t.Number} {t.Title}：{(t.Light == TaskLight.Overdue ? "已逾期" : "临近截止")}（{t.Deadline.Year}年{t.Deadline.Month}月{t.Deadline.Day}日）".TrimStart(),
                    $"/Tasks/Detail/{t.Id}"));
            return reminders;
        }
        if (scope.Role is Roles.Admin or Roles.Office)
        {
            reminders.AddRange((await tasks.PendingExtensionsAsync(scope, ct)).Select(e => new Reminder("责任清单", ReminderLevel.Yellow,
                $"{e.RequestedBy} 申请将“{e.Milestone ?? e.Task}”延期至 {e.RequestedDeadline.Year}年{e.RequestedDeadline.Month}月{e.RequestedDeadline.Day}日，待审批", $"/Tasks/Detail/{e.TaskId}")));
        }
        var overdue = await tasks.OverdueCountAsync(scope, ct);
        if (overdue > 0) reminders.Add(new Reminder("责任清单", ReminderLevel.Red, $"{overdue} 项任务已逾期", "/Tasks/Overdue"));
        return reminders;
    }

    /// <summary>How many things <see cref="ForAsync"/> stands for, counted for the bell without building the reminders.</summary>
    public static async Task<int> CountAsync(TaskService tasks, UserScope scope, CancellationToken ct)
    {
        if (TaskService.HasAccess(scope) && scope.Role == Roles.MemberUnit && scope.UnitId is { } unit)
            return await tasks.LeadAttentionCountAsync(scope, unit, ct);
        return (await ForAsync(tasks, scope, ct)).Total();
    }
}
