using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Api;

/// <summary>Enumerated fields are written in kebab-case (monthly-report) or in Chinese (月报); the deadline as yyyy-MM-dd.</summary>
public sealed record NewProblem(
    string? Title, string? Description, string? Source, string? Kind, string? Category, int? CountyId, int? TownId, int? EnterpriseId,
    int? LeadUnitId, int[]? CooperatingUnitIds, string? Deadline,
    [property: Description("同一人在 1 小时内为同一县、同一专业镇登记过相同标题的问题时，登记被拒绝（409，existingId 为已登记的问题）；确需再登记一条时传 true")] bool? ConfirmRepeat = null);

/// <summary>action: accept, decline, handle, answer, confirm, reopen or urge (督办). note: the step's text (受理意见, 理由, 办理情况, 答复, 确认意见, 原因, 督办意见).</summary>
public sealed record ProblemStepRequest(string? Action, string? Note, int? LeadUnitId, int[]? CooperatingUnitIds, string? Deadline);

public sealed record ProblemSummary(
    int Id, string Title, string Source, string SourceName, string Kind, string KindName, string Category, string CategoryName,
    string State, string StateName, string County, int? TownId, string? Town, int? EnterpriseId, string? Enterprise,
    int? LeadUnitId, string? LeadUnit, DateOnly? Deadline, string DeadlineStatus, int DaysOverdue, string RaisedBy, DateTime RaisedAtUtc,
    [property: Description(ProblemsApi.AnsweredOnText)] DateOnly? AnsweredOn,
    [property: Description(ProblemsApi.DaysLateAtAnswerText)] int? DaysLateAtAnswer);

public sealed record ProblemDetail(
    int Id, string Title, string Description, string Source, string SourceName, string Kind, string KindName, string Category, string CategoryName,
    string State, string StateName, string County, string CountyPath, int? TownId, string? Town, int? EnterpriseId, string? Enterprise,
    int? LeadUnitId, string? LeadUnit, IReadOnlyList<ProblemDetail.UnitItem> CooperatingUnits, DateOnly? Deadline, string DeadlineStatus,
    string RaisedBy, DateTime RaisedAtUtc, string? LatestAnswer,
    [property: Description(ProblemsApi.AnsweredOnText)] DateOnly? AnsweredOn,
    [property: Description(ProblemsApi.DaysLateAtAnswerText)] int? DaysLateAtAnswer,
    IReadOnlyList<string> AllowedSteps, IReadOnlyList<ProblemDetail.Step> Events)
{
    public sealed record UnitItem(int Id, string Name);

    public sealed record Step(DateTime AtUtc, string User, string Action, string From, string To, string? Note, bool OnBehalf);
}

public sealed record UnitFiguresItem(string County, int UnitId, string Unit, int Open, int Solved, int Overdue, double? AverageDaysToClose,
    int AnsweredLate, double? OnTimeAnswerRate);

public sealed record ProblemFormChoices(
    IReadOnlyList<ProblemFormChoices.Item> Counties, int? CountyId, IReadOnlyList<ProblemFormChoices.Item> Towns,
    IReadOnlyList<ProblemFormChoices.Item> Enterprises, IReadOnlyList<ProblemFormChoices.Item> Units)
{
    public sealed record Item(int Id, string Name, string? Note = null);
}

public static class ProblemsApi
{
    internal const string AnsweredOnText = "答复日期（yyyy-MM-dd，中国时间）：问题已答复或已办结时为牵头单位答复的日期，否则为 null";
    internal const string DaysLateAtAnswerText = "超过办理时限几天答复（页面上的“逾期 N 天答复”）：按时答复为 0；未答复或未定办理时限时为 null";

    public static void MapProblemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/problems").WithTags("问题台账");

