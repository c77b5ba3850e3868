using System.Globalization;

namespace SpecializedTowns.Core.Imports;

/// <summary>
/// Figures an import lets through but asks the sender to check (需核实): each is plausible alone, and each was a slip that went
/// in without a word (qa110 8).
/// </summary>
public static class ImportChecks
{
    /// <summary>How far (in years) a project's planned date may lie from its 计划年度 before it is asked about.</summary>
    public const int PlanDateYears = 2;

    /// <summary>
    /// A planned date more than <see cref="PlanDateYears"/> years before or after its 计划年度: 2023-03-15 for a 2026 project is
    /// more likely a number read as a date, or last year's row copied, than a plan.
    /// </summary>
    public static string? PlanDate(string label, DateOnly day, int planYear) =>
        day.Year < planYear - PlanDateYears || day.Year > planYear + PlanDateYears
            ? $"计划{label}日期 {CellValues.Day(day)} 与计划年度 {planYear} 年相差 {PlanDateYears} 年以上，请核实"
            : null;

    /// <summary>
    /// A town whose enterprises an import more than doubles, by at least 100: a whole county's list filed under one town, or a
    /// file imported twice under new codes, is the likelier cause than growth.
    /// </summary>
    public static string? TownGrowth(string town, int before, int after) =>
        after > 2 * before && after - before >= 100
            ? $"{town} 企业数将由 {Count(before)} 家增至 {Count(after)} 家，请核实"
            : null;

    private static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
