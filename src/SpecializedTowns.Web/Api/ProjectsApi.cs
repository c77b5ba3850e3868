using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Projects;

namespace SpecializedTowns.Web.Api;

public sealed record ProjectBody(string? Name, int? TownId, int? OwnerEnterpriseId, string? OwnerName, string? Kind, string? Role, string? Description,
    decimal? TotalInvestmentWanYuan, decimal? AnnualPlannedInvestmentWanYuan, [property: Range(Core.CalendarBounds.MinYear, Core.CalendarBounds.MaxYear)] int? PlanYear,
    int? ResponsibleUnitId, string? ResponsibleLeader,
    DateOnly? PlannedSignedOn, DateOnly? PlannedStartOn, DateOnly? PlannedProductionOn, DateOnly? PlannedTargetOn,
    // The version read with the project (GET); sent back on PUT, a version somebody has since saved over is a 409.
    int? Version = null);

public sealed record StageBody(string? Stage, DateOnly? On, string? Note);

public sealed record ProjectProgressBody([property: Range(Core.CalendarBounds.MinYear, Core.CalendarBounds.MaxYear)] int Year, [property: Range(1, 12)] int Month,
    decimal? InvestmentCompletedWanYuan, string? PhysicalProgress, string? Difficulties);

public sealed record GuaranteeBody(string? Status, int? UnitId, string? Note);

public sealed record ProjectView(int Id, string Name, int TownId, string Town, string County, string Owner, int? OwnerEnterpriseId,
    string Kind, string KindName, string Role, string RoleName, string? Description, decimal TotalInvestmentWanYuan, decimal AnnualPlannedInvestmentWanYuan,
    int PlanYear, decimal CompletedInPlanYearWanYuan, string? ResponsibleUnit, string? ResponsibleLeader, string Stage, string StageName,
    IReadOnlyList<ProjectView.Milestone> Milestones, IReadOnlyList<ProjectView.Guarantee> Guarantees, IReadOnlyList<ProjectView.MonthReport> Progress,
    string Warning, IReadOnlyList<string> Warnings, int Version, DateOnly? LandedOn)
{
    public sealed record Milestone(string Stage, string StageName, DateOnly? PlannedOn, DateOnly? ReachedOn);
    public sealed record Guarantee(string Kind, string KindName, string Status, string StatusName, string? Unit, string? Note);
    public sealed record MonthReport(int Year, int Month, decimal InvestmentCompletedWanYuan, string PhysicalProgress, string? Difficulties, string ReportedBy);
}

public sealed record LeadBody(string? Name, int? TownId, string? TargetEnterprise, string? ChainLink, string? ChainPosition, string? Channel,
    decimal? IntendedInvestmentWanYuan, int? ResponsibleUnitId, string? Contact, string? Notes, DateOnly? FirstContactOn);

/// <summary>A lead's step; landing also names the key project's owner, annual plan and planned 开工 (and 投产) dates.</summary>
public sealed record LeadStepBody(string? Action, DateOnly? On, string? Reason, string? OwnerName = null, decimal? AnnualPlannedInvestmentWanYuan = null,
    DateOnly? PlannedStartOn = null, DateOnly? PlannedProductionOn = null);

