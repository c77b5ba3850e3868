using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Web.Pages.Notifications;

public sealed class IndexModel(ReminderCentre centre) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }

    public const int PageSize = 20;

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Reminder> All { get; private set; } = [];

    /// <summary>
    /// The page of the area's reminders. Paged here, not in the database: the list is put together from six sources, and the
    /// ones that grow with the scope (a province's problems and red projects) already hand over their most urgent few and one
    /// reminder for the rest (<see cref="Reminder.Count"/>).
    /// </summary>
    public Data.Paged<Reminder> Result { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>
    /// The matters the shown list stands for, as the area buttons count them (<see cref="Reminder.Count"/>): one reminder for
    /// the rest of a province's red projects is that many matters, so the pager's total says so too, while it pages the rows.
    /// </summary>
    public int ItemTotal { get; private set; }

    /// <summary>A leader reads what needs the leadership's attention and acts on none of it: the link says 查看, not 去处理.</summary>
    public bool ReadsOnly => UserScope.From(User)?.Role == Core.Accounts.Roles.Leader;

    public async Task OnGetAsync(CancellationToken ct)
    {
        All = await centre.ListAsync(UserScope.From(User)!, ct);
        Area = Area?.Trim() is { Length: > 0 } area ? area : null;
        // An area a source files under but with nothing due now is an empty list; a word that names no area is said above
        // the list, which is then shown whole, as the other lists do with their filters.
        if (Area is { } asked && !ReminderCentre.Areas.Contains(asked) && All.All(r => r.Area != asked))
        {
            Shared.FilterValues.Unknown(HttpContext, "事项类别", asked);
            Area = null;
        }
        var shown = Area is null ? All : All.Where(r => r.Area == Area).ToList();
        var (page, size) = Data.Paged<Reminder>.Normalize(PageNumber, PageSize);
        Result = new Data.Paged<Reminder>(shown.Skip((page - 1) * size).Take(size).ToList(), shown.Count, page, size);
        ItemTotal = shown.Total();
    }

    /// <summary>The bell's count, up to <see cref="ReminderCentre.BellCounts"/>.</summary>
    public int BellCount { get; private set; }

    /// <summary>htmx: the header bell with its count; its list is fetched when it is opened.</summary>
    public async Task<IActionResult> OnGetBellAsync(CancellationToken ct)
    {
        BellCount = await centre.CountAsync(UserScope.From(User)!, ct: ct);
        return Partial("_Bell", this);
    }

    public IReadOnlyList<ReminderTally> Tallies { get; private set; } = [];

    /// <summary>htmx: the dashboard's reminder card, counted by area, filled after the dashboard has shown.</summary>
    public async Task<IActionResult> OnGetSummaryAsync(CancellationToken ct)
    {
        Tallies = await centre.TallyAsync(UserScope.From(User)!, ct);
        return Partial("_Summary", this);
    }

    /// <summary>htmx: the bell's list, when it is opened.</summary>
    public async Task<IActionResult> OnGetBellItemsAsync(CancellationToken ct)
    {
        All = await centre.ListAsync(UserScope.From(User)!, ct);
        return Partial("_BellItems", this);
    }
}
