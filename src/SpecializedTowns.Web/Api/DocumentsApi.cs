using System.ComponentModel;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// The Word documents of issue 6, beside the resources they are about: 认定决定 and 认定证书 of a recognised application,
/// a town's 认定证书 and 一镇一档, and a month's 月报汇总. The pages link here too (the cookie signs the request in).
/// Outside the person's scope, or not (yet) recognised, is 404 as for any record.
/// </summary>
public static class DocumentsApi
{
    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/api/v1/applications").WithTags("认定申报");
        applications.MapGet("/{id:int}/decision.docx", (int id, HttpContext http, RecognitionDocuments documents, CancellationToken ct) =>
                File(() => documents.DecisionAsync(http.Scope(), id, ct), "认定申报"))
            .WithSummary("认定决定（Word，党政机关公文格式；仅已认定的申报）");
        applications.MapGet("/{id:int}/certificate.docx", (int id, HttpContext http, RecognitionDocuments documents, CancellationToken ct) =>
                File(() => documents.ApplicationCertificateAsync(http.Scope(), id, ct), "认定申报"))
            .WithSummary("认定证书（Word，A4 横向一页；仅已认定的申报）");
        applications.MapGet("/decision.docx", (HttpContext http, RecognitionDocuments documents,
                [Description("认定标准编号，如 yuncheng-municipal（见 /api/v1/policies）")] string? standard, [Description("认定年度，如 2025")] int? year,
                [Description("决定的文号（可选，不超过 50 字）")] string? number, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(standard)) return Task.FromResult<IResult>(ApiSupport.Invalid("standard", "请指定认定标准，如 yuncheng-municipal"));
                if (year is not { } y || y is < 2000 or > 9999) return Task.FromResult<IResult>(ApiSupport.Invalid("year", "请指定年度，如 2025"));
                var written = global::SpecializedTowns.Core.Documents.DocumentNumber.Written(number, out var numberProblem);
                if (numberProblem is not null) return Task.FromResult<IResult>(ApiSupport.Invalid("number", numberProblem));
                return File(() => documents.BatchDecisionAsync(http.Scope(), standard.Trim(), y, written, ct), "当年按该标准认定的申报");
            })
            .WithSummary("合并认定决定：某年按某一认定标准认定的全部专业镇（?standard=&year=，可选 number=文号）")
            .Produces(StatusCodes.Status200OK, contentType: DocumentFile.DocxType)
            .Refuses(StatusCodes.Status404NotFound, "未找到：该年没有按该标准认定、且在您数据范围内的专业镇");

        var towns = app.MapGroup("/api/v1/towns").WithTags("专业镇");
        towns.MapGet("/{id:int}/profile.docx", (int id, HttpContext http, TownDossier dossier, CancellationToken ct) =>
                File(() => dossier.DocumentAsync(http.Scope(), id, ct), "专业镇"))
            .WithSummary("一镇一档（Word）");
        towns.MapGet("/{id:int}/certificate.docx", (int id, HttpContext http, RecognitionDocuments documents, CancellationToken ct) =>
                File(() => documents.TownCertificateAsync(http.Scope(), id, ct), "专业镇的认定记录"))
            .WithSummary("当前梯次的认定证书（Word；县级及以上）");

        var reports = app.MapGroup("/api/v1/reports").WithTags("专班月报");
        reports.MapGet("/summary.docx", async (HttpContext http, ReportSummary summary, ReportService service, PolicyCatalog catalog, NoticeSettings notices,
                [Description("月份，yyyy-MM，如 2024-08（不晚于本月）")] string? month, [Description("通报的发文字号（可选，不超过 50 字；须为本办公室的代字）")] string? number, CancellationToken ct) =>
            {
                var scope = http.Scope();
                if (ReportScope.SummaryRefusal(scope, numbered: !string.IsNullOrWhiteSpace(number)) is { } refusal)
                    return (IResult)ApiSupport.Refused(global::SpecializedTowns.Core.RefusalKind.Forbidden, refusal);
                if (!ReportMonth.TryParse(month, out var m) || m > ReportMonth.Of(service.Today))
                    return ApiSupport.Invalid("month", "月份应写作 yyyy-MM，如 2024-08，且不晚于本月");
                if (await summary.NothingToReportAsync(scope, ct) is { } none)
                    return ApiSupport.Refused(global::SpecializedTowns.Core.RefusalKind.Conflict, none);
                var written = global::SpecializedTowns.Core.Documents.DocumentNumber.Written(number, out var numberProblem);
                numberProblem ??= ReportSummary.NumberProblem(scope, written, catalog, notices);
                if (numberProblem is not null) return ApiSupport.Invalid("number", numberProblem);
                return await File(() => summary.DocumentAsync(scope, m, written, ct), "月报");
            })
            .WithSummary("月报汇总：一个月全部专班月报的情况通报（Word，?month=2024-08，可选 number=发文字号）；由领导小组办公室印发，领导可阅览（不编文号）")
            .Produces(StatusCodes.Status200OK, contentType: DocumentFile.DocxType)
            .Refuses(StatusCodes.Status403Forbidden, "只有领导小组办公室可以印发月报通报")
            .Refuses(StatusCodes.Status409Conflict, "所看地区尚未设立专业镇推进专班，没有可通报的月报");
    }

    private static async Task<IResult> File(Func<Task<DocumentFile>> write, string what)
    {
        try
        {
            var file = await write();
            return TypedResults.File(file.Content, DocumentFile.DocxType, file.FileName);
        }
        catch (Exception ex) when (ex is ApplicationNotFoundException or TownNotFoundException) { return ApiSupport.NotFound(what); }
        catch (CertificateRefusedException ex) { return ApiSupport.Refused(ex); }
    }
}
