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

public sealed record ManualScoreRequest(int? Version, string? SubjectKey, string? IndicatorKey, decimal? Points, string? Reason);

/// <summary>deadline: yyyy-MM-dd, the 限期整改 of every notice; left out = the scheme's rectificationDays from today.</summary>
public sealed record IssueNoticesRequest(string? Deadline, string? ContactName, string? ContactPhone);

/// <summary>SameYearNotices: the 文号 of the notices the subject got from the year's other evaluations (a county's and its city's).</summary>
public sealed record SupervisedItem(string SubjectKey, string Subject, int Rank, decimal Total, int? NoticeId, string? DocumentNumber, DateOnly? Deadline,
    IReadOnlyList<string> SameYearNotices);

public sealed record EvaluationSummary(int Id, string Area, string AreaPath, int Year, SubjectKind Kind, string KindName, EvaluationState State, string StateName,
    string Scheme, bool SchemeIsPlatformDefault, int Subjects, int Commended, int Supervised, DateTime CalculatedAtUtc, DateTime? PublishedAtUtc);

public sealed record EvaluationDetail(int Id, int Version, string Area, string AreaPath, int Year, SubjectKind Kind, string KindName,
    EvaluationState State, string StateName, bool CanEdit, DateTime CalculatedAtUtc, DateTime? PublishedAtUtc, string? PublishedBy,
    SchemeSnapshot Scheme, IReadOnlyList<EvaluationDetail.Row> Results)
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

        group.MapPost("/{id:int}/publish", (HttpContext http, EvaluationService service, int id, EvaluationVersion body, CancellationToken ct) =>
            Run(async () =>
            {
                await service.PublishAsync(http.Scope(), http.DisplayName(), id, body.Version, ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            }));

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
                var stream = new MemoryStream();
                EvaluationReport.WriteDocument(view, service.Today, stream);
                stream.Position = 0;
                return TypedResults.File(stream, EvaluationReport.DocxType, EvaluationReport.FileName(view, "docx"));
            }));

        group.MapGet("/{id:int}/tables.xlsx", (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
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
        e.State, StateName(e.State), e.SchemeName, e.SchemeIsPlatformDefault, e.Subjects, e.Commended, e.Supervised, e.CalculatedAtUtc, e.PublishedAtUtc);

    private static EvaluationDetail Detail(EvaluationView v) => new(v.Evaluation.Id, v.Evaluation.Version, v.Area, v.Evaluation.AreaPath,
        v.Evaluation.Year, v.Evaluation.Kind, SubjectKinds.Chinese(v.Evaluation.Kind), v.Evaluation.State, StateName(v.Evaluation.State), v.CanEdit,
        v.Evaluation.CalculatedAtUtc, v.Evaluation.PublishedAtUtc, v.Evaluation.PublishedBy, v.Scheme,
        v.Results.Select(r => new EvaluationDetail.Row(r.Row.SubjectKey, r.Row.SubjectId, r.Row.SubjectName, r.Row.Place, r.Row.Rank, r.Row.Total,
            r.Row.Band, r.Row.Commended, r.Row.Supervised, r.Indicators)).ToList());
}
