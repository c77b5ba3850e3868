using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Applications;

public sealed class NewModel(TownsDbContext db, ApplicationService applications, PolicyCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? TownId { get; set; }
    [BindProperty(SupportsGet = true)] public string? StandardId { get; set; }
    [BindProperty] public FactsForm Facts { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Towns { get; private set; } = [];
    public SpecializedTown? Town { get; private set; }
    public string CountyPath { get; private set; } = "";
    public IReadOnlyList<RecognitionStandard> Standards { get; private set; } = [];
    public RecognitionResult? PreCheck { get; private set; }

    /// <summary>When the user may file under none of the town's higher standards: who files under them instead.</summary>
    public string? FiledByOthers { get; private set; }
    public string? Error { get; private set; }

    private static bool MayFile(UserScope scope) => scope.Role is Core.Accounts.Roles.Admin or Core.Accounts.Roles.Office or Core.Accounts.Roles.Township;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!MayFile(scope)) return Forbid();
        if (!await LoadAsync(scope, ct)) return NotFound();
        if (Town is not null)
        {
            // Start from the town's latest figures; the applicant corrects what has changed.
            var stored = (await StoredTownRecognition.RecognizeAsync(db, Standards.FirstOrDefault() ?? catalog.Standards.First(), CountyPath, ct))
                .FirstOrDefault(r => r.TownId == Town.Id);
            if (stored is not null)
            {
                Facts = FactsForm.From(stored.Facts);
                // The town's register records 传统特色 only when declared: unticked there is 未申报, not 不具备, and the form
                // starts at 未说明 for the applicant to state (qa110 10).
                if (stored.Facts.HistoricalOriginOrGeographicalIndication != true) Facts.HistoricalOriginOrGeographicalIndication = null;
            }
            PreCheck = Evaluate();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!MayFile(scope)) return Forbid();
        if (!await LoadAsync(scope, ct) || Town is null) return NotFound();
        PreCheck = Evaluate();
        if (StandardId is null) { Error = "请选择认定标准"; return Page(); }
        if (Facts.Problems(ModelState, nameof(Facts), Town.Name, Town.Category) is { Count: > 0 } problems)
        {
            // Beside each field, in place of the binder's own words; what was typed stays in the form.
            foreach (var (field, message) in problems)
            {
                var key = $"{nameof(Facts)}.{field}";
                if (ModelState.TryGetValue(key, out var entry)) entry.Errors.Clear();
                ModelState.AddModelError(key, message);
            }
            Error = "申报未保存：请按各项下的提示修改";
            // The pre-check shown beside the refusal judges only what stands: 150% is not a share that meets 50%.
            Facts.Forget(problems.Keys);
            PreCheck = Evaluate();
            return Page();
        }
        try
        {
            var json = ApplicationService.FactsJsonFrom(Facts.ToFacts(Town.Name, Town.Category));
            var id = await applications.CreateAsync(scope, User.DisplayName(), Town.Id, StandardId, json, ct);
            return Redirect($"/Applications/Detail/{id}");
        }
        catch (ApplicationRuleException ex)
        {
            Error = ex.Message;
            return Page();
        }
    }

    /// <summary>htmx: the engine's verdict on the facts as they are typed.</summary>
    public async Task<IActionResult> OnPostPreCheckAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await LoadAsync(scope, ct) || Town is null) return NotFound();
        return Partial("_PreCheck", Evaluate());
    }

    private RecognitionResult? Evaluate()
    {
        var standard = Standards.FirstOrDefault(s => s.Id == StandardId);
        return standard is null || Town is null ? null : RecognitionEngine.Evaluate(standard, Facts.ToFacts(Town.Name, Town.Category));
    }

    private async Task<bool> LoadAsync(UserScope scope, CancellationToken ct)
    {
        Towns = (await scope.Towns(db).AsNoTracking().Where(SpecializedTown.Listed).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
        if (TownId is null) return true;
        Town = await scope.Towns(db).AsNoTracking().Include(t => t.County).SingleOrDefaultAsync(t => t.Id == TownId, ct);
        if (Town is null) return false;
        CountyPath = Town.County!.Path;
        var higher = applications.StandardsFor(CountyPath, Town.Tier);
        Standards = higher.Where(s => ApplicationService.CanFile(scope, s, CountyPath)).ToList();
        if (Standards.Count == 0) FiledByOthers = ApplicationService.WhoFiles(scope, higher, CountyPath, Town.County!.Name);
        StandardId ??= Standards.FirstOrDefault()?.Id;
        return true;
    }
}
