using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Support;

public sealed record GeoIndicationFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }
    public GeoIndicationStatus? Status { get; init; }
    public GeoIndicationKind? Kind { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record GeoIndicationItem(
    int Id, string Name, string Product, GeoIndicationKind Kind, string Applicant, string County, int? TownId, string? Town,
    GeoIndicationStatus Status, DateOnly StatusSince, DateOnly? SubmittedOn, DateOnly? ApprovedOn, string? RegistrationNumber, int? BrandId,
    string ClauseSource, string? Note, bool IsDemo);

public sealed record GeoIndicationChange(GeoIndicationStatus? From, GeoIndicationStatus To, DateOnly On, string? Note, string By);

public sealed record GeoIndicationInput
{
    public int? SpecializedTownId { get; init; }
    public string? Name { get; init; }
    public string? Product { get; init; }
    public GeoIndicationKind? Kind { get; init; }
    public string? Applicant { get; init; }

    /// <summary>Where the application stands when first recorded, and since when; later moves go through <see cref="GeoIndicationRegister.MoveAsync"/>.</summary>
    public GeoIndicationStatus? Status { get; init; }
    public DateOnly? StatusSince { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// 地理标志 applications (朔政办发〔2023〕19号 三（七） "加快申请注册‘朔州陶瓷’‘怀仁羔羊肉’等一批地理标志保护品牌"), each
/// for a town, with its status history. A granted indication becomes a 地理标志 brand of the town and marks the town's
/// recognition fact "主导产品具有……地理标志" (二（四）), so the evaluation and the recognition check count it.
/// </summary>
public static class GeoIndicationRegister
{
    public static async Task<Paged<GeoIndicationItem>> ListAsync(TownsDbContext db, GeoIndicationFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<GeoIndicationItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        if (filter.Status is { } status) query = query.Where(g => g.Status == status);
        var total = await query.CountAsync(ct);
        var items = await Project(db, query.OrderBy(g => g.Status == GeoIndicationStatus.Approved).ThenByCounty(db, g => g.CountyId).ThenBy(g => g.CountyId).ThenBy(g => g.Id).Skip((page - 1) * size).Take(size), ct);
        return new Paged<GeoIndicationItem>(items, total, page, size);
    }

    /// <summary>How many applications stand at each status, under the same filter but the status.</summary>
    public static async Task<IReadOnlyDictionary<GeoIndicationStatus, int>> CountsAsync(TownsDbContext db, GeoIndicationFilter filter, UserScope scope, CancellationToken ct = default) =>
        (await Filtered(db, filter, scope).GroupBy(g => g.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);

    public static async Task<(GeoIndicationItem Item, IReadOnlyList<GeoIndicationChange> History)?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default)
    {
        var item = (await Project(db, SupportScope.GeoIndications(db, scope).AsNoTracking().Where(g => g.Id == id), ct)).SingleOrDefault();
        if (item is null) return null;
        var history = await db.GeoIndicationStatusChanges.AsNoTracking().Where(h => h.GeoIndicationApplicationId == id).OrderBy(h => h.On).ThenBy(h => h.Id)
            .Select(h => new GeoIndicationChange(h.From, h.To, h.On, h.Note, h.By)).ToListAsync(ct);
        return (item, history);
    }

    private static IQueryable<GeoIndicationApplication> Filtered(TownsDbContext db, GeoIndicationFilter filter, UserScope scope)
    {
        var query = SupportScope.GeoIndications(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(g => counties.Contains(g.CountyId));
        }
        if (filter.TownId is { } town) query = query.Where(g => g.SpecializedTownId == town);
        if (filter.Kind is { } kind) query = query.Where(g => g.Kind == kind);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(g => g.Name.Contains(s) || g.Product.Contains(s) || g.Applicant.Contains(s));
        }
        return query;
    }

    private static async Task<List<GeoIndicationItem>> Project(TownsDbContext db, IQueryable<GeoIndicationApplication> query, CancellationToken ct) =>
        await query.Select(g => new GeoIndicationItem(g.Id, g.Name, g.Product, g.Kind, g.Applicant,
            db.Jurisdictions.Where(j => j.Id == g.CountyId).Select(j => j.Name).First(), g.SpecializedTownId,
            db.Towns.Where(t => t.Id == g.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            g.Status, g.StatusSince, g.SubmittedOn, g.ApprovedOn, g.RegistrationNumber, g.BrandId, g.ClauseSource, g.Note, g.IsDemo)).ToListAsync(ct);

    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, UserScope scope, int? id, GeoIndicationInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护地理标志申请"); return (null, errors); }
        GeoIndicationApplication? app = null;
        if (id is { } editId && (app = await SupportScope.GeoIndications(db, scope).SingleOrDefaultAsync(g => g.Id == editId, ct)) is null)
        {
            errors.NotFound("地理标志申请不存在，或不在您的数据范围内");
            return (null, errors);
        }
        int? countyId = null;
        if (input.SpecializedTownId is not { } townId) errors[nameof(input.SpecializedTownId)] = "请选择专业镇";
        else if ((countyId = await scope.Towns(db).Where(t => t.Id == townId).Select(t => (int?)t.CountyId).SingleOrDefaultAsync(ct)) is null)
            errors[nameof(input.SpecializedTownId)] = "所选专业镇不在您的数据范围内";
        else if (app is { Status: GeoIndicationStatus.Approved } && app.SpecializedTownId != townId)
            errors[nameof(input.SpecializedTownId)] = "已获批的地理标志不能改到其他专业镇";
        Text(errors, nameof(input.Name), input.Name, "地理标志名称", GeoIndicationApplication.MaxName);
        Text(errors, nameof(input.Product), input.Product, "产品", GeoIndicationApplication.MaxText);
        Text(errors, nameof(input.Applicant), input.Applicant, "申请人", GeoIndicationApplication.MaxText);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.Kind)] = "请选择保护方式";
        if (app is null)
        {
            if (input.Status is not { } status || !Enum.IsDefined(status)) errors[nameof(input.Status)] = "请选择当前状态";
            else if (status == GeoIndicationStatus.Approved) errors[nameof(input.Status)] = "获批请在申请登记后以“变更状态”办理，以便登记注册号并生成品牌";
            if (input.StatusSince is not { } since) errors[nameof(input.StatusSince)] = "请填写状态日期";
            else if (since > today) errors[nameof(input.StatusSince)] = "状态日期不能晚于今天";
        }
        if (input.Note?.Trim().Length > GeoIndicationApplication.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {GeoIndicationApplication.MaxNote} 字";
        if (!errors.Ok) return (null, errors);

        if (app is null)
        {
            var status = input.Status!.Value;
            var since = input.StatusSince!.Value;
            app = new GeoIndicationApplication
            {
                Name = "", Product = "", Applicant = "", Status = status, StatusSince = since,
                SubmittedOn = status is >= GeoIndicationStatus.Submitted and <= GeoIndicationStatus.Published ? since : null,
                CreatedBy = who, CreatedAtUtc = nowUtc,
            };
            app.History.Add(new GeoIndicationStatusChange { From = null, To = status, On = since, Note = "登记地理标志申请", By = who });
            db.GeoIndications.Add(app);
        }
        app.SpecializedTownId = input.SpecializedTownId;
        app.CountyId = countyId!.Value;
        app.Name = input.Name!.Trim();
        app.Product = input.Product!.Trim();
        app.Applicant = input.Applicant!.Trim();
        app.Kind = input.Kind!.Value;
        app.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await db.SaveChangesAsync(ct);
        return (app.Id, errors);
    }

    /// <summary>
    /// Moves an application to a new status. On 已获批 the town gains a 地理标志 brand (国家级, the year of the grant) —
    /// an existing brand of the same name on the town is taken over rather than doubled — and its 地理标志 fact; all in one save.
    /// </summary>
    public static async Task<string?> MoveAsync(
        TownsDbContext db, UserScope scope, int id, GeoIndicationStatus? to, DateOnly? on, string? number, string? note, DateOnly today, string who, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护地理标志申请";
        var app = await SupportScope.GeoIndications(db, scope).Include(g => g.History).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (app is null) return "地理标志申请不存在，或不在您的数据范围内";
        if (to is null) return "请选择新的状态";
        if (on is null) return "请填写变更日期";
        var problem = app.Move(to.Value, on.Value, today, number, note, who);
        if (problem is not null) return problem;
        if (to == GeoIndicationStatus.Approved && app.SpecializedTownId is { } townId)
        {
            var town = await db.Towns.Include(t => t.Brands).SingleAsync(t => t.Id == townId, ct);
            var brand = town.Brands.FirstOrDefault(b => b.Name == app.Name);
            if (brand is null) town.Brands.Add(brand = new Brand { Name = app.Name });
            brand.Kind = BrandKind.GeographicalIndication;
            brand.Level = RecognitionLevel.National;
            brand.Year = on.Value.Year;
            town.HistoricalOriginOrGeographicalIndication = true;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            app.BrandId = brand.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护地理标志申请";
        var app = await SupportScope.GeoIndications(db, scope).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (app is null) return "地理标志申请不存在，或不在您的数据范围内";
        if (app.Status == GeoIndicationStatus.Approved) return "已获批的地理标志申请是品牌的依据，不能删除";
        db.GeoIndications.Remove(app);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static void Text(FieldErrors errors, string field, string? value, string label, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) errors[field] = $"请填写{label}";
        else if (text.Length > max) errors[field] = $"{label}不超过 {max} 字";
    }
}
