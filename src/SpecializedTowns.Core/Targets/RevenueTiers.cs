using System.Globalization;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Targets;

public enum TierMovement { Up = 1, Same = 2, Down = 3 }

/// <summary>A town's 营收规模梯次 in one year: the highest of its pack's levels its revenue reaches; 0 below the lowest.</summary>
public sealed record RevenueTierYear(int Year, decimal RevenueWanYuan, decimal LevelYi, TierMovement? Movement)
{
    public string Name => RevenueTiers.Name(LevelYi);
}

/// <summary>
/// 营收规模梯次 (朔政办发〔2023〕19号: 10/20/30/50/100亿级; 阳泉 10/20/50/100; 永济 5/10/20): a town is at the
/// highest level whose 亿元 figure its year's revenue reaches, and moves up, down or stays year on year.
/// </summary>
public static class RevenueTiers
{
    public static decimal LevelOf(decimal revenueWanYuan, IEnumerable<RevenueTier> tiers) =>
        tiers.Select(t => t.ValueYi).Where(v => revenueWanYuan >= v * 10000).DefaultIfEmpty(0).Max();

    /// <summary>Each year's level in year order; the first year has no movement, having no year before it to compare with.</summary>
    public static IReadOnlyList<RevenueTierYear> Series(IEnumerable<(int Year, decimal RevenueWanYuan)> revenue, IReadOnlyList<RevenueTier> tiers)
    {
        var result = new List<RevenueTierYear>();
        foreach (var (year, wanYuan) in revenue.OrderBy(r => r.Year))
        {
            var level = LevelOf(wanYuan, tiers);
            TierMovement? movement = result.Count == 0 || result[^1].Year != year - 1 ? null
                : level > result[^1].LevelYi ? TierMovement.Up : level < result[^1].LevelYi ? TierMovement.Down : TierMovement.Same;
            result.Add(new RevenueTierYear(year, wanYuan, level, movement));
        }
        return result;
    }

    public static string Name(decimal levelYi) => levelYi == 0 ? "未达最低档" : levelYi.ToString("#,0.##", CultureInfo.InvariantCulture) + "亿级";

    public static string Chinese(TierMovement? movement) => movement switch
    {
        TierMovement.Up => "升档",
        TierMovement.Down => "降档",
        TierMovement.Same => "持平",
        _ => "—",
    };

    public static string Key(TierMovement? movement) => movement switch
    {
        TierMovement.Up => "up",
        TierMovement.Down => "down",
        TierMovement.Same => "same",
        _ => "none",
    };
}
