using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>The imports API on the shared demo platform: only dry runs and refusals, so nothing the other tests read changes.</summary>
public class ImportsApiTests
{
    private static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        return content;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_template_downloaded_by_api_checks_clean_in_a_dry_run(StorageProvider provider)
    {
        var client = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var template = await client.GetAsync("/api/v1/imports/town-statistics/template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.ShouldBe(ImportsApiTestsTypes.Xlsx);
        var bytes = await template.Content.ReadAsByteArrayAsync();

        // As downloaded, its example row is refused; taken over as the clerk's own row (its “示例：” deleted), it checks clean.
        var asDownloaded = await JsonAsync(await client.PostAsync("/api/v1/imports/town-statistics?dryRun=true", Upload(bytes, "统计.xlsx")), HttpStatusCode.OK);
        var error = asDownloaded.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        (error.GetProperty("row").GetInt32(), error.GetProperty("message").GetString()!.StartsWith("第 2 行是模板自带的示例，请删除后再导入")).ShouldBe((2, true));

        var result = await JsonAsync(await client.PostAsync("/api/v1/imports/town-statistics?dryRun=true", Upload(TestFiles.ExampleTakenOver(bytes), "统计.xlsx")), HttpStatusCode.OK);
        result.GetProperty("errorCount").GetInt32().ShouldBe(0);
        result.GetProperty("committed").GetBoolean().ShouldBeFalse();
        result.GetProperty("rows").GetInt32().ShouldBe(1);
        (result.GetProperty("created").GetInt32() + result.GetProperty("updated").GetInt32() + result.GetProperty("unchanged").GetInt32()).ShouldBe(1);
    }

    [Fact]
    public async Task Errors_come_back_as_json_and_as_the_marked_workbook_and_a_refused_commit_is_422()
    {
        var client = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var kind = ImportKinds.Find("enterprises")!;
        var file = TestFiles.Xlsx(TestFiles.Header(kind),
            TestFiles.Row(kind, new Dictionary<string, string> { ["uscc"] = Core.Enterprises.Uscc.Demo("140827", 777_001), ["name"] = "某企业", ["county"] = "新绛县", ["role"] = "配套企业" }),
            TestFiles.Row(kind, new Dictionary<string, string> { ["uscc"] = "91140827MA0K12345X", ["name"] = "某企业", ["county"] = "垣曲县", ["role"] = "配套企业" }));

        var dry = await JsonAsync(await client.PostAsync("/api/v1/imports/enterprises", Upload(file, "企业.xlsx")), HttpStatusCode.OK);
        var errors = dry.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        errors.ShouldContain((3, "统一社会信用代码"));
        errors.ShouldContain((2, "所在县（市、区）"));

        var commit = await JsonAsync(await client.PostAsync("/api/v1/imports/enterprises?dryRun=false", Upload(file, "企业.xlsx")), HttpStatusCode.UnprocessableEntity);
        commit.GetProperty("title").GetString()!.ShouldContain("未导入任何数据");

        var marked = await client.PostAsync("/api/v1/imports/enterprises/marked", Upload(file, "企业.xlsx"));
        marked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (text, fill) = TestFiles.ReadBack(await marked.Content.ReadAsByteArrayAsync());
        text["K1"].ShouldBe(ErrorWorkbook.ErrorHeader);
        text["K2"].ShouldContain("【所在县（市、区）】“新绛县”不在您的数据范围内");
        fill["C2"].ShouldBe(ErrorWorkbook.RedFill);
    }

    [Fact]
    public async Task A_bad_request_is_a_chinese_problem_and_a_role_without_the_right_is_refused()
    {
        var client = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var unknown = await JsonAsync(await client.GetAsync("/api/v1/imports/nothing/template"), HttpStatusCode.NotFound);
        unknown.GetProperty("title").GetString().ShouldBe("未找到导入类型");

        var noFile = await JsonAsync(await client.PostAsync("/api/v1/imports/enterprises", new MultipartFormDataContent { { new StringContent("x"), "note" } }), HttpStatusCode.BadRequest);
        noFile.GetProperty("detail").GetString().ShouldBe("请上传要导入的文件（字段名 file）");

        var wrongType = await JsonAsync(await client.PostAsync("/api/v1/imports/enterprises", Upload([1, 2, 3], "企业.xls")), HttpStatusCode.BadRequest);
        wrongType.GetProperty("detail").GetString().ShouldBe("只能导入 .xlsx 或 .csv 文件");

        var notASheet = await JsonAsync(await client.PostAsync("/api/v1/imports/enterprises", Upload([1, 2, 3], "企业.xlsx")), HttpStatusCode.BadRequest);
        notASheet.GetProperty("title").GetString().ShouldBe("文件无法导入");

        var member = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-member");
        var refused = await JsonAsync(await member.PostAsync("/api/v1/imports/enterprises", Upload([1], "企业.xlsx")), HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString().ShouldBe("只有领导小组办公室可以导入企业名录");

        var anonymous = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, null);
        (await anonymous.GetAsync("/api/v1/imports/enterprises/template")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

internal static class ImportsApiTestsTypes
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
