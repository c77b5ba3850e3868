using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Evaluation;

namespace SpecializedTowns.Web.Api;

public sealed record NewEvaluation(
    [property: Range(Core.CalendarBounds.MinYear, Core.CalendarBounds.MaxYear), Description("评估年度，如 2024（不晚于今年）")] int? Year,
    [property: Description("评估对象：town（专业镇）、township（乡镇）或 unit（成员单位），也可写中文")] string? Kind,
    [property: Description("评估范围（行政区划编号，/api/v1/jurisdictions 中的 id）；不填为本人所在的一级")] int? JurisdictionId = null);

public sealed record EvaluationVersion(
    [property: Description(EvaluationsApi.VersionText)] int? Version = null);

public sealed record PublishRequest(
    [property: Description(EvaluationsApi.VersionText)] int? Version = null,
    [property: Description("评估报告的发文字号，如 垣专镇办〔2026〕3号；不填保留原有的，空字符串清除")] string? DocumentNumber = null,
    [property: Description("评估报告的成文日期，yyyy-MM-dd；不填保留原有的，空字符串清除")] string? DocumentDate = null,
    [property: Description(EvaluationsApi.CoverageReasonText)] string? CoverageReason = null);

public sealed record EvaluationDocumentRequest(
    [property: Description("发文字号，如 垣专镇办〔2026〕3号；空值清除")] string? DocumentNumber,
    [property: Description("成文日期，yyyy-MM-dd；空值清除")] string? DocumentDate);

/// <summary>A subject whose figures moved between the draft reviewed and the recalculation at publishing; before/after null when it entered/left.</summary>
public sealed record RankingChangeItem(string SubjectKey, string Subject, string Place, RankingChangeItem.Figures? Before, RankingChangeItem.Figures? After,
    IReadOnlyList<string> Indicators, string Description)
{
    public sealed record Figures(int Rank, decimal Total, string? Band, bool Commended, bool Supervised);
}

public sealed record ManualScoreRequest(
    [property: Description(EvaluationsApi.VersionText)] int? Version,
    [property: Description("评估对象（评估结果 results 中的 subjectKey）")] string? SubjectKey,
    [property: Description("人工评分的指标（方案中的指标 key）")] string? IndicatorKey,
    [property: Description("得分，在该指标的分值范围内；不填清除人工评分")] decimal? Points = null,
    [property: Description("评分理由（填写得分时必填）")] string? Reason = null);

public sealed record IssueNoticesRequest(
    [property: Description("限期整改日期（每份通知书相同），yyyy-MM-dd；不填为今天起按方案的整改期限（rectificationDays）")] string? Deadline = null,
    [property: Description("联系人")] string? ContactName = null,
    [property: Description("联系电话")] string? ContactPhone = null,
    [property: Description(EvaluationsApi.CoverageReasonText)] string? CoverageReason = null);

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
    /// <summary>How much of the indicator system was scored: counted/indicators, countedWeight/totalWeight, summary, the uncounted with why, isLow.</summary>
    public EvaluationCoverage? Coverage { get; init; }

    public sealed record Row(string SubjectKey, int SubjectId, string Subject, string Place, int Rank, decimal Total, string? Band,
        bool Commended, bool Supervised, IReadOnlyList<IndicatorDetail> Indicators)
    {
        /// <summary>A commended row's 主送 (the county government where the town's document says so), null when not commended.</summary>
        public string? CommendationAddressee { get; init; }

        /// <summary>The clause that names whom the commendation goes to, when the document names one.</summary>
        public string? CommendationAddresseeBasis { get; init; }
    }
}

/// <summary>One entry of 年度评估表扬名单 (the 表扬 page's second list): who is commended, by which evaluation, and to whom it is addressed.</summary>
public sealed record CommendedEntry(int EvaluationId, string Area, int Year, string Kind, string KindName, string Subject, string Place, int Rank, int? RankedOf,
    decimal Total, string? Band, DateTime? PublishedAtUtc, string? Addressee, string? AddresseeBasis);

/// <summary>/api/v1/evaluations (年度评估): the same rules and scope as the pages, through <see cref="EvaluationService"/>.</summary>
public static class EvaluationsApi
{
    /// <summary>How every body that changes an evaluation names the version it was read at.</summary>
    public const string VersionText = "评估的版本号（读取评估时得到的 version）：期间他人已修改的，不予保存并答复 409";

    /// <summary>The written confirmation a low coverage asks for, on publishing and on issuing notices.</summary>
    public const string CoverageReasonText = "确认理由：评估计分指标的权重不足一半（coverage.isLow），或全部参评对象、或第 1 名拟督办（coverage.sweep）时必填（coverage.needsReason），记入修改记录；否则不需要";

