using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>One choice of the 行政区划 filter. Its value is the path: 城区 is a district of both 阳泉市 and 晋城市.</summary>
public sealed record PlaceChoice(string Path, string Name, JurisdictionLevel Level)
{
    /// <summary>Counties indented under their city.</summary>
    public string Label => Level == JurisdictionLevel.County ? "　" + Name : Name;
}

/// <summary>
/// The 行政区划 filter of the list pages (专业镇名录, 企业, 储备培育, the support registers): the cities and counties of the
/// person's scope, and the place chosen. The select sends a path; a name or the tail of a path (older links, typed
/// addresses) is read by <see cref="PlaceNames"/> among the same choices. Whatever cannot be used is said, and the list
/// shows all of the scope.
/// </summary>
public sealed record PlaceFilter(IReadOnlyList<PlaceChoice> Choices, string? Path, string? Error)
{
    public static readonly PlaceFilter None = new([], null, null);

    public static async Task<PlaceFilter> ReadAsync(TownsDbContext db, UserScope scope, string? written, CancellationToken ct)
    {
        var choices = await ChoicesAsync(db, scope, ct);
        var text = written?.Trim();
        // The person's own jurisdiction (山西省 for the province office) is all of the scope, not an error.
        if (string.IsNullOrEmpty(text) || PlaceNames.Fits(scope.JurisdictionPath, text)) return new(choices, null, null);
        var name = PlaceNames.NameOf(text);
        var meant = PlaceNames.Meant(choices.Where(c => c.Name == name), c => c.Path, c => c.Level, text);
        if (meant.Count == 1) return new(choices, meant[0].Path, null);
        if (meant.Count > 1) return new(choices, null, PlaceNames.Ambiguity(text, meant.Select(c => c.Path).ToList()) + "已显示全部。");
        var elsewhere = await db.Jurisdictions.Where(j => j.Name == name).Select(j => j.Path).ToListAsync(ct);
        return new(choices, null, elsewhere.Any(p => PlaceNames.Fits(p, text))
            ? $"“{text}”不在您的数据范围内，已显示全部。"
            : $"没有名为“{text}”的行政区划，已显示全部。");
    }

    /// <summary>
    /// The cities and counties in the person's scope, in the official order of their division codes (a city, then its
    /// counties); by path when a place has no code, so that places without codes still sit under their city.
    /// </summary>
    private static async Task<IReadOnlyList<PlaceChoice>> ChoicesAsync(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        var query = db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.City || j.Level == JurisdictionLevel.County);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        if (!scope.IsAdmin) query = query.Where(j => j.Path == path || j.Path.StartsWith(under));
        var rows = await query.Select(j => new { j.Path, j.Name, j.Level, j.Code }).ToListAsync(ct);
        var byCode = rows.All(r => !string.IsNullOrEmpty(r.Code));
        return rows.OrderBy(r => byCode ? r.Code : r.Path, StringComparer.Ordinal)
            .Select(r => new PlaceChoice(r.Path, r.Name, r.Level)).ToList();
    }
}
