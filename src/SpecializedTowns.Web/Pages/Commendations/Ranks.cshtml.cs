using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Commendations;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Commendations;

/// <summary>全国市场占有率排名: the office records a leading product's national rank by year; everyone in scope reads the list.</summary>
public sealed class RanksModel(TownsDbContext db, MarketRankService ranks, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public int? TownId { get; set; }
        public int? EnterpriseId { get; set; }
        public string? Product { get; set; }
        public int? Year { get; set; }
        public int? Rank { get; set; }
        public string? RankingSource { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    // The list's filters come from the query of a GET only: bound on a POST, "page" would meet the route value of the same name.
    public int? Year { get; private set; }
    public string? Product { get; private set; }
    public int PageNumber { get; private set; } = 1;

    public Paged<MarketRankRow> List { get; private set; } = new([], 0, 1, 20);
    public bool CanRecord { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(int Id, string Name, string County)> Towns { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, int TownId, string Town)> Enterprises { get; private set; } = [];

    public async Task OnGetAsync(int? year, string? product, [FromQuery(Name = "page")] int page, CancellationToken ct)
    {
        (Year, Product, PageNumber) = (year, product, Math.Max(1, page));
        Input = new Form { Year = ChinaTime.Today(time).Year - 1 };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!MarketRankService.CanRecord(scope)) return Forbid();
        if (ModelState.IsValid)
        {
            var (id, errors) = await ranks.RecordAsync(scope, User.DisplayName(), new MarketRankInput
            {
                TownId = Input.TownId, EnterpriseId = Input.EnterpriseId, Product = Input.Product, Year = Input.Year, Rank = Input.Rank,
                RankingSource = Input.RankingSource, Note = Input.Note,
            }, ct);
            if (id is not null)
            {
                TempData["Saved"] = $"已登记“{Input.Product?.Trim()}”{Input.Year}年全国第 {Input.Rank} 名。";
                return Redirect("/Commendations/Ranks");
            }
            Error = ModelState.Show(errors, nameof(Input));
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var (found, errors) = await ranks.DeleteAsync(UserScope.From(User)!, id, ct);
        if (!found) return NotFound();
        if (!errors.Ok) return Forbid();
        TempData["Saved"] = "排名记录已删除。";
        return Redirect("/Commendations/Ranks");
    }

    /// <summary>The enterprise choices of one town in scope, for the form once a town is chosen.</summary>
    public async Task<IActionResult> OnGetEnterprisesAsync([FromQuery(Name = "Input.TownId")] int? townId, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!MarketRankService.CanRecord(scope)) return Forbid();
        if (townId is { } id && !await scope.Towns(db).AnyAsync(t => t.Id == id, ct)) return NotFound();
        Enterprises = townId is { } town ? await EnterprisesOfAsync(town, ct) : [];
        return Partial("_RankEnterprises", this);
    }

    private async Task<IReadOnlyList<(int Id, string Name, int TownId, string Town)>> EnterprisesOfAsync(int townId, CancellationToken ct)
    {
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.Name).FirstAsync(ct);
        return (await db.Enterprises.AsNoTracking()
            .Where(e => e.SpecializedTownId == townId && (e.Role == EnterpriseRole.Leading || e.Role == EnterpriseRole.Supporting))
            .OrderBy(e => e.Role).ThenBy(e => e.Name)
            .Select(e => new { e.Id, e.Name })
            .ToListAsync(ct)).Select(e => (e.Id, e.Name, townId, town)).ToList();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanRecord = MarketRankService.CanRecord(scope);
        List = await ranks.ListAsync(scope, new MarketRankFilter { Year = Year, Product = Product, Page = PageNumber, PageSize = 20 }, ct);
        if (!CanRecord) return;
        Towns = (await scope.Towns(db).AsNoTracking().OrderByCounty(t => t.County).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, County = t.County!.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name, t.County)).ToList();
        // The enterprises of the town chosen only: a province's towns hold tens of thousands of leading and supporting
        // enterprises (13 MB of options). Choosing a town fetches its own (OnGetEnterprisesAsync).
        if (Input.TownId is { } town && Towns.Any(t => t.Id == town)) Enterprises = await EnterprisesOfAsync(town, ct);

    }
}
