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
/// 起报月份 of a new 专班, by API and page: a 专班 set up today and backdated to 2020 was 缺报 for some seventy months on its
/// first day. It reports from the month it is set up, unless the office says it records an existing one; then no earlier than
/// the county's policy document (垣政办发〔2023〕19号, 5 June 2023), and the office is told the months owed count as 缺报.
/// </summary>
public class TaskForceStartTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_new_task_force_reports_from_the_month_it_is_set_up_unless_the_office_records_an_existing_one(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int gucheng, gaoluo, agriculture;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            gucheng = await db.Towns.Where(t => t.Name == "古城镇渔业专业镇").Select(t => t.Id).SingleAsync();
            gaoluo = await db.Towns.Where(t => t.Name == "皋落乡食用菌专业镇").Select(t => t.Id).SingleAsync();
            agriculture = await db.Units.Where(u => u.Name == "县农业农村局" && u.Jurisdiction!.Path == "山西省/运城市/垣曲县").Select(u => u.Id).SingleAsync();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var thisMonth = ReportMonth.Of(today);
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);

        async Task<string> RefusedAsync(object body)
        {
            var response = await api.PostAsJsonAsync("/api/v1/reports/task-forces", body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            return JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("reportsFrom")[0].GetString()!;
        }
        (await RefusedAsync(new { townId = gucheng, leadUnitIds = new[] { agriculture }, reportsFrom = "2020-01" }))
            .ShouldBe($"起报月份不能早于专班设立当月（{thisMonth.Chinese}）：此前各月都会计为缺报。如是登记此前已经设立的专班，请注明（页面上勾选“登记已设立的专班”，接口传 recordsExisting: true）");
        (await RefusedAsync(new { townId = gucheng, leadUnitIds = new[] { agriculture }, reportsFrom = "2020-01", recordsExisting = true }))
            .ShouldBe("起报月份不能早于本县（市、区）专业镇政策文件印发当月（2023年6月，2023年6月5日印发）");
        (await RefusedAsync(new { townId = gucheng, leadUnitIds = new[] { agriculture }, reportsFrom = thisMonth.Next.Next.ToString() }))
            .ShouldBe($"起报月份不能晚于 {thisMonth.Next.Chinese}");
        var created = await api.PostAsJsonAsync("/api/v1/reports/task-forces", new { townId = gucheng, leadUnitIds = new[] { agriculture }, reportsFrom = thisMonth.ToString() });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // The page: backdating without the tick is refused beside the field; with it, saved and the months owed are named.
        var form = await client.GetStringAsync($"/Reports/TaskForceEdit?townId={gaoluo}");
        WebUtility.HtmlDecode(form).ShouldContain("登记已设立的专班（起报月份早于本月）");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Dictionary<string, string> Fields(bool existing) => new()
        {
            ["Input.TownId"] = gaoluo.ToString(), ["Input.LeadUnitIds"] = agriculture.ToString(), ["Input.ReportsFrom"] = "2023-06",
            ["Input.RecordsExisting"] = existing ? "true" : "false", ["__RequestVerificationToken"] = token,
        };
        var refused = await client.PostAsync("/Reports/TaskForceEdit", new FormUrlEncodedContent(Fields(existing: false)));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain($"起报月份不能早于专班设立当月（{thisMonth.Chinese}）");
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().TaskForces.AnyAsync(f => f.SpecializedTownId == gaoluo)).ShouldBeFalse();

        var saved = await client.PostAsync("/Reports/TaskForceEdit", new FormUrlEncodedContent(Fields(existing: true)));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var owed = TaskForceStart.MonthsOwed(new ReportMonth(2023, 6), today);
        owed.ShouldBeGreaterThan(36);
        WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location!.OriginalString))
            .ShouldContain($"2023年6月至{thisMonth.Previous.Chinese}共 {owed} 个月计入报送范围：已过报送期限而未报送的月份计为缺报，补报须由领导小组办公室逐月重新开放");
    }
}
