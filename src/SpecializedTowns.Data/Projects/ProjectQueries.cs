using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Projects;

public sealed record ProjectFilter
{
    public string? Search { get; init; }
    public int? TownId { get; init; }
    public ProjectStage? Stage { get; init; }
    public ProjectKind? Kind { get; init; }
    public ProjectRole? Role { get; init; }
    public int? UnitId { get; init; }

    /// <summary>Only projects with a warning at least this level.</summary>
    public WarningLevel? Warning { get; init; }

    public string Sort { get; init; } = "warning";
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record ProjectListItem(
    int Id, string Name, int TownId, string Town, string County, string Owner, ProjectKind Kind, ProjectRole Role,
    decimal TotalInvestmentWanYuan, decimal AnnualPlannedInvestmentWanYuan, decimal CompletedInPlanYearWanYuan, int PlanYear,
    ProjectStage Stage, DateOnly? NextPlannedOn, string? Unit, WarningLevel Warning, IReadOnlyList<ProjectWarning> Warnings);

public sealed record ProjectSummary(
    IReadOnlyList<(ProjectStage Stage, int Projects, decimal InvestmentWanYuan)> Funnel,
    int Year, IReadOnlyList<(int Month, decimal PlannedWanYuan, decimal? CompletedWanYuan)> Investment,
    int Red, int Yellow);

public static class ProjectQueries
{
    private sealed record Row(
        int Id, string Name, int TownId, string Town, string County, string Owner, ProjectKind Kind, ProjectRole Role,
        decimal Total, decimal Annual, int PlanYear, ProjectStage Stage, string? Unit,
        DateOnly? PlannedSignedOn, DateOnly? PlannedStartOn, DateOnly? PlannedProductionOn, DateOnly? PlannedTargetOn);

    private static IQueryable<KeyProject> Filtered(TownsDbContext db, UserScope scope, ProjectFilter f)
    {
        var q = ProjectScope.Projects(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim();
            q = q.Where(p => p.Name.Contains(s) || p.OwnerName.Contains(s));
        }
        if (f.TownId is { } town) q = q.Where(p => p.SpecializedTownId == town);
        if (f.Stage is { } stage) q = q.Where(p => p.Stage == stage);
        if (f.Kind is { } kind) q = q.Where(p => p.Kind == kind);
        if (f.Role is { } role) q = q.Where(p => p.Role == role);
        if (f.UnitId is { } unit) q = q.Where(p => p.ResponsibleUnitId == unit);
        return q;
    }

    public static async Task<Paged<ProjectListItem>> ListAsync(TownsDbContext db, UserScope scope, ProjectFilter f, DateOnly today,
        ProjectWarningSettings settings, CancellationToken ct = default)
    {
        var filtered = Filtered(db, scope, f);
        var warned = f.Warning is not null || f.Sort == "warning" ? await WarningsAsync(db, filtered, today, settings, ct) : null;
        return await ListAsync(db, filtered, f, today, settings, warned, ct);
    }

    /// <summary>The library page: its list and its summary, sharing one reading of every matching project's warning.</summary>
    public static async Task<(Paged<ProjectListItem> List, ProjectSummary Summary)> LibraryAsync(TownsDbContext db, UserScope scope, ProjectFilter f,
        DateOnly today, ProjectWarningSettings settings, CancellationToken ct = default)
    {
        // The warning filter is applied to the computed levels, not in SQL: the summary's projects are the same query.
        var filtered = Filtered(db, scope, f);
        var warned = await WarningsAsync(db, filtered, today, settings, ct);
        var list = await ListAsync(db, filtered, f, today, settings, warned, ct);
        return (list, await SummaryAsync(db, filtered, today, warned, ct));
    }

