using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class NewModel(TaskService tasks, PolicyCatalog catalog) : PageModel
{
    public sealed class Form
    {
        public string? PolicyId { get; set; }
        public int? Year { get; set; }

        /// <summary>"j12" for a county or city, "t5" for a specialized town: one choice, one field.</summary>
        public string? Target { get; set; }
        public string? Title { get; set; }

        /// <summary>延用: the document is carried on for a year outside its 执行期.</summary>
        public bool CarryOn { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public IReadOnlyList<PlanTarget> Targets { get; private set; } = [];
    public IReadOnlyList<PolicyPack> Packs { get; private set; } = [];
    public PolicyPack? Preview { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.CanCreatePlans(scope)) return Forbid();
        await LoadAsync(scope, ct);
        Input.Year = tasks.Today.Year;
        Input.PolicyId = Packs.FirstOrDefault()?.Id;
        Preview = Packs.FirstOrDefault();
        // A county office has one place to plan for: it is chosen already.
        if (Targets.Count(t => !t.IsTown) == 1) Input.Target = Targets.First(t => !t.IsTown).Key;
        return Page();
    }

    /// <summary>htmx: the key tasks of the chosen document, to see what the plan will start from.</summary>
    public IActionResult OnGetPreview([FromQuery(Name = "Input.PolicyId")] string? policyId)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.CanCreatePlans(scope)) return Forbid();
        return Partial("_PackPreview", policyId is null ? null : catalog.FindPack(policyId));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.CanCreatePlans(scope)) return Forbid();
        await LoadAsync(scope, ct);
        Preview = Input.PolicyId is null ? null : catalog.FindPack(Input.PolicyId);
        Errors = TaskDisplay.BindingErrors(ModelState, nameof(Input));
        if (Errors.Count > 0) return Page();
        int? jurisdictionId = null, townId = null;
        if (Input.Target is { Length: > 1 } target && int.TryParse(target[1..], out var id))
        {
            if (target[0] == 'j') jurisdictionId = id;
            else if (target[0] == 't') townId = id;
        }
        try
        {
            var planId = await tasks.CreatePlanAsync(scope, User.DisplayName(),
                new NewPlan(Input.PolicyId, Input.Year, jurisdictionId, townId, Input.Title, Input.CarryOn), ct);
            TempData["Done"] = "已生成年度行动计划，请为各项任务分解里程碑、明确期限。";
            return Redirect($"/Tasks/Plan/{planId}");
        }
        catch (TaskRuleException ex)
        {
            // The service names jurisdictionId or townId; the form has one field for both.
            foreach (var (field, message) in ex.Errors) Errors[field is "jurisdictionId" or "townId" ? "target" : field] = message;
            if (ex.Errors.Count == 0) Error = ex.Message;
            return Page();
        }
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Targets = await tasks.TargetsAsync(scope, ct);
        Packs = catalog.Packs.Where(p => p.KeyTasks.Count > 0 && Targets.Any(t => tasks.PacksFor(t.Path).Contains(p))).ToList();
    }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The year asked for lies outside the chosen document's 执行期: the form offers 延用.</summary>
    public bool OutsidePeriod => Preview is not null && Input.Year is { } year && Preview.Document.OutsidePeriod(year) is not null;
}
