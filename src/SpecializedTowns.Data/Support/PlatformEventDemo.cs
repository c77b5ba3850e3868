using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// Demo 公共服务平台 and 展会活动 for the 朔州 towns and two 运城 ones. 怀仁陶瓷 has four platforms covering seven of the eight
/// functions of 朔政办发〔2023〕19号 二（七） (no 融资担保) against six reported in its statistics, so the page shows both a gap
/// in the criterion and a register behind the statistics; 山阴乳品 covers three; 平鲁小杂粮 none. Events follow the clauses
/// that ask for them (三（八） 国内重大展会, 四（十六） “手拉手”, 四（十七） 博览会、新闻发布会、境外展会). Towns and enterprises are
/// looked up by name: a missing one is an error in the demo, not a silent skip.
/// </summary>
public static class PlatformEventDemo
{
    private sealed record P(
        string Town, string Name, string Operator, PlatformOperatorKind Kind, PlatformLevel Level, int Year, PlatformMode Mode, PlatformFunction[] Functions,
        int? ServedYear = null, int? Served = null, string? Note = null);

    private static readonly P[] Platforms =
    [
        new("怀仁陶瓷专业镇", "怀仁市陶瓷产品质量检验检测中心", "怀仁市陶瓷产品检测服务有限公司", PlatformOperatorKind.Intermediary, PlatformLevel.Provincial, 2016,
            PlatformMode.Both, [PlatformFunction.Testing, PlatformFunction.StandardPromotion, PlatformFunction.Training], 2024, 420,
            "日用陶瓷铅镉溶出量、热稳定性等检测；承担陶瓷检验员培训"),
        new("怀仁陶瓷专业镇", "怀仁陶瓷产业研究院", "怀仁市人民政府与景德镇陶瓷大学共建", PlatformOperatorKind.University, PlatformLevel.Municipal, 2019,
            PlatformMode.Offline, [PlatformFunction.ResearchDesign, PlatformFunction.IndustrialDesign, PlatformFunction.Commercialization, PlatformFunction.IntellectualProperty],
            2024, 65, "器型与花面设计、新坯釉配方研发，外观设计专利代理"),
        new("怀仁陶瓷专业镇", "怀仁陶瓷电商与会展服务中心", "怀仁市陶瓷行业协会", PlatformOperatorKind.SocialOrganization, PlatformLevel.County, 2020,
            PlatformMode.Both, [PlatformFunction.ProductExhibition, PlatformFunction.ECommerce, PlatformFunction.InformationConsulting], 2024, 180),
        new("怀仁陶瓷专业镇", "怀仁陶瓷产业园物流配送中心", "山西怀仁云中陶瓷集团有限公司", PlatformOperatorKind.BackboneEnterprise, PlatformLevel.Unrecognised, 2021,
            PlatformMode.Offline, [PlatformFunction.Logistics]),
        new("山阴乳品专业镇", "山阴县乳制品质量检测中心", "山阴县市场监督管理局", PlatformOperatorKind.Government, PlatformLevel.County, 2018,
            PlatformMode.Offline, [PlatformFunction.Testing], 2024, 96),
        new("山阴乳品专业镇", "山西省乳品工程技术研究中心", "山西桑干河乳业有限公司", PlatformOperatorKind.BackboneEnterprise, PlatformLevel.Provincial, 2017,
            PlatformMode.Offline, [PlatformFunction.ResearchDesign, PlatformFunction.Commercialization, PlatformFunction.Training], 2024, 24),
        new("怀仁羔羊肉专业镇", "怀仁羔羊肉冷链物流与电商服务中心", "怀仁市海北头乡羔羊肉冷链物流有限公司", PlatformOperatorKind.BackboneEnterprise, PlatformLevel.Unrecognised, 2022,
            PlatformMode.Both, [PlatformFunction.Logistics, PlatformFunction.ECommerce, PlatformFunction.ProductExhibition], 2024, 57),
        new("历山镇蜂蜜专业镇", "垣曲县蜂产品质量检测与技术服务站", "垣曲县农业农村局", PlatformOperatorKind.Government, PlatformLevel.County, 2021,
            PlatformMode.Offline, [PlatformFunction.Testing, PlatformFunction.Training, PlatformFunction.InformationConsulting], 2024, 140),
        new("万安钻石专业镇", "新绛县万安钻石产业公共技术服务中心", "新绛县万安镇钻石检测服务有限公司", PlatformOperatorKind.Intermediary, PlatformLevel.Municipal, 2020,
            PlatformMode.Both, [PlatformFunction.Testing, PlatformFunction.ResearchDesign, PlatformFunction.StandardPromotion], 2024, 75),
    ];

