using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// 政策与支持: 资金奖补, 资金绩效, 融资白名单, 上市后备, 人才培训, 人才, 公共服务平台 and 展会活动, read within the caller's
/// scope; grants can be recorded. 品牌 and 地理标志 are in <see cref="BrandsApi"/>.
/// </summary>
public static class SupportApi
{
    public static void MapSupportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("政策与支持");
        group.MapGet("/grants", ListGrantsAsync).WithSummary("资金奖补（分页、筛选）");
        group.MapGet("/grants/{id:int}", GetGrantAsync).WithSummary("一笔资金奖补");
        group.MapPost("/grants", CreateGrantAsync).WithSummary("登记资金奖补")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：您的角色不能登记资金奖补");
        group.MapGet("/fund-performance", PerformanceAsync).WithSummary("资金绩效：各专业镇资金与成效，逐级汇总");
        group.MapGet("/white-list", ListWhiteListAsync).WithSummary("融资白名单及其贷款、担保（分页、筛选）");
        group.MapGet("/listing", ListListingAsync).WithSummary("上市后备企业资源库（分页、筛选）");
        group.MapGet("/training", ListTrainingAsync).WithSummary("人才培训项目（分页、筛选）及培训后就业率逐级汇总（朔政办发〔2023〕19号 四（八））");
        group.MapGet("/talents", ListTalentsAsync).WithSummary("专业镇人才名录（分页、筛选；朔政办发〔2023〕19号 四（二））");
        group.MapGet("/platforms", ListPlatformsAsync).WithSummary("公共服务平台及其功能（分页、筛选）");
        group.MapGet("/events", ListEventsAsync).WithSummary("展会活动及参展企业、签约额（分页、筛选）");
    }

    private static async Task<Results<Ok<FundGrantPage>, ProblemHttpResult>> ListGrantsAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, [Description("拨付年度，如 2024")] int? year = null, string? jurisdiction = null,
        [Description("支持对象类型：town（专业镇）、enterprise（企业）")] string? recipientKind = null,
        [Description("依据的政策条款（出处，如 朔政办发〔2023〕19号 四（一））")] string? clause = null, int? townId = null,
        [Description("企业编号（/api/v1/enterprises 中的 id）")] int? enterpriseId = null, string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<RecipientKind>(recipientKind, out var kind))
            return ApiSupport.Invalid("recipientKind", $"未知的支持对象类型“{recipientKind}”，可用：{CodeLists.For<RecipientKind>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await FundGrants.ListAsync(db, new FundGrantFilter
        {
            Year = year, JurisdictionPath = path, RecipientKind = kind, ClauseSource = clause, TownId = townId, EnterpriseId = enterpriseId,
            Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }

    private static async Task<Results<Ok<FundGrantDetail>, ProblemHttpResult>> GetGrantAsync(int id, HttpContext http, TownsDbContext db, PolicyCatalog catalog, CancellationToken ct) =>
        await FundGrants.FindAsync(db, catalog, id, http.Scope(), ct) is { } detail ? TypedResults.Ok(detail) : ApiSupport.NotFound("资金奖补记录");

    private static async Task<Results<Created<FundGrantDetail>, ProblemHttpResult>> CreateGrantAsync(
        FundGrantInput body, HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var scope = http.Scope();
        var (id, errors) = await FundGrants.SaveAsync(db, catalog, scope, null, body, ExportFile.Today(time), http.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (id is null) return ApiSupport.Invalid(errors);
        var detail = (await FundGrants.FindAsync(db, catalog, id.Value, scope, ct))!;
        return TypedResults.Created($"/api/v1/support/grants/{id}", detail);
    }

    private static async Task<Results<Ok<FundPerformanceView>, ProblemHttpResult>> PerformanceAsync(
        HttpContext http, TownsDbContext db, TimeProvider time, [Description("起始年度（含）")] int? fromYear = null, [Description("截止年度（含）")] int? toYear = null, string? jurisdiction = null, CancellationToken ct = default)
    {
        if (fromYear > toYear) return ApiSupport.Invalid("fromYear", "起始年度不能晚于截止年度");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        var period = Pages.Support.Funds.PerformanceModel.Period(fromYear, toYear, ExportFile.Today(time));
        return TypedResults.Ok(await FundPerformanceQueries.ComputeAsync(db, http.Scope(), period, path, ct));
    }

    private static async Task<Results<Ok<Paged<WhiteListItem>>, ProblemHttpResult>> ListWhiteListAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, [Description("纳入白名单的年度，如 2024")] int? year = null, string? jurisdiction = null,
        [Description("状态：recommended（已推荐）、admitted（已入库）、removed（已移出）")] string? status = null, string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<WhiteListStatus>(status, out var parsed))
            return ApiSupport.Invalid("status", $"未知的状态“{status}”，可用：{CodeLists.For<WhiteListStatus>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await WhiteLists.ListAsync(db, new WhiteListFilter
        {
            Year = year, JurisdictionPath = path, Status = parsed, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }

    private static async Task<Results<Ok<Paged<ListingItem>>, ProblemHttpResult>> ListListingAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, [Description("培育阶段（如 IndividualToEnterprise 个转企、SmallToAboveScale 小升规）；写错时答复 400 并列出全部可用值")] string? stage = null,
        int? townId = null, string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<ListingStage>(stage, out var parsed))
            return ApiSupport.Invalid("stage", $"未知的阶段“{stage}”，可用：{CodeLists.For<ListingStage>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await ListingReserve.ListAsync(db, new ListingFilter
        {
            JurisdictionPath = path, Stage = parsed, TownId = townId, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }

    /// <summary>A page of programmes and the roll-up of everything the filter finds (not only this page).</summary>
    public sealed record TrainingPage(Paged<TrainingItem> Page, TrainingRollupView Rollup);

    private static async Task<Results<Ok<TrainingPage>, ProblemHttpResult>> ListTrainingAsync(
        HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time, int page = 1, int pageSize = 50, [Description("培训年度，如 2024")] int? year = null,
        string? jurisdiction = null, int? townId = null, [Description("培训方式（如 OrderBased 订单式、ProjectBased 项目制）；写错时答复 400 并列出全部可用值")] string? mode = null,
        string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<TrainingMode>(mode, out var parsed))
            return ApiSupport.Invalid("mode", $"未知的培训方式“{mode}”，可用：{CodeLists.For<TrainingMode>().Choices}");
        if (year is < TrainingProgramme.MinYear or > 2100) return ApiSupport.Invalid("year", $"年度应不早于 {TrainingProgramme.MinYear} 年");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        var filter = new TrainingFilter { Year = year, JurisdictionPath = path, TownId = townId, Mode = parsed, Search = search, Page = page, PageSize = pageSize };
        var (scope, today) = (http.Scope(), ExportFile.Today(time));
        return TypedResults.Ok(new TrainingPage(
            await TrainingProgrammes.ListAsync(db, catalog, filter, scope, today, ct),
            await TrainingProgrammes.RollupAsync(db, catalog, filter, scope, today, ct)));
    }

    private static async Task<Results<Ok<Paged<TalentItem>>, ProblemHttpResult>> ListTalentsAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, int? townId = null,
        [Description("人才类别（如 LeadingEntrepreneur 领军企业家、HighLevel 高层次人才）；写错时答复 400 并列出全部可用值")] string? category = null,
        [Description("登记年度，如 2024")] int? year = null, string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<TalentCategory>(category, out var parsed))
            return ApiSupport.Invalid("category", $"未知的人才类别“{category}”，可用：{CodeLists.For<TalentCategory>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await Talents.ListAsync(db, new TalentFilter
        {
            JurisdictionPath = path, TownId = townId, Category = parsed, Year = year, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }

    private static async Task<Results<Ok<Paged<PlatformItem>>, ProblemHttpResult>> ListPlatformsAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, int? townId = null,
        [Description("平台功能（如 ResearchDesign 研发设计、Testing 检验检测）；写错时答复 400 并列出全部可用值")] string? function = null,
        [Description("平台级别：National（国家级）、Provincial（省级）、Municipal（市级）、County（县级）、Unrecognised（未认定）")] string? level = null,
        string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<PlatformFunction>(function, out var parsedFunction))
            return ApiSupport.Invalid("function", $"未知的功能“{function}”，可用：{CodeLists.For<PlatformFunction>().Choices}");
        if (!CodeLists.TryParse<PlatformLevel>(level, out var parsedLevel))
            return ApiSupport.Invalid("level", $"未知的级别“{level}”，可用：{CodeLists.For<PlatformLevel>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await ServicePlatforms.ListAsync(db, new PlatformFilter
        {
            JurisdictionPath = path, TownId = townId, Function = parsedFunction, Level = parsedLevel, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }

    private static async Task<Results<Ok<Paged<EventItem>>, ProblemHttpResult>> ListEventsAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, int? townId = null,
        [Description("活动类型（如 Expo 博览会、TradeFair 展销会）；写错时答复 400 并列出全部可用值")] string? kind = null, [Description("举办年度，如 2024")] int? year = null,
        string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<EventKind>(kind, out var parsed))
            return ApiSupport.Invalid("kind", $"未知的活动类型“{kind}”，可用：{CodeLists.For<EventKind>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await TradeEvents.ListAsync(db, new EventFilter
        {
            JurisdictionPath = path, TownId = townId, Kind = parsed, Year = year, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }
}
