namespace SpecializedTowns.Core.Towns;

/// <summary>
/// The one year on which towns' annual statistics are set side by side: 工作台's 年产值 and 营收规模梯次, 专业镇名录's 年产值
/// column. A list or chart headed with one year holds that year's figures only; a town without them is counted apart, never
/// shown with an older year's figure under the newer heading.
/// </summary>
public static class StatisticsYear
{
    /// <summary>
    /// The newest year whose 年产值 at least half of the reporting towns have filled. Towns report at different times (a few
    /// file next year's figures while most have not); taking the newest year of any town put the others' older figures under it.
    /// </summary>
    /// <param name="reportedYearsPerTown">Each town's years with a 年产值 (<see cref="TownAnnualStatistics.IsReported"/>); towns without any are left out.</param>
    public static int? Compared(IEnumerable<IEnumerable<int>> reportedYearsPerTown)
    {
        var towns = reportedYearsPerTown.Select(y => y.ToHashSet()).Where(y => y.Count > 0).ToList();
        if (towns.Count == 0) return null;
        var years = towns.SelectMany(y => y).Distinct().OrderDescending().Select(year => (year, Towns: towns.Count(t => t.Contains(year)))).ToList();
        // Scattered years with no half on any: the year most towns share, the newest of those.
        return years.FirstOrDefault(y => y.Towns * 2 >= towns.Count) is { Towns: > 0 } common ? common.year : years.MaxBy(y => y.Towns).year;
    }
}
