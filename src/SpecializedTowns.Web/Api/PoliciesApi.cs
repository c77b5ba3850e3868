using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Api;

/// <summary>Policy documents are public texts: every signed-in person may read all of them.</summary>
public static class PoliciesApi
{
    public static void MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/policies").WithTags("政策文件");
        group.MapGet("/", (PolicyCatalog catalog, int page = 1, int pageSize = 50,
            [Description("发文的行政区划名称，如 阳泉市（含以其为上级的文件）")] string? jurisdiction = null) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            var packs = catalog.Packs.Where(p => jurisdiction is null || p.Document.Jurisdiction == jurisdiction || p.Document.JurisdictionPath.Contains(jurisdiction)).ToList();
            var items = packs.Skip((page - 1) * pageSize).Take(pageSize).Select(PolicyExport.From).ToList();
            return TypedResults.Ok(new Paged<PolicyExport>(items, packs.Count, page, pageSize));
        }).WithSummary("政策文件及其认定标准、重点任务、目标、机制");
        group.MapGet("/{id}", Results<Ok<PolicyExport>, ProblemHttpResult> ([Description("政策包标识，如 yangquan-2023-24（见列表中的 id）")] string id, PolicyCatalog catalog) =>
            catalog.FindPack(id) is { } pack ? TypedResults.Ok(PolicyExport.From(pack)) : ApiSupport.NotFound("政策文件"))
            .WithSummary("一份政策文件");
    }
}
