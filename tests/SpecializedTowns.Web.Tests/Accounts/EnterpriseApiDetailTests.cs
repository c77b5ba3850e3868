using System.Net;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>qa105 #10: GET /api/v1/enterprises/{id} exists, with the list's scope; outside it, 404 with the reason as elsewhere.</summary>
public class EnterpriseApiDetailTests
{
    [Fact]
    public async Task One_enterprise_is_read_in_the_lists_scope()
    {
        var office = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var list = JsonDocument.Parse(await office.GetStringAsync("/api/v1/enterprises?pageSize=1")).RootElement.GetProperty("items")[0];
        var id = list.GetProperty("id").GetInt32();

        var response = await office.GetAsync($"/api/v1/enterprises/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var one = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        (one.GetProperty("name").GetString(), one.GetProperty("uscc").GetString()).ShouldBe((list.GetProperty("name").GetString(), list.GetProperty("uscc").GetString()));
        one.GetProperty("countyPath").GetString().ShouldBe("山西省/运城市/垣曲县");

        var other = await (await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "xinjiang-office")).GetAsync($"/api/v1/enterprises/{id}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().ShouldBe("不存在，或不在您的数据范围内");
        (await office.GetAsync("/api/v1/enterprises/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
