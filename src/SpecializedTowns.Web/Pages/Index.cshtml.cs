using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Dashboard;

namespace SpecializedTowns.Web.Pages;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, ApplicationService applications) : PageModel
{
    public IReadOnlyList<ToDo> ToDo { get; private set; } = [];
    public DashboardView View { get; private set; } = null!;
    public string Place { get; private set; } = "";
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Place = scope.JurisdictionPath.Split('/').Last();
        View = await DashboardQueries.LoadAsync(db, catalog, scope, ct);
        ToDo = await applications.ToDoAsync(scope, ct);
        // Escaped for an HTML <script> block: "</" cannot close it.
        ChartJson = JsonSerializer.Serialize(new
        {
            output = View.OutputByTown.Select(o => new { name = o.Town, value = Math.Round(o.OutputWanYuan / 10000m, 2) }),
            revenue = View.RevenueBands.Select(b => new { name = b.Band, value = b.Towns }),
        }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
    }
}
