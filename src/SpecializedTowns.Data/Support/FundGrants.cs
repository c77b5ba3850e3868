using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Data.Support;

public sealed record FundGrantFilter
{
    public int? Year { get; init; }
    public string? JurisdictionPath { get; init; }
    public RecipientKind? RecipientKind { get; init; }
    public string? ClauseSource { get; init; }
    public int? TownId { get; init; }
    public int? EnterpriseId { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record FundGrantListItem(
    int Id, DateOnly GrantedOn, string FundName, FundKind Kind, FundLevel Level, string PolicyPackId, string ClauseSource,
    RecipientKind RecipientKind, string Recipient, int? TownId, string? Town, int? EnterpriseId, string County,
    decimal AmountWanYuan, string Purpose, string ExpectedOutcome, decimal? TargetValue, string? TargetUnit, string? DocumentNumber, bool IsDemo);

/// <summary>A page of grants with the total of every grant the filter finds (not only this page's).</summary>
public sealed record FundGrantPage(Paged<FundGrantListItem> Page, decimal TotalWanYuan);

public sealed record FundGrantDetail(FundGrantListItem Grant, string CountyPath, SupportClause? Clause, string CreatedBy, DateTime CreatedAtUtc);

/// <summary>资金奖补: listing, reading and keeping grants, within the person's scope, each citing a clause of a document that governs the recipient.</summary>
public static class FundGrants
{
    public static async Task<FundGrantPage> ListAsync(TownsDbContext db, FundGrantFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<FundGrantListItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        var total = await query.CountAsync(ct);
        // SQLite keeps decimals as text and cannot add them up: the amounts come back and are summed here (a county has hundreds, not millions).
        var amounts = await query.Select(g => g.AmountWanYuan).ToListAsync(ct);
        var rows = await Project(db, query.OrderByDescending(g => g.GrantedOn).ThenByDescending(g => g.Id).Skip((page - 1) * size).Take(size), ct);
        return new FundGrantPage(new Paged<FundGrantListItem>(rows, total, page, size), Quantity.Normalize(amounts.Sum()));
    }

    public static async Task<FundGrantDetail?> FindAsync(TownsDbContext db, PolicyCatalog catalog, int id, UserScope scope, CancellationToken ct = default)
    {
        var query = SupportScope.Grants(db, scope).AsNoTracking().Where(g => g.Id == id);
        var item = (await Project(db, query, ct)).SingleOrDefault();
        if (item is null) return null;
        var extra = await query.Select(g => new
        {
            g.CreatedBy, g.CreatedAtUtc, Path = db.Jurisdictions.Where(j => j.Id == g.CountyId).Select(j => j.Path).FirstOrDefault(),
        }).SingleAsync(ct);
        return new FundGrantDetail(item, extra.Path ?? "", SupportClauses.Find(catalog, item.ClauseSource), extra.CreatedBy, extra.CreatedAtUtc);
    }

    private static IQueryable<Core.Support.FundGrant> Filtered(TownsDbContext db, FundGrantFilter filter, UserScope scope)
    {
        var query = SupportScope.Grants(db, scope).AsNoTracking();
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(g => g.GrantedOn >= from && g.GrantedOn <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(g => counties.Contains(g.CountyId));
        }
        if (filter.RecipientKind is { } kind) query = query.Where(g => g.RecipientKind == kind);
        if (!string.IsNullOrWhiteSpace(filter.ClauseSource)) query = query.Where(g => g.ClauseSource == filter.ClauseSource.Trim());
        if (filter.TownId is { } town) query = query.Where(g => g.SpecializedTownId == town);
        if (filter.EnterpriseId is { } enterprise) query = query.Where(g => g.EnterpriseId == enterprise);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(g => g.FundName.Contains(s) || g.Purpose.Contains(s)
                || db.Enterprises.Any(e => e.Id == g.EnterpriseId && e.Name.Contains(s))
                || db.Towns.Any(t => t.Id == g.SpecializedTownId && t.Name.Contains(s)));
        }
        return query;
    }

    private static async Task<List<FundGrantListItem>> Project(TownsDbContext db, IQueryable<Core.Support.FundGrant> query, CancellationToken ct)
    {
        var rows = await query.Select(g => new
        {
            g.Id, g.GrantedOn, g.FundName, g.Kind, g.Level, g.PolicyPackId, g.ClauseSource, g.RecipientKind, g.SpecializedTownId, g.EnterpriseId,
            Town = db.Towns.Where(t => t.Id == g.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            Enterprise = db.Enterprises.Where(e => e.Id == g.EnterpriseId).Select(e => e.Name).FirstOrDefault(),
            County = db.Jurisdictions.Where(j => j.Id == g.CountyId).Select(j => j.Name).FirstOrDefault(),
            g.AmountWanYuan, g.Purpose, g.ExpectedOutcome, g.TargetValue, g.TargetUnit, g.DocumentNumber, g.IsDemo,
        }).ToListAsync(ct);
        return rows.Select(r => new FundGrantListItem(r.Id, r.GrantedOn, r.FundName, r.Kind, r.Level, r.PolicyPackId, r.ClauseSource, r.RecipientKind,
            (r.RecipientKind == RecipientKind.Town ? r.Town : r.Enterprise) ?? "", r.SpecializedTownId, r.Town, r.EnterpriseId, r.County ?? "",
            Quantity.Normalize(r.AmountWanYuan), r.Purpose, r.ExpectedOutcome, Quantity.Normalize(r.TargetValue), r.TargetUnit, r.DocumentNumber, r.IsDemo)).ToList();
    }

    /// <summary>The clauses a person may cite: those of the documents above, at or below their jurisdiction.</summary>
    public static IReadOnlyList<SupportClause> ClauseChoices(PolicyCatalog catalog, UserScope scope) =>
        SupportClauses.All(catalog).Where(c => scope.IsAdmin || SupportClauses.Concerns(c, scope.JurisdictionPath)).ToList();

    /// <summary>Creates (id null) or changes a grant; the field errors when refused, with the "" key for a refusal of the whole.</summary>
    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, PolicyCatalog catalog, UserScope scope, int? id, FundGrantInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能登记资金奖补"); return (null, errors); }
        Core.Support.FundGrant? grant = null;
        if (id is { } editId && (grant = await SupportScope.Grants(db, scope).SingleOrDefaultAsync(g => g.Id == editId, ct)) is null)
        {
            errors.NotFound("资金奖补记录不存在，或不在您的数据范围内");
            return (null, errors);
        }
        foreach (var (field, message) in FundGrantRules.Check(input, today)) errors[field] = message;

        var clause = SupportClauses.Find(catalog, input.ClauseSource);
        if (clause is null && !errors.ContainsKey(nameof(input.ClauseSource))) errors[nameof(input.ClauseSource)] = "所选政策条款不在已载入的政策文件中";

        int? countyId = null, townId = null;
        string? countyPath = null;
        if (input.RecipientKind == RecipientKind.Town && input.SpecializedTownId is { } tid)
        {
            var town = await scope.Towns(db).Where(t => t.Id == tid).Select(t => new { t.Id, t.CountyId, t.County!.Path }).SingleOrDefaultAsync(ct);
            if (town is null) errors[nameof(input.SpecializedTownId)] = "所选专业镇不在您的数据范围内";
            else (countyId, townId, countyPath) = (town.CountyId, town.Id, town.Path);
        }
        else if (input.RecipientKind == RecipientKind.Enterprise && input.EnterpriseId is { } eid)
        {
            var enterprise = await scope.Enterprises(db).Where(e => e.Id == eid)
                .Select(e => new { e.CountyId, e.SpecializedTownId, e.County!.Path }).SingleOrDefaultAsync(ct);
            if (enterprise is null) errors[nameof(input.EnterpriseId)] = "所选企业不在您的数据范围内";
            else
            {
                // The town an enterprise belonged to when it was granted stays the town the money counts for.
                var sameEnterprise = grant is not null && grant.RecipientKind == RecipientKind.Enterprise && grant.EnterpriseId == eid;
                (countyId, townId, countyPath) = (enterprise.CountyId, sameEnterprise ? grant!.SpecializedTownId : enterprise.SpecializedTownId, enterprise.Path);
            }
        }
        if (clause is not null && countyPath is not null && !SupportClauses.Governs(clause, countyPath))
            errors[nameof(input.ClauseSource)] = $"{clause.DocumentNumber ?? clause.DocumentTitle}适用于{clause.AreaPath.Replace("/", "")}，所选支持对象在{countyPath.Replace("/", "")}，请选择适用于该地的政策条款";
        if (clause is not null && input.Level is { } level && Enum.IsDefined(level) && !errors.ContainsKey(nameof(input.ClauseSource))
            && SupportClauses.LevelProblem(clause, level) is { } levelProblem)
            errors[nameof(input.ClauseSource)] = levelProblem;
        if (!errors.Ok) return (null, errors);

        if (grant is null)
        {
            grant = new Core.Support.FundGrant { CreatedBy = who, CreatedAtUtc = nowUtc };
            db.FundGrants.Add(grant);
        }
        grant.FundName = input.FundName!.Trim();
        grant.Kind = input.Kind!.Value;
        grant.Level = input.Level!.Value;
        grant.PolicyPackId = clause!.PackId;
        grant.ClauseSource = clause.Source;
        grant.RecipientKind = input.RecipientKind!.Value;
        grant.CountyId = countyId!.Value;
        grant.SpecializedTownId = townId;
        grant.EnterpriseId = grant.RecipientKind == RecipientKind.Enterprise ? input.EnterpriseId : null;
        grant.AmountWanYuan = input.AmountWanYuan!.Value;
        grant.GrantedOn = input.GrantedOn!.Value;
        grant.DocumentNumber = global::SpecializedTowns.Core.Documents.DocumentNumber.Written(input.DocumentNumber, out _);
        grant.Purpose = input.Purpose!.Trim();
        grant.ExpectedOutcome = input.ExpectedOutcome!.Trim();
        grant.TargetValue = input.TargetValue;
        grant.TargetUnit = input.TargetValue is null ? null : Trimmed(input.TargetUnit);
        await db.SaveChangesAsync(ct);
        return (grant.Id, errors);
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Removes a grant recorded in error; the audit trail keeps what it was.</summary>
    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护资金奖补";
        var grant = await SupportScope.Grants(db, scope).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return "资金奖补记录不存在，或不在您的数据范围内";
        db.FundGrants.Remove(grant);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
