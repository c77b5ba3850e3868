using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Events;

public sealed class DetailModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public EventItem Event { get; private set; } = null!;
    public SupportClause? Clause { get; private set; }
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The enterprises of this event (those the reader may see), as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetParticipantsAsync(int id, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return await ExportFile.ResultAsync(PlatformEventExport.Participants(Event.Name), format, Event.Participants, time, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var (found, error) = await TradeEvents.DeleteAsync(db, UserScope.From(User)!, id, ct);
        if (!found) return NotFound();
        if (error is not null) return Forbid();
        TempData["Saved"] = "已删除展会活动";
        return Redirect("/Support/Events");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await TradeEvents.FindAsync(db, id, scope, ct) is not { } found) return false;
        Event = found;
        Clause = SupportClauses.Find(catalog, found.ClauseSource);
        CanEdit = await TradeEvents.CanEditAsync(db, id, scope, ct);
        return true;
    }
}