/// <summary>/api/v1/projects (重点项目库) and /api/v1/investment-leads (招商引资项目库), with the same rules as the pages.</summary>
public static class ProjectsApi
{
    public static void MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("重点项目");
        projects.MapGet("/", async (HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings,
            int page = 1, int pageSize = 50, string? search = null, int? townId = null,
            [Description("阶段：planning（谋划储备）、signed（签约）、started（开工）、in-production（投产）、at-target（达效）")] string? stage = null,
            [Description("建设性质：new（新建）、expansion（扩建）、tech-upgrade（技改）")] string? kind = null,
            [Description("项目类别：flagship（标志性引领性）、short-board（补短板强弱项）")] string? role = null,
            [Description("预警级别：yellow（黄色预警）、red（红色预警）")] string? warning = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<ProjectStage>(stage, out var s)) return ApiSupport.Invalid("stage", $"未知的阶段“{stage}”，可用 planning、signed、started、in-production、at-target");
            if (!CodeLists.TryParse<ProjectKind>(kind, out var k)) return ApiSupport.Invalid("kind", $"未知的建设性质“{kind}”，可用 new、expansion、tech-upgrade");
            if (!CodeLists.TryParse<ProjectRole>(role, out var r)) return ApiSupport.Invalid("role", $"未知的项目类别“{role}”，可用 flagship、short-board");
            if (!CodeLists.TryParse<WarningLevel>(warning, out var w)) return ApiSupport.Invalid("warning", $"未知的预警级别“{warning}”，可用 yellow、red");
            var list = await ProjectQueries.ListAsync(db, http.Scope(), new ProjectFilter
            {
                Search = search, TownId = townId, Stage = s, Kind = k, Role = r, Warning = w, Page = page, PageSize = pageSize,
            }, service.Today, settings, ct);
            return TypedResults.Ok(new
            {
                items = list.Items.Select(i => new
                {
                    i.Id, i.Name, i.TownId, i.Town, i.County, i.Owner, kind = Key(i.Kind), role = Key(i.Role), i.TotalInvestmentWanYuan,
                    i.AnnualPlannedInvestmentWanYuan, i.CompletedInPlanYearWanYuan, i.PlanYear, stage = Key(i.Stage), stageName = ProjectTerms.Chinese(i.Stage),
                    i.NextPlannedOn, i.Unit, warning = Key(i.Warning), warnings = i.Warnings.Select(x => x.Text), i.LandedOn,
                }),
                list.Total, list.Page, list.PageSize,
            });
        }).WithSummary("重点项目（分页；可按专业镇、阶段、建设性质、类别、预警级别筛选），按预警排序");

        projects.MapGet("/{id:int}", async Task<Results<Ok<ProjectView>, ProblemHttpResult>> (int id, HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(await ViewAsync(db, service, settings, http, id, ct)); }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("重点项目"); }
        }).WithSummary("一个重点项目：各阶段计划与实际日期、要素保障、月度进展、预警");

        projects.MapPost("/", async Task<Results<Created<ProjectView>, ProblemHttpResult>> (ProjectBody body, HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings, CancellationToken ct) =>
        {
            if (Input(body) is not { } input) return ApiSupport.Invalid(EnumErrors(body));
            var (id, errors) = await service.SaveAsync(http.Scope(), null, input, ct);
            if (id is null) return ApiSupport.Invalid(errors);
            return TypedResults.Created($"/api/v1/projects/{id}", await ViewAsync(db, service, settings, http, id.Value, ct));
        }).WithSummary("登记重点项目（领导小组办公室）")
            .Refuses(StatusCodes.Status403Forbidden);

        projects.MapPut("/{id:int}", async Task<Results<Ok<ProjectView>, ProblemHttpResult>> (int id, ProjectBody body, HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings, CancellationToken ct) =>
        {
            if (Input(body) is not { } input) return ApiSupport.Invalid(EnumErrors(body));
            try
            {
                var (saved, errors) = await service.SaveAsync(http.Scope(), id, input, ct);
                if (saved is null) return ApiSupport.Invalid(errors);
                return TypedResults.Ok(await ViewAsync(db, service, settings, http, id, ct));
            }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("重点项目"); }
            catch (EditConflictException conflict) { return ApiSupport.Conflict(conflict); }
        }).WithSummary("修改重点项目（领导小组办公室）；带上读取时的 version，期间已被他人修改则返回 409")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        projects.MapPost("/{id:int}/stage", async Task<Results<Ok<ProjectView>, ProblemHttpResult>> (int id, StageBody body, HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings, CancellationToken ct) =>
        {
            if (!CodeLists.TryParse<ProjectStage>(body.Stage, out var stage) || stage is null) return ApiSupport.Invalid("stage", "请指定到达的阶段：signed、started、in-production 或 at-target");
            if (body.On is not { } on) return ApiSupport.Invalid("on", "请填写到达该阶段的日期");
            try
            {
                await service.AdvanceAsync(http.Scope(), http.DisplayName(), id, stage.Value, on, body.Note, ct);
                return TypedResults.Ok(await ViewAsync(db, service, settings, http, id, ct));
            }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("重点项目"); }
            catch (ProjectRuleException ex) { return Rule(ex); }
        }).WithSummary("项目到达下一阶段（签约、开工、投产、达效），附日期")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        projects.MapPut("/{id:int}/progress", async Task<Results<Ok<ProjectView>, ProblemHttpResult>> (int id, ProjectProgressBody body, HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings, CancellationToken ct) =>
        {
            try
            {
                var errors = await service.ReportAsync(http.Scope(), http.DisplayName(), id, new ProgressInput
                {
                    Year = body.Year, Month = body.Month, InvestmentCompletedWanYuan = body.InvestmentCompletedWanYuan,
                    PhysicalProgress = body.PhysicalProgress ?? "", Difficulties = body.Difficulties,
                }, ct);
                if (!errors.Ok) return ApiSupport.Invalid(errors);
                return TypedResults.Ok(await ViewAsync(db, service, settings, http, id, ct));
            }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("重点项目"); }
        }).WithSummary("填报或更正某月进展（当月完成投资、形象进度、困难问题）")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有责任单位、所在乡镇或领导小组办公室可以填报此项目的进展");

        projects.MapPut("/{id:int}/guarantees/{kind}", async Task<Results<Ok<ProjectView>, ProblemHttpResult>> (int id, [Description("要素：land（用地）、energy（用能）、environmental-assessment（环评）、financing（融资）")] string kind, GuaranteeBody body, HttpContext http, TownsDbContext db, ProjectService service, ProjectWarningSettings settings, CancellationToken ct) =>
        {
            if (!CodeLists.TryParse<GuaranteeKind>(kind, out var k) || k is null) return ApiSupport.Invalid("kind", "要素应为 land、energy、environmental-assessment 或 financing");
            if (!CodeLists.TryParse<GuaranteeStatus>(body.Status, out var st) || st is null) return ApiSupport.Invalid("status", "状态应为 not-needed、pending、in-progress、secured 或 blocked");
            try
            {
                await service.UpdateGuaranteeAsync(http.Scope(), id, k.Value, st.Value, body.UnitId, body.Note, ct);
                return TypedResults.Ok(await ViewAsync(db, service, settings, http, id, ct));
            }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("重点项目"); }
            catch (ProjectRuleException ex) { return Rule(ex); }
        }).WithSummary("更新一项要素保障（用地、用能、环评、融资）")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        var leads = app.MapGroup("/api/v1/investment-leads").WithTags("招商引资");
        leads.MapGet("/", async (HttpContext http, LeadService service, int page = 1, int pageSize = 50, string? search = null, int? townId = null,
            [Description("阶段：negotiating（洽谈）、signed（签约）、landed（落地）、dropped（终止）")] string? stage = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<LeadStage>(stage, out var s)) return ApiSupport.Invalid("stage", $"未知的阶段“{stage}”，可用 negotiating、signed、landed、dropped");
            var list = await service.ListAsync(http.Scope(), search, townId, s, page, pageSize, ct);
            return TypedResults.Ok(new { items = list.Items.Select(LeadJson), list.Total, list.Page, list.PageSize });
        }).WithSummary("招商引资项目（分页；可按专业镇、阶段筛选）");

        leads.MapGet("/{id:int}", async Task<Results<Ok<object>, ProblemHttpResult>> (int id, HttpContext http, LeadService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(LeadJson(await service.FindAsync(http.Scope(), id, ct))); }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("招商引资项目"); }
        }).WithSummary("一个招商引资项目");

        leads.MapPost("/", async Task<Results<Created<object>, ProblemHttpResult>> (LeadBody body, HttpContext http, LeadService service, CancellationToken ct) =>
        {
            var errors = new Data.Enterprises.FieldErrors();
            if (!CodeLists.TryParse<ChainLink>(body.ChainLink, out var link)) errors["ChainLink"] = "产业链环节应为 extend（延链）、fill（补链）或 strengthen（强链）";
            if (!CodeLists.TryParse<LeadChannel>(body.Channel, out var channel)) errors["Channel"] = $"未知的招商方式“{body.Channel}”，可用：{CodeLists.LeadChannel.Choices}";
            if (!errors.Ok) return ApiSupport.Invalid(errors);
            var (id, saveErrors) = await service.SaveAsync(http.Scope(), null, new LeadInput
            {
                Name = body.Name ?? "", TownId = body.TownId, TargetEnterprise = body.TargetEnterprise ?? "", ChainLink = link, ChainPosition = body.ChainPosition ?? "",
                Channel = channel, IntendedInvestmentWanYuan = body.IntendedInvestmentWanYuan, ResponsibleUnitId = body.ResponsibleUnitId,
                Contact = body.Contact, Notes = body.Notes, FirstContactOn = body.FirstContactOn,
            }, ct);
            if (id is null) return ApiSupport.Invalid(saveErrors);
            return TypedResults.Created($"/api/v1/investment-leads/{id}", LeadJson(await service.FindAsync(http.Scope(), id.Value, ct)));
        }).WithSummary("登记招商引资项目（领导小组办公室）")
            .Refuses(StatusCodes.Status403Forbidden);

        leads.MapPost("/{id:int}/steps", async Task<Results<Ok<object>, ProblemHttpResult>> (int id, LeadStepBody body, HttpContext http, LeadService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            try
            {
                switch (body.Action)
                {
                    case "sign" when body.On is { } on: await service.SignAsync(scope, id, on, ct); break;
                    case "land" when body.On is { } on:
                        var (project, errors) = await service.LandAsync(scope, id, new LandingInput
                        {
                            On = on, OwnerName = body.OwnerName, AnnualPlannedInvestmentWanYuan = body.AnnualPlannedInvestmentWanYuan,
                            PlannedStartOn = body.PlannedStartOn, PlannedProductionOn = body.PlannedProductionOn,
                        }, ct);
                        if (project is null) return ApiSupport.Invalid(errors);
                        break;
                    case "drop": await service.DropAsync(scope, id, body.Reason ?? "", ct); break;
                    case "sign" or "land": return ApiSupport.Invalid("on", "请填写日期");
                    default: return ApiSupport.Invalid("action", "action 应为 sign（签约）、land（落地，转为重点项目）或 drop（终止）");
                }
                return TypedResults.Ok(LeadJson(await service.FindAsync(scope, id, ct)));
            }
            catch (ProjectNotFoundException) { return ApiSupport.NotFound("招商引资项目"); }
            catch (ProjectRuleException ex) { return Rule(ex); }
        }).WithSummary("签约、落地（转为重点项目，须给出业主 ownerName、年度计划投资 annualPlannedInvestmentWanYuan 和计划开工日期 plannedStartOn）或终止洽谈")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);
    }

    private static object LeadJson(LeadListItem l) => new
    {
        l.Id, l.Name, l.Town, l.TargetEnterprise, chainLink = Key(l.ChainLink), chainLinkName = LeadTerms.Chinese(l.ChainLink), l.ChainPosition,
        channel = Key(l.Channel), channelName = LeadTerms.Chinese(l.Channel), l.IntendedInvestmentWanYuan, stage = Key(l.Stage), stageName = LeadTerms.Chinese(l.Stage),
        l.FirstContactOn, l.SignedOn, l.LandedOn, l.Unit, l.KeyProjectId,
    };

    private static object LeadJson(InvestmentLead l) => LeadJson(new LeadListItem(l.Id, l.Name, l.Town?.Name ?? "", l.TargetEnterprise, l.ChainLink, l.ChainPosition,
        l.Channel, l.IntendedInvestmentWanYuan, l.Stage, l.FirstContactOn, l.SignedOn, l.LandedOn, l.ResponsibleUnit?.Name, l.KeyProjectId));

    private static async Task<ProjectView> ViewAsync(TownsDbContext db, ProjectService service, ProjectWarningSettings settings, HttpContext http, int id, CancellationToken ct)
    {
        var p = await service.FindAsync(http.Scope(), id, ct);
        var names = await db.Projects.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { Town = x.Town!.Name, County = x.County!.Name, Unit = x.ResponsibleUnit!.Name }).SingleAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => p.Guarantees.Select(g => g.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var progress = await db.ProjectProgress.AsNoTracking().Where(x => x.ProjectId == id).OrderBy(x => x.Year).ThenBy(x => x.Month).ToListAsync(ct);
        var completed = PlanYearCompletion.Of(progress.Select(x => (x.Year, x.Month, x.InvestmentCompletedWanYuan)), p.PlanYear, service.Today);
        var done = completed.TotalWanYuan;
        var warnings = ProjectWarnings.For(p, completed, service.Today, settings);
        return new ProjectView(p.Id, p.Name, p.SpecializedTownId, names.Town, names.County, p.OwnerName, p.OwnerEnterpriseId, Key(p.Kind), ProjectTerms.Chinese(p.Kind),
            Key(p.Role), ProjectTerms.Chinese(p.Role), p.Description, p.TotalInvestmentWanYuan, p.AnnualPlannedInvestmentWanYuan, p.PlanYear, done,
            names.Unit, p.ResponsibleLeader, Key(p.Stage), ProjectTerms.Chinese(p.Stage),
            ProjectTerms.Milestones.Select(m => new ProjectView.Milestone(Key(m), ProjectTerms.Chinese(m), p.PlannedOn(m), p.ReachedOn(m))).ToList(),
            p.Guarantees.OrderBy(g => g.Kind).Select(g => new ProjectView.Guarantee(Key(g.Kind), GuaranteeTerms.Chinese(g.Kind), Key(g.Status), GuaranteeTerms.Chinese(g.Status),
                g.UnitId is { } u ? units.GetValueOrDefault(u) : null, g.Note)).ToList(),
            progress.Select(x => new ProjectView.MonthReport(x.Year, x.Month, x.InvestmentCompletedWanYuan, x.PhysicalProgress, x.Difficulties, x.ReportedBy)).ToList(),
            Key(ProjectWarnings.LevelOf(warnings)), warnings.Select(x => x.Text).ToList(), p.Version, p.LandedOn);
    }

    private static ProjectInput? Input(ProjectBody b)
    {
        if (!CodeLists.TryParse<ProjectKind>(b.Kind, out var kind) || !CodeLists.TryParse<ProjectRole>(b.Role, out var role)) return null;
        return new ProjectInput
        {
            Name = b.Name ?? "", TownId = b.TownId, OwnerEnterpriseId = b.OwnerEnterpriseId, OwnerName = b.OwnerName, Kind = kind, Role = role,
            Description = b.Description, TotalInvestmentWanYuan = b.TotalInvestmentWanYuan, AnnualPlannedInvestmentWanYuan = b.AnnualPlannedInvestmentWanYuan,
            PlanYear = b.PlanYear, ResponsibleUnitId = b.ResponsibleUnitId, ResponsibleLeader = b.ResponsibleLeader,
            PlannedSignedOn = b.PlannedSignedOn, PlannedStartOn = b.PlannedStartOn, PlannedProductionOn = b.PlannedProductionOn, PlannedTargetOn = b.PlannedTargetOn,
            Version = b.Version,
        };
    }

    private static Data.Enterprises.FieldErrors EnumErrors(ProjectBody b)
    {
        var errors = new Data.Enterprises.FieldErrors();
        if (!CodeLists.TryParse<ProjectKind>(b.Kind, out _)) errors["Kind"] = "建设性质应为 new（新建）、expansion（扩建）或 tech-upgrade（技改）";
        if (!CodeLists.TryParse<ProjectRole>(b.Role, out _)) errors["Role"] = "项目类别应为 flagship（标志性引领性）或 short-board（补短板强弱项）";
        return errors;
    }

    private static ProblemHttpResult Rule(ProjectRuleException ex) => ApiSupport.Refused(ex);

    /// <summary>The API's word for a value (in-production): the one rule of the 字典, <see cref="CodeLists.Code{T}"/>.</summary>
    internal static string Key<T>(T value) where T : struct, Enum => CodeLists.Code(value);
}
