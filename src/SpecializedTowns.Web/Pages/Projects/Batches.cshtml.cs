using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Projects;

public sealed class BatchesModel(BatchService batches, ProjectService projects, TimeProvider time) : PageModel
{
    private const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public sealed class Form
    {
        public ProjectStage? Kind { get; set; }
        public DateOnly? HeldOn { get; set; }
        public string? Title { get; set; }
        public string? Location { get; set; }
        public List<int> ProjectIds { get; set; } = [];
    }

    [BindProperty] public Form Input { get; set; } = new();
    public Paged<BatchListItem> Batches { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<(int Id, string Name, string Town, ProjectStage Stage)> Candidates { get; private set; } = [];
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
            var name = User.FindFirst(UserScope.DisplayNameClaim)?.Value ?? User.Identity?.Name ?? "";
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
        if (CanManage)
            Candidates = (await projects.Visible(scope).AsNoTracking().Where(p => p.Stage < ProjectStage.AtTarget).OrderBy(p => p.Town!.Name).ThenBy(p => p.Name)
                .Select(p => new { p.Id, p.Name, Town = p.Town!.Name, p.Stage }).ToListAsync(ct)).Select(p => (p.Id, p.Name, p.Town, p.Stage)).ToList();
    }
}
