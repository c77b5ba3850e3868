using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Api;

public sealed record TaskItem(
    int Id, int PlanId, string Plan, int Year, string Group, string? Number, string Title, string? Source,
    IReadOnlyList<UnitRef> LeadUnits, IReadOnlyList<UnitRef> CooperatingUnits, DateOnly Deadline, DateOnly OriginalDeadline,
    decimal Progress, string Status, string StatusName, decimal Weight, int Milestones, int MilestonesDone, bool PendingExtension)
{
    public static TaskItem From(TaskRow r) => new(
        r.Id, r.PlanId, r.Plan, r.Year, r.Group, r.Number, r.Title, r.Source, r.LeadUnits, r.CooperatingUnits, r.Deadline, r.OriginalDeadline,
        Math.Round(r.Progress, 1), TaskLights.Key(r.Light), TaskLights.Chinese(r.Light), r.Weight, r.Milestones, r.MilestonesDone, r.PendingExtension);
}

public sealed record TaskDetail(
    int Id, TaskDetail.PlanRef Plan, string Group, string? Number, string Title, string? Source, string Measures,
    decimal? TargetValue, string? TargetUnit, decimal? CurrentValue, decimal Weight, DateOnly Deadline, DateOnly OriginalDeadline, DateOnly? DoneOn,
    decimal Progress, string Status, string StatusName, IReadOnlyList<UnitRef> LeadUnits, IReadOnlyList<UnitRef> CooperatingUnits,
    IReadOnlyList<TaskDetail.MilestoneItem> Milestones, IReadOnlyList<TaskDetail.NoteItem> Notes, IReadOnlyList<TaskDetail.ExtensionItem> Extensions,
    string Role, TaskDetail.Rights Can,
    [property: Description("需核对但不影响保存的提示（与任务页面所示相同），如完成值已达到目标而进度未到 100%；没有时为空数组")] IReadOnlyList<string> Warnings)
{
    public sealed record PlanRef(int Id, string Title, int Year, string Place);

    public sealed record MilestoneItem(int Id, string Title, DateOnly Deadline, DateOnly OriginalDeadline, decimal Weight, int Progress, bool Done, DateOnly? DoneOn, string Status, string StatusName);

    public sealed record NoteItem(DateTime AtUtc, string User, string? Unit, int? MilestoneId, string Text);

    public sealed record ExtensionItem(int Id, int? MilestoneId, string Target, DateOnly PreviousDeadline, DateOnly RequestedDeadline, string Reason,
        DateTime RequestedAtUtc, string RequestedBy, string? RequestedByUnit, string State, string StateName,
        DateTime? DecidedAtUtc, string? DecidedBy, string? DecisionNote);

    public sealed record Rights(bool ReportProgress, bool Note, bool RequestExtension, bool Decide, bool Manage);

    public static TaskDetail From(TaskView v)
    {
        var t = v.Task;
        return new TaskDetail(t.Id, new PlanRef(v.Plan.Id, v.Plan.Title, v.Plan.Year, v.Place), v.Group, t.Number, t.Title, t.Source, t.Measures,
            t.TargetValue, t.TargetUnit, t.CurrentValue, t.Weight, t.Deadline, t.OriginalDeadline, t.DoneOn,
            Math.Round(v.Progress, 1), TaskLights.Key(v.Light), TaskLights.Chinese(v.Light),
            t.LeadUnits.Select(u => new UnitRef(u.UnitId, u.Unit!.Name)).ToList(), t.CooperatingUnits.Select(u => new UnitRef(u.UnitId, u.Unit!.Name)).ToList(),
            t.Milestones.Select(m => new MilestoneItem(m.Id, m.Title, m.Deadline, m.OriginalDeadline, m.Weight, m.Progress, m.IsDone, m.DoneOn,
                TaskLights.Key(v.MilestoneLights[m.Id]), TaskLights.Chinese(v.MilestoneLights[m.Id]))).ToList(),
            t.Notes.Select(n => new NoteItem(n.AtUtc, n.UserName, n.UnitName, n.MilestoneId, n.Text)).ToList(),
            t.Extensions.Select(e => new ExtensionItem(e.Id, e.MilestoneId, v.MilestoneTitle(e.MilestoneId), e.PreviousDeadline, e.RequestedDeadline, e.Reason,
                e.RequestedAtUtc, e.RequestedBy, e.RequestedByUnit, e.State.ToString().ToLowerInvariant(), ExtensionRequest.Chinese(e.State),
                e.DecidedAtUtc, e.DecidedBy, e.DecisionNote)).ToList(),
            v.Role.ToString().ToLowerInvariant(), new Rights(v.CanReport, v.CanNote, v.CanRequestExtension, v.CanManage, v.CanManage),
            // The task page's own warning, so that a report made by API hears what the page would have shown after it.
            t.ValueWarning is { } valueWarning ? [valueWarning] : []);
    }
}

