using System.Net;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Dashboard;

/// <summary>An expert sees no jurisdiction's data: their 工作台 is their reviews, not empty figures and charts.</summary>
public class ExpertDashboardTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    public async Task An_expert_s_dashboard_lists_the_reviews_and_no_empty_figures(StorageProvider provider)
    {
        var expert = await SeededPlatforms.SignedInAsync(provider, "expert-zhang");
        var response = await expert.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("待评审的认定申报");
        html.ShouldContain("评审专家只查看分配给自己的认定申报");
        html.ShouldNotContain("年产值统计年度");
        html.ShouldNotContain("id=\"dashboard-data\"");

        var office = WebUtility.HtmlDecode(await (await SeededPlatforms.SignedInAsync(provider, "yuncheng-office")).GetStringAsync("/"));
        office.ShouldContain("年产值统计年度");
        office.ShouldNotContain("待评审的认定申报");
    }
}
