using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>
/// 督办 of an overdue problem (新政办发〔2023〕33号 四（五）): the office presses the lead unit from the overdue list, the history keeps it
/// under the office's name with its note, the lead unit is reminded, nothing moves, and a notice can follow from it.
/// </summary>
public class ProblemUrgeTests
{
    private static readonly HtmlParser Html = new();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_urges_an_overdue_problem_and_the_lead_unit_is_reminded_while_the_state_stays(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;

        // The demo's 皋落乡 problem is in 县农业农村局's hands (yuanqu-member) and past its time limit.
        var overdue = await office.GetStringAsync("/Problems?tab=overdue");
        var id = Regex.Match(overdue, "href=\"/Problems/Detail/(\\d+)\">皋落乡食用菌专业镇菌种生产技术人员短缺").Groups[1].Value;
        id.ShouldNotBeEmpty();
        var row = Html.ParseDocument(overdue).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("皋落乡食用菌专业镇菌种生产技术人员短缺"));
        row.QuerySelector($"a[href='/Problems/Detail/{id}#problem-urge']")!.TextContent.Trim().ShouldBe("督办");
        row.TextContent.ShouldContain("未督办");

        var url = $"/Problems/Detail/{id}";
        var detail = await office.GetStringAsync(url);
        var page = Html.ParseDocument(detail);
        page.QuerySelector("#problem-state")!.TextContent.Trim().ShouldBe("办理中");
        page.QuerySelector("#problem-urge button")!.TextContent.Trim().ShouldBe("督办牵头单位");
        // What the office records for the unit is offered only as done for it.
        page.QuerySelector("#on-behalf form[action*='handler=Handle'] button")!.TextContent.Trim().ShouldBe("代牵头单位登记办理情况");
        var link = page.QuerySelector("#urge-notice")!.GetAttribute("href")!;
        link.ShouldStartWith("/Notices/New?");
        var query = QueryHelpers.ParseQuery(link[link.IndexOf('?')..]);
        var lead = Regex.Match(query["Input.Recipient"].ToString(), "^Unit:(\\d+)$").Groups[1].Value;
        lead.ShouldNotBeEmpty();
        query["Input.Findings[0].Source"].ToString().ShouldBe($"问题台账第 {id} 号");
        query["Input.Subject"].ToString().ShouldBe("“皋落乡食用菌专业镇菌种生产技术人员短缺”问题办理");
        query["Input.Findings[0].Text"].ToString().ShouldStartWith("皋落乡食用菌专业镇菌种生产技术人员短缺（垣曲县）：办理时限");
        query["Input.Findings[0].Text"].ToString().ShouldContain("已逾期");

        // A 督办 without a note is refused beside the field, and nothing is written.
        var empty = await office.PostAsync(url + "?handler=Urge", new FormUrlEncodedContent([new("Note", " "), new("__RequestVerificationToken", PageSignIn.Antiforgery(detail))]));
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        Html.ParseDocument(await empty.Content.ReadAsStringAsync()).QuerySelector("#problem-urge div.text-danger")!.TextContent.Trim()
            .ShouldBe("请填写督办意见（督办的事项和要求）");
        Html.ParseDocument(await office.GetStringAsync(url)).QuerySelectorAll("#problem-history li").ShouldNotContain(li => li.TextContent.Contains("督办"));

        var done = await office.PostAsync(url + "?handler=Urge", new FormUrlEncodedContent(
            [new("Note", "已逾期，请于 3 个工作日内报送办理进展并答复"), new("__RequestVerificationToken", PageSignIn.Antiforgery(detail))]));
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = Html.ParseDocument(await office.GetStringAsync(url));
        after.QuerySelector("#problem-state")!.TextContent.Trim().ShouldBe("办理中", "督办 moves nothing");
        var entry = after.QuerySelectorAll("#problem-history li").Last();
        entry.QuerySelector("strong")!.TextContent.ShouldBe("督办");
        entry.TextContent.ShouldContain("垣曲县专业镇办");
        entry.TextContent.ShouldContain("已逾期，请于 3 个工作日内报送办理进展并答复");
        entry.TextContent.ShouldNotContain("→", Case.Sensitive, "no change of state is shown");
        after.QuerySelector("#problem-urged")!.TextContent.ShouldContain("领导小组办公室（垣曲县专业镇办）已于");
        var list = Html.ParseDocument(await office.GetStringAsync("/Problems?tab=overdue")).QuerySelectorAll("tbody tr")
            .Single(r => r.TextContent.Contains("皋落乡食用菌专业镇菌种生产技术人员短缺"));
        list.TextContent.ShouldNotContain("未督办");

        // The lead unit hears of it in its reminders, and has no 督办 of its own.
        var member = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(member, "yuanqu-member", TestDatabases.DemoPassword);
        var reminders = WebUtility.HtmlDecode(await member.GetStringAsync("/Notifications"));
        reminders.ShouldContain("皋落乡食用菌专业镇菌种生产技术人员短缺：已逾期");
        reminders.ShouldContain("领导小组办公室已于");
        reminders.ShouldContain("督办，请尽快办理答复");
        var mine = Html.ParseDocument(await member.GetStringAsync(url));
        mine.QuerySelector("#problem-urge").ShouldBeNull();
        mine.QuerySelector("#problem-urged")!.TextContent.ShouldContain("已逾期，请于 3 个工作日内报送办理进展并答复");
        mine.QuerySelector("form[action*='handler=Handle'] button")!.TextContent.Trim().ShouldBe("记录办理情况");

        // The notice form starts from the problem: the lead unit chosen, the finding and its source filled in.
        var notice = Html.ParseDocument(await office.GetStringAsync(link));
        notice.QuerySelector("select[name='Input.Recipient'] option[selected]")!.GetAttribute("value").ShouldBe($"Unit:{lead}");
        notice.QuerySelector("textarea[name='Input.Findings[0].Text']")!.TextContent.ShouldStartWith("皋落乡食用菌专业镇菌种生产技术人员短缺");
        notice.QuerySelector("input[name='Input.Findings[0].Source']")!.GetAttribute("value").ShouldBe($"问题台账第 {id} 号");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task What_the_office_records_for_the_lead_unit_is_marked_as_done_for_it(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var overdue = await office.GetStringAsync("/Problems?tab=overdue");
        var id = Regex.Match(overdue, "href=\"/Problems/Detail/(\\d+)\">古城黄河水产水域滩涂养殖证续期办理时间长").Groups[1].Value;
        id.ShouldNotBeEmpty();
        var url = $"/Problems/Detail/{id}";
        var detail = await office.GetStringAsync(url);
        Html.ParseDocument(detail).QuerySelector("#problem-state")!.TextContent.Trim().ShouldBe("已受理");
        var response = await office.PostAsync(url + "?handler=Handle", new FormUrlEncodedContent(
            [new("Note", "县行政审批服务管理局电话报送：已开通绿色通道"), new("__RequestVerificationToken", PageSignIn.Antiforgery(detail))]));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entry = Html.ParseDocument(await office.GetStringAsync(url)).QuerySelectorAll("#problem-history li").Last();
        entry.QuerySelector("strong")!.TextContent.ShouldBe("代牵头单位登记办理情况");
        entry.TextContent.ShouldContain("代为办理");
    }
}
