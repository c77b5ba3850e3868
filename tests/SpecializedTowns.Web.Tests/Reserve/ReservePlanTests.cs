using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reserve;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reserve;

/// <summary>
/// 储备培育 cites the documents of the person's own area, and 列入储备 makes a 培育方案 someone leads, for a year it can still
/// be carried out in, quoting each condition in full.
/// </summary>
public class ReservePlanTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuanqu = new(4, Roles.Office, "山西省/运城市/垣曲县", null);

    // 7 December 2026 in China: 24 days of the year left.
    private static readonly TimeProvider December2026 = new FixedClock(new DateOnly(2026, 12, 7));

    [Fact]
    public void Each_area_is_shown_its_own_document_on_cultivation()
    {
        IReadOnlyList<BasisQuote> Own(string path) => PolicyBasis.For(Catalog, path, Clauses.ReserveCultivation(Catalog)).Own;
        var yuanqu = Own("山西省/运城市/垣曲县");
        yuanqu.Select(c => c.Source).ShouldBe(["垣政办发〔2023〕19号 二（一）", "垣政办发〔2023〕19号 三", "垣政办发〔2023〕19号 五（三）"]);
        yuanqu.ShouldContain(c => c.Text == "按一定周期滚动认定培育，实现专业镇梯次培育发展");
        yuanqu.ShouldContain(c => c.Text == "积极谋划和培育县域专业镇");
        Own("山西省/运城市/垣曲县/历山镇").ShouldBe(yuanqu, "a township is under its county's document");
        Own("山西省/朔州市").ShouldContain(c => c.Source == "朔政办发〔2023〕19号 三（一）");
        Own("山西省/运城市/永济市").ShouldAllBe(c => c.Source.StartsWith("《永济市"));
        Own("山西省").ShouldBeEmpty("the provincial text as far as it is known says nothing of it");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_plan_made_in_december_is_for_next_year_led_by_the_county_office_s_unit_and_quotes_conditions_whole(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var walnut = (await ClusterQueries.PictureAsync(db, Catalog, Yuanqu, 2024, null, new CandidateRules())).Candidates.Single(c => c.View.Cell.Industry == "核桃");
        var township = walnut.View.Cell.TownshipId;
        var industryBureau = await db.Units.Where(u => u.Name == "县工科局" && u.Jurisdiction!.Path == "山西省/运城市/垣曲县").Select(u => u.Id).SingleAsync();
        var xinjiangUnit = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/运城市/新绛县").Select(u => u.Id).FirstAsync();

        (await Should.ThrowAsync<ReserveRefusedException>(() => ReserveService.AddAsync(db, Catalog, Yuanqu, "yuanqu-office", township, "核桃", 2024, December2026,
            choice: new ReservePlanChoice(Year: 2025)))).Message.ShouldBe("培育方案年度应为 2026 年或 2027 年");
        (await Should.ThrowAsync<ReserveRefusedException>(() => ReserveService.AddAsync(db, Catalog, Yuanqu, "yuanqu-office", township, "核桃", 2024, December2026,
            choice: new ReservePlanChoice(LeadUnitId: xinjiangUnit)))).Message.ShouldBe("所选牵头单位不是垣曲县或其上级的单位");
        (await db.Towns.CountAsync(t => t.LeadingIndustry == "核桃" && t.County!.Path == "山西省/运城市/垣曲县")).ShouldBe(0, "nothing of a refused step is written");

        var result = await ReserveService.AddAsync(db, Catalog, Yuanqu, "yuanqu-office", township, "核桃", 2024, December2026);
        (result.PlanYear, result.LeadUnit).ShouldBe((2027, "县工科局"));

        await using var check = storage.CreateContext();
        var plan = await check.ActionPlans.Include(p => p.Groups).ThenInclude(g => g.Tasks).ThenInclude(t => t.Units).SingleAsync(p => p.Id == result.PlanId);
        (plan.Year, plan.Title).ShouldBe((2027, $"{result.TownName}培育方案（2027年）"));
        var tasks = plan.Groups.SelectMany(g => g.Tasks).ToList();
        tasks.ShouldNotBeEmpty();
        tasks.ShouldAllBe(t => t.Deadline == new DateOnly(2027, 12, 31));
        tasks.ShouldAllBe(t => t.Units.Count == 1 && t.Units[0].UnitId == industryBureau && t.Units[0].Role == UnitRole.Lead);
        tasks.Where(t => t.Title.StartsWith("市场占有率")).ShouldAllBe(t => t.Title == "市场占有率：主导产品在全省占有率50%以上或全国拥有较大市场空间（市级标准）");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_chooses_this_year_and_another_lead_unit(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var walnut = (await ClusterQueries.PictureAsync(db, Catalog, Yuanqu, 2024, null, new CandidateRules())).Candidates.Single(c => c.View.Cell.Industry == "核桃");
        var agriculture = await db.Units.Where(u => u.Name == "县农业农村局" && u.Jurisdiction!.Path == "山西省/运城市/垣曲县").Select(u => u.Id).SingleAsync();

        var result = await ReserveService.AddAsync(db, Catalog, Yuanqu, "yuanqu-office", walnut.View.Cell.TownshipId, "核桃", 2024, December2026,
            choice: new ReservePlanChoice(2026, agriculture));
        await using var check = storage.CreateContext();
        var tasks = await check.PlanTasks.Include(t => t.Units).Where(t => t.PlanId == result.PlanId).ToListAsync();
        tasks.ShouldAllBe(t => t.Deadline == new DateOnly(2026, 12, 31) && t.Units.Single().UnitId == agriculture);
        ReserveService.DefaultPlanYear(new DateOnly(2026, 9, 30)).ShouldBe(2026);
        ReserveService.DefaultPlanYear(new DateOnly(2026, 10, 1)).ShouldBe(2027);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_page_cites_yuanqu_s_document_to_yuanqu_and_offers_the_plan_s_year_and_lead_unit(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Reserve?year=2024"));
        var grounds = System.Text.RegularExpressions.Regex.Match(html, "<div[^>]*data-basis=\"reserve\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        grounds.ShouldContain("垣政办发〔2023〕19号 二（一）“积极谋划和培育县域专业镇”");
        grounds.ShouldContain("垣政办发〔2023〕19号 三“按一定周期滚动认定培育，实现专业镇梯次培育发展”");
        grounds.ShouldNotContain("永济");
        grounds.ShouldNotContain("朔政办发");
        html.ShouldContain("id=\"plan-settings\"");
        html.ShouldContain("name=\"planYear\"");
        html.ShouldContain("name=\"leadUnitId\"");
        html.ShouldMatch("(?s)<select[^>]*id=\"plan-lead\".*?<option value=\"\\d+\" selected=\"selected\">县工科局（垣曲县）</option>");
    }
}
