using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Policies;

/// <summary>
/// 数值标准: the numbers a standard's text leaves unset, entered by the standard's own office with their 出处 (decision 0021).
/// Effective from the next check on, in every web process, without a restart.
/// </summary>
public sealed class ThresholdsModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public RecognitionStandard Standard { get; private set; } = null!;
    public PolicyPack? Pack { get; private set; }
    public IReadOnlyList<EnteredThresholds.Slot> Slots { get; private set; } = [];
    public IReadOnlyList<ThresholdValue> History { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    [BindProperty] public string? CriterionKey { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Source { get; set; }

    /// <summary>The slot a form posted for, so the refused form shows again under it with what was typed.</summary>
    public string? PostedSlot { get; private set; }

    public static string SlotId(EnteredThresholds.Slot s) => s.Category is null ? s.Criterion.Key : $"{s.Criterion.Key}-{s.Category}";

    public ThresholdValue? Current(EnteredThresholds.Slot s) =>
        History.Where(v => v.SupersededAtUtc is null && v.CriterionKey == s.Criterion.Key && v.Category == s.Category).MaxBy(v => v.Id);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        PostedSlot = string.IsNullOrWhiteSpace(Category) ? CriterionKey : $"{CriterionKey}-{Category}";
        // 30%、500,000 and full-width digits are what a clerk types; the unit is the criterion's, written beside the box.
        if (EnteredThresholds.ReadValue(Value, Standard.Criteria.FirstOrDefault(c => c.Key == CriterionKey), out var value) is { } unreadable)
        {
            Problems = new Dictionary<string, string> { ["Value"] = unreadable };
            return Page();
        }
        var change = await ThresholdValueStore.SetAsync(db, catalog, time, UserScope.From(User)!, User.DisplayName(), Standard.Id, CriterionKey, Category, value, Source, ct);
        if (!change.Ok)
        {
            if (change.Kind == RefusalKind.Forbidden) return Forbid();
            Problems = change.Problems;
            return Page();
        }
        var saved = change.Saved!;
        var slot = Slots.FirstOrDefault(s => s.Criterion.Key == saved.CriterionKey && s.Category == saved.Category);
        TempData["Done"] = $"已录入{slot?.Title ?? saved.CriterionKey}：{EnteredThresholds.Show(saved.Value, saved.Unit)}（出处：{saved.Source}），即时生效";
        return Redirect($"/Policies/Thresholds/{Standard.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        // The standard as its text states it: what the office may fill is what the text leaves empty.
        if (catalog.PackStandard(id) is not { } standard) return NotFound();
        if (!ThresholdValueStore.CanEnter(UserScope.From(User)!, catalog, standard)) return Forbid();
        Standard = standard;
        Pack = catalog.FindPack(standard.PackId);
        Slots = EnteredThresholds.Slots(standard);
        History = await ThresholdValueStore.HistoryAsync(db, standard.Id, ct);
        return null;
    }
}
