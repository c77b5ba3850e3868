using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// qa120 1: 皋落乡食用菌专业镇 moved from 垣曲县 to 新绛县 takes its open problem, still led by 垣曲's 县农业农村局. The form says
/// before saving what follows and what stays, refuses to keep 垣曲's plan as the town's 依据文件, and its save says what was
/// done; wherever the problem is shown to 新绛 its lead unit is named with its county; and 垣曲's office, whose unit still
/// leads it, keeps sight of it and may press it (decision 0022).
/// </summary>
public class TownMoveUnitTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_moved_towns_open_problem_names_its_lead_units_county_and_stays_in_sight_of_the_old_office(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        int town, xinjiang, sanquan, problem;
        string lead;
        await using (var db = storage.CreateContext())
        {
            town = await db.Towns.Where(t => t.Name == "皋落乡食用菌专业镇").Select(t => t.Id).SingleAsync();
            xinjiang = await db.Jurisdictions.Where(j => j.Name == "新绛县").Select(j => j.Id).SingleAsync();
            sanquan = await db.Jurisdictions.Where(j => j.Name == "三泉镇" && j.ParentId == xinjiang).Select(j => j.Id).SingleAsync();
            problem = await db.Problems.Where(p => p.Title == "皋落乡食用菌专业镇菌种生产技术人员短缺").Select(p => p.Id).SingleAsync();
            // 垣曲's unit leading it, as another county's unit is named: 县农业农村局（垣曲县）.
            var leadId = await db.Problems.Where(p => p.Id == problem).Select(p => p.LeadUnitId).SingleAsync();
            lead = await db.Units.Where(u => u.Id == leadId).Select(u => u.Name).SingleAsync() + "（垣曲县）";
        }
        var city = await PageSignIn.BrowserAsync(factory, "yuncheng-office");
        var url = $"/Towns/Edit/{town}";

        // Before saving: what follows the town, and what stays.
        var page = await city.GetStringAsync(url);
        var before = WebUtility.HtmlDecode(page);
        before.ShouldContain("随本镇转入新县的有未办结问题");
        before.ShouldContain("牵头单位仍为");
        before.ShouldContain(lead);
        before.ShouldContain("（其乡镇在垣曲县）");

        // 垣曲's plan cannot stay the basis of a 新绛 town.
        var form = BrowserForm.Holding(page, "Input.Version").With("Input.CountyId", xinjiang.ToString()).With("Input.TownshipIds", sanquan.ToString());
        var refused = await form.PostAsync(city, url);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("不适用于新绛县的专业镇");

        var saved = await form.With("Input.PolicyId", "").PostAsync(city, url);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var message = WebUtility.HtmlDecode(await city.GetStringAsync(saved.Headers.Location));
        message.ShouldContain("改属新绛县：随之转入未办结问题");
        message.ShouldContain(lead);
        message.ShouldContain("留在垣曲县，不再属于本镇");
        await using (var db = storage.CreateContext())
            (await db.Towns.Where(t => t.Id == town).Select(t => t.PolicyId).SingleAsync()).ShouldBeNull();

        // 新绛 reads another county's bureau as such: problem page, 按单位统计, export and API.
        var xinjiangOffice = await PageSignIn.BrowserAsync(factory, "xinjiang-office");
        WebUtility.HtmlDecode(await xinjiangOffice.GetStringAsync($"/Problems/Detail/{problem}")).ShouldContain(lead);
        WebUtility.HtmlDecode(await xinjiangOffice.GetStringAsync("/Problems?tab=units")).ShouldContain(lead);
        var csv = System.Text.Encoding.UTF8.GetString(await xinjiangOffice.GetByteArrayAsync("/Problems?handler=Export&format=csv"));
        csv.ShouldContain(lead);
        var api = await PageSignIn.ApiClientAsync(factory, "xinjiang-office", TestDatabases.DemoPassword);
        var detail = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/problems/{problem}")).RootElement;
        detail.GetProperty("leadUnit").GetString().ShouldBe(lead);

        // 垣曲's office assigned its bureau the work: it still sees the problem, with the bureau as its own, and may press it.
        var yuanquOffice = await PageSignIn.BrowserAsync(factory, "yuanqu-office");
        var seen = await yuanquOffice.GetAsync($"/Problems/Detail/{problem}");
        seen.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await seen.Content.ReadAsStringAsync());
        html.ShouldContain("督办意见");
        WebUtility.HtmlDecode(await yuanquOffice.GetStringAsync("/Problems?tab=units")).ShouldContain(lead);
        var yuanquApi = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var urged = await yuanquApi.PostAsync($"/api/v1/problems/{problem}/steps",
            JsonContent.Create(new { action = "urge", note = "请抓紧落实菌种技术人员" }));
        urged.StatusCode.ShouldBe(HttpStatusCode.OK, await urged.Content.ReadAsStringAsync());
    }
}
