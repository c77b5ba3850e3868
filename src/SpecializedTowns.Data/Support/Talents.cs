using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Support;

public sealed record TalentFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }
    public TalentCategory? Category { get; init; }
    public int? Year { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TalentItem(
    int Id, string Name, TalentCategory Category, int CountyId, string County, int? TownId, string? Town, int? EnterpriseId, string? Enterprise,
    string? Employer, string? JobTitle, string? Honours, int Year, string? Note, bool IsDemo);

/// <summary>People per town (or 未归属专业镇) and category, for the matrix above the list.</summary>
public sealed record TalentCounts(IReadOnlyList<(string Town, int? TownId, IReadOnlyDictionary<TalentCategory, int> Counts)> Rows)
{
    public int Total(TalentCategory category) => Rows.Sum(r => r.Counts.GetValueOrDefault(category));
}

/// <summary>人才 of 朔政办发〔2023〕19号 四（二）: the register, its counts by category per town, within the person's scope.</summary>
public static class Talents
{
    public static async Task<Paged<TalentItem>> ListAsync(TownsDbContext db, TalentFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<TalentItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        var total = await query.CountAsync(ct);
        var items = await Project(db, query.OrderByCounty(db, t => t.CountyId).ThenBy(t => t.CountyId).ThenBy(t => t.Kind).ThenBy(t => t.Name).ThenBy(t => t.Id).Skip((page - 1) * size).Take(size), ct);
        return new Paged<TalentItem>(items, total, page, size);
    }

    /// <summary>How many people of each category per town, under the same filter but the category.</summary>
    public static async Task<TalentCounts> CountsAsync(TownsDbContext db, TalentFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var rows = await Filtered(db, filter with { Category = null }, scope)
            .Select(t => new { t.SpecializedTownId, t.Kind, Town = db.Towns.Where(x => x.Id == t.SpecializedTownId).Select(x => x.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return new TalentCounts(rows.GroupBy(r => (r.SpecializedTownId, r.Town))
            .OrderBy(g => g.Key.SpecializedTownId is null).ThenBy(g => g.Key.Town, StringComparer.Ordinal)
            .Select(g => (g.Key.Town ?? TrainingLine.OutsideTowns, g.Key.SpecializedTownId,
                (IReadOnlyDictionary<TalentCategory, int>)g.GroupBy(r => r.Kind).ToDictionary(c => c.Key, c => c.Count())))
            .ToList());
    }

    public static async Task<TalentItem?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default) =>
        (await Project(db, TalentScope.Talents(db, scope).AsNoTracking().Where(t => t.Id == id), ct)).SingleOrDefault();

    private static IQueryable<Talent> Filtered(TownsDbContext db, TalentFilter filter, UserScope scope)
    {
        var query = TalentScope.Talents(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath.Trim());
            query = query.Where(t => counties.Contains(t.CountyId));
        }
        if (filter.TownId is { } town) query = query.Where(t => t.SpecializedTownId == town);
        if (filter.Category is { } category) query = query.Where(t => t.Kind == category);
        if (filter.Year is { } year) query = query.Where(t => t.Year == year);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(t => t.Name.Contains(s) || (t.Employer != null && t.Employer.Contains(s)) || (t.Honours != null && t.Honours.Contains(s))
                || db.Enterprises.Any(e => e.Id == t.EnterpriseId && e.Name.Contains(s)));
        }
        return query;
    }

    private static async Task<List<TalentItem>> Project(TownsDbContext db, IQueryable<Talent> query, CancellationToken ct)
    {
        var rows = await query.Select(t => new
        {
            Talent = t,
            County = db.Jurisdictions.Where(j => j.Id == t.CountyId).Select(j => j.Name).FirstOrDefault(),
            Town = db.Towns.Where(x => x.Id == t.SpecializedTownId).Select(x => x.Name).FirstOrDefault(),
            Enterprise = db.Enterprises.Where(e => e.Id == t.EnterpriseId).Select(e => e.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => new TalentItem(r.Talent.Id, r.Talent.Name, r.Talent.Kind, r.Talent.CountyId, r.County ?? "", r.Talent.SpecializedTownId, r.Town,
            r.Talent.EnterpriseId, r.Enterprise, r.Talent.Employer, r.Talent.JobTitle, r.Talent.Honours, r.Talent.Year, r.Talent.Note, r.Talent.IsDemo)).ToList();
    }

    /// <summary>Creates (id null) or changes a person; the town and the enterprise must lie in the chosen county.</summary>
    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, UserScope scope, int? id, TalentInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护人才名录"); return (null, errors); }
        Talent? talent = null;
        if (id is { } editId && (talent = await TalentScope.Talents(db, scope).SingleOrDefaultAsync(t => t.Id == editId, ct)) is null)
        {
            errors.NotFound("人才记录不存在，或不在您的数据范围内");
            return (null, errors);
        }
        foreach (var (field, message) in TalentRules.Check(input, today)) errors[field] = message;

        var townId = input.SpecializedTownId;
        if (input.CountyId is { } countyId)
        {
            if (!await TalentScope.EditableCounties(db, scope).AnyAsync(j => j.Id == countyId, ct)) errors[nameof(input.CountyId)] = "所选县（市、区）不在您的数据范围内";
            else
            {
                if (townId is { } tid && !await scope.Towns(db).AnyAsync(t => t.Id == tid && t.CountyId == countyId, ct))
                    errors[nameof(input.SpecializedTownId)] = "所选专业镇不在该县（市、区）";
                if (input.EnterpriseId is { } eid)
                {
                    var enterprise = await scope.Enterprises(db).Where(e => e.Id == eid)
                        .Select(e => new { e.CountyId, e.SpecializedTownId, Town = db.Towns.Where(t => t.Id == e.SpecializedTownId).Select(t => t.Name).FirstOrDefault() }).SingleOrDefaultAsync(ct);
                    if (enterprise is null || enterprise.CountyId != countyId) errors[nameof(input.EnterpriseId)] = "所选企业不在该县（市、区）";
                    // A person works where their enterprise is; an expert's town is the one they help, wherever they work.
                    else if (input.Category != TalentCategory.ExpertServiceMember && enterprise.SpecializedTownId is { } et)
                    {
                        if (townId is null) townId = et;
                        else if (townId != et) errors[nameof(input.SpecializedTownId)] = $"所选企业属于{enterprise.Town}，请选择该专业镇或不选企业";
                    }
                }
            }
        }
        if (!errors.Ok) return (null, errors);

        if (talent is null)
        {
            talent = new Talent { CreatedBy = who, CreatedAtUtc = nowUtc };
            db.Talents.Add(talent);
        }
        talent.Name = input.Name!.Trim();
        talent.Kind = input.Category!.Value;
        talent.CountyId = input.CountyId!.Value;
        talent.SpecializedTownId = townId;
        talent.EnterpriseId = input.EnterpriseId;
        talent.Employer = Trimmed(input.Employer);
        talent.JobTitle = Trimmed(input.JobTitle);
        talent.Honours = Trimmed(input.Honours);
        talent.Year = input.Year!.Value;
        talent.Note = Trimmed(input.Note);
        await db.SaveChangesAsync(ct);
        return (talent.Id, errors);
    }

    public static async Task<string?> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!SupportScope.CanEdit(scope)) return "您的角色不能维护人才名录";
        var talent = await TalentScope.Talents(db, scope).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (talent is null) return "人才记录不存在，或不在您的数据范围内";
        db.Talents.Remove(talent);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
