using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Api;

/// <summary>品牌标准: the brands of the caller's towns, the “山西精品” quota per town with its roll-up, and 地理标志 applications.</summary>
public static class BrandsApi
{
    public static void MapBrandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("政策与支持");
        group.MapGet("/brands", ListBrandsAsync).WithSummary("品牌登记（分页、筛选）");
        group.MapGet("/brand-quota", QuotaAsync).WithSummary("“山西精品”公用品牌目标：逐镇完成情况与逐级汇总");
        group.MapGet("/geo-indications", ListGeoIndicationsAsync).WithSummary("地理标志申请（分页、筛选）");
    }

    private static async Task<Results<Ok<Paged<BrandItem>>, ProblemHttpResult>> ListBrandsAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, int? townId = null,
        [Description("品牌类别：regional（区域公用品牌）、enterprise（企业品牌）、product（产品品牌）、geographical-indication（地理标志）")] string? kind = null,
        [Description("品牌荣誉（如 shanxi-jingpin 山西精品、china-time-honoured 中华老字号）；写错时答复 400 并列出全部可用值")] string? honour = null, string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<BrandKind>(kind, out var k)) return ApiSupport.Invalid("kind", $"未知的品牌类别“{kind}”，可用：{CodeLists.For<BrandKind>().Choices}");
        if (!CodeLists.TryParse<BrandHonour>(honour, out var h)) return ApiSupport.Invalid("honour", $"未知的品牌荣誉“{honour}”，可用：{CodeLists.For<BrandHonour>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await BrandRegister.ListAsync(db, new BrandFilter
        {
            JurisdictionPath = path, TownId = townId, Kind = k, Honour = h, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }

    private static async Task<Results<Ok<BrandQuotaReport>, ProblemHttpResult>> QuotaAsync(
        HttpContext http, TownsDbContext db, PolicyCatalog catalog, TimeProvider time, string? jurisdiction = null, CancellationToken ct = default)
    {
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await BrandRegister.QuotaAsync(db, catalog, http.Scope(), path, ExportFile.Today(time), ct));
    }

    private static async Task<Results<Ok<Paged<GeoIndicationItem>>, ProblemHttpResult>> ListGeoIndicationsAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, string? jurisdiction = null, int? townId = null,
        [Description("申请状态（如 preparing 筹备中、submitted 已提交、approved 已获批）；写错时答复 400 并列出全部可用值")] string? status = null,
        [Description("保护方式（如 certification-mark 地理标志证明商标、collective-mark 地理标志集体商标、protected-product 地理标志保护产品）；写错时答复 400 并列出全部可用值")] string? kind = null,
        string? search = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        if (!CodeLists.TryParse<GeoIndicationStatus>(status, out var s)) return ApiSupport.Invalid("status", $"未知的状态“{status}”，可用：{CodeLists.For<GeoIndicationStatus>().Choices}");
        if (!CodeLists.TryParse<GeoIndicationKind>(kind, out var k)) return ApiSupport.Invalid("kind", $"未知的保护方式“{kind}”，可用：{CodeLists.For<GeoIndicationKind>().Choices}");
        var (path, unknown) = await ApiSupport.JurisdictionPathAsync(db, jurisdiction, ct);
        if (unknown is not null) return unknown;
        return TypedResults.Ok(await GeoIndicationRegister.ListAsync(db, new GeoIndicationFilter
        {
            JurisdictionPath = path, TownId = townId, Status = s, Kind = k, Search = search, Page = page, PageSize = pageSize,
        }, http.Scope(), ct));
    }
}
