using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// 专业镇年度统计 under the rule the 企业年度统计 import follows (Core AnnualFigures): the year still running is refused with
/// the same message, and a 年产值 or 营业收入 more than five times (or under a fifth of) the year before is warned, not
/// refused — by the town's form, by the import (preview, written result, marked file) and by the imports API.
/// </summary>
public class TownStatisticsYearTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly ImportKind Stats = ImportKinds.Find("town-statistics")!;
    private const string Lishan = "历山镇蜂蜜专业镇";

    /// <summary>7 December 2026, 10:00 in China: 2026 is not over, 2025 is the latest finished year.</summary>
    private static FixedClock Clock() => new(new DateOnly(2026, 12, 7));

    private const string Unfinished2026 = "2026年尚未结束，年度统计只能填报已结束的年份（2025年及以前）";

    private static string Tenfold(string figure, decimal before) =>
        $"{figure} {Quantity.WanYuan(before * 10)}，是2024年（{Quantity.WanYuan(before)}）的 10 倍，请核实单位（万元）是否填对";

    private static string?[] Row(int year, string? output = null, string? revenue = null, string town = Lishan)
    {
        var values = new Dictionary<string, string> { ["town"] = town, ["year"] = year.ToString() };
        if (output is not null) values["output"] = output;
        if (revenue is not null) values["revenue"] = revenue;
        return TestFiles.Row(Stats, values);
    }

    private static async Task<(int Id, decimal Output)> LishanAsync(TownsDbContext db)
    {
        var id = await db.Towns.Where(t => t.Name == Lishan).Select(t => t.Id).SingleAsync();
        (await db.TownStatistics.AnyAsync(s => s.SpecializedTownId == id && s.Year >= 2025)).ShouldBeFalse("the demo's latest year is 2024");
        return (id, (await db.TownStatistics.Where(s => s.SpecializedTownId == id && s.Year == 2024).Select(s => s.OutputValueWanYuan).SingleAsync())!.Value);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_form_refuses_the_running_year_and_saves_a_tenfold_year_with_a_warning(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var (town, output) = await LishanAsync(db);

        var refused = await TownRegistry.SaveStatisticsAsync(db, Yuanqu, town, new StatisticsInput { Year = 2026, OutputValueWanYuan = output }, Clock());
        refused.Errors[nameof(StatisticsInput.Year)].ShouldBe(Unfinished2026);
        refused.Errors[nameof(StatisticsInput.Year)].ShouldBe(AnnualFigures.YearProblem(2026, new DateOnly(2026, 12, 7)));
        db.ChangeTracker.Clear();
        (await db.TownStatistics.AnyAsync(s => s.SpecializedTownId == town && s.Year == 2026)).ShouldBeFalse("nothing is written");

        var saved = await TownRegistry.SaveStatisticsAsync(db, Yuanqu, town, new StatisticsInput { Year = 2025, OutputValueWanYuan = output * 10, Employment = 100 }, Clock());
        saved.Errors.ShouldBeEmpty();
        saved.Warnings.ShouldBe([Tenfold("年产值", output)]);
        db.ChangeTracker.Clear();
        (await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town && s.Year == 2025)).OutputValueWanYuan.ShouldBe(output * 10, "a warning, not a refusal");

        // Within five times the year before nothing is said.
        (await TownRegistry.SaveStatisticsAsync(db, Yuanqu, town, new StatisticsInput { Year = 2025, OutputValueWanYuan = output * 5, Employment = 100 }, Clock()))
            .Warnings.ShouldBeEmpty();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_import_refuses_the_running_year_and_warns_on_a_tenfold_jump_in_preview_result_and_marked_file(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var (town, output) = await LishanAsync(db);
        var good = Row(2025, output: (output * 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var withBad = TestFiles.Xlsx(TestFiles.Header(Stats), Row(2026, output: "500"), good);

        var check = await ImportEngine.RunAsync(db, Yuanqu, "测试", Stats, "file.xlsx", withBad, commit: false, Clock());
        check.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}").ShouldBe([$"2 年度 {Unfinished2026}"]);
        string[] warning = [$"3 年产值（万元） {Tenfold("年产值", output)}"];
        check.Warnings.Select(w => $"{w.Row} {w.Column} {w.Message}").ShouldBe(warning);

        var file = TestFiles.Xlsx(TestFiles.Header(Stats), good);
        var written = await ImportEngine.RunAsync(db, Yuanqu, "测试", Stats, "file.xlsx", file, commit: true, Clock());
        written.Committed.ShouldBeTrue(string.Join("；", written.Errors.Select(e => e.Message)));
        written.Warnings.Select(w => $"{w.Row + 1} {w.Column} {w.Message}").ShouldBe(warning, "the committed result says the same");
        db.ChangeTracker.Clear();
        (await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town && s.Year == 2025)).OutputValueWanYuan.ShouldBe(output * 10);

        var (sheet, fill) = TestFiles.ReadBack(ErrorWorkbook.Write(file, "file.xlsx", written), "数据");
        var header = sheet.Single(c => c.Value == ErrorWorkbook.ErrorHeader).Key;
        var column = Regex.Match(header, "^[A-Z]+").Value;
        sheet[column + "2"].ShouldBe($"【年产值（万元）】{ErrorWorkbook.WarningMark}{Tenfold("年产值", output)}");
        fill.GetValueOrDefault("C2").ShouldNotBe(ErrorWorkbook.RedFill, "the row was imported: no red cell");
    }

    [Fact]
    public async Task The_page_refuses_the_running_year_next_to_the_field_and_says_what_to_check_after_a_save()
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        int town;
        decimal output;
        using (var scope = factory.Services.CreateScope())
            (town, output) = await LishanAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>());
        var url = $"/Towns/Detail/{town}";
        var today = TestDatabases.ChinaToday;

        var refused = await PostAsync(client, url, new() { ["Figures.Year"] = today.Year.ToString(), ["Figures.OutputValueWanYuan"] = "1000" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Regex.Match(html, "id=\"fig-Year\"[^>]*>\\s*<div class=\"invalid-feedback\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value
            .ShouldBe(AnnualFigures.YearProblem(today.Year, today));

        // 2025 is over from 2026 on, and the demo's latest year (2024) is the one it is compared with.
        var saved = await PostAsync(client, url, new() { ["Figures.Year"] = "2025", ["Figures.OutputValueWanYuan"] = (output * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Regex.Matches(page, "2025年统计数据已保存").Count.ShouldBe(1, "said once, above the page's header");
        page.ShouldContain($"已保存，请核实：{Tenfold("年产值", output)}");
    }

    [Fact]
    public async Task The_imports_api_returns_the_warning_in_a_dry_run()
    {
        var client = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        // Years the demo holds no figures for: the second is compared with the file's own first.
        var file = TestFiles.Xlsx(TestFiles.Header(Stats), Row(2015, output: "1000"), Row(2016, output: "9000"));
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", "统计.xlsx");
        var response = await client.PostAsync("/api/v1/imports/town-statistics?dryRun=true", content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("errorCount").GetInt32().ShouldBe(0);
        var warning = json.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem();
        (warning.GetProperty("row").GetInt32(), warning.GetProperty("column").GetString(), warning.GetProperty("message").GetString())
            .ShouldBe((3, "年产值（万元）", "年产值 9,000万元，是2015年（1,000万元）的 9 倍，请核实单位（万元）是否填对"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(url);
        fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
        return await client.PostAsync(url + "?handler=Statistics", new FormUrlEncodedContent(fields));
    }
}
