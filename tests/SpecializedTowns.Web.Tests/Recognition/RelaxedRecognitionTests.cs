using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Dashboard;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Recognition;

/// <summary>
/// qa110 3 and 10: 盂县中药材 (特优农业, 年产值 6,000万元 against 阳泉's 2亿元) recognised under 阳政办发〔2023〕24号 四（一）'s
/// relaxation (不少于 0.5亿元, 传统特色). The 预检 says what is open without a gap to the full standard, the decision states the
/// basis, and the yearly check (动态调整 and the dashboard alike) holds the town to the relaxed floor, not the full standard.
/// </summary>
public class RelaxedRecognitionTests
{
    private static readonly DemoPlatforms Platforms = new();
    private static readonly UserScope County = new(100, Roles.Office, "山西省/阳泉市/盂县", null);
    private static readonly UserScope City = new(101, Roles.Office, "山西省/阳泉市", null);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_recognised_under_the_relaxation_is_held_to_the_relaxed_floor_and_its_decision_says_so(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        using var services = factory.Services.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
        var catalog = services.ServiceProvider.GetRequiredService<PolicyCatalog>();
        var town = await db.Towns.SingleAsync(t => t.Name == "盂县中药材专业镇");

        // 预检 on the first visit: the register's unticked 传统特色 is 未申报, which the form shows as 未说明, not 否 (qa110 10).
        var admin = await Platforms.SignedInAsync(provider, "admin");
        var first = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Applications/New?townId={town.Id}&standardId=yangquan-municipal"));
        first.ShouldContain("申报未说明是否具备“主导产品具有历史发源地、地理标志等传统特色”（如具备请在申报表中勾选并附证明）");
        first.ShouldNotContain("申报表明不具备");

        // With the feature declared, the headline names the relaxation for the experts instead of 年产值还差 1.4亿元 (qa110 3).
        town.HistoricalOriginOrGeographicalIndication = true;
        await db.SaveChangesAsync();
        var declared = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Applications/New?townId={town.Id}&standardId=yangquan-municipal"));
        declared.ShouldContain("需评审：按放宽条件认定年产值（");
        declared.ShouldContain("不少于 0.5亿元，阳政办发〔2023〕24号 四（一）），由专家评审");
        declared.ShouldNotContain("年产值还差");
        town.HistoricalOriginOrGeographicalIndication = false;
        await db.SaveChangesAsync();

        // Recognised through the workflow, the panel concluding 符合 on the relaxed 年产值.
        var expert = await db.Users.SingleAsync(u => u.UserName == "expert-zhang");
        expert.JurisdictionId = (await db.Jurisdictions.SingleAsync(j => j.Path == "山西省")).Id;
        await db.SaveChangesAsync();
        var clock = new FixedClock(new DateOnly(2026, 11, 2));
        var service = new ApplicationService(db, catalog, clock);
        var facts = """{"category":"specialty-agriculture","annualOutputValueWanYuan":6000,"leadingEnterprises":1,"supportingEnterprises":12,"historicalOriginOrGeographicalIndication":true,"industryWithinOneCounty":true}""";
        var id = await service.CreateAsync(County, "盂县", town.Id, "yangquan-municipal", facts);
        await service.SubmitAsync(County, "盂县", id);
        await service.AcceptAsync(City, "yangquan-office", id, [expert.Id]);
        var open = (await service.ViewAsync(City, id)).OpenCriteria;
        open.ShouldContain("output-value");
        var scores = open.ToDictionary(k => k, _ => (true, "传统道地药材，发展前景好"));
        scores[ExpertScore.Overall] = (true, "同意按放宽条件认定");
        await service.ScoreAsync(new UserScope(expert.Id, Roles.Expert, "山西省", null), "expert-zhang", id, scores);
        await service.ConcludeAsync(City, "yangquan-office", id);
        await service.DecideAsync(City, "yangquan-office", id, Decision.Recognize, "阳专领发〔2026〕5号", null, new DateOnly(2026, 11, 11), settlement: "申报数含尚未录入平台的企业，已核对名单");
        clock.Now = clock.Now.AddDays(10);
        await service.EndPublicityAsync(City, "yangquan-office", id, upheld: false, null);
        (await db.Towns.AsNoTracking().SingleAsync(t => t.Id == town.Id)).Tier.ShouldBe(Tier.Municipal);

        // The decision states the basis; it does not state the platform's 2-year exit rule as policy (qa110 5).
        var docx = await Docx.DownloadAsync(await Platforms.ClientAsync(provider, "yangquan-office"), $"/api/v1/applications/{id}/decision.docx");
        docx.ValidationErrors.ShouldBeEmpty();
        docx.ParagraphStartingWith("根据").InnerText.ShouldContain("依据阳政办发〔2023〕24号 四（一）放宽认定（年产值 0.6亿元，不少于 0.5亿元），决定认定盂县中药材专业镇");
        docx.AllText.ShouldNotContain("连续2年");
        docx.ParagraphStartingWith("（一）实行动态管理").InnerText.ShouldContain("已认定的专业镇实行动态调整。");

        // The yearly check: 动态调整 and the dashboard name the same towns, and not 盂县 (recognised this year, on the relaxed floor).
        async Task<(IReadOnlyList<AdjustmentItem> Adjustments, IReadOnlyList<Attention> Attention)> CheckAsync()
        {
            using var scope = factory.Services.CreateScope();
            var fresh = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var adjustments = await TierReview.AdjustmentsAsync(fresh, catalog, City, new AdjustmentSettings());
            var attention = await DashboardQueries.AttentionAsync(fresh, catalog, City);
            attention.Where(a => a.Kind == "动态调整").Select(a => a.TownId).Order().ShouldBe(
                adjustments.Where(i => i.Kind is AdjustmentKind.Warning or AdjustmentKind.Removal).Select(i => i.Town.Id).Order(), "the card and the page agree");
            return (adjustments, attention);
        }
        var (now, card) = await CheckAsync();
        now.ShouldNotContain(i => i.Town.Id == town.Id);
        card.ShouldNotContain(a => a.TownId == town.Id && a.Kind == "动态调整");
        card.ShouldContain(a => a.Town == "平定砂器刻花瓷专业镇" && a.Kind == "动态调整");

        // The 已认定专业镇最新年度复核 tab holds it to the same floor, by the same rule, and says so (its 年产值 6,000万元 is below 2亿元).
        using (var scope = factory.Services.CreateScope())
        {
            var review = (await TierReview.ReviewAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>(), catalog, City)).Single(r => r.TownId == town.Id);
            review.Relaxed.Single().ReviewNote.ShouldBe("按放宽条件复核（四（一））：年产值不少于 0.5亿元");
            review.Result.Criteria.Single(c => c.Key == "output-value").Result.ShouldBe(SpecializedTowns.Core.Recognition.Results.Met);
            review.Result.Gaps.ShouldNotContain(g => g.Key == "output-value");
        }
        var tab = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            await (await Platforms.SignedInAsync(provider, "yangquan-office")).GetStringAsync("/Adjustments?kind=review"));
        var row = tab.QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains("盂县中药材专业镇", StringComparison.Ordinal));
        row.QuerySelector("[data-relaxed]")!.TextContent.ShouldBe("按放宽条件复核（四（一））：年产值不少于 0.5亿元");
        row.TextContent.ShouldNotContain("年产值还差");
        tab.QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains("平定砂器刻花瓷专业镇", StringComparison.Ordinal)).QuerySelector("[data-relaxed]").ShouldBeNull();

        // Its 2026 figures above the relaxed floor pass; below it, the gap is to the floor it was recognised on.
        db.ChangeTracker.Clear();
        var year = new TownAnnualStatistics { SpecializedTownId = town.Id, Year = 2026, OutputValueWanYuan = 5500, LeadingEnterprises = 1, SupportingEnterprises = 12 };
        db.Add(year);
        await db.SaveChangesAsync();
        (now, _) = await CheckAsync();
        now.ShouldNotContain(i => i.Town.Id == town.Id && i.Kind != AdjustmentKind.Upgrade);

        year.OutputValueWanYuan = 4000;
        await db.SaveChangesAsync();
        (now, card) = await CheckAsync();
        var warning = now.Single(i => i.Town.Id == town.Id && i.Kind == AdjustmentKind.Warning);
        warning.Reasons.Single().Explanation.ShouldContain("低于认定时放宽认定的下限 5,000万元");
        card.Single(a => a.TownId == town.Id).Text.ShouldContain("年产值还差 1,000万元");
    }
}
