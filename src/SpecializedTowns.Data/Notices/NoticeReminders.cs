using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Notices;

/// <summary>
/// What the notices ask of a person. The recipient (its township staff or unit) hears of its own notices whose deadline is near
/// or missed while something is still to report. Offices hear of the notices in their area that are due soon or overdue, and of
/// rectification waiting for their verification when they issued the notice (or are above the office that did). A leader, who
/// reads only, hears of the notices overdue for rectification: what the leadership decides on (通报批评、约谈).
/// </summary>
public static class NoticeReminders
{
    public const string Area = "督办通知书";

    public static async Task<IReadOnlyList<Reminder>> ForAsync(NoticeService notices, UserScope scope, CancellationToken ct)
    {
        var office = scope.Role is Roles.Admin or Roles.Office;
        var recipient = scope.Role is Roles.Township or Roles.MemberUnit;
        var leader = scope.Role == Roles.Leader;
        if (!office && !recipient && !leader) return [];
        var today = notices.Today;
        var soon = today.AddDays(notices.DueSoonDays);
        var home = scope.HomePath;
        // A unit only copied on a notice is not reminded of its deadline: the recipient reports.
        var rows = await notices.Addressed(scope).AsNoTracking()
            .Where(n => n.State == NoticeState.Issued)
            .Select(n => new
            {
                n.Id, n.DocumentNumber, n.RecipientName, n.Deadline,
                ToDo = n.Items.Count(i => i.State == ItemState.Open || i.State == ItemState.Drafted || i.State == ItemState.Returned),
                Returned = n.Items.Count(i => i.State == ItemState.Returned),
                Waiting = n.Items.Count(i => i.State == ItemState.Submitted),
                Missed = n.Deadline < today && n.Items.Any(i => !((i.State == ItemState.Submitted || i.State == ItemState.Accepted) && i.SubmittedOn != null && i.SubmittedOn <= n.Deadline)),
                IssuingPath = notices.Jurisdictions.Where(j => j.Id == n.IssuingJurisdictionId).Select(j => j.Path).First(),
            })
            .OrderBy(n => n.Deadline).ThenBy(n => n.Id)
            .ToListAsync(ct);

        var reminders = new List<Reminder>();
        foreach (var n in rows)
        {
            var link = $"/Notices/Detail/{n.Id}";
            var overdue = today.DayNumber - n.Deadline.DayNumber;
            var left = n.Deadline.DayNumber - today.DayNumber;
            var due = left == 0 ? "今天到期" : $"还剩 {left} 天（{NoticeRules.Date(n.Deadline)}）";
            if (recipient)
            {
                if (n.ToDo == 0) continue;
                var returned = n.Returned > 0 ? $"，其中 {n.Returned} 项被退回" : "";
                if (n.Missed)
                    reminders.Add(new Reminder(Area, ReminderLevel.Red, $"{n.DocumentNumber}：整改已逾期 {overdue} 天，还有 {n.ToDo} 项未报送{returned}", link));
                else if (n.Deadline >= today && n.Deadline <= soon)
                    reminders.Add(new Reminder(Area, ReminderLevel.Yellow, $"{n.DocumentNumber}：整改期限{due}，还有 {n.ToDo} 项未报送{returned}", link));
                continue;
            }
            if (leader)
            {
                if (n.Missed) reminders.Add(new Reminder(Area, ReminderLevel.Red, $"{n.DocumentNumber}（{n.RecipientName}）：逾期 {overdue} 天未完成整改", link));
                continue;
            }
            var oversees = scope.IsAdmin || n.IssuingPath == home || n.IssuingPath.StartsWith(home + "/", StringComparison.Ordinal);
            if (n.Missed)
                reminders.Add(new Reminder(Area, ReminderLevel.Red, oversees
                    ? $"{n.DocumentNumber}（{n.RecipientName}）：逾期 {overdue} 天未完成整改，请决定处理（通报批评、约谈等）"
                    : $"{n.DocumentNumber}（{n.RecipientName}）：逾期 {overdue} 天未完成整改", link));
            else if (n.ToDo > 0 && n.Deadline >= today && n.Deadline <= soon)
                reminders.Add(new Reminder(Area, ReminderLevel.Yellow, $"{n.DocumentNumber}（{n.RecipientName}）：整改期限{due}，{n.ToDo} 项未报送", link));
            if (oversees && n.Waiting > 0)
                reminders.Add(new Reminder(Area, ReminderLevel.Yellow, $"{n.DocumentNumber}（{n.RecipientName}）：{n.Waiting} 项整改情况待核验", link));
        }
        return reminders;
    }
}