    private sealed record E(
        string Name, EventKind Kind, EventRole Role, EventLevel Level, string Start, string End, string Place, string Organiser, string? Clause,
        string[] Towns, (string Enterprise, decimal? Intended, decimal? Deal)[] Participants, string? Note = null);

    private static readonly E[] Events =
    [
        new("怀仁羔羊肉产业化联合体“手拉手”产销对接活动", EventKind.HandInHand, EventRole.Organised, EventLevel.County, "2024-03-15", "2024-03-15", "朔州市怀仁市",
            "怀仁市人民政府", SupportClauses.HandInHand, ["怀仁羔羊肉专业镇"],
            [("山西怀仁塞北羔羊肉业有限公司", 800m, 500m), ("怀仁市何家堡羔羊屠宰加工有限公司", 300m, 200m), ("怀仁市海北头乡肉羊养殖专业合作社", 150m, 150m)],
            "龙头企业与养殖合作社签订订单收购协议"),
        new("2024年朔州市专业镇新闻发布会", EventKind.PressConference, EventRole.Organised, EventLevel.Municipal, "2024-06-18", "2024-06-18", "朔州市",
            "朔州市工业和信息化局", SupportClauses.DomesticAndForeignMarkets, ["怀仁陶瓷专业镇", "山阴乳品专业镇"],
            [("山西怀仁云中陶瓷集团有限公司", null, null), ("山西桑干河乳业有限公司", null, null)]),
        new("2024朔州专业镇特色产品博览会", EventKind.Expo, EventRole.Organised, EventLevel.Municipal, "2024-09-20", "2024-09-22", "朔州市",
            "朔州市人民政府", SupportClauses.DomesticAndForeignMarkets, ["怀仁陶瓷专业镇", "山阴乳品专业镇", "怀仁羔羊肉专业镇", "平鲁小杂粮专业镇"],
            [("山西怀仁云中陶瓷集团有限公司", 3000m, 1200m), ("怀仁市金沙滩日用瓷业有限公司", 1500m, 600m), ("怀仁市金沙滩陶瓷花纸有限公司", 300m, 120m),
             ("山西桑干河乳业有限公司", 2000m, 900m), ("山西怀仁塞北羔羊肉业有限公司", 1000m, 450m), ("朔州市平鲁区凤凰城杂粮开发有限公司", 200m, 80m)]),
        new("第136届中国进出口商品交易会（广交会）第二期", EventKind.NationalExhibition, EventRole.Attended, EventLevel.International, "2024-10-23", "2024-10-27", "广州市",
            "商务部、广东省人民政府", SupportClauses.TwoMarkets, ["怀仁陶瓷专业镇"],
            [("山西怀仁云中陶瓷集团有限公司", 2500m, 800m), ("怀仁市金沙滩日用瓷业有限公司", 1200m, 450m)], "市商务局组织，展位费按办展参展支持政策补助"),
        new("2025德国法兰克福国际消费品展览会（Ambiente）", EventKind.OverseasExhibition, EventRole.Attended, EventLevel.International, "2025-02-07", "2025-02-11", "德国",
            "法兰克福展览公司", SupportClauses.DomesticAndForeignMarkets, ["怀仁陶瓷专业镇"],
            [("山西怀仁云中陶瓷集团有限公司", 600m, null), ("怀仁市金沙滩日用瓷业有限公司", 350m, null)]),
        new("2024历山蜂蜜产品推介会", EventKind.Promotion, EventRole.Organised, EventLevel.County, "2024-09-10", "2024-09-10", "运城市垣曲县",
            "垣曲县人民政府", "垣政办发〔2023〕19号 四（七）", ["历山镇蜂蜜专业镇"],
            [("垣曲县历山蜂业有限公司", 200m, 120m), ("垣曲县历山镇百花蜂产品专业合作社", 50m, 30m)]),
        new("2024中国（郑州）超硬材料及制品展览会", EventKind.NationalExhibition, EventRole.Attended, EventLevel.National, "2024-09-20", "2024-09-22", "郑州市",
            "中国机床工具工业协会超硬材料分会", "新政办发〔2023〕33号 三（四）11", ["万安钻石专业镇"],
            [("山西绛州晶钻科技有限公司", 1500m, 600m), ("山西晋绛金刚石制品有限公司", 800m, 300m)]),
    ];

