using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Projects;

public sealed class IndexModel(TownsDbContext db, ProjectService service, ProjectWarningSettings settings, ProjectSummaries summaries, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "阶段")] public ProjectStage? Stage { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "建设性质")] public ProjectKind? Kind { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "项目类别")] public ProjectRole? Role { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "预警")] public WarningLevel? Warning { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    /// <summary>Only the projects a unit is responsible for (a member unit's reminders link here with its own).</summary>
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    public string? UnitName { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ProjectListItem> Result { get; private set; } = new([], 0, 1, 20);
    public ProjectSummary Summary { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> Towns { get; private set; } = [];
    public bool CanManage { get; private set; }
    public string ChartJson { get; private set; } = "{}";
    public bool Filtered => Town is not null || Stage is not null || Kind is not null || Role is not null || Warning is not null || Unit is not null || !string.IsNullOrWhiteSpace(Search);

    public bool CanImport { get; private set; }

    /// <summary>
    /// The towns the bar offers, and the town of the address kept only when it is one of them: a town outside the person's
    /// scope (a bookmark from before the town moved away) is dropped with a note, never a list and summary cards of 0 while
    /// the bar shows 全部 (qa120 2). The table, the export and the summary cards read it alike.
    /// </summary>
    private async Task ReadTownAsync(UserScope scope, CancellationToken ct)
    {
        Towns = (await scope.Towns(db).AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(t => t.Id), null);
    }

    /// <summary>The one reading of the filter bar that the table and the export share.</summary>
    private ProjectFilter Filter() => new()
    {
        TownId = Town, Stage = Stage, Kind = Kind, Role = Role, Warning = Warning, Search = Search, UnitId = Unit,
        Sort = FilterValues.ReadSort(HttpContext, Sort, ProjectFilter.SortKeys, ProjectFilter.OneWaySortKeys) ?? "warning",
    };

    /// <summary>The list as filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        await ReadTownAsync(scope, ct);
        var filter = Filter();
        var rows = TableExport.AllPages((page, size) => ProjectQueries.ListAsync(db, scope, filter with { Page = page, PageSize = size }, service.Today, settings, ct),
            p => p.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(ProjectExport.ProjectsFor(scope.SpansCities), format, rows, time, ct);
    }

    /// <summary>The summary cards for the same filter, filled in after the list shows (the page asks with its own query).</summary>
    public string SummaryUrl => "/Projects" + QueryString.Create(Request.Query
        .Where(q => !NotForSummary.Contains(q.Key)).Append(new("handler", "Summary")));

    private static readonly HashSet<string> NotForSummary = new(["handler", "page", "sort"], StringComparer.OrdinalIgnoreCase);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanManage = ProjectService.CanManage(scope);
        CanImport = scope.Role is Core.Accounts.Roles.Admin or Core.Accounts.Roles.Office;
        await ReadTownAsync(scope, ct);
        if (Unit is { } unit) UnitName = await db.Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "（未知单位）";
        Result = await ProjectQueries.ListAsync(db, scope, Filter() with { Page = Math.Max(1, PageNumber), PageSize = 20 }, service.Today, settings, ct);
    }

    public async Task<IActionResult> OnGetSummaryAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        await ReadTownAsync(scope, ct);
        Summary = await summaries.GetAsync(db, scope, Filter(), service.Today, settings, ct);
        ChartJson = JsonSerializer.Serialize(new
        {
            funnel = Summary.Funnel.Select(f => new { name = ProjectTerms.Chinese(f.Stage), value = f.Projects, investment = Math.Round(f.InvestmentWanYuan / 10000m, 2) }),
            year = Summary.Year,
            months = Summary.Investment.Select(m => $"{m.Month}月"),
            planned = Summary.Investment.Select(m => Math.Round(m.PlannedWanYuan, 0)),
            completed = Summary.Investment.Select(m => m.CompletedWanYuan is { } c ? Math.Round(c, 0) : (decimal?)null),
        });
        return Partial("_Summary", this);
    }
}
