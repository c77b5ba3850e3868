using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Demo;

/// <summary>
/// Demo for 动态调整 and 表扬 (docs/decisions/0013), on top of the seed so that each finding shows at least once:
/// <list type="bullet">
/// <item>平定砂器刻花瓷 becomes one of 阳泉's first municipal towns (2023, on its 2022 figures: 12 supporting enterprises);
/// its supporting enterprises fall to 8 and 6 in 2023 and 2024, below the standard's 10 → 建议退出/降级 after two years.</item>
/// <item>郊区耐火材料 becomes municipal in 2023 too (output 11.8亿元 ≥ 10亿元); its 2024 output falls to 9.6亿元 → 预警.</item>
/// <item>升级候选 come from the seed as it is (e.g. 蒲州镇文旅康养 meets 永济's county standard).</item>
/// <item>Triggers: 怀仁市金沙滩日用瓷业 passes 10亿元 revenue in 2023 (seed figures); the office's national rankings put
/// 怀仁's 骨质瓷 in the top 10 for the first time in 2024, and 山阴's 液态奶 at 8th with no earlier ranking (待核实).</item>
/// </list>
/// The towns and enterprises are looked up by name: a missing one is an error in the demo, not a silent skip.
/// </summary>
public static class TiersAndTriggersDemo
{
    private const string Note = "演示数据：阳泉市首批市级专业镇";

    public static async Task LoadAsync(TownsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.MarketRanks.AnyAsync(r => r.IsDemo, ct)) return;

        var pingding = await TownAsync(db, "平定砂器刻花瓷专业镇", ct);
        Recognise(pingding, new DateOnly(2023, 9, 15));
        SetSupporting(pingding, (2022, 12), (2023, 8), (2024, 6));

        var refractory = await TownAsync(db, "郊区耐火材料专业镇", ct);
        Recognise(refractory, new DateOnly(2023, 9, 15));
        var fallen = refractory.Statistics.Single(s => s.Year == 2024);
        fallen.OutputValueWanYuan = 96000;
        fallen.RevenueWanYuan = 90500;

        var now = time.GetUtcNow().UtcDateTime;
        var ceramics = await TownAsync(db, "怀仁陶瓷专业镇", ct);
        var boneChina = await EnterpriseIdAsync(db, "怀仁市金沙滩日用瓷业有限公司", ct);
        foreach (var (year, rank) in new[] { (2022, 15), (2023, 12), (2024, 9) })
            db.MarketRanks.Add(Rank(ceramics.Id, boneChina, "骨质瓷餐具", year, rank, "中国陶瓷工业协会日用陶瓷行业年度排名（演示）", now));
        var dairy = await TownAsync(db, "山阴乳品专业镇", ct);
        db.MarketRanks.Add(Rank(dairy.Id, await EnterpriseIdAsync(db, "山西桑干河乳业有限公司", ct), "液态奶", 2024, 8, "中国乳制品工业协会年度排名（演示）", now));

        await db.SaveChangesAsync(ct);
    }

    private static void Recognise(SpecializedTown town, DateOnly on)
    {
        town.Tier = Tier.Municipal;
        town.TierHistory.Add(new TierChange
        {
            Tier = Tier.Municipal, StandardId = "yangquan-municipal", EffectiveOn = on, DocumentNumber = null,
            Note = $"{Note}（依{on.Year - 1}年统计认定）",
        });
    }

    private static void SetSupporting(SpecializedTown town, params (int Year, int Count)[] counts)
    {
        foreach (var (year, count) in counts)
            town.Statistics.Single(s => s.Year == year).SupportingEnterprises = count;
    }

    private static ProductMarketRank Rank(int townId, int? enterpriseId, string product, int year, int rank, string source, DateTime now) => new()
    {
        SpecializedTownId = townId, EnterpriseId = enterpriseId, Product = product, Year = year, Rank = rank,
        RankingSource = source, RecordedBy = "朔州市专业镇办（演示）", RecordedAtUtc = now, IsDemo = true,
    };

    private static async Task<SpecializedTown> TownAsync(TownsDbContext db, string name, CancellationToken ct) =>
        await db.Towns.Include(t => t.TierHistory).Include(t => t.Statistics).SingleOrDefaultAsync(t => t.Name == name && t.IsDemo, ct)
        ?? throw new InvalidDataException($"demo town {name} is missing");

    private static async Task<int> EnterpriseIdAsync(TownsDbContext db, string name, CancellationToken ct) =>
        await db.Enterprises.Where(e => e.Name == name && e.IsDemo).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct)
        ?? throw new InvalidDataException($"demo enterprise {name} is missing");
}
