using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Enterprises;

public sealed class IndexModel(TownsDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? AboveScale { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<EnterpriseListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<JurisdictionOption> Jurisdictions { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Role is not null || AboveScale is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = EnterpriseRegistry.CanEdit(scope);
        Jurisdictions = await IndexModelJurisdictions(scope, ct);
        var path = Jurisdictions.Any(j => j.Name == Jurisdiction)
            ? await db.Jurisdictions.Where(j => j.Name == Jurisdiction).OrderBy(j => j.Level).Select(j => j.Path).FirstAsync(ct)
            : null;
        EnterpriseRole? role = Enum.TryParse<EnterpriseRole>(Role, out var r) ? r : null;
        bool? above = AboveScale switch { "yes" => true, "no" => false, _ => null };
        Result = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter
        {
            JurisdictionPath = path, Role = role, AboveScale = above, Search = Search, Sort = Sort, Page = Math.Max(1, PageNumber), PageSize = 20,
        }, scope, ct);
    }

    private Task<IReadOnlyList<JurisdictionOption>> IndexModelJurisdictions(UserScope scope, CancellationToken ct) =>
        Towns.IndexModel.JurisdictionChoices(db, scope, ct);
}
