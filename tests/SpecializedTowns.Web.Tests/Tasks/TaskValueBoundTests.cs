using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>
/// qa105 3: a 完成值 a hundred times the target is refused with nothing written; one past the target beside unfinished
/// progress is warned, on the page and in the API's answer (warnings).
/// </summary>
public class TaskValueBoundTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_figure_far_beyond_the_target_is_refused_and_one_past_it_is_warned_on_the_page(StorageProvider provider)
    {
        var (factory, member) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-member");
        await using var _ = factory;
        var office = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var (_, task, _, _) = await TasksApiTests.YuanquAsync(office);
        var url = $"/Tasks/Detail/{task}";
        var html = await member.GetStringAsync(url);
        // The demo's (一): 全年新增市场主体 80 户 at 30%, 52 of the task's 80 户 reached.
        var milestone = int.Parse(Regex.Match(html, "<option value=\"(\\d+)\" data-progress=\"30\"[^>]*>全年新增市场主体 80 户").Groups[1].Value);
        new HtmlParser().ParseDocument(html).QuerySelector("#value-warning").ShouldBeNull();

        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-member", TestDatabases.DemoPassword);
        var bad = await api.PostAsJsonAsync($"/api/v1/tasks/{task}/progress", new { milestoneId = milestone, progress = 45, currentValue = 99_999_999_999m });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("完成值 99,999,999,999户 超过目标 80户 的 100 倍");
        var stored = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/tasks/{task}")).RootElement;
        stored.GetProperty("currentValue").GetDecimal().ShouldBe(52m);
        stored.GetProperty("warnings").GetArrayLength().ShouldBe(0);

        var saved = await api.PostAsJsonAsync($"/api/v1/tasks/{task}/progress", new { milestoneId = milestone, progress = 45, currentValue = 90m });
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        var page = new HtmlParser().ParseDocument(await member.GetStringAsync(url));
        page.QuerySelector("#value-warning")!.TextContent.ShouldContain("完成值 90户 已达到目标 80户，但任务进度为");
        page.QuerySelector("#value-warning")!.TextContent.ShouldContain("请核对完成值，或更新里程碑进度");

        // The API's answer to the same report says what the page says (qa: a report made by API heard nothing of it).
        var answer = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement;
        var warning = answer.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem().GetString()!;
        warning.ShouldStartWith("完成值 90户 已达到目标 80户，但任务进度为");
        warning.ShouldEndWith("请核对完成值，或更新里程碑进度");
        Regex.Replace(page.QuerySelector("#value-warning")!.TextContent, @"\s+", " ").Trim().ShouldBe(warning);
        JsonDocument.Parse(await api.GetStringAsync($"/api/v1/tasks/{task}")).RootElement.GetProperty("warnings")[0].GetString().ShouldBe(warning);

        // The OpenAPI description names the field.
        var schemas = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;
        schemas["TaskDetail"]!["properties"]!["warnings"]!["description"]!.GetValue<string>().ShouldContain("完成值已达到目标而进度未到 100%");
    }
}
