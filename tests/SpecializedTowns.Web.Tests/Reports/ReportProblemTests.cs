using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// 转入问题台账 from a 专班月报 (新政办发〔2023〕33号 四（二）, 四（三）): the office reviewing the report turns its 困难问题 into a
/// problem with source 月报, its town and county, once; the report and the problem name each other.
/// </summary>
public class ReportProblemTests
{
    private static readonly HtmlParser Html = new();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_turns_a_report_s_difficulty_into_a_linked_problem_once(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var office = await PageSignIn.BrowserAsync(factory, "xinjiang-office");

        int forceId, countyId, townId, year, month;
        string town, difficulty;
        await using (var db = storage.CreateContext())
        {
            var report = await db.MonthlyReports.AsNoTracking().Include(r => r.TaskForce!).ThenInclude(f => f.Town)
                .Where(r => r.State == ReportState.Submitted && r.Difficulties != null && r.TaskForce!.County!.Name == "新绛县")
                .OrderBy(r => r.Id).FirstAsync();
            (forceId, countyId, townId, year, month) = (report.TaskForceId, report.TaskForce!.CountyId, report.TaskForce.SpecializedTownId, report.Year, report.Month);
            (town, difficulty) = (report.TaskForce.Town!.Name, report.Difficulties!);
        }
        var url = $"/Reports/Report/{forceId}/{year}/{month}";
        var html = await office.GetStringAsync(url);
        var form = Html.ParseDocument(html).QuerySelector("#raise-problem")!;
        form.QuerySelector("button")!.TextContent.Trim().ShouldBe("转入问题台账");
        async Task<int> Problems() { await using var db = storage.CreateContext(); return await db.Problems.CountAsync(p => p.SpecializedTownId == townId); }
        var before = await Problems();

        // A category the list does not hold is refused in Chinese, and nothing is written.
        var bad = await office.PostAsync(url + "?handler=Raise", new FormUrlEncodedContent([new("category", "地震"), new("__RequestVerificationToken", PageSignIn.Antiforgery(html))]));
        bad.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Html.ParseDocument(await office.GetStringAsync(url)).QuerySelector("#report-error")!.TextContent.Trim().ShouldBe("请选择问题类别");
        (await Problems()).ShouldBe(before);

        var raised = await office.PostAsync(url + "?handler=Raise", new FormUrlEncodedContent([new("category", "Market"), new("__RequestVerificationToken", PageSignIn.Antiforgery(html))]));
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var problemUrl = raised.Headers.Location!.OriginalString;
        problemUrl.ShouldStartWith("/Problems/Detail/");
        var problemId = int.Parse(problemUrl["/Problems/Detail/".Length..]);

        await using (var db = storage.CreateContext())
        {
            var p = await db.Problems.AsNoTracking().SingleAsync(x => x.Id == problemId);
            (p.Source, p.Kind, p.Category, p.JurisdictionId, p.SpecializedTownId, p.State).ShouldBe(
                (ProblemSource.MonthlyReport, ProblemKind.Common, ProblemCategory.Market, countyId, (int?)townId, ProblemState.Registered));
            p.Title.ShouldBe($"{town}：{difficulty}");
            p.Description.ShouldContain($"{year}年{month}月月报");
            (await db.MonthlyReports.AsNoTracking().SingleAsync(r => r.TaskForceId == forceId && r.Year == year && r.Month == month)).ProblemId.ShouldBe(problemId);
        }

        // The problem names the report, and the report the problem.
        var problemPage = Html.ParseDocument(await office.GetStringAsync(problemUrl));
        var link = problemPage.QuerySelector("#problem-report")!;
        link.GetAttribute("href").ShouldBe(url);
        link.TextContent.ShouldBe($"{town}专班{year}年{month}月月报");
        var after = Html.ParseDocument(await office.GetStringAsync(url));
        after.QuerySelector("#report-problem")!.GetAttribute("href").ShouldBe(problemUrl);
        after.QuerySelector("#raise-problem").ShouldBeNull("raised once");

        // A second post (another tab) is refused, and raises nothing.
        var again = await office.PostAsync(url + "?handler=Raise", new FormUrlEncodedContent([new("category", "Market"), new("__RequestVerificationToken", PageSignIn.Antiforgery(html))]));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Html.ParseDocument(await office.GetStringAsync(url)).QuerySelector("#report-error")!.TextContent.Trim().ShouldBe("这个月报的困难问题已转入问题台账");
        (await Problems()).ShouldBe(before + 1);

        // A leader reads: no such action, and a post is refused.
        var leader = await PageSignIn.BrowserAsync(factory, "yuncheng-leader");
        var leaderPage = await leader.GetStringAsync(url);
        Html.ParseDocument(leaderPage).QuerySelector("#raise-problem").ShouldBeNull();
        Html.ParseDocument(leaderPage).QuerySelector("#report-problem").ShouldNotBeNull();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_reporter_may_raise_it_once_reported_but_not_from_a_draft(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        // 历山镇's reports are written by the township's own staff.
        var township = await PageSignIn.BrowserAsync(factory, "lishan-township");
        int forceId, year, month;
        await using (var db = storage.CreateContext())
        {
            var report = await db.MonthlyReports.AsNoTracking()
                .Where(r => r.Difficulties != null && (r.State == ReportState.Submitted || r.State == ReportState.Accepted) && r.TaskForce!.Town!.Name == "历山镇蜂蜜专业镇")
                .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).FirstAsync();
            (forceId, year, month) = (report.TaskForceId, report.Year, report.Month);
        }
        var url = $"/Reports/Report/{forceId}/{year}/{month}";
        var html = await township.GetStringAsync(url);
        Html.ParseDocument(html).QuerySelector("#raise-problem").ShouldNotBeNull();
        var raised = await township.PostAsync(url + "?handler=Raise", new FormUrlEncodedContent([new("category", "Other"), new("__RequestVerificationToken", PageSignIn.Antiforgery(html))]));
        raised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        raised.Headers.Location!.OriginalString.ShouldStartWith("/Problems/Detail/");
        // The township raised it, so it confirms it when answered.
        var page = Html.ParseDocument(await township.GetStringAsync(raised.Headers.Location!.OriginalString));
        page.QuerySelector("#problem-report")!.GetAttribute("href").ShouldBe(url);

        // A draft's difficulty may still change: it is not raised yet. Another of 历山's months, set back to a draft here.
        var office = await PageSignIn.BrowserAsync(factory, "yuanqu-office");
        int draftForce, draftYear, draftMonth;
        await using (var db = storage.CreateContext())
        {
            var draft = await db.MonthlyReports
                .Where(r => r.ProblemId == null && r.Difficulties != null && r.TaskForce!.Town!.Name == "历山镇蜂蜜专业镇").OrderBy(r => r.Id).FirstAsync();
            draft.State = ReportState.Draft;
            await db.SaveChangesAsync();
            (draftForce, draftYear, draftMonth) = (draft.TaskForceId, draft.Year, draft.Month);
        }
        var draftUrl = $"/Reports/Report/{draftForce}/{draftYear}/{draftMonth}";
        var draftHtml = await office.GetStringAsync(draftUrl);
        Html.ParseDocument(draftHtml).QuerySelector("#raise-problem").ShouldBeNull();
        var refused = await office.PostAsync(draftUrl + "?handler=Raise", new FormUrlEncodedContent([new("category", "Other"), new("__RequestVerificationToken", PageSignIn.Antiforgery(draftHtml))]));
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Html.ParseDocument(await office.GetStringAsync(draftUrl)).QuerySelector("#report-error")!.TextContent.Trim().ShouldStartWith("月报报送后才能把困难问题转入问题台账");
    }
}
