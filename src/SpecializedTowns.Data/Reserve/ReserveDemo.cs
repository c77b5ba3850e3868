using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Demo;

namespace SpecializedTowns.Data.Reserve;

/// <summary>
/// Demo for 储备培育: invented enterprises of 永济市 and 垣曲县 that belong to no specialized town yet, each with its own
/// industry, so that the heat map shows clusters outside the recognised towns and the candidate list has something
/// to rank (永济 五（三）“梳理溯源、深入挖掘本地区具有比较优势的特色产品”). Names and figures are invented (万元, 人) and
/// marked IsDemo; the 2024 figure is given and earlier years go back by the growth rate, as in the seed.
/// <list type="bullet">
/// <item>栲栳镇 五金铸造 (制造业): 5 enterprises, 11 800万元 against 永济's 2亿元 county standard; short of it by output
/// and one supporting enterprise (2 open criteria): ranked first in 永济.</item>
/// <item>虞乡镇 芦笋 (特优农业): 5 enterprises, 9 100万元 against 1亿元, and 437 jobs against 500 (3 open criteria); one
/// 五金铸造 works there too, so its 芦笋 quotient is not the whole township.</item>
/// <item>张营镇 果品 (特优农业): 4 enterprises, no leading one, 4 300万元.</item>
/// <item>城东街道 食品加工: 2 enterprises only, below the 3 a candidate needs; single enterprises elsewhere mix the picture.</item>
/// <item>垣曲县 英言镇 核桃 (特优农业): 3 enterprises, 3 900万元, against 运城's city-level standard (垣曲 has no county one).</item>
/// </list>
/// </summary>
public static class ReserveDemo
{
    private sealed record Row(string County, string Township, string Name, string Industry, string Category, EnterpriseRole Role, bool AboveScale, decimal Output2024, int Employment, decimal GrowthPercent);

    private const string Agriculture = IndustryCategories.SpecialtyAgriculture;
    private const string Manufacturing = IndustryCategories.Manufacturing;
    private const string LightIndustry = IndustryCategories.SpecialtyLightIndustry;

