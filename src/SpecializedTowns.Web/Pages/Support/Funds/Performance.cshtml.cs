using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Funds;

/// <summary>资金绩效: each town's money beside its results, rolled up to county, city and province.</summary>
public sealed class PerformanceModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }

    public FundPerformanceView View { get; private set; } = null!;
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => View = await ComputeAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var view = await ComputeAsync(ct);
        return await ExportFile.ResultAsync(SupportExport.Performance, format, view.Lines, time, ct, place: Places.Path);
    }

    private async Task<FundPerformanceView> ComputeAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var today = ExportFile.Today(time);
        Years = SupportPages.Years(today);
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        var period = Period(From, To, today);
        if (From > To) Notice = "起始年度晚于截止年度，已按截止年度起算。";
        (From, To) = (period.FromYear, period.ToYear);
        return await FundPerformanceQueries.ComputeAsync(db, scope, period, Places.Path, ct);
    }

    /// <summary>The last three years to this year unless chosen; a reversed range is read from its end year.</summary>
    public static PerformancePeriod Period(int? from, int? to, DateOnly today)
    {
        var end = Math.Clamp(to ?? today.Year, FundGrant.MinYear, today.Year);
        var start = Math.Clamp(from ?? end - 2, FundGrant.MinYear, end);
        return new PerformancePeriod(start, end);
    }
}
