using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// qa110 8 (rest): a row pasted twice is taken once with a 提示, a row with the same key and other cells is refused naming both
/// rows and the columns that differ, and a cell merged across columns inside a data row is named, not read as blank.
/// </summary>
public class ImportRepeatTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly ImportKind Enterprises = ImportKinds.Find("enterprises")!;
    private static readonly ImportKind Projects = ImportKinds.Find("projects")!;
    private const string Town = "历山镇蜂蜜专业镇";

    private static Task<ImportResult> RunAsync(TownsDbContext db, ImportKind kind, byte[] file, bool commit) =>
        ImportEngine.RunAsync(db, Yuanqu, "测试", kind, "file.xlsx", file, commit, TimeProvider.System);

    private static string Code(int seed) => Uscc.Demo("140827", 960_000 + seed);

    private static string?[] Enterprise(int seed, string? name = null, string role = "配套企业") => TestFiles.Row(Enterprises, new Dictionary<string, string>
    {
        ["uscc"] = Code(seed), ["name"] = name ?? $"重复行测试企业{seed}", ["county"] = "垣曲县", ["town"] = Town, ["role"] = role,
    });

    private static string?[] Project(string name, string total = "1000") => TestFiles.Row(Projects, new Dictionary<string, string>
    {
        ["name"] = name, ["town"] = Town, ["owner"] = "示例投资有限公司", ["kind"] = "新建", ["role"] = "补短板强弱项", ["total"] = total,
        ["planYear"] = DateTime.UtcNow.AddHours(8).Year.ToString(),
    });

    /// <summary>Rows 2–11 of ten enterprises, and row 12 a copy of row 5 (seed 4).</summary>
    internal static byte[] PastedTwice() => TestFiles.Xlsx(Enumerable.Range(1, 10).Select(i => (i + 1, Enterprise(i)))
        .Prepend((1, TestFiles.Header(Enterprises))).Append((12, Enterprise(4))));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_row_pasted_twice_is_imported_once_and_a_row_with_the_same_code_but_other_cells_is_refused(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();

        var result = await RunAsync(db, Enterprises, PastedTwice(), commit: true);
        result.Errors.ShouldBeEmpty();
        result.Committed.ShouldBeTrue();
        (result.Rows, result.Created, result.Repeated).ShouldBe((11, 10, 1));
        result.Warnings.Select(w => (w.Row, w.Message)).ShouldBe([(12, "第 12 行与第 5 行完全相同，只导入一次")]);
        db.ChangeTracker.Clear();
        (await db.Enterprises.CountAsync(e => e.Uscc == Code(4))).ShouldBe(1);
        (await db.Enterprises.CountAsync(e => e.Name.StartsWith("重复行测试企业"))).ShouldBe(10);

        // The same code with another name and type: two versions of one enterprise, which one is meant is the sender's to say.
        var before = await db.Enterprises.CountAsync();
        var differing = TestFiles.Xlsx([(1, TestFiles.Header(Enterprises)), (2, Enterprise(20)), (3, Enterprise(21)),
            (4, Enterprise(20, name: "重复行测试企业二十（改名）", role: "龙头企业"))]);
        var refused = await RunAsync(db, Enterprises, differing, commit: true);
        refused.Committed.ShouldBeFalse();
        refused.Repeated.ShouldBe(0);
        refused.Errors.Select(e => (e.Row, e.Column, e.Message)).ShouldBe(
            [(4, "统一社会信用代码", "第 4 行与第 2 行的统一社会信用代码相同，但企业名称、企业类型不同：请核对后只保留一行")]);
        db.ChangeTracker.Clear();
        (await db.Enterprises.CountAsync()).ShouldBe(before, "nothing is written while a row is refused");
    }

    [Fact]
    public async Task Projects_take_a_pasted_row_once_and_name_the_differing_column_of_a_same_named_one()
    {
        await using var db = (await TestDatabases.WithDemoAsync(StorageProvider.Sqlite)).CreateContext();
        var projects = await db.Projects.CountAsync();
        var once = await RunAsync(db, Projects, TestFiles.Xlsx(TestFiles.Header(Projects), Project("重复行项目甲"), Project("重复行项目乙"), Project("重复行项目甲")), commit: true);
        once.Errors.ShouldBeEmpty();
        (once.Committed, once.Created, once.Repeated).ShouldBe((true, 2, 1));
        once.Warnings.Select(w => w.Message).ShouldBe(["第 4 行与第 2 行完全相同，只导入一次"]);
        db.ChangeTracker.Clear();
        (await db.Projects.CountAsync()).ShouldBe(projects + 2);

        var refused = await RunAsync(db, Projects, TestFiles.Xlsx(TestFiles.Header(Projects), Project("重复行项目丙"), Project("重复行项目丙", total: "2000")), commit: true);
        refused.Committed.ShouldBeFalse();
        refused.Errors.Select(e => e.Message).ShouldBe(["第 3 行与第 2 行的专业镇和项目名称相同，但总投资不同：请核对后只保留一行"]);
        db.ChangeTracker.Clear();
        (await db.Projects.CountAsync()).ShouldBe(projects + 2);
    }

    [Fact]
    public async Task A_cell_merged_across_columns_inside_a_data_row_is_named_with_its_columns()
    {
        await using var db = (await TestDatabases.WithDemoAsync(StorageProvider.Sqlite)).CreateContext();
        var projects = await db.Projects.CountAsync();
        // Row 8's 业主单位, 建设性质 and 项目类别 (C–E) merged into one cell: Excel shows one value across them, the file holds it in C only.
        var rows = Enumerable.Range(2, 7).Select(r => (r, Project($"合并列项目{r}"))).Prepend((1, TestFiles.Header(Projects)));
        var result = await RunAsync(db, Projects, TestFiles.Xlsx(rows, merges: ["C8:E8"]), commit: true);
        result.Committed.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Message)).ShouldBe([(8, "第 8 行 C–E 列是合并单元格，请取消合并后填写每一格")]);
        result.Errors.Single().FileColumn.ShouldBe(2);
        (await db.Projects.CountAsync()).ShouldBe(projects);

        // A merge whose only template column is its first (the last column merged with an empty one beyond the table) reads that column rightly.
        var last = TemplateWriter.Letter(Projects.Columns.Count - 1);
        var beyond = TemplateWriter.Letter(Projects.Columns.Count);
        var harmless = await RunAsync(db, Projects, TestFiles.Xlsx(rows, merges: [$"{last}3:{beyond}3"]), commit: false);
        harmless.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_api_counts_the_row_taken_once_and_tells_why()
    {
        var client = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(PastedTwice());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", "企业.xlsx");
        var response = await client.PostAsync("/api/v1/imports/enterprises?dryRun=true", content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        (json.GetProperty("errorCount").GetInt32(), json.GetProperty("created").GetInt32(), json.GetProperty("repeated").GetInt32()).ShouldBe((0, 10, 1));
        json.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()).ShouldBe(["第 12 行与第 5 行完全相同，只导入一次"]);
    }
}
