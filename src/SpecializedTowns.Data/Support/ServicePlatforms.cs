using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Support;

public sealed record PlatformFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }
    public PlatformFunction? Function { get; init; }
    public PlatformLevel? Level { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record PlatformItem(
    int Id, string Name, string County, int TownId, string Town, string Operator, PlatformOperatorKind OperatorKind, PlatformLevel Level,
    int EstablishedYear, PlatformMode Mode, IReadOnlyList<PlatformFunction> Functions, int? ServedYear, int? EnterprisesServed, string? Note,
    string CreatedBy, DateTime CreatedAtUtc, bool IsDemo);

/// <summary>
/// One town's line of the coverage matrix: which of the eight functions of 朔政办发〔2023〕19号 二（七） its platforms offer,
/// how many platforms are registered, and the count the town reported in its annual statistics.
/// </summary>
public sealed record TownCoverage(
    int TownId, string Town, string County, bool CriterionApplies, FunctionCoverage Coverage, int Registered, int? Reported, int? ReportedYear,
    int RegisteredByReportedYear)
{
    /// <summary>The register and the statistics disagree for the reported year.</summary>
    public bool Differs => Reported is { } r && r != RegisteredByReportedYear;
}

/// <summary>公共服务平台: listing, the coverage of the recognition criterion, keeping and deleting, within the person's scope.</summary>
public static class ServicePlatforms
{
    /// <summary>Offices, member units and leaders see the platforms of their counties; township staff those of their towns.</summary>
    public static IQueryable<ServicePlatform> Visible(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.ServicePlatforms;
        if (scope.Role == Roles.Township)
        {
            var towns = scope.Towns(db).Select(t => t.Id);
            return db.ServicePlatforms.Where(p => towns.Contains(p.SpecializedTownId));
        }
        if (scope.Role is Roles.Office or Roles.MemberUnit or Roles.Leader)
        {
            var counties = UserScope.CountiesUnder(db, scope.JurisdictionPath);
            return db.ServicePlatforms.Where(p => counties.Contains(p.CountyId));
        }
        return db.ServicePlatforms.Where(_ => false);
    }

    public static async Task<Paged<PlatformItem>> ListAsync(TownsDbContext db, PlatformFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<PlatformItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        var total = await query.CountAsync(ct);
        var items = await Project(db, query.OrderByCounty(db, p => p.CountyId).ThenBy(p => p.CountyId).ThenBy(p => p.SpecializedTownId).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size), ct);
        return new Paged<PlatformItem>(items, total, page, size);
    }

    public static async Task<PlatformItem?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default) =>
        (await Project(db, Visible(db, scope).AsNoTracking().Where(p => p.Id == id), ct)).SingleOrDefault();

    /// <summary>
    /// The matrix above the list: every town of the place and town filters (those without a platform too, all grey), read
    /// against the criterion's eight functions. The function, level and search filters narrow the list only: a town's
    /// coverage is what all its platforms offer.
    /// </summary>
    public static async Task<IReadOnlyList<TownCoverage>> CoverageAsync(TownsDbContext db, PlatformFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var towns = scope.Towns(db).AsNoTracking().Under(db, filter.JurisdictionPath);
        if (filter.TownId is { } only) towns = towns.Where(t => t.Id == only);
        var townRows = await towns.Select(t => new { t.Id, t.Name, County = t.County!.Name, t.County.Path, t.County.Code }).ToListAsync(ct);
        var ids = townRows.Select(t => t.Id).ToList();
        var platforms = await Visible(db, scope).AsNoTracking().Where(p => ids.Contains(p.SpecializedTownId))
            .Select(p => new { p.Id, p.Name, p.SpecializedTownId, p.EstablishedYear }).ToListAsync(ct);
        var platformIds = platforms.Select(p => p.Id).ToList();
        var functions = (await db.ServicePlatformFunctions.AsNoTracking().Where(f => platformIds.Contains(f.ServicePlatformId))
            .Select(f => new { f.ServicePlatformId, f.Function }).ToListAsync(ct)).ToLookup(f => f.ServicePlatformId, f => f.Function);
        var reported = (await db.TownStatistics.AsNoTracking().Where(s => ids.Contains(s.SpecializedTownId) && s.PublicServicePlatforms != null)
                .Select(s => new { s.SpecializedTownId, s.Year, s.PublicServicePlatforms }).ToListAsync(ct))
            .GroupBy(s => s.SpecializedTownId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Year)!);
        return townRows.OrderBy(t => PlaceOrder.KeyOf(t.Code, t.Path), StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t =>
        {
            var own = platforms.Where(p => p.SpecializedTownId == t.Id).ToList();
            var report = reported.GetValueOrDefault(t.Id);
            return new TownCoverage(t.Id, t.Name, t.County,
                t.Path == PlatformFunctions.CriterionArea || t.Path.StartsWith(PlatformFunctions.CriterionArea + "/", StringComparison.Ordinal),
                FunctionCoverage.Of(own.Select(p => (p.Name, (IEnumerable<PlatformFunction>)functions[p.Id]))),
                own.Count, report?.PublicServicePlatforms, report?.Year, report is null ? own.Count : own.Count(p => p.EstablishedYear <= report.Year));
        }).ToList();
    }

    private static IQueryable<ServicePlatform> Filtered(TownsDbContext db, PlatformFilter filter, UserScope scope)
    {
        var query = Visible(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(p => counties.Contains(p.CountyId));
        }
        if (filter.TownId is { } town) query = query.Where(p => p.SpecializedTownId == town);
        if (filter.Function is { } function) query = query.Where(p => p.Functions.Any(f => f.Function == function));
        if (filter.Level is { } level) query = query.Where(p => p.Level == level);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(p => p.Name.Contains(s) || p.Operator.Contains(s));
        }
        return query;
    }

    private static async Task<List<PlatformItem>> Project(TownsDbContext db, IQueryable<ServicePlatform> query, CancellationToken ct)
    {
        var rows = await query.Select(p => new
        {
            p.Id, p.Name, p.SpecializedTownId, p.Operator, p.OperatorKind, p.Level, p.EstablishedYear, p.Mode, p.ServedYear, p.EnterprisesServed, p.Note,
            p.CreatedBy, p.CreatedAtUtc, p.IsDemo,
            County = db.Jurisdictions.Where(j => j.Id == p.CountyId).Select(j => j.Name).FirstOrDefault(),
            Town = db.Towns.Where(t => t.Id == p.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var functions = (await db.ServicePlatformFunctions.AsNoTracking().Where(f => ids.Contains(f.ServicePlatformId))
            .Select(f => new { f.ServicePlatformId, f.Function }).ToListAsync(ct)).ToLookup(f => f.ServicePlatformId, f => f.Function);
        return rows.Select(r => new PlatformItem(r.Id, r.Name, r.County ?? "", r.SpecializedTownId, r.Town ?? "", r.Operator, r.OperatorKind, r.Level,
            r.EstablishedYear, r.Mode, functions[r.Id].Order().ToList(), r.ServedYear, r.EnterprisesServed, r.Note, r.CreatedBy, r.CreatedAtUtc, r.IsDemo)).ToList();
    }

    /// <summary>Creates (id null) or changes a platform; the field errors when refused, with the "" key for a refusal of the whole.</summary>
    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, UserScope scope, int? id, PlatformInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护公共服务平台"); return (null, errors); }
        ServicePlatform? platform = null;
        if (id is { } editId && (platform = await Visible(db, scope).Include(p => p.Functions).SingleOrDefaultAsync(p => p.Id == editId, ct)) is null)
        {
            errors.NotFound("公共服务平台不存在，或不在您的数据范围内");
            return (null, errors);
        }
        foreach (var (field, message) in PlatformRules.Check(input, today)) errors[field] = message;
        int? countyId = null;
        if (input.SpecializedTownId is { } townId)
        {
            var town = await scope.Towns(db).Where(t => t.Id == townId).Select(t => new { t.CountyId }).SingleOrDefaultAsync(ct);
            if (town is null) errors[nameof(input.SpecializedTownId)] = "所选专业镇不在您的数据范围内";
            else countyId = town.CountyId;
        }
        var name = input.Name?.Trim() ?? "";
        if (countyId is not null && !errors.ContainsKey(nameof(input.Name))
            && await db.ServicePlatforms.AnyAsync(p => p.SpecializedTownId == input.SpecializedTownId && p.Name == name && p.Id != (id ?? 0), ct))
            errors[nameof(input.Name)] = "该专业镇已登记同名的公共服务平台";
        if (!errors.Ok) return (null, errors);

        if (platform is null)
        {
            platform = new ServicePlatform { CreatedBy = who, CreatedAtUtc = nowUtc };
            db.ServicePlatforms.Add(platform);
        }
        platform.Name = name;
        platform.SpecializedTownId = input.SpecializedTownId!.Value;
        platform.CountyId = countyId!.Value;
        platform.Operator = input.Operator!.Trim();
        platform.OperatorKind = input.OperatorKind!.Value;
        platform.Level = input.Level!.Value;
        platform.EstablishedYear = input.EstablishedYear!.Value;
        platform.Mode = input.Mode!.Value;
        platform.SetFunctions(input.Functions!);
        platform.ServedYear = input.EnterprisesServed is null ? null : input.ServedYear;
        platform.EnterprisesServed = input.EnterprisesServed;
        platform.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            errors[nameof(input.Name)] = "该专业镇刚由他人登记了同名平台，请核对";
            return (null, errors);
        }
        return (platform.Id, errors);
    }

    /// <summary>Deletes a platform with its functions; null when done, else why not. Found is false for one outside the scope.</summary>
    public static async Task<(bool Found, string? Error)> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        var platform = await Visible(db, scope).Include(p => p.Functions).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is null) return (false, "公共服务平台不存在，或不在您的数据范围内");
        if (!SupportScope.CanEdit(scope)) return (true, "您的角色不能删除公共服务平台");
        db.ServicePlatforms.Remove(platform);
        await db.SaveChangesAsync(ct);
        return (true, null);
    }
}
