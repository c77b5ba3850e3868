using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Support;

public sealed record WhiteListFilter
{
    public int? Year { get; init; }
    public string? JurisdictionPath { get; init; }
    public WhiteListStatus? Status { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record FinancingItem(int Id, FinancingKind Kind, string Institution, decimal AmountWanYuan, DateOnly GrantedOn, int TermMonths, string? Note);

public sealed record WhiteListItem(
    int Id, int EnterpriseId, string Enterprise, string Uscc, string County, int? TownId, string? Town, int Year, string RecommendedBy,
    DateOnly RecommendedOn, WhiteListStatus Status, decimal? FinancingNeedWanYuan, string? Note, IReadOnlyList<FinancingItem> Financings, bool IsDemo)
{
    public decimal LoansWanYuan => Financings.Where(f => f.Kind == FinancingKind.Loan).Sum(f => f.AmountWanYuan);
    public decimal GuaranteesWanYuan => Financings.Where(f => f.Kind == FinancingKind.Guarantee).Sum(f => f.AmountWanYuan);
}

/// <summary>融资白名单 (朔政办发〔2023〕19号 四（十三）): entries and the loans and guarantees that came of them, within the person's scope.</summary>
public static class WhiteLists
{
    public static async Task<Paged<WhiteListItem>> ListAsync(TownsDbContext db, WhiteListFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<WhiteListItem>.Normalize(filter.Page, filter.PageSize);
        var query = SupportScope.WhiteList(db, scope).AsNoTracking();
        if (filter.Year is { } year) query = query.Where(w => w.Year == year);
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(w => counties.Contains(w.CountyId));
        }
        if (filter.Status is { } status) query = query.Where(w => w.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(w => w.RecommendedBy.Contains(s) || db.Enterprises.Any(e => e.Id == w.EnterpriseId && (e.Name.Contains(s) || e.Uscc.Contains(s.ToUpper()))));
        }
        var total = await query.CountAsync(ct);
        var items = await Project(db, query.OrderByDescending(w => w.Year).ThenByCounty(db, w => w.CountyId).ThenBy(w => w.CountyId).ThenBy(w => w.Id).Skip((page - 1) * size).Take(size), ct);
        return new Paged<WhiteListItem>(items, total, page, size);
    }

    public static async Task<WhiteListItem?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default) =>
        (await Project(db, SupportScope.WhiteList(db, scope).AsNoTracking().Where(w => w.Id == id), ct)).SingleOrDefault();

