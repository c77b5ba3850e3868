using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

public class ApplicationsApiTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_application_is_filed_and_advanced_through_the_api_within_scope(StorageProvider provider)
    {
        var office = await WritingPlatforms.ClientAsync(provider, "yongji-office");
        var towns = JsonDocument.Parse(await office.GetStringAsync("/api/v1/towns?search=" + Uri.EscapeDataString("开张镇"))).RootElement;
        var townId = towns.GetProperty("items")[0].GetProperty("id").GetInt32();

        var created = await office.PostAsJsonAsync("/api/v1/applications", new
        {
            townId, standardId = "yongji-county",
            facts = new { category = "specialty-agriculture", annualOutputValueWanYuan = 12000, leadingEnterprises = 1, supportingEnterprises = 6, localEmployment = 600, cityMarketSharePercent = 12 },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetInt32();
        body.GetProperty("preCheck").GetProperty("outcome").GetString().ShouldBe("eligible");
        body.GetProperty("stateName").GetString().ShouldBe("草稿");

        var submitted = await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" });
        JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("stateName").GetString().ShouldBe("待形式审查");

        var refused = await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "accept", experts = Array.Empty<int>() });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("至少一名评审专家");

        // Another county's office and the expert (not assigned) see nothing of it.
        var other = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        (await other.GetAsync($"/api/v1/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var expert = await WritingPlatforms.ClientAsync(provider, "expert-zhang");
        JsonDocument.Parse(await expert.GetStringAsync("/api/v1/applications")).RootElement.GetProperty("items").EnumerateArray()
            .ShouldNotContain(a => a.GetProperty("id").GetInt32() == id);

        var returned = await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = "请补充配套企业名单" });
        var events = JsonDocument.Parse(await returned.Content.ReadAsStringAsync()).RootElement.GetProperty("events");
        events[events.GetArrayLength() - 1].GetProperty("reason").GetString().ShouldBe("请补充配套企业名单");
        (await (await WritingPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/applications")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
