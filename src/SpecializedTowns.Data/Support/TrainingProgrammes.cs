using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// What of the training programmes and the talent register a person sees, as <see cref="SupportScope"/> does for the other
/// registers: offices, member units and leaders their counties, township staff their own towns, the administrator everything.
/// </summary>
public static class TalentScope
{
    public static IQueryable<TrainingProgramme> Programmes(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.TrainingProgrammes;
        if (scope.Role == Roles.Township)
        {
            var towns = scope.Towns(db).Select(t => t.Id);
            return db.TrainingProgrammes.Where(p => p.SpecializedTownId != null && towns.Contains(p.SpecializedTownId.Value));
        }
        var counties = Counties(db, scope);
        return counties is null ? db.TrainingProgrammes.Where(_ => false) : db.TrainingProgrammes.Where(p => counties.Contains(p.CountyId));
    }

    public static IQueryable<Talent> Talents(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.Talents;
        if (scope.Role == Roles.Township)
        {
            var towns = scope.Towns(db).Select(t => t.Id);
            return db.Talents.Where(p => p.SpecializedTownId != null && towns.Contains(p.SpecializedTownId.Value));
        }
        var counties = Counties(db, scope);
        return counties is null ? db.Talents.Where(_ => false) : db.Talents.Where(p => counties.Contains(p.CountyId));
    }

    /// <summary>The counties an office may record a programme or a person for.</summary>
    public static IQueryable<Jurisdiction> EditableCounties(TownsDbContext db, UserScope scope)
    {
        var counties = db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County);
        if (scope.IsAdmin) return counties;
        if (!SupportScope.CanEdit(scope)) return counties.Where(_ => false);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        return counties.Where(j => j.Path == path || j.Path.StartsWith(under));
    }

    private static IQueryable<int>? Counties(TownsDbContext db, UserScope scope) =>
        scope.Role is Roles.Office or Roles.MemberUnit or Roles.Leader ? UserScope.CountiesUnder(db, scope.JurisdictionPath) : null;
}

