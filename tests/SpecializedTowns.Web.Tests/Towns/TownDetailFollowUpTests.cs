using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// A town's page shows what is wrong there (QA 86 #8): 任务 and 问题 tabs with their counts, and in 概况 links to the town's 专班
/// monthly reports and its rows in published evaluations. They come after the page shows, like the enterprise and project tabs,
/// so the page itself reads none of them; out of the reader's scope each is "not found", as the page is.
/// </summary>
public class TownDetailFollowUpTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_leader_reads_a_town_s_tasks_problems_reports_and_evaluation_rows_on_its_page(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        int town, problemTown, taskCount, overdueTasks, problemCount, taskForce, otherCounty;
        List<(int Evaluation, int Rank)> rows;
        var today = TestDatabases.ChinaToday;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var wanan = await db.Towns.SingleAsync(t => t.Name == "万安钻石专业镇");
            town = wanan.Id;
            var tasks = db.PlanTasks.Where(t => t.Plan!.SpecializedTownId == town || (t.Plan.SpecializedTownId == null && t.Plan.JurisdictionId == wanan.CountyId));
            taskCount = await tasks.CountAsync();
            overdueTasks = await tasks.CountAsync(TaskLights.OverdueOn(today));
            taskForce = await db.TaskForces.Where(f => f.SpecializedTownId == town).Select(f => f.Id).SingleAsync();
            rows = (await db.EvaluationResults.Where(r => r.SubjectId == town)
                    .Join(db.Evaluations.Where(e => e.State == EvaluationState.Published && e.Kind == SubjectKind.Town), r => r.EvaluationId, e => e.Id, (r, e) => new { e.Id, r.Rank })
                    .ToListAsync()).Select(x => (x.Id, x.Rank)).ToList();
            // The 运城 town with the most problems in the ledger.
            var yunchengTowns = db.Towns.Where(t => t.County!.Path.StartsWith("山西省/运城市/")).Select(t => t.Id);
            var withProblems = await db.Problems.Where(p => p.SpecializedTownId != null && yunchengTowns.Contains(p.SpecializedTownId.Value))
                .GroupBy(p => p.SpecializedTownId!.Value).Select(g => new { Town = g.Key, Count = g.Count() }).ToListAsync();
            (problemTown, problemCount) = withProblems.OrderByDescending(x => x.Count).Select(x => (x.Town, x.Count)).First();
            otherCounty = await db.Towns.Where(t => t.County!.Path == "山西省/运城市/垣曲县").Select(t => t.Id).FirstAsync();
        }
        taskCount.ShouldBeGreaterThan(0, "新绛's plan concerns its towns");
        rows.ShouldNotBeEmpty("the demo's published 运城 evaluation ranks 万安钻石");

        var leader = await SeededPlatforms.SignedInAsync(provider, "yuncheng-leader");
        var page = WebUtility.HtmlDecode(await leader.GetStringAsync($"/Towns/Detail/{town}"));
        // The tabs in UI.md's order, each filled after the page shows; the page itself holds none of their rows.
        Regex.Matches(page, "data-bs-target=\"#tab-(\\w+)\"").Select(m => m.Groups[1].Value)
            .ShouldBe(["profile", "enterprises", "projects", "tasks", "problems", "statistics", "history", "gap", "audit"]);
        foreach (var handler in new[] { "Tasks", "Problems", "FollowUp" })
            page.ShouldContain($"hx-get=\"/Towns/Detail/{town}?handler={handler}\" hx-trigger=\"load\"");
        page.ShouldNotContain("/Tasks/Detail/");
        page.ShouldNotContain("/Evaluations/Detail/");

        var tasksTab = WebUtility.HtmlDecode(await leader.GetStringAsync($"/Towns/Detail/{town}?handler=Tasks"));
        tasksTab.ShouldNotContain("<html", Case.Sensitive, "the tab alone, without the layout");
        tasksTab.ShouldContain($"<span id=\"town-task-count\" hx-swap-oob=\"true\">（{taskCount}）</span>");
        Regex.Matches(tasksTab, "<a href=\"/Tasks/Detail/\\d+\">").Count.ShouldBe(Math.Min(taskCount, Pages.Towns.DetailModel.Listed));
        Regex.Matches(tasksTab, "<span class=\"light light-").Count.ShouldBe(Math.Min(taskCount, Pages.Towns.DetailModel.Listed), "each task with its light");
        if (overdueTasks > 0) tasksTab.ShouldContain($"其中逾期 {overdueTasks} 项");
        else tasksTab.ShouldNotContain("其中逾期");
        tasksTab.ShouldContain("在责任清单中查看：<a href=\"/Tasks/Plan/");

        var followUp = WebUtility.HtmlDecode(await leader.GetStringAsync($"/Towns/Detail/{town}?handler=FollowUp"));
        followUp.ShouldContain($"<a href=\"/Reports/TaskForce/{taskForce}\">月报记录</a>");
        followUp.ShouldContain($"<a href=\"/Reports/Report/{taskForce}/");
        foreach (var (evaluation, rank) in rows)
            Regex.IsMatch(followUp, $"<a href=\"/Evaluations/Detail/{evaluation}\">[^<]*年度专业镇评估</a><span> 第 {rank} 名（共 \\d+ 个）").ShouldBeTrue(followUp);
        // As read: no stray space after the colons, nor between the area and the year of the title (运城市2024年度专业镇评估).
        var lines = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(followUp).QuerySelectorAll("#town-follow-up > div").Select(d => d.TextContent).ToList();
        lines[0].ShouldStartWith("专班月报：月报记录");
        if (rows.Count > 0) Regex.IsMatch(lines[1], @"^年度评估：\S+市\d{4}年度专业镇评估 第 \d+ 名").ShouldBeTrue(lines[1]);

        var problemsTab = WebUtility.HtmlDecode(await leader.GetStringAsync($"/Towns/Detail/{problemTown}?handler=Problems"));
        problemsTab.ShouldContain($"<span id=\"town-problem-count\" hx-swap-oob=\"true\">（{problemCount}）</span>");
        Regex.Matches(problemsTab, "<a href=\"/Problems/Detail/\\d+\">").Count.ShouldBe(Math.Min(problemCount, Pages.Towns.DetailModel.Listed));
        problemsTab.ShouldContain($"href=\"/Problems?townId={problemTown}\"");
        Regex.Matches(problemsTab, "<span class=\"badge text-bg-").Count.ShouldBeGreaterThanOrEqualTo(problemCount, "each problem with its state");

        // Another county's office: the page and each of its parts are not found, as before.
        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        foreach (var url in new[] { "", "?handler=Tasks", "?handler=Problems", "?handler=FollowUp" })
            (await yuanqu.GetAsync($"/Towns/Detail/{town}{url}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        var xinjiang = await SeededPlatforms.SignedInAsync(provider, "xinjiang-office");
        foreach (var handler in new[] { "Tasks", "Problems", "FollowUp" })
            (await xinjiang.GetAsync($"/Towns/Detail/{otherCounty}?handler={handler}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
    }
}
