using System.ComponentModel;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Commendations;
using SpecializedTowns.Data.Targets;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// /api/v1/targets (目标监测) and its revenue tiers, 动态调整 findings, commendation triggers and the national market-share
/// ranks they read, with the same rules and scope as the pages.
/// </summary>
/// <summary>The id of a newly recorded 全国市场占有率排名, for its DELETE.</summary>
public sealed record MarketRankCreated(int Id);

public static class TargetsApi
{
    public static void MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/api/v1/targets").WithTags("目标监测");
        targets.MapGet("/", async (HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time,
            int page = 1, int pageSize = 50, [Description("政策文件：政策包标识（如 yangquan-2023-24）或文号")] string? document = null,
            [Description("状态：met（已达成）、on-track（进展正常）、at-risk（有风险）、missed（未达成）、unmeasured（待统计）")] string? status = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<TargetState>(status, out var state))
                return ApiSupport.Invalid("status", $"未知的状态“{status}”，可用：{CodeLists.TargetState.Choices}");
            var list = await TargetQueries.ListAsync(db, catalog, http.Scope(), new TargetFilter { Document = document, State = state, Page = page, PageSize = pageSize }, Today(time), ct);
            return TypedResults.Ok(new { items = list.Items.Select(i => View(i, withDetail: false)), list.Total, list.Page, list.PageSize });
        }).WithSummary("政策文件量化目标（分页；可按文件 document=包标识或文号、状态 status 筛选）：当前值、期限、状态");

        targets.MapGet("/revenue-tiers", async (HttpContext http, TownsDbContext db, PolicyCatalog catalog, [Description("专业镇名称（包含即可）")] string? town = null, CancellationToken ct = default) =>
        {
            var rows = await TargetQueries.RevenueTiersAsync(db, catalog, http.Scope(), ct);
            if (!string.IsNullOrWhiteSpace(town)) rows = rows.Where(r => r.Town.Contains(town.Trim())).ToList();
            return TypedResults.Ok(new
            {
                items = rows.Select(r => new
                {
                    r.TownId, r.Town, r.County, policyId = r.PackId, r.Document, levelsYi = r.Levels.Select(l => l.ValueYi),
                    years = r.Years.Select(y => new
                    {
                        y.Year, y.RevenueWanYuan, levelYi = y.LevelYi, level = y.Name,
                        movement = RevenueTiers.Key(y.Movement), movementName = RevenueTiers.Chinese(y.Movement),
                    }),
                }),
                total = rows.Count,
            });
        }).WithSummary("各专业镇营收规模梯次（按所依文件的亿级档位），逐年及同比升档/降档/持平");

        targets.MapGet("/adjustments", async (HttpContext http, TownsDbContext db, PolicyCatalog catalog, AdjustmentSettings settings,
            int page = 1, int pageSize = 50, [Description("类别：upgrade（升级候选）、warning（预警）、removal（建议退出/降级）")] string? kind = null,
            [Description("专业镇名称（包含即可）")] string? town = null, [Description("现梯次：reserve（储备）、county（县级）、municipal（市级）、provincial（省级）")] string? tier = null,
            CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<AdjustmentKind>(kind, out var k))
                return ApiSupport.Invalid("kind", $"未知的类别“{kind}”，可用：{CodeLists.AdjustmentKind.Choices}");
            if (!CodeLists.TryParse<Tier>(tier, out var t))
                return ApiSupport.Invalid("tier", $"未知的梯次“{tier}”，可用：{CodeLists.Tier.Choices}");
            var all = await TierReview.AdjustmentsAsync(db, catalog, http.Scope(), settings, ct);
            var list = TierReview.Filter(all, new AdjustmentFilter { Kind = k, Town = town, Tier = t, Page = page, PageSize = pageSize });
            return TypedResults.Ok(new
            {
                items = list.Items.Select(AdjustmentView), list.Total, list.Page, list.PageSize,
                counts = Enum.GetValues<AdjustmentKind>().ToDictionary(AdjustmentKinds.Key, x => all.Count(i => i.Kind == x)),
            });
        }).WithSummary("动态调整（分页；可按类别 kind=upgrade/warning/removal、专业镇名称 town、现梯次 tier 筛选）：逐年对照所在梯次认定标准，列出升级候选、预警、建议退出/降级及其依据");

        targets.MapGet("/triggers", async (HttpContext http, TownsDbContext db, PolicyCatalog catalog,
            [Description("触发的年度，如 2024")] int? year = null, [Description("状态：triggered（已触发）、unverified（待核实）")] string? state = null,
            int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (year is < MarketRankLimits.MinYear or > 2100) return ApiSupport.Invalid("year", $"年度应在 {MarketRankLimits.MinYear} 到 2100 之间");
            if (!CodeLists.TryParse<CrossingState>(state, out var s)) return ApiSupport.Invalid("state", $"未知的状态“{state}”，可用：{CodeLists.CrossingState.Choices}");
            var all = await CommendationQueries.AllAsync(db, catalog, http.Scope(), ct);
            var list = CommendationQueries.Filter(all, new TriggerFilter { Year = year, State = s, Page = page, PageSize = pageSize });
            return TypedResults.Ok(new { items = list.Items.Select(TriggerView), list.Total, list.Page, list.PageSize });
        }).WithSummary("表扬触发事项（分页；year=年度、state=triggered/unverified）：领军企业营收首次突破、主导产品首次进入全国前列，逐年依据与条款");

        targets.MapGet("/market-ranks", async (HttpContext http, MarketRankService ranks,
            [Description("排名年度，如 2024")] int? year = null, int? townId = null, [Description("产品名称（包含即可）")] string? product = null,
            int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            var list = await ranks.ListAsync(http.Scope(), new MarketRankFilter { Year = year, TownId = townId, Product = product, Page = page, PageSize = pageSize }, ct);
            return TypedResults.Ok(new { list.Items, list.Total, list.Page, list.PageSize });
        }).WithSummary("主导产品全国市场占有率排名记录（分页；可按年度 year、专业镇 townId、产品 product 筛选）");

        targets.MapPost("/market-ranks", async (HttpContext http, MarketRankService ranks, MarketRankInput body, CancellationToken ct) =>
        {
            var (id, errors) = await ranks.RecordAsync(http.Scope(), http.DisplayName(), body, ct);
            if (!errors.Ok) return (IResult)ApiSupport.Invalid(errors);
            return TypedResults.Created($"/api/v1/targets/market-ranks/{id}", new MarketRankCreated(id!.Value));
        }).WithSummary("登记主导产品某年度的全国市场占有率排名（领导小组办公室）：专业镇、企业（可选）、产品、年度、名次、排名来源")
            .Produces<MarketRankCreated>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有领导小组办公室可以登记全国市场占有率排名");

        targets.MapDelete("/market-ranks/{id:int}", async (int id, HttpContext http, MarketRankService ranks, CancellationToken ct) =>
        {
            var (found, errors) = await ranks.DeleteAsync(http.Scope(), id, ct);
            if (!found) return (IResult)ApiSupport.NotFound("排名记录");
            return errors.Ok ? TypedResults.NoContent() : ApiSupport.Invalid(errors);
        }).WithSummary("删除一条全国市场占有率排名记录（领导小组办公室，用于更正）")
            .Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有领导小组办公室可以删除全国市场占有率排名");

        targets.MapGet("/{key}", async ([Description("目标的标识（列表中的 key，如 yangquan-2023-24-1）")] string key, HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time, CancellationToken ct) =>
            await TargetQueries.FindAsync(db, catalog, http.Scope(), key, Today(time), ct) is { } item
                ? (IResult)TypedResults.Ok(View(item, withDetail: true))
                : ApiSupport.NotFound("目标"))
            .WithSummary("一项目标：要求、期限、当前值及其计算依据、逐年数值、状态与理由");
    }

    private static object AdjustmentView(AdjustmentItem i) => new
    {
        i.Key, kind = AdjustmentKinds.Key(i.Kind), kindName = AdjustmentKinds.Chinese(i.Kind),
        townId = i.Town.Id, town = i.Town.Name, county = i.Town.County, tier = Tiers.Key(i.Town.Tier), tierName = Tiers.Chinese(i.Town.Tier),
        standardId = i.Standard.Id, standard = i.Standard.Name, standardTier = Tiers.Key(i.StandardTier), standardSource = i.Standard.Citation, cycle = i.Standard.Cycle,
        latestYear = i.Town.LatestYear, heldSince = i.HeldSince, years = i.CausingYears, summary = i.Summary,
        suggestedTier = i.LowerTier is { } lower ? Tiers.Key(lower) : null,
        exitRule = i.Rule is { } r ? new { years = r.Years, platformDefault = r.IsPlatformDefault, r.Source, description = r.Description } : null,
        reasons = i.Reasons.Select(x => new { x.Year, criterion = x.Criterion, result = x.Result, explanation = x.Explanation, source = x.Source }),
        yearByYear = i.Years.Select(y => new { y.Year, outcome = y.Result.Outcome, outcomeName = Core.Recognition.Results.Chinese.GetValueOrDefault(y.Result.Outcome), counts = i.Counts(y.Year), fails = y.Fails }),
        clauses = i.Clauses, isDemo = i.Town.IsDemo,
    };

    private static object TriggerView(CommendationTrigger t) => new
    {
        t.Key, measure = t.Measure, kindName = t.KindName, year = t.Crossing.Year, state = CrossingStates.Key(t.Crossing.State), stateName = CrossingStates.Chinese(t.Crossing.State),
        value = t.Crossing.Value, mark = t.Mark, townId = t.TownId, town = t.Town, county = t.County, enterpriseId = t.EnterpriseId, enterprise = t.Enterprise, product = t.Product,
        summary = t.Summary, evidence = t.Evidence.Select(e => new { e.Year, e.Text, e.Reaches }), note = t.Crossing.Note,
        policyId = t.PackId, document = t.Document, provision = t.Provision.Text, source = t.Provision.Source, isDemo = t.IsDemo,
    };

    private static DateOnly Today(TimeProvider time) => ChinaTime.Today(time);

    private static object View(TargetItem i, bool withDetail) => new
    {
        i.Key, policyId = i.PackId, i.Document, i.DocumentTitle, i.Area, i.Target.Metric, i.Target.Scope, value = i.Target.Value, maxValue = i.Target.MaxValue,
        i.Target.Unit, comparison = i.Target.Comparison, i.Requirement, i.Deadline, i.Target.Text, i.Target.Source,
        i.Current, i.Baseline, pathStart = i.Start, expected = i.Assessment.Expected, status = TargetRules.Key(i.State), statusName = TargetRules.Chinese(i.State), reason = i.Assessment.Why,
        how = withDetail ? i.How : null,
        records = withDetail ? i.Records : null,
        history = withDetail ? i.History.Select(h => new { h.Year, h.Value, soFar = h.SoFar }) : null,
    };
}
