using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

public class ProjectsApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<int> ProjectIdAsync(HttpClient client, string name) =>
        (await JsonAsync(await client.GetAsync("/api/v1/projects?search=" + Uri.EscapeDataString(name)))).GetProperty("items")[0].GetProperty("id").GetInt32();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Projects_are_listed_within_scope_and_another_county_gets_404(StorageProvider provider)
    {
        var yuanqu = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var list = await JsonAsync(await yuanqu.GetAsync("/api/v1/projects?pageSize=100"));
        var names = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        names.ShouldContain("历山镇蜂蜜冷链仓储项目");
        names.ShouldNotContain("培育钻石产业园二期项目");
        list.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("county").GetString() == "垣曲县");

        var reds = await JsonAsync(await yuanqu.GetAsync("/api/v1/projects?warning=red"));
        reds.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("warning").GetString() == "red");
        var bad = await JsonAsync(await yuanqu.GetAsync("/api/v1/projects?stage=done"), HttpStatusCode.BadRequest);
        bad.GetProperty("detail").GetString()!.ShouldContain("未知的阶段");

        var id = await ProjectIdAsync(yuanqu, "历山镇蜂蜜冷链仓储项目");
        var detail = await JsonAsync(await yuanqu.GetAsync($"/api/v1/projects/{id}"));
        detail.GetProperty("stageName").GetString().ShouldBe("谋划储备");
        detail.GetProperty("guarantees").GetArrayLength().ShouldBe(4);
        detail.GetProperty("warnings").EnumerateArray().ShouldContain(w => w.GetString()!.Contains("计划签约日期已过"));

        var xinjiang = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        (await xinjiang.GetAsync($"/api/v1/projects/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await xinjiang.PutAsJsonAsync($"/api/v1/projects/{id}/progress", new { year = 2025, month = 1, investmentCompletedWanYuan = 1, physicalProgress = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await WritingPlatforms.ClientAsync(provider, "expert-zhang")).GetAsync($"/api/v1/projects/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await WritingPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/projects")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await WritingPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/investment-leads")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_office_enters_a_project_the_member_unit_reports_on_it_and_stages_follow_the_rules(StorageProvider provider)
    {
        var office = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var town = (await JsonAsync(await office.GetAsync("/api/v1/towns?search=" + Uri.EscapeDataString("古城镇渔业")))).GetProperty("items")[0].GetProperty("id").GetInt32();

        var refused = await JsonAsync(await office.PostAsJsonAsync("/api/v1/projects", new { name = "", townId = town, kind = "new", role = "flagship", totalInvestmentWanYuan = -5, planYear = 2025 }),
            HttpStatusCode.BadRequest);
        var errors = refused.GetProperty("errors");
        errors.GetProperty("name")[0].GetString().ShouldBe("请填写项目名称");
        errors.GetProperty("totalInvestmentWanYuan")[0].GetString()!.ShouldContain("总投资");
        errors.GetProperty("ownerName")[0].GetString()!.ShouldContain("业主");
        (await JsonAsync(await office.PostAsJsonAsync("/api/v1/projects", new { name = "x", townId = town, kind = "rebuild", role = "flagship" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("new（新建）");

        var name = $"古城黄河鱼冷链物流中心{provider}";
        var created = await JsonAsync(await office.PostAsJsonAsync("/api/v1/projects", new
        {
            name, townId = town, ownerName = "垣曲县古城冷链物流有限公司", kind = "new", role = "short-board", totalInvestmentWanYuan = 2600,
            annualPlannedInvestmentWanYuan = 800, planYear = DateTime.UtcNow.Year, plannedSignedOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        created.GetProperty("stage").GetString().ShouldBe("planning");

        var skip = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/projects/{id}/stage", new { stage = "started", on = DateTime.UtcNow.ToString("yyyy-MM-dd") }), HttpStatusCode.Conflict);
        skip.GetProperty("detail").GetString().ShouldBe("项目现处于“谋划储备”，下一步只能是“签约”");
        var signed = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/projects/{id}/stage", new { stage = "signed", on = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"), note = "集中签约" }));
        signed.GetProperty("stageName").GetString().ShouldBe("签约");

        // The member unit reports on the project it is responsible for, and is refused elsewhere.
        var member = await WritingPlatforms.ClientAsync(provider, "yuanqu-member");
        var mine = await ProjectIdAsync(member, "黄河鱼苗繁育基地技改项目");
        var today = DateTime.UtcNow.AddHours(8);
        var reported = await JsonAsync(await member.PutAsJsonAsync($"/api/v1/projects/{mine}/progress",
            new { year = today.Year, month = today.Month, investmentCompletedWanYuan = 42.5, physicalProgress = "二号车间设备调试", difficulties = "电力增容待批" }));
        reported.GetProperty("progress").EnumerateArray().ShouldContain(m => m.GetProperty("month").GetInt32() == today.Month && m.GetProperty("difficulties").GetString() == "电力增容待批");
        (await JsonAsync(await member.PutAsJsonAsync($"/api/v1/projects/{mine}/progress", new { year = 1999, month = 5, investmentCompletedWanYuan = 1, physicalProgress = "x" }),
            HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("month")[0].GetString()!.ShouldStartWith("进展月份不能早于 ");
        // A later year is a month still to come, said as such.
        (await JsonAsync(await member.PutAsJsonAsync($"/api/v1/projects/{mine}/progress", new { year = today.Year + 1, month = 1, investmentCompletedWanYuan = 1, physicalProgress = "x" }),
            HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("month")[0].GetString().ShouldBe("不能填报未来月份的进展");
        var notMine = await ProjectIdAsync(member, "历山蜂产品精深加工扩建项目");
        (await member.PutAsJsonAsync($"/api/v1/projects/{notMine}/progress", new { year = today.Year, month = today.Month, investmentCompletedWanYuan = 1, physicalProgress = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(await member.PostAsJsonAsync("/api/v1/projects", new { name = "x" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("您的角色不能登记或修改重点项目");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_lead_is_entered_signed_and_landed_through_the_api(StorageProvider provider)
    {
        var office = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var town = (await JsonAsync(await office.GetAsync("/api/v1/towns?search=" + Uri.EscapeDataString("历山镇蜂蜜")))).GetProperty("items")[0].GetProperty("id").GetInt32();
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var lead = await JsonAsync(await office.PostAsJsonAsync("/api/v1/investment-leads", new
        {
            name = $"蜂花粉破壁加工项目{provider}", townId = town, targetEnterprise = "江西某蜂业公司", chainLink = "extend", chainPosition = "蜂产品精深加工",
            channel = "industry-chain", intendedInvestmentWanYuan = 3500, firstContactOn = today,
        }), HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetInt32();
        lead.GetProperty("channelName").GetString().ShouldBe("产业链招商");

        (await JsonAsync(await office.PostAsJsonAsync($"/api/v1/investment-leads/{id}/steps", new { action = "land", on = today }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("签约后才能落地");
        await JsonAsync(await office.PostAsJsonAsync($"/api/v1/investment-leads/{id}/steps", new { action = "sign", on = today }));
        var landed = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/investment-leads/{id}/steps",
            new { action = "land", on = today, ownerName = "垣曲某蜂业有限公司", annualPlannedInvestmentWanYuan = 1200, plannedStartOn = today }));
        landed.GetProperty("stage").GetString().ShouldBe("landed");
        var project = landed.GetProperty("keyProjectId").GetInt32();
        (await JsonAsync(await office.GetAsync($"/api/v1/projects/{project}"))).GetProperty("stage").GetString().ShouldBe("signed");

        (await (await WritingPlatforms.ClientAsync(provider, "yangquan-office")).GetAsync($"/api/v1/investment-leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