        group.MapGet("/", async (HttpContext http, ProblemService service, TownsDbContext db, int page = 1, int pageSize = 50,
            [Description("状态：open（未办结）、registered（待受理）、accepted（已受理）、handling（办理中）、answered（已答复）、closed（已办结）、declined（不予受理），也可写中文")] string? status = null,
            [Description("类别：land（用地）、financing（融资）、talent（人才）、approval（审批）、energy（用能）、environment（环评）、market（市场）、other（其他），也可写中文")] string? category = null,
            [Description("来源：survey（调研走访）、monthly-report（月报）、enterprise-report（企业反映）、project-progress（项目推进），也可写中文")] string? source = null,
            [Description("性质：common（共性）、individual（个性）")] string? kind = null, int? townId = null,
            [Description("单位编号：该单位牵头或配合办理的问题")] int? unitId = null, [Description("true 只列逾期未办结的问题")] bool overdue = false, string? jurisdiction = null, string? search = null,
            [Description("排序：raised（提出时间）、deadline（办理时限）、overdue（逾期）、state（状态），前加 - 为倒序")] string? sort = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            ProblemState? state = null;
            if (status is not null && status != "open")
            {
                if (Parse<ProblemState>(status) is not { } s) return ApiSupport.Invalid("status", $"未知的状态“{status}”，可用：open、{Names<ProblemState>()}");
                state = s;
            }
            ProblemCategory? c = null;
            if (category is not null && (c = Parse<ProblemCategory>(category)) is null)
                return ApiSupport.Invalid("category", $"未知的类别“{category}”，可用：{Names<ProblemCategory>()}");
            ProblemSource? so = null;
            if (source is not null && (so = Parse<ProblemSource>(source)) is null)
                return ApiSupport.Invalid("source", $"未知的来源“{source}”，可用：{Names<ProblemSource>()}");
            ProblemKind? k = null;
            if (kind is not null && (k = Parse<ProblemKind>(kind)) is null)
                return ApiSupport.Invalid("kind", $"未知的性质“{kind}”，可用：common（共性）、individual（个性）");
            var (sorted, badSort) = ApiSupport.Sort(sort, ProblemFilter.SortKeys);
            if (badSort is not null) return badSort;
            var (path, problem) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
            if (problem is not null) return problem;
            var result = await service.ListAsync(http.Scope(), new ProblemFilter
            {
                State = state, OpenOnly = status == "open", Category = c, Source = so, Kind = k, TownId = townId, UnitId = unitId,
                Overdue = overdue, JurisdictionPath = path, Search = search, Sort = sorted, Page = page, PageSize = pageSize,
            }, ct);
            return TypedResults.Ok(new Paged<ProblemSummary>(result.Items.Select(Summary).ToList(), result.Total, result.Page, result.PageSize));
        }).WithSummary("问题台账（分页）：可按状态（含 open 未办结）、类别、来源、性质、专业镇、单位、逾期、行政区划筛选，sort=raised|deadline|overdue|state，前加 - 为倒序")
            .Produces<Paged<ProblemSummary>>();

