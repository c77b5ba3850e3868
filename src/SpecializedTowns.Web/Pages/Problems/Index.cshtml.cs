using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Problems;

public sealed class IndexModel(ProblemService problems, TimeProvider time) : PageModel
{
    /// <summary>list (问题清单), overdue (已逾期, for the office to press on) or units (按单位统计).</summary>
    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "问题类别")] public ProblemCategory? Category { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "问题来源")] public ProblemSource? Source { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "问题性质")] public ProblemKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? TownId { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ProblemListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<UnitFiguresRow> Figures { get; private set; } = [];
    public IReadOnlyList<ProblemOption> Towns { get; private set; } = [];
    public IReadOnlyList<ProblemOption> Units { get; private set; } = [];
    public int OverdueCount { get; private set; }

    /// <summary>The overdue tab: when each problem on the page was last pressed (督办).</summary>
    public IReadOnlyDictionary<int, DateTime> LastUrged { get; private set; } = new Dictionary<int, DateTime>();

    /// <summary>Offices act on the overdue list (受理 or 督办); leaders read it.</summary>
    public bool Urges => Scope.Role is Roles.Admin or Roles.Office;
    public bool CanRaise { get; private set; }
    public bool SeesOverdueList { get; private set; }
    public int DueSoonDays => problems.DueSoonDays;
    public DateOnly Today => problems.Today;
    public UserScope Scope { get; private set; } = null!;

    public bool Filtered => Status is not null || Category is not null || Source is not null || Kind is not null || TownId is not null
                            || UnitId is not null || Overdue || !string.IsNullOrWhiteSpace(Search);

    public bool MoreFiltersUsed => Kind is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        CanRaise = ProblemService.CanRaise(Scope);
        // Overdue problems escalate to the office: its members and the leaders who read along get the list of them.
        SeesOverdueList = Scope.Role is Roles.Admin or Roles.Office or Roles.Leader;
        ChooseTab();
        OverdueCount = await problems.OverdueCountAsync(Scope, ct);
        switch (Tab)
        {
            case "units":
                Figures = await problems.FiguresByUnitAsync(Scope, ct: ct);
                break;
            case "overdue":
                Result = await problems.ListAsync(Scope, Filter() with { Page = Math.Max(1, PageNumber), PageSize = 20 }, ct);
                LastUrged = await problems.LastUrgedAsync(Result.Items.Select(p => p.Id).ToList(), ct);
                break;
            default:
                await ReadTownAsync(ct);
                Units = await problems.FilterUnitsAsync(Scope, ct);
                Result = await problems.ListAsync(Scope, Filter() with { Page = Math.Max(1, PageNumber), PageSize = 20 }, ct);
                break;
        }
    }

    private static readonly KeyValuePair<string, string> ListTab = new("list", "问题清单"), OverdueTab = new("overdue", "已逾期"), UnitsTab = new("units", "按单位统计");

    private void ChooseTab() =>
        Tab = FilterValues.ReadTab(HttpContext, Tab, SeesOverdueList ? [ListTab, OverdueTab, UnitsTab] : [ListTab, UnitsTab], SeesOverdueList ? null : [OverdueTab]);

    /// <summary>
    /// The towns the bar offers (those of the problems the person sees); a town of the address outside them — a bookmark from
    /// before the town moved to another county — is dropped with a note rather than emptying the list or being ignored (qa120 2).
    /// </summary>
    private async Task ReadTownAsync(CancellationToken ct)
    {
        Towns = await problems.FilterTownsAsync(Scope, ct);
        TownId = FilterValues.ReadTown(HttpContext, TownId, Towns.Select(t => t.Id), null);
    }

    /// <summary>The one reading of the tab and filter bar that the table and the export share.</summary>
    private ProblemFilter Filter()
    {
        if (Tab == "overdue" && SeesOverdueList) return new ProblemFilter { Overdue = true, Sort = "overdue" };
        // 未办结 is the page's own choice beside the states; a state is read as the API reads it (closed, Closed, 已办结).
        var open = string.Equals(Status?.Trim(), "open", StringComparison.OrdinalIgnoreCase);
        var state = open ? null : FilterValues.Read<ProblemState>(HttpContext, Status, "状态");
        Status = open ? "open" : state?.ToString();
        return new ProblemFilter
        {
            State = state, OpenOnly = open, Category = Category, Source = Source, Kind = Kind, TownId = TownId, UnitId = UnitId,
            Overdue = Overdue, Search = Search, Sort = FilterValues.ReadSort(HttpContext, Sort, ProblemFilter.SortKeys),
        };
    }

    /// <summary>The list of the tab as filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        SeesOverdueList = Scope.Role is Roles.Admin or Roles.Office or Roles.Leader;
        ChooseTab();
        if (Tab != "overdue") await ReadTownAsync(ct);
        var filter = Filter();
        var rows = TableExport.AllPages((page, size) => problems.ExportPageAsync(Scope, filter with { Page = page, PageSize = size }, ct), r => r.Item.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(ProblemExport.Table, format, rows, time, ct);
    }
}
