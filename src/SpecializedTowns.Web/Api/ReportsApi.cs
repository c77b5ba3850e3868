using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Reports;

namespace SpecializedTowns.Web.Api;

public sealed record ReportBody(
    decimal? OutputWanYuan, decimal? OutputYearToDateWanYuan, decimal? InvestmentYearToDateWanYuan, int? Employees, int? NewMarketEntities, int? NewAboveScaleEnterprises,
    string? Progress, string? NextMonthPlan, string? Difficulties,
    string? OutputExplanation, string? OutputYearToDateExplanation, string? InvestmentYearToDateExplanation, bool Submit = false,
    // The version read with the report (GET); a version somebody has since saved over is a 409.
    int? Version = null);

public sealed record ReportStepBody(string? Action, string? Reason);

/// <summary>A 专班; <c>recordsExisting</c> true records one set up before today, whose reportsFrom may then go back to the county's policy document.</summary>
public sealed record TaskForceBody(int? TownId, int[]? LeadUnitIds, int[]? SupportingUnitIds, int[]? TownshipIds, string? ResponsibleLeader, string? Source, string? ReportsFrom,
    bool? RecordsExisting = null);

public sealed record ReportView(
    int Id, int TaskForceId, int TownId, string Town, int Year, int Month, string State, string StateName, string Timeliness, string TimelinessName,
    DateOnly DueOn, DateOnly? ReopenedUntil, bool Open,
    decimal? OutputWanYuan, decimal? OutputYearToDateWanYuan, decimal? InvestmentYearToDateWanYuan, int? Employees, int? NewMarketEntities, int? NewAboveScaleEnterprises,
    string? Progress, string? NextMonthPlan, string? Difficulties, IReadOnlyList<ReportView.Flag> Flags,
    DateTime? FirstSubmittedAtUtc, DateTime? SubmittedAtUtc, DateTime? AcceptedAtUtc, IReadOnlyList<ReportView.Step> Steps, int Version)
{
    public sealed record Flag(string Figure, string FigureName, string Text, string? Explanation);
    public sealed record Step(string Action, string ActionName, string From, string To, string UserName, string? Reason, DateTime AtUtc);
}

