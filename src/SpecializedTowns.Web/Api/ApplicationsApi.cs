using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Api;

public sealed record NewApplication(int TownId, string StandardId, System.Text.Json.JsonElement Facts);

public sealed record ApplicationStep(string Action, string? Reason, int[]? Experts, string? Decision, string? DocumentNumber,
    DateOnly? PublicityEndsOn, bool? ObjectionUpheld, Dictionary<string, ScoreInput>? Scores);

public sealed record ScoreInput(bool Met, string Comment);

public sealed record ApplicationDetail(int Id, int TownId, string Town, string StandardId, string TargetTier, string State, string StateName,
    string? DecisionDocumentNumber, DateOnly? PublicityEndsOn, RecognitionResult? PreCheck, RecognitionResult? WithPanel,
    IReadOnlyList<string> OpenCriteria, IReadOnlyList<ApplicationDetail.Step> Events)
{
    public sealed record Step(DateTime AtUtc, string User, string Action, string From, string To, string? Reason);
}

public static class ApplicationsApi
{
    public static void MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/applications").WithTags("认定申报");
        group.MapGet("/", async (HttpContext http, ApplicationService service, int page = 1, int pageSize = 50, string? state = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            ApplicationState? parsed = null;
            if (state is not null)
            {
                if (!Enum.TryParse<ApplicationState>(state.Replace("-", ""), ignoreCase: true, out var s)) return ApiSupport.Invalid("state", $"未知的状态“{state}”");
                parsed = s;
            }
            return TypedResults.Ok(await service.ListAsync(http.Scope(), parsed, page, pageSize, ct));
        }).WithSummary("认定申报（分页，可按状态筛选）；专家只看到分配给本人的申报");

        group.MapGet("/{id:int}", async Task<Results<Ok<ApplicationDetail>, ProblemHttpResult>> (int id, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(Detail(await service.ViewAsync(http.Scope(), id, ct))); }
            catch (ApplicationNotFoundException) { return ApiSupport.NotFound("认定申报"); }
        }).WithSummary("一份申报：预检、专家结论与办理记录");

        group.MapPost("/", async Task<Results<Created<ApplicationDetail>, ProblemHttpResult>> (NewApplication body, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            if (body.Facts.ValueKind != System.Text.Json.JsonValueKind.Object)
                return ApiSupport.Invalid("facts", "请提供申报事实（JSON 对象，格式同 check 命令）");
            try
            {
                var id = await service.CreateAsync(http.Scope(), http.User.DisplayName(), body.TownId, body.StandardId, body.Facts.GetRawText(), ct);
                return TypedResults.Created($"/api/v1/applications/{id}", Detail(await service.ViewAsync(http.Scope(), id, ct)));
            }
            catch (ApplicationRuleException ex) { return Rule(ex); }
        }).WithSummary("新建申报（草稿）：专业镇、认定标准和申报事实（事实格式同 check 命令）");

        group.MapPost("/{id:int}/steps", async Task<Results<Ok<ApplicationDetail>, ProblemHttpResult>> (int id, ApplicationStep step, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            var user = http.User.DisplayName();
            try
            {
                await (step.Action switch
                {
                    "submit" => service.SubmitAsync(scope, user, id, ct),
                    "return" => service.ReturnAsync(scope, user, id, step.Reason ?? "", ct),
                    "accept" => service.AcceptAsync(scope, user, id, step.Experts ?? [], ct),
                    "score" => service.ScoreAsync(scope, user, id, (step.Scores ?? []).ToDictionary(s => s.Key, s => (s.Value.Met, s.Value.Comment)), ct),
                    "conclude" => service.ConcludeAsync(scope, user, id, ct),
                    "decide" => step.Decision is "recognize" or "reserve" or "reject" && Enum.TryParse<Decision>(step.Decision, ignoreCase: true, out var d)
                        ? service.DecideAsync(scope, user, id, d, step.DocumentNumber, step.Reason, step.PublicityEndsOn, ct)
                        : throw new ApplicationRuleException("decision 应为 recognize、reserve 或 reject"),
                    "object" => service.ObjectAsync(scope, user, id, step.Reason ?? "", ct),
                    "end-publicity" => service.EndPublicityAsync(scope, user, id, step.ObjectionUpheld ?? false, step.Reason, ct),
                    _ => throw new ApplicationRuleException("action 应为 submit、return、accept、score、conclude、decide、object 或 end-publicity"),
                });
                return TypedResults.Ok(Detail(await service.ViewAsync(scope, id, ct)));
            }
            catch (ApplicationNotFoundException) { return ApiSupport.NotFound("认定申报"); }
            catch (ApplicationRuleException ex) { return Rule(ex); }
        }).WithSummary("办理一步：提交、退回、受理并指定专家、专家评分、汇总结论、审定、登记异议、结束公示");
    }

    // A refused step is a conflict with the application's state or the person's role, said in Chinese.
    private static ProblemHttpResult Rule(ApplicationRuleException ex) =>
        TypedResults.Problem(title: "不能办理", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);

    private static ApplicationDetail Detail(ApplicationView v) => new(
        v.Application.Id, v.Application.SpecializedTownId, v.Town, v.Application.StandardId, Tiers.Key(v.Application.TargetTier),
        v.Application.State.ToString(), ApplicationStates.Chinese(v.Application.State), v.Application.DecisionDocumentNumber,
        v.Application.PublicityEndsOn, v.PreCheck, v.WithPanel, v.OpenCriteria,
        v.Application.Events.OrderBy(e => e.Id).Select(e => new ApplicationDetail.Step(e.AtUtc, e.UserName, e.Action,
            ApplicationStates.Chinese(e.From), ApplicationStates.Chinese(e.To), e.Reason)).ToList());
}
