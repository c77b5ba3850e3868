using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>Progress that goes back (30% → 20%, 52 → 40 户) needs its reason, on the page and through the API, and is recorded as such.</summary>
public class TaskRegressTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Progress_that_goes_back_is_refused_without_a_reason_and_recorded_with_it(StorageProvider provider)
    {
        var (factory, member) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-member");
        await using var _ = factory;
        var office = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var (_, task, _, _) = await TasksApiTests.YuanquAsync(office);
        var url = $"/Tasks/Detail/{task}";
        var html = await member.GetStringAsync(url);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        // The demo's (一): 全年新增市场主体 80 户 at 30%, 52 of the task's 80 户 reached.
        var milestone = Regex.Match(html, "<option value=\"(\\d+)\" data-progress=\"30\"[^>]*>全年新增市场主体 80 户").Groups[1].Value;
        milestone.ShouldNotBeEmpty();
        FormUrlEncodedContent Form(string note) => new(
        [
            new("Report.MilestoneId", milestone), new("Report.Progress", "20"), new("Report.CurrentValue", "40"), new("Report.Note", note),
            new("__RequestVerificationToken", token),
        ]);

        var refused = await member.PostAsync(url + "?handler=Progress", Form(""));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        page.QuerySelector("#report-note")!.ClassList.ShouldContain("is-invalid");
        page.QuerySelector("#report-form")!.TextContent.ShouldContain("进度由 30% 降为 20%，完成值由 52 降为 40户：进度回退须在进展说明中写明原因");
        page.QuerySelector(".alert-success").ShouldBeNull();

        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-member", TestDatabases.DemoPassword);
        var bad = await api.PostAsJsonAsync($"/api/v1/tasks/{task}/progress", new { milestoneId = int.Parse(milestone), progress = 20, currentValue = 40 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("进度回退须在进展说明中写明原因");

        var unchanged = new HtmlParser().ParseDocument(await member.GetStringAsync(url));
        unchanged.QuerySelector($"#report-milestone option[value='{milestone}']")!.GetAttribute("data-progress").ShouldBe("30");

        var saved = await member.PostAsync(url + "?handler=Progress", Form("前次把意向户数计入，更正"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = new HtmlParser().ParseDocument(await member.GetStringAsync(url));
        after.QuerySelector("#notes")!.TextContent.ShouldContain("里程碑“全年新增市场主体 80 户”进度 30% → 20%（回退）；完成值 52 → 40户（回退）；回退原因：前次把意向户数计入，更正");
        // The overview puts the figure's share beside the milestones' progress.
        after.Body!.TextContent.ShouldContain("80户，已完成 40户（完成率 50%）");
    }

    [Fact]
    public async Task A_task_with_a_target_and_no_milestones_asks_for_its_figure_not_for_a_percent()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var (plan, _, _, _) = await TasksApiTests.YuanquAsync(api);
        // The demo's （六）: 2 项 targeted, no milestones.
        var tasks = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"/api/v1/tasks?plan={plan}&pageSize=100")).RootElement.GetProperty("items").EnumerateArray();
        var six = tasks.Single(t => t.GetProperty("number").GetString() == "（六）").GetProperty("id").GetInt32();
        var page = new HtmlParser().ParseDocument(await office.GetStringAsync($"/Tasks/Detail/{six}"));
        page.QuerySelector("#report-progress").ShouldBeNull();
        page.QuerySelector("#report-done").ShouldBeNull();
        page.QuerySelector("#report-progress-derived")!.TextContent.ShouldContain("进度按完成值计算");
        page.QuerySelector("#report-current").ShouldNotBeNull();
        page.Body!.TextContent.ShouldContain("2项，已完成 1项（完成率 50%）");
    }
}
