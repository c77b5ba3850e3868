using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Projects;

public sealed class BatchesModel(BatchService batches, ProjectService projects, TimeProvider time) : PageModel
{
    private const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public sealed class Form
    {
        [Display(Name = "类型")] public ProjectStage? Kind { get; set; }
        public DateOnly? HeldOn { get; set; }
        public string? Title { get; set; }
        public string? Location { get; set; }
        public List<int> ProjectIds { get; set; } = [];
    }

    [BindProperty] public Form Input { get; set; } = new();
    public Paged<BatchListItem> Batches { get; private set; } = new([], 0, 1, PageSize);
    public sealed record Candidate(int Id, string Name, string Town, ProjectStage Stage, int CountyId);

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    /// <summary>
    /// Over more than one county the projects that may take part are grouped by county and each county's list is fetched
    /// when opened (a province: 20,000 projects, 6.6 MB of checkboxes); ticks in one county stay when another is opened.
    /// </summary>
    public IReadOnlyList<(int Id, string Name, int Projects)> Counties { get; private set; } = [];
    public bool CanManage { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>A few dozen activities a year: the whole filtered list is worked out in memory and written out.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var all = await batches.ListAsync(UserScope.From(User)!, Year, ct);
        return await ExportFile.ResultAsync(ProjectExport.Batches, format, ExportFile.Picked(all, b => b.Id.ToString(), Request), time, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        // Only the form's own fields: the route value "page" never binds to the list's page number on a POST.
        if (!ModelState.Any(m => m.Key.StartsWith("Input.", StringComparison.Ordinal) && m.Value!.Errors.Count > 0))
        {
            var name = User.DisplayName();
            var (id, errors) = await batches.CreateAsync(scope, name, new BatchInput(Input.Kind, Input.HeldOn, Input.Title ?? "", Input.Location, Input.ProjectIds), ct);
            if (id is not null)
            {
                TempData["Saved"] = $"已登记“{Input.Title!.Trim()}”，{Input.ProjectIds.Distinct().Count()} 个项目的阶段已更新。";
                return Redirect("/Projects/Batches");
            }
            Error = ModelState.Show(errors, nameof(Input));
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanManage = ProjectService.CanManage(scope);
        Today = projects.Today;
        var all = await batches.ListAsync(scope, Year, ct);
        var (page, _) = Paged<BatchListItem>.Normalize(PageNumber, PageSize);
        page = Math.Min(page, Math.Max(1, (all.Count + PageSize - 1) / PageSize));
        Batches = new Paged<BatchListItem>(all.Skip((page - 1) * PageSize).Take(PageSize).ToList(), all.Count, page, PageSize);
        if (!CanManage) return;
        var open = Open(scope);
        Counties = (await open.GroupBy(p => new { p.CountyId, p.County!.Name, p.County.Path, p.County.Code }).Select(g => new { g.Key.CountyId, g.Key.Name, g.Key.Path, g.Key.Code, Count = g.Count() })
            .ToListAsync(ct)).OrderBy(c => PlaceOrder.KeyOf(c.Code, c.Path), StringComparer.Ordinal).Select(c => (c.CountyId, c.Name, c.Count)).ToList();
        // One county's list in full; over several, the counties of projects already ticked (a form shown again) come filled.
        if (Counties.Count <= 1) Candidates = await CandidatesAsync(open, ct);
        else if (Input.ProjectIds.Count > 0)
        {
            var ticked = Input.ProjectIds;
            var counties = await open.Where(p => ticked.Contains(p.Id)).Select(p => p.CountyId).Distinct().ToListAsync(ct);
            Candidates = await CandidatesAsync(open.Where(p => counties.Contains(p.CountyId)), ct);
        }
    }

    /// <summary>The projects of one county in scope that may take part, for its group of the form.</summary>
    public async Task<IActionResult> OnGetCandidatesAsync(int county, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        Candidates = await CandidatesAsync(Open(scope).Where(p => p.CountyId == county), ct);
        return Candidates.Count == 0 ? NotFound() : Partial("_BatchCandidates", (Candidates, new List<int>()));
    }

    private IQueryable<KeyProject> Open(UserScope scope) => projects.Visible(scope).AsNoTracking().Where(p => p.Stage < ProjectStage.AtTarget);

    private static async Task<IReadOnlyList<Candidate>> CandidatesAsync(IQueryable<KeyProject> open, CancellationToken ct) =>
        await open.OrderBy(p => p.Town!.Name).ThenBy(p => p.Name).Select(p => new Candidate(p.Id, p.Name, p.Town!.Name, p.Stage, p.CountyId)).ToListAsync(ct);
}
