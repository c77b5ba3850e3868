using System.Text.RegularExpressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Reserve;
using SpecializedTowns.Web.Tests.Infrastructure;

using SpecializedTowns.Web.Pages.Reserve;

namespace SpecializedTowns.Web.Tests.Reserve;

/// <summary>储备培育 on the demo data (Data/Reserve/ReserveDemo.cs), on both providers.</summary>
public class ReserveTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yongji = new(1, Roles.Office, "山西省/运城市/永济市", null);
    private static readonly UserScope Xinjiang = new(2, Roles.Office, "山西省/运城市/新绛县", null);
    private static readonly UserScope YunchengLeader = new(3, Roles.Leader, "山西省/运城市", null);

    private static readonly TimeProvider March2025 = new FixedClock(new DateOnly(2025, 3, 5));

    private static async Task<int> TownshipAsync(TownsDbContext db, string name) =>
        await db.Jurisdictions.Where(j => j.Name == name && j.Path.StartsWith("山西省/运城市/永济市/")).Select(j => j.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Yongji_candidates_are_ranked_against_its_county_standard(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var picture = await ClusterQueries.PictureAsync(db, Catalog, Yongji, 2024, null, new CandidateRules());
        // Hand-checked from ReserveDemo: 栲栳 五金铸造 misses output and one supporting enterprise (2), 虞乡 芦笋 also jobs (3),
        // 张营 果品 has no leading enterprise either (4). 城东 食品加工 has 2 enterprises; the recognised towns are not candidates.
        picture.Candidates.Select(c => (c.View.Township, c.View.Cell.Industry, c.Candidate.OpenCriteria))
            .ShouldBe([("栲栳镇", "五金铸造", 2), ("虞乡镇", "芦笋", 3), ("张营镇", "果品", 4)]);
        picture.Candidates.ShouldAllBe(c => c.Candidate.Target!.Standard.Id == "yongji-county");
        picture.Cells.ShouldContain(c => c.TownName == "永济机电制造专业镇" && c.TownTier == Tier.County);
        picture.Cells.ShouldAllBe(c => c.CountyPath == "山西省/运城市/永济市");

        var yuanqu = await ClusterQueries.PictureAsync(db, Catalog, new UserScope(4, Roles.Office, "山西省/运城市/垣曲县", null), 2024, null, new CandidateRules());
        var walnut = yuanqu.Candidates.Single(c => c.View.Cell.Industry == "核桃");
        walnut.Candidate.Target!.Tier.ShouldBe(Tier.Municipal, "垣曲 has no county-level standard: the next one up is 运城's city-level one");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Reserving_a_candidate_creates_the_town_and_its_cultivation_plan_in_one_step(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var yuxiang = await TownshipAsync(db, "虞乡镇");

        var result = await ReserveService.AddAsync(db, Catalog, Yongji, "yongji-office", yuxiang, "芦笋", 2024, March2025);

        await using var check = storage.CreateContext();
        var town = await check.Towns.Include(t => t.Townships).Include(t => t.TierHistory).Include(t => t.Statistics).SingleAsync(t => t.Id == result.TownId);
        (town.Name, town.Tier, town.LeadingIndustry, town.Category, town.PolicyId).ShouldBe(("虞乡镇芦笋专业镇", Tier.Reserve, "芦笋", "specialty-agriculture", "yongji-2024-2025"));
        town.Townships.Single().TownshipId.ShouldBe(yuxiang);
        town.TierHistory.Single().EffectiveOn.ShouldBe(new DateOnly(2025, 3, 5));
        town.Statistics.Single().OutputValueWanYuan.ShouldBe(9100m);
        (await check.Enterprises.CountAsync(e => e.SpecializedTownId == town.Id)).ShouldBe(5, "the 芦笋 enterprises, not the 五金铸造 works of the same township");
        result.EnterprisesAttached.ShouldBe(5);

        var plan = await check.ActionPlans.Include(p => p.Groups).ThenInclude(g => g.Tasks).SingleAsync(p => p.Id == result.PlanId);
        (plan.SpecializedTownId, plan.Year, plan.PolicyId, plan.Title).ShouldBe((town.Id, 2025, "yongji-2024-2025", "虞乡镇芦笋专业镇培育方案（2025年）"));
        var tasks = plan.Groups.Single().Tasks;
        tasks.Count.ShouldBe(result.Tasks);
        var output = tasks.Single(t => t.Title.StartsWith("年产值"));
        (output.TargetValue, output.TargetUnit, output.CurrentValue, output.Deadline).ShouldBe((10000m, "万元", 9100m, new DateOnly(2025, 12, 31)));
        tasks.ShouldContain(t => t.Title.StartsWith("带动就业") && t.TargetValue == 500m && t.CurrentValue == 437m);

        // Every row went through the audit trail, filed under its root.
        var audit = await check.AuditEntries.Where(a => a.Action == AuditAction.Created).ToListAsync();
        audit.ShouldContain(a => a.EntityType == "SpecializedTown" && a.EntityId == town.Id.ToString() && a.Action == AuditAction.Created);
        audit.ShouldContain(a => a.EntityType == "ActionPlan" && a.EntityId == plan.Id.ToString() && a.Action == AuditAction.Created);
        audit.Count(a => a.EntityType == "PlanTask" && a.Action == AuditAction.Created).ShouldBeGreaterThanOrEqualTo(tasks.Count);
        (await check.AuditEntries.CountAsync(a => a.EntityType == "Enterprise" && a.Action == AuditAction.Updated)).ShouldBe(5);

        // Once on the list, the pair is no longer a candidate and cannot be put on it twice.
        var picture = await ClusterQueries.PictureAsync(check, Catalog, Yongji, 2024, null, new CandidateRules());
        picture.Candidates.ShouldNotContain(c => c.View.Township == "虞乡镇" && c.View.Cell.Industry == "芦笋");
        picture.Cells.Single(c => c.Township == "虞乡镇" && c.Cell.Industry == "芦笋").TownTier.ShouldBe(Tier.Reserve);
        var again = await Should.ThrowAsync<ReserveRefusedException>(() => ReserveService.AddAsync(check, Catalog, Yongji, "yongji-office", yuxiang, "芦笋", 2024, March2025));
        again.Message.ShouldBe("虞乡镇的“芦笋”产业已是储备专业镇“虞乡镇芦笋专业镇”，无需重复列入");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_same_pair_listed_by_several_at_once_makes_one_town_and_tells_the_others(StorageProvider provider)
    {
        // Clicked twice, or by two people: whoever comes second gets the Chinese refusal, never a database error (it was a
        // 503 "数据库暂时不可用" when the second insert hit the town name's unique index).
        var storage = await TestDatabases.WithDemoAsync(provider);
        int yuxiang;
        await using (var db = storage.CreateContext()) yuxiang = await TownshipAsync(db, "虞乡镇");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var db = storage.CreateContext();
            try
            {
                await ReserveService.AddAsync(db, Catalog, Yongji, "yongji-office", yuxiang, "芦笋", 2024, March2025);
                return "listed";
            }
            catch (ReserveRefusedException ex) { return ex.Message.Contains("无需重复列入") ? "refused" : ex.Message; }
            catch (Exception ex) when (provider == StorageProvider.Sqlite && DatabaseErrors.IsDatabaseError(ex) && ex.ToString().Contains("database is locked"))
            {
                return "busy"; // SQLite's one writer at a time: a click that waited too long is told the database is busy
            }
        }));
        outcomes.Count(o => o == "listed").ShouldBe(1, string.Join("，", outcomes));
        outcomes.ShouldAllBe(o => o == "listed" || o == "refused" || o == "busy");
        await using var check = storage.CreateContext();
        (await check.Towns.CountAsync(t => t.LeadingIndustry == "芦笋" && t.Townships.Any(x => x.TownshipId == yuxiang))).ShouldBe(1);
        (await check.ActionPlans.CountAsync(p => p.SpecializedTown!.LeadingIndustry == "芦笋" && p.SpecializedTown.Townships.Any(x => x.TownshipId == yuxiang))).ShouldBe(1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Out_of_scope_and_read_only_people_are_refused_and_nothing_is_written(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var yuxiang = await TownshipAsync(db, "虞乡镇");
        var towns = await db.Towns.CountAsync();
        var plans = await db.ActionPlans.CountAsync();
        var audit = await db.AuditEntries.CountAsync();

        var elsewhere = await Should.ThrowAsync<ReserveRefusedException>(() => ReserveService.AddAsync(db, Catalog, Xinjiang, "xinjiang-office", yuxiang, "芦笋", 2024, March2025));
        (elsewhere.NotFound, elsewhere.Message).ShouldBe((true, "乡镇不存在，或不在您的数据范围内"));
        var leader = await Should.ThrowAsync<ReserveRefusedException>(() => ReserveService.AddAsync(db, Catalog, YunchengLeader, "yuncheng-leader", yuxiang, "芦笋", 2024, March2025));
        (leader.NotFound, leader.Message).ShouldBe((false, "只有本县（市、区）或上级的领导小组办公室可以列入储备"));
        (await Should.ThrowAsync<ReserveRefusedException>(() => ReserveService.AddAsync(db, Catalog, Yongji, "yongji-office", yuxiang, "苹果", 2024, March2025)))
            .Message.ShouldBe("虞乡镇2024年没有“苹果”产业的企业统计，不能列入储备");

        (await db.Towns.CountAsync()).ShouldBe(towns);
        (await db.ActionPlans.CountAsync()).ShouldBe(plans);
        (await db.AuditEntries.CountAsync()).ShouldBe(audit);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Thresholds_that_are_not_numbers_or_out_of_range_are_named_not_silently_replaced(StorageProvider provider)
    {
        var yongji = await SeededPlatforms.ClientAsync(provider, "yongji-office");
        var bad = await yongji.GetStringAsync("/Reserve?year=2024&minLq=abc&minEnterprises=99999999999&minOutput=-5");
        bad.ShouldContain("筛选条件有误：");
        bad.ShouldContain("区位熵下限应为不小于 0 的数，已按默认值 1.25 筛选");
        bad.ShouldContain("企业数下限应为 1 到 1000000 之间的整数，已按默认值 3 家筛选");
        bad.ShouldContain("产值下限应为不小于 0 的数，已按默认值 1000 万元筛选");
        (await yongji.GetStringAsync("/Reserve?year=2024&minLq=0&minEnterprises=1&minOutput=0")).ShouldNotContain("筛选条件有误");
        (await yongji.GetStringAsync("/Reserve?year=2024&minEnterprises=0")).ShouldContain("企业数下限应为 1 到 1000000 之间的整数");
        // Above the form's own maximum is named too (it was taken silently).
        (await yongji.GetStringAsync("/Reserve?year=2024&minEnterprises=2000000")).ShouldContain("企业数下限应为 1 到 1000000 之间的整数");

        // Switching the heat map's industry or opening a cell keeps the thresholds chosen.
        var kept = await yongji.GetStringAsync("/Reserve?year=2024&minLq=1.1&minEnterprises=2&minOutput=500");
        Regex.Matches(kept, "href=\"(/Reserve\\?[^\"]*#(heatmap|candidates))\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList()
            .ShouldSatisfyAllConditions(links => links.Count.ShouldBeGreaterThan(10), links => links.ShouldAllBe(link => link.Contains("minLq=1.1") && link.Contains("minEnterprises=2") && link.Contains("minOutput=500")));
        kept.ShouldContain("#candidates\"");
        // So does the top filter (year, place, measure), which the thresholds are not part of.
        kept.ShouldContain("<input type=\"hidden\" name=\"minLq\" value=\"1.1\">");
        kept.ShouldContain("<input type=\"hidden\" name=\"minEnterprises\" value=\"2\">");
        // And the threshold form keeps the industry looked at (筛选 switched the ranking back to the largest industry).
        var focused = WebUtility.HtmlDecode(await yongji.GetStringAsync("/Reserve?year=2024&focus=" + Uri.EscapeDataString("果品")));
        var thresholdForm = focused[focused.IndexOf("action=\"/Reserve#candidates\"")..];
        thresholdForm[..thresholdForm.IndexOf("</form>")].ShouldContain("<input type=\"hidden\" name=\"focus\" value=\"果品\">");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_page_shows_the_heat_map_and_candidates_in_scope_and_exports_them(StorageProvider provider)
    {
        var yongji = await SeededPlatforms.ClientAsync(provider, "yongji-office");
        var page = await yongji.GetStringAsync("/Reserve?year=2024&measure=output");
        page.ShouldContain("乡镇 × 产业热力图：产值（万元）（2024年）");
        page.ShouldContain("data-township=\"栲栳镇\" data-industry=\"五金铸造\"");
        page.ShouldContain("data-candidate=\"");
        page.ShouldContain("列入储备");

        var csv = await yongji.GetStringAsync("/Reserve?handler=Export&format=csv&year=2024&industry=%E8%8A%A6%E7%AC%8B");
        csv.ShouldContain("排名,县（市、区）,乡镇（街道）,产业");
        csv.ShouldContain("虞乡镇,芦笋");
        csv.ShouldNotContain("栲栳镇", customMessage: "the industry filter applies to the export");

        // On employment the exported quotients and concentration are the ones the page shows, and the headers say so.
        var onEmployment = (await yongji.GetStringAsync("/Reserve?handler=Export&format=csv&year=2024&basis=employment&industry=%E8%8A%A6%E7%AC%8B"))
            .Split('\n').Select(l => l.TrimEnd('\r').TrimStart('\uFEFF').Split(',')).ToList();
        var header = onEmployment[0].ToList();
        header.ShouldContain("区位熵（对县，按就业）");
        header.ShouldContain("产值区位熵（对县）");
        header.ShouldContain("最大企业就业占比（%）");
        var row = onEmployment.First(r => r.Contains("虞乡镇"));
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var cell = (await ClusterQueries.PictureAsync(db, Catalog, Yongji, 2024, null, new CandidateRules { Basis = ClusterBasis.Employment }))
            .Cells.Single(c => c.Township == "虞乡镇" && c.Cell.Industry == "芦笋").Cell;
        decimal.Parse(row[header.IndexOf("区位熵（对县，按就业）")]).ShouldBe(Math.Round(cell.EmploymentLq.County!.Value, 2));
        decimal.Parse(row[header.IndexOf("产值区位熵（对县）")]).ShouldBe(Math.Round(cell.OutputLq.County!.Value, 2));
        decimal.Parse(row[header.IndexOf("最大企业就业占比（%）")]).ShouldBe(Math.Round(cell.EmploymentConcentration.TopShare!.Value * 100, 1));

        var xinjiang = await SeededPlatforms.ClientAsync(provider, "xinjiang-office");
        (await xinjiang.GetStringAsync("/Reserve?year=2024")).ShouldNotContain("虞乡镇");
        var leader = await SeededPlatforms.ClientAsync(provider, "yuncheng-leader");
        var read = await leader.GetStringAsync("/Reserve?year=2024");
        read.ShouldContain("栲栳镇");
        read.ShouldNotContain("列入储备</button>");
        var expert = await SeededPlatforms.ClientAsync(provider, "expert-zhang");
        (await expert.GetAsync("/Reserve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_heat_map_pages_its_townships_and_the_ranking_shows_the_first(StorageProvider provider)
    {
        // A province holds 1,200 townships: the heat map shows 20 a page, the rest a click away, in the same order.
        var admin = await SeededPlatforms.ClientAsync(provider, "admin");
        var first = await admin.GetStringAsync("/Reserve?year=2024");
        var total = int.Parse(Regex.Match(first, "共 (\\d+) 个乡镇（街道）").Groups[1].Value);
        static List<string> Rows(string page) => Regex.Matches(page, "<tr><th class=\"fw-normal text-nowrap\">([^<]*)<span").Select(m => m.Groups[1].Value.Trim()).ToList();
        var shown = Rows(first);
        total.ShouldBeGreaterThan(IndexModel.TownshipsPerPage, "the demo has more townships with enterprises than a page holds");
        shown.Count.ShouldBe(IndexModel.TownshipsPerPage);
        var second = Rows(await admin.GetStringAsync("/Reserve?year=2024&rows=2"));
        second.Count.ShouldBe(Math.Min(IndexModel.TownshipsPerPage, total - IndexModel.TownshipsPerPage));
        second.ShouldNotContain(shown[0]);
        first.ShouldContain("rows=2#heatmap");
        first.ShouldNotContain("@rankedNote");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_county_map_shows_the_counties_of_the_person_s_city_with_only_their_sums(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        // 五金铸造 exists only in 永济市 (栲栳镇, 城东街道, 虞乡镇); 运城市's counties are compared with their city.
        var counties = await ClusterQueries.CountiesAsync(db, Yongji, 2024, "五金铸造");
        counties.Select(c => (c.County, c.City)).ShouldBe([("永济市", "运城市")]);
        var yongji = counties.Single().Cell;
        yongji.Enterprises.ShouldBeGreaterThanOrEqualTo(3);
        yongji.OutputLq.City.ShouldNotBeNull();
        // A 朔州 office sees 朔州's counties and none of 运城's, for the same industry or its own.
        (await ClusterQueries.CountiesAsync(db, new UserScope(9, Roles.Office, "山西省/朔州市", null), 2024, "五金铸造")).ShouldBeEmpty();
        (await ClusterQueries.CountiesAsync(db, new UserScope(9, Roles.Office, "山西省/朔州市", null), 2024, "陶瓷")).ShouldAllBe(c => c.City == "朔州市");
        (await ClusterQueries.CountiesAsync(db, new UserScope(9, Roles.Expert, "山西省", null), 2024, "陶瓷")).ShouldBeEmpty();

        var page = await (await SeededPlatforms.ClientAsync(provider, "yongji-office")).GetStringAsync("/Reserve?year=2024&focus=%E4%BA%94%E9%87%91%E9%93%B8%E9%80%A0");
        page.ShouldContain("县域地图：五金铸造 · 区位熵（对市）（2024年）");
        page.ShouldContain("id=\"county-map-data\"");
        page.ShouldContain("/lib/echarts-china-cities/yuncheng.js");
    }
}
