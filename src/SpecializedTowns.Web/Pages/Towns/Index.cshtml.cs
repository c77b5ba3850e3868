using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Towns;

public sealed record JurisdictionOption(string Name, string Label);

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<TownListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<JurisdictionOption> Jurisdictions { get; private set; } = [];
    public string? Error { get; private set; }
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Tier is not null || Category is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = TownRegistry.CanEdit(scope);
        Result = await TownQueries.ListAsync(db, await FilterAsync(scope, ct) with { Page = Math.Max(1, PageNumber), PageSize = 20 }, ct, scope);
    }

    /// <summary>The list as filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => TownQueries.ListAsync(db, filter with { Page = page, PageSize = size }, ct, scope),
            t => t.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(TownExport.Table, format, rows, time, ct);
    }

    /// <summary>The one reading of the filter bar that the table and the export share.</summary>
    private async Task<TownFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Jurisdictions = await JurisdictionChoices(db, scope, ct);
        (var path, Error) = await PlaceAsync(db, scope, Jurisdictions, Jurisdiction, ct);
        var tier = Tiers.Parse(Tier);
        var category = Category is null ? null : IndustryCategories.KeyOf(Category);
        return new TownFilter { JurisdictionPath = path, Tier = tier, Category = category, Search = Search, Sort = Sort };
    }

    /// <summary>
    /// The path of the place chosen in the filter, looked up within the person's scope (a name such as 城区 is used by more
    /// than one city); null for all of the scope, with a message when the name is not one of the choices. The person's own
    /// jurisdiction (山西省 for the province office) is all of the scope, not an error.
    /// </summary>
    public static async Task<(string? Path, string? Error)> PlaceAsync(TownsDbContext db, UserScope scope, IReadOnlyList<JurisdictionOption> choices, string? name, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name == scope.JurisdictionPath.Split('/')[^1]) return (null, null);
        if (choices.All(j => j.Name != name))
            return (null, await db.Jurisdictions.AnyAsync(j => j.Name == name, ct)
                ? $"“{name}”不在您的数据范围内，已显示全部。"
                : $"没有名为“{name}”的行政区划，已显示全部。");
        var (own, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        var path = await db.Jurisdictions.Where(j => j.Name == name && (scope.IsAdmin || j.Path == own || j.Path.StartsWith(under)))
            .OrderBy(j => j.Level).ThenBy(j => j.Path).Select(j => j.Path).FirstAsync(ct);
        return (path, null);
    }

    /// <summary>The cities and counties in the person's scope, for the filter.</summary>
    public static async Task<IReadOnlyList<JurisdictionOption>> JurisdictionChoices(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        var query = db.Jurisdictions.AsNoTracking().Where(j => j.Level == Core.Jurisdictions.JurisdictionLevel.City || j.Level == Core.Jurisdictions.JurisdictionLevel.County);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        if (!scope.IsAdmin) query = query.Where(j => j.Path == path || j.Path.StartsWith(under));
        var rows = await query.OrderBy(j => j.Path).Select(j => new { j.Name, j.Level }).ToListAsync(ct);
        return rows.Select(r => new JurisdictionOption(r.Name, r.Level == Core.Jurisdictions.JurisdictionLevel.County ? "　" + r.Name : r.Name)).ToList();
    }
}
