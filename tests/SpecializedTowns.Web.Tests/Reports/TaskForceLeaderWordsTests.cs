using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// 永济 is a 县级市: its 专班 answers to a 市领导, so the form, the 专班 page, the list and the form's refusal say 分管市领导
/// (example 分管农业副市长); 垣曲 keeps 分管县领导, and the roster export across counties says 分管县（市、区）领导.
/// </summary>
public class TaskForceLeaderWordsTests
{
    [Fact]
    public async Task The_leader_of_a_county_level_citys_task_force_is_a_city_leader()
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yongji-office");
        await using var _ = factory;
        int jidian, yongjiUnit;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            jidian = await db.Towns.Where(t => t.Name == "永济机电制造专业镇").Select(t => t.Id).SingleAsync();
            yongjiUnit = await db.Units.Where(u => u.Name == "市工科局" && u.Jurisdiction!.Path == "山西省/运城市/永济市").Select(u => u.Id).SingleAsync();
        }
        var thisMonth = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).ToString();

        var form = WebUtility.HtmlDecode(await client.GetStringAsync($"/Reports/TaskForceEdit?townId={jidian}"));
        form.ShouldContain("分管市领导负责");
        form.ShouldContain(">分管市领导</label>");
        form.ShouldContain("placeholder=\"如：分管农业副市长\"");
        form.ShouldNotContain("分管县领导");

        // The refusal of a too long entry names the 市领导 too.
        var refused = await PageSignIn.PostAsync(client, "/Reports/TaskForceEdit", await client.GetStringAsync($"/Reports/TaskForceEdit?townId={jidian}"), new()
        {
            ["Input.TownId"] = jidian.ToString(), ["Input.LeadUnitIds"] = yongjiUnit.ToString(), ["Input.ReportsFrom"] = thisMonth,
            ["Input.ResponsibleLeader"] = new string('副', ReportLimits.Leader + 1),
        });
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain($"分管市领导不超过 {ReportLimits.Leader} 字");

        var api = await PageSignIn.ApiClientAsync(factory, "yongji-office", TestDatabases.DemoPassword);
        var created = await api.PostAsJsonAsync("/api/v1/reports/task-forces", new { townId = jidian, leadUnitIds = new[] { yongjiUnit }, reportsFrom = thisMonth, responsibleLeader = "王副市长" });
        var body = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Reports/TaskForce/{id}"));
        page.ShouldContain(">分管市领导</dt>");
        page.ShouldNotContain("分管县领导");
        var edit = WebUtility.HtmlDecode(await client.GetStringAsync($"/Reports/TaskForceEdit/{id}"));
        edit.ShouldContain(">分管市领导</label>");
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/Reports/TaskForces"));
        list.ShouldContain("<th>分管市领导</th>");

        // 垣曲 is a 县; the province reads many counties' 专班 at once.
        var yuanqu = await PageSignIn.BrowserAsync(factory, "yuanqu-office");
        WebUtility.HtmlDecode(await yuanqu.GetStringAsync("/Reports/TaskForceEdit")).ShouldContain(">分管县领导</label>");
        var province = await PageSignIn.BrowserAsync(factory, "shanxi-office");
        WebUtility.HtmlDecode(await province.GetStringAsync("/Reports/TaskForces")).ShouldContain("<th>分管县（市、区）领导</th>");
    }
}
