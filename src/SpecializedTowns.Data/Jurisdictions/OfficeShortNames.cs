using System.Runtime.CompilerServices;
using SpecializedTowns.Core.Documents;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Data.Jurisdictions;

/// <summary>
/// <see cref="PlaceShortNames"/> over Shanxi's reference places, with the 代字 the deployment's policy documents show
/// (垣政办发〔2023〕19号 → 垣曲县 is 垣). Worked out once per set of packs: the pages that propose a 文号 ask for it on every view.
/// </summary>
public static class OfficeShortNames
{
    private static readonly ConditionalWeakTable<IReadOnlyList<PolicyPack>, PlaceShortNames> Known = new();

    public static PlaceShortNames Of(IReadOnlyList<PolicyPack> packs) => Known.GetValue(packs, p => PlaceShortNames.Of(JurisdictionTree.ReferenceOffices,
        p.Where(x => x.Document.JurisdictionPath.Count > 0)
            .Select(x => (Path: string.Join("/", x.Document.JurisdictionPath), Short: DocumentNumber.PlaceShortName(x.Document.Number)))
            .Where(x => x.Short is not null).GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.First().Short!)));
}
