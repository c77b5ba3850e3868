using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Clusters;

/// <summary>
/// When a township–industry pair stands out. Platform defaults, not from the texts (none of the five sets a figure for
/// 储备): a location quotient against the county of at least 1.25 (the usual cluster-mapping cut for "specialised"),
/// at least 3 enterprises and at least 1000万元 of output, so that one workshop does not make a cluster.
/// </summary>
public sealed record CandidateRules
{
    public const decimal DefaultMinLocationQuotient = 1.25m;
    public const int DefaultMinEnterprises = 3;
    public const decimal DefaultMinOutputWanYuan = 1000m;

    public decimal MinLocationQuotient { get; init; } = DefaultMinLocationQuotient;
    public int MinEnterprises { get; init; } = DefaultMinEnterprises;
    public decimal MinOutputWanYuan { get; init; } = DefaultMinOutputWanYuan;

    /// <summary>Whether the quotient is taken on output (default) or on employment.</summary>
    public ClusterBasis Basis { get; init; } = ClusterBasis.Output;

    public bool StandsOut(ClusterCell cell) =>
        cell.Lq(Basis).County is { } lq && lq >= MinLocationQuotient
        && cell.Enterprises >= MinEnterprises
        && cell.OutputWanYuan >= MinOutputWanYuan;
}

/// <summary>The standard a candidate is measured against: the county-level one where its county has one, else the next tier up.</summary>
public sealed record TargetStandard(RecognitionStandard Standard, Tier Tier);

/// <summary>
/// A township–industry pair that stands out, checked against its target standard. <see cref="OpenCriteria"/> counts
/// the criteria still to close: each figure short of its threshold and each criterion not met; missing figures
/// (market share, which enterprise statistics do not give) are not counted, since every candidate lacks them alike.
/// </summary>
public sealed record ReserveCandidate(ClusterCell Cell, TargetStandard? Target, TownFacts? Facts, RecognitionResult? Check)
{
    public int OpenCriteria => Check is null ? int.MaxValue
        : Check.Gaps.Count + Check.Criteria.Count(c => c.Result == Results.NotMet && Check.Gaps.All(g => g.Key != c.Key));

    /// <summary>Output ÷ the standard's output threshold for the cell's category; null when the standard sets none.</summary>
    public decimal? OutputAttainment
    {
        get
        {
            if (Target is null || Cell.Category is null) return null;
            var threshold = ReserveCandidates.Threshold(Target.Standard.Criteria.FirstOrDefault(c => c.Fact == FactNames.AnnualOutputValueWanYuan), Cell.Category);
            return threshold is > 0 ? Cell.OutputWanYuan / threshold : null;
        }
    }
}

public static class ReserveCandidates
{
    /// <summary>
    /// The pairs that stand out and are not yet a specialized town of any tier (a 储备 town is already on the list),
    /// ranked: (1) pairs that could be checked against a standard before those that could not (no standard where the
    /// county lies, or no industry category given); (2) fewer open criteria first — closest to recognition;
    /// (3) higher output as a share of the standard's output threshold; (4) higher location quotient against the
    /// county; (5) higher output; then township and industry for a stable order. <paramref name="check"/>: how a cell is
    /// checked against its standard (<see cref="Check"/>, or the same kept from an earlier request).
    /// </summary>
    public static IReadOnlyList<ReserveCandidate> Select(
        IEnumerable<ClusterCell> cells,
        CandidateRules rules,
        Func<ClusterCell, bool> isAlreadyTown,
        Func<ClusterCell, TargetStandard?> targetFor,
        Func<ClusterCell, string>? sortName = null,
        Func<ClusterCell, TargetStandard?, ReserveCandidate>? check = null)
    {
        check ??= Check;
        var candidates = cells.Where(rules.StandsOut).Where(c => !isAlreadyTown(c)).Select(c => check(c, targetFor(c))).ToList();
        return Rank(candidates, rules, sortName);
    }

    public static IReadOnlyList<ReserveCandidate> Rank(IEnumerable<ReserveCandidate> candidates, CandidateRules rules, Func<ClusterCell, string>? sortName = null) =>
        candidates
            .OrderBy(c => c.Check is null ? 1 : 0)
            .ThenBy(c => c.OpenCriteria)
            .ThenByDescending(c => c.OutputAttainment ?? -1m)
            .ThenByDescending(c => c.Cell.Lq(rules.Basis).County ?? -1m)
            .ThenByDescending(c => c.Cell.OutputWanYuan)
            .ThenBy(c => sortName?.Invoke(c.Cell) ?? c.Cell.TownshipId.ToString("D10"), StringComparer.Ordinal)
            .ThenBy(c => c.Cell.Industry, StringComparer.Ordinal)
            .ToList();

    public static ReserveCandidate Check(ClusterCell cell, TargetStandard? target)
    {
        if (target is null || cell.Category is null) return new ReserveCandidate(cell, target, null, null);
        var facts = FactsOf(cell);
        return new ReserveCandidate(cell, target, facts, RecognitionEngine.Evaluate(target.Standard, facts));
    }

    /// <summary>
    /// What the registry says of the pair, as a town's facts. Market shares, the traditional-feature flag and the claim of
    /// a national market are not in enterprise statistics: they stay unknown for the office to supply.
    /// </summary>
    public static TownFacts FactsOf(ClusterCell cell) => new()
    {
        Category = cell.Category ?? "",
        AnnualOutputValueWanYuan = cell.OutputWanYuan,
        LeadingEnterprises = cell.LeadingEnterprises,
        SupportingEnterprises = cell.Enterprises - cell.LeadingEnterprises,
        LocalEmployment = cell.Employment,
        // One township lies in one county.
        IndustryWithinOneCounty = true,
        Designations = cell.Designations,
    };

    public static decimal? Threshold(Criterion? criterion, string category) =>
        criterion is null ? null : criterion.ByCategory is not null ? criterion.ByCategory.GetValueOrDefault(category) : criterion.Value;
}
