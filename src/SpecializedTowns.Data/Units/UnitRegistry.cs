using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
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
    /// The unit a person named for work in the jurisdiction (an account's 单位): a unit of the jurisdiction itself, a unit of
    /// a place above it picked as such (“市工信局（朔州市）”, as the form's list writes it), or — only when they said it is new —
    /// a new unit of the jurisdiction. A bare name that only a place above has is refused: 怀仁市's 市工信局 and 朔州市's are
    /// written alike, and a member account bound to the city's bureau would see and answer for the city's work. At a township
    /// the bare name stands for the county's unit, as every township's work names it (历山镇, 县农业农村局). A spelling of
    /// their own (县文化旅游局 for 县文旅局) would otherwise become a second unit that sees none of the first one's tasks; the
    /// refusal names the registered units that look alike. Nothing is written: the caller adds a new unit with
    /// <see cref="AddAsync"/> together with what it saves.
    /// </summary>
    public static async Task<UnitChoice> ChooseAsync(TownsDbContext db, int jurisdictionId, string name, bool isNew, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        var place = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == jurisdictionId).Select(j => new { j.Name, j.Path, j.Level }).SingleAsync(ct);
        var ancestors = Ancestors(place.Path).Where(p => p != place.Path).ToList();
        var above = await db.Jurisdictions.AsNoTracking().Where(j => ancestors.Contains(j.Path))
            .Select(j => new { j.Name, j.Path }).ToListAsync(ct);
        // “市工信局（朔州市）”: the name and the place above it that the list wrote beside it.
        var picked = above.Select(a => (a.Path, a.Name, Bare: Unqualified(trimmed, a.Name))).Where(a => a.Bare is not null).ToList();
        var lookup = await UnitLookup.LoadAsync(db, [place.Path], ct, [trimmed, .. picked.Select(a => a.Bare!)]);
        var found = lookup.Find(place.Path, trimmed);
        if (found is not null && (found.Path == place.Path || place.Level == JurisdictionLevel.Township))
            return new UnitChoice(await db.Units.SingleAsync(u => u.Id == found.Id, ct), trimmed, null);
        foreach (var (path, _, bare) in picked)
            if (lookup.Find(path, bare!) is { } chosen)
                return new UnitChoice(await db.Units.SingleAsync(u => u.Id == chosen.Id, ct), bare!, null);
        if (trimmed.Length > UnitNames.MaxLength || UnitNames.IsCollective(trimmed))
            return new UnitChoice(null, trimmed, $"请填写一个具体单位的名称（不超过 {UnitNames.MaxLength} 字），不要写“各……”“有关部门”");
        if (isNew) return new UnitChoice(null, trimmed, null);
        if (found is not null)
        {
            var holder = above.Where(a => a.Path == found.Path).Select(a => a.Name).FirstOrDefault() ?? "上级";
            return new UnitChoice(null, trimmed,
                $"“{trimmed}”是{holder}的单位；如为{place.Name}本级单位请勾选“新增单位”；确为{holder}的这一单位，请从列表选择“{Qualified(found.Name, holder)}”。");
        }
        var similar = UnitLikeness.Similar(trimmed, (await ForPathAsync(db, place.Path, ct)).Select(u => u.Name), place.Path);
        var hint = similar.Count > 0 ? $"相近的已登记单位有：{string.Join("、", similar)}。" : "";
        return new UnitChoice(null, trimmed,
            $"“{trimmed}”不是{place.Name}或其上级已登记的单位。{hint}请从列表中选择；确属尚未登记的新单位，请勾选“新增单位”。");
    }

    /// <summary>
    /// A unit as an account form writes it for work at <paramref name="placePath"/>: bare when it is the place's own (or the
    /// place is a township, whose work names the county's units bare), else with the place above that holds it.
    /// </summary>
    public static string WrittenFor(string unitName, string unitPlaceName, string unitPath, string placePath, JurisdictionLevel placeLevel) =>
        unitPath == placePath || placeLevel == JurisdictionLevel.Township ? unitName : Qualified(unitName, unitPlaceName);

    /// <summary>市工信局（朔州市）.</summary>
    public static string Qualified(string unitName, string placeName) => $"{unitName}（{placeName}）";

    private static string? Unqualified(string written, string placeName) =>
        written.EndsWith($"（{placeName}）", StringComparison.Ordinal) && written.Length > placeName.Length + 2
            ? written[..^(placeName.Length + 2)].Trim() : null;

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
