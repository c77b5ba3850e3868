using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Jurisdictions;

public sealed record PlaceListItem(int Id, string Name, JurisdictionLevel Level, string? Code, string Path, int Children)
{
    public string LevelName => Jurisdiction.LevelName(Level);

    /// <summary>Where the place lies, without itself: 山西省 / 运城市 / 垣曲县.</summary>
    public string Above => Path.Contains('/') ? Path[..Path.LastIndexOf('/')].Replace("/", " / ") : "";
}

/// <summary>The outcome of adding a place or setting its code: the problems by form field, or the place.</summary>
public sealed record PlaceChange(Jurisdiction? Place, IReadOnlyDictionary<string, string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// 系统 → 行政区划: the tree as a list, and the places an administrator adds to it. The reference tree brings Shanxi's
/// cities and counties; a deployment adds its townships (乡镇、街道) here or by import. Places are added, never renamed
/// or removed: a name is part of the path of everything below it and of the data scope of each account there.
/// </summary>
public static class JurisdictionRegistry
{
    public static async Task<Paged<PlaceListItem>> ListAsync(TownsDbContext db, string? search, JurisdictionLevel? level, int? underId,
        int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Paged<PlaceListItem>.Normalize(page, pageSize);
        var query = db.Jurisdictions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(j => j.Name.Contains(s) || j.Code == s);
        }
        if (level is { } l) query = query.Where(j => j.Level == l);
        if (underId is { } id && await db.Jurisdictions.AsNoTracking().Where(j => j.Id == id).Select(j => j.Path).SingleOrDefaultAsync(ct) is { } path)
        {
            var under = path + "/";
            query = query.Where(j => j.Path == path || j.Path.StartsWith(under));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByPlace(j => j).ThenBy(j => j.Level).ThenBy(j => j.Name).ThenBy(j => j.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(j => new PlaceListItem(j.Id, j.Name, j.Level, j.Code, j.Path, db.Jurisdictions.Count(c => c.ParentId == j.Id)))
            .ToListAsync(ct);
        return new Paged<PlaceListItem>(rows, total, page, pageSize);
    }

    public static readonly ExportTable<PlaceListItem> Export = new("行政区划", [
        new("名称", p => p.Name, 16),
        new("级别", p => p.LevelName, 12),
        new("行政区划代码", p => p.Code, 16),
        new("上级", p => p.Above, 26),
        new("下级数量", p => p.Children, 10),
    ]);

    /// <summary>The cities and counties a place may be added under, in the official order.</summary>
    public static async Task<IReadOnlyList<(int Id, string Label, JurisdictionLevel Level)>> ParentsAsync(TownsDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.City || j.Level == JurisdictionLevel.County)
            .OrderByCounty(j => j).ThenBy(j => j.Name).Select(j => new { j.Id, j.Name, j.Level }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Level == JurisdictionLevel.County ? "　" + r.Name : r.Name, r.Level)).ToList();
    }

    /// <summary>A county under a city or a township under a county, with an optional division code; audited like any save.</summary>
    public static async Task<PlaceChange> AddAsync(TownsDbContext db, int? parentId, string? name, string? code, CancellationToken ct = default)
    {
        var problems = new Dictionary<string, string>();
        var parent = parentId is { } pid ? await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == pid, ct) : null;
        var level = parent is null ? null : PlaceRules.ChildLevel(parent.Level);
        if (parent is null) problems["ParentId"] = "请选择上级：市或县（市、区）";
        else if (level is null) problems["ParentId"] = "只能在市下添加县（市、区），在县（市、区）下添加乡镇（街道）";
        var shownLevel = level ?? JurisdictionLevel.Township;
        if (PlaceRules.NameProblem(name, shownLevel) is { } np) problems["Name"] = np;
        else if (parent is not null && await db.Jurisdictions.AnyAsync(j => j.ParentId == parent.Id && j.Name == name!.Trim(), ct))
            problems["Name"] = $"{parent.Name}已有“{name!.Trim()}”";
        if (await CodeProblemAsync(db, code, shownLevel, parent?.Code, null, ct) is { } cp) problems["Code"] = cp;
        if (problems.Count > 0) return new PlaceChange(null, problems);

        var place = new Jurisdiction
        {
            Name = name!.Trim(), Level = level!.Value, ParentId = parent!.Id, Path = $"{parent.Path}/{name.Trim()}",
            Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim(),
        };
        db.Jurisdictions.Add(place);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Someone added the same place a moment before.
            db.Entry(place).State = EntityState.Detached;
            return new PlaceChange(null, new Dictionary<string, string> { ["Name"] = $"{parent.Name}已有“{place.Name}”" });
        }
        return new PlaceChange(place, problems);
    }

    /// <summary>Sets or clears a place's division code (a code added later, or a wrong one corrected).</summary>
    public static async Task<PlaceChange> SetCodeAsync(TownsDbContext db, int id, string? code, CancellationToken ct = default)
    {
        var place = await db.Jurisdictions.Include(j => j.Parent).SingleOrDefaultAsync(j => j.Id == id, ct);
        if (place is null) return new PlaceChange(null, new Dictionary<string, string> { ["Code"] = "没有这个行政区划，可能已被删除" });
        if (await CodeProblemAsync(db, code, place.Level, place.Parent?.Code, place.Id, ct) is { } problem)
            return new PlaceChange(place, new Dictionary<string, string> { ["Code"] = problem });
        place.Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        await db.SaveChangesAsync(ct);
        return new PlaceChange(place, new Dictionary<string, string>());
    }

    private static async Task<string?> CodeProblemAsync(TownsDbContext db, string? code, JurisdictionLevel level, string? parentCode, int? self, CancellationToken ct)
    {
        if (PlaceRules.CodeProblem(code, level, parentCode) is { } problem) return problem;
        if (string.IsNullOrWhiteSpace(code)) return null;
        var c = code.Trim();
        var holder = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == c && j.Id != self).Select(j => j.Path).FirstOrDefaultAsync(ct);
        return holder is null ? null : $"代码“{c}”已是{holder.Replace("/", "")}的代码";
    }
}