    private static readonly (string Prefix, string Pack)[] Packs =
        [("朔政办发〔2023〕19号 ", "shuozhou-2023-19"), ("垣政办发〔2023〕19号 ", "yuanqu-2023-19"), ("新政办发〔2023〕33号 ", "xinjiang-2023-33")];

    public static async Task LoadAsync(TownsDbContext db, CancellationToken ct = default)
    {
        if (await db.ServicePlatforms.AnyAsync(p => p.IsDemo, ct)) return;
        var created = new DateTime(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc);
        foreach (var p in Platforms)
        {
            var town = await db.Towns.AsNoTracking().Where(t => t.Name == p.Town).Select(t => new { t.Id, t.CountyId }).SingleAsync(ct);
            var platform = new ServicePlatform
            {
                Name = p.Name, CountyId = town.CountyId, SpecializedTownId = town.Id, Operator = p.Operator, OperatorKind = p.Kind, Level = p.Level,
                EstablishedYear = p.Year, Mode = p.Mode, ServedYear = p.ServedYear, EnterprisesServed = p.Served, Note = p.Note,
                CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
            };
            platform.SetFunctions(p.Functions);
            db.ServicePlatforms.Add(platform);
        }
        foreach (var e in Events)
        {
            var towns = await db.Towns.AsNoTracking().Where(t => e.Towns.Contains(t.Name)).Select(t => new { t.Id, t.County!.Path }).ToListAsync(ct);
            if (towns.Count != e.Towns.Length) throw new InvalidDataException($"demo event {e.Name}: a town is missing");
            var paths = towns.Select(t => t.Path).Distinct().ToList();
            // The demo's multi-town events all lie in one city: the city, else the county.
            var area = paths.Count == 1 ? paths[0] : paths[0][..paths[0].LastIndexOf('/')];
            var ev = new TradeEvent
            {
                Name = e.Name, Kind = e.Kind, Role = e.Role, Level = e.Level, StartOn = DateOnly.Parse(e.Start), EndOn = DateOnly.Parse(e.End),
                Place = e.Place, Organiser = e.Organiser, ClauseSource = e.Clause,
                PolicyPackId = e.Clause is null ? null : Packs.First(p => e.Clause.StartsWith(p.Prefix, StringComparison.Ordinal)).Pack,
                JurisdictionId = await db.Jurisdictions.Where(j => j.Path == area).Select(j => j.Id).SingleAsync(ct),
                Note = e.Note, CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
            };
            ev.SetTowns(towns.Select(t => t.Id));
            var participants = new List<ParticipantInput>();
            foreach (var (name, intended, deal) in e.Participants)
            {
                var enterprise = await db.Enterprises.AsNoTracking().Where(x => x.Name == name).Select(x => x.Id).SingleAsync(ct);
                participants.Add(new ParticipantInput { EnterpriseId = enterprise, IntendedWanYuan = intended, DealWanYuan = deal });
            }
            ev.SetParticipants(participants);
            db.TradeEvents.Add(ev);
        }
        await db.SaveChangesAsync(ct);
    }
}
