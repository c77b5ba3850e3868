using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Problems;

/// <summary>
/// What the problem ledger asks of a person: the office to accept new problems and to act on overdue ones
/// (they escalate to it), the lead unit to handle and answer, the raiser to confirm an answered problem.
/// </summary>
public static class ProblemReminders
{
    /// <summary>Problems listed one by one, the overdue first; the rest are one reminder that counts them.</summary>
    public const int Listed = 50;

    public static async Task<IReadOnlyList<Reminder>> ForAsync(ProblemService problems, UserScope scope, CancellationToken ct)
    {
        var today = problems.Today;
        var office = scope.Role is Roles.Admin or Roles.Office;
        var unit = scope.Role == Roles.MemberUnit ? scope.UnitId ?? -1 : -1;
        var me = scope.UserId;
        var rows = await problems.Visible(scope).AsNoTracking()
            .Where(p => (office && p.State == ProblemState.Registered)
                        || ((office || p.LeadUnitId == unit) && (p.State == ProblemState.Accepted || p.State == ProblemState.Handling))
                        || (p.RaisedByUserId == me && p.State == ProblemState.Answered))
            .OrderBy(p => p.Deadline).Select(p => new { p.Id, p.Title, p.State, p.Deadline, p.LeadUnitId, p.RaisedByUserId }).ToListAsync(ct);

        var reminders = new List<Reminder>();
        foreach (var p in rows)
        {
            var overdue = p.Deadline is { } d && d < today ? ProblemDeadline.DaysOverdue(d, today) : 0;
            var link = $"/Problems/Detail/{p.Id}";
            switch (p.State)
            {
                case ProblemState.Registered:
                    reminders.Add(new Reminder("问题台账", overdue > 0 ? ReminderLevel.Red : ReminderLevel.Yellow, $"{p.Title}：待受理", link));
                    break;
                case ProblemState.Accepted or ProblemState.Handling when p.LeadUnitId == unit && unit > 0:
                    reminders.Add(new Reminder("问题台账", overdue > 0 ? ReminderLevel.Red : ReminderLevel.Yellow,
                        overdue > 0 ? $"{p.Title}：已逾期 {overdue} 天，请尽快办理答复" : $"{p.Title}：请办理并答复", link));
                    break;
                case ProblemState.Accepted or ProblemState.Handling when overdue > 0:
                    // The office hears of a problem in someone else's hands only once it is late.
                    reminders.Add(new Reminder("问题台账", ReminderLevel.Red, $"{p.Title}：逾期 {overdue} 天未答复，请督办", link));
                    break;
                case ProblemState.Answered:
                    reminders.Add(new Reminder("问题台账", ReminderLevel.Yellow, $"{p.Title}：已答复，请确认是否解决", link));
                    break;
            }
        }
        if (reminders.Count <= Listed) return reminders;

        // Listed one by one up to Listed, the late ones first (each group already by deadline); the rest in one reminder.
        var ordered = reminders.OrderBy(r => r.Level == ReminderLevel.Red ? 0 : 1).ToList();
        var rest = ordered.Skip(Listed).ToList();
        var late = rest.Count(r => r.Level == ReminderLevel.Red);
        var text = late > 0 ? $"另有 {rest.Count:N0} 个问题待办（其中 {late:N0} 个已逾期），请在问题台账中查看" : $"另有 {rest.Count:N0} 个问题待办，请在问题台账中查看";
        var ledger = unit > 0 ? $"/Problems?unitId={unit}" : "/Problems";
        return [.. ordered.Take(Listed), new Reminder("问题台账", late > 0 ? ReminderLevel.Red : ReminderLevel.Yellow, text, ledger, rest.Count)];
    }
}
