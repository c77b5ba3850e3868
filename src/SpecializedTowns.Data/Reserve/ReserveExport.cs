using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Reserve;

/// <summary>储备培育候选 as a clerk downloads it: the figures with their units, quotients to two decimals.</summary>
public static class ReserveExport
{
    /// <summary>
    /// The quotients and concentration on the 口径 the page was showing, its name in the headers when it is employment; the
    /// county quotient on the other 口径 beside them.
    /// </summary>
    public static ExportTable<CandidateView> For(ClusterBasis basis)
    {
        var onEmployment = basis == ClusterBasis.Employment;
        var (on, figure) = onEmployment ? ("，按就业", "就业") : ("", "产值");
        var other = onEmployment ? ClusterBasis.Output : ClusterBasis.Employment;
        Concentration Of(ClusterCell cell) => onEmployment ? cell.EmploymentConcentration : cell.OutputConcentration;
        return new("储备培育候选", [
            new("排名", c => c.Rank, 8),
            new("县（市、区）", c => c.View.County, 14),
            new("乡镇（街道）", c => c.View.Township, 14),
            new("产业", c => c.View.Cell.Industry, 14),
            new("领域", c => c.View.Cell.Category is { } k ? IndustryCategories.NameOf(k) : null, 12),
            new("企业数（家）", c => c.View.Cell.Enterprises, 10),
            new("龙头企业（家）", c => c.View.Cell.LeadingEnterprises, 10),
            new("产值（万元）", c => c.View.Cell.OutputWanYuan, 14),
            new("就业（人）", c => c.View.Cell.Employment, 10),
            new($"区位熵（对县{on}）", c => Round(c.View.Cell.Lq(basis).County), 12),
            new($"区位熵（对市{on}）", c => Round(c.View.Cell.Lq(basis).City), 12),
            new($"区位熵（对省{on}）", c => Round(c.View.Cell.Lq(basis).Province), 12),
            new(onEmployment ? "产值区位熵（对县）" : "就业区位熵（对县）", c => Round(c.View.Cell.Lq(other).County), 14),
            new($"最大企业{figure}占比（%）", c => Of(c.View.Cell).TopShare is { } s ? Math.Round(s * 100, 1) : null, 14),
            new(onEmployment ? "HHI（按就业）" : "HHI", c => Of(c.View.Cell).Hhi is { } h ? Math.Round(h, 0) : null, 10),
            new("对照标准", c => c.Candidate.Target is { } t ? $"{t.Standard.Name}（{Tiers.Chinese(t.Tier)}）" : null, 28),
            new("未达条件（项）", c => c.Candidate.Check is null ? null : c.Candidate.OpenCriteria, 10),
            new("差距", c => c.Gaps, 48),
        ]);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2) : null;
}
