using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>专班月报: a month's status of every task force in scope, the person's reminders, and the way to the side-by-side view.</summary>
public sealed class IndexModel(TownsDbContext db, ReportService service, TimeProvider time) : PageModel
{
    public ReportMonth Month { get; private set; }
    public MonthOverview Overview { get; private set; } = null!;
    public IReadOnlyList<ReportReminder> Reminders { get; private set; } = [];
    public UserScope Scope { get; private set; } = null!;
    public ReportSettings Settings => service.Settings;
    public DateOnly Today { get; private set; }
    public string? MonthError { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken ct)
    {
        await LoadMonthAsync(month, ct);
        Reminders = await ReportReminders.ForAsync(db, Scope, Today, Settings, ct);
    }

    /// <summary>The month's rows as the table shows them (or the ticked ones), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? month, string? format, CancellationToken ct)
    {
        await LoadMonthAsync(month, ct);
        var rows = ExportFile.Picked(Overview.Rows, r => r.TaskForceId.ToString(System.Globalization.CultureInfo.InvariantCulture), Request);
        return await ExportFile.ResultAsync(ReportExport.Month(Month), format, rows, time, ct);
    }

    private async Task LoadMonthAsync(string? month, CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        Today = service.Today;
        Month = ReportDeadline.Current(Today, Settings);
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (ReportMonth.TryParse(month, out var chosen) && chosen <= ReportMonth.Of(Today)) Month = chosen;
            else MonthError = $"“{month}”不是可查看的月份，已显示 {Month.Chinese}";
        }
        Overview = await ReportQueries.MonthAsync(db, Scope, Month, Today, Settings, ct: ct);
    }
}
