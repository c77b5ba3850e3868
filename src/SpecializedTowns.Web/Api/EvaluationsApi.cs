using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Evaluation;

namespace SpecializedTowns.Web.Api;

/// <summary>kind: town, township or unit (or 专业镇, 乡镇, 成员单位). jurisdictionId: the area; an office's own when left out.</summary>
public sealed record NewEvaluation(int? Year, string? Kind, int? JurisdictionId);

/// <summary>version: the evaluation's version as last read, so that a change made meanwhile by someone else is not overwritten.</summary>
public sealed record EvaluationVersion(int? Version);

/// <summary>
/// version: the draft's version as last read. documentNumber (发文字号, e.g. 垣专镇办〔2026〕3号) and documentDate (成文日期,
/// yyyy-MM-dd): the report's, kept with the evaluation; leave both out to keep what it has, send "" to clear one.
/// </summary>
public sealed record PublishRequest(int? Version, string? DocumentNumber, string? DocumentDate);

/// <summary>documentNumber (发文字号) and documentDate (成文日期, yyyy-MM-dd) of the evaluation's report; "" or null clears one.</summary>
public sealed record EvaluationDocumentRequest(string? DocumentNumber, string? DocumentDate);

/// <summary>A subject whose figures moved between the draft reviewed and the recalculation at publishing; before/after null when it entered/left.</summary>
public sealed record RankingChangeItem(string SubjectKey, string Subject, string Place, RankingChangeItem.Figures? Before, RankingChangeItem.Figures? After,
    IReadOnlyList<string> Indicators, string Description)
{
    public sealed record Figures(int Rank, decimal Total, string? Band, bool Commended, bool Supervised);
}

public sealed record ManualScoreRequest(int? Version, string? SubjectKey, string? IndicatorKey, decimal? Points, string? Reason);

/// <summary>deadline: yyyy-MM-dd, the 限期整改 of every notice; left out = the scheme's rectificationDays from today.</summary>
public sealed record IssueNoticesRequest(string? Deadline, string? ContactName, string? ContactPhone);

/// <summary>SameYearNotices: the 文号 of the notices the subject got from the year's other evaluations (a county's and its city's).</summary>
public sealed record SupervisedItem(string SubjectKey, string Subject, int Rank, decimal Total, int? NoticeId, string? DocumentNumber, DateOnly? Deadline,
    IReadOnlyList<string> SameYearNotices);

public sealed record EvaluationSummary(int Id, string Area, string AreaPath, int Year, SubjectKind Kind, string KindName, EvaluationState State, string StateName,
    string Scheme, bool SchemeIsPlatformDefault, int Subjects, int Commended, int Supervised, DateTime CalculatedAtUtc, DateTime? PublishedAtUtc,
    int? RankedOf = null);

public sealed record EvaluationDetail(int Id, int Version, string Area, string AreaPath, int Year, SubjectKind Kind, string KindName,
    EvaluationState State, string StateName, bool CanEdit, DateTime CalculatedAtUtc, DateTime? PublishedAtUtc, string? PublishedBy,
    string? DocumentNumber, DateOnly? DocumentDate, SchemeSnapshot Scheme, IReadOnlyList<EvaluationDetail.Row> Results, int? RankedOf = null)
{
    public sealed record Row(string SubjectKey, int SubjectId, string Subject, string Place, int Rank, decimal Total, string? Band,
        bool Commended, bool Supervised, IReadOnlyList<IndicatorDetail> Indicators);
}

public static class EvaluationsApi
{
    public static void MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("年度评估");

        group.MapGet("/", async (HttpContext http, EvaluationService service, int page = 1, int pageSize = 50, int? year = null,
            string? kind = null, string? state = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            SubjectKind? k = null;
            if (kind is not null && (k = SubjectKinds.Parse(kind)) is null) return ApiSupport.Invalid("kind", $"未知的评估对象“{kind}”，可用：town、township、unit");
            EvaluationState? s = null;
            if (state is not null && (s = ParseState(state)) is null) return ApiSupport.Invalid("state", $"未知的状态“{state}”，可用：draft、published");
            if (year is < 2000 or > 9999) return ApiSupport.Invalid("year", "年度应在 2000 到 9999 之间");
            var result = await service.ListAsync(http.Scope(), new EvaluationFilter { Year = year, Kind = k, State = s, Page = page, PageSize = pageSize }, ct);
            return TypedResults.Ok(new Paged<EvaluationSummary>(result.Items.Select(Summary).ToList(), result.Total, result.Page, result.PageSize));
        });

        group.MapGet("/schemes", (PolicyCatalog catalog) => TypedResults.Ok(catalog.Schemes.Select(s => new
        {
            s.Id, s.Name, s.Basis, BasisName = EvaluationVocabulary.Bases.GetValueOrDefault(s.Basis, s.Basis), s.Note, s.Source,
            Subjects = s.Kinds.ToDictionary(SubjectKinds.Key, k => s.RulesFor(k)),
            Bands = s.BandRules, s.RectificationDays,
        }).ToList()));

