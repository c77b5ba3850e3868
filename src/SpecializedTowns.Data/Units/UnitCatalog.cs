using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Units;

public sealed record UnitListItem(int Id, string Name, int JurisdictionId, string Path, UnitUses Uses)
{
    /// <summary>Where the unit is registered: 山西省 / 运城市 / 垣曲县.</summary>
    public string Place => Path.Replace("/", " / ");

    /// <summary>The place's own name: 垣曲县.</summary>
    public string PlaceName => PlaceNames.NameOf(Path);

    public IReadOnlyList<string> FormerNames { get; init; } = [];

    /// <summary>The units of the same place whose names look like this one's (<see cref="UnitLikeness"/>): perhaps the same unit twice.</summary>
    public IReadOnlyList<(int Id, string Name)> Alike { get; init; } = [];
}

/// <summary>The outcome of adding or renaming a unit: the problem with the name (or the place), or the unit.</summary>
public sealed record UnitChange(Unit? Unit, IReadOnlyDictionary<string, string> Problems)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>Registered units of the place whose names look like the new one, for the administrator to check it is not one of them.</summary>
    public IReadOnlyList<string> Alike { get; init; } = [];

    public static UnitChange Refused(string field, string problem) => new(null, new Dictionary<string, string> { [field] = problem });
}

/// <summary>
/// 系统 → 单位: every unit with what refers to it, for the administrator who keeps the register clean (adds a unit, corrects a
/// name, deletes one nobody uses; <see cref="UnitMerge"/> folds a duplicate into the unit it repeats). Renaming keeps the old
/// name as the unit's former name (<see cref="UnitFormerName"/>), so a document or a person writing it still finds the unit.
/// </summary>
public static class UnitCatalog
{
    public static async Task<Paged<UnitListItem>> ListAsync(TownsDbContext db, string? search, int? underId, bool alikeOnly,
        int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Paged<UnitListItem>.Normalize(page, pageSize);
        var query = db.Units.AsNoTracking();
        if (underId is { } id)
        {
            var path = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == id).Select(j => j.Path).SingleOrDefaultAsync(ct);
            if (path is null) return new Paged<UnitListItem>([], 0, page, pageSize);
            var under = path + "/";
            query = query.Where(u => u.Jurisdiction!.Path == path || u.Jurisdiction.Path.StartsWith(under));
        }
        if (alikeOnly)
        {
            var ids = AlikeIds(await query.Select(u => new NameAt(u.Id, u.JurisdictionId, u.Name, u.Jurisdiction!.Path)).ToListAsync(ct));
            query = query.Where(u => ids.Contains(u.Id));
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            // A former name finds the unit too: 县工信局 after it was merged into 县工业和信息化局.
            query = query.Where(u => u.Name.Contains(s) || db.UnitFormerNames.Any(f => f.UnitId == u.Id && f.Name.Contains(s)));
        }
        var total = await query.CountAsync(ct);
        var rows = await Counted(db, query.OrderByPlace(u => u.Jurisdiction).ThenBy(u => u.Jurisdiction!.Level).ThenBy(u => u.Jurisdiction!.Name)
            .ThenBy(u => u.Name).ThenBy(u => u.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new Paged<UnitListItem>(await DescribedAsync(db, rows, ct), total, page, pageSize);
    }

    /// <summary>What refers to one unit; null when there is no such unit.</summary>
    public static async Task<UnitListItem?> FindAsync(TownsDbContext db, int id, CancellationToken ct = default)
    {
        var rows = await Counted(db, db.Units.AsNoTracking().Where(u => u.Id == id)).ToListAsync(ct);
        return rows.Count == 0 ? null : (await DescribedAsync(db, rows, ct))[0];
    }

    // Each kind counted where the database finds it by an index of the unit (a task once, whatever its part in it; a problem
    // once, led or cooperated on), so a page of fifty units costs fifty lookups per kind, not a scan.
    private static IQueryable<UnitListItem> Counted(TownsDbContext db, IQueryable<Unit> units) =>
        units.Select(u => new UnitListItem(u.Id, u.Name, u.JurisdictionId, u.Jurisdiction!.Path, new UnitUses(
            db.TaskUnits.Count(t => t.UnitId == u.Id),
            db.Problems.Count(p => p.LeadUnitId == u.Id)
                + db.ProblemCooperatingUnits.Count(c => c.UnitId == u.Id && !db.Problems.Any(p => p.Id == c.ProblemId && p.LeadUnitId == u.Id)),
            db.TaskForceUnits.Count(f => f.UnitId == u.Id),
            db.Projects.Count(p => p.ResponsibleUnitId == u.Id),
            db.InvestmentLeads.Count(l => l.ResponsibleUnitId == u.Id),
            db.ProjectGuarantees.Count(g => g.UnitId == u.Id),
            db.Notices.Count(n => n.RecipientUnitId == u.Id),
            db.Users.Count(a => a.UnitId == u.Id))));

    private static async Task<IReadOnlyList<UnitListItem>> DescribedAsync(TownsDbContext db, List<UnitListItem> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var ids = rows.Select(r => r.Id).ToList();
        var places = rows.Select(r => r.JurisdictionId).Distinct().ToList();
        var former = (await db.UnitFormerNames.AsNoTracking().Where(f => ids.Contains(f.UnitId)).OrderBy(f => f.Id).Select(f => new { f.UnitId, f.Name }).ToListAsync(ct))
            .ToLookup(f => f.UnitId, f => f.Name);
        var neighbours = (await db.Units.AsNoTracking().Where(u => places.Contains(u.JurisdictionId)).Select(u => new NameAt(u.Id, u.JurisdictionId, u.Name, u.Jurisdiction!.Path)).ToListAsync(ct))
            .ToLookup(u => u.PlaceId);
        return rows.Select(r => r with
        {
            FormerNames = former[r.Id].ToList(),
            Alike = neighbours[r.JurisdictionId].Where(o => o.Id != r.Id && UnitLikeness.Alike(r.Name, o.Name, r.Path))
                .OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => (o.Id, o.Name)).ToList(),
        }).ToList();
    }

