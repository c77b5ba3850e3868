using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>A month's reports side by side (one column per task force, one row per figure), and the same table as CSV.</summary>
public sealed class CompareModel(TownsDbContext db, ReportService service) : PageModel
{
    public ReportComparison Comparison { get; private set; } = null!;
    public ReportMonth Month { get; private set; }
    public DateOnly Today { get; private set; }
    public string? MonthError { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken ct) => Comparison = await BuildAsync(month, ct);

    public async Task<IActionResult> OnGetCsvAsync(string? month, CancellationToken ct)
    {
        var comparison = await BuildAsync(month, ct);
        return File(comparison.ToCsv(), "text/csv; charset=utf-8", comparison.FileName);
    }

    private async Task<ReportComparison> BuildAsync(string? month, CancellationToken ct)
    {
        Today = service.Today;
        Month = ReportDeadline.Current(Today, service.Settings);
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (ReportMonth.TryParse(month, out var chosen) && chosen <= ReportMonth.Of(Today)) Month = chosen;
            else MonthError = $"“{month}”不是可查看的月份，已显示 {Month.Chinese}";
        }
        return await ReportComparison.BuildAsync(db, UserScope.From(User)!, Month, Today, service.Settings, ct);
    }
}