        group.MapGet("/{id:int}", async Task<Results<Ok<ProblemDetail>, ProblemHttpResult>> (int id, HttpContext http, ProblemService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(Detail(await service.ViewAsync(http.Scope(), id, http.DisplayName(), ct))); }
            catch (ProblemNotFoundException) { return ApiSupport.NotFound("问题"); }
        }).WithSummary("一个问题：概况、当前用户可办理的步骤与办理记录");

        group.MapPost("/", async Task<Results<Created<ProblemDetail>, ProblemHttpResult>> (NewProblem body, HttpContext http, ProblemService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            if (!ProblemService.CanRaise(scope))
                return TypedResults.Problem(title: "没有权限", detail: "您的角色不能登记问题", statusCode: StatusCodes.Status403Forbidden);
            var errors = new Dictionary<string, string>();
            var source = Field<ProblemSource>(body.Source, "source", "来源", errors);
            var kind = Field<ProblemKind>(body.Kind, "kind", "性质（共性/个性）", errors);
            var category = Field<ProblemCategory>(body.Category, "category", "类别", errors);
            var deadline = Date(body.Deadline, "deadline", errors);
            try
            {
                var input = new ProblemInput
                {
                    Title = body.Title, Description = body.Description, Source = source, Kind = kind, Category = category,
                    CountyId = body.CountyId, TownId = body.TownId, EnterpriseId = body.EnterpriseId, LeadUnitId = body.LeadUnitId,
                    CooperatingUnitIds = body.CooperatingUnitIds ?? [], Deadline = deadline, RepeatConfirmed = body.ConfirmRepeat == true,
                };
                if (errors.Count > 0)
                {
                    // Every field at once: what the service finds wrong besides what could not be read.
                    foreach (var (f, m) in await service.ValidateAsync(scope, input, ct)) errors.TryAdd(Camel(f), m);
                    return Invalid(errors);
                }
                var id = await service.RaiseAsync(scope, http.DisplayName(), input, ct);
                return TypedResults.Created($"/api/v1/problems/{id}", Detail(await service.ViewAsync(scope, id, http.DisplayName(), ct)));
            }
            catch (ProblemInputException ex) { return Invalid(ex.Errors.ToDictionary(e => Camel(e.Key), e => e.Value)); }
            catch (ProblemRuleException ex) { return Rule(ex); }
            catch (ProblemRepeatException ex)
            {
                return TypedResults.Problem(title: "重复登记", detail: ex.Message.Replace("请勾选确认", "请在请求中加上 \"confirmRepeat\": true"),
                    statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["existingId"] = ex.ExistingId });
            }
        }).WithSummary("登记问题：标题、描述、来源、性质、类别、所在县（countyId），可选专业镇、企业、牵头单位、配合单位与办理时限")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：您的角色不能登记问题")
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/steps", async Task<Results<Ok<ProblemDetail>, ProblemHttpResult>> (int id, ProblemStepRequest step, HttpContext http, ProblemService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            var user = http.DisplayName();
            var errors = new Dictionary<string, string>();
            var deadline = Date(step.Deadline, "deadline", errors);
            if (errors.Count > 0) return Invalid(errors);
            try
            {
                await (step.Action switch
                {
                    "accept" => service.AcceptAsync(scope, user, id, new AcceptInput(step.LeadUnitId, step.CooperatingUnitIds, deadline, step.Note), ct),
                    "decline" => service.DeclineAsync(scope, user, id, step.Note, ct),
                    "handle" => service.HandleAsync(scope, user, id, step.Note, ct),
                    "answer" => service.AnswerAsync(scope, user, id, step.Note, ct),
                    "confirm" => service.ConfirmAsync(scope, user, id, step.Note, ct),
                    "reopen" => service.ReopenAsync(scope, user, id, step.Note, ct),
                    "urge" => service.UrgeAsync(scope, user, id, step.Note, ct),
                    _ => throw new ProblemRuleException("action 应为 accept、decline、handle、answer、confirm、reopen 或 urge", "action"),
                });
                return TypedResults.Ok(Detail(await service.ViewAsync(scope, id, user, ct)));
            }
            catch (ProblemNotFoundException) { return ApiSupport.NotFound("问题"); }
            catch (ProblemRuleException ex) { return Rule(ex); }
        }).WithSummary("办理一步：受理（可指定牵头单位、配合单位、办理时限）、不予受理、办理、答复、提出人确认解决或退回重办，办公室督办牵头单位")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/by-unit", async (HttpContext http, ProblemService service, TownsDbContext db, string? jurisdiction = null, CancellationToken ct = default) =>
        {
            var (path, problem) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
            if (problem is not null) return (IResult)problem;
            var rows = await service.FiguresByUnitAsync(http.Scope(), path, ct);
            return TypedResults.Ok(rows.Select(r => new UnitFiguresItem(r.County, r.UnitId, r.Unit, r.Figures.Open, r.Figures.Solved, r.Figures.Overdue, r.Figures.AverageDaysToClose,
                r.Figures.AnsweredLate, r.Figures.OnTimeAnswerRate)).ToList());
        }).WithSummary("按牵头单位统计：在办、已办结、逾期、平均办结天数（按县分列）");

        group.MapGet("/form-options", async (HttpContext http, ProblemService service, [Description("选定的县（行政区划编号）：列出该县的专业镇、企业与单位")] int? countyId = null, CancellationToken ct = default) =>
        {
            if (!ProblemService.CanRaise(http.Scope()))
                return (IResult)TypedResults.Problem(title: "没有权限", detail: "您的角色不能登记问题", statusCode: StatusCodes.Status403Forbidden);
            var o = await service.FormOptionsAsync(http.Scope(), countyId, ct);
            return TypedResults.Ok(new ProblemFormChoices(
                o.Counties.Select(c => new ProblemFormChoices.Item(c.Id, c.Name)).ToList(), o.CountyId,
                o.Towns.Select(t => new ProblemFormChoices.Item(t.Id, t.Name)).ToList(),
                o.Enterprises.Select(e => new ProblemFormChoices.Item(e.Id, e.Name)).ToList(),
                o.Units.Select(u => new ProblemFormChoices.Item(u.Id, u.Name, u.Place)).ToList()));
        }).WithSummary("登记问题可选的县、专业镇、企业与单位（countyId 选定一个县）")
            .Produces<ProblemFormChoices>()
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：您的角色不能登记问题");
    }


    // A step refused for the problem's state is 409, one that is not the person's part in it 403, a field at fault 400.
    private static ProblemHttpResult Rule(ProblemRuleException ex) => ApiSupport.Refused(ex);

    private static ProblemHttpResult Invalid(Dictionary<string, string> errors) =>
        TypedResults.Problem(title: "请求参数有误", detail: string.Join("；", errors.Values), statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });

    private static string Camel(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];

    private static string Kebab<T>(T value) where T : struct, Enum => CodeLists.Code(value);

    private static string Names<T>() where T : struct, Enum => string.Join("、", CodeLists.For<T>().Entries.Select(e => e.Code));

    /// <summary>The value named by its code or its Chinese name (字典); null when it names none.</summary>
    private static T? Parse<T>(string text) where T : struct, Enum => CodeLists.TryParse<T>(text, out var value) ? value : null;

    private static T? Field<T>(string? text, string field, string what, Dictionary<string, string> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null; // the service says it is required
        if (Parse<T>(text) is { } value) return value;
        errors[field] = $"未知的{what}“{text}”，可用：{CodeLists.For<T>().Choices}";
        return null;
    }

    private static DateOnly? Date(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors[field] = $"“{text}”不是有效的日期，请写成 2025-03-05 的格式";
        return null;
    }

    private static ProblemSummary Summary(ProblemListItem p) => new(
        p.Id, p.Title, Kebab(p.Source), ProblemNames.Chinese(p.Source), Kebab(p.Kind), ProblemNames.Chinese(p.Kind),
        Kebab(p.Category), ProblemNames.Chinese(p.Category), Kebab(p.State), ProblemNames.Chinese(p.State), p.County,
        p.TownId, p.Town, p.EnterpriseId, p.Enterprise, p.LeadUnitId, p.LeadUnit, p.Deadline, Kebab(p.DeadlineStatus), p.DaysOverdue,
        p.RaisedBy, p.RaisedAtUtc, p.AnsweredOn, ProblemDeadline.LateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc));

    private static ProblemDetail Detail(ProblemView v)
    {
        var p = v.Problem;
        return new ProblemDetail(
            p.Id, p.Title, p.Description, Kebab(p.Source), ProblemNames.Chinese(p.Source), Kebab(p.Kind), ProblemNames.Chinese(p.Kind),
            Kebab(p.Category), ProblemNames.Chinese(p.Category), Kebab(p.State), ProblemNames.Chinese(p.State), v.County, v.CountyPath,
            p.SpecializedTownId, v.Town, p.EnterpriseId, v.Enterprise, p.LeadUnitId, v.LeadUnit,
            v.CooperatingUnits.Select(u => new ProblemDetail.UnitItem(u.Id, u.Name)).ToList(), p.Deadline, Kebab(v.DeadlineStatus),
            p.RaisedBy, p.RaisedAtUtc, p.LatestAnswer, ProblemDeadline.AnsweredOn(p.State, p.AnsweredAtUtc), ProblemDeadline.LateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc),
            v.Steps.Select(Kebab).ToList(),
            p.Events.OrderBy(e => e.Id).Select(e => new ProblemDetail.Step(e.AtUtc, e.UserName, e.Action,
                ProblemNames.Chinese(e.From), ProblemNames.Chinese(e.To), e.Note, e.OnBehalf)).ToList());
    }
}