    private sealed record NameAt(int Id, int PlaceId, string Name, string Path);

    /// <summary>The units that look like another unit of the same place (<see cref="UnitLikeness"/>).</summary>
    private static List<int> AlikeIds(IEnumerable<NameAt> units)
    {
        var found = new HashSet<int>();
        foreach (var place in units.GroupBy(u => u.PlaceId))
        {
            var list = place.ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if (UnitLikeness.Alike(list[i].Name, list[j].Name, list[i].Path)) { found.Add(list[i].Id); found.Add(list[j].Id); }
        }
        return [.. found];
    }

    public static readonly ExportTable<UnitListItem> Export = new("单位", [
        new("所在地", u => u.Place, 26),
        new("单位名称", u => u.Name, 26),
        new("曾用名", u => string.Join("、", u.FormerNames), 20),
        new("任务", u => u.Uses.Tasks, 8),
        new("问题", u => u.Uses.Problems, 8),
        new("专班", u => u.Uses.TaskForces, 8),
        new("重点项目", u => u.Uses.Projects, 10),
        new("招商引资项目", u => u.Uses.Leads, 12),
        new("要素保障", u => u.Uses.Guarantees, 10),
        new("督办通知书", u => u.Uses.Notices, 10),
        new("账号", u => u.Uses.Accounts, 8),
        new("疑似重复", u => string.Join("、", u.Alike.Select(a => a.Name)), 26),
    ]);

