namespace SpecializedTowns.Core.Jurisdictions;

/// <summary>
/// How a place a person writes or picks is matched to the jurisdiction tree: one rule for the list filters, the API and the
/// command line. A place may be written as a bare name (垣曲县), as the tail of its path (晋城市/城区) or as the whole path
/// (山西省/晋城市/城区). Names repeat — 城区 is a district of both 阳泉市 and 晋城市, and township names repeat across counties —
/// so a name that fits more than one place at the same level is ambiguous and is never guessed.
/// </summary>
public static class PlaceNames
{
    /// <summary>The name a place is written with ends in: 山西省/晋城市/城区 → 城区.</summary>
    public static string NameOf(string written)
    {
        var text = written.Trim().TrimEnd('/');
        return text[(text.LastIndexOf('/') + 1)..].Trim();
    }

    /// <summary>Whether the written place is this path: the whole path, its tail from any level down, or its last name.</summary>
    public static bool Fits(string path, string written)
    {
        var text = string.Join('/', written.Trim().Trim('/').Split('/').Select(p => p.Trim()));
        return text.Length > 0 && (path == text || path.EndsWith("/" + text, StringComparison.Ordinal));
    }

    /// <summary>
    /// Of the places bearing the written name, those meant: the ones the text fits, at the highest level among them (a
    /// county before a township of the same name). One is an answer; more than one is an ambiguity to put to the person.
    /// </summary>
    public static IReadOnlyList<T> Meant<T>(IEnumerable<T> named, Func<T, string> path, Func<T, JurisdictionLevel> level, string written)
    {
        var fitting = named.Where(p => Fits(path(p), written)).ToList();
        if (fitting.Count < 2) return fitting;
        var top = fitting.Min(level);
        return fitting.Where(p => level(p) == top).OrderBy(path, StringComparer.Ordinal).ToList();
    }

    /// <summary>A place as told apart from its namesakes: its path below the province (晋城市/城区).</summary>
    public static string Distinct(string path) => path.Contains('/') ? path[(path.IndexOf('/') + 1)..] : path;

    /// <summary>What to say when a written name fits several places.</summary>
    public static string Ambiguity(string written, IReadOnlyList<string> paths) =>
        $"“{written.Trim()}”有 {paths.Count} 处：{string.Join("、", paths.Select(Distinct))}，请写明上级，如“{Distinct(paths[^1])}”。";
}
