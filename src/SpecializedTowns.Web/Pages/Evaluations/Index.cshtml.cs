using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Pages.Shared;

using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Evaluations;

public sealed class IndexModel(EvaluationService evaluations, TimeProvider time) : PageModel
{
    public Paged<EvaluationListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<Jurisdiction> Areas { get; private set; } = [];
    public int ThisYear { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    [BindProperty] public NewEvaluationForm Input { get; set; } = new();

    public sealed class NewEvaluationForm
    {
        public int? Year { get; set; }
        public string? Kind { get; set; } = "town";
        public int? JurisdictionId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Everyone reaches the page from the menu; only offices and leaders find evaluations on it.
        await LoadAsync(UserScope.From(User)!, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        // Only the form's own fields count: the list's filters (page, year…) are bound on a post too and may not parse.
        if (!ModelState.Any(m => m.Key.StartsWith("Input.", StringComparison.Ordinal) && m.Value!.Errors.Count > 0))
        {
            try
            {
                var id = await evaluations.CreateAsync(scope, User.DisplayName(), Input.Year, CodeLists.ValueOrNull<SubjectKind>(Input.Kind), Input.JurisdictionId, ct);
                TempData["Done"] = "评估已生成（草稿）：请核对各项得分，需要时录入人工评分，确认后发布";
                return RedirectToPage("Detail", new { id });
            }
            catch (EvaluationInputException ex)
            {
                if (ModelState.Show(ex.Errors, "Input") is { } general) ModelState.AddModelError("", general);
            }
        }
        await LoadAsync(scope, ct);
        return Page();
    }


    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        ThisYear = evaluations.Today.Year;
        Input.Year ??= ThisYear - 1;
        Areas = await evaluations.AreasAsync(scope, ct);
        Result = await evaluations.ListAsync(scope, Filter() with { Page = Math.Clamp(PageNumber, 1, Paged<object>.MaxPage) }, ct);
    }

    /// <summary>The one reading of the filter bar that the table and the export share.</summary>
    private EvaluationFilter Filter()
    {
        var kind = FilterValues.Read<SubjectKind>(HttpContext, Kind, "评估对象");
        Kind = kind is { } k ? SubjectKinds.Key(k) : null;
        var state = FilterValues.Read<EvaluationState>(HttpContext, State, "状态");
        State = state?.ToString().ToLowerInvariant();
        return new() { Year = Year is >= 2000 and <= 9999 ? Year : null, Kind = kind, State = state };
    }

    /// <summary>The list as filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = Filter();
        var rows = TableExport.AllPages((page, size) => evaluations.ListAsync(scope, filter with { Page = page, PageSize = size }, ct), e => e.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(EvaluationExport.Table, format, rows, time, ct);
    }
}
