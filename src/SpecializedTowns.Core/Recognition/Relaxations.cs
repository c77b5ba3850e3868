using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Recognition;

/// <summary>
/// A relaxation a recognition was granted under (阳政办发〔2023〕24号 四（一）: “可适当放宽认定条件，但年产值应不少于0.5亿元”):
/// the criterion, the figure it was granted on, the standard and the floor, and the clause that allows it.
/// </summary>
public sealed record GrantedRelaxation(string CriterionKey, string Fact, decimal Figure, decimal Threshold, decimal Floor, string? Unit, string? Source)
{
    /// <summary>The basis as a decision states it: 依据阳政办发〔2023〕24号 四（一）放宽认定（年产值 0.6亿元，不少于 0.5亿元）.</summary>
    public string Basis
    {
        get
        {
            // In the unit of the standard's own figure (2亿元), as the text writes its floor (0.5亿元).
            var (figure, _) = Quantity.Pair(Figure, Threshold, Unit);
            var (floor, _) = Quantity.Pair(Floor, Threshold, Unit);
            return $"依据{Source}放宽认定（{FactNames.GapNames[Fact]} {figure}，不少于 {floor}）";
        }
    }

    /// <summary>The clause within the standard's own document (四（一）), where <see cref="Source"/> cites it under the document's number.</summary>
    public string? Clause { get; init; }

    /// <summary>
    /// What a yearly review of the town says it was held to: 按放宽条件复核（四（一））：年产值不少于 0.5亿元 — the floor it was recognised
    /// on, not the full standard (the standard and its document are named beside it).
    /// </summary>
    public string ReviewNote
    {
        get
        {
            var (floor, _) = Quantity.Pair(Floor, Threshold, Unit);
            return $"按放宽条件复核（{Clause ?? Source}）：{FactNames.GapNames[Fact]}不少于 {floor}";
        }
    }
}

/// <summary>Which relaxations a recognition rests on: one rule for the decision that states them and the yearly check that honours them.</summary>
public static class Relaxations
{
    /// <summary>
    /// The criteria of <paramref name="standard"/> that the facts (with the expert panel's conclusions) meet only under the
    /// relaxation the text allows: the figure below the standard, not below the floor, with the feature the relaxation
    /// requires, and concluded 符合 by the panel. Empty for a recognition on the full standard.
    /// </summary>
    public static IReadOnlyList<GrantedRelaxation> Granted(RecognitionStandard standard, TownFacts facts)
    {
        var granted = new List<GrantedRelaxation>();
        foreach (var c in standard.Criteria)
        {
            if (c.Kind != "threshold" || c.Relaxation is not { } r || c.Fact is not { } fact) continue;
            var threshold = c.ByCategory is not null ? c.ByCategory.GetValueOrDefault(facts.Category) : c.Value;
            if (threshold is null || facts.Number(fact) is not { } value) continue;
            if (value >= threshold || value < r.Floor || facts.Flag(r.Requires) != true) continue;
            if (!facts.ExpertConclusions.TryGetValue(c.Key, out var met) || !met) continue;
            var source = r.Source ?? c.Source;
            granted.Add(new GrantedRelaxation(c.Key, fact, value, threshold.Value, r.Floor, c.Unit, standard.Cite(source))
            {
                Clause = standard.DocumentNumber is { } number && source?.StartsWith(number, StringComparison.Ordinal) == true && source.Length > number.Length
                    ? source[number.Length..].Trim() : source,
            });
        }
        return granted;
    }
}
