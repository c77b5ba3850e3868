using Microsoft.AspNetCore.Mvc;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>
/// A record's 修改记录 from the audit trail, for the history tab of its detail page. The page has already checked that
/// the person may see the record; this shows every change to it and its parts, whoever made it.
/// </summary>
public sealed class HistoryViewComponent(TownsDbContext db, SpecializedTowns.Core.Policies.PolicyCatalog catalog) : ViewComponent
{
    /// <summary>The record is <paramref name="type"/> with <paramref name="id"/>, or the page's own {id} when none is given.</summary>
    public async Task<IViewComponentResult> InvokeAsync(string type, object? id = null, bool section = false)
    {
        var key = Convert.ToString(id ?? RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var entries = await AuditQueries.HistoryAsync(db, type, key, ct: HttpContext.RequestAborted);
        ViewData[nameof(AuditValueNames)] = await AuditValueNames.ForAsync(db, catalog, entries, HttpContext.RequestAborted);
        return View(new HistoryModel(type, entries, section));
    }
}

/// <param name="Section">On a page without tabs: a collapsed section of its own at the foot of the page.</param>
public sealed record HistoryModel(string Type, IReadOnlyList<AuditEntry> Entries, bool Section);
