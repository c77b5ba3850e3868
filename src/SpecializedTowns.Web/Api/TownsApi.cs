using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Web.Api;

public static class TownsApi
{
    public static void MapTownsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/towns").WithTags("专业镇");
        group.MapGet("/", ListAsync).WithSummary("专业镇名录（分页、筛选）");
        group.MapGet("/{id:int}", GetAsync).WithSummary("一个专业镇的概况、梯次历史与年度统计");
        group.MapPost("/{id:int}/tier-changes", RecordTierExitAsync)
            .WithSummary("办理动态调整的退出或降级（认定标准所属的领导小组办公室）：to（调整后梯次：reserve 转入储备，或较低的 county/municipal，或 delisted 不再列入专业镇名录，储备专业镇只可 delisted）、documentNumber（文号，必填）、effectiveOn（生效日期 yyyy-MM-dd）、reason（理由，必填）。只能办理动态调整“建议退出/降级”的专业镇（储备专业镇不再列入名录除外）；文号须以本办公室的代字开头（如阳泉市的 阳专办〔2026〕5号）")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：该专业镇的认定标准不属于您的办公室")
            .Refuses(StatusCodes.Status409Conflict, "动态调整没有建议该专业镇退出或降级（如仅为预警），或储备专业镇没有可退出或降级的认定层级");
    }

    /// <summary>The body of an exit or lower tier: codes and text as typed, each checked with a Chinese message.</summary>
    public sealed record TierExitBody(string? To, string? DocumentNumber, string? EffectiveOn, string? Reason);

    private static async Task<Results<Created<TownView.TierStep>, ProblemHttpResult>> RecordTierExitAsync(
        int id, TierExitBody body, HttpContext http, TownsDbContext db, SpecializedTowns.Core.Policies.PolicyCatalog catalog,
        AdjustmentSettings settings, SpecializedTowns.Data.Notices.NoticeSettings notices, TimeProvider time, CancellationToken ct)
    {
        if (!CodeLists.TryParse<Tier>(body.To, out var to)) return ApiSupport.Invalid("to", $"未知的梯次“{body.To}”，可用：{CodeLists.Tier.Choices}");
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(body.EffectiveOn))
        {
            if (!DateOnly.TryParseExact(body.EffectiveOn.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                return ApiSupport.Invalid("effectiveOn", $"生效日期“{body.EffectiveOn}”不是有效日期，应写作 yyyy-MM-dd，如 2026-12-08");
            on = parsed;
        }
        try
        {
            var change = await TierExits.RecordAsync(db, catalog, settings, notices, http.Scope(), id, new TierExitInput(to, body.DocumentNumber, on, body.Reason), time, ct);
            return TypedResults.Created($"/api/v1/towns/{id}", new TownView.TierStep(Tiers.Key(change.Tier), change.StandardId, change.EffectiveOn, change.DocumentNumber, change.Note));
        }
        catch (TierExitRefusedException ex)
        {
            return ApiSupport.Refused(ex);
        }
    }

    private static async Task<Results<Ok<Paged<TownListItem>>, ProblemHttpResult>> ListAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null,
        [Description("梯次：reserve（储备）、county（县级）、municipal（市级）、provincial（省级）；delisted（已退出，不再列入名录的专业镇，附退出文号和日期）。不填时列出名录内（未退出）的专业镇")] string? tier = null,
        [Description("领域：manufacturing（制造业）、specialty-agriculture（特优农业）、specialty-light-industry（特色轻工）、culture-tourism-health（文旅康养），也可写中文")] string? category = null,
        [Description("名称或主导产业（包含即可）")] string? search = null,
        [Description("排序：name（名称）、tier（梯次，高者在前）、output（年产值，大者在前），前加 - 为倒序；不填按所在地")] string? sort = null,
        [Description("统计年度：各条目的年产值、就业及按年产值排序（sort=output）都取这一年，无该年数据的为空；不填时各镇取其最新年度（见各条目的 year）")] int? year = null,
        CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (year is < 2000 or > 9999) return ApiSupport.Invalid("year", "统计年度应在 2000 到 9999 之间");
        if (!CodeLists.TryParse<Tier>(tier, out var parsedTier)) return ApiSupport.Invalid("tier", $"未知的梯次“{tier}”，可用：{CodeLists.Tier.Choices}");
        string? categoryKey = null;
        if (!string.IsNullOrWhiteSpace(category) && (categoryKey = CodeLists.IndustryCategory.Find(category)?.Code) is null)
            return ApiSupport.Invalid("category", $"未知的领域“{category}”，可用：{CodeLists.IndustryCategory.Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        var result = await TownQueries.ListAsync(db, new TownFilter
        {
            JurisdictionPath = path, Tier = parsedTier, Category = categoryKey, Search = search, Page = page, PageSize = pageSize, Sort = sort, Year = year,
        }, ct, http.Scope());
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<TownView>, ProblemHttpResult>> GetAsync(int id, HttpContext http, TownsDbContext db, CancellationToken ct)
    {
        var detail = await TownDetails.FindAsync(db, id, http.Scope(), ct);
        return detail is null ? ApiSupport.NotFound("专业镇") : TypedResults.Ok(TownView.From(detail));
    }
}

public sealed record TownView(
    int Id, string Name, string County, string CountyPath, IReadOnlyList<string> Townships, string Category, string LeadingIndustry,
    string? LeadingProducts, string Tier, string? PolicyId, bool IsDemo, int Enterprises,
    IReadOnlyList<TownView.TierStep> TierHistory, IReadOnlyList<TownView.YearFigures> Statistics)
{
    public sealed record TierStep(string Tier, string? StandardId, DateOnly EffectiveOn, string? DocumentNumber, string? Note);

    public sealed record YearFigures(int Year, decimal? OutputValueWanYuan, decimal? RevenueWanYuan, decimal? TaxWanYuan, int? Employment,
        decimal? ProvincialMarketSharePercent, decimal? CityMarketSharePercent, int? LeadingEnterprises, int? SupportingEnterprises);

    public static TownView From(TownDetail d) => new(
        d.Town.Id, d.Town.Name, d.Town.County!.Name, d.CountyPath, d.Townships, d.Town.Category, d.Town.LeadingIndustry, d.Town.LeadingProducts,
        Tiers.Key(d.Town.Tier), d.Town.PolicyId, d.Town.IsDemo, d.Enterprises,
        d.TierHistory.Select(h => new TierStep(Tiers.Key(h.Tier), h.StandardId, h.EffectiveOn, h.DocumentNumber, h.Note)).ToList(),
        d.Statistics.Select(s => new YearFigures(s.Year, Quantity.Normalize(s.OutputValueWanYuan), Quantity.Normalize(s.RevenueWanYuan), Quantity.Normalize(s.TaxWanYuan),
            s.Employment, Quantity.Normalize(s.ProvincialMarketSharePercent), Quantity.Normalize(s.CityMarketSharePercent), s.LeadingEnterprises, s.SupportingEnterprises)).ToList());
}
