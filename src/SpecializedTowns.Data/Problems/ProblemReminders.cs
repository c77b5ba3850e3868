using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Problems;

/// <summary>
/// What the problem ledger asks of a person: the office to accept new problems and to act on overdue ones
/// (they escalate to it), the lead unit to handle and answer, the raiser to confirm an answered problem. A leader, who reads
/// only, hears of the overdue ones: they are what the leadership is to press (垣政办发〔2023〕19号 五（四） 通报批评和约谈,
/// 新政办发〔2023〕33号 四（五） 督办).
/// </summary>
public static class ProblemReminders
{
    /// <summary>Problems listed one by one, the overdue first; the rest are one reminder that counts them.</summary>
    public const int Listed = 50;

    private sealed record Row(int Id, string Title, ProblemState State, DateOnly? Deadline, int? LeadUnitId, DateTime? UrgedAtUtc);

    private static int UnitOf(UserScope scope) => scope.Role == Roles.MemberUnit ? scope.UnitId ?? -1 : -1;

    /// <summary>The problems that ask something of the person: the office hears of one in a unit's hands only once it is late.</summary>
    private static async Task<IQueryable<Problem>> DueAsync(ProblemService problems, UserScope scope, CancellationToken ct)
    {
        var today = problems.Today;
        var office = scope.Role is Roles.Admin or Roles.Office;
        var leader = scope.Role == Roles.Leader;
        var unit = UnitOf(scope);
        var me = scope.UserId;
        return (await problems.VisibleAsync(scope, ct)).AsNoTracking()
            .Where(p => (office && p.State == ProblemState.Registered)
                        || (leader && p.Deadline < today && (p.State == ProblemState.Registered || p.State == ProblemState.Accepted || p.State == ProblemState.Handling))
                        || ((p.LeadUnitId == unit || office && p.Deadline < today) && (p.State == ProblemState.Accepted || p.State == ProblemState.Handling))
                        || (p.RaisedByUserId == me && p.State == ProblemState.Answered));
    }

    /// <summary>
    /// How many problems <see cref="ForAsync"/> stands for (one reminder each), no more than <paramref name="upTo"/>. Over a
    /// city or the province the count stops there rather than reading thousands. In one county it is counted whole: PostgreSQL
    /// took the LIMIT for a promise of early matches and scanned every problem for a county's 95, where without it the two
    /// indexes of the scope give them (national data: 4.6 → 1.0 ms).
    /// </summary>
    public static async Task<int> CountAsync(ProblemService problems, UserScope scope, int upTo, CancellationToken ct)
    {
        var due = await DueAsync(problems, scope, ct);
        return scope.SpansCounties ? await due.Take(upTo).CountAsync(ct) : Math.Min(await due.CountAsync(ct), upTo);
    }

    /// <param name="listed">How many to list one by one (<see cref="Listed"/>); with 0, all are one reminder that counts them.</param>
    public static async Task<IReadOnlyList<Reminder>> ForAsync(ProblemService problems, UserScope scope, CancellationToken ct, int listed = Listed)
    {
        var today = problems.Today;
        var unit = UnitOf(scope);
        var leader = scope.Role == Roles.Leader;
        var due = await DueAsync(problems, scope, ct);
        // Counted and the most urgent read in the database: a province office has thousands open. Late (red) first, each by deadline.
        var counts = await due.GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Late = g.Count(p => p.Deadline < today && p.State != ProblemState.Answered) })
            .SingleOrDefaultAsync(ct);
        if (counts is null) return [];
        List<Row> rows = listed == 0 ? [] : await due
            .OrderBy(p => p.Deadline < today && p.State != ProblemState.Answered ? 0 : 1).ThenBy(p => p.Deadline == null).ThenBy(p => p.Deadline).ThenBy(p => p.Id)
            .Take(listed).Select(p => new Row(p.Id, p.Title, p.State, p.Deadline, p.LeadUnitId,
                // The office's latest 督办, read for the listed few only: it is how the lead unit hears of it.
                p.Events.Where(e => e.Action == Problem.UrgeAction).Max(e => (DateTime?)e.AtUtc))).ToListAsync(ct);

        var reminders = new List<Reminder>(rows.Count + 1);
        foreach (var p in rows)
        {
            var overdue = p.Deadline is { } d && d < today ? ProblemDeadline.DaysOverdue(d, today) : 0;
            var level = overdue > 0 ? ReminderLevel.Red : ReminderLevel.Yellow;
            var link = $"/Problems/Detail/{p.Id}";
            var urged = p.UrgedAtUtc is { } u ? ProblemDeadline.ChinaDate(u) : (DateOnly?)null;
            var urgedText = urged is { } on ? $"领导小组办公室已于 {on.Month}月{on.Day}日 督办，" : "";
            reminders.Add(p.State switch
            {
                // What the leader reads: how late, and whether the office has pressed; nothing asked of it.
                _ when leader => new Reminder("问题台账", ReminderLevel.Red, p.State == ProblemState.Registered
                    ? $"{p.Title}：逾期 {overdue} 天未受理"
                    : urged is { } pressed ? $"{p.Title}：逾期 {overdue} 天未答复，领导小组办公室已于 {pressed.Month}月{pressed.Day}日 督办" : $"{p.Title}：逾期 {overdue} 天未答复", link),
                ProblemState.Registered => new Reminder("问题台账", level, $"{p.Title}：待受理", link),
                ProblemState.Answered => new Reminder("问题台账", ReminderLevel.Yellow, $"{p.Title}：已答复，请确认是否解决", link),
                // A problem the office has pressed is red for the lead unit whether or not it is late yet.
                _ when p.LeadUnitId == unit && unit > 0 => new Reminder("问题台账", urged is null ? level : ReminderLevel.Red,
                    overdue > 0 ? $"{p.Title}：已逾期 {overdue} 天，{urgedText}请尽快办理答复" : $"{p.Title}：{urgedText}请办理并答复", link),
                _ => new Reminder("问题台账", ReminderLevel.Red,
                    urged is { } last ? $"{p.Title}：逾期 {overdue} 天未答复，已于 {last.Month}月{last.Day}日 督办" : $"{p.Title}：逾期 {overdue} 天未答复，请督办", link),
            });
        }
        if (counts.All <= rows.Count) return reminders;

        // The rest in one reminder that counts them and links to the ledger.
        var rest = counts.All - rows.Count;
        var late = counts.Late - rows.Count(p => p.Deadline < today && p.State != ProblemState.Answered);
        var text = leader ? $"另有 {rest:N0} 个问题逾期未答复，请在问题台账“已逾期”中查看"
            : late > 0 ? $"另有 {rest:N0} 个问题待办（其中 {late:N0} 个已逾期），请在问题台账中查看" : $"另有 {rest:N0} 个问题待办，请在问题台账中查看";
        var ledger = unit > 0 ? $"/Problems?unitId={unit}" : leader ? "/Problems?tab=overdue" : "/Problems";
        reminders.Add(new Reminder("问题台账", late > 0 ? ReminderLevel.Red : ReminderLevel.Yellow, text, ledger, rest));
        return reminders;
    }
}
