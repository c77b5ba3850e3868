using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages.Towns;

public sealed class DetailModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time, Core.Projects.ProjectWarningSettings projectSettings,
    Data.Applications.RecognitionDocuments documents) : PageModel
{
    [BindProperty] public StatisticsInput Figures { get; set; } = new();
    public bool CanEdit { get; private set; }
    public bool CanEnterStatistics { get; private set; }
    public Dictionary<string, string> FigureErrors { get; private set; } = [];
    public TownDetail Town { get; private set; } = null!;
    public PolicyPack? Policy { get; private set; }
    public TownTaskForce? TaskForce { get; private set; }
    /// <summary>The first few of the town's enterprises (leading first) and of its projects; the tabs link to the full lists.</summary>
    public const int Listed = 20;

    public IReadOnlyList<EnterpriseListItem> Enterprises { get; private set; } = [];
    public int EnterpriseTotal { get; private set; }
    public int ProjectTotal { get; private set; }
    public int Id { get; private set; }
    public RecognitionStandard? NextStandard { get; private set; }
    public RecognitionResult? NextCheck { get; private set; }
    public string ChartJson { get; private set; } = "{}";
    public bool CanApply { get; private set; }

    /// <summary>The step that took the town off the list, when it is off it: the 文号 and day the header shows.</summary>
    public TierChange? Delisting { get; private set; }

    /// <summary>The town holds a recognised tier (县级 and above) with a record of it, so a certificate can be printed.</summary>
    public bool HasCertificate { get; private set; }

    /// <summary>The higher tiers the town is a 培育对象 of by a 列入储备 decision, keeping its own tier (decision 0020).</summary>
    public IReadOnlyList<Data.Applications.TownReserve> Reserves { get; private set; } = [];

    /// <summary>The latest recognised application, whose 认定决定 the page offers.</summary>
    public int? RecognizedApplicationId { get; private set; }

    /// <summary>The year a new figures row starts at: the last whole year, by China's calendar.</summary>
    public int LastYear => AnnualFigures.LatestYear(ChinaTime.Today(time));

    public async Task<IActionResult> OnPostStatisticsAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var unreadable = ModelState.UnreadableFigures(nameof(Figures), TownRegistry.StatisticsFields.Select(f => (f.Field, f.Name, f.Rule)));
        if (ModelState.TryGetValue($"{nameof(Figures)}.{nameof(StatisticsInput.Year)}", out var year) && year.Errors.Count > 0)
            unreadable[nameof(StatisticsInput.Year)] = $"“{year.AttemptedValue}”不是年份，请填写 2000 到 {LastYear} 之间的四位数字";
        var (errors, warnings) = await TownRegistry.SaveStatisticsAsync(db, scope, id, Figures, time, ct, unreadable);
        if (errors.TryGetValue("", out var general) && general.Contains("不存在")) return NotFound();
        if (errors.Ok)
        {
            TempData["Saved"] = $"{Figures.Year}年统计数据已保存";
            if (warnings.Count > 0) TempData["SavedWarnings"] = string.Join("；", warnings);
            return Redirect($"/Towns/Detail/{id}#tab-statistics");
        }
        FigureErrors = errors;
        return await OnGetAsync(id, ct);
    }

    public IReadOnlyList<Data.Projects.ProjectListItem> Projects { get; private set; } = [];

    // The enterprise, project, task, problem and 修改记录 tabs (and 概况's line on reports and evaluations) are hidden when the page opens: the page fetches them as soon as it is shown
    // (htmx), so the profile is on screen without waiting for the ten queries behind them.
    public async Task<IActionResult> OnGetEnterprisesAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await InScopeAsync(scope, id, ct)) return NotFound();
        Id = id;
        var enterprises = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { TownId = id, PageSize = Listed }, scope, ct);
        (Enterprises, EnterpriseTotal) = (enterprises.Items, enterprises.Total);
        return Partial("_TownEnterprises", this);
    }

    public async Task<IActionResult> OnGetProjectsAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await InScopeAsync(scope, id, ct)) return NotFound();
        Id = id;
        var projects = await Data.Projects.ProjectQueries.ListAsync(db, scope, new Data.Projects.ProjectFilter { TownId = id, PageSize = Listed },
            ChinaTime.Today(time), projectSettings, ct);
        (Projects, ProjectTotal) = (projects.Items, projects.Total);
        return Partial("_TownProjects", this);
    }

    public IReadOnlyList<Data.Tasks.TaskRow> Tasks { get; private set; } = [];
    public int TaskTotal { get; private set; }
    public int TasksOverdue { get; private set; }

    /// <summary>The 任务 tab: the tasks of the town's own plan and of its county's (<see cref="Data.Tasks.TaskFilter.TownId"/>) that the reader sees.</summary>
    public async Task<IActionResult> OnGetTasksAsync(int id, [FromServices] Data.Tasks.TaskService taskService, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await InScopeAsync(scope, id, ct)) return NotFound();
        Id = id;
        if (Data.Tasks.TaskService.HasAccess(scope))
        {
            var tasks = await taskService.ListTasksAsync(scope, new Data.Tasks.TaskFilter(TownId: id, PageSize: Listed), ct);
            (Tasks, TaskTotal) = (tasks.Items, tasks.Total);
            if (TaskTotal > 0) TasksOverdue = (await taskService.ListTasksAsync(scope, new Data.Tasks.TaskFilter(TownId: id, Overdue: true, PageSize: 1), ct)).Total;
        }
        return Partial("_TownTasks", this);
    }

    public IReadOnlyList<Data.Problems.ProblemListItem> Problems { get; private set; } = [];
    public int ProblemTotal { get; private set; }
    public int ProblemsOpen { get; private set; }
    public int ProblemsOverdue { get; private set; }
    public DateOnly ProblemsToday { get; private set; }

    /// <summary>The 问题 tab: the town's problems in the reader's ledger, newest first.</summary>
    public async Task<IActionResult> OnGetProblemsAsync(int id, [FromServices] Data.Problems.ProblemService problemService, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await InScopeAsync(scope, id, ct)) return NotFound();
        (Id, ProblemsToday) = (id, problemService.Today);
        var problems = await problemService.ListAsync(scope, new Data.Problems.ProblemFilter { TownId = id, PageSize = Listed }, ct);
        (Problems, ProblemTotal) = (problems.Items, problems.Total);
        if (ProblemTotal > 0)
        {
            ProblemsOpen = (await problemService.ListAsync(scope, new Data.Problems.ProblemFilter { TownId = id, OpenOnly = true, PageSize = 1 }, ct)).Total;
            ProblemsOverdue = (await problemService.ListAsync(scope, new Data.Problems.ProblemFilter { TownId = id, Overdue = true, PageSize = 1 }, ct)).Total;
        }
        return Partial("_TownProblems", this);
    }

    public int? TaskForceId { get; private set; }
    public IReadOnlyList<Data.Reports.ReportListItem> Reports { get; private set; } = [];
    public IReadOnlyList<Data.Evaluation.TownEvaluationRow> Evaluations { get; private set; } = [];

    /// <summary>The 月报与评估 line of 概况: the town's 专班 and its latest monthly reports, and its rows in published evaluations.</summary>
    public async Task<IActionResult> OnGetFollowUpAsync(int id, [FromServices] Data.Reports.ReportService reports, [FromServices] Data.Evaluation.EvaluationService evaluations,
        CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await InScopeAsync(scope, id, ct)) return NotFound();
        Id = id;
        TaskForceId = await Data.Reports.ReportScope.TaskForces(db, scope).Where(f => f.SpecializedTownId == id).Select(f => (int?)f.Id).FirstOrDefaultAsync(ct);
        if (TaskForceId is not null)
            Reports = (await Data.Reports.ReportQueries.ListAsync(db, scope, new Data.Reports.ReportFilter { TownId = id, PageSize = 3 }, reports.Today, reports.Settings, ct)).Items;
        Evaluations = await evaluations.TownRowsAsync(scope, id, ct);
        return Partial("_TownFollowUp", this);
    }

    public async Task<IActionResult> OnGetHistoryAsync(int id, CancellationToken ct) =>
        await InScopeAsync(UserScope.From(User)!, id, ct) ? ViewComponent("History", new { type = "SpecializedTown", id }) : NotFound();

    private Task<bool> InScopeAsync(UserScope scope, int id, CancellationToken ct) => scope.Towns(db).AnyAsync(t => t.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = TownRegistry.CanEdit(scope);
        CanEnterStatistics = TownRegistry.CanEnterStatistics(scope);
        var town = await TownDetails.FindAsync(db, id, scope, ct);
        if (town is null) return NotFound();
        Town = town;
        Id = id;
        EnterpriseTotal = town.Enterprises;
        HasCertificate = Data.Applications.RecognitionDocuments.CertificateChange(town.Town.Tier, town.TierHistory) is not null;
        RecognizedApplicationId = await documents.LatestRecognizedApplicationAsync(scope, id, ct);
        Reserves = await Data.Applications.TownReserves.ForTownAsync(db, id, town.Town.Tier, ct);
        Policy = town.Town.PolicyId is null ? null : catalog.FindPack(town.Town.PolicyId);
        TaskForce = await TownTaskForce.FindAsync(db, Policy, id, town.Town.Name, ct);

        // The gap to the next tier: the nearest higher standard that applies where the town lies. A town taken off the list has
        // none: it is no longer cultivated, and a new application would be new work on it (decision 0024).
        var listed = Tiers.IsListed(town.Town.Tier);
        Delisting = listed ? null : TierStanding.On(town.TierHistory);
        NextStandard = catalog.Standards
            .Where(s => listed && Tiers.Parse(s.Tier) is { } t && t > town.Town.Tier)
            .Where(s => catalog.AreaOf(s) is var area && (town.CountyPath == area || town.CountyPath.StartsWith(area + "/")))
            .OrderBy(s => Tiers.Parse(s.Tier)).FirstOrDefault();
        CanApply = listed && catalog.Standards.Any(s => Tiers.Parse(s.Tier) is { } t && t > town.Town.Tier
            && catalog.AreaOf(s) is var a && (town.CountyPath == a || town.CountyPath.StartsWith(a + "/"))
            && Data.Applications.ApplicationService.CanFile(scope, s, town.CountyPath));
        if (NextStandard is not null)
            NextCheck = StoredTownRecognition.Evaluate(await StoredTownRecognition.LoadAsync(db, db.Towns.Where(t => t.Id == id), ct), NextStandard)
                .SingleOrDefault()?.Result;

        ChartJson = JsonSerializer.Serialize(new
        {
            years = town.Statistics.Select(s => s.Year.ToString() + "年"),
            output = town.Statistics.Select(s => s.OutputValueWanYuan is { } v ? Math.Round(v / 10000m, 2) : (decimal?)null),
            revenue = town.Statistics.Select(s => s.RevenueWanYuan is { } v ? Math.Round(v / 10000m, 2) : (decimal?)null),
            employment = town.Statistics.Select(s => s.Employment),
        });
        return Page();
    }
}
