using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Targets;

public class AdjustmentsAndTriggersApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private static IEnumerable<string?> Towns(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("town").GetString());

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Adjustments_are_listed_by_class_with_their_reasons_in_scope_with_paging(StorageProvider provider)
    {
        var province = await WritingPlatforms.ClientAsync(provider, "shanxi-office");
        var removal = await JsonAsync(await province.GetAsync("/api/v1/targets/adjustments?kind=removal"));
        removal.GetProperty("total").GetInt32().ShouldBe(1);
        var item = removal.GetProperty("items")[0];
        item.GetProperty("town").GetString().ShouldBe("平定砂器刻花瓷专业镇");
        item.GetProperty("kindName").GetString().ShouldBe("建议退出/降级");
        item.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ShouldBe([2023, 2024]);
        item.GetProperty("exitRule").GetProperty("platformDefault").GetBoolean().ShouldBeTrue();
        item.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("source").GetString()).ShouldAllBe(s => s == "阳政办发〔2023〕24号 四（五）");
        item.GetProperty("yearByYear")[0].GetProperty("counts").GetBoolean().ShouldBeFalse();
        var counts = removal.GetProperty("counts");
        counts.GetProperty("upgrade").GetInt32().ShouldBeGreaterThan(0);
        counts.GetProperty("warning").GetInt32().ShouldBe(1);

        var warning = await JsonAsync(await province.GetAsync("/api/v1/targets/adjustments?kind=预警"));
        Towns(warning).ShouldBe(["郊区耐火材料专业镇"]);

        var page = await JsonAsync(await province.GetAsync("/api/v1/targets/adjustments?kind=upgrade&pageSize=2&page=2"));
        page.GetProperty("items").GetArrayLength().ShouldBe(2);
        page.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("kind").GetString() == "upgrade");

        // 运城's office sees 运城's towns only: 阳泉's proposal to exit is not there.
        var yuncheng = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        var theirs = await JsonAsync(await yuncheng.GetAsync("/api/v1/targets/adjustments?pageSize=100"));
        Towns(theirs).ShouldNotContain("平定砂器刻花瓷专业镇");
        theirs.GetProperty("counts").GetProperty("removal").GetInt32().ShouldBe(0);
        Towns(theirs).ShouldContain("蒲州镇文旅康养专业镇");

        var bad = await JsonAsync(await province.GetAsync("/api/v1/targets/adjustments?kind=exit"), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("未知的类别“exit”");
        (await JsonAsync(await province.GetAsync("/api/v1/targets/adjustments?tier=city"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("tier").GetArrayLength().ShouldBe(1);
        (await JsonAsync(await province.GetAsync("/api/v1/targets/adjustments?pageSize=501"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("pageSize").GetArrayLength().ShouldBe(1);
        (await (await WritingPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/targets/adjustments")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Yunchengs_standard_is_cited_as_its_own_document_for_every_county(StorageProvider provider)
    {
        var yuncheng = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        var items = (await JsonAsync(await yuncheng.GetAsync("/api/v1/targets/adjustments?pageSize=100"))).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("standard").GetString() == "运城市级专业镇认定标准").ToList();
        items.ShouldContain(i => i.GetProperty("county").GetString() != "垣曲县");
        foreach (var i in items)
        {
            // 运政办发〔2023〕8号 sets it; 垣政办发〔2023〕19号 三 is only where its words are found.
            i.GetProperty("standardSource").GetString().ShouldBe("运政办发〔2023〕8号（据垣政办发〔2023〕19号 三）");
            i.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("source").GetString()).ShouldAllBe(s => s == null || s.StartsWith("运政办发〔2023〕8号"));
            i.GetProperty("clauses").EnumerateArray().Select(c => c.GetString()).ShouldAllBe(c => !c!.StartsWith("垣政办发"));
        }
        var page = await (await WritingPlatforms.SignedInAsync(provider, "yuncheng-office")).GetStringAsync("/Adjustments");
        page.ShouldContain("运政办发〔2023〕8号（据垣政办发〔2023〕19号 三）");
        page.ShouldNotContain("<div class=\"source\">垣政办发〔2023〕19号 三</div>");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Triggers_are_listed_by_year_with_evidence_and_only_where_the_pack_applies(StorageProvider provider)
    {
        var shuozhou = await WritingPlatforms.ClientAsync(provider, "shuozhou-office");
        var year2023 = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/triggers?year=2023"));
        year2023.GetProperty("total").GetInt32().ShouldBe(1);
        var t = year2023.GetProperty("items")[0];
        t.GetProperty("enterprise").GetString().ShouldBe("怀仁市金沙滩日用瓷业有限公司");
        t.GetProperty("state").GetString().ShouldBe("triggered");
        t.GetProperty("source").GetString().ShouldBe("朔政办发〔2023〕19号 四（九）");
        t.GetProperty("mark").GetDecimal().ShouldBe(100000m);
        t.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("reaches").GetBoolean()).ShouldBe([false, true]);

        var ranks = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/triggers?year=2024&state=triggered"));
        ranks.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("product").GetString()).ShouldBe(["骨质瓷餐具"]);
        var unverified = await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/triggers?state=unverified"));
        unverified.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("note").GetString()!.Contains("首次有数据"));

        var yuncheng = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        (await JsonAsync(await yuncheng.GetAsync("/api/v1/targets/triggers"))).GetProperty("total").GetInt32().ShouldBe(0);
        (await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/triggers?year=1800"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("year").GetArrayLength().ShouldBe(1);
        (await JsonAsync(await shuozhou.GetAsync("/api/v1/targets/triggers?state=maybe"), HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("未知的状态");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_records_lists_and_deletes_a_rank_others_may_not(StorageProvider provider)
    {
        var office = await WritingPlatforms.ClientAsync(provider, "shuozhou-office");
        var towns = await JsonAsync(await office.GetAsync("/api/v1/towns?search=" + Uri.EscapeDataString("平鲁小杂粮")));
        var townId = towns.GetProperty("items")[0].GetProperty("id").GetInt32();
        var product = $"莜麦粉-{provider}";

        var invalid = await JsonAsync(await office.PostAsJsonAsync("/api/v1/targets/market-ranks", new { townId, product = "", year = 1999, rank = 0, rankingSource = "" }), HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        errors.GetProperty("product")[0].GetString().ShouldBe("请填写主导产品名称");
        errors.GetProperty("year")[0].GetString()!.ShouldStartWith("排名年度应在 2000 年到");
        errors.GetProperty("rank")[0].GetString().ShouldBe("全国排名名次应为 1 到 1000 之间的整数");
        errors.GetProperty("rankingSource")[0].GetString().ShouldBe("请写明排名来源（发布机构及排名名称）");

        var leader = await WritingPlatforms.ClientAsync(provider, "yuncheng-leader");
        (await JsonAsync(await leader.PostAsJsonAsync("/api/v1/targets/market-ranks", new { townId, product, year = 2024, rank = 40, rankingSource = "协会" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有领导小组办公室可以登记全国市场占有率排名");
        var yuncheng = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        (await JsonAsync(await yuncheng.PostAsJsonAsync("/api/v1/targets/market-ranks", new { townId, product, year = 2024, rank = 40, rankingSource = "协会" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("townId")[0].GetString().ShouldBe("未找到该专业镇，或不在您的数据范围内");

        var created = await JsonAsync(await office.PostAsJsonAsync("/api/v1/targets/market-ranks", new { townId, product, year = 2024, rank = 40, rankingSource = "中国粮食行业协会（测试）" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var list = await JsonAsync(await office.GetAsync("/api/v1/targets/market-ranks?product=" + Uri.EscapeDataString(product)));
        list.GetProperty("total").GetInt32().ShouldBe(1);
        list.GetProperty("items")[0].GetProperty("rank").GetInt32().ShouldBe(40);
        (await JsonAsync(await yuncheng.GetAsync("/api/v1/targets/market-ranks?product=" + Uri.EscapeDataString(product)))).GetProperty("total").GetInt32().ShouldBe(0);

        (await yuncheng.DeleteAsync($"/api/v1/targets/market-ranks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await office.DeleteAsync($"/api/v1/targets/market-ranks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await office.DeleteAsync($"/api/v1/targets/market-ranks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_pages_show_the_classes_and_commendations_and_export_them(StorageProvider provider)
    {
        var client = (await WritingPlatforms.GetAsync(provider)).CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "shanxi-office", SeededPlatforms.Password);

        var removal = await client.GetStringAsync("/Adjustments?kind=removal");
        removal.ShouldContain("平定砂器刻花瓷专业镇");
        removal.ShouldNotContain("郊区耐火材料专业镇</a>");
        removal.ShouldContain("平台默认");
        removal.ShouldContain("认定前，不计");
        var csv = await client.GetAsync("/Adjustments?handler=Csv&kind=warning");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain("预警,郊区耐火材料专业镇");
        text.ShouldNotContain("平定砂器");

        var commendations = await client.GetStringAsync("/Commendations?year=2024");
        commendations.ShouldContain("骨质瓷餐具2024年全国市场占有率排名第 9 名，首次进入全国前10名");
        commendations.ShouldNotContain("怀仁市金沙滩日用瓷业有限公司2023年营收");
        commendations.ShouldContain("年度评估表扬名单");
        var export = await (await client.GetAsync("/Commendations?handler=Csv&year=2023")).Content.ReadAsStringAsync();
        export.ShouldContain("怀仁市金沙滩日用瓷业有限公司");
        export.ShouldNotContain("骨质瓷餐具");
    }
}
