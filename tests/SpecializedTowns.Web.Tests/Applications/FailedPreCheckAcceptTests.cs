using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// qa105 #8: 形式审查 of an application whose pre-check already fails a hard criterion warns, and sends it to the experts only
/// when the office confirms (page checkbox, API confirmFailedPrecheck); the expert is told the same above 总体意见.
/// </summary>
public class FailedPreCheckAcceptTests
{
    private static readonly DemoPlatforms Own = new();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Accepting_an_application_that_fails_a_hard_criterion_needs_a_confirmation(StorageProvider provider)
    {
        int town, expertId;
        using (var scope = (await Own.GetAsync(provider)).Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            town = await db.Towns.Where(t => t.Name == "万安钻石专业镇").Select(t => t.Id).SingleAsync();
            expertId = await db.Users.Where(u => u.UserName == "expert-zhang").Select(u => u.Id).SingleAsync();
        }
        var county = await Own.ClientAsync(provider, "xinjiang-office");
        var facts = new
        {
            category = "manufacturing", annualOutputValueWanYuan = 85000, leadingEnterprises = 2, supportingEnterprises = 14, localEmployment = 2600,
            provincialMarketSharePercent = 8, largeNationalMarketSpace = false,
        };
        var id = (await JsonAsync(await county.PostAsJsonAsync("/api/v1/applications", new { townId = town, standardId = "yuncheng-municipal", facts }), HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        await JsonAsync(await county.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" }), HttpStatusCode.OK);

        var city = await Own.ClientAsync(provider, "yuncheng-office");
        var refused = await JsonAsync(await city.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "accept", experts = new[] { expertId } }), HttpStatusCode.Conflict);
        var warning = refused.GetProperty("detail").GetString()!;
        warning.ShouldStartWith("预检有不符合项（");
        warning.ShouldEndWith("），送专家评审后也不能认定；可先退回补正");
        (await JsonAsync(await city.GetAsync($"/api/v1/applications/{id}"), HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("Submitted");

        var page = await (await Own.SignedInAsync(provider, "yuncheng-office")).GetStringAsync($"/Applications/Detail/{id}");
        page.ShouldContain("id=\"failed-precheck\"");
        WebUtility.HtmlDecode(page).ShouldContain("送专家评审后也不能认定；可先退回补正");
        page.ShouldContain("name=\"ConfirmFailedPreCheck\"");

        (await JsonAsync(await city.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "accept", experts = new[] { expertId }, confirmFailedPrecheck = true }), HttpStatusCode.OK))
            .GetProperty("state").GetString().ShouldBe("ExpertReview");
        var expert = await (await Own.SignedInAsync(provider, "expert-zhang")).GetStringAsync($"/Applications/Detail/{id}");
        expert.ShouldContain("id=\"expert-failed-precheck\"");
        expert.IndexOf("expert-failed-precheck", StringComparison.Ordinal).ShouldBeLessThan(expert.IndexOf("id=\"overall-opinion\"", StringComparison.Ordinal));
    }
}
