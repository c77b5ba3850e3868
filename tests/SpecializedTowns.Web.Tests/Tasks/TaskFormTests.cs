using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>The office's task form: every mistake named in one round, nothing saved while any remains.</summary>
public class TaskFormTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_weight_it_cannot_read_is_named_with_a_missing_title_and_lead_unit_and_nothing_is_added(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var plan = Regex.Match(await office.GetStringAsync("/Tasks"), "href=\"/Tasks/Plan/(\\d+)\"").Groups[1].Value;
        plan.ShouldNotBeEmpty();
        var url = $"/Tasks/Edit?planId={plan}";
        var form = new HtmlParser().ParseDocument(await office.GetStringAsync(url));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var group = form.QuerySelector("select[name='Input.GroupId'] option")!.GetAttribute("value")!;
        var measures = $"一轮说全-{Guid.NewGuid():N}";

        var response = await office.PostAsync(url, new FormUrlEncodedContent(
        [
            new("Input.GroupId", group), new("Input.Title", ""), new("Input.Source", "垣政办发〔2023〕19号 五（二）"), new("Input.Measures", measures),
            new("Input.Weight", "七十"), new("Input.Deadline", "2026-12-31"), new("__RequestVerificationToken", token),
        ]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll(".invalid-feedback").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        // The number the form could not read, and the rules broken by the fields it could: all in one round.
        errors.ShouldContain("“七十”不是数字，请填写阿拉伯数字");
        errors.ShouldContain("请填写任务名称");
        errors.ShouldContain("请至少选择一个牵头单位");
        page.QuerySelector("textarea[name='Input.Measures'], input[name='Input.Measures']")!.TextContent.ShouldContain(measures);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        (await db.PlanTasks.CountAsync(t => t.Measures == measures)).ShouldBe(0);
    }
}
