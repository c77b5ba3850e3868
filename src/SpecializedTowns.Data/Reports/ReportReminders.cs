using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Reports;

public enum ReminderKind
{
    /// <summary>Due within the reminder days (or reopened) and not yet submitted.</summary>
    DueSoon = 1,

    /// <summary>Sent back by the office: to be corrected and submitted again.</summary>
    Returned = 2,

    /// <summary>The last closed month passed its due date without a report.</summary>
    Missing = 3,

    /// <summary>Submitted and waiting for the office to accept or return it.</summary>
    AwaitingAcceptance = 4,
}

public sealed record ReportReminder(ReminderKind Kind, int TaskForceId, string Town, ReportMonth Month, DateOnly? Deadline, int? ReportId, string Text)
{
    public string Url => $"/Reports/Report/{TaskForceId}/{Month.Year}/{Month.Month}";
}

/// <summary>
/// In-app reminders about monthly reports for one person (the header's notification centre shows them): what they must
/// write soon, what came back to them, what is missing, and — for the office — what waits for its acceptance.
/// </summary>
public static class ReportReminders
{
    public static async Task<IReadOnlyList<ReportReminder>> ForAsync(TownsDbContext db, UserScope scope, DateOnly today, ReportSettings settings, CancellationToken ct = default)
    {
        var forces = await ReportScope.TaskForces(db, scope).AsNoTracking().Include(f => f.Town).Include(f => f.County).Include(f => f.Units).ToListAsync(ct);
        if (forces.Count == 0) return [];
        var ids = forces.Select(f => f.Id).ToList();
        var thisMonth = ReportMonth.Of(today);
        var lastClosed = ReportDeadline.LastClosed(today, settings);
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => ids.Contains(r.TaskForceId) && (r.State != ReportState.Accepted
                || r.Year * 12 + r.Month - 1 >= lastClosed.Index && r.Year * 12 + r.Month - 1 <= thisMonth.Index))
            .ToListAsync(ct);
        var byForce = reports.ToLookup(r => r.TaskForceId);
        var reminders = new List<ReportReminder>();
        foreach (var force in forces.OrderBy(f => f.Town!.Name, StringComparer.Ordinal))
        {
            var town = force.Town!.Name;
            var mine = byForce[force.Id];
            var writes = ReportScope.CanWrite(scope, force);
            var owedFrom = ReportMonth.Of(force.ReportsFrom);

            if (writes)
            {
                foreach (var month in new[] { thisMonth.Previous, thisMonth }.Where(m => m >= owedFrom))
                {
                    var report = mine.SingleOrDefault(r => r.Period == month);
                    var due = ReportDeadline.DueOn(month, settings);
                    var days = due.DayNumber - today.DayNumber;
                    if (report is { State: ReportState.Returned }) continue;
                    if (days >= 0 && days <= settings.ReminderDays && (report is null || report.State == ReportState.Draft))
                        reminders.Add(new(ReminderKind.DueSoon, force.Id, town, month, due, report?.Id,
                            $"{town}{month.Chinese}月报{(days == 0 ? "今天截止" : $"还有 {days} 天截止")}（{ReportDeadline.Chinese(due)}），尚未报送"));
                }
                foreach (var report in mine.Where(r => r.State == ReportState.Draft && r.ReopenedUntil is { } u && u >= today && today > ReportDeadline.DueOn(r.Period, settings)))
                    reminders.Add(new(ReminderKind.DueSoon, force.Id, town, report.Period, report.ReopenedUntil, report.Id,
                        $"{town}{report.Period.Chinese}月报已重新开放，请于 {ReportDeadline.Chinese(report.ReopenedUntil!.Value)} 前报送"));
                foreach (var report in mine.Where(r => r.State == ReportState.Returned))
                    reminders.Add(new(ReminderKind.Returned, force.Id, town, report.Period, report.ReopenedUntil, report.Id,
                        $"{town}{report.Period.Chinese}月报被退回修改" + (report.ReopenedUntil is { } until ? $"，请于 {ReportDeadline.Chinese(until)} 前重新报送" : "")));
            }

            if (lastClosed >= owedFrom)
            {
                var closed = mine.SingleOrDefault(r => r.Period == lastClosed);
                var reopened = closed?.ReopenedUntil is { } until && until >= today;
                if (closed?.FirstSubmittedAtUtc is null && !reopened)
                    reminders.Add(new(ReminderKind.Missing, force.Id, town, lastClosed, ReportDeadline.DueOn(lastClosed, settings), closed?.Id,
                        $"{town}{lastClosed.Chinese}月报缺报（{ReportDeadline.Chinese(ReportDeadline.DueOn(lastClosed, settings))} 截止）"));
            }

            // Only the county's office reviews; offices above read the reports without being asked to act on them.
            if (ReportScope.CanManage(scope, force))
                foreach (var report in mine.Where(r => r.State == ReportState.Submitted).OrderBy(r => r.SubmittedAtUtc))
                    reminders.Add(new(ReminderKind.AwaitingAcceptance, force.Id, town, report.Period, null, report.Id,
                        $"{town}{report.Period.Chinese}月报已报送，等待审核"));
        }
        return reminders.OrderByDescending(r => r.Kind == ReminderKind.Missing).ThenBy(r => r.Deadline ?? DateOnly.MaxValue).ThenBy(r => r.Town, StringComparer.Ordinal).ToList();
    }
}
