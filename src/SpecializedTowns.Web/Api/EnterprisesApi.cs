using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Web.Api;

public static class EnterprisesApi
{
    public static void MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("企业");
        group.MapGet("/", ListAsync).WithSummary("企业名录（分页、筛选）");
    }

    private static async Task<Results<Ok<Paged<EnterpriseListItem>>, ProblemHttpResult>> ListAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, int? townId = null,
        [Description("企业类型：leading（龙头企业）、supporting（配套企业）、family-farm（家庭农场）、cooperative（专业合作社）")] string? role = null,
        [Description("true 只列规上企业，false 只列规下企业")] bool? aboveScale = null, string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<EnterpriseRole>(role, out var parsedRole))
            return ApiSupport.Invalid("role", $"未知的企业类型“{role}”，可用：{CodeLists.EnterpriseRole.Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        var result = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter
        {
            JurisdictionPath = path, TownId = townId, Role = parsedRole, AboveScale = aboveScale, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct);
        return TypedResults.Ok(result);
    }
}
