using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Api;

public sealed record NewApplication(int TownId, string StandardId, System.Text.Json.JsonElement Facts);

/// <summary>Corrected facts (format as the check command takes them), with the version the application was read at.</summary>
public sealed record ApplicationFactsBody(int? Version, System.Text.Json.JsonElement Facts);

public sealed record ApplicationStep(string Action, string? Reason, int[]? Experts, string? Decision, string? DocumentNumber,
    DateOnly? PublicityEndsOn, bool? ObjectionUpheld,
    [property: Description("action 为 score 时：每项待评审条件（openCriteria）的 key → { met, comment }，另须有 overall（总体意见：met 为 true 建议认定、false 不建议认定，comment 为总体评审意见），缺少时答复 400")]
    Dictionary<string, ScoreInput>? Scores,
    [property: Description("action 为 accept 时：预检已有不符合项仍送专家评审，须为 true（确认知道送评后也不能认定），否则答复 409 并说明不符合项")]
    bool? ConfirmFailedPrecheck = null,
    [property: Description("action 为 decide 时：申报事实与平台登记不一致（形式审查所示“不一致”）的，认定或列入储备须写明核定或说明，否则答复 400（settlement）")]
    string? Settlement = null);

public sealed record ScoreInput(bool Met, string Comment);

public sealed record ApplicationDetail(int Id, int TownId, string Town, string StandardId, string StandardName, string TargetTier, string State, string StateName,
    string? DecisionDocumentNumber, DateOnly? PublicityEndsOn, System.Text.Json.JsonElement Facts, RecognitionResult? PreCheck, RecognitionResult? WithPanel,
    IReadOnlyList<string> OpenCriteria, IReadOnlyList<ApplicationDetail.Step> Events, int Version)
{
    public sealed record Step(DateTime AtUtc, string User, string Action, string From, string To, string? Reason);
}