public sealed record PlanDetail(
    int Id, string Title, int Year, string Place, string? Town, string PolicyId, string? PolicyNumber, decimal Progress,
    IReadOnlyDictionary<string, int> Statuses, bool OnlyOwnTasks, IReadOnlyList<PlanDetail.Group> Groups)
{
    public sealed record Group(int Id, string Title, decimal Weight, decimal Progress, IReadOnlyList<TaskItem> Tasks);

    public static PlanDetail From(PlanView v) => new(
        v.Plan.Id, v.Plan.Title, v.Plan.Year, v.Place, v.Town, v.Plan.PolicyId, v.Pack?.Document.Number, Math.Round(v.Progress, 1),
        v.Counts.ToDictionary(c => TaskLights.Key(c.Key), c => c.Value), v.OnlyOwnTasks,
        v.Groups.Select(g => new Group(g.Id, g.Title, g.Weight, Math.Round(g.Progress, 1), g.Tasks.Select(TaskItem.From).ToList())).ToList());
}

// A field's [Range] is what the message for a value that is not a number asks for (JsonBodyProblems), and the document's bounds.
public sealed record ProgressBody(int? MilestoneId,
    [property: Range(ProgressReport.MinProgress, ProgressReport.MaxProgress), Description("进度 %，0 到 100 的整数")] int? Progress,
    bool? Done, decimal? CurrentValue, string? Note);

public sealed record NoteBody(string? Note);

public sealed record MilestoneBody(string? Title, DateOnly? Deadline, decimal? Weight);

public sealed record ExtensionBody(int? MilestoneId, DateOnly? NewDeadline, string? Reason);

public sealed record DecisionBody(bool? Approve, string? Note);

/// <param name="CarryOn">true to plan a year outside the document's 执行期 (延用 until a new document).</param>
public sealed record NewPlanBody(string? PolicyId, [property: Range(CalendarBounds.MinYear, CalendarBounds.MaxYear)] int? Year, string? Jurisdiction, int? TownId, string? Title, bool? CarryOn = null);

/// <summary>
/// /api/v1/tasks: the responsibility lists with the pages' rules — a member unit its own tasks, an office its place,
/// 404 outside the scope, 403 for a step the person's role does not allow, 400 naming the field, 409 for a state conflict.
/// </summary>
public static class TasksApi
{
    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tasks").WithTags("责任清单");
        // Experts review recognition applications only; the responsibility lists are not theirs to see.
        group.AddEndpointFilter(async (ctx, next) => TaskService.HasAccess(ctx.HttpContext.Scope())
            ? await next(ctx)
            : TypedResults.Problem(title: "没有权限", detail: "评审专家不参与责任清单", statusCode: StatusCodes.Status403Forbidden))
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：评审专家不参与责任清单；填报、审批等由任务的责任单位或领导小组办公室按各自职责办理");

