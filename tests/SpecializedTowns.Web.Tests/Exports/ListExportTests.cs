using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Exports;

public partial class ListExportTests
{
    [GeneratedRegex("共 (\\d+) 条")]
    private static partial Regex Total();

    [GeneratedRegex("name=\"ids\" value=\"(\\d+)\" form=\"export-selected\"[^>]*></td>\\s*<td><a href=\"/Enterprises/Detail/\\1\">([^<]+)</a>")]
    private static partial Regex EnterpriseRow();

    private static async Task<HttpClient> SignedInAsync(StorageProvider provider, string user)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, user, SeededPlatforms.Password);
        return client;
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string contentType, string fileName)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith(fileName);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_commendation_pages_evaluation_list_exports_the_names_it_shows(StorageProvider provider)
    {
        // 运城市 has no provision triggered in the demo but a published evaluation commending towns: its 导出 gave a header only.
        var office = await SignedInAsync(provider, "yuncheng-office");
        var page = await office.GetStringAsync("/Commendations");
        var list = page[page.IndexOf("id=\"evaluation-commended\"", StringComparison.Ordinal)..];
        var shown = Regex.Matches(list[..list.IndexOf("</table>", StringComparison.Ordinal)], "<tr><td>").Count;
        shown.ShouldBeGreaterThan(0);
        page.ShouldContain("href=\"/Commendations?handler=EvaluatedExport&amp;format=xlsx\"");
        (await office.GetStringAsync("/Exports")).ShouldContain("href=\"/Commendations?handler=EvaluatedExport&amp;format=xlsx\"");

        var xlsx = ExportFiles.Xlsx(await DownloadAsync(office, "/Commendations?handler=EvaluatedExport&format=xlsx", Xlsx, "年度评估表扬名单_运城市_"));
        xlsx[0].ShouldBe(["年度", "评估", "对象", "所在地", "名次", "得分", "等次", "主送", "主送依据", "发布时间"]);
        xlsx.Count.ShouldBe(shown + 1);
        xlsx.Skip(1).Select(r => (string)r[2]!).ShouldContain("万安钻石专业镇");
        // To whom it is addressed, as a notice about the town would be: 新绛's document names the township.
        xlsx.Skip(1).Single(r => (string)r[2]! == "万安钻石专业镇")[7].ShouldBe("万安镇人民政府");
        xlsx.Skip(1).ShouldAllBe(r => (string)r[1]! == "运城市专业镇评估" && r[5] is double);
        var (_, csv) = ExportFiles.Csv(await DownloadAsync(office, "/Commendations?handler=EvaluatedExport&format=csv", "text/csv", "年度评估表扬名单_"));
        csv.Count.ShouldBe(shown);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_enterprise_list_exports_exactly_what_is_filtered_and_only_what_the_county_sees(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var page = await office.GetStringAsync("/Enterprises?aboveScale=yes");
        var total = int.Parse(Total().Match(page).Groups[1].Value);
        total.ShouldBeGreaterThan(0);

        // Named for the county it covers, so that a file passed up to the city says whose it is.
        var xlsx = ExportFiles.Xlsx(await DownloadAsync(office, "/Enterprises?aboveScale=yes&handler=Export&format=xlsx", Xlsx, "企业名录_垣曲县_"));
        xlsx[0].Take(7).ShouldBe(["企业名称", "统一社会信用代码", "所在县（市、区）", "乡镇", "专业镇", "类型", "规上企业"]);
        xlsx.Count.ShouldBe(total + 1);
        xlsx.Skip(1).ShouldAllBe(r => (string)r[2]! == "垣曲县" && (string)r[6]! == "是");
        // Money stays a number (万元) and a year a number, for the clerk to add up.
        xlsx.Skip(1).ShouldContain(r => r[9] is double);

        var (header, rows) = ExportFiles.Csv(await DownloadAsync(office, "/Enterprises?aboveScale=yes&handler=Export&format=csv", "text/csv", "企业名录_"));
        header.ShouldBe(xlsx[0].Select(h => (string)h!).ToArray());
        rows.Count.ShouldBe(total);
        rows.Select(r => r[1]).ShouldBe(xlsx.Skip(1).Select(r => (string)r[1]!));

        // The whole list (no filter) still never holds another county's enterprise.
        var all = ExportFiles.Xlsx(await DownloadAsync(office, "/Enterprises?handler=Export&format=xlsx", Xlsx, "企业名录_"));
        all.Count.ShouldBeGreaterThan(xlsx.Count);
        all.Skip(1).ShouldAllBe(r => (string)r[2]! == "垣曲县");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_long_export_counts_its_rows_for_the_person_who_asked_and_for_no_one_else(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var id = Guid.NewGuid();
        var poll = $"/Exports?handler=Progress&id={id}";
        static async Task<bool> StartedAsync(HttpClient client, string url) =>
            System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(url)).RootElement.GetProperty("started").GetBoolean();
        (await StartedAsync(office, poll)).ShouldBeFalse("nothing to show before the export starts");

        var (_, rows) = ExportFiles.Csv(await DownloadAsync(office, $"/Enterprises?aboveScale=yes&handler=Export&format=csv&progress={id}", "text/csv", "企业名录_"));
        rows.Count.ShouldBeGreaterThan(0);
        var progress = System.Text.Json.JsonDocument.Parse(await office.GetStringAsync(poll)).RootElement;
        progress.GetProperty("started").GetBoolean().ShouldBeTrue();
        progress.GetProperty("done").GetInt32().ShouldBe(rows.Count);
        progress.GetProperty("total").GetInt32().ShouldBe(rows.Count);
        progress.GetProperty("finished").GetBoolean().ShouldBeTrue();
        progress.GetProperty("failure").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        // Another person, even the province, does not see it; reusing the token exports without touching it.
        var province = await SignedInAsync(provider, "shanxi-office");
        (await StartedAsync(province, poll)).ShouldBeFalse("another person's export is as if it had not started");
        var again = ExportFiles.Csv(await DownloadAsync(province, $"/Enterprises?handler=Export&format=csv&progress={id}", "text/csv", "企业名录_山西省_"));
        again.Rows.Count.ShouldBeGreaterThan(rows.Count);
        System.Text.Json.JsonDocument.Parse(await office.GetStringAsync(poll)).RootElement.GetProperty("done").GetInt32().ShouldBe(rows.Count);

        // The place chosen names the file; a name that is not a place leaves the whole scope, and so its name.
        (await DownloadAsync(province, "/Enterprises?handler=Export&format=csv&jurisdiction=" + Uri.EscapeDataString("山西省/运城市"), "text/csv", "企业名录_运城市_")).Length.ShouldBeGreaterThan(0);
        (await DownloadAsync(province, "/Towns?handler=Export&format=csv&jurisdiction=" + Uri.EscapeDataString("运城市/垣曲县"), "text/csv", "专业镇名录_垣曲县_")).Length.ShouldBeGreaterThan(0);
        (await DownloadAsync(province, "/Enterprises?handler=Export&format=csv&jurisdiction=" + Uri.EscapeDataString("火星"), "text/csv", "企业名录_山西省_")).Length.ShouldBeGreaterThan(0);

        // A token that is not one: the file all the same, without progress.
        (await DownloadAsync(office, "/Enterprises?handler=Export&format=csv&progress=not-a-token", "text/csv", "企业名录_")).Length.ShouldBeGreaterThan(0);
        (await StartedAsync(office, "/Exports?handler=Progress&id=not-a-token")).ShouldBeFalse();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Exporting_the_ticked_rows_gives_those_rows_and_never_one_outside_the_scope(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var ticked = EnterpriseRow().Matches(await office.GetStringAsync("/Enterprises")).Select(m => (Id: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        ticked.Count.ShouldBeGreaterThan(3);
        var chosen = new[] { ticked[0], ticked[3] };

        var otherCounty = EnterpriseRow().Matches(await (await SignedInAsync(provider, "xinjiang-office")).GetStringAsync("/Enterprises"))
            .Select(m => m.Groups[1].Value).First();
        var ids = string.Concat(chosen.Select(c => $"&ids={c.Id}")) + $"&ids={otherCounty}";

        var xlsx = ExportFiles.Xlsx(await DownloadAsync(office, $"/Enterprises?handler=Export&selected=1&format=xlsx{ids}", Xlsx, "企业名录_"));
        xlsx.Skip(1).Select(r => (string)r[0]!).ShouldBe(chosen.Select(c => c.Name), ignoreOrder: true);

        var (_, csv) = ExportFiles.Csv(await DownloadAsync(office, $"/Enterprises?handler=Export&selected=1&format=csv{ids}", "text/csv", "企业名录_"));
        csv.Select(r => r[0]).ShouldBe(chosen.Select(c => c.Name), ignoreOrder: true);

        // 导出所选 with nothing ticked exports nothing, not everything.
        ExportFiles.Xlsx(await DownloadAsync(office, "/Enterprises?handler=Export&selected=1&format=xlsx", Xlsx, "企业名录_")).Count.ShouldBe(1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_project_and_problem_exports_follow_their_filters(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuncheng-office");
        var page = await office.GetStringAsync("/Projects?stage=Started");
        var total = int.Parse(Total().Match(page).Groups[1].Value);
        var projects = ExportFiles.Xlsx(await DownloadAsync(office, "/Projects?stage=Started&handler=Export&format=xlsx", Xlsx, "重点项目库_"));
        projects.Count.ShouldBe(total + 1);
        projects[0][0].ShouldBe("项目名称");
        projects.Skip(1).ShouldAllBe(r => (string)r[6]! == "开工");
        var counties = ExportFiles.Xlsx(await DownloadAsync(office, "/Projects?handler=Export&format=xlsx", Xlsx, "重点项目库_")).Skip(1).Select(r => (string)r[3]!).Distinct().ToList();
        counties.ShouldNotContain("平定县");
        counties.ShouldNotContain("怀仁市");

        var (header, problems) = ExportFiles.Csv(await DownloadAsync(office, "/Problems?status=open&handler=Export&format=csv", "text/csv", "问题台账_"));
        header[..2].ShouldBe(["编号", "问题"]);
        problems.ShouldNotBeEmpty();
        var state = Array.IndexOf(header, "状态");
        problems.ShouldAllBe(r => r[state] != "已办结" && r[state] != "不予受理");
    }

    [Theory]
    [InlineData("/Towns", "专业镇名录_")]
    [InlineData("/Enterprises", "企业名录_")]
    [InlineData("/Applications", "认定申报_")]
    [InlineData("/Adjustments", "动态调整_")]
    [InlineData("/Projects", "重点项目库_")]
    [InlineData("/Leads", "招商引资项目_")]
    [InlineData("/Projects/Batches", "三个一批活动_")]
    [InlineData("/Tasks", "责任清单_")]
    [InlineData("/Reports", "专班月报")]
    [InlineData("/Problems", "问题台账_")]
    [InlineData("/Evaluations", "年度评估_")]
    [InlineData("/Notices", "督办通知书_")]
    [InlineData("/Targets", "目标监测_")]
    [InlineData("/Commendations", "表扬触发事项_")]
    [InlineData("/Support/Funds", "资金奖补_")]
    [InlineData("/Support/Funds/Performance", "资金绩效_")]
    [InlineData("/Support/Finance", "融资白名单_")]
    [InlineData("/Support/Listing", "上市后备企业_")]
    [InlineData("/Support/Brands", "品牌_")]
    [InlineData("/Support/Brands/GeoIndications", "地理标志申请_")]
    [InlineData("/Support/Training", "人才培训_")]
    [InlineData("/Support/Talents", "人才_")]
    public async Task Every_list_on_the_export_page_downloads_a_valid_workbook_and_a_csv(string list, string fileName)
    {
        var office = await SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        (await office.GetStringAsync("/Exports")).ShouldContain($"href=\"{list}?handler=Export&amp;format=xlsx\"");
        var bytes = await DownloadAsync(office, $"{list}?handler=Export&format=xlsx", Xlsx, fileName);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var rows = ExportFiles.Xlsx(bytes);
        rows[0].ShouldAllBe(h => h is string && Regex.IsMatch((string)h, "\\p{IsCJKUnifiedIdeographs}"));
        var (header, csv) = ExportFiles.Csv(await DownloadAsync(office, $"{list}?handler=Export&format=csv", "text/csv", fileName));
        header.ShouldBe(rows[0].Select(h => (string)h!).ToArray());
        csv.Count.ShouldBe(rows.Count - 1);
    }

    [Fact]
    public async Task Exports_keep_times_and_figures_as_values_a_spreadsheet_can_use()
    {
        var office = await SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        // 审计日志's 时间 is a date-time cell, and an entry's id is 编号, not Id.
        var audit = ExportFiles.Xlsx(await DownloadAsync(office, "/Audit?handler=Export&format=xlsx", Xlsx, "审计日志_"));
        var time = Array.IndexOf(audit[0], "时间");
        audit.Count.ShouldBeGreaterThan(1);
        audit.Skip(1).ShouldAllBe(r => r[time] is DateTime);
        audit.Skip(1).Select(r => r[Array.IndexOf(audit[0], "字段")]).ShouldNotContain("Id");

        // 目标监测's 当前值 a number, its unit in a column of its own.
        var targets = ExportFiles.Xlsx(await DownloadAsync(office, "/Targets?handler=Export&format=xlsx", Xlsx, "目标监测_"));
        var (current, unit) = (Array.IndexOf(targets[0], "当前值"), Array.IndexOf(targets[0], "单位"));
        unit.ShouldBe(current + 1);
        targets.Skip(1).Where(r => r[current] is not null).ShouldNotBeEmpty();
        targets.Skip(1).Where(r => r[current] is not null).ShouldAllBe(r => !(r[current] is string));

        // A CSV's amounts read alike whatever scale they were stored with: 25000, not 25000.0 beside 350.
        var (_, projects) = ExportFiles.Csv(await DownloadAsync(office, "/Projects?handler=Export&format=csv", "text/csv", "重点项目库_"));
        projects.ShouldNotBeEmpty();
        projects.SelectMany(r => r).Where(v => v is not null && System.Text.RegularExpressions.Regex.IsMatch(v, "^-?\\d+\\.\\d*0$")).ShouldBeEmpty();
        SpecializedTowns.Data.Exports.CsvStreamWriter.Cell(25000.0m).ShouldBe("25000");
        SpecializedTowns.Data.Exports.CsvStreamWriter.Cell(1.50m).ShouldBe("1.5");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_account_list_exports_its_filter_for_administrators_only_and_never_a_password(StorageProvider provider)
    {
        var admin = await SignedInAsync(provider, "admin");
        (await admin.GetStringAsync("/Exports")).ShouldContain("href=\"/Admin/Users?handler=Export&amp;format=xlsx\"");
        var page = await admin.GetStringAsync("/Admin/Users?role=office");
        var shown = int.Parse(Total().Match(page).Groups[1].Value);
        var rows = ExportFiles.Xlsx(await DownloadAsync(admin, "/Admin/Users?role=office&handler=Export&format=xlsx", Xlsx, "用户_"));
        rows[0].Select(h => (string)h!).ShouldBe(["用户名", "姓名/单位", "角色", "行政区划", "所在单位", "负责的专业镇", "状态", "创建时间"]);
        (rows.Count - 1).ShouldBe(shown);
        rows.Skip(1).ShouldAllBe(r => (string)r[2]! == "领导小组办公室");
        rows.Skip(1).Select(r => (string)r[0]!).ShouldContain("yuanqu-office");
        rows.Skip(1).Select(r => (string)r[0]!).ShouldContain("yuncheng-office");
        rows.Skip(1).Select(r => (string)r[0]!).ShouldNotContain("yuanqu-member");
        rows.Skip(1).ShouldAllBe(r => r[7] is DateTime);

        // A place narrows to the accounts of it and below; the csv is the same list.
        var (_, yuncheng) = ExportFiles.Csv(await DownloadAsync(admin, "/Admin/Users?search=yuncheng&handler=Export&format=csv", "text/csv", "用户_"));
        yuncheng.Select(r => r[0]).ShouldBe(["yuncheng-leader", "yuncheng-office"], ignoreOrder: true);
        var yunchengId = Regex.Match(await admin.GetStringAsync("/Admin/Users"), "<option value=\"(\\d+)\"[^>]*>[^<]*运城市</option>").Groups[1].Value;
        var (_, underYuncheng) = ExportFiles.Csv(await DownloadAsync(admin, $"/Admin/Users?place={yunchengId}&handler=Export&format=csv", "text/csv", "用户_"));
        underYuncheng.Select(r => r[0]).ShouldContain("yuanqu-member");
        underYuncheng.Select(r => r[0]).ShouldNotContain("yangquan-office");
        underYuncheng.Select(r => r[0]).ShouldNotContain("admin");

        var office = await SignedInAsync(provider, "yuncheng-office");
        (await office.GetStringAsync("/Exports")).ShouldNotContain("/Admin/Users");
        var refused = await office.GetAsync("/Admin/Users?handler=Export&format=xlsx");
        refused.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (refused.Content.Headers.ContentType?.MediaType).ShouldNotBe(Xlsx);
    }
}
