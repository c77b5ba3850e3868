using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Funds;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Recipient { get; set; }
    [BindProperty(SupportsGet = true)] public string? Clause { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public FundGrantPage Result { get; private set; } = new(new Paged<FundGrantListItem>([], 0, 1, 20), 0m);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<SupportClause> Clauses { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Year is not null || Jurisdiction is not null || Recipient is not null || Clause is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        Result = await FundGrants.ListAsync(db, await FilterAsync(scope, ct) with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages(async (page, size) => (await FundGrants.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct)).Page,
            g => g.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(SupportExport.Grants, format, rows, time, ct, place: Places.Path);
    }

    private async Task<FundGrantFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Clauses = FundGrants.ClauseChoices(catalog, scope);
        Years = SupportPages.Years(ExportFile.Today(time));
        RecipientKind? recipient = FilterValues.Read<RecipientKind>(HttpContext, Recipient, "支持对象类型");
        Recipient = recipient?.ToString();
        // A clause that is none of the area's (an old link, a typed address) is said above the list, not an empty list.
        if (!string.IsNullOrWhiteSpace(Clause) && Clauses.All(c => c.Source != Clause.Trim()))
        {
            FilterValues.Unknown(HttpContext, "支持条款", Clause);
            Clause = null;
        }
        return new FundGrantFilter
        {
            Year = Year, JurisdictionPath = Places.Path, RecipientKind = recipient,
            ClauseSource = string.IsNullOrWhiteSpace(Clause) ? null : Clause.Trim(), Search = Search,
        };
    }
}
