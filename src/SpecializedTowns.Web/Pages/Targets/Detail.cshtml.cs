using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Targets;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages.Targets;

public sealed class DetailModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public TargetItem Item { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        Today = ChinaTime.Today(time);
        // Outside the person's packs is answered as not found, as for any record out of scope.
        if (await TargetQueries.FindAsync(db, catalog, UserScope.From(User)!, key, Today, ct) is not { } item) return NotFound();
        Item = item;
        ChartJson = JsonSerializer.Serialize(new
        {
            unit = item.Target.Unit,
            years = item.History.Select(h => h.SoFar ? $"{h.Year}年（至今）" : $"{h.Year}年"),
            values = item.History.Select(h => h.Value),
            goal = item.Target.Value,
            goalName = item.Requirement,
        });
        return Page();
    }
}
