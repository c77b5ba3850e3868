using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Reserve;

/// <summary>储备培育候选 as a clerk downloads it: the figures with their units, quotients to two decimals.</summary>
public static class ReserveExport
{
    public static readonly ExportTable<CandidateView> Table = new("储备培育候选", [
        new("排名", c => c.Rank, 8),
        new("县（市、区）", c => c.View.County, 14),
        new("乡镇（街道）", c => c.View.Township, 14),
        new("产业", c => c.View.Cell.Industry, 14),
        new("领域", c => c.View.Cell.Category is { } k ? IndustryCategories.NameOf(k) : null, 12),
        new("企业数（家）", c => c.View.Cell.Enterprises, 10),
        new("龙头企业（家）", c => c.View.Cell.LeadingEnterprises, 10),
        new("产值（万元）", c => c.View.Cell.OutputWanYuan, 14),
        new("就业（人）", c => c.View.Cell.Employment, 10),
        new("区位熵（对县）", c => Round(c.View.Cell.OutputLq.County), 12),
        new("区位熵（对市）", c => Round(c.View.Cell.OutputLq.City), 12),
        new("区位熵（对省）", c => Round(c.View.Cell.OutputLq.Province), 12),
        new("就业区位熵（对县）", c => Round(c.View.Cell.EmploymentLq.County), 14),
        new("最大企业产值占比（%）", c => c.View.Cell.OutputConcentration.TopShare is { } s ? Math.Round(s * 100, 1) : null, 14),
        new("HHI", c => c.View.Cell.OutputConcentration.Hhi is { } h ? Math.Round(h, 0) : null, 10),
        new("对照标准", c => c.Candidate.Target is { } t ? $"{t.Standard.Name}（{Tiers.Chinese(t.Tier)}）" : null, 28),
        new("未达条件（项）", c => c.Candidate.Check is null ? null : c.Candidate.OpenCriteria, 10),
        new("差距", c => c.Gaps, 48),
    ]);

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2) : null;
}
