using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// What the pages tell a clerk about the rules they follow: the clause of the clerk's own county's document (never another
/// county's), plain Chinese instead of configuration keys, help text that says what the check accepts, and search boxes
/// that cannot be filled past what the address can carry.
/// </summary>
public class WhatUsersReadTests
{
    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_report_pages_cite_the_county_s_own_document_and_name_no_configuration_key(StorageProvider provider)
    {
        // 垣曲's document (垣政办发〔2023〕19号) has no task forces reporting monthly: it says so, and 新绛's only as another area's.
        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        var list = await yuanqu.GetStringAsync("/Reports");
        var report = Regex.Match(list, "href=\"(/Reports/Report/\\d+/\\d+/\\d+)\"").Groups[1].Value;
        report.ShouldNotBeEmpty();
        Text(list).ShouldContain("各专班按月报送月报，文件未规定具体日期。本平台规定：每月月报须于次月 10 日前报送");
        Text(list).ShouldContain("政策依据：本地文件未作规定。 其他地区做法（仅供参考）：新政办发〔2023〕33号 四（二）“");
        Text(list).ShouldNotContain("政策依据：新政办发");
        Text(await yuanqu.GetStringAsync(report)).ShouldNotContain("新政办发");
        foreach (var page in new[] { Text(list), Text(await yuanqu.GetStringAsync(report)) })
            page.ShouldNotContain("Reports:DueDay");

        var forces = Text(await yuanqu.GetStringAsync("/Reports/TaskForces"));
        forces.ShouldContain("政策依据：本地文件未作规定。 其他地区做法（仅供参考）：新政办发〔2023〕33号 四（二）、附件1“");
        forces.ShouldNotContain("政策依据：新政办发");
        Text(await (await SeededPlatforms.SignedInAsync(provider, "xinjiang-office")).GetStringAsync("/Reports/TaskForces"))
            .ShouldContain("政策依据：新政办发〔2023〕33号 四（二）、附件1“全县成立4个专业镇高质量发展推进专班，构建由县工信科技局总牵头主抓，各镇、各职能部门配合助推的专业镇专班推进机制，统筹推进全县专业镇高质量发展”");

        var xinjiang = Text(await (await SeededPlatforms.SignedInAsync(provider, "xinjiang-office")).GetStringAsync("/Reports"));
        xinjiang.ShouldContain("政策依据：新政办发〔2023〕33号 四（二）“各专班要高度重视，专人负责，每月向专业镇领导小组办公室汇报进展情况，领导小组及时协调解决专业镇培育发展中存在的困难问题”");
        xinjiang.ShouldContain("新政办发〔2023〕33号 四（二）要求各专班每月汇报进展情况，未规定具体日期。本平台规定：");
        xinjiang.ShouldNotContain("Reports:DueDay");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_three_batches_page_cites_each_county_s_own_clause(StorageProvider provider)
    {
        var yuanqu = Text(await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync("/Projects/Batches"));
        yuanqu.ShouldContain("政策依据：垣政办发〔2023〕19号 四（四）“持续推动项目签约、开工、投产“三个一批”活动”");
        yuanqu.ShouldNotContain("新政办发");

        var xinjiang = Text(await (await SeededPlatforms.SignedInAsync(provider, "xinjiang-office")).GetStringAsync("/Projects/Batches"));
        xinjiang.ShouldContain("政策依据：新政办发〔2023〕33号 三（一）3“持续推动项目开工、签约、投产“三个一批”活动”");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_problem_ledger_and_notice_pages_cite_the_user_s_own_document(StorageProvider provider)
    {
        async Task<string> Basis(string user, string url) =>
            Text(Regex.Match(await (await SeededPlatforms.SignedInAsync(provider, user)).GetStringAsync(url), "<div class=\"source[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);

        foreach (var url in new[] { "/Problems", "/Problems/New" })
        {
            var yuanqu = await Basis("yuanqu-office", url);
            yuanqu.ShouldContain("建立问题台账，“把脉问诊”、协调配合、跟进帮扶");
            yuanqu.ShouldStartWith("政策依据：垣政办发〔2023〕19号 五（二）“");
            (await Basis("xinjiang-office", url)).ShouldStartWith("政策依据：新政办发〔2023〕33号 四（三）“");
            (await Basis("yangquan-office", url)).ShouldBe("政策依据：阳政办发〔2023〕24号 六（三）“领导小组成员单位要深入各县（区）开展调研，摸清专业镇产业基本情况与企业发展现状，找到产业发展的短板与不足，摸清企业发展的难点痛点堵点，建立问题台账”");
            // 运城市's document is on the platform only as far as 垣曲's quotes it: said so, with its counties' documents as theirs.
            var yuncheng = await Basis("yuncheng-office", url);
            yuncheng.ShouldStartWith("政策依据：本地文件 运政办发〔2023〕8号 平台仅收录其被其他文件引用的内容，未见相关规定。 下辖 3 个县（市、区）的文件有相关规定：");
            yuncheng.ShouldContain("垣政办发〔2023〕19号 五（二）“县领导小组成员单位要深入各乡（镇）、企业开展调研");
            yuncheng.ShouldNotContain("朔政办发");
        }
        foreach (var url in new[] { "/Notices", "/Notices/New" })
        {
            (await Basis("xinjiang-office", url)).ShouldBe("政策依据：新政办发〔2023〕33号 四（五）“对评价排名靠后或建设进度较慢的镇和单位，发出督办通知书，限期整改问题”");
            (await Basis("yangquan-office", url)).ShouldBe("政策依据：阳政办发〔2023〕24号 六（五）“对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办，限期整改到位；未按时完成整改任务的，给予通报批评”");
            (await Basis("shuozhou-office", url)).ShouldStartWith("政策依据：朔政办发〔2023〕19号 五（五）“");
            // 运城's own document is silent as far as it is known: its counties' clauses are theirs, not the city's.
            (await Basis("yuncheng-office", url)).ShouldStartWith("政策依据：本地文件 运政办发〔2023〕8号 平台仅收录其被其他文件引用的内容，未见相关规定。 下辖 3 个县（市、区）的文件有相关规定：");
        }
    }

    [Fact]
    public async Task The_menu_offers_导入_only_to_those_who_have_something_to_import()
    {
        (await (await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office")).GetStringAsync("/")).ShouldContain("href=\"/Imports\"");
        (await (await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "lishan-township")).GetStringAsync("/")).ShouldContain("href=\"/Imports\"");
        // A leader reads; the entry led to “您的角色没有可导入的数据”.
        (await (await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-leader")).GetStringAsync("/")).ShouldNotContain("href=\"/Imports\"");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_menu_s_leading_and_above_scale_entries_open_the_enterprise_list_so_filtered(StorageProvider provider)
    {
        var client = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        // The cells of each row of the list: 企业, 代码, 县, 乡镇, 专业镇, 类型, 规上, 年产值 … after the tick box.
        static List<string[]> Rows(string html) => Regex.Matches(Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(r => Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(c => Text(c.Groups[1].Value)).ToArray()).ToList();
        static string Lit(string html) => Text(Regex.Match(html, "<a class=\"menu-item active\"[^>]*>(.*?)</a>", RegexOptions.Singleline).Groups[1].Value);

        var home = await client.GetStringAsync("/");
        home.ShouldNotContain("建设中");
        home.ShouldContain("href=\"/Enterprises?role=Leading\"");
        home.ShouldContain("href=\"/Enterprises?aboveScale=yes\"");

        var leading = await client.GetStringAsync("/Enterprises?role=Leading");
        Regex.Match(leading, "<h1[^>]*>(.*?)</h1>").Groups[1].Value.ShouldBe("龙头企业");
        Lit(leading).ShouldBe("龙头企业");
        var leadingRows = Rows(leading);
        leadingRows.ShouldNotBeEmpty();
        leadingRows.ShouldAllBe(r => r[6] == "龙头企业");

        var above = await client.GetStringAsync("/Enterprises?aboveScale=yes");
        Lit(above).ShouldBe("规上/升规");
        Rows(above).ShouldAllBe(r => r[7] == "是");

        // 升规培育: not yet above scale, largest output first.
        var growing = await client.GetStringAsync("/Enterprises?aboveScale=no&sort=output");
        Lit(growing).ShouldBe("规上/升规");
        Text(growing).ShouldContain("排在前面的最接近规模以上标准");
        var rows = Rows(growing);
        rows.Count.ShouldBeGreaterThan(1);
        rows.ShouldAllBe(r => r[7] == "否");
        static decimal WanYuan(string cell) => cell.EndsWith("亿元") ? decimal.Parse(cell[..^2].Replace(",", "")) * 10000 : cell.EndsWith("万元") ? decimal.Parse(cell[..^2].Replace(",", "")) : 0;
        var outputs = rows.Select(r => WanYuan(r[8])).ToList();
        outputs.ShouldBe(outputs.OrderByDescending(x => x).ToList());

        Lit(await client.GetStringAsync("/Enterprises")).ShouldBe("企业名录");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_monthly_report_with_an_unreadable_number_names_every_other_problem_in_the_same_round(StorageProvider provider)
    {
        // A platform of its own: on the shared one another test may already have sent this month's report.
        var (factory, township) = await PageSignIn.OwnPlatformAsync(provider, "lishan-township");
        await using var _ = factory;
        var force = Regex.Match(await township.GetStringAsync("/Reports"), "href=\"/Reports/(?:Report|TaskForce)/(\\d+)").Groups[1].Value;
        force.ShouldNotBeEmpty();
        var month = DateTime.UtcNow.AddHours(8);
        var url = $"/Reports/Report/{force}/{month.Year}/{month.Month}";
        var html = await township.GetStringAsync(url);
        var token = PageSignIn.Antiforgery(html);
        var version = Regex.Match(html, "name=\"Input.Version\" value=\"([^\"]*)\"").Groups[1].Value;
        var posted = await township.PostAsync(url + "?handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Version"] = version,
            ["Input.OutputWanYuan"] = "abc", ["Input.Employees"] = "-5", ["Input.Progress"] = "",
        }));
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await posted.Content.ReadAsStringAsync();
        string Under(string id) => Text(Regex.Match(page, $"id=\"{id}\".*?<span class=\"text-danger small field-error\">(.*?)</span>", RegexOptions.Singleline).Groups[1].Value);
        Under("Input_OutputWanYuan").ShouldBe("“abc”不是数字，请填写阿拉伯数字");
        Under("Input_Employees").ShouldEndWith("不能为负数");
        Text(page).ShouldContain("请填写本月工作进展");
        Text(page).ShouldContain("有填写不正确的项");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_adjustments_page_says_who_sets_the_exit_rule_in_words_not_keys(StorageProvider provider)
    {
        var page = Text(await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync("/Adjustments"));
        page.ShouldNotContain("Adjustments:ExitAfterYears");
        page.ShouldNotContain("mechanisms.dynamicAdjustment");
        page.ShouldContain("平台默认：文件未规定退出年限，年限可由系统管理员调整");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_import_help_gives_the_years_the_check_accepts(StorageProvider provider)
    {
        var thisYear = DateTime.UtcNow.AddHours(8).Year;
        var page = Text(await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync("/Imports?kind=enterprise-statistics"));
        // Annual statistics are of finished years only (AnnualFigures.LatestYear).
        page.ShouldContain($"年度 是 整数，2000 到 {thisYear - 1}");
        page.ShouldNotContain("2000 到 2100");
        Text(await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync("/Imports?kind=projects"))
            .ShouldContain($"计划年度 是 整数，2000 到 {thisYear + 5}");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task List_search_boxes_hold_at_most_50_characters(StorageProvider provider)
    {
        var office = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        foreach (var url in new[] { "/Enterprises", "/Projects", "/Leads", "/Tasks" })
        {
            var box = Regex.Match(await office.GetStringAsync(url), "<input[^>]*id=\"search\"[^>]*>").Value;
            box.ShouldNotBeEmpty(url);
            box.ShouldContain("maxlength=\"50\"", Case.Sensitive, url);
        }
    }
}
