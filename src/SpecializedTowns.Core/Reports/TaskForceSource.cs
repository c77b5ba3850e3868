using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Reports;

/// <summary>
/// The 依据 a new 专班 carries when the office writes none: the clause of the county's own document that sets up its task forces
/// (永济 五（一） “特成立……专业镇培育专班”), the clause the 专班名录 header quotes to that county's office. Only the county's own
/// document counts: a city's or the province's words on task forces do not set up this county's 专班, and a county whose
/// document says nothing (垣曲) leaves the field for the office to fill, as before.
/// </summary>
public static class TaskForceSource
{
    public static string? Default(PolicyCatalog catalog, string countyPath) =>
        catalog.Packs.Where(p => string.Join("/", p.Document.JurisdictionPath) == countyPath)
            .SelectMany(Clauses.TaskForces).Select(c => c.Source.Trim()).FirstOrDefault(s => s.Length > 0);
}
