using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Enterprises;

public sealed class IndexModel(TownsDbContext db, StorageSettings storage, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? AboveScale { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<EnterpriseListItem> Result { get; private set; } = new([], 0, 1, 20);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<(int Id, string Name)> Towns { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Town is not null || Role is not null || AboveScale is not null || !string.IsNullOrWhiteSpace(Search);

    public bool CanImport { get; private set; }

    /// <summary>
    /// What the menu's 龙头企业 and 规上/升规 open: the same list filtered, named after the entry. 升规培育 is the enterprises
    /// not yet counted above scale, largest output first — those nearest to being counted (“升规入统”).
    /// </summary>
    public ListView View => (Role, AboveScale) switch
    {
        (nameof(EnterpriseRole.Leading), _) => new("龙头企业", "类型为龙头企业的企业。各市、县的认定标准都要求专业镇的主导产业至少拥有 1 家龙头企业。", false),
        (_, "yes") => new("规上/升规", "已纳入规模以上统计的企业。", true),
        (_, "no") => new("规上/升规", Sort == "output"
            ? "尚未纳入规模以上统计的企业，按年产值从高到低：排在前面的最接近规模以上标准，是“小升规”“升规入统”培育的重点。"
            : "尚未纳入规模以上统计的企业。", true),
        _ => new("企业名录", null, false),
    };

    public sealed record ListView(string Title, string? Note, bool Tabs);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = EnterpriseRegistry.CanEdit(scope);
        CanImport = scope.Role is Roles.Admin or Roles.Office;
        Result = await EnterpriseQueries.ListAsync(db, await FilterAsync(scope, ct) with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    /// <summary>The list as filtered, every page of it (or the ticked rows), to .xlsx or .csv; a province's 300,000 rows take
    /// seconds, so the rows written are counted for the page waiting on them.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var progress = await ExportFile.ProgressAsync(Request, storage, time, scope.UserId, ct);
        var rows = EnterpriseQueries.AllAsync(db, filter, scope, ExportFile.Selection(Request), progress is null ? null : progress.SetTotal, ct);
        return await ExportFile.ResultAsync(EnterpriseExport.Table, format, rows, time, ct, progress, place: Places.Path);
    }

    private static readonly IReadOnlyDictionary<string, string> AboveScaleNames = new Dictionary<string, string> { ["yes"] = "是", ["no"] = "否" };

    /// <summary>The one reading of the filter bar that the table and the export share.</summary>
    private async Task<EnterpriseFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        // Named with their county: a province office picks among 300 towns, a few of them alike.
        Towns = (await Support.SupportPages.TownsIn(scope, db, Places.Path).AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, County = t.County!.Name }).ToListAsync(ct))
            .Select(t => (t.Id, $"{t.Name}（{t.County}）")).ToList();
        EnterpriseRole? role = FilterValues.Read<EnterpriseRole>(HttpContext, Role, "企业类型");
        Role = role?.ToString();
        AboveScale = FilterValues.ReadKey(HttpContext, AboveScaleNames, AboveScale, "规上企业");
        bool? above = AboveScale switch { "yes" => true, "no" => false, _ => null };
        // A town outside the place chosen, or the person's scope, is dropped with a note; its enterprises are never shown.
        Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(t => t.Id), Places.Name);
        return new EnterpriseFilter { JurisdictionPath = Places.Path, TownId = Town, Role = role, AboveScale = above, Search = Search,
            Sort = FilterValues.ReadSort(HttpContext, Sort, EnterpriseFilter.SortKeys) };
    }
}