    private static async Task<Paged<ProjectListItem>> ListAsync(TownsDbContext db, IQueryable<KeyProject> filtered, ProjectFilter f, DateOnly today,
        ProjectWarningSettings settings, List<Warned>? warned, CancellationToken ct)
    {
        var (page, size) = f.PageSize == int.MaxValue ? (1, int.MaxValue) : Paged<ProjectListItem>.Normalize(f.Page, f.PageSize);
        static IQueryable<Row> Rows(IQueryable<KeyProject> q) => q.Select(p => new Row(p.Id, p.Name, p.SpecializedTownId, p.Town!.Name, p.County!.Name, p.OwnerName,
            p.Kind, p.Role, p.TotalInvestmentWanYuan, p.AnnualPlannedInvestmentWanYuan, p.PlanYear, p.Stage, p.ResponsibleUnit!.Name,
            p.PlannedSignedOn, p.PlannedStartOn, p.PlannedProductionOn, p.PlannedTargetOn));
        var rows = Rows(filtered);

        // Warnings are computed, not stored (they move with the date): sorting or filtering by them needs the warnings of
        // every matching project, worked out from a lean read; the full rows are then read for the page only.
        List<Row> selected; int total;
        Dictionary<int, decimal> completed;
        if (f.Warning is not null || f.Sort == "warning")
        {
            var all = warned ?? throw new ArgumentNullException(nameof(warned));
            var matching = all.Where(w => f.Warning is not { } level || w.Level >= level)
                .OrderByDescending(w => w.Level).ThenBy(w => w.NextPlannedOn ?? DateOnly.MaxValue).ThenBy(w => w.Id).ToList();
            total = matching.Count;
            var pageIds = matching.Skip((page - 1) * size).Take(size).Select(w => w.Id).ToList();
            var order = pageIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            // Every page at once (reminders, export) reads the rows of the query rather than sending thousands of ids back.
            var read = size == int.MaxValue ? await rows.ToListAsync(ct) : await Rows(filtered.Where(p => pageIds.Contains(p.Id))).ToListAsync(ct);
            selected = read.Where(r => order.ContainsKey(r.Id)).OrderBy(r => order[r.Id]).ToList();
            completed = all.Where(w => order.ContainsKey(w.Id)).ToDictionary(w => w.Id, w => w.Completed);
        }
        else
        {
            total = await rows.CountAsync(ct);
            var sorted = f.Sort switch
            {
                "investment" => rows.OrderByDescending(r => r.Total).ThenBy(r => r.Id),
                "stage" => rows.OrderBy(r => r.Stage).ThenBy(r => r.Id),
                "town" => rows.OrderBy(r => r.Town).ThenBy(r => r.Id),
                _ => rows.OrderBy(r => r.Name).ThenBy(r => r.Id),
            };
            selected = await sorted.Skip((page - 1) * size).Take(size).ToListAsync(ct);
            completed = await CompletedAsync(db, selected.Select(r => (r.Id, r.PlanYear)).ToList(), ct);
        }

        var items = selected.Select(r =>
        {
            var project = new KeyProject
            {
                Id = r.Id, Stage = r.Stage, Kind = r.Kind, PlanYear = r.PlanYear, AnnualPlannedInvestmentWanYuan = r.Annual,
                PlannedSignedOn = r.PlannedSignedOn, PlannedStartOn = r.PlannedStartOn, PlannedProductionOn = r.PlannedProductionOn, PlannedTargetOn = r.PlannedTargetOn,
            };
            var done = completed.GetValueOrDefault(r.Id);
            var warnings = ProjectWarnings.For(project, done, today, settings);
            return new ProjectListItem(r.Id, r.Name, r.TownId, r.Town, r.County, r.Owner, r.Kind, r.Role, r.Total, r.Annual, done, r.PlanYear,
                r.Stage, NextPlannedOn(project), r.Unit, ProjectWarnings.LevelOf(warnings), warnings);
        }).ToList();
        return new Paged<ProjectListItem>(items, total, page, size);
    }

    private static DateOnly? NextPlannedOn(KeyProject p) => ProjectTerms.Milestones.Where(s => s > p.Stage).Select(p.PlannedOn).FirstOrDefault(d => d is not null);

    private sealed record Warned(int Id, WarningLevel Level, DateOnly? NextPlannedOn, decimal Completed);