public sealed record TrainingFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }

    /// <summary>The programmes held in the year (begun by its end, not ended before it); its rate counts those that ended in it.</summary>
    public int? Year { get; init; }
    public TrainingMode? Mode { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TrainingItem(
    int Id, int CountyId, string County, string CountyPath, int? TownId, string? Town, string Title, TrainingMode Mode,
    string Organiser, TrainingProviderKind OrganiserKind, DateOnly StartOn, DateOnly EndOn, int Trainees, int? Employed,
    decimal? RatePercent, TrainingStatus Status, decimal? SubsidyWanYuan, string ClauseSource, string? Note, bool IsDemo);

public sealed record TrainingDetail(TrainingItem Item, SupportClause? Clause, string CreatedBy, DateTime CreatedAtUtc);

/// <summary>The roll-up of a year (or of all years when null) under the same filter as the list.</summary>
public sealed record TrainingRollupView(int? Year, IReadOnlyList<TrainingLine> Lines)
{
    public TrainingLine? Total => Lines.FirstOrDefault();
}

/// <summary>
/// 员工职业技能培训 (朔政办发〔2023〕19号 四（八）): programmes, their 培训后就业率 and its roll-up from towns to the province,
/// within the person's scope. The 80% is judged where the document that sets it governs (朔州市 and below).
/// </summary>
public static class TrainingProgrammes
{
    public static async Task<Paged<TrainingItem>> ListAsync(
        TownsDbContext db, PolicyCatalog catalog, TrainingFilter filter, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        var (page, size) = Paged<TrainingItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        var total = await query.CountAsync(ct);
        var items = await Project(db, catalog, query.OrderByDescending(p => p.EndOn).ThenByDescending(p => p.Id).Skip((page - 1) * size).Take(size), today, ct);
        return new Paged<TrainingItem>(items, total, page, size);
    }

    public static async Task<TrainingRollupView> RollupAsync(
        TownsDbContext db, PolicyCatalog catalog, TrainingFilter filter, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        var inputs = await InputsAsync(db, filter, scope, ct);
        var areas = await PlaceOrder.OfPathsAsync(db, inputs.Select(p => p.CountyPath), ct);
        return new(filter.Year, AreaLines.From(TrainingRollup.Lines(inputs, today, TargetApplies(catalog), filter.Year, areas),
            filter.JurisdictionPath, scope, l => l.IsTotal, l => l.Path));
    }

    /// <summary>
    /// The area's total line for each year in which a counted programme ended (目标监测's 四（八） target), from one read of
    /// the area's programmes: a year's rate counts only the programmes that ended in it.
    /// </summary>
    public static async Task<IReadOnlyList<(int Year, TrainingLine Line)>> RatesByYearAsync(
        TownsDbContext db, PolicyCatalog catalog, string areaPath, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        var inputs = await InputsAsync(db, new TrainingFilter { JurisdictionPath = areaPath }, scope, ct);
        var hasTarget = TargetApplies(catalog);
        return inputs.Where(p => p.EndOn <= today).Select(p => p.EndOn.Year).Distinct().Order()
            .Select(year => (year, Line: TrainingRollup.Lines(inputs, today, hasTarget, year).FirstOrDefault(l => l.IsTotal && l.Path == areaPath)))
            .Where(y => y.Line is { CountedTrainees: > 0 })
            .Select(y => (y.year, y.Line!)).ToList();
    }

    private static async Task<List<TrainingRollupInput>> InputsAsync(TownsDbContext db, TrainingFilter filter, UserScope scope, CancellationToken ct)
    {
        var rows = await Filtered(db, filter, scope).Select(p => new
        {
            p.SpecializedTownId, p.Mode, p.EndOn, p.Trainees, p.Employed,
            Town = db.Towns.Where(t => t.Id == p.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            Path = db.Jurisdictions.Where(j => j.Id == p.CountyId).Select(j => j.Path).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => new TrainingRollupInput(r.SpecializedTownId, r.Town, r.Path ?? "", r.Mode, r.EndOn, r.Trainees, r.Employed)).ToList();
    }

    public static async Task<TrainingDetail?> FindAsync(TownsDbContext db, PolicyCatalog catalog, int id, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        var query = TalentScope.Programmes(db, scope).AsNoTracking().Where(p => p.Id == id);
        var item = (await Project(db, catalog, query, today, ct)).SingleOrDefault();
        if (item is null) return null;
        var who = await query.Select(p => new { p.CreatedBy, p.CreatedAtUtc }).SingleAsync(ct);
        return new TrainingDetail(item, SupportClauses.Find(catalog, item.ClauseSource), who.CreatedBy, who.CreatedAtUtc);
    }

    /// <summary>The year the latest programme in scope ended by today: the year with the newest results, which the page opens on.</summary>
    public static async Task<int?> LatestResultYearAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        var ends = await TalentScope.Programmes(db, scope).AsNoTracking().Where(p => p.EndOn <= today)
            .OrderByDescending(p => p.EndOn).Select(p => (DateOnly?)p.EndOn).FirstOrDefaultAsync(ct);
        return ends?.Year;
    }

    /// <summary>Whether the 80% of 四（八） applies at a jurisdiction path: the document that sets it governs there.</summary>
    public static Func<string, bool> TargetApplies(PolicyCatalog catalog)
    {
        var clause = SupportClauses.Find(catalog, TrainingRules.TargetClause);
        return path => clause is not null && SupportClauses.Governs(clause, path);
    }

    /// <summary>The clauses a programme may cite: 四（八） and the 就业富民 tasks of the documents that concern the person.</summary>
    public static IReadOnlyList<SupportClause> ClauseChoices(PolicyCatalog catalog, UserScope scope) =>
        SupportClauses.TrainingClauses.Select(s => SupportClauses.Find(catalog, s)).OfType<SupportClause>()
            .Where(c => scope.IsAdmin || SupportClauses.Concerns(c, scope.JurisdictionPath)).ToList();

    private static IQueryable<TrainingProgramme> Filtered(TownsDbContext db, TrainingFilter filter, UserScope scope)
    {
        var query = TalentScope.Programmes(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(p => counties.Contains(p.CountyId));
        }
        if (filter.TownId is { } town) query = query.Where(p => p.SpecializedTownId == town);
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(p => p.StartOn <= to && p.EndOn >= from);
        }
        if (filter.Mode is { } mode) query = query.Where(p => p.Mode == mode);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(p => p.Title.Contains(s) || p.Organiser.Contains(s) || db.Towns.Any(t => t.Id == p.SpecializedTownId && t.Name.Contains(s)));
        }
        return query;
    }

    private static async Task<List<TrainingItem>> Project(TownsDbContext db, PolicyCatalog catalog, IQueryable<TrainingProgramme> query, DateOnly today, CancellationToken ct)
    {
        var rows = await query.Select(p => new
        {
            Programme = p,
            Town = db.Towns.Where(t => t.Id == p.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            County = db.Jurisdictions.Where(j => j.Id == p.CountyId).Select(j => new { j.Name, j.Path }).FirstOrDefault(),
        }).ToListAsync(ct);
        var target = TargetApplies(catalog);
        return rows.Select(r =>
        {
            var p = r.Programme;
            var path = r.County?.Path ?? "";
            var rate = p.Employed is { } e && TrainingRules.CountsForRate(p.Mode) ? TrainingRules.RatePercent(e, p.Trainees) : null;
            return new TrainingItem(p.Id, p.CountyId, r.County?.Name ?? "", path, p.SpecializedTownId, r.Town, p.Title, p.Mode, p.Organiser, p.OrganiserKind,
                p.StartOn, p.EndOn, p.Trainees, p.Employed, rate, TrainingRules.Status(p.Mode, p.EndOn, p.Trainees, p.Employed, today, target(path)),
                Quantity.Normalize(p.SubsidyWanYuan), p.ClauseSource, p.Note, p.IsDemo);
        }).ToList();
    }

    /// <summary>Creates (id null) or changes a programme; the field errors when refused, with the "" key for a refusal of the whole.</summary>
    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, PolicyCatalog catalog, UserScope scope, int? id, TrainingInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能登记培训项目"); return (null, errors); }
        TrainingProgramme? programme = null;
        if (id is { } editId && (programme = await TalentScope.Programmes(db, scope).SingleOrDefaultAsync(p => p.Id == editId, ct)) is null)
        {
            errors.NotFound("培训项目不存在，或不在您的数据范围内");
            return (null, errors);
        }
        foreach (var (field, message) in TrainingRules.Check(input, today)) errors[field] = message;

        string? countyPath = null;
        if (input.CountyId is { } countyId)
        {
            countyPath = await TalentScope.EditableCounties(db, scope).Where(j => j.Id == countyId).Select(j => j.Path).SingleOrDefaultAsync(ct);
            if (countyPath is null) errors[nameof(input.CountyId)] = "所选县（市、区）不在您的数据范围内";
            else if (input.SpecializedTownId is { } townId
                && !await scope.Towns(db).AnyAsync(t => t.Id == townId && t.CountyId == countyId, ct))
                errors[nameof(input.SpecializedTownId)] = "所选专业镇不在该县（市、区）";
        }
        var clause = SupportClauses.Find(catalog, input.ClauseSource);
        if (clause is null) { if (!errors.ContainsKey(nameof(input.ClauseSource))) errors[nameof(input.ClauseSource)] = "所选政策条款不在已载入的政策文件中"; }
        else if (countyPath is not null && !SupportClauses.Governs(clause, countyPath))
            errors[nameof(input.ClauseSource)] = $"{clause.DocumentNumber ?? clause.DocumentTitle}适用于{clause.AreaPath.Replace("/", "")}，培训在{countyPath.Replace("/", "")}，请选择适用于该地的政策条款";
        if (!errors.Ok) return (null, errors);

        if (programme is null)
        {
            programme = new TrainingProgramme { CreatedBy = who, CreatedAtUtc = nowUtc };
            db.TrainingProgrammes.Add(programme);
        }
        programme.CountyId = input.CountyId!.Value;
        programme.SpecializedTownId = input.SpecializedTownId;
        programme.Title = input.Title!.Trim();
        programme.Mode = input.Mode!.Value;
        programme.Organiser = input.Organiser!.Trim();
        programme.OrganiserKind = input.OrganiserKind!.Value;
        programme.StartOn = input.StartOn!.Value;
        programme.EndOn = input.EndOn!.Value;
        programme.Trainees = input.Trainees!.Value;
        programme.Employed = input.Employed;
        programme.SubsidyWanYuan = input.SubsidyWanYuan;
        programme.PolicyPackId = clause!.PackId;
        programme.ClauseSource = clause.Source;
        programme.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await db.SaveChangesAsync(ct);
        return (programme.Id, errors);
    }

    /// <summary>Deletes a programme entered by mistake; null when done, else why not.</summary>
    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能删除培训项目";
        var programme = await TalentScope.Programmes(db, scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null) return "培训项目不存在，或不在您的数据范围内";
        db.TrainingProgrammes.Remove(programme);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
