using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Web.Api;

public sealed record EnterpriseDesignationView(string Key, int? Year);

public sealed record EnterpriseYearView(int Year, decimal? OutputValueWanYuan, decimal? RevenueWanYuan, decimal? TaxWanYuan, int? Employment, decimal? ExportWanYuan, int? Patents);

/// <summary>One enterprise as GET /api/v1/enterprises/{id} gives it; role is the code the list's filter takes (leading, supporting …).</summary>
public sealed record EnterpriseView(
    int Id, string Name, string Uscc, string CountyPath, string? Township, int? TownId, string? Town, string Role, bool IsAboveScale,
    string? Industry, string? IndustryCategory, IReadOnlyList<EnterpriseDesignationView> Designations, IReadOnlyList<EnterpriseYearView> Statistics, bool IsDemo);

public static class EnterprisesApi
{
    public static void MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("企业");
        group.MapGet("/", ListAsync).WithSummary("企业名录（分页、筛选）");
        group.MapGet("/{id:int}", async Task<Results<Ok<EnterpriseView>, ProblemHttpResult>> (int id, HttpContext http, TownsDbContext db, CancellationToken ct) =>
            await EnterpriseDetails.FindAsync(db, id, http.Scope(), ct) is { } d ? TypedResults.Ok(View(d)) : ApiSupport.NotFound("企业"))
            .WithSummary("一家企业：登记信息、所在县乡和专业镇、认定称号、历年统计；与企业名录同一数据范围，范围外的企业答复 404");
    }

    private static EnterpriseView View(EnterpriseDetail d)
    {
        var e = d.Enterprise;
        return new EnterpriseView(e.Id, e.Name, e.Uscc, d.CountyPath, d.Township, e.SpecializedTownId, d.Town, CodeLists.Code(e.Role), e.IsAboveScale,
            e.Industry, e.IndustryCategory, e.Designations.Select(x => new EnterpriseDesignationView(x.Key, x.Year)).ToList(),
            d.Statistics.Select(s => new EnterpriseYearView(s.Year, s.OutputValueWanYuan, s.RevenueWanYuan, s.TaxWanYuan, s.Employment, s.ExportWanYuan, s.Patents)).ToList(),
            e.IsDemo);
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
