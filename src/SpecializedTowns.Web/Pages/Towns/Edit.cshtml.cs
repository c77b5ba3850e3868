using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Towns;

public sealed class EditModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public int? CountyId { get; set; }
        public List<int> TownshipIds { get; set; } = [];
        public string? Category { get; set; }
        public string? LeadingIndustry { get; set; }
        public string? LeadingProducts { get; set; }
        public string? PolicyId { get; set; }
        public bool HistoricalOriginOrGeographicalIndication { get; set; }
        public bool? LargeNationalMarketSpace { get; set; }
        [Display(Name = "现有梯次")] public Tier? Tier { get; set; }
        public DateOnly? TierSince { get; set; }
        public string? TierDocumentNumber { get; set; }
        public int? Version { get; set; }
    }

    public sealed record Place(int Id, string Name, int? ParentId);

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<Place> Counties { get; private set; } = [];
    public IReadOnlyList<Place> Townships { get; private set; } = [];
    public IReadOnlyList<PolicyPack> Policies { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>Somebody else saved the record after this form was loaded: the message says who, and links to what they saved.</summary>
    public bool Conflict { get; private set; }
    public Tier HighestTier { get; private set; } = Tier.Reserve;

    /// <summary>A town already registered: what a change of its county would take along and leave behind (decision 0022).</summary>
    public TownMoveEffects? Move { get; private set; }
    private Dictionary<int, (string Name, string Path)> countyPlaces = [];
    private int? MovedFrom;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TownRegistry.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            var t = await scope.Towns(db).AsNoTracking().Include(x => x.Townships).SingleOrDefaultAsync(x => x.Id == editId, ct);
            if (t is null) return NotFound();
            Input = new Form
            {
                Name = t.Name, CountyId = t.CountyId, TownshipIds = t.Townships.Select(x => x.TownshipId).ToList(), Category = t.Category,
                LeadingIndustry = t.LeadingIndustry, LeadingProducts = t.LeadingProducts, PolicyId = t.PolicyId,
                HistoricalOriginOrGeographicalIndication = t.HistoricalOriginOrGeographicalIndication, LargeNationalMarketSpace = t.LargeNationalMarketSpace,
                Version = t.Version,
            };
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TownRegistry.CanEdit(scope)) return Forbid();
        Id = id;
        await LoadAsync(scope, ct);
        // Only a document that governs here may be named as the town's basis.
        if (Input.PolicyId is { Length: > 0 } policy && Policies.All(p => p.Id != policy))
        {
            ModelState.AddModelError("Input.PolicyId", "所选文件不适用于您的行政区划");
            return Page();
        }
        // The basis must govern the town's county: a town moved to another county does not keep the old county's plan, which
        // its 一镇一档 would go on printing (qa120 1).
        if (Input.PolicyId is { Length: > 0 } basis && Input.CountyId is { } countyId && countyPlaces.TryGetValue(countyId, out var place)
            && Policies.FirstOrDefault(p => p.Id == basis) is { } pack && string.Join("/", pack.Document.JurisdictionPath) is var area
            && !Core.Jurisdictions.Jurisdiction.IsWithin(place.Path, area))
        {
            ModelState.AddModelError("Input.PolicyId",
                $"“{pack.Document.Title}”是{pack.Document.Jurisdiction}的文件，不适用于{place.Name}的专业镇：请改选{place.Name}或上级的文件，或选“未指定”");
            return Page();
        }
        // A field that could not be read (a 梯次 the list did not offer, a date that is no date) is said beside it; saving
        // without it would register the town at 储备 or without its 认定日期 as if nothing had been chosen.
        if (ModelState.Unreadable(nameof(Input))) return Page();
        var input = new TownInput
        {
            Name = Input.Name ?? "", CountyId = Input.CountyId, TownshipIds = Input.TownshipIds, Category = Input.Category,
            LeadingIndustry = Input.LeadingIndustry ?? "", LeadingProducts = Input.LeadingProducts, PolicyId = Input.PolicyId,
            HistoricalOriginOrGeographicalIndication = Input.HistoricalOriginOrGeographicalIndication, LargeNationalMarketSpace = Input.LargeNationalMarketSpace,
            Tier = Input.Tier, TierSince = Input.TierSince, TierDocumentNumber = Input.TierDocumentNumber, Version = Input.Version,
        };
        // Read before the save, which moves them: the message says what followed the town.
        var moving = Move is not null && Input.CountyId is { } to && to != MovedFrom && countyPlaces.TryGetValue(to, out var target) ? target.Name : null;
        int? saved; Data.Enterprises.FieldErrors errors;
        try { (saved, errors) = await TownRegistry.SaveAsync(db, scope, id, input, time, ct); }
        catch (EditConflictException conflict)
        {
            // What was typed stays in the form; the next save, made knowingly against the version now saved, goes through.
            Error = conflict.Message;
            Conflict = conflict.CurrentVersion is not null;
            Input.Version = conflict.CurrentVersion;
            return Page();
        }
        if (saved is not null)
        {
            TempData["Saved"] = id is null ? $"已登记“{input.Name.Trim()}”"
                : $"已保存“{input.Name.Trim()}”" + (moving is not null ? "，" + Move!.After(moving) : "");
            return Redirect($"/Towns/Detail/{saved}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        HighestTier = TownRegistry.HighestTierToRecord(scope);
        var counties = db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        if (!scope.IsAdmin) counties = counties.Where(j => j.Path == path || j.Path.StartsWith(under));
        var list = await counties.OrderByCounty(j => j).Select(j => new { j.Id, j.Name, j.Path }).ToListAsync(ct);
        Counties = list.Select(c => new Place(c.Id, c.Name, null)).ToList();
        countyPlaces = list.ToDictionary(c => c.Id, c => (c.Name, c.Path));
        if (Id is { } townId && await scope.Towns(db).AsNoTracking().Where(t => t.Id == townId).Select(t => (int?)t.CountyId).SingleOrDefaultAsync(ct) is { } from)
        {
            MovedFrom = from;
            Move = await TownRegistry.MoveEffectsAsync(db, townId, ct);
        }
        var ids = list.Select(c => c.Id).ToList();
        Townships = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId != null && ids.Contains(j.ParentId.Value))
            .OrderByPlace(j => j).Select(j => new Place(j.Id, j.Name, j.ParentId)).ToListAsync(ct);
        // The documents that govern somewhere in the person's scope or above it.
        Policies = catalog.Packs.Where(p => string.Join("/", p.Document.JurisdictionPath) is var area
            && (scope.IsAdmin || scope.Covers(area) || scope.JurisdictionPath.StartsWith(area + "/"))).ToList();
    }
}
