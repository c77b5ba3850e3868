using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Commendations;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Commendations;

/// <summary>表扬: the commendations the packs' provisions trigger (朔政办发〔2023〕19号 四（九）), by year, with evidence and CSV.</summary>
public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time, Data.Evaluation.EvaluationService evaluations) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "状态")] public CrossingState? State { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public const int PageSize = 20;

    public IReadOnlyList<CommendationTrigger> All { get; private set; } = [];
    public Paged<CommendationTrigger> Shown { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanRecord { get; private set; }
    public IReadOnlyList<Data.Evaluation.CommendedItem> Evaluated { get; private set; } = [];

    /// <summary>Published evaluations in which no one reached 表扬, each as one sentence (阳泉市2024年度专业镇评估已发布，没有达到表扬条件的专业镇).</summary>
    public IReadOnlyList<string> NoneCommended { get; private set; } = [];

    /// <summary>The provisions the platform detects, with their packs: what is being watched, and where it is written.</summary>
    public IReadOnlyList<(PolicyPack Pack, Provision Provision)> Watched { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanRecord = MarketRankService.CanRecord(scope);
        All = await CommendationQueries.AllAsync(db, catalog, scope, ct);
        Evaluated = await evaluations.CommendedAsync(UserScope.From(User)!, Year is >= 2000 and <= 9999 ? Year : null, ct);
        NoneCommended = await evaluations.PublishedWithoutCommendedAsync(scope, Year is >= 2000 and <= 9999 ? Year : null, ct);
        Years = All.Select(t => t.Crossing.Year).Concat(Evaluated.Select(e => e.Year)).Distinct().OrderDescending().ToList();
        Shown = CommendationQueries.Filter(All, new TriggerFilter { Year = Year, State = State, Page = PageNumber, PageSize = PageSize });
        Watched = catalog.Packs.SelectMany(p => p.SupportPolicies.SelectMany(s => s.Provisions)
                .Where(x => x.Measure is not null && PackVocabulary.ProvisionMeasures.ContainsKey(x.Measure)).Select(x => (p, x)))
            .Where(w => scope.IsAdmin || Relates(string.Join("/", w.p.Document.JurisdictionPath), scope.JurisdictionPath)).ToList();
    }

    /// <summary>The triggers as filtered, every page of them (or the ticked ones), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var all = await CommendationQueries.AllAsync(db, catalog, UserScope.From(User)!, ct);
        var rows = CommendationQueries.Matching(all, new TriggerFilter { Year = Year, State = State });
        return await ExportFile.ResultAsync(CommendationExport.Table, format, ExportFile.Picked(rows, CommendationExport.Key, Request), time, ct);
    }

    /// <summary>
    /// 年度评估表扬名单, the page's second list, to .xlsx or .csv. The list above has its own 导出: each export is the list it
    /// sits on, so a city with no provision triggered but five towns commended no longer downloads an empty sheet for them.
    /// </summary>
    public async Task<IActionResult> OnGetEvaluatedExportAsync(string? format, CancellationToken ct)
    {
        var rows = await evaluations.CommendedAsync(UserScope.From(User)!, Year is >= 2000 and <= 9999 ? Year : null, ct);
        return await ExportFile.ResultAsync(Data.Evaluation.EvaluationExport.Commended, format, rows, time, ct);
    }

    /// <summary>The earlier address of the CSV download, kept for bookmarks.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => OnGetExportAsync("csv", ct);

    // A pack is of interest when its area and the person's jurisdiction lie one within the other.
    private static bool Relates(string area, string path) =>
        area.Length > 0 && (area == path || path.StartsWith(area + "/", StringComparison.Ordinal) || area.StartsWith(path + "/", StringComparison.Ordinal));
}
