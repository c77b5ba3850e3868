using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// The roll-ups (资金绩效, 培训后就业率) start at the area a person looks at: a total above it would carry its name with only
/// the area's figures (山西省 on 运城市's page, or on the province office's page filtered to 垣曲县).
/// </summary>
internal static class AreaLines
{
    public static List<T> From<T>(IEnumerable<T> lines, string? chosenPath, UserScope scope, Func<T, bool> isTotal, Func<T, string> path)
    {
        var area = !string.IsNullOrWhiteSpace(chosenPath) ? chosenPath.Trim() : scope.IsAdmin ? "" : scope.JurisdictionPath;
        return lines.Where(l => !(isTotal(l) && area.StartsWith(path(l) + "/", StringComparison.Ordinal))).ToList();
    }
}