    /// <summary>The 403 of every step that changes an evaluation: another office, a leader or a unit reads it but may not change it.</summary>
    private const string OfficeOnly = "无权办理：只有本级专业镇办公室可以修改、发布或删除本级评估";

    public static void MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("年度评估");

        group.MapGet("/", async (HttpContext http, EvaluationService service, int page = 1, int pageSize = 50,
            [Description("评估年度，如 2024")] int? year = null,
            [Description("评估对象：town（专业镇）、township（乡镇）、unit（成员单位）")] string? kind = null,
            [Description("状态：draft（草稿）、published（已发布）")] string? state = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<SubjectKind>(kind, out var k)) return ApiSupport.Invalid("kind", $"未知的评估对象“{kind}”，可用：{CodeLists.SubjectKind.Choices}");
            if (!CodeLists.TryParse<EvaluationState>(state, out var s)) return ApiSupport.Invalid("state", $"未知的状态“{state}”，可用：{CodeLists.EvaluationState.Choices}");
            if (year is < 2000 or > 9999) return ApiSupport.Invalid("year", "年度应在 2000 到 9999 之间");
            var result = await service.ListAsync(http.Scope(), new EvaluationFilter { Year = year, Kind = k, State = s, Page = page, PageSize = pageSize }, ct);
            return TypedResults.Ok(new Paged<EvaluationSummary>(result.Items.Select(Summary).ToList(), result.Total, result.Page, result.PageSize));
        }).WithSummary("年度评估（分页；可按年度 year、评估对象 kind、状态 state 筛选）：每项评估的范围、方案、对象数、表扬和督办个数")
            .Produces<Paged<EvaluationSummary>>();

        group.MapGet("/commended", async (HttpContext http, EvaluationService service, [Description("评估年度，如 2024")] int? year = null, CancellationToken ct = default) =>
        {
            if (year is < 2000 or > 9999) return (IResult)ApiSupport.Invalid("year", "年度应在 2000 到 9999 之间");
            var list = await service.CommendedAsync(http.Scope(), year, ct);
            return TypedResults.Ok(list.Select(c => new CommendedEntry(c.EvaluationId, c.Area, c.Year, SubjectKinds.Key(c.Kind), SubjectKinds.Chinese(c.Kind),
                c.Subject, c.Place, c.Rank, c.RankedOf, c.Total, c.Band, c.PublishedAtUtc, c.Addressee?.Name, c.Addressee?.Basis)).ToList());
        }).WithSummary("年度评估表扬名单：已发布评估中拟予表扬的对象、名次、得分，及表扬的主送单位（按专业镇所在地文件确定，与督办通知书同一规则）和依据")
            .Produces<List<CommendedEntry>>();

        group.MapGet("/schemes", (PolicyCatalog catalog) => TypedResults.Ok(catalog.Schemes.Select(s => new
        {
            s.Id, s.Name, s.Basis, BasisName = EvaluationVocabulary.Bases.GetValueOrDefault(s.Basis, s.Basis), s.Note, s.Source,
            Subjects = s.Kinds.ToDictionary(SubjectKinds.Key, k => s.RulesFor(k)),
            Bands = s.BandRules, s.RectificationDays,
        }).ToList())).WithSummary("评估指标体系：各类评估对象的指标、分值和计分规则，档次划分，整改期限，及其依据");

        group.MapGet("/{id:int}", async (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
        {
            try { return (IResult)TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct))); }
            catch (EvaluationNotFoundException) { return ApiSupport.NotFound("评估"); }
        }).WithSummary("一项年度评估：指标体系，各对象的排名、总分、档次、表扬或督办，逐项指标的得分及依据数据")
            .Produces<EvaluationDetail>();

        group.MapPost("/", async (HttpContext http, EvaluationService service, NewEvaluation body, CancellationToken ct) =>
        {
            var scope = http.Scope();
            if (!CodeLists.TryParse<SubjectKind>(body.Kind, out var kind))
                return (IResult)ApiSupport.Invalid("kind", $"未知的评估对象“{body.Kind}”，可用：{CodeLists.SubjectKind.Choices}");
            return await Run(async () =>
            {
                var id = await service.CreateAsync(scope, http.DisplayName(), body.Year, kind, body.JurisdictionId, ct);
                return TypedResults.Created($"/api/v1/evaluations/{id}", Detail(await service.GetAsync(scope, id, ct)));
            });
        }).WithSummary("发起一项年度评估（年度、评估对象、评估范围）：按指标体系从平台数据计算，结果为草稿")
            .Produces<EvaluationDetail>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status403Forbidden, "只有专业镇办公室可以发起评估");

        group.MapPost("/{id:int}/recalculate", (HttpContext http, EvaluationService service, int id, EvaluationVersion body, CancellationToken ct) =>
            Run(async () =>
            {
                await service.RecalculateAsync(http.Scope(), id, body.Version, ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            })).WithSummary("按最新数据重新计算评估草稿（人工评分保留）")
            .Produces<EvaluationDetail>().Refuses(StatusCodes.Status403Forbidden, OfficeOnly).Refuses(StatusCodes.Status409Conflict);

        group.MapPut("/{id:int}/manual-scores", (HttpContext http, EvaluationService service, int id, ManualScoreRequest body, CancellationToken ct) =>
            Run(async () =>
            {
                await service.SetManualScoreAsync(http.Scope(), http.DisplayName(), id, body.Version, body.SubjectKey, body.IndicatorKey, body.Points, body.Reason, ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            })).WithSummary("填写或清除一个对象一项人工评分指标的得分（须写明理由），草稿随即重新排名")
            .Produces<EvaluationDetail>().Refuses(StatusCodes.Status403Forbidden, OfficeOnly).Refuses(StatusCodes.Status409Conflict);

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
                var changes = await service.PublishAsync(http.Scope(), http.DisplayName(), id, body.Version, document, ct, body.CoverageReason);
                var view = await service.GetAsync(http.Scope(), id, ct);
                if (changes.Count == 0) return TypedResults.Ok(Detail(view));
                return TypedResults.Problem(title: "数据已变化，评估未发布",
                    detail: $"草稿计算后数据有变化，重新计算后有 {changes.Count} 个{SubjectKinds.Chinese(view.Evaluation.Kind)}的结果不同（见 changes）。" +
                            $"草稿已按最新数据更新，请核对后以 version {view.Evaluation.Version} 再次发布。",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["version"] = view.Evaluation.Version, ["changes"] = changes.Select(Change).ToList() });
            })).WithSummary("发布评估（可一并填写发文字号、成文日期）：发布前按最新数据重算，结果有变化的不发布，答复 409 并在 changes 中列出变化")
            .Produces<EvaluationDetail>()
            .Refuses(StatusCodes.Status403Forbidden, OfficeOnly)
            .Refuses(StatusCodes.Status409Conflict, "不能发布：草稿计算后数据有变化（changes 列出各对象的变化，version 为更新后的版本，核对后以它再次发布），或状态、年度未到等不允许发布，或已被他人修改");

        group.MapPut("/{id:int}/document", (HttpContext http, EvaluationService service, int id, EvaluationDocumentRequest body, CancellationToken ct) =>
            Run(async () =>
            {
                if (ReadDate(body.DocumentDate, out var date) is { } bad) return bad;
                await service.SetDocumentAsync(http.Scope(), id, new DocumentInput(body.DocumentNumber, date), ct);
                return TypedResults.Ok(Detail(await service.GetAsync(http.Scope(), id, ct)));
            })).WithSummary("评估报告的发文字号（如 垣专镇办〔2026〕3号）和成文日期（yyyy-MM-dd）；草稿和已发布的评估均可填写，空值清除")
            .Produces<EvaluationDetail>()
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有本级专业镇办公室可以填写");

        group.MapDelete("/{id:int}", (HttpContext http, EvaluationService service, int id, [Description(VersionText)] int? version, CancellationToken ct) =>
            Run(async () =>
            {
                await service.DeleteAsync(http.Scope(), id, version, ct);
                return TypedResults.NoContent();
            })).WithSummary("删除评估草稿（已发布的不能删除）")
            .Produces(StatusCodes.Status204NoContent).Refuses(StatusCodes.Status403Forbidden, OfficeOnly).Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/{id:int}/notices", (HttpContext http, EvaluationService service, EvaluationNotices notices, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
                return TypedResults.Ok(Supervised(await notices.SupervisedAsync(http.Scope(), view, ct)));
            })).WithSummary("评估拟督办的对象及其督办通知书（已下发的文号、整改期限；同年度其他评估已下发的文号）")
            .Produces<IReadOnlyList<SupervisedItem>>();

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
                await notices.IssueAsync(http.Scope(), http.DisplayName(), view, deadline ?? notices.DefaultDeadline(view), body.ContactName, body.ContactPhone, ct, body.CoverageReason);
                return TypedResults.Created($"/api/v1/notices?evaluationId={id}", Supervised(await notices.SupervisedAsync(http.Scope(), view, ct)));
            })).WithSummary("向已发布评估的拟督办对象一次下发督办通知书（全部下发或一份也不下发），此后在 /api/v1/notices 跟踪整改")
            .Produces<IReadOnlyList<SupervisedItem>>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有本级专业镇办公室可以下发督办通知书")
            .Refuses(StatusCodes.Status409Conflict, "不能下发：评估尚未发布，或拟督办对象均已下发");

        group.MapGet("/{id:int}/report.docx", (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
                if (view.IsExcerpt) return TypedResults.Problem(title: "无权下载", detail: EvaluationService.ReportStaysWithOffice, statusCode: StatusCodes.Status403Forbidden);
                var stream = new MemoryStream();
                EvaluationReport.WriteDocument(view, service.Today, stream);
                stream.Position = 0;
                return TypedResults.File(stream, EvaluationReport.DocxType, EvaluationReport.FileName(view, "docx"));
            })).WithSummary("评估报告（.docx）：排名、表扬和督办名单及各指标得分").Produces(StatusCodes.Status200OK, contentType: EvaluationReport.DocxType)
            .Refuses(StatusCodes.Status403Forbidden, "无权下载：评估报告和全部明细由发布评估的专业镇办公室出具，其他单位只能查看辖区内对象的名次、得分和等次")
            .Refuses(StatusCodes.Status409Conflict, "本次评估没有评估对象，不生成评估报告");

        group.MapGet("/{id:int}/tables.xlsx", (HttpContext http, EvaluationService service, int id, CancellationToken ct) =>
            Run(async () =>
            {
                var view = await service.GetAsync(http.Scope(), id, ct);
                if (view.IsExcerpt) return TypedResults.Problem(title: "无权下载", detail: EvaluationService.ReportStaysWithOffice, statusCode: StatusCodes.Status403Forbidden);
                var stream = new MemoryStream();
                EvaluationReport.WriteWorkbook(view, stream);
                stream.Position = 0;
                return TypedResults.File(stream, EvaluationReport.XlsxType, EvaluationReport.FileName(view, "xlsx"));
            })).WithSummary("评估结果表（.xlsx）：排名表及各指标得分明细").Produces(StatusCodes.Status200OK, contentType: EvaluationReport.XlsxType)
            .Refuses(StatusCodes.Status403Forbidden, "无权下载：评估报告和全部明细由发布评估的专业镇办公室出具，其他单位只能查看辖区内对象的名次、得分和等次");
    }

    /// <summary>The service's refusals as HTTP by their kind: fields → 400 naming them, not found → 404, not the office's → 403, a rule (frozen, changed meanwhile) → 409.</summary>
    private static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (EvaluationNotFoundException) { return ApiSupport.NotFound("评估"); }
        catch (EvaluationInputException ex) { return ApiSupport.Invalid(ex.Errors); }
        catch (EvaluationRuleException ex) { return ApiSupport.Refused(ex); }
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

    public static string StateName(EvaluationState state) => AnnualEvaluation.Chinese(state);

    private static EvaluationSummary Summary(EvaluationListItem e) => new(e.Id, e.Area, e.AreaPath, e.Year, e.Kind, SubjectKinds.Chinese(e.Kind),
        e.State, StateName(e.State), e.SchemeName, e.SchemeIsPlatformDefault, e.Subjects, e.Commended, e.Supervised, e.CalculatedAtUtc, e.PublishedAtUtc, e.RankedOf);

    private static EvaluationDetail Detail(EvaluationView v) => new(v.Evaluation.Id, v.Evaluation.Version, v.Area, v.Evaluation.AreaPath,
        v.Evaluation.Year, v.Evaluation.Kind, SubjectKinds.Chinese(v.Evaluation.Kind), v.Evaluation.State, StateName(v.Evaluation.State), v.CanEdit,
        v.Evaluation.CalculatedAtUtc, v.Evaluation.PublishedAtUtc, v.Evaluation.PublishedBy, v.Evaluation.DocumentNumber, v.Evaluation.DocumentDate, v.Scheme,
        v.Results.Select(r => new EvaluationDetail.Row(r.Row.SubjectKey, r.Row.SubjectId, r.Row.SubjectName, r.Row.Place, r.Row.Rank, r.Row.Total,
            r.Row.Band, r.Row.Commended, r.Row.Supervised, r.Indicators)
        {
            CommendationAddressee = v.Addressees.GetValueOrDefault(r.Row.SubjectKey)?.Name,
            CommendationAddresseeBasis = v.Addressees.GetValueOrDefault(r.Row.SubjectKey)?.Basis,
        }).ToList(), v.RankedOf) { Coverage = v.Results.Count == 0 ? null : v.Coverage };
}
