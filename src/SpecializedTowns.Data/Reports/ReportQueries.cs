using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Projects;

namespace SpecializedTowns.Data.Reports;

/// <summary>One task force in a month: whether and when it reported, and how many figures were flagged.</summary>
public sealed record MonthRow(
    int TaskForceId, int TownId, string Town, string County, IReadOnlyList<string> LeadUnits, IReadOnlyList<int> LeadUnitIds, ReportMonth Month, DateOnly DueOn,
    int? ReportId, ReportState? State, Timeliness Timeliness, DateTime? FirstSubmittedAtUtc, DateTime? SubmittedAtUtc, DateTime? AcceptedAtUtc,
    DateOnly? ReopenedUntil, bool Open, IReadOnlyList<FigureFlag> Flags)
{
    /// <summary>The path of the task force's county, whose office alone manages it (<see cref="ReportScope.CanManage(UserScope, string)"/>).</summary>
    public string CountyPath { get; init; } = "";

    /// <summary>The state as a person reads it: 未填报 when nothing was started.</summary>
    public string StateName => State is { } s ? ReportStates.Chinese(s) : "未填报";
}

public sealed record MonthOverview(ReportMonth Month, DateOnly DueOn, IReadOnlyList<MonthRow> Rows)
{
    public MonthCounts Counts => MonthCounts.Of(Rows.Select(r => (r.State, r.Timeliness)).ToList());
    public int Submitted => Counts.Submitted;
    public int Accepted => Counts.Accepted;
    public int Late => Counts.Late;
    public int Missing => Counts.Missing;
    public int Drafts => Counts.Drafts;
}

/// <summary>A month's task forces counted by how their reports stand: the badges above the 专班月报 list, whichever page it shows.</summary>
public sealed record MonthCounts(int Total, int Submitted, int Accepted, int Late, int Missing, int Drafts)
{
    public static MonthCounts Of(IReadOnlyCollection<(ReportState? State, Timeliness Timeliness)> rows) => new(rows.Count,
        rows.Count(r => r.State == ReportState.Submitted), rows.Count(r => r.State == ReportState.Accepted),
        rows.Count(r => r.Timeliness == Timeliness.Late), rows.Count(r => r.Timeliness == Timeliness.Missing),
        rows.Count(r => r.State is ReportState.Draft or ReportState.Returned));
}

