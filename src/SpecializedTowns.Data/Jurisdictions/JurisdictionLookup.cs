using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Data.Jurisdictions;

/// <summary>The jurisdiction a person wrote: found, ambiguous (with the places it could be) or unknown (with the names probably meant).</summary>
public sealed record JurisdictionMatch(Jurisdiction? Found, IReadOnlyList<string> Suggestions, bool Ambiguous)
{
    /// <summary>Why nothing was found, in Chinese, for the person who wrote it; null when found.</summary>
    public string? Problem(string written) =>
        Found is not null ? null
        : Ambiguous ? PlaceNames.Ambiguity(written, Suggestions)
        : $"未找到行政区划“{written.Trim()}”" + (Suggestions.Count > 0 ? $"，是否是：{string.Join("、", Suggestions)}？" : "，请写全称，如 垣曲县、运城市");
}

public static class JurisdictionLookup
{
    /// <summary>
    /// The jurisdiction written as a name, a path or the tail of a path (<see cref="PlaceNames"/>). A name several places share
    /// at the same level (城区, most township names) is ambiguous: the places are returned, not the first of them.
    /// </summary>
    public static async Task<JurisdictionMatch> FindAsync(TownsDbContext db, string written, CancellationToken ct = default)
    {
        var name = PlaceNames.NameOf(written);
        if (name.Length == 0) return new(null, [], false);
        var named = await db.Jurisdictions.AsNoTracking().Where(j => j.Name == name).ToListAsync(ct);
        var meant = PlaceNames.Meant(named, j => j.Path, j => j.Level, written);
        if (meant.Count == 1) return new(meant[0], [], false);
        // In the official order of division codes, as the filters list them.
        if (meant.Count > 1) return new(null, meant.OrderBy(j => PlaceOrder.KeyOf(j.Code, j.Path), StringComparer.Ordinal).Select(j => j.Path).ToList(), true);
        var suggestions = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Name.Contains(name) || (name.Length > 1 && name.Contains(j.Name)))
            .OrderBy(j => j.Level).ThenByPlace(j => j).Select(j => j.Name).Take(8).ToListAsync(ct);
        return new(null, suggestions, false);
    }
}