    /// <summary>
    /// The warning level of every project of the query, from only what warnings need: the dates, the stage, the annual plan
    /// and the plan year's completed investment (read joined to the projects, not through a list of ids).
    /// </summary>
    private static async Task<List<Warned>> WarningsAsync(TownsDbContext db, IQueryable<KeyProject> q, DateOnly today,
        ProjectWarningSettings settings, CancellationToken ct)
    {
        var projects = await q.AsNoTracking().Select(p => new KeyProject
        {
            Id = p.Id, Stage = p.Stage, Kind = p.Kind, PlanYear = p.PlanYear, AnnualPlannedInvestmentWanYuan = p.AnnualPlannedInvestmentWanYuan,
            PlannedSignedOn = p.PlannedSignedOn, PlannedStartOn = p.PlannedStartOn, PlannedProductionOn = p.PlannedProductionOn, PlannedTargetOn = p.PlannedTargetOn,
        }).ToListAsync(ct);
        // Summed in the database as doubles (SQLite cannot sum decimals) and rounded back to the cent: amounts carry two
        // decimals, far inside a double's precision, and this avoids reading every month of every project.
        var completed = (await (
                from g in db.ProjectProgress.AsNoTracking()
                join p in q on g.ProjectId equals p.Id
                where g.Year == p.PlanYear
                group (double)g.InvestmentCompletedWanYuan by g.ProjectId into m
                select new { ProjectId = m.Key, Sum = m.Sum() }).ToListAsync(ct))
            .ToDictionary(r => r.ProjectId, r => Math.Round((decimal)r.Sum, 2));
        return projects.Select(p =>
        {
            var done = completed.GetValueOrDefault(p.Id);
            return new Warned(p.Id, ProjectWarnings.LevelFor(p, done, today, settings), NextPlannedOn(p), done);
        }).ToList();
    }

    /// <summary>Investment completed within each project's plan year. Summed here: SQLite cannot sum decimals in SQL.</summary>
    public static async Task<Dictionary<int, decimal>> CompletedAsync(TownsDbContext db, IReadOnlyList<(int Id, int PlanYear)> projects, CancellationToken ct)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var years = projects.ToDictionary(p => p.Id, p => p.PlanYear);
        var rows = await db.ProjectProgress.AsNoTracking().Where(p => ids.Contains(p.ProjectId))
            .Select(p => new { p.ProjectId, p.Year, p.InvestmentCompletedWanYuan }).ToListAsync(ct);
        return rows.Where(r => r.Year == years[r.ProjectId]).GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.Sum(r => r.InvestmentCompletedWanYuan));
    }

    /// <summary>The stage funnel of the filtered library, and the year's investment month by month, planned against completed (both cumulative).</summary>
    public static async Task<ProjectSummary> SummaryAsync(TownsDbContext db, UserScope scope, ProjectFilter f, DateOnly today,
        ProjectWarningSettings settings, CancellationToken ct = default)
    {
        var q = Filtered(db, scope, f);
        return await SummaryAsync(db, q, today, await WarningsAsync(db, q, today, settings, ct), ct);
    }

    private static async Task<ProjectSummary> SummaryAsync(TownsDbContext db, IQueryable<KeyProject> q, DateOnly today, List<Warned> warned, CancellationToken ct)
    {
        // Grouped in the database (sums as doubles, rounded back to the cent: SQLite cannot sum decimals).
        var stages = (await q.GroupBy(p => p.Stage).Select(g => new { Stage = g.Key, Count = g.Count(), Sum = g.Sum(p => (double)p.TotalInvestmentWanYuan) }).ToListAsync(ct))
            .ToDictionary(x => x.Stage);
        var funnel = ProjectTerms.Stages.Select(s => stages.TryGetValue(s, out var x) ? (s, x.Count, Math.Round((decimal)x.Sum, 2)) : (s, 0, 0m)).ToList();

        var year = today.Year;
        var planned = Math.Round((decimal)(await q.Where(p => p.PlanYear == year).SumAsync(p => (double)p.AnnualPlannedInvestmentWanYuan, ct)), 2);
        var monthly = (await (
                from g in db.ProjectProgress.AsNoTracking()
                join p in q on g.ProjectId equals p.Id
                where g.Year == year
                group (double)g.InvestmentCompletedWanYuan by g.Month into m
                select new { Month = m.Key, Sum = m.Sum() }).ToListAsync(ct))
            .ToDictionary(m => m.Month, m => Math.Round((decimal)m.Sum, 2));
        var investment = new List<(int, decimal, decimal?)>();
        decimal running = 0;
        for (var m = 1; m <= 12; m++)
        {
            running += monthly.GetValueOrDefault(m);
            // Months still to come have no completed figure: the chart stops at the current month.
            investment.Add((m, Math.Round(planned * m / 12m, 2), m <= today.Month ? running : null));
        }
        return new ProjectSummary(funnel, year, investment, warned.Count(w => w.Level == WarningLevel.Red), warned.Count(w => w.Level == WarningLevel.Yellow));
    }
}
