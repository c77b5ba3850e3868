using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Support;

public sealed record ListingFilter
{
    public string? JurisdictionPath { get; init; }
    public ListingStage? Stage { get; init; }
    public int? TownId { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record ListingItem(
    int Id, int EnterpriseId, string Enterprise, bool IsAboveScale, string County, int? TownId, string? Town, ListingStage Stage, DateOnly AdmittedOn,
    DateOnly StageSince, string? TargetBoard, string? Note, bool IsDemo);

public sealed record StageChangeItem(ListingStage? From, ListingStage To, DateOnly On, string? Note, string By);

/// <summary>Counts per town (or 不属于专业镇) and stage, for the matrix above the list.</summary>
public sealed record ListingCounts(IReadOnlyList<(string Town, int? TownId, IReadOnlyDictionary<ListingStage, int> Counts)> Rows)
{
    public int Total(ListingStage stage) => Rows.Sum(r => r.Counts.GetValueOrDefault(stage));
}

public sealed record ListingInput
{
    public int? EnterpriseId { get; init; }
    public ListingStage? Stage { get; init; }
    public DateOnly? AdmittedOn { get; init; }
    public string? TargetBoard { get; init; }
    public string? Note { get; init; }
}

/// <summary>上市后备企业资源库 (朔政办发〔2023〕19号 四（十三）) and its stages (阳政办发〔2023〕24号 五（二）), within the person's scope.</summary>
public static class ListingReserve
{
    public static async Task<Paged<ListingItem>> ListAsync(TownsDbContext db, ListingFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<ListingItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter with { Stage = null }, scope);
        if (filter.Stage is { } stage) query = query.Where(c => c.Stage == stage);
        var total = await query.CountAsync(ct);
        var items = await Project(db, query.OrderByDescending(c => c.Stage).ThenByCounty(db, c => c.CountyId).ThenBy(c => c.CountyId).ThenBy(c => c.Id).Skip((page - 1) * size).Take(size), ct);
        return new Paged<ListingItem>(items, total, page, size);
    }

    /// <summary>How many enterprises stand at each stage, per town, under the same filter but the stage.</summary>
    public static async Task<ListingCounts> CountsAsync(TownsDbContext db, ListingFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var rows = await Filtered(db, filter with { Stage = null }, scope)
            .Select(c => new { c.SpecializedTownId, c.Stage, Town = db.Towns.Where(t => t.Id == c.SpecializedTownId).Select(t => t.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return new ListingCounts(rows.GroupBy(r => (r.SpecializedTownId, r.Town))
            .OrderBy(g => g.Key.SpecializedTownId is null).ThenBy(g => g.Key.Town, StringComparer.Ordinal)
            .Select(g => (g.Key.Town ?? "（不属于专业镇）", g.Key.SpecializedTownId,
                (IReadOnlyDictionary<ListingStage, int>)g.GroupBy(r => r.Stage).ToDictionary(s => s.Key, s => s.Count())))
            .ToList());
    }

    public static async Task<(ListingItem Item, IReadOnlyList<StageChangeItem> History)?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default)
    {
        var item = (await Project(db, SupportScope.Listing(db, scope).AsNoTracking().Where(c => c.Id == id), ct)).SingleOrDefault();
        if (item is null) return null;
        var history = await db.ListingStageChanges.AsNoTracking().Where(h => h.ListingCandidateId == id).OrderBy(h => h.On).ThenBy(h => h.Id)
            .Select(h => new StageChangeItem(h.From, h.To, h.On, h.Note, h.By)).ToListAsync(ct);
        return (item, history);
    }

    private static IQueryable<ListingCandidate> Filtered(TownsDbContext db, ListingFilter filter, UserScope scope)
    {
        var query = SupportScope.Listing(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(c => counties.Contains(c.CountyId));
        }
        if (filter.TownId is { } town) query = query.Where(c => c.SpecializedTownId == town);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(c => db.Enterprises.Any(e => e.Id == c.EnterpriseId && (e.Name.Contains(s) || e.Uscc.Contains(s.ToUpper()))));
        }
        return query;
    }

    private static async Task<List<ListingItem>> Project(TownsDbContext db, IQueryable<ListingCandidate> query, CancellationToken ct)
    {
        var rows = await query.Select(c => new
        {
            c.Id, c.EnterpriseId, c.SpecializedTownId, c.Stage, c.AdmittedOn, c.TargetBoard, c.Note, c.IsDemo,
            Enterprise = db.Enterprises.Where(e => e.Id == c.EnterpriseId).Select(e => new { e.Name, e.IsAboveScale }).First(),
            County = db.Jurisdictions.Where(j => j.Id == c.CountyId).Select(j => j.Name).FirstOrDefault(),
            Town = db.Towns.Where(t => t.Id == c.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            Since = db.ListingStageChanges.Where(h => h.ListingCandidateId == c.Id).Max(h => (DateOnly?)h.On),
        }).ToListAsync(ct);
        return rows.Select(r => new ListingItem(r.Id, r.EnterpriseId, r.Enterprise.Name, r.Enterprise.IsAboveScale, r.County ?? "", r.SpecializedTownId, r.Town,
            r.Stage, r.AdmittedOn, r.Since ?? r.AdmittedOn, r.TargetBoard, r.Note, r.IsDemo)).ToList();
    }

    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, UserScope scope, int? id, ListingInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护上市后备企业资源库"); return (null, errors); }
        ListingCandidate? candidate = null;
        if (id is { } editId && (candidate = await SupportScope.Listing(db, scope).SingleOrDefaultAsync(c => c.Id == editId, ct)) is null)
        {
            errors.NotFound("上市后备企业不存在，或不在您的数据范围内");
            return (null, errors);
        }
        int? countyId = null, townId = null;
        if (candidate is null)
        {
            if (input.EnterpriseId is not { } eid) errors[nameof(input.EnterpriseId)] = "请选择企业";
            else
            {
                var enterprise = await scope.Enterprises(db).Where(e => e.Id == eid).Select(e => new { e.CountyId, e.SpecializedTownId }).SingleOrDefaultAsync(ct);
                if (enterprise is null) errors[nameof(input.EnterpriseId)] = "所选企业不在您的数据范围内";
                else if (await db.ListingCandidates.AnyAsync(c => c.EnterpriseId == eid, ct)) errors[nameof(input.EnterpriseId)] = "该企业已在上市后备企业资源库中";
                else (countyId, townId) = (enterprise.CountyId, enterprise.SpecializedTownId);
            }
            if (input.Stage is null || !Enum.IsDefined(input.Stage.Value)) errors[nameof(input.Stage)] = "请选择入库时所处阶段";
        }
        if (input.AdmittedOn is not { } admitted) errors[nameof(input.AdmittedOn)] = "请填写入库日期";
        else if (admitted > today) errors[nameof(input.AdmittedOn)] = "入库日期不能晚于今天";
        else if (candidate is not null && await db.ListingStageChanges.AnyAsync(h => h.ListingCandidateId == candidate.Id && h.From != null && h.On < admitted, ct))
            errors[nameof(input.AdmittedOn)] = "已有早于该日期的阶段变更，入库日期不能晚于它们";
        var board = string.IsNullOrWhiteSpace(input.TargetBoard) ? null : input.TargetBoard.Trim();
        if (board is not null && !ListingCandidate.Boards.Contains(board)) errors[nameof(input.TargetBoard)] = $"拟上市板块应为：{string.Join("、", ListingCandidate.Boards)}";
        if (input.Note?.Trim().Length > ListingCandidate.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {ListingCandidate.MaxNote} 字";
        if (!errors.Ok) return (null, errors);

        if (candidate is null)
        {
            candidate = new ListingCandidate
            {
                EnterpriseId = input.EnterpriseId!.Value, CountyId = countyId!.Value, SpecializedTownId = townId, Stage = input.Stage!.Value,
                CreatedBy = who, CreatedAtUtc = nowUtc,
            };
            candidate.History.Add(new ListingStageChange { From = null, To = candidate.Stage, On = input.AdmittedOn!.Value, Note = "纳入上市后备企业资源库", By = who });
            db.ListingCandidates.Add(candidate);
        }
        candidate.AdmittedOn = input.AdmittedOn!.Value;
        candidate.TargetBoard = board;
        candidate.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            errors[nameof(input.EnterpriseId)] = "该企业刚被他人纳入资源库，请核对";
            return (null, errors);
        }
        return (candidate.Id, errors);
    }

    public static async Task<string?> MoveAsync(TownsDbContext db, UserScope scope, int id, ListingStage? to, DateOnly? on, string? note, DateOnly today, string who, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护上市后备企业资源库";
        var candidate = await SupportScope.Listing(db, scope).Include(c => c.History).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (candidate is null) return "上市后备企业不存在，或不在您的数据范围内";
        if (to is null) return "请选择新的阶段";
        if (on is null) return "请填写变更日期";
        var problem = candidate.Move(to.Value, on.Value, today, note, who);
        if (problem is not null) return problem;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Takes an enterprise out of the pool with its stage history (entered in error, or it gave up listing).</summary>
    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护上市后备企业资源库";
        var candidate = await SupportScope.Listing(db, scope).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (candidate is null) return "上市后备企业不存在，或不在您的数据范围内";
        db.ListingCandidates.Remove(candidate);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
