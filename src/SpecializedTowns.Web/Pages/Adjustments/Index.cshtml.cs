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
public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, AdjustmentSettings settings, SpecializedTowns.Data.Notices.NoticeSettings notices, TimeProvider time) : PageModel
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

    /// <summary>The exits and lower tiers already carried out (已办理), newest first: a proposal leaves the tabs once done.</summary>
    public IReadOnlyList<TierExitDone> Done { get; private set; } = [];

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
        Done = await TierExits.DoneAsync(db, scope, ct);
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

    /// <summary>The exit or lower tier as typed (kept when refused), and the refusal with the field it is about.</summary>
    [BindProperty] public ExitForm Exit { get; set; } = new();
    public string? ExitError { get; private set; }
    public string? ExitField { get; private set; }

    public sealed class ExitForm
    {
        public int TownId { get; set; }
        public string? To { get; set; }
        public string? DocumentNumber { get; set; }
        public string? EffectiveOn { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>Whether the person may carry out a 建议退出/降级 row: the office of the standard the town holds its tier under.</summary>
    public bool MayCarryOut(AdjustmentItem item) =>
        item.Kind == AdjustmentKind.Removal && TierExits.MayRecord(catalog, UserScope.From(User)!, item.Standard);

    /// <summary>What a row's form offers: 储备, and each lower tier with a standard where the town lies.</summary>
    public IReadOnlyList<(Tier Tier, RecognitionStandard? Standard)> ExitChoices(AdjustmentItem item) =>
        TierExits.Choices(catalog, item.Town.Tier, item.Town.CountyPath);

    public ChinaDate Today => new(SpecializedTowns.Core.ChinaTime.Today(time));

    public readonly record struct ChinaDate(DateOnly Date)
    {
        public string Iso => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>退出 (to 储备) or 降级 of a town proposed for it, with 文号, date and reason; refused in place with what was typed.</summary>
    public async Task<IActionResult> OnPostExitAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        DateOnly? on = null;
        string? problem = null, field = null;
        if (!string.IsNullOrWhiteSpace(Exit.EffectiveOn))
        {
            if (DateOnly.TryParseExact(Exit.EffectiveOn.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)) on = d;
            else (problem, field) = ($"生效日期“{Exit.EffectiveOn}”不是有效日期", "effectiveOn");
        }
        if (problem is null && !Enum.TryParse<Tier>(Exit.To, out var to)) (problem, field) = ("请选择调整后的梯次（转入储备或降为较低梯次）", "to");
        if (problem is null)
        {
            try
            {
                var change = await TierExits.RecordAsync(db, catalog, settings, notices, scope, Exit.TownId,
                    new TierExitInput(Enum.Parse<Tier>(Exit.To!), Exit.DocumentNumber, on, Exit.Reason), time, ct);
                TempData["Saved"] = $"已办理：{change.Note}（{change.DocumentNumber}，{SpecializedTowns.Web.Pages.Shared.Display.Date(change.EffectiveOn)}起）";
                TempData["SavedTown"] = Exit.TownId;
                return Redirect(TabLink(Kind));
            }
            catch (TierExitRefusedException ex) when (ex.Kind != SpecializedTowns.Core.RefusalKind.NotFound)
            {
                (problem, field) = (ex.Message, ex.Field);
            }
            catch (TierExitRefusedException)
            {
                return NotFound();
            }
        }
        ExitError = problem;
        ExitField = field;
        await OnGetAsync(ct);
        return Page();
    }

    public int Count(AdjustmentKind? kind) => kind is null ? All.Count : All.Count(i => i.Kind == kind);

    public string TabLink(string? kind) => $"/Adjustments?kind={kind}&town={Uri.EscapeDataString(Town ?? "")}&tier={Tier}";

    private AdjustmentFilter Filter() => new() { Kind = Selected, Town = Town, Tier = Tier };
}