public static class ApplicationsApi
{
    public static void MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/applications").WithTags("认定申报");
        group.MapGet("/", async (HttpContext http, ApplicationService service, int page = 1, int pageSize = 50,
            [Description("状态：draft（草稿）、submitted（待形式审查）、returned（退回修改）、expert-review（专家评审中）、awaiting-decision（待领导小组审定）、publicity（公示中）、recognized（已认定）、reserved（列入储备）、rejected（不予认定）")] string? state = null,
            CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<ApplicationState>(state, out var parsed))
                return ApiSupport.Invalid("state", $"未知的状态“{state}”，可用：{CodeLists.ApplicationState.Choices}");
            return TypedResults.Ok(await service.ListAsync(http.Scope(), parsed, page, pageSize, ct));
        }).WithSummary("认定申报（分页，可按状态筛选）；专家只看到分配给本人的申报");

        group.MapGet("/{id:int}", async Task<Results<Ok<ApplicationDetail>, ProblemHttpResult>> (int id, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(Detail(await service.ViewAsync(http.Scope(), id, ct))); }
            catch (ApplicationNotFoundException) { return ApiSupport.NotFound("认定申报"); }
        }).WithSummary("一份申报：预检、专家结论与办理记录");

        group.MapPost("/", async Task<Results<Created<ApplicationDetail>, ProblemHttpResult>> (NewApplication body, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.StandardId))
                return ApiSupport.Invalid("standardId", "请填写认定标准编号（standardId，可用的编号见 /api/v1/policies）");
            if (body.Facts.ValueKind != System.Text.Json.JsonValueKind.Object)
                return ApiSupport.Invalid("facts", "请提供申报事实（JSON 对象，格式同 check 命令）");
            try
            {
                var id = await service.CreateAsync(http.Scope(), http.User.DisplayName(), body.TownId, body.StandardId, body.Facts.GetRawText(), ct);
                return TypedResults.Created($"/api/v1/applications/{id}", Detail(await service.ViewAsync(http.Scope(), id, ct)));
            }
            catch (ApplicationRuleException ex) when (ex.Problems.Count > 0) { return FactProblems(ex); }
            catch (ApplicationRuleException ex) { return Rule(ex); }
        }).WithSummary("新建申报（草稿）：专业镇、认定标准和申报事实（事实格式同 check 命令）")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPut("/{id:int}/facts", async Task<Results<Ok<ApplicationDetail>, ProblemHttpResult>> (int id, ApplicationFactsBody body, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            if (body.Facts.ValueKind != System.Text.Json.JsonValueKind.Object)
                return ApiSupport.Invalid("facts", "请提供申报事实（JSON 对象，格式同 check 命令）");
            var scope = http.Scope();
            try
            {
                await service.UpdateFactsAsync(scope, http.User.DisplayName(), id, body.Facts.GetRawText(), body.Version, ct);
                return TypedResults.Ok(Detail(await service.ViewAsync(scope, id, ct)));
            }
            catch (ApplicationNotFoundException) { return ApiSupport.NotFound("认定申报"); }
            catch (EditConflictException conflict) { return ApiSupport.Conflict(conflict); }
            catch (ApplicationRuleException ex) when (ex.Problems.Count > 0) { return FactProblems(ex); }
            catch (ApplicationRuleException ex) { return Rule(ex); }
        }).WithSummary("修改申报事实（草稿或退回修改的申报，由申报方办理）；预检按新数据重算。带上读取时的 version，期间申报已有新的办理或修改则返回 409")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：您不是该认定标准的申报方（如审查该申报的上级办公室）")
            .Refuses(StatusCodes.Status409Conflict)
          .WithDescription("请求体：{ \"version\": 3, \"facts\": { … } }，facts 为完整的申报事实（格式同 check 命令和新建申报），替换原有事实。"
              + "数值超出范围、格式不对或领域与专业镇登记的不一致时返回 400，errors 按 facts.字段 逐项说明；申报不在草稿或退回修改状态时返回 409；"
              + "您不是该标准的申报方（如审查该申报的市级办公室）时返回 403；不存在或不在您的数据范围内返回 404。");

        group.MapPost("/{id:int}/steps", async Task<Results<Ok<ApplicationDetail>, ProblemHttpResult>> (int id, ApplicationStep step, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            // An option the API does not know is a bad field of the body (400), not a step refused by the application's state (409).
            if (step.Action is not ("submit" or "return" or "accept" or "score" or "conclude" or "decide" or "object" or "end-publicity"))
                return ApiSupport.Invalid("action", $"{(string.IsNullOrEmpty(step.Action) ? "请填写 action" : $"未知的 action“{step.Action}”")}：应为 submit、return、accept、score、conclude、decide、object 或 end-publicity");
            Decision? decision = null;
            if (step.Action == "decide" && (!CodeLists.TryParse(step.Decision, out decision) || decision is null))
                return ApiSupport.Invalid("decision", $"{(string.IsNullOrEmpty(step.Decision) ? "请填写 decision" : $"未知的 decision“{step.Decision}”")}：应为 recognize（认定）、reserve（列入储备）或 reject（不予认定）");
            if (step.Action == "score" && MissingOverall(step.Scores) is { } overall) return ApiSupport.Invalid($"scores.{ExpertScore.Overall}", overall);
            var scope = http.Scope();
            var user = http.User.DisplayName();
            try
            {
                await (step.Action switch
                {
                    "submit" => service.SubmitAsync(scope, user, id, ct),
                    "return" => service.ReturnAsync(scope, user, id, step.Reason ?? "", ct),
                    "accept" => service.AcceptAsync(scope, user, id, step.Experts ?? [], step.ConfirmFailedPrecheck ?? false, ct),
                    // A criterion given null is left out, as one left unchosen on the page: the application names it as unscored.
                    "score" => service.ScoreAsync(scope, user, id, (step.Scores ?? []).Where(s => s.Value is not null)
                        .ToDictionary(s => s.Key, s => (s.Value.Met, s.Value.Comment ?? "")), ct),
                    "conclude" => service.ConcludeAsync(scope, user, id, ct),
                    "decide" => service.DecideAsync(scope, user, id, decision!.Value, step.DocumentNumber, step.Reason, step.PublicityEndsOn, ct, step.Settlement),
                    "object" => service.ObjectAsync(scope, user, id, step.Reason ?? "", ct),
                    "end-publicity" => service.EndPublicityAsync(scope, user, id, step.ObjectionUpheld ?? false, step.Reason, ct),
                    _ => throw new ApplicationRuleException("action 应为 submit、return、accept、score、conclude、decide、object 或 end-publicity"),
                });
                return TypedResults.Ok(Detail(await service.ViewAsync(scope, id, ct)));
            }
            catch (ApplicationNotFoundException) { return ApiSupport.NotFound("认定申报"); }
            catch (ApplicationRuleException ex) { return Rule(ex); }
        }).WithSummary("办理一步：提交、退回、受理并指定专家、专家评分、汇总结论、审定、登记异议、结束公示")
            .WithDescription(StepsDescription)
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：此步骤不由您的角色办理（如评审专家以外的人评分、不是本申报的评审专家、审查方办理申报方的步骤）")
            .Refuses(StatusCodes.Status409Conflict, "不能办理：申报当前的状态不允许此步骤（如已提交、已认定），或认定条件、公示期等业务规则不允许");
    }

    // A step refused for the application's state is 409, one that belongs to another role or side 403 (the refusal's kind says which).
    private static ProblemHttpResult Rule(ApplicationRuleException ex) => ApiSupport.Refused(ex);

    /// <summary>What each action of POST …/steps reads from the body; the expert's 总体意见 under scores.overall above all, which is required.</summary>
    internal const string StepsDescription =
        "请求体为 { \"action\": \"…\", … }，各 action 读取的字段：\n\n"
        + "- submit、conclude：无其他字段\n"
        + "- return：reason（退回理由，必填）\n"
        + "- accept：experts（评审专家的用户编号数组，至少一名）\n"
        + "- score（评审专家本人）：scores，一个对象：每项待评审条件（申报的 openCriteria）一个键，值为 { \"met\": true 符合 / false 不符合, \"comment\": \"评审意见\" }；"
        + "另须有键 overall（总体意见）：{ \"met\": true 建议认定 / false 不建议认定, \"comment\": \"总体评审意见\" }。"
        + "缺少 scores.overall 或其 comment 为空时答复 400，errors 中为 scores.overall。例：{ \"action\": \"score\", \"scores\": { \"leadingEnterprises\": { \"met\": true, \"comment\": \"龙头企业 3 家，符合\" }, "
        + "\"overall\": { \"met\": true, \"comment\": \"建议认定\" } } }\n"
        + "- decide：decision（recognize 认定、reserve 列入储备、reject 不予认定），documentNumber（认定或列入储备时必填），reason（不予认定时必填），publicityEndsOn（公示截止日期），settlement（申报事实与平台登记不一致时，认定或列入储备必填：核定或说明，记入审定记录）\n"
        + "- object：reason（异议内容）\n"
        + "- end-publicity：objectionUpheld（异议是否成立），reason（异议成立时必填）\n\n"
        + "答复：400 请求体有误（errors 按字段）；403 此步骤不由您的角色办理；404 申报不存在或不在您的数据范围内；409 申报当前的状态不允许此步骤。";

    /// <summary>The refusal of a score without the expert's 总体意见 (scores.overall), before the step is tried; null when it is there.</summary>
    private static string? MissingOverall(Dictionary<string, ScoreInput>? scores) =>
        scores?.GetValueOrDefault(ExpertScore.Overall) is not { } overall
            ? "请在 scores.overall（总体意见）中给出 met（true 建议认定，false 不建议认定）和 comment（总体评审意见）"
            : string.IsNullOrWhiteSpace(overall.Comment) ? "请在 scores.overall.comment 中填写总体评审意见" : null;

    /// <summary>Stated facts that cannot stand: 400, each problem under the field of the body it concerns (facts.localEmployment).</summary>
    private static ProblemHttpResult FactProblems(ApplicationRuleException ex) =>
        TypedResults.Problem(title: "申报事实有误", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = ex.Problems.ToDictionary(p => p.Key == "" ? "facts" : $"facts.{p.Key}", p => new[] { p.Value }),
            });

    /// <summary>The facts as stated, for a client to correct and send back; an empty object where what is kept cannot be read.</summary>
    private static System.Text.Json.JsonElement StatedFacts(string json)
    {
        try { using var doc = System.Text.Json.JsonDocument.Parse(json); return doc.RootElement.Clone(); }
        catch (System.Text.Json.JsonException) { using var empty = System.Text.Json.JsonDocument.Parse("{}"); return empty.RootElement.Clone(); }
    }

    private static ApplicationDetail Detail(ApplicationView v) => new(
        v.Application.Id, v.Application.SpecializedTownId, v.Town, v.Application.StandardId, v.StandardName, Tiers.Key(v.Application.TargetTier),
        v.Application.State.ToString(), ApplicationStates.Chinese(v.Application.State), v.Application.DecisionDocumentNumber,
        v.Application.PublicityEndsOn, StatedFacts(v.Application.FactsJson), v.PreCheck, v.WithPanel, v.OpenCriteria,
        v.Application.Events.OrderBy(e => e.Id).Select(e => new ApplicationDetail.Step(e.AtUtc, e.UserName, e.Action,
            ApplicationStates.Chinese(e.From), ApplicationStates.Chinese(e.To), e.Reason)).ToList(), v.Version);
}
