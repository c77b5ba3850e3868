using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// qa110 8: merged cells over data rows are named as such for every kind, digits typed as text in a date column are refused,
/// a planned date years from its 计划年度 is asked about, an import that multiplies a town's enterprises says so, and the
/// list's total has its thousands separator.
/// </summary>
public class ImportSlipTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly ImportKind Projects = ImportKinds.Find("projects")!;
    private static readonly ImportKind Enterprises = ImportKinds.Find("enterprises")!;
    private const string Town = "历山镇蜂蜜专业镇";

    private static Task<ImportResult> RunAsync(TownsDbContext db, ImportKind kind, byte[] file, bool commit) =>
        ImportEngine.RunAsync(db, Yuanqu, "测试", kind, "file.xlsx", file, commit, TimeProvider.System);

    private static int Year => DateTime.UtcNow.AddHours(8).Year;

    private static string?[] Project(string name, string? town = Town, string? signed = null) => TestFiles.Row(Projects, new Dictionary<string, string?>
    {
        ["name"] = name, ["town"] = town, ["owner"] = "示例投资有限公司", ["kind"] = "新建", ["role"] = "补短板强弱项", ["total"] = "1000",
        ["planYear"] = Year.ToString(), ["plannedSigned"] = signed,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));

    private static string?[] Enterprise(int seed, string? town = Town) => TestFiles.Row(Enterprises, new Dictionary<string, string?>
    {
        ["uscc"] = Uscc.Demo("140827", 950_000 + seed), ["name"] = $"导入测试企业{seed}", ["county"] = "垣曲县", ["town"] = town, ["role"] = "配套企业",
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));

    [Fact]
    public async Task A_cell_merged_down_over_rows_is_named_for_any_kind_and_nothing_is_written()
    {
        await using var db = (await TestDatabases.WithDemoAsync(StorageProvider.Sqlite)).CreateContext();
        var projects = await db.Projects.CountAsync();
        // 所属专业镇 (column B) written once and merged over rows 2–4, as Excel shows it in all three.
        var file = TestFiles.Xlsx([(1, TestFiles.Header(Projects)), (2, Project("项目甲")), (3, Project("项目乙", town: null)), (4, Project("项目丙", town: null))],
            merges: ["B2:B4"]);
        var result = await RunAsync(db, Projects, file, commit: true);
        result.Committed.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Column, e.Message)).ShouldBe([(2, "所属专业镇", "第 2–4 行“所属专业镇”为合并单元格，请取消合并后逐行填写")]);
        (await db.Projects.CountAsync()).ShouldBe(projects);

        // The same reading, the same words, for the enterprise list (所属专业镇 is its column E).
        var enterprises = TestFiles.Xlsx([(1, TestFiles.Header(Enterprises)), (2, Enterprise(1)), (3, Enterprise(2, town: null))], merges: ["E2:E3"]);
        (await RunAsync(db, Enterprises, enterprises, commit: false)).Errors.Select(e => e.Message)
            .ShouldBe(["第 2–3 行“所属专业镇”为合并单元格，请取消合并后逐行填写"]);
    }

    [Fact]
    public async Task Digits_as_text_in_a_date_column_are_refused_and_a_date_years_off_the_plan_year_is_a_warning()
    {
        await using var db = (await TestDatabases.WithDemoAsync(StorageProvider.Sqlite)).CreateContext();
        var text = await RunAsync(db, Projects, TestFiles.Xlsx([(1, TestFiles.Header(Projects)), (2, Project("文本日期项目", signed: "45000"))]), commit: true);
        text.Committed.ShouldBeFalse();
        text.Errors.Select(e => (e.Row, e.Column, e.Message)).ShouldBe(
            [(2, "计划签约日期", "“45000”是文字格式的数字，不是日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日（或把单元格设为日期格式）")]);
        (await db.Projects.AnyAsync(p => p.Name == "文本日期项目")).ShouldBeFalse();

        var far = $"{Year - 3}-03-15";
        var result = await RunAsync(db, Projects, TestFiles.Xlsx([(1, TestFiles.Header(Projects)), (2, Project("远期日期项目", signed: far))]), commit: false);
        result.Ok.ShouldBeTrue();
        result.Warnings.Select(w => (w.Row, w.Column, w.Message)).ShouldBe(
            [(2, "计划签约日期", $"计划签约日期 {Year - 3}年3月15日 与计划年度 {Year} 年相差 2 年以上，请核实")]);
    }

    [Fact]
    public async Task An_import_that_multiplies_a_towns_enterprises_is_a_warning_and_the_list_counts_with_separators()
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var townId = await db.Towns.Where(t => t.Name == Town).Select(t => t.Id).SingleAsync();
            var before = await db.Enterprises.CountAsync(e => e.SpecializedTownId == townId);
            var rows = Enumerable.Range(1, 1000).Select(i => (i + 1, Enterprise(i))).Prepend((1, TestFiles.Header(Enterprises)));
            var result = await RunAsync(db, Enterprises, TestFiles.Xlsx(rows), commit: true);
            result.Committed.ShouldBeTrue();
            result.Warnings.Select(w => (w.Row, w.Column, w.Message)).ShouldBe(
                [(2, "所属专业镇", $"{Town} 企业数将由 {before:#,0} 家增至 {before + 1000:#,0} 家，请核实")]);
        }
        // More than 1,000 listed now: the total is written as the dashboard writes its counts.
        var page = ApplicationsText(await office.GetStringAsync("/Enterprises"));
        System.Text.RegularExpressions.Regex.IsMatch(page, @"共 \d{1,3}(,\d{3})+ 条").ShouldBeTrue(page[..Math.Min(page.Length, 400)]);
    }

    private static string ApplicationsText(string html) => Applications.ApplicationDecisionTests.Text(html);
}
