using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

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

    /// <summary>The chosen place's name (新绛县), for notes about it; null when none is chosen.</summary>
    public string? Name => Path is null ? null : Choices.FirstOrDefault(c => c.Path == Path)?.Name;

    public static async Task<PlaceFilter> ReadAsync(TownsDbContext db, UserScope scope, string? written, CancellationToken ct)
    {
        var choices = await ChoicesAsync(db, scope, ct);
        var text = written?.Trim();
        if (string.IsNullOrEmpty(text)) return new(choices, null, null);
        var name = PlaceNames.NameOf(text);
        var meant = PlaceNames.Meant(choices.Where(c => c.Name == name), c => c.Path, c => c.Level, text);
        // One of the choices, the office's own city or county included: it stays chosen in the select.
        if (meant.Count == 1) return new(choices, meant[0].Path, null);
        if (meant.Count > 1)
            return new(choices, null, PlaceNames.Ambiguity(text, choices.Where(meant.Contains).Select(c => c.Path).ToList()) + "已显示全部。");
        // The person's own jurisdiction when it is not one of the choices (山西省 for the province office) is all of the scope.
        if (PlaceNames.Fits(scope.JurisdictionPath, text)) return new(choices, null, null);
        var named = (await db.Jurisdictions.Where(j => j.Name == name).Select(j => new { j.Path, j.Level }).ToListAsync(ct))
            .Where(j => PlaceNames.Fits(j.Path, text)).ToList();
        var here = PlaceNames.NameOf(scope.JurisdictionPath);
        return new(choices, null, named switch
        {
            [] => $"没有名为“{text}”的行政区划，已显示全部。",
            _ when named.All(j => j.Level == JurisdictionLevel.Township) && named.Any(j => scope.Covers(j.Path)) =>
                $"“{text}”是乡镇（街道），这里按市、县（市、区）筛选，已显示全部。",
            _ when named.Any(j => Jurisdiction.IsWithin(scope.JurisdictionPath, j.Path)) =>
                $"“{text}”包含您的数据范围{here}，已显示{here}的全部。",
            // Within the person's own area, outside the place chosen in the top bar.
            _ when scope.HomePath != scope.JurisdictionPath && named.Any(j => Jurisdiction.IsWithin(j.Path, scope.HomePath)) =>
                $"“{text}”不在当前查看的{here}范围内，可在顶栏切换行政区划，已显示{here}的全部。",
            _ => $"“{text}”不在您的数据范围内，已显示全部。",
        });
    }

    /// <summary>The cities and counties in the person's scope, in the official order (a city, then its counties).</summary>
    private static async Task<IReadOnlyList<PlaceChoice>> ChoicesAsync(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        var query = db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.City || j.Level == JurisdictionLevel.County);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        if (!scope.IsAdmin) query = query.Where(j => j.Path == path || j.Path.StartsWith(under));
        return await query.OrderByCounty(j => j).Select(j => new PlaceChoice(j.Path, j.Name, j.Level)).ToListAsync(ct);
    }
}
