using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Adjustments;

/// <summary>
/// 动态调整: the findings over every year on record (升级候选, 预警, 建议退出/降级) with their years, criteria and clauses,
/// in tabs with paging and CSV; and, in its own tab, every recognised town on its latest figures.
/// </summary>
public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, AdjustmentSettings settings, TimeProvider time) : PageModel
{
    /// <summary>upgrade, warning, removal; "review" for the latest-year review of every recognised town; empty for all findings.</summary>
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Town { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "现梯次")] public Tier? Tier { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public const int PageSize = 20;

    public IReadOnlyList<AdjustmentItem> All { get; private set; } = [];
    public Paged<AdjustmentItem> Shown { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<TierReviewItem> Review { get; private set; } = [];
    public bool ShowsReview => Kind == "review";
    public AdjustmentKind? Selected => ShowsReview ? null : SpecializedTowns.Web.Pages.Shared.FilterValues.Read<AdjustmentKind>(HttpContext, Kind, "调整类别");
    public AdjustmentSettings Settings => settings;

    /// <summary>The exit rules the findings used, each once (the platform default, or a pack's own).</summary>
    public IReadOnlyList<ExitRule> Rules { get; private set; } = [];

    /// <summary>
    /// The standards above 储备 that apply in or above the person's area and still have no number to check against (the provincial
    /// one until its office enters them, decision 0021): nobody becomes a candidate for them. As applied now, not as the pack reads.
    /// </summary>
    public IReadOnlyList<(RecognitionStandard Standard, bool MayEnter)> Unconfigured { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Unconfigured = catalog.Standards
            .Where(s => Tiers.Parse(s.Tier) is { } t && t != SpecializedTowns.Core.Towns.Tier.Reserve && TierAdjustmentRules.CannotPreCheck(s))
            .Where(s => catalog.AreaOf(s) is { Length: > 0 } area && (scope.Covers(area) || SpecializedTowns.Core.Jurisdictions.Jurisdiction.IsWithin(scope.JurisdictionPath, area)))
            .Select(s => (s, SpecializedTowns.Data.Recognition.ThresholdValueStore.CanEnter(scope, catalog, s))).ToList();
        if (ShowsReview)
        {
            Review = (await TierReview.ReviewAsync(db, catalog, scope, ct))
                .Where(r => string.IsNullOrWhiteSpace(Town) || r.Town.Contains(Town.Trim(), StringComparison.Ordinal))
                .Where(r => Tier is null || r.Tier == Tier).ToList();
        }
        All = await TierReview.AdjustmentsAsync(db, catalog, scope, settings, ct);
        Shown = TierReview.Filter(All, Filter() with { Page = PageNumber, PageSize = PageSize });
        Rules = All.Where(i => i.Rule is not null).Select(i => i.Rule!).Distinct().ToList();
        if (Rules.Count == 0) Rules = [ExitRule.PlatformDefault(settings.ExitAfterYears)];
    }

    /// <summary>The findings of the tab as filtered, every page of them (or the ticked ones), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var all = await TierReview.AdjustmentsAsync(db, catalog, UserScope.From(User)!, settings, ct);
        var rows = ExportFile.Picked(TierReview.Matching(all, Filter()), AdjustmentExport.Key, Request);
        return await ExportFile.ResultAsync(AdjustmentExport.Table, format, rows, time, ct);
    }

    /// <summary>The earlier address of the CSV download, kept for bookmarks.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => OnGetExportAsync("csv", ct);

    public int Count(AdjustmentKind? kind) => kind is null ? All.Count : All.Count(i => i.Kind == kind);

    public string TabLink(string? kind) => $"/Adjustments?kind={kind}&town={Uri.EscapeDataString(Town ?? "")}&tier={Tier}";

    private AdjustmentFilter Filter() => new() { Kind = Selected, Town = Town, Tier = Tier };
}
