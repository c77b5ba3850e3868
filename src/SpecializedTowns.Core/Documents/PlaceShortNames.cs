using SpecializedTowns.Core.Notices;

namespace SpecializedTowns.Core.Documents;

/// <summary>
/// The short name each office's place goes by in the 文号 the platform proposes (督办通知书 垣专办督〔2026〕3号, the 月报通报's
/// example), distinct across the places that issue them. A place whose own policy document shows its 代字 keeps it (垣政办发 → 垣,
/// 新政办发 → 新), as does the province its 晋; any other place takes its first character only when no other place would
/// (运), else its name without 市/县/区 (平定县 → 平定 and 平鲁区 → 平鲁, not both 平), else that name after its city's (阳泉城区,
/// 晋城城区): a clerk or a leader above two counties must never see two places' numbers begin alike.
/// </summary>
public sealed class PlaceShortNames
{
    private readonly Dictionary<string, string> _byPath;

    private PlaceShortNames(Dictionary<string, string> byPath) => _byPath = byPath;

    /// <param name="paths">The places that issue documents (province, cities, counties), as paths 山西省/阳泉市/平定县.</param>
    /// <param name="established">Short names the places' own documents show, by path (垣曲县 → 垣).</param>
    public static PlaceShortNames Of(IEnumerable<string> paths, IReadOnlyDictionary<string, string> established)
    {
        var all = paths.Concat(established.Keys).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in all)
        {
            if (established.TryGetValue(path, out var known)) byPath[path] = known;
            else if (NoticeRules.ShortName(NameOf(path)) is var abbreviation && abbreviation != NameOf(path)[..1]) byPath[path] = abbreviation;
        }

        var rest = all.Where(p => !byPath.ContainsKey(p)).ToList();
        var taken = byPath.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var group in rest.GroupBy(p => NoticeRules.ShortName(NameOf(p))))
            foreach (var path in group)
                byPath[path] = group.Count() == 1 && !taken.Contains(group.Key) ? group.Key : Full(NameOf(path));

        // The same name twice (城区 in 阳泉 and in 晋城): told apart by the city.
        foreach (var same in rest.GroupBy(p => byPath[p]).Where(g => g.Count() > 1 || established.Values.Contains(g.Key)))
            foreach (var path in same)
                byPath[path] = (ParentOf(path) is { } parent ? Full(NameOf(parent)) : "") + byPath[path];
        return new PlaceShortNames(byPath);
    }

    /// <summary>Every place's short name, by path.</summary>
    public IReadOnlyDictionary<string, string> ByPath => _byPath;

    /// <summary>The place's short name; a place not in the list (added later) its name without 市/县/区, which no other place shares.</summary>
    public string For(string path) => _byPath.TryGetValue(path, out var name) ? name : Full(NameOf(path));

    /// <summary>运城市 → 运城, 新绛县 → 新绛, 山西省 → 山西; 临县 and 城区 stay whole.</summary>
    public static string Full(string name) =>
        name.Length > 2 && (name.EndsWith('市') || name.EndsWith('县') || name.EndsWith('省') || name.EndsWith('区')) ? name[..^1] : name;

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string? ParentOf(string path) => path.LastIndexOf('/') is > 0 and var i ? path[..i] : null;
}
