using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// 依据 of a new 专班 left empty: 永济's own document sets up a 专业镇培育专班 (五（一）), which the 专班名录 header quotes to 永济's
/// office, so a 永济 专班 rests on it by default, by API and by page. 垣曲's document sets up none: its 专班 stays without one.
/// </summary>
public class TaskForceSourceTests
{
    private const string Yongji = "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 五（一）";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_new_task_force_without_a_source_rests_on_its_county_documents_task_force_clause(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yongji-office");
        await using var _ = factory;
        int jidian, qingtou, gucheng, yongjiUnit, yuanquUnit;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            jidian = await db.Towns.Where(t => t.Name == "永济机电制造专业镇").Select(t => t.Id).SingleAsync();
            qingtou = await db.Towns.Where(t => t.Name == "卿头镇农副产品加工专业镇").Select(t => t.Id).SingleAsync();
            gucheng = await db.Towns.Where(t => t.Name == "古城镇渔业专业镇").Select(t => t.Id).SingleAsync();
            yongjiUnit = await db.Units.Where(u => u.Name == "市工科局" && u.Jurisdiction!.Path == "山西省/运城市/永济市").Select(u => u.Id).SingleAsync();
            yuanquUnit = await db.Units.Where(u => u.Name == "县农业农村局" && u.Jurisdiction!.Path == "山西省/运城市/垣曲县").Select(u => u.Id).SingleAsync();
        }
        var thisMonth = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).ToString();

        // The header of 专班名录 quotes the clause the record gets.
        WebUtility.HtmlDecode(await client.GetStringAsync("/Reports/TaskForces")).ShouldContain(Yongji);

        var api = await PageSignIn.ApiClientAsync(factory, "yongji-office", TestDatabases.DemoPassword);
        var created = await api.PostAsJsonAsync("/api/v1/reports/task-forces", new { townId = jidian, leadUnitIds = new[] { yongjiUnit }, reportsFrom = thisMonth });
        var body = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        JsonDocument.Parse(body).RootElement.GetProperty("source").GetString().ShouldBe(Yongji);

        // The page offers it filled in, and an empty field saves it too.
        var form = await client.GetStringAsync($"/Reports/TaskForceEdit?townId={qingtou}");
        WebUtility.HtmlDecode(Regex.Match(form, "<input[^>]*name=\"Input.Source\"[^>]*>").Value).ShouldContain($"value=\"{Yongji}\"");
        var saved = await PageSignIn.PostAsync(client, "/Reports/TaskForceEdit", form, new()
        {
            ["Input.TownId"] = qingtou.ToString(), ["Input.LeadUnitIds"] = yongjiUnit.ToString(), ["Input.ReportsFrom"] = thisMonth, ["Input.Source"] = "",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

        // 垣曲's document sets up no 专班: nothing is made up for it.
        var yuanqu = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var plain = await yuanqu.PostAsJsonAsync("/api/v1/reports/task-forces", new { townId = gucheng, leadUnitIds = new[] { yuanquUnit }, reportsFrom = thisMonth });
        plain.StatusCode.ShouldBe(HttpStatusCode.Created, await plain.Content.ReadAsStringAsync());

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.TaskForces.Where(f => f.SpecializedTownId == qingtou).Select(f => f.Source).SingleAsync()).ShouldBe(Yongji);
            (await db.TaskForces.Where(f => f.SpecializedTownId == gucheng).Select(f => f.Source).SingleAsync()).ShouldBeNull();
        }
    }
}