public sealed record ReportFilter
{
    public int? Year { get; init; }
    public int? Month { get; init; }
    public int? TownId { get; init; }
    public ReportState? State { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record ReportListItem(
    int Id, int TaskForceId, int TownId, string Town, string County, int Year, int Month, ReportState State, Timeliness Timeliness, DateOnly DueOn,
    DateTime? FirstSubmittedAtUtc, DateTime? SubmittedAtUtc, DateTime? AcceptedAtUtc, DateOnly? ReopenedUntil, FigureValues Figures);

/// <summary>A key project of the town and what was reported on it for the month ("progress on its tasks and projects").</summary>
public sealed record ProjectMonth(int ProjectId, string Name, ProjectStage Stage, decimal? InvestmentCompletedWanYuan, string? PhysicalProgress, string? Difficulties, string? ReportedBy);

public static class ReportQueries
{
    /// <summary>Every task force in scope that owes a report for the month, with its report's state, timeliness and flags.</summary>
    public static async Task<MonthOverview> MonthAsync(TownsDbContext db, UserScope scope, ReportMonth month, DateOnly today, ReportSettings settings, int? taskForceId = null, CancellationToken ct = default)
    {
        var forces = Owing(db, scope, month);
        if (taskForceId is { } only) forces = forces.Where(f => f.Id == only);
        var list = await WithNames(Ordered(forces)).ToListAsync(ct);
        return new MonthOverview(month, ReportDeadline.DueOn(month, settings), await RowsAsync(db, list, [month], today, settings, ct));
    }

    /// <summary>
    /// One page of the month's list (<see cref="MonthAsync"/>'s order) and the counts of the whole month: at province scale
    /// 300 task forces, each read with its units and flags checked, where a page shows 20. The counts read only each
    /// report's state and first submission.
    /// </summary>
    public static async Task<(MonthCounts Counts, Paged<MonthRow> Page)> MonthPageAsync(TownsDbContext db, UserScope scope, ReportMonth month, DateOnly today,
        ReportSettings settings, int page, int pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paged<MonthRow>.Normalize(page, pageSize);
        var forces = Owing(db, scope, month);
        var total = await forces.CountAsync(ct);
        var (year, number) = (month.Year, month.Month);
        var reported = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.Year == year && r.Month == number && forces.Select(f => f.Id).Contains(r.TaskForceId))
            .Select(r => new { r.State, r.FirstSubmittedAtUtc }).ToListAsync(ct);
        var notStarted = ReportDeadline.Classify(month, null, today, settings);
        var counts = MonthCounts.Of(reported.Select(r => ((ReportState?)r.State, ReportDeadline.Classify(month, r.FirstSubmittedAtUtc, today, settings)))
            .Concat(Enumerable.Repeat(((ReportState?)null, notStarted), Math.Max(0, total - reported.Count))).ToList());
        var list = await WithNames(Ordered(forces)).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return (counts, new Paged<MonthRow>(await RowsAsync(db, list, [month], today, settings, ct), total, p, size));
    }

    private static IQueryable<TaskForce> Owing(TownsDbContext db, UserScope scope, ReportMonth month)
    {
        var first = month.FirstDay;
        return ReportScope.TaskForces(db, scope).AsNoTracking().Where(f => f.ReportsFrom <= first);
    }

    // The counties in their official order, the towns by name within each: the same order on every page and in the export.
    private static IQueryable<TaskForce> Ordered(IQueryable<TaskForce> forces) =>
        forces.OrderByCounty(f => f.County).ThenBy(f => f.Town!.Name).ThenBy(f => f.Id);

    private static IQueryable<TaskForce> WithNames(IQueryable<TaskForce> forces) =>
        forces.Include(f => f.Town).Include(f => f.County).Include(f => f.Units).ThenInclude(u => u.Unit).AsSplitQuery();

    /// <summary>A task force's months from its first owed month (at most two years back) to the current one, newest first.</summary>
    public static async Task<IReadOnlyList<MonthRow>> HistoryAsync(TownsDbContext db, TaskForce force, DateOnly today, ReportSettings settings, CancellationToken ct = default)
    {
        var now = ReportMonth.Of(today);
        var from = ReportMonth.Of(force.ReportsFrom);
        if (from.Index < now.Index - 23) from = ReportMonth.Of(now.FirstDay.AddMonths(-23));
        var months = new List<ReportMonth>();
        for (var m = now; m >= from; m = m.Previous) months.Add(m);
        return await RowsAsync(db, [force], months, today, settings, ct);
    }

    private static async Task<List<MonthRow>> RowsAsync(TownsDbContext db, IReadOnlyList<TaskForce> forces, IReadOnlyList<ReportMonth> months, DateOnly today, ReportSettings settings, CancellationToken ct)
    {
        if (forces.Count == 0 || months.Count == 0) return [];
        var ids = forces.Select(f => f.Id).ToList();
        // From January of the earliest month's year (or the month before a January): a month is compared with the latest
        // reported before it in its year when months in between were missed (PreviousReport.Latest).
        var lowest = PreviousReport.SearchFrom(months.Min());
        var highest = months.Max();
        var (lo, hi) = (lowest.Index, highest.Index);
        // Year * 12 + Month - 1 is the month index: one range condition fetches the months and the ones before them.
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => ids.Contains(r.TaskForceId) && r.Year * 12 + r.Month - 1 >= lo && r.Year * 12 + r.Month - 1 <= hi)
            .ToListAsync(ct);
        var byKey = reports.ToDictionary(r => (r.TaskForceId, r.Period));
        var reported = reports.Where(r => ReportStates.IsReported(r.State)).ToLookup(r => r.TaskForceId, r => new PreviousReport(r.Period, r.Figures));
        var townIds = forces.Select(f => f.SpecializedTownId).Distinct().ToList();
        var enterprises = await db.Enterprises.Where(e => e.SpecializedTownId != null && townIds.Contains(e.SpecializedTownId.Value))
            .GroupBy(e => e.SpecializedTownId!.Value).Select(g => new { Town = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Town, g => g.Count, ct);
        var rows = new List<MonthRow>();
        foreach (var force in forces)
            foreach (var month in months)
            {
                var report = byKey.GetValueOrDefault((force.Id, month));
                var flags = report is null ? [] : ReportPlausibility.Check(month, report.Figures,
                    PreviousReport.Latest(month, reported[force.Id]), settings.OutputDropShare, settings.OutputRiseFactor, enterprises.GetValueOrDefault(force.SpecializedTownId));
                rows.Add(new MonthRow(force.Id, force.SpecializedTownId, force.Town?.Name ?? "", force.County?.Name ?? "",
                    force.Units.Where(u => u.Role == TaskForceRole.Lead).Select(u => u.Unit?.Name ?? "").ToList(), force.UnitIds(TaskForceRole.Lead).ToList(),
                    month, ReportDeadline.DueOn(month, settings),
                    report?.Id, report?.State, ReportDeadline.Classify(month, report?.FirstSubmittedAtUtc, today, settings),
                    report?.FirstSubmittedAtUtc, report?.SubmittedAtUtc, report?.AcceptedAtUtc, report?.ReopenedUntil,
                    ReportDeadline.IsOpen(month, today, report?.ReopenedUntil, settings), flags) { CountyPath = force.County?.Path ?? "" });
            }
        return rows;
    }

    public static async Task<Paged<ReportListItem>> ListAsync(TownsDbContext db, UserScope scope, ReportFilter f, DateOnly today, ReportSettings settings, CancellationToken ct = default)
    {
        var (page, size) = Paged<ReportListItem>.Normalize(f.Page, f.PageSize);
        var q = ReportScope.Reports(db, scope).AsNoTracking();
        if (f.Year is { } year) q = q.Where(r => r.Year == year);
        if (f.Month is { } month) q = q.Where(r => r.Month == month);
        if (f.TownId is { } town) q = q.Where(r => r.TaskForce!.SpecializedTownId == town);
        if (f.State is { } state) q = q.Where(r => r.State == state);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).ThenBy(r => r.TaskForce!.Town!.Name).ThenBy(r => r.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new { Report = r, TownId = r.TaskForce!.SpecializedTownId, Town = r.TaskForce.Town!.Name, County = r.TaskForce.County!.Name })
            .ToListAsync(ct);
        return new Paged<ReportListItem>(rows.Select(x =>
        {
            var r = x.Report;
            return new ReportListItem(r.Id, r.TaskForceId, x.TownId, x.Town, x.County, r.Year, r.Month, r.State,
                ReportDeadline.Classify(r.Period, r.FirstSubmittedAtUtc, today, settings), ReportDeadline.DueOn(r.Period, settings),
                r.FirstSubmittedAtUtc, r.SubmittedAtUtc, r.AcceptedAtUtc, r.ReopenedUntil, r.Figures);
        }).ToList(), total, page, size);
    }

    /// <summary>The town's key projects the person sees, with what was reported on each for the month (null where nothing was).</summary>
    public static async Task<IReadOnlyList<ProjectMonth>> ProjectsAsync(TownsDbContext db, UserScope scope, int townId, ReportMonth month, CancellationToken ct = default)
    {
        var projects = await ProjectScope.Projects(db, scope).AsNoTracking().Where(p => p.SpecializedTownId == townId)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Stage }).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var progress = await db.ProjectProgress.AsNoTracking().Where(p => ids.Contains(p.ProjectId) && p.Year == month.Year && p.Month == month.Month)
            .ToDictionaryAsync(p => p.ProjectId, ct);
        return projects.Select(p =>
        {
            var row = progress.GetValueOrDefault(p.Id);
            return new ProjectMonth(p.Id, p.Name, p.Stage, row?.InvestmentCompletedWanYuan, row?.PhysicalProgress, row?.Difficulties, row?.ReportedBy);
        }).ToList();
    }
}
