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
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public DateOnly DueOn { get; private set; }
    public MonthCounts Counts { get; private set; } = new(0, 0, 0, 0, 0, 0);
    public Paged<MonthRow> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<ReportReminder> Reminders { get; private set; } = [];
    public UserScope Scope { get; private set; } = null!;
    public ReportSettings Settings => service.Settings;
    public DateOnly Today { get; private set; }
    public string? MonthError { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken ct)
    {
        ChooseMonth(month);
        (Counts, Result) = await ReportQueries.MonthPageAsync(db, Scope, Month, Today, Settings, Math.Max(1, PageNumber), PageSize, ct);
        Reminders = await ReportReminders.ForAsync(db, Scope, Today, Settings, ct);
    }

    /// <summary>The month's rows as the table shows them (or the ticked ones), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? month, string? format, CancellationToken ct)
    {
        ChooseMonth(month);
        var overview = await ReportQueries.MonthAsync(db, Scope, Month, Today, Settings, ct: ct);
        var rows = ExportFile.Picked(overview.Rows, r => r.TaskForceId.ToString(System.Globalization.CultureInfo.InvariantCulture), Request);
        return await ExportFile.ResultAsync(ReportExport.Month(Month), format, rows, time, ct);
    }

    private void ChooseMonth(string? month)
    {
        Scope = UserScope.From(User)!;
        Today = service.Today;
        Month = ReportDeadline.Current(Today, Settings);
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (ReportMonth.TryParse(month, out var chosen) && chosen <= ReportMonth.Of(Today)) Month = chosen;
            else MonthError = $"“{month}”不是可查看的月份，已显示 {Month.Chinese}";
        }
        DueOn = ReportDeadline.DueOn(Month, Settings);
    }
}
