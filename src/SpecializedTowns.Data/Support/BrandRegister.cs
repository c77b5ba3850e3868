using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Support;

public sealed record BrandFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }
    public BrandKind? Kind { get; init; }
    public BrandHonour? Honour { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record BrandItem(
    int Id, int TownId, string Town, string County, int? EnterpriseId, string? Enterprise, string Name, BrandKind Kind, RecognitionLevel Level,
    BrandHonour? Honour, int? Year, bool FromGeoIndication);

public sealed record BrandInput
{
    public int? SpecializedTownId { get; init; }
    public int? EnterpriseId { get; init; }
    public string? Name { get; init; }
    public BrandKind? Kind { get; init; }
    public RecognitionLevel? Level { get; init; }
    public BrandHonour? Honour { get; init; }
    public int? Year { get; init; }
}

public sealed record BrandQuotaReport(IReadOnlyList<BrandQuotaRule> Rules, IReadOnlyList<TownBrandQuota> Towns, IReadOnlyList<QuotaRollup> Rollup);

/// <summary>
/// The brands of the towns a person sees (区域公用品牌, 企业品牌, 产品品牌, 地理标志, with their honours), and the quota of
/// “山西精品”公用品牌 per town that 朔政办发〔2023〕19号 四（四） sets, town by town and rolled up to county, city and province.
/// Brands are kept on their town; an enterprise's brand names the enterprise too.
/// </summary>
public static class BrandRegister
{
    public static async Task<Paged<BrandItem>> ListAsync(TownsDbContext db, BrandFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<BrandItem>.Normalize(filter.Page, filter.PageSize);
        var towns = scope.Towns(db).Under(db, filter.JurisdictionPath).Select(t => t.Id);
        var query = db.Brands.AsNoTracking().Where(b => b.SpecializedTownId != null && towns.Contains(b.SpecializedTownId.Value));
        if (filter.TownId is { } town) query = query.Where(b => b.SpecializedTownId == town);
        if (filter.Kind is { } kind) query = query.Where(b => b.Kind == kind);
        if (filter.Honour is { } honour) query = query.Where(b => b.Honour == honour);
        if (!string.IsNullOrWhiteSpace(filter.Search)) { var s = filter.Search.Trim(); query = query.Where(b => b.Name.Contains(s)); }
        var total = await query.CountAsync(ct);
        var rows = await query
            .Select(b => new
            {
                b.Id, TownId = b.SpecializedTownId!.Value, b.EnterpriseId, b.Name, b.Kind, b.Level, b.Honour, b.Year,
                Town = db.Towns.Where(t => t.Id == b.SpecializedTownId).Select(t => new { t.Name, County = t.County!.Name, Order = EF.Property<string>(t.County!, PlaceOrder.Column) }).First(),
                Enterprise = db.Enterprises.Where(e => e.Id == b.EnterpriseId).Select(e => e.Name).FirstOrDefault(),
                FromGi = db.GeoIndications.Any(g => g.BrandId == b.Id),
            })
            .OrderBy(b => b.Town.Order).ThenBy(b => b.TownId).ThenBy(b => b.Honour == null).ThenBy(b => b.Honour).ThenBy(b => b.Kind).ThenBy(b => b.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<BrandItem>(rows.Select(r => new BrandItem(r.Id, r.TownId, r.Town.Name, r.Town.County, r.EnterpriseId, r.Enterprise, r.Name, r.Kind, r.Level,
            r.Honour, r.Year, r.FromGi)).ToList(), total, page, size);
    }

    /// <summary>One brand for the edit form; null when it does not exist or lies outside the person's scope.</summary>
    public static async Task<Brand?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default) =>
        await Visible(db, scope).AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);

    private static IQueryable<Brand> Visible(TownsDbContext db, UserScope scope)
    {
        var towns = scope.Towns(db).Select(t => t.Id);
        return db.Brands.Where(b => b.SpecializedTownId != null && towns.Contains(b.SpecializedTownId.Value));
    }

    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(TownsDbContext db, UserScope scope, int? id, BrandInput input, DateOnly today, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护品牌"); return (null, errors); }
        Brand? brand = null;
        if (id is { } editId && (brand = await Visible(db, scope).SingleOrDefaultAsync(b => b.Id == editId, ct)) is null)
        {
            errors.NotFound("品牌不存在，或不在您的数据范围内");
            return (null, errors);
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写品牌名称";
        else if (name.Length > Brand.MaxName) errors[nameof(input.Name)] = $"品牌名称不超过 {Brand.MaxName} 字";
        if (input.SpecializedTownId is not { } townId) errors[nameof(input.SpecializedTownId)] = "请选择专业镇";
        else if (!await scope.Towns(db).AnyAsync(t => t.Id == townId, ct)) errors[nameof(input.SpecializedTownId)] = "所选专业镇不在您的数据范围内";
        else
        {
            if (input.EnterpriseId is { } eid && !await db.Enterprises.AnyAsync(e => e.Id == eid && e.SpecializedTownId == townId, ct))
                errors[nameof(input.EnterpriseId)] = "所选企业不属于该专业镇";
            if (name.Length > 0 && await db.Brands.AnyAsync(b => b.SpecializedTownId == townId && b.Name == name && b.Id != (id ?? 0), ct))
                errors[nameof(input.Name)] = "该专业镇已登记同名品牌";
        }
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.Kind)] = "请选择品牌类别";
        if (input.Level is not { } level || !Enum.IsDefined(level)) errors[nameof(input.Level)] = "请选择品牌级别";
        if (input.Honour is { } honour && !Enum.IsDefined(honour)) errors[nameof(input.Honour)] = "请选择品牌荣誉";
        if (input.Year is { } year && (year < 1949 || year > today.Year)) errors[nameof(input.Year)] = $"年度应在 1949 至 {today.Year} 之间";
        if (brand is not null && brand.Kind == BrandKind.GeographicalIndication && input.Kind != BrandKind.GeographicalIndication
            && await db.GeoIndications.AnyAsync(g => g.BrandId == brand.Id, ct))
            errors[nameof(input.Kind)] = "该品牌由获批的地理标志申请生成，类别须为地理标志";
        if (!errors.Ok) return (null, errors);

        brand ??= db.Brands.Add(new Brand { Name = name }).Entity;
        brand.Name = name;
        brand.SpecializedTownId = input.SpecializedTownId;
        brand.EnterpriseId = input.EnterpriseId;
        brand.Kind = input.Kind!.Value;
        brand.Level = input.Level!.Value;
        brand.Honour = input.Honour;
        brand.Year = input.Year;
        await db.SaveChangesAsync(ct);
        return (brand.Id, errors);
    }

    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护品牌";
        var brand = await Visible(db, scope).SingleOrDefaultAsync(b => b.Id == id, ct);
        if (brand is null) return "品牌不存在，或不在您的数据范围内";
        if (await db.GeoIndications.AnyAsync(g => g.BrandId == id, ct)) return "该品牌由获批的地理标志申请生成，不能删除";
        db.Brands.Remove(brand);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Every town the person sees that a quota's document governs, with its “山西精品” brands (its own and its enterprises'),
    /// whether its tier carries a quota and whether it met it; and the roll-up of the towns with a quota.
    /// </summary>
    public static async Task<BrandQuotaReport> QuotaAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, string? jurisdictionPath, DateOnly today, CancellationToken ct = default)
    {
        var rules = BrandQuotas.Rules(catalog);
        if (rules.Count == 0) return new BrandQuotaReport(rules, [], []);
        // A town taken off the list (decision 0024) is held to no quota.
        var towns = await scope.Towns(db).Under(db, jurisdictionPath).AsNoTracking().Where(Core.Towns.SpecializedTown.Listed)
            .Select(t => new { t.Id, t.Name, t.Tier, t.County!.Path, t.County.Code }).ToListAsync(ct);
        towns = towns.Where(t => BrandQuotas.Governs(rules, t.Path)).ToList();
        var ids = towns.Select(t => t.Id).ToList();
        var jingpin = await db.Brands.AsNoTracking().Where(b => b.Honour == BrandHonour.ShanxiJingpin)
            .Select(b => new
            {
                b.Name,
                TownId = b.SpecializedTownId ?? db.Enterprises.Where(e => e.Id == b.EnterpriseId).Select(e => e.SpecializedTownId).FirstOrDefault(),
            })
            .Where(b => b.TownId != null && ids.Contains(b.TownId.Value)).ToListAsync(ct);
        var byTown = jingpin.GroupBy(b => b.TownId!.Value).ToDictionary(g => g.Key, g => g.Select(b => b.Name).Distinct().Order(StringComparer.Ordinal).ToList());
        var quotas = towns
            .Select(t => (Order: PlaceOrder.KeyOf(t.Code, t.Path), Quota: BrandQuotas.Town(rules, t.Id, t.Name, t.Path, t.Tier, byTown.GetValueOrDefault(t.Id) ?? [], today)))
            .OrderBy(t => t.Quota.Rule is null).ThenByDescending(t => t.Quota.Tier).ThenBy(t => t.Order, StringComparer.Ordinal).ThenBy(t => t.Quota.Town, StringComparer.Ordinal)
            .Select(t => t.Quota).ToList();
        return new BrandQuotaReport(rules, quotas, BrandQuotas.Rollup(quotas));
    }
}