    /// <summary>The places a unit may be registered at, in the tree's order, indented by level (the province, cities, counties, townships).</summary>
    public static async Task<IReadOnlyList<(int Id, string Label)>> PlacesAsync(TownsDbContext db, CancellationToken ct = default)
    {
        var places = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Path).Select(j => new { j.Id, j.Name, j.Level }).ToListAsync(ct);
        return places.Select(j => (j.Id, new string('　', (int)j.Level - 1) + j.Name)).ToList();
    }

    /// <summary>A new unit at a place; refused with the reason when the name is no unit's name or the place (or one above it) has it.</summary>
    public static async Task<UnitChange> AddAsync(TownsDbContext db, int? jurisdictionId, string? name, CancellationToken ct = default)
    {
        var place = jurisdictionId is { } pid ? await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == pid, ct) : null;
        var problems = new Dictionary<string, string>();
        if (place is null) problems["JurisdictionId"] = "请选择单位所在的行政区划";
        if (UnitNames.NameProblem(name) is { } np) problems["Name"] = np;
        else if (place is not null && await TakenAsync(db, place, name!.Trim(), null, ct) is { } taken) problems["Name"] = taken;
        if (problems.Count > 0) return new UnitChange(null, problems);

        var unit = new Unit { JurisdictionId = place!.Id, Name = name!.Trim() };
        db.Units.Add(unit);
        if (await SavedAsync(db, unit, place, ct) is { } refused) return refused;
        return new UnitChange(unit, problems) { Alike = await AlikeAtAsync(db, unit, ct) };
    }

    /// <summary>A unit's new name; the old one stays its former name (<see cref="UnitFormerName"/>), written in the same save.</summary>
    public static async Task<UnitChange> RenameAsync(TownsDbContext db, int id, string? name, CancellationToken ct = default)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return UnitChange.Refused("Name", "没有这个单位，可能已被删除或合并");
        var place = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == unit.JurisdictionId, ct);
        if (UnitNames.NameProblem(name) is { } problem) return UnitChange.Refused("Name", problem);
        var n = name!.Trim();
        if (n == unit.Name) return UnitChange.Refused("Name", "名称没有改动");
        if (await TakenAsync(db, place, n, unit.Id, ct) is { } taken) return UnitChange.Refused("Name", taken);

        // Back to a name it had before: that name is its current one again, and no longer a former one.
        var back = await db.UnitFormerNames.SingleOrDefaultAsync(f => f.UnitId == unit.Id && f.JurisdictionId == unit.JurisdictionId && f.Name == n, ct);
        if (back is not null) db.UnitFormerNames.Remove(back);
        db.UnitFormerNames.Add(new UnitFormerName { UnitId = unit.Id, JurisdictionId = unit.JurisdictionId, Name = unit.Name });
        unit.Name = n;
        if (await SavedAsync(db, unit, place, ct) is { } refused) return refused;
        return new UnitChange(unit, new Dictionary<string, string>()) { Alike = await AlikeAtAsync(db, unit, ct) };
    }

    /// <summary>
    /// Deletes a unit nothing refers to; otherwise the reason, naming what refers to it. A unit a policy document names is
    /// registered again at the next start, so it is not deleted either: a duplicate is merged instead.
    /// </summary>
    public static async Task<(string? Problem, string Name)> DeleteAsync(TownsDbContext db, PolicyCatalog catalog, int id, CancellationToken ct = default)
    {
        var found = await FindAsync(db, id, ct);
        if (found is null) return ("没有这个单位，可能已被删除或合并", "");
        if (found.Uses.Total > 0)
            return ($"“{found.Name}”仍被使用（{found.Uses.Describe()}），不能删除。如它与另一个单位重复，请用“合并”把这些记录转给那个单位", found.Name);
        var names = found.FormerNames.Prepend(found.Name).ToHashSet();
        if (catalog.Packs.FirstOrDefault(p => string.Join("/", p.Document.JurisdictionPath) == found.Path && UnitNames.NamedIn(p).Any(names.Contains)) is { } pack)
            return ($"“{found.Name}”是《{pack.Document.Title}》列明的单位，平台每次启动都会按政策文件重新登记，删除后仍会出现。如它与另一个单位重复，请用“合并”", found.Name);
        var unit = await db.Units.SingleAsync(u => u.Id == id, ct);
        db.Units.Remove(unit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsForeignKeyViolation(e))
        {
            // Someone gave it a task a moment before.
            db.ChangeTracker.Clear();
            return ($"“{found.Name}”刚刚被使用，不能删除；请刷新后再看", found.Name);
        }
        return (null, found.Name);
    }

    /// <summary>
    /// Who already has the name at the place: a unit of the place or of one above it (whose work the place may name anyway), or a
    /// unit of the place that had it before (a former name leads to that unit, so it cannot be another's).
    /// </summary>
    private static async Task<string?> TakenAsync(TownsDbContext db, Jurisdiction place, string name, int? self, CancellationToken ct)
    {
        var above = UnitRegistry.Ancestors(place.Path);
        // A 县级市's 市工信局 is its own bureau, written as the city's is: the city's name does not take it from the 县级市 (0018).
        if (place.Level == JurisdictionLevel.County && CountyWords.Kind(place.Name) is var kind && kind != CountyWords.Any && name.StartsWith(kind, StringComparison.Ordinal))
            above = [place.Path];
        var holder = await db.Units.AsNoTracking().Where(u => u.Id != self && u.Name == name && above.Contains(u.Jurisdiction!.Path))
            .OrderByDescending(u => u.Jurisdiction!.Path.Length).Select(u => new { u.Jurisdiction!.Name, u.Jurisdiction.Path }).FirstOrDefaultAsync(ct);
        if (holder is not null)
            return holder.Path == place.Path
                ? $"{place.Name}已有单位“{name}”"
                : $"{holder.Name}已登记单位“{name}”，{place.Name}的工作可以直接选用它，不必重复登记";
        var former = await db.UnitFormerNames.AsNoTracking().Where(f => f.JurisdictionId == place.Id && f.Name == name && f.UnitId != self)
            .Join(db.Units, f => f.UnitId, u => u.Id, (f, u) => new { u.Name, f.MergedUnitId }).FirstOrDefaultAsync(ct);
        return former is null ? null
            : $"“{name}”是{place.Name}“{former.Name}”的曾用名（{(former.MergedUnitId is null ? "已改名" : "已并入该单位")}），写这个名称的文件和记录都算作“{former.Name}”，不能再用作另一个单位的名称";
    }

    private static async Task<UnitChange?> SavedAsync(TownsDbContext db, Unit unit, Jurisdiction place, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same name saved by someone else a moment before.
            db.ChangeTracker.Clear();
            return UnitChange.Refused("Name", $"{place.Name}已有单位“{unit.Name}”");
        }
    }

    private static async Task<IReadOnlyList<string>> AlikeAtAsync(TownsDbContext db, Unit unit, CancellationToken ct)
    {
        var path = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == unit.JurisdictionId).Select(j => j.Path).SingleAsync(ct);
        var others = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == unit.JurisdictionId && u.Id != unit.Id).Select(u => u.Name).ToListAsync(ct);
        return others.Where(o => UnitLikeness.Alike(unit.Name, o, path)).Order(StringComparer.Ordinal).Take(5).ToList();
    }
}