        group.MapGet("/{id:int}", async (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
        {
            try { return (IResult)TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct))); }
            catch (EvaluationNotFoundException) { return ApiSupport.NotFound("评估"); }
        });

        group.MapPost("/", async (HttpContext http, EvaluationService service, NewEvaluation body, CancellationToken ct) =>
        {
            var scope = http.Scope();
            SubjectKind? kind = null;
            if (body.Kind is not null && (kind = SubjectKinds.Parse(body.Kind)) is null)
                return (IResult)ApiSupport.Invalid("kind", $"未知的评估对象“{body.Kind}”，可用：town、township、unit");
            return await Run(async () =>
            {
                var id = await service.CreateAsync(scope, http.DisplayName(), body.Year, kind, body.JurisdictionId, ct);
                return TypedResults.Created($"/api/v1/evaluations/{id}", Detail(await service.GetAsync(scope, id, ct)));
            });
        });

        group.MapPost("/{id:int}/recalculate", (HttpContext http, EvaluationService service, int id, EvaluationVersion body, CancellationToken ct) =>
            Run(async () =>
            {
                await service.RecalculateAsync(http.Scope(), id, body.Version, ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            }));

        group.MapPut("/{id:int}/manual-scores", (HttpContext http, EvaluationService service, int id, ManualScoreRequest body, CancellationToken ct) =>
            Run(async () =>
            {
                await service.SetManualScoreAsync(http.Scope(), http.DisplayName(), id, body.Version, body.SubjectKey, body.IndicatorKey, body.Points, body.Reason, ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            }));

        // When the records moved since the draft was calculated nothing is published: 409 with the changes and the draft's new
        // version, to be shown to whoever publishes; publishing again with that version publishes the new figures.
        group.MapPost("/{id:int}/publish", (HttpContext http, EvaluationService service, int id, PublishRequest body, CancellationToken ct) =>
            Run(async () =>
            {
                DocumentInput? document = null;
                if (body.DocumentNumber is not null || body.DocumentDate is not null)
                {
                    if (ReadDate(body.DocumentDate, out var date) is { } bad) return bad;
                    document = new DocumentInput(body.DocumentNumber, date);
                }
                var changes = await service.PublishAsync(http.Scope(), http.DisplayName(), id, body.Version, document, ct);
                var view = await service.GetAsync(http.Scope(), id, ct);
                if (changes.Count == 0) return TypedResults.Ok(Detail(view));
                return TypedResults.Problem(title: "数据已变化，评估未发布",
                    detail: $"草稿计算后数据有变化，重新计算后有 {changes.Count} 个{SubjectKinds.Chinese(view.Evaluation.Kind)}的结果不同（见 changes）。" +
                            $"草稿已按最新数据更新，请核对后以 version {view.Evaluation.Version} 再次发布。",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["version"] = view.Evaluation.Version, ["changes"] = changes.Select(Change).ToList() });
            }));

        group.MapPut("/{id:int}/document", (HttpContext http, EvaluationService service, int id, EvaluationDocumentRequest body, CancellationToken ct) =>
            Run(async () =>
            {
                if (ReadDate(body.DocumentDate, out var date) is { } bad) return bad;
                await service.SetDocumentAsync(http.Scope(), id, new DocumentInput(body.DocumentNumber, date), ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            })).WithSummary("评估报告的发文字号（如 垣专镇办〔2026〕3号）和成文日期（yyyy-MM-dd）；草稿和已发布的评估均可填写，空值清除");

        group.MapDelete("/{id:int}", (HttpContext http, EvaluationService service, int id, int? version, CancellationToken ct) =>
            Run(async () =>
            {
                await service.DeleteAsync(http.Scope(), id, version, ct);
                return TypedResults.NoContent();
            }));

        group.MapGet("/{id:int}/notices", (HttpContext http, EvaluationService service, EvaluationNotices notices, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
                return TypedResults.Ok(Supervised(await notices.SupervisedAsync(http.Scope(), view, ct)));
            }));

        // The supervised of a published evaluation get their 督办通知书 in one all-or-nothing batch (/api/v1/notices tracks them).
        group.MapPost("/{id:int}/notices", (HttpContext http, EvaluationService service, EvaluationNotices notices, int id, IssueNoticesRequest body, CancellationToken ct) =>
            Run(async () =>
            {
                DateOnly? deadline = null;
                if (body.Deadline is not null)
                {
                    if (!DateOnly.TryParseExact(body.Deadline, "yyyy-MM-dd", out var d)) return ApiSupport.Invalid("deadline", "整改期限应写作 yyyy-MM-dd，如 2025-06-30");
                    deadline = d;
                }
                var view = await service.GetAsync(http.Scope(), id, ct);
                await notices.IssueAsync(http.Scope(), http.DisplayName(), view, deadline ?? notices.DefaultDeadline(view), body.ContactName, body.ContactPhone, ct);
                return TypedResults.Created($"/api/v1/notices?evaluationId={id}", Supervised(await notices.SupervisedAsync(http.Scope(), view, ct)));
            }));

        group.MapGet("/{id:int}/report.docx", (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
                if (view.IsExcerpt) return TypedResults.Problem(title: "无权下载", detail: EvaluationService.ReportStaysWithOffice, statusCode: StatusCodes.Status403Forbidden);
                var stream = new MemoryStream();
                EvaluationReport.WriteDocument(view, service.Today, stream);
                stream.Position = 0;
                return TypedResults.File(stream, EvaluationReport.DocxType, EvaluationReport.FileName(view, "docx"));
            }));

        group.MapGet("/{id:int}/tables.xlsx", (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
                if (view.IsExcerpt) return TypedResults.Problem(title: "无权下载", detail: EvaluationService.ReportStaysWithOffice, statusCode: StatusCodes.Status403Forbidden);
                var stream = new MemoryStream();
                EvaluationReport.WriteWorkbook(view, stream);
                stream.Position = 0;
                return TypedResults.File(stream, EvaluationReport.XlsxType, EvaluationReport.FileName(view, "xlsx"));
            }));
    }

    /// <summary>The service's refusals as HTTP: fields → 400 naming them, not found → 404, a rule (frozen, changed meanwhile) → 409.</summary>
    private static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (EvaluationNotFoundException) { return ApiSupport.NotFound("评估"); }
        catch (EvaluationInputException ex) { return ApiSupport.Invalid(ex.Errors); }
        catch (EvaluationRuleException ex) when (ex.Field is not null) { return ApiSupport.Invalid(ex.Field, ex.Message); }
        catch (EvaluationRuleException ex) { return TypedResults.Problem(title: "不能办理", detail: ex.Message, statusCode: StatusCodes.Status409Conflict); }
    }

    private static IResult? ReadDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d)) return ApiSupport.Invalid("documentDate", $"成文日期“{text}”应写作 yyyy-MM-dd，如 2026-01-15");
        date = d;
        return null;
    }

    private static RankingChangeItem Change(RankingChange c) => new(c.SubjectKey, c.Subject, c.Place, Figures(c.Before), Figures(c.After), c.Indicators, c.Describe());

    private static RankingChangeItem.Figures? Figures(RankingFigures? f) => f is null ? null : new(f.Rank, f.Total, f.Band, f.Commended, f.Supervised);

    private static IReadOnlyList<SupervisedItem> Supervised(IReadOnlyList<SupervisedSubject> list) => list.Select(s => new SupervisedItem(
        s.Result.Row.SubjectKey, s.Result.Row.SubjectName, s.Result.Row.Rank, s.Result.Row.Total, s.Notice?.Id, s.Notice?.DocumentNumber, s.Notice?.Deadline,
        s.SameYear.Select(n => n.DocumentNumber).ToList())).ToList();

    private static EvaluationState? ParseState(string state) => state.Trim() switch
    {
        "draft" or "草稿" => EvaluationState.Draft,
        "published" or "已发布" => EvaluationState.Published,
        _ => null,
    };

    public static string StateName(EvaluationState state) => AnnualEvaluation.Chinese(state);

    private static EvaluationSummary Summary(EvaluationListItem e) => new(e.Id, e.Area, e.AreaPath, e.Year, e.Kind, SubjectKinds.Chinese(e.Kind),
        e.State, StateName(e.State), e.SchemeName, e.SchemeIsPlatformDefault, e.Subjects, e.Commended, e.Supervised, e.CalculatedAtUtc, e.PublishedAtUtc, e.RankedOf);

    private static EvaluationDetail Detail(EvaluationView v) => new(v.Evaluation.Id, v.Evaluation.Version, v.Area, v.Evaluation.AreaPath,
        v.Evaluation.Year, v.Evaluation.Kind, SubjectKinds.Chinese(v.Evaluation.Kind), v.Evaluation.State, StateName(v.Evaluation.State), v.CanEdit,
        v.Evaluation.CalculatedAtUtc, v.Evaluation.PublishedAtUtc, v.Evaluation.PublishedBy, v.Evaluation.DocumentNumber, v.Evaluation.DocumentDate, v.Scheme,
        v.Results.Select(r => new EvaluationDetail.Row(r.Row.SubjectKey, r.Row.SubjectId, r.Row.SubjectName, r.Row.Place, r.Row.Rank, r.Row.Total,
            r.Row.Band, r.Row.Commended, r.Row.Supervised, r.Indicators)).ToList(), v.RankedOf);
}
