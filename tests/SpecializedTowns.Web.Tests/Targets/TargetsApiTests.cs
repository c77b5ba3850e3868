using System.Net;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Targets;

public class TargetsApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Targets_are_listed_in_scope_with_paging_filters_401_and_404(StorageProvider provider)
    {
        var yuanqu = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var list = await JsonAsync(await yuanqu.GetAsync("/api/v1/targets"));
        var documents = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("document").GetString()).ToList();
        documents.ShouldContain("垣政办发〔2023〕19号");
        documents.ShouldNotContain("阳政办发〔2023〕24号");

        var one = await JsonAsync(await yuanqu.GetAsync("/api/v1/targets?document=yuanqu-2023-19"));
        one.GetProperty("total").GetInt32().ShouldBe(1);
        var item = one.GetProperty("items")[0];
        item.GetProperty("key").GetString().ShouldBe("yuanqu-2023-19-1");
        item.GetProperty("source").GetString().ShouldBe("垣政办发〔2023〕19号 二（二）");

        var shuozhou = await SeededPlatforms.ClientAsync(provider, "shuozhou-office");
        var paged = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets?pageSize=2&page=2"));
        paged.GetProperty("items").GetArrayLength().ShouldBe(2);
        paged.GetProperty("page").GetInt32().ShouldBe(2);
        paged.GetProperty("total").GetInt32().ShouldBe(7); // 朔政办发〔2023〕19号's six and the province's one
        var unmeasured = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets?status=unmeasured"));
        unmeasured.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("statusName").GetString() == "待统计");
        (await JsonAsync(await shuozhou.GetAsync("/api/v1/targets?status=late"), HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("未知的状态");
        (await JsonAsync(await shuozhou.GetAsync("/api/v1/targets?pageSize=0"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("pageSize").GetArrayLength().ShouldBe(1);

        var detail = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/shuozhou-2023-19-2"));
        detail.GetProperty("current").GetDecimal().ShouldBe(1m);
        detail.GetProperty("history").GetArrayLength().ShouldBeGreaterThanOrEqualTo(4);
        detail.GetProperty("how").GetString()!.ShouldContain("梯次为市级及以上");

        var missing = await JsonAsync(await yuanqu.GetAsync("/api/v1/targets/shuozhou-2023-19-2"), HttpStatusCode.NotFound);
        missing.GetProperty("title").GetString().ShouldBe("未找到目标");
        (await yuanqu.GetAsync("/api/v1/targets/nothing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var tiers = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/revenue-tiers?town=" + Uri.EscapeDataString("山阴乳品")));
        var years = tiers.GetProperty("items")[0].GetProperty("years").EnumerateArray().ToList();
        years.Select(y => y.GetProperty("level").GetString()).ShouldBe(["20亿级", "30亿级", "30亿级"]);
        years.Select(y => y.GetProperty("movement").GetString()).ShouldBe(["none", "up", "same"]);

        var anonymous = await SeededPlatforms.ClientAsync(provider, null);
        (await anonymous.GetAsync("/api/v1/targets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/targets/revenue-tiers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/targets/yuanqu-2023-19-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
