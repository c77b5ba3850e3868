using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Data.Jurisdictions;

public static class JurisdictionLookup
{
    /// <summary>The jurisdiction of that exact name, or the names a person probably meant.</summary>
    public static async Task<(Jurisdiction? Found, IReadOnlyList<string> Suggestions)> FindAsync(TownsDbContext db, string name, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        var matches = await db.Jurisdictions.AsNoTracking().Where(j => j.Name == trimmed).ToListAsync(ct);
        // A township name may repeat across counties; a county or city name does not.
        var found = matches.OrderBy(j => j.Level).FirstOrDefault();
        if (found is not null) return (found, []);
        var suggestions = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Name.Contains(trimmed) || (trimmed.Length > 1 && trimmed.Contains(j.Name)))
            .OrderBy(j => j.Level).ThenBy(j => j.Path).Select(j => j.Name).Take(8).ToListAsync(ct);
        return (null, suggestions);
    }
}
