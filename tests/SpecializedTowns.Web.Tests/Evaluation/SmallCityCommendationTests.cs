using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// 阳泉 has three towns (two ranked on its 2024 demo records) and 朔州 four: the default scheme's 前 20%, rounded down, is nobody, so neither city could ever commend
/// a town although 阳政办发〔2023〕24号 六（五） and 朔政办发〔2023〕19号 五（五） commend “评价排名靠前、成效突出的”. Neither text gives
/// a share or a number; the scheme keeps at least one place (minPlaces 1), and the 70-point line still decides.
/// </summary>
public class SmallCityCommendationTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Yangquans_first_town_at_the_line_is_commended_and_the_page_states_the_rounding(StorageProvider provider)
    {
        var (factory, browser) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var _ = factory;
        var office = new UserScope(1, Roles.Office, "山西省/阳泉市", null);
        int id;
        EvaluationView view;
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            id = await service.CreateAsync(office, "阳泉市专业镇办", 2024, SubjectKind.Town, null);
            view = await service.GetAsync(office, id);
        }

        // The demo's three 阳泉 towns, of which those recognised by the year's end are ranked: fewer than five, so ⌊20%⌋ is 0.
        var ranked = view.Results.Count;
        ranked.ShouldBeInRange(2, 4);
        view.Scheme.Commendation!.MinPlaces.ShouldBe(1);
        // The rule as the stored snapshot holds it: the first at the 70-point line is in (none of two before minPlaces), below
        // the line or second it is not.
        view.Scheme.Commends(1, ranked, 70m).ShouldBeTrue();
        view.Scheme.Commends(1, ranked, 69.99m).ShouldBeFalse();
        view.Scheme.Commends(2, ranked, 100m).ShouldBeFalse();
        // And the stored rows follow it. The demo's first 阳泉 town scores below 70 on its 2024 records (53.19; 61.70 even with
        // a full 督查检查 score), so the line, not the rounding, keeps it off the list.
        var first = view.Results.Single(r => r.Row.Rank == 1).Row;
        view.Results.Where(r => r.Row.Commended).Select(r => r.Row.SubjectName).ShouldBe(first.Total >= 70m ? new[] { first.SubjectName } : Array.Empty<string>());

        var page = await browser.GetStringAsync($"/Evaluations/Detail/{id}");
        page.ShouldContain($"参评 {ranked} 个，排名前 20% 为 {ranked * 0.2m:0.##} 个，不足 1 个按 1 个计");
        page.ShouldContain("拟表扬名额为排名前 20%，按参评数向下取整，不足 1 个按 1 个计");
    }

    /// <summary>
    /// 朔州's 2024 ranking holds 怀仁陶瓷 alone (80.34, 良好): commended by minPlaces on its score (decision 0025). Neither the page nor
    /// the report says it is in a top 20% (of one), and the platform's line is marked 平台默认.
    /// </summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_ranking_of_one_is_commended_on_its_score_and_nothing_says_it_is_in_a_top_fifth(StorageProvider provider)
    {
        var (factory, browser) = await PageSignIn.OwnPlatformAsync(provider, "shuozhou-office");
        await using var _ = factory;
        var office = new UserScope(1, Roles.Office, "山西省/朔州市", null);
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            id = await service.CreateAsync(office, "朔州市专业镇办", 2024, SubjectKind.Town, null);
            var view = await service.GetAsync(office, id);
            view.Results.Single().Row.SubjectName.ShouldBe("怀仁陶瓷专业镇");
            view.Results.Single().Row.Commended.ShouldBeTrue();
            view.Scheme.DescribeCommendation(1).ShouldBe("得分不低于 70 分（参评仅 1 个，不按排名前 20% 比较）（平台默认，文件未规定比例和分数线）");
        }

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/Evaluations/Detail/{id}"));
        page.QuerySelector("#commend-basis")!.TextContent.ShouldBe("依据：“对评价排名靠前、成效突出的专业镇所在县（市、区）政府给予表彰奖励”（朔政办发〔2023〕19号 五（五））");
        page.QuerySelector("#commend-rule")!.TextContent.ShouldBe("产生办法：得分不低于 70 分（参评仅 1 个，不按排名前 20% 比较）（平台默认，文件未规定比例和分数线）");
        page.QuerySelector("#commend-list")!.TextContent.ShouldContain("怀仁陶瓷专业镇");

        var api = await PageSignIn.ApiClientAsync(factory, "shuozhou-office", TestDatabases.DemoPassword);
        var report = await Docx.DownloadAsync(api, $"/api/v1/evaluations/{id}/report.docx");
        report.ValidationErrors.ShouldBeEmpty();
        report.AllText.ShouldContain("按照“对评价排名靠前、成效突出的专业镇所在县（市、区）政府给予表彰奖励”（朔政办发〔2023〕19号 五（五））的要求，" +
            "得分不低于 70 分（参评仅 1 个，不按排名前 20% 比较）（平台默认，文件未规定比例和分数线）的专业镇为：怀仁陶瓷专业镇。");
        report.AllText.ShouldNotContain("排名前 20% 且");
        report.AllText.ShouldNotContain("排名前 20% 为 0.2 个");
    }

    [Fact]
    public void A_ranking_of_one_supervised_is_not_called_all_of_it_and_its_first()
    {
        var coverage = EvaluationCoverage.Of([[new IndicatorDetail("a", "指标", 10, "linear", 1m, null, 0m, 0m, "得 0 分", [])]], ["怀仁陶瓷专业镇"]);
        coverage.WithSweep([(1, true)]).Sweep.ShouldBe("参评对象仅 1 个，拟督办");
        coverage.WithSweep([(1, true), (2, true)]).Sweep.ShouldBe("全部 2 个参评对象均拟督办，含第 1 名");
    }

    [Fact]
    public void A_share_keeps_its_minimum_but_never_more_than_are_ranked_and_a_line_without_one_rounds_down_as_before()
    {
        Scoring.Places(3, 0.2m).ShouldBe(0);
        Scoring.Places(3, 0.2m, minPlaces: 1).ShouldBe(1);
        Scoring.Places(4, 0.2m, minPlaces: 1).ShouldBe(1);
        Scoring.Places(11, 0.2m, minPlaces: 1).ShouldBe(2);
        Scoring.Places(0, 0.2m, minPlaces: 1).ShouldBe(0);

        var kept = new LineRule(0.2m, null, 70m, null, "评价排名靠前、成效突出", MinPlaces: 1);
        LineRule.ShareCount(kept, top: true, 4).ShouldBe("参评 4 个，排名前 20% 为 0.8 个，不足 1 个按 1 个计");
        LineRule.ShareCount(kept, top: true, 6).ShouldBe("参评 6 个，排名前 20% 为 1 个，不足 1 个的部分不计");
        // A snapshot stored before minPlaces existed reads back without it: a published ranking keeps its own rule.
        var old = System.Text.Json.JsonSerializer.Deserialize<LineRule>("""{"TopShare":0.2,"MinTotal":70,"Text":"评价排名靠前、成效突出"}""")!;
        old.MinPlaces.ShouldBeNull();
        LineRule.ShareCount(old, top: true, 3).ShouldBe("参评 3 个，排名前 20% 为 0 个，不足 1 个的部分不计");
    }
}
