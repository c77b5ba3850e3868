using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Problems;

public sealed class NewModel(ProblemService problems) : PageModel
{
    public sealed class Form
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        [Display(Name = "问题来源")] public ProblemSource? Source { get; set; }
        [Display(Name = "问题性质")] public ProblemKind? Kind { get; set; }
        [Display(Name = "问题类别")] public ProblemCategory? Category { get; set; }
        public int? CountyId { get; set; }
        public int? TownId { get; set; }
        public int? EnterpriseId { get; set; }
        public int? LeadUnitId { get; set; }
        public List<int> CooperatingUnitIds { get; set; } = [];
        public DateOnly? Deadline { get; set; }

        /// <summary>Ticked after the page said the same problem was registered a moment ago (<see cref="ProblemRepeatException"/>).</summary>
        public bool RepeatConfirmed { get; set; }
    }

    /// <summary>The same problem was registered a moment ago: the page says which, and asks to tick before registering another.</summary>
    public ProblemRepeatException? Repeat { get; private set; }

    /// <summary>Bound on GET as well, so that a link (or the county switch) can start the form with a county, town or enterprise.</summary>
    [BindProperty(SupportsGet = true)] public Form Input { get; set; } = new();

    public ProblemFormOptions Options { get; private set; } = new([], null, [], [], []);
    public DateOnly Today => problems.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProblemService.CanRaise(scope)) return Forbid();
        ModelState.Clear(); // nothing typed yet: no messages
        await LoadAsync(scope, ct);
        return Page();
    }

    /// <summary>htmx: the town, enterprise and unit choices of the county just picked.</summary>
    public async Task<IActionResult> OnGetFieldsAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProblemService.CanRaise(scope)) return Forbid();
        ModelState.Clear();
        await LoadAsync(scope, ct);
        return Partial("_CountyFields", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProblemService.CanRaise(scope)) return Forbid();
        var input = new ProblemInput
        {
            Title = Input.Title, Description = Input.Description, Source = Input.Source, Kind = Input.Kind, Category = Input.Category,
            CountyId = Input.CountyId, TownId = Input.TownId, EnterpriseId = Input.EnterpriseId, LeadUnitId = Input.LeadUnitId,
            CooperatingUnitIds = Input.CooperatingUnitIds, Deadline = Input.Deadline, RepeatConfirmed = Input.RepeatConfirmed,
        };
        if (ModelState.IsValid)
        {
            try
            {
                var id = await problems.RaiseAsync(scope, User.DisplayName(), input, ct);
                TempData["Done"] = "问题已登记，等待领导小组办公室受理";
                return Redirect($"/Problems/Detail/{id}");
            }
            catch (ProblemInputException ex) { AddErrors(ex.Errors); }
            catch (ProblemRepeatException ex) { Repeat = ex; }
        }
        else
        {
            // A value the form could not read keeps its own message; the rest are checked as usual, nothing is saved.
            AddErrors(await problems.ValidateAsync(scope, input, ct));
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    private void AddErrors(IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            var key = $"{nameof(Input)}.{field}";
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
            ModelState.AddModelError(key, message);
        }
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Options = await problems.FormOptionsAsync(scope, Input.CountyId, ct);
        Input.CountyId = Options.CountyId;
    }
}
