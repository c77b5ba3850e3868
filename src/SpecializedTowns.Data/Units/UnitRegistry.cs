using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Data.Units;

public static class UnitRegistry
{
    /// <summary>Every unit the policy documents name, registered under the document's jurisdiction; run at each start.</summary>
    public static async Task<int> EnsureFromPacksAsync(TownsDbContext db, PolicyCatalog catalog, CancellationToken ct = default)
    {
        var paths = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Path, j => j.Id, ct);
        var existing = (await db.Units.AsNoTracking().Select(u => new { u.JurisdictionId, u.Name }).ToListAsync(ct))
            .Select(u => (u.JurisdictionId, u.Name)).ToHashSet();
        // A name renamed or merged away stays its unit's (系统 → 单位): registering it again would undo the merge at every start.
        existing.UnionWith((await db.UnitFormerNames.AsNoTracking().Select(f => new { f.JurisdictionId, f.Name }).ToListAsync(ct))
            .Select(f => (f.JurisdictionId, f.Name)));
        var added = 0;
        foreach (var pack in catalog.Packs)
        {
            if (!paths.TryGetValue(string.Join("/", pack.Document.JurisdictionPath), out var jurisdictionId)) continue;
            foreach (var name in UnitNames.NamedIn(pack))
                if (existing.Add((jurisdictionId, name)))
                {
                    db.Units.Add(new Unit { JurisdictionId = jurisdictionId, Name = name });
                    added++;
                }
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// The unit of that name in the jurisdiction or the nearest one above it, registered in the jurisdiction when there is
    /// none. Only for names the platform itself ships (demo and seed accounts): a name a person types goes through
    /// <see cref="ChooseAsync"/>, which never invents a unit unasked. A township's account of 历山镇 is the 历山镇 垣曲's
    /// leading group names, not a second unit of the same government; an account at a township of 县农业农村局 is the county's bureau.
    /// </summary>
    public static async Task<Unit> ResolveAsync(TownsDbContext db, int jurisdictionId, string name, CancellationToken ct = default) =>
        await FindAsync(db, jurisdictionId, name, ct) ?? await AddAsync(db, jurisdictionId, name, ct);

    /// <summary>
    /// The unit a person named for work in the jurisdiction (an account's 单位): one of the units of the jurisdiction or
    /// those above it, or — only when they said it is new — a new unit of the jurisdiction. A spelling of their own
    /// (县文化旅游局 for 县文旅局) or a county's bureau typed for a city account would otherwise become a second unit
    /// that sees none of the first one's tasks; the refusal names the registered units that look alike.
    /// Nothing is written: the caller adds a new unit with <see cref="AddAsync"/> together with what it saves.
    /// </summary>
    public static async Task<UnitChoice> ChooseAsync(TownsDbContext db, int jurisdictionId, string name, bool isNew, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        if (await FindAsync(db, jurisdictionId, trimmed, ct) is { } existing) return new UnitChoice(existing, trimmed, null);
        if (trimmed.Length > UnitNames.MaxLength || UnitNames.IsCollective(trimmed))
            return new UnitChoice(null, trimmed, $"请填写一个具体单位的名称（不超过 {UnitNames.MaxLength} 字），不要写“各……”“有关部门”");
        if (isNew) return new UnitChoice(null, trimmed, null);
        var place = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == jurisdictionId).Select(j => new { j.Name, j.Path }).SingleAsync(ct);
        var similar = UnitLikeness.Similar(trimmed, (await ForPathAsync(db, place.Path, ct)).Select(u => u.Name), place.Path);
        var hint = similar.Count > 0 ? $"相近的已登记单位有：{string.Join("、", similar)}。" : "";
        return new UnitChoice(null, trimmed,
            $"“{trimmed}”不是{place.Name}或其上级已登记的单位。{hint}请从列表中选择；确属尚未登记的新单位，请勾选“新增单位”。");
    }

    /// <summary>A new unit of the jurisdiction, saved at once (so its id can be used), inside the caller's transaction if any.</summary>
    public static async Task<Unit> AddAsync(TownsDbContext db, int jurisdictionId, string name, CancellationToken ct = default)
    {
        var unit = new Unit { JurisdictionId = jurisdictionId, Name = name.Trim() };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return unit;
    }

    // The account form's name and a seed's go the way an import's does (UnitLookup): a former name finds its unit too.
    private static async Task<Unit?> FindAsync(TownsDbContext db, int jurisdictionId, string name, CancellationToken ct)
    {
        var trimmed = name.Trim();
        var path = await db.Jurisdictions.Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleAsync(ct);
        var found = (await UnitLookup.LoadAsync(db, [path], ct, [trimmed])).Find(path, trimmed);
        return found is null ? null : await db.Units.SingleAsync(u => u.Id == found.Id, ct);
    }

    /// <summary>The path and the paths above it: 山西省, 山西省/运城市, 山西省/运城市/垣曲县.</summary>
    public static List<string> Ancestors(string path) =>
        Enumerable.Range(1, path.Count(c => c == '/') + 1).Select(n => string.Join("/", path.Split('/').Take(n))).ToList();

    /// <summary>The units a person may pick for work in the path: those of the path itself and of the jurisdictions above it.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name, string Place)>> ForPathAsync(TownsDbContext db, string path, CancellationToken ct = default)
    {
        var rows = await db.Units.AsNoTracking()
            .Where(u => u.Jurisdiction!.Path == path || path.StartsWith(u.Jurisdiction.Path + "/"))
            .OrderByDescending(u => u.Jurisdiction!.Level).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, Place = u.Jurisdiction!.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name, r.Place)).ToList();
    }
}

/// <summary>
/// The outcome of <see cref="UnitRegistry.ChooseAsync"/>: the registered unit, or none with the reason (<see cref="Problem"/>),
/// or none and no problem when a new unit of that <see cref="Name"/> is to be added.
/// </summary>
public sealed record UnitChoice(Unit? Existing, string Name, string? Problem);