        group.MapGet("/", ListAsync).WithSummary("任务（分页；可按计划 plan、单位 unit、状态 status、是否逾期 overdue 筛选）；成员单位只看到本单位牵头或配合的任务");
        group.MapGet("/{id:int}", async Task<Results<Ok<TaskDetail>, ProblemHttpResult>> (int id, HttpContext http, TaskService tasks, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(TaskDetail.From(await tasks.TaskAsync(http.Scope(), id, ct))); }
            catch (Exception ex) when (Refusal(ex) is { } problem) { return problem; }
        }).WithSummary("一项任务：责任单位、措施、目标、里程碑、进展记录与延期申请");

        group.MapPost("/{id:int}/progress", (int id, ProgressBody body, HttpContext http, TaskService tasks, CancellationToken ct) =>
            StepAsync(http, tasks, id, (s, u) => tasks.ReportAsync(s, u, id, new ProgressReport(body.MilestoneId, body.Progress, body.Done, body.CurrentValue, body.Note), ct), ct))
            .WithSummary("填报进展（牵头单位、办公室）：里程碑或任务本身的进度 %、是否完成、目标完成值、说明；完成值已达到目标而进度未到 100% 等需核对之处在 warnings 中提示，不影响保存")
            .Produces<TaskDetail>()
            .Refuses(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/notes", (int id, NoteBody body, HttpContext http, TaskService tasks, CancellationToken ct) =>
            StepAsync(http, tasks, id, (s, u) => tasks.NoteAsync(s, u, id, body.Note, ct), ct))
            .WithSummary("填写进展说明（牵头单位、配合单位、办公室）")
            .Produces<TaskDetail>()
            .Refuses(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/milestones", (int id, MilestoneBody body, HttpContext http, TaskService tasks, CancellationToken ct) =>
            StepAsync(http, tasks, id, (s, u) => tasks.AddMilestoneAsync(s, u, id, body.Title, body.Deadline, body.Weight, ct), ct))
            .WithSummary("分解里程碑（牵头单位、办公室）")
            .Produces<TaskDetail>()
            .Refuses(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/extensions", (int id, ExtensionBody body, HttpContext http, TaskService tasks, CancellationToken ct) =>
            StepAsync(http, tasks, id, (s, u) => tasks.RequestExtensionAsync(s, u, id, body.MilestoneId, body.NewDeadline, body.Reason, ct), ct))
            .WithSummary("申请延期（牵头单位）：任务或某个里程碑的新期限与理由")
            .Produces<TaskDetail>()
            .Refuses(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/extensions/{extensionId:int}/decision", (int id, [Description("延期申请的编号（任务详情 extensions 中的 id）")] int extensionId, DecisionBody body, HttpContext http, TaskService tasks, CancellationToken ct) =>
            body.Approve is { } approve
                ? StepAsync(http, tasks, id, (s, u) => tasks.DecideExtensionAsync(s, u, id, extensionId, approve, body.Note, ct), ct)
                : Task.FromResult<IResult>(ApiSupport.Invalid("approve", "请说明批准（approve: true）或驳回（approve: false）")))
            .WithSummary("审批延期申请（领导小组办公室）：批准后期限改为申请的日期，原期限与审批意见保留")
            .Produces<TaskDetail>()
            .Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/plans", async Task<Results<Ok<Paged<PlanListItem>>, ProblemHttpResult>> (HttpContext http, TaskService tasks, int page = 1, int pageSize = 50,
            [Description("计划年度（四位年份，如 2024）")] string? year = null, [Description("计划名称（包含即可）")] string? search = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
            if (Number(year, "year", "年度（year）应为四位年份") is var (y, problem) && problem is not null) return problem;
            return TypedResults.Ok(await tasks.ListPlansAsync(http.Scope(), y, search, page, pageSize, ct));
        }).WithSummary("年度行动计划（分页，可按年度 year、名称 search 筛选）");
        group.MapGet("/plans/{id:int}", async Task<Results<Ok<PlanDetail>, ProblemHttpResult>> (int id, HttpContext http, TaskService tasks, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(PlanDetail.From(await tasks.PlanAsync(http.Scope(), id, ct))); }
            catch (Exception ex) when (Refusal(ex) is { } problem) { return problem; }
        }).WithSummary("一份行动计划：分组、任务、加权进度与红黄绿灰统计");
        group.MapPost("/plans", CreatePlanAsync).WithSummary("从政策文件新建年度行动计划（办公室）：policyId、year，及 jurisdiction（县市名称）或 townId 之一；year 在文件执行期外时须 carryOn: true（延用）")
            .Produces<PlanDetail>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status409Conflict);
        group.MapGet("/overdue", async Task<Results<Ok<IReadOnlyList<UnitOverdue>>, ProblemHttpResult>> (HttpContext http, TaskService tasks,
            [Description("行动计划的编号（/api/v1/tasks/plans 中的 id）")] string? plan = null, [Description("计划年度（四位年份，如 2024）")] string? year = null, CancellationToken ct = default) =>
        {
            if (Number(plan, "plan", "计划（plan）应为行动计划的编号") is var (p, badPlan) && badPlan is not null) return badPlan;
            if (Number(year, "year", "年度（year）应为四位年份") is var (y, badYear) && badYear is not null) return badYear;
            return TypedResults.Ok(await tasks.OverdueByUnitAsync(http.Scope(), p, y, ct));
        })
            .WithSummary("逾期清单：按牵头单位列出逾期的任务和里程碑");
    }

    private static async Task<Results<Ok<Paged<TaskItem>>, ProblemHttpResult>> ListAsync(
        HttpContext http, TaskService tasks, int page = 1, int pageSize = 50,
        [Description("行动计划的编号（/api/v1/tasks/plans 中的 id）")] string? plan = null,
        [Description("单位编号：该单位牵头或配合的任务（见任务的 leadUnits、cooperatingUnits）")] string? unit = null,
        [Description("状态：not-started（未开始，灰）、on-track（正常推进，绿）、due-soon（临期，黄）、overdue（逾期，红）、done（已完成）")] string? status = null,
        [Description("true 只列逾期的任务，false 只列未逾期的")] string? overdue = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (Number(plan, "plan", "计划（plan）应为行动计划的编号") is var (planId, badPlan) && badPlan is not null) return badPlan;
        if (Number(unit, "unit", "单位（unit）应为单位编号，见任务的 leadUnits、cooperatingUnits") is var (unitId, badUnit) && badUnit is not null) return badUnit;
        if (!CodeLists.TryParse<TaskLight>(status, out var light))
            return ApiSupport.Invalid("status", $"未知的状态（status）“{status}”，可用：{CodeLists.TaskLight.Choices}");
        bool? late = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var o)) return ApiSupport.Invalid("overdue", "是否逾期（overdue）应为 true 或 false");
            late = o;
        }
        var result = await tasks.ListTasksAsync(http.Scope(), new TaskFilter(planId, unitId, light, late, page, pageSize), ct);
        return TypedResults.Ok(new Paged<TaskItem>(result.Items.Select(TaskItem.From).ToList(), result.Total, result.Page, result.PageSize));
    }

    /// <summary>A positive whole number from the query, or a problem naming the field (the framework's own binding error would not).</summary>
    private static (int? Value, ProblemHttpResult? Problem) Number(string? text, string field, string message) =>
        text is null ? (null, null) : int.TryParse(text, out var n) && n > 0 ? (n, null) : (null, ApiSupport.Invalid(field, message));

    private static async Task<IResult> CreatePlanAsync(NewPlanBody body, HttpContext http, TaskService tasks, TownsDbContext db, CancellationToken ct)
    {
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, body.Jurisdiction, ct);
        if (unknown is not null) return unknown;
        int? jurisdictionId = path is null ? null : await db.Jurisdictions.Where(j => j.Path == path).Select(j => (int?)j.Id).SingleAsync(ct);
        try
        {
            var id = await tasks.CreatePlanAsync(http.Scope(), http.DisplayName(), new NewPlan(body.PolicyId, body.Year, jurisdictionId, body.TownId, body.Title, body.CarryOn == true), ct);
            return TypedResults.Created($"/api/v1/tasks/plans/{id}", PlanDetail.From(await tasks.PlanAsync(http.Scope(), id, ct)));
        }
        catch (Exception ex) when (Refusal(ex, ("jurisdictionId", "jurisdiction")) is { } problem) { return problem; }
    }

    private static async Task<IResult> StepAsync(HttpContext http, TaskService tasks, int id, Func<UserScope, string, Task> step, CancellationToken ct)
    {
        var scope = http.Scope();
        try
        {
            await step(scope, http.DisplayName());
            return TypedResults.Ok(TaskDetail.From(await tasks.TaskAsync(scope, id, ct)));
        }
        catch (Exception ex) when (Refusal(ex) is { } problem) { return problem; }
    }

    /// <summary>The name the history shows: the account's display name (垣曲县农业农村局), not its login.</summary>

    /// <summary>The problem a refused request answers with; null for anything else, which is a fault and goes to the error handler.</summary>
    private static ProblemHttpResult? Refusal(Exception ex, params (string From, string To)[] renames) => ex switch
    {
        TaskNotFoundException => ApiSupport.NotFound(ex.Message.StartsWith("行动计划") ? "行动计划" : "任务"),
        TaskRuleException { IsInvalidInput: true } rule => TypedResults.Problem(title: "请求参数有误", detail: rule.Message, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = rule.Errors.ToDictionary(e => renames.FirstOrDefault(r => r.From == e.Key).To ?? e.Key, e => new[] { e.Value }),
            }),
        IRefusal refusal => ApiSupport.Refused(refusal),
        _ => null,
    };
}
