using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Targets;

namespace SpecializedTowns.Web.Api;

/// <summary>/api/v1/targets (目标监测) and its revenue tiers, with the same rule and scope as the pages.</summary>
public static class TargetsApi
{
    public static void MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/api/v1/targets").WithTags("目标监测");
        targets.MapGet("/", async (HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time,
            int page = 1, int pageSize = 50, string? document = null, string? status = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            TargetState? state = null;
            if (!string.IsNullOrWhiteSpace(status) && (state = TargetRules.Parse(status)) is null)
                return ApiSupport.Invalid("status", $"未知的状态“{status}”，可用 met、on-track、at-risk、missed、unmeasured");
            var list = await TargetQueries.ListAsync(db, catalog, http.Scope(), new TargetFilter { Document = document, State = state, Page = page, PageSize = pageSize }, Today(time), ct);
            return TypedResults.Ok(new { items = list.Items.Select(i => View(i, withDetail: false)), list.Total, list.Page, list.PageSize });
        }).WithSummary("政策文件量化目标（分页；可按文件 document=包标识或文号、状态 status 筛选）：当前值、期限、状态");

        targets.MapGet("/revenue-tiers", async (HttpContext http, TownsDbContext db, PolicyCatalog catalog, string? town = null, CancellationToken ct = default) =>
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

        targets.MapGet("/{key}", async (string key, HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time, CancellationToken ct) =>
            await TargetQueries.FindAsync(db, catalog, http.Scope(), key, Today(time), ct) is { } item
                ? (IResult)TypedResults.Ok(View(item, withDetail: true))
                : ApiSupport.NotFound("目标"))
            .WithSummary("一项目标：要求、期限、当前值及其计算依据、逐年数值、状态与理由");
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));

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