    private static readonly Row[] Rows =
    [
        new("永济市", "虞乡镇", "永济市虞乡绿源芦笋食品有限公司", "芦笋", Agriculture, EnterpriseRole.Leading, true, 4600, 210, 12),
        new("永济市", "虞乡镇", "永济市五老峰芦笋种植专业合作社", "芦笋", Agriculture, EnterpriseRole.Cooperative, false, 1500, 95, 12),
        new("永济市", "虞乡镇", "永济市虞乡镇清华芦笋专业合作社", "芦笋", Agriculture, EnterpriseRole.Cooperative, false, 1300, 80, 12),
        new("永济市", "虞乡镇", "山西笋鲜冷链物流有限公司", "芦笋", Agriculture, EnterpriseRole.Supporting, false, 1100, 40, 12),
        new("永济市", "虞乡镇", "永济市虞乡镇王家芦笋家庭农场", "芦笋", Agriculture, EnterpriseRole.FamilyFarm, false, 600, 12, 12),
        new("永济市", "虞乡镇", "永济市虞乡恒达铸件厂", "五金铸造", Manufacturing, EnterpriseRole.Supporting, false, 800, 35, 4),

        new("永济市", "栲栳镇", "永济市栲栳恒通铸造有限公司", "五金铸造", Manufacturing, EnterpriseRole.Leading, true, 5200, 260, 6),
        new("永济市", "栲栳镇", "永济市鑫源五金制品有限公司", "五金铸造", Manufacturing, EnterpriseRole.Supporting, true, 2600, 120, 6),
        new("永济市", "栲栳镇", "永济市栲栳镇宏达机械配件厂", "五金铸造", Manufacturing, EnterpriseRole.Supporting, false, 1600, 70, 6),
        new("永济市", "栲栳镇", "永济市振兴紧固件有限公司", "五金铸造", Manufacturing, EnterpriseRole.Supporting, false, 1400, 60, 6),
        new("永济市", "栲栳镇", "永济市栲栳精工模具厂", "五金铸造", Manufacturing, EnterpriseRole.Supporting, false, 1000, 45, 6),
        new("永济市", "栲栳镇", "永济市栲栳镇新农果蔬专业合作社", "果品", Agriculture, EnterpriseRole.Cooperative, false, 800, 30, 3),

        new("永济市", "张营镇", "永济市张营镇果香苹果专业合作社", "果品", Agriculture, EnterpriseRole.Cooperative, false, 1500, 90, 8),
        new("永济市", "张营镇", "永济市张营红富士果业有限公司", "果品", Agriculture, EnterpriseRole.Supporting, false, 1300, 60, 8),
        new("永济市", "张营镇", "永济市张营镇李村果品专业合作社", "果品", Agriculture, EnterpriseRole.Cooperative, false, 900, 55, 8),
        new("永济市", "张营镇", "永济市张营镇赵家果园家庭农场", "果品", Agriculture, EnterpriseRole.FamilyFarm, false, 600, 15, 8),

        new("永济市", "城东街道", "永济市东城面点食品有限公司", "食品加工", LightIndustry, EnterpriseRole.Supporting, false, 1800, 70, 5),
        new("永济市", "城东街道", "永济市舜都豆制品厂", "食品加工", LightIndustry, EnterpriseRole.Supporting, false, 900, 40, 5),
        new("永济市", "城东街道", "永济市城东五金机电有限公司", "五金铸造", Manufacturing, EnterpriseRole.Supporting, false, 1200, 50, 5),

        new("垣曲县", "英言镇", "垣曲县英言山珍核桃有限公司", "核桃", Agriculture, EnterpriseRole.Leading, false, 2100, 80, 9),
        new("垣曲县", "英言镇", "垣曲县英言镇核桃种植专业合作社", "核桃", Agriculture, EnterpriseRole.Cooperative, false, 1100, 60, 9),
        new("垣曲县", "英言镇", "垣曲县英言镇张家核桃家庭农场", "核桃", Agriculture, EnterpriseRole.FamilyFarm, false, 700, 14, 9),
    ];

    public static async Task LoadAsync(TownsDbContext db, CancellationToken ct)
    {
        var names = Rows.Select(r => r.Name).ToList();
        if (await db.Enterprises.AnyAsync(e => names.Contains(e.Name), ct)) return;
        var places = await (
            from t in db.Jurisdictions
            join c in db.Jurisdictions on t.ParentId equals (int?)c.Id
            select new { TownshipId = t.Id, Township = t.Name, CountyId = c.Id, County = c.Name, c.Code }).ToListAsync(ct);
        foreach (var r in Rows)
        {
            var place = places.Single(p => p.County == r.County && p.Township == r.Township);
            var enterprise = new Enterprise
            {
                Name = r.Name,
                Uscc = Uscc.Demo(place.Code ?? "140000", BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(r.Name)), 0)),
                CountyId = place.CountyId, TownshipId = place.TownshipId, Role = r.Role, IsAboveScale = r.AboveScale,
                Industry = r.Industry, IndustryCategory = r.Category, IsDemo = true,
            };
            for (var year = DemoData.LatestYear - DemoData.Years + 1; year <= DemoData.LatestYear; year++)
            {
                var f = (decimal)Math.Pow(1 + (double)r.GrowthPercent / 100, year - DemoData.LatestYear);
                enterprise.Statistics.Add(new EnterpriseAnnualStatistics
                {
                    Year = year,
                    OutputValueWanYuan = Math.Round(r.Output2024 * f, 2),
                    RevenueWanYuan = Math.Round(r.Output2024 * f * 0.93m, 2),
                    TaxWanYuan = Math.Round(r.Output2024 * f * 0.03m, 2),
                    Employment = (int)Math.Round(r.Employment * (1 + (f - 1) / 2)),
                    IsDemo = true,
                });
            }
            db.Enterprises.Add(enterprise);
        }
        await db.SaveChangesAsync(ct);
    }
}