/// <summary>/api/v1/reports (专班月报) and /api/v1/reports/task-forces (专班), with the same rules as the pages.</summary>
public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("专班月报");

        reports.MapGet("/", async (HttpContext http, TownsDbContext db, ReportService service,
            int page = 1, int pageSize = 50, int? year = null, int? month = null, int? townId = null,
            [Description("状态：draft（草稿）、submitted（已报送）、accepted（已审核）、returned（退回修改）")] string? state = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (month is < 1 or > 12) return ApiSupport.Invalid("month", "月份应为 1 到 12");
            if (!CodeLists.TryParse<ReportState>(state, out var s)) return ApiSupport.Invalid("state", $"未知的状态“{state}”，可用 draft、submitted、accepted、returned");
            var list = await ReportQueries.ListAsync(db, http.Scope(), new ReportFilter { Year = year, Month = month, TownId = townId, State = s, Page = page, PageSize = pageSize },
                service.Today, service.Settings, ct);
            return TypedResults.Ok(new
            {
                items = list.Items.Select(r => new
                {
                    r.Id, r.TaskForceId, r.TownId, r.Town, r.County, r.Year, r.Month, state = ProjectsApi.Key(r.State), stateName = ReportStates.Chinese(r.State),
                    timeliness = ProjectsApi.Key(r.Timeliness), timelinessName = ReportDeadline.Chinese(r.Timeliness), r.DueOn, r.ReopenedUntil,
                    r.Figures.OutputWanYuan, r.Figures.OutputYearToDateWanYuan, r.Figures.InvestmentYearToDateWanYuan, r.Figures.Employees,
                    r.Figures.NewMarketEntities, r.Figures.NewAboveScaleEnterprises, r.FirstSubmittedAtUtc, r.SubmittedAtUtc, r.AcceptedAtUtc,
                }),
                list.Total, list.Page, list.PageSize,
            });
        }).WithSummary("月报（分页；可按年、月、专业镇、状态筛选）");

        reports.MapGet("/{id:int}", async Task<Results<Ok<ReportView>, ProblemHttpResult>> (int id, HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(await ViewAsync(http, db, service, id, ct)); }
            catch (ReportNotFoundException) { return ApiSupport.NotFound("月报"); }
        }).WithSummary("一份月报：指标、工作进展、异常指标及说明、办理记录");

        reports.MapGet("/months/{year:int}/{month:int}", async (int year, int month, HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
        {
            if (!ReportMonth.IsValid(year, month)) return (IResult)ApiSupport.Invalid("month", "月份不正确");
            var overview = await ReportQueries.MonthAsync(db, http.Scope(), new ReportMonth(year, month), service.Today, service.Settings, ct: ct);
            return TypedResults.Ok(new
            {
                year, month, overview.DueOn, overview.Submitted, overview.Accepted, overview.Late, overview.Missing, overview.Drafts,
                items = overview.Rows.Select(r => new
                {
                    r.TaskForceId, r.TownId, r.Town, r.County, r.LeadUnits, r.ReportId, state = r.State is { } st ? ProjectsApi.Key(st) : null, r.StateName,
                    timeliness = ProjectsApi.Key(r.Timeliness), timelinessName = ReportDeadline.Chinese(r.Timeliness),
                    r.FirstSubmittedAtUtc, r.SubmittedAtUtc, r.AcceptedAtUtc, r.ReopenedUntil, r.Open, flags = r.Flags.Select(f => f.Text),
                }),
            });
        }).WithSummary("某月各专班报送情况：已报送、已审核、迟报、缺报、草稿");

        reports.MapGet("/months/{year:int}/{month:int}/comparison.csv", async (int year, int month, HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
        {
            if (!ReportMonth.IsValid(year, month)) return (IResult)ApiSupport.Invalid("month", "月份不正确");
            var comparison = await ReportComparison.BuildAsync(db, http.Scope(), new ReportMonth(year, month), service.Today, service.Settings, ct);
            return TypedResults.File(comparison.ToCsv(), "text/csv; charset=utf-8", comparison.FileName);
        }).WithSummary("某月各专班月报对比表（CSV，UTF-8 带 BOM，可直接用 Excel 打开）");

        reports.MapGet("/reminders", async (HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
            TypedResults.Ok((await ReportReminders.ForAsync(db, http.Scope(), service.Today, service.Settings, ct)).Select(r => new
            {
                kind = ProjectsApi.Key(r.Kind), r.TaskForceId, r.Town, r.Month.Year, r.Month.Month, r.Deadline, r.ReportId, r.Text, r.Url,
            }))).WithSummary("本人的月报提醒：即将截止、被退回、缺报、待审核");

        reports.MapPut("/{taskForceId:int}/{year:int}/{month:int}", async Task<Results<Ok<ReportView>, ProblemHttpResult>> (int taskForceId, int year, int month, ReportBody body,
            HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
        {
            if (!ReportMonth.IsValid(year, month)) return ApiSupport.Invalid("month", "月份不正确");
            try
            {
                var result = await service.SaveAsync(http.Scope(), http.DisplayName(), taskForceId, new ReportMonth(year, month), new ReportInput
                {
                    OutputWanYuan = body.OutputWanYuan, OutputYearToDateWanYuan = body.OutputYearToDateWanYuan, InvestmentYearToDateWanYuan = body.InvestmentYearToDateWanYuan,
                    Employees = body.Employees, NewMarketEntities = body.NewMarketEntities, NewAboveScaleEnterprises = body.NewAboveScaleEnterprises,
                    Progress = body.Progress, NextMonthPlan = body.NextMonthPlan, Difficulties = body.Difficulties, OutputExplanation = body.OutputExplanation,
                    OutputYearToDateExplanation = body.OutputYearToDateExplanation, InvestmentYearToDateExplanation = body.InvestmentYearToDateExplanation,
                    Version = body.Version,
                }, body.Submit, ct);
                if (result.Id is not { } id || !result.Errors.Ok)
                {
                    var problem = ApiSupport.Invalid(result.Errors);
                    problem.ProblemDetails.Extensions["flags"] = result.Flags.Select(f => new { figure = ProjectsApi.Key(f.Figure), figureName = ReportFigures.Chinese(f.Figure), f.Text }).ToList();
                    return problem;
                }
                return TypedResults.Ok(await ViewAsync(http, db, service, id, ct));
            }
            catch (ReportNotFoundException) { return ApiSupport.NotFound("专班"); }
            catch (ReportRuleException ex) { return Refused(ex); }
            catch (EditConflictException conflict) { return ApiSupport.Conflict(conflict); }
        }).WithSummary("填写某专班某月月报（保存草稿；submit=true 时一并报送）。异常指标须在对应的 …Explanation 中说明")
            .Refuses(StatusCodes.Status403Forbidden, $"无权办理：只有专班牵头单位、所在乡镇或本{SpecializedTowns.Core.Jurisdictions.CountyWords.Any}领导小组办公室可以填报此专班的月报")
            .Refuses(StatusCodes.Status409Conflict);

        reports.MapPost("/{id:int}/steps", async Task<Results<Ok<ReportView>, ProblemHttpResult>> (int id, ReportStepBody body, HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            var name = http.DisplayName();
            try
            {
                switch (body.Action)
                {
                    case "submit": await service.SubmitAsync(scope, name, id, ct); break;
                    case "accept": await service.AcceptAsync(scope, name, id, body.Reason, ct); break;
                    case "return": await service.ReturnAsync(scope, name, id, body.Reason, ct); break;
                    case "reopen":
                        var report = await service.FindAsync(scope, id, ct);
                        await service.ReopenAsync(scope, name, report.TaskForceId, report.Period, body.Reason, ct);
                        break;
                    default: return ApiSupport.Invalid("action", "action 应为 submit（报送）、accept（审核通过）、return（退回修改，须附 reason）或 reopen（重新开放，须附 reason）");
                }
                return TypedResults.Ok(await ViewAsync(http, db, service, id, ct));
            }
            catch (ReportNotFoundException) { return ApiSupport.NotFound("月报"); }
            catch (ReportRuleException ex) { return Refused(ex); }
        }).WithSummary("月报办理：报送、审核通过、退回修改、重新开放")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        reports.MapPost("/{taskForceId:int}/{year:int}/{month:int}/reopen", async Task<Results<Ok<ReportView>, ProblemHttpResult>> (int taskForceId, int year, int month, ReportStepBody body,
            HttpContext http, TownsDbContext db, ReportService service, CancellationToken ct) =>
        {
            if (!ReportMonth.IsValid(year, month)) return ApiSupport.Invalid("month", "月份不正确");
            try
            {
                var id = await service.ReopenAsync(http.Scope(), http.DisplayName(), taskForceId, new ReportMonth(year, month), body.Reason, ct);
                return TypedResults.Ok(await ViewAsync(http, db, service, id, ct));
            }
            catch (ReportNotFoundException) { return ApiSupport.NotFound("专班"); }
            catch (ReportRuleException ex) { return Refused(ex); }
        }).WithSummary("重新开放某专班已锁定的月份（含无人填报的月份），须附 reason")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        var forces = reports.MapGroup("/task-forces").WithTags("专班");
        forces.MapGet("/", async (HttpContext http, TaskForceService service, int page = 1, int pageSize = 50, int? townId = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            var list = await service.ListAsync(http.Scope(), townId, page, pageSize, ct);
            return TypedResults.Ok(new { items = list.Items.Select(TaskForceJson), list.Total, list.Page, list.PageSize });
        }).WithSummary("专班（分页；可按专业镇筛选）");

        forces.MapGet("/{id:int}", async Task<Results<Ok<object>, ProblemHttpResult>> (int id, HttpContext http, TaskForceService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(TaskForceJson(TaskForceService.Item(await service.FindAsync(http.Scope(), id, ct)))); }
            catch (ReportNotFoundException) { return ApiSupport.NotFound("专班"); }
        }).WithSummary("一个专班：牵头单位、配合单位、助推乡镇、分管县（市、区）领导、依据");

        forces.MapPost("/", async Task<Results<Created<object>, ProblemHttpResult>> (TaskForceBody body, HttpContext http, TaskForceService service, CancellationToken ct) =>
        {
            var (id, errors) = await service.SaveAsync(http.Scope(), null, Input(body), ct);
            if (id is null) return ApiSupport.Invalid(errors);
            return TypedResults.Created($"/api/v1/reports/task-forces/{id}", TaskForceJson(TaskForceService.Item(await service.FindAsync(http.Scope(), id.Value, ct))));
        }).WithSummary("设立专班（领导小组办公室）")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有专业镇所在县的领导小组办公室可以设立或调整专班");

        forces.MapPut("/{id:int}", async Task<Results<Ok<object>, ProblemHttpResult>> (int id, TaskForceBody body, HttpContext http, TaskForceService service, CancellationToken ct) =>
        {
            try
            {
                var (saved, errors) = await service.SaveAsync(http.Scope(), id, Input(body), ct);
                if (saved is null) return ApiSupport.Invalid(errors);
                return TypedResults.Ok(TaskForceJson(TaskForceService.Item(await service.FindAsync(http.Scope(), id, ct))));
            }
            catch (ReportNotFoundException) { return ApiSupport.NotFound("专班"); }
        }).WithSummary("调整专班（领导小组办公室）")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有专业镇所在县的领导小组办公室可以设立或调整专班");
    }

    private static TaskForceInput Input(TaskForceBody b) => new()
    {
        TownId = b.TownId, LeadUnitIds = b.LeadUnitIds ?? [], SupportingUnitIds = b.SupportingUnitIds ?? [], TownshipIds = b.TownshipIds ?? [],
        ResponsibleLeader = b.ResponsibleLeader, Source = b.Source, ReportsFrom = b.ReportsFrom, RecordsExisting = b.RecordsExisting == true,
    };

    private static object TaskForceJson(TaskForceListItem f) => new
    {
        f.Id, f.TownId, f.Town, f.County, f.LeadUnits, f.SupportingUnits, f.Townships, f.ResponsibleLeader, f.Source,
        reportsFrom = f.ReportsFrom.ToString(), f.IsDemo,
    };

    private static ProblemHttpResult Refused(ReportRuleException ex) => ApiSupport.Refused(ex);

    private static async Task<ReportView> ViewAsync(HttpContext http, TownsDbContext db, ReportService service, int id, CancellationToken ct)
    {
        var r = await service.FindAsync(http.Scope(), id, ct);
        var town = await db.TaskForces.AsNoTracking().Where(f => f.Id == r.TaskForceId).Select(f => new { f.SpecializedTownId, f.Town!.Name }).SingleAsync(ct);
        var flags = await service.FlagsAsync(r.TaskForceId, r.Period, r.Figures, ct);
        var settings = service.Settings;
        var timeliness = ReportDeadline.Classify(r.Period, r.FirstSubmittedAtUtc, service.Today, settings);
        return new ReportView(r.Id, r.TaskForceId, town.SpecializedTownId, town.Name, r.Year, r.Month, ProjectsApi.Key(r.State), ReportStates.Chinese(r.State),
            ProjectsApi.Key(timeliness), ReportDeadline.Chinese(timeliness), ReportDeadline.DueOn(r.Period, settings), r.ReopenedUntil,
            r.IsEditable && ReportDeadline.IsOpen(r.Period, service.Today, r.ReopenedUntil, settings),
            r.OutputWanYuan, r.OutputYearToDateWanYuan, r.InvestmentYearToDateWanYuan, r.Employees, r.NewMarketEntities, r.NewAboveScaleEnterprises,
            r.Progress, r.NextMonthPlan, r.Difficulties,
            flags.Select(f => new ReportView.Flag(ProjectsApi.Key(f.Figure), ReportFigures.Chinese(f.Figure), f.Text, r.Explanation(f.Figure))).ToList(),
            r.FirstSubmittedAtUtc, r.SubmittedAtUtc, r.AcceptedAtUtc,
            r.Steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new ReportView.Step(ProjectsApi.Key(s.Action), ReportStates.Chinese(s.Action),
                ProjectsApi.Key(s.From), ProjectsApi.Key(s.To), s.UserName, s.Reason, s.AtUtc)).ToList(), r.Version);
    }
}
