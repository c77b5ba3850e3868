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
    /// none (an account's or a record's unit typed by a person). A township's account of 历山镇 is the 历山镇 垣曲's leading
    /// group names, not a second unit of the same government; an account at a township of 县农业农村局 is the county's bureau.
    /// </summary>
    public static async Task<Unit> ResolveAsync(TownsDbContext db, int jurisdictionId, string name, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        var path = await db.Jurisdictions.Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleAsync(ct);
        var places = Enumerable.Range(1, path.Count(c => c == '/') + 1).Select(n => string.Join("/", path.Split('/').Take(n))).ToList();
        var unit = await db.Units.Where(u => u.Name == trimmed && places.Contains(u.Jurisdiction!.Path))
            .OrderByDescending(u => u.Jurisdiction!.Path.Length).FirstOrDefaultAsync(ct);
        if (unit is not null) return unit;
        unit = new Unit { JurisdictionId = jurisdictionId, Name = trimmed };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return unit;
    }

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
