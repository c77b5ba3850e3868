using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Imports;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Dictionaries;

namespace SpecializedTowns.Web.Api;

public sealed record ImportErrorBody(int Row, string? Column, string Message);

public sealed record ImportChangeBody(int Row, string Action, string Record, IReadOnlyList<FieldChange> Fields);

public sealed record ImportResultBody(
    string Kind, string FileName, bool DryRun, bool Committed, int Rows, int Created, int Updated, int Unchanged, int ErrorCount,
    IReadOnlyList<ImportErrorBody> Errors, IReadOnlyList<ImportChangeBody> Changes, bool ChangesTruncated,
    int ErrorRows, [property: Description("需核实但不影响导入的数据（如年产值较上年变化过大），及与前面某行完全相同、只导入一次的行")] IReadOnlyList<ImportErrorBody> Warnings,
    [property: Description("与前面某行完全相同（每一格都相同）的行数：只导入一次，不算错误；各行在 warnings 中提示")] int Repeated);

/// <summary>Templates and imports by API: the same engine as the page, run in the request (a client waits for its answer).</summary>
public static class ImportsApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const int MaxChanges = 1000;

    public static string ContentType(string fileName) => SheetReader.FormatOf(fileName) == ImportFormat.Csv ? "text/csv; charset=utf-8" : XlsxType;

    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/imports").WithTags("导入");
        group.MapGet("/", Kinds).WithSummary("可导入的数据类型");
        group.MapGet("/{kind}/template", TemplateAsync).WithSummary("下载导入模板（.xlsx）").Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .Refuses(StatusCodes.Status404NotFound, "未找到：没有这种导入类型（可用的见 GET /api/v1/imports）");
        group.MapPost("/{kind}", ImportAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportEngine.MaxFileBytes))
            .WithSummary("检查（dryRun=true，默认）或导入（dryRun=false）一个 .xlsx/.csv 文件（multipart，字段名 file）")
            .Refuses(StatusCodes.Status404NotFound, "未找到：没有这种导入类型（可用的见 GET /api/v1/imports）")
            .Refuses(StatusCodes.Status400BadRequest)
            .Refuses(StatusCodes.Status413PayloadTooLarge, $"文件过大：不超过 {ImportEngine.MaxFileBytes / 1024 / 1024} MB")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：您的角色不能导入这类数据")
            .Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{kind}/marked", MarkedAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportEngine.MaxFileBytes))
            .WithSummary("检查文件并返回标注了错误的原文件（增加“错误说明”列，错误单元格标红；需核实的数据也在该列提示）；既无错误也无提示时返回 204")
            .Refuses(StatusCodes.Status404NotFound, "未找到：没有这种导入类型（可用的见 GET /api/v1/imports）")
            .Refuses(StatusCodes.Status400BadRequest)
            .Refuses(StatusCodes.Status413PayloadTooLarge, $"文件过大：不超过 {ImportEngine.MaxFileBytes / 1024 / 1024} MB")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：您的角色不能导入这类数据");
    }

    private static Ok<IReadOnlyList<object>> Kinds(HttpContext http, TimeProvider time)
    {
        var today = ChinaTime.Today(time);
        return TypedResults.Ok<IReadOnlyList<object>>(ImportKinds.All.Where(k => k.CanImport(http.Scope()))
            .Select(k => (object)new { k.Key, k.Title, Columns = k.Columns.Select(c => new { c.Key, Header = c.FullHeader, c.Required, Format = c.Format(today), c.Options, Dictionary = c.Codes is { } codes ? CodeLists.Link(codes) : null }) }).ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplateAsync([Description("导入的数据类型（GET /api/v1/imports 列出的 key）")] string kind, HttpContext http, TownsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (Find(http, kind) is not { } k) return Unknown(kind);
        var bytes = await TemplateWriter.WriteAsync(db, http.Scope(), k, ChinaTime.Today(time), ct, $"{http.Request.Scheme}://{http.Request.Host}");
        return TypedResults.File(bytes, XlsxType, $"{k.Title}导入模板.xlsx");
    }

    private static async Task<Results<Ok<ImportResultBody>, ProblemHttpResult>> ImportAsync(
        [Description("导入的数据类型（GET /api/v1/imports 列出的 key）")] string kind, HttpContext http, TownsDbContext db, TimeProvider time,
        [Description("true（默认）只检查不写入；false 检查无误后导入，有错误的行则整份文件不导入")] bool dryRun = true, CancellationToken ct = default)
    {
        var (k, file, problem) = await ReadAsync(http, kind, ct);
        if (problem is not null) return problem;
        var result = await ImportEngine.RunAsync(db, http.Scope(), http.DisplayName(), k!, file!.Value.Name, file.Value.Bytes, commit: !dryRun, time, null, ct);
        var body = Body(result, dryRun);
        if (result.Errors.Any(e => e.Row == 0) && result.Rows == 0)
            return TypedResults.Problem(title: "文件无法导入", detail: string.Join("；", result.Errors.Select(e => e.Message)), statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = body.Errors });
        if (!dryRun && !result.Ok)
            return TypedResults.Problem(title: $"文件有 {result.Errors.Count} 处错误，未导入任何数据", detail: "请改正后重新提交；dryRun=true 可只检查不导入",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["result"] = body });
        return TypedResults.Ok(body);
    }

    private static async Task<Results<FileStreamHttpResult, NoContent, ProblemHttpResult>> MarkedAsync([Description("导入的数据类型（GET /api/v1/imports 列出的 key）")] string kind, HttpContext http, TownsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (k, file, problem) = await ReadAsync(http, kind, ct);
        if (problem is not null) return problem;
        var result = await ImportEngine.RunAsync(db, http.Scope(), http.DisplayName(), k!, file!.Value.Name, file.Value.Bytes, commit: false, time, null, ct);
        if (result.Ok && result.Warnings.Count == 0) return TypedResults.NoContent();
        return TypedResults.File(MarkedFile.Write(file.Value.Bytes, file.Value.Name, result), ContentType(file.Value.Name), ErrorWorkbook.FileName(file.Value.Name));
    }

    private static async Task<(ImportKind? Kind, (string Name, byte[] Bytes)? File, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, string kind, CancellationToken ct)
    {
        if (Find(http, kind) is not { } k) return (null, null, Unknown(kind));
        if (!k.CanImport(http.Scope())) return (null, null, TypedResults.Problem(title: "没有权限", detail: k.Refusal, statusCode: StatusCodes.Status403Forbidden));
        if (!http.Request.HasFormContentType) return (null, null, ApiSupport.Invalid("file", "请以 multipart/form-data 上传文件，字段名为 file"));
        var form = await http.Request.ReadFormAsync(ct);
        var upload = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (upload is null || upload.Length == 0) return (null, null, ApiSupport.Invalid("file", "请上传要导入的文件（字段名 file）"));
        if (SheetReader.FormatOf(upload.FileName) is null) return (null, null, ApiSupport.Invalid("file", "只能导入 .xlsx 或 .csv 文件"));
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return (k, (Path.GetFileName(upload.FileName), buffer.ToArray()), null);
    }

    private static ImportKind? Find(HttpContext http, string kind) => ImportKinds.Find(kind);

    private static ProblemHttpResult Unknown(string kind) =>
        TypedResults.Problem(title: "未找到导入类型", detail: $"没有“{kind}”这种导入；可用：{string.Join("、", ImportKinds.All.Select(k => $"{k.Key}（{k.Title}）"))}",
            statusCode: StatusCodes.Status404NotFound);

    private static ImportResultBody Body(ImportResult r, bool dryRun) => new(
        r.Kind, r.FileName, dryRun, r.Committed, r.Rows, r.Created, r.Updated, r.Unchanged, r.Errors.Count,
        r.Errors.Select(e => new ImportErrorBody(e.Row, e.Column, e.Message)).ToList(),
        r.Changes.Take(MaxChanges).Select(c => new ImportChangeBody(c.Row, c.ActionName, c.Record, c.Fields)).ToList(),
        r.Changes.Count > MaxChanges, r.ErrorRows, r.Warnings.Select(e => new ImportErrorBody(e.Row, e.Column, e.Message)).ToList(), r.Repeated);
}