    private static async Task<List<WhiteListItem>> Project(TownsDbContext db, IQueryable<WhiteListEntry> query, CancellationToken ct)
    {
        var rows = await query.Select(w => new
        {
            w.Id, w.EnterpriseId, w.Year, w.RecommendedBy, w.RecommendedOn, w.Status, w.FinancingNeedWanYuan, w.Note, w.IsDemo,
            Enterprise = db.Enterprises.Where(e => e.Id == w.EnterpriseId).Select(e => new { e.Name, e.Uscc, e.SpecializedTownId }).First(),
            County = db.Jurisdictions.Where(j => j.Id == w.CountyId).Select(j => j.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // Loans and guarantees by explicit query: SQLite cannot project a collection inside the row (APPLY).
        var deals = await db.Financings.AsNoTracking().Where(f => ids.Contains(f.WhiteListEntryId)).ToListAsync(ct);
        var townIds = rows.Select(r => r.Enterprise.SpecializedTownId).OfType<int>().Distinct().ToList();
        var towns = await db.Towns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(r => new WhiteListItem(r.Id, r.EnterpriseId, r.Enterprise.Name, r.Enterprise.Uscc, r.County ?? "", r.Enterprise.SpecializedTownId,
            r.Enterprise.SpecializedTownId is { } t ? towns.GetValueOrDefault(t) : null, r.Year, r.RecommendedBy, r.RecommendedOn, r.Status,
            Quantity.Normalize(r.FinancingNeedWanYuan), r.Note,
            deals.Where(f => f.WhiteListEntryId == r.Id).OrderBy(f => f.GrantedOn).ThenBy(f => f.Id)
                .Select(f => new FinancingItem(f.Id, f.Kind, f.Institution, Quantity.Normalize(f.AmountWanYuan), f.GrantedOn, f.TermMonths, f.Note)).ToList(),
            r.IsDemo)).ToList();
    }

    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, UserScope scope, int? id, WhiteListInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护融资白名单"); return (null, errors); }
        WhiteListEntry? entry = null;
        if (id is { } editId && (entry = await SupportScope.WhiteList(db, scope).Include(w => w.Financings).SingleOrDefaultAsync(w => w.Id == editId, ct)) is null)
        {
            errors.NotFound("白名单记录不存在，或不在您的数据范围内");
            return (null, errors);
        }
        foreach (var (field, message) in WhiteListRules.Check(input, today)) errors[field] = message;
        int? countyId = null;
        if (input.EnterpriseId is { } eid)
        {
            var enterprise = await scope.Enterprises(db).Where(e => e.Id == eid).Select(e => new { e.CountyId }).SingleOrDefaultAsync(ct);
            if (enterprise is null) errors[nameof(input.EnterpriseId)] = "所选企业不在您的数据范围内";
            else
            {
                countyId = enterprise.CountyId;
                if (input.Year is { } y && await db.WhiteListEntries.AnyAsync(w => w.EnterpriseId == eid && w.Year == y && w.Id != (id ?? 0), ct))
                    errors[nameof(input.Year)] = $"该企业已列入{y}年融资白名单";
            }
        }
        if (entry is not null && input.RecommendedOn is { } on && entry.Financings.Any(f => f.GrantedOn < on))
            errors[nameof(input.RecommendedOn)] = "已有早于该日期的贷款或担保，推荐日期不能晚于它们";
        if (!errors.Ok) return (null, errors);

        if (entry is null)
        {
            entry = new WhiteListEntry { CreatedBy = who, CreatedAtUtc = nowUtc };
            db.WhiteListEntries.Add(entry);
        }
        entry.EnterpriseId = input.EnterpriseId!.Value;
        entry.CountyId = countyId!.Value;
        entry.Year = input.Year!.Value;
        entry.RecommendedBy = input.RecommendedBy!.Trim();
        entry.RecommendedOn = input.RecommendedOn!.Value;
        entry.Status = input.Status!.Value;
        entry.FinancingNeedWanYuan = input.FinancingNeedWanYuan;
        entry.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            errors[nameof(input.Year)] = "该企业刚被他人列入本年度白名单，请核对";
            return (null, errors);
        }
        return (entry.Id, errors);
    }

    /// <summary>Records a loan or guarantee that came of an entry; an entry moved off the list gets none.</summary>
    public static async Task<FieldErrors> AddFinancingAsync(TownsDbContext db, UserScope scope, int entryId, FinancingInput input, DateOnly today, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护融资白名单"); return errors; }
        var entry = await SupportScope.WhiteList(db, scope).Include(w => w.Financings).SingleOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null) { errors.NotFound("白名单记录不存在，或不在您的数据范围内"); return errors; }
        if (entry.Status == WhiteListStatus.Removed) { errors.Conflict("该企业已移出白名单，不能再登记贷款或担保"); return errors; }
        foreach (var (field, message) in WhiteListRules.Check(input, today, entry.RecommendedOn)) errors[field] = message;
        if (!errors.Ok) return errors;
        entry.Financings.Add(new Financing
        {
            Kind = input.Kind!.Value, Institution = input.Institution!.Trim(), AmountWanYuan = input.AmountWanYuan!.Value, GrantedOn = input.GrantedOn!.Value,
            TermMonths = input.TermMonths!.Value, Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        });
        // Money arrived: a recommended enterprise is evidently on the list.
        if (entry.Status == WhiteListStatus.Recommended) entry.Status = WhiteListStatus.Admitted;
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Removes one loan or guarantee recorded in error.</summary>
    public static async Task<string?> DeleteFinancingAsync(TownsDbContext db, UserScope scope, int entryId, int financingId, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护融资白名单";
        var entry = await SupportScope.WhiteList(db, scope).Include(w => w.Financings).SingleOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null) return "白名单记录不存在，或不在您的数据范围内";
        var financing = entry.Financings.SingleOrDefault(f => f.Id == financingId);
        if (financing is null) return "该笔贷款或担保不存在";
        entry.Financings.Remove(financing);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Removes an entry recorded in error. One that brought loans or guarantees is history, not a mistake: it is moved off
    /// the list (状态“移出”) instead.
    /// </summary>
    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护融资白名单";
        var entry = await SupportScope.WhiteList(db, scope).Include(w => w.Financings).SingleOrDefaultAsync(w => w.Id == id, ct);
        if (entry is null) return "白名单记录不存在，或不在您的数据范围内";
        if (entry.Financings.Count > 0) return "该企业已因白名单获得贷款或担保，不能删除；如已不在名单上，请将状态改为“移出”";
        db.WhiteListEntries.Remove(entry);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
