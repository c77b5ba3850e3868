using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Web.Api;

public sealed record JurisdictionView(int Id, string Name, string Level, string? Code, int? ParentId, string Path);

public static class JurisdictionsApi
{
    public static void MapJurisdictionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/jurisdictions").WithTags("行政区划")
            .MapGet("/", ListAsync).WithSummary("本人数据范围内的行政区划（分页，可按上级筛选）");
    }

    private static async Task<Results<Ok<Paged<JurisdictionView>>, ProblemHttpResult>> ListAsync(
        HttpContext http, TownsDbContext db, int page = 1, int pageSize = 50, [Description("上级行政区划的编号（id）：只列其直接下级")] int? parentId = null,
        [Description("层级：province（省）、city（市）、county（县、市、区）、township（乡镇、街道）")] string? level = null, CancellationToken ct = default)
    {
        if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return bad;
        var scope = http.Scope();
        var query = db.Jurisdictions.AsNoTracking();
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        if (!scope.IsAdmin) query = query.Where(j => j.Path == path || j.Path.StartsWith(under));
        if (parentId is { } parent) query = query.Where(j => j.ParentId == parent);
        if (!CodeLists.TryParse<JurisdictionLevel>(level, out var parsedLevel)) return ApiSupport.Invalid("level", "层级应为 province、city、county 或 township");
        if (parsedLevel is { } l) query = query.Where(j => j.Level == l);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByPlace(j => j).ThenBy(j => j.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(j => new JurisdictionView(j.Id, j.Name, j.Level.ToString().ToLower(), j.Code, j.ParentId, j.Path)).ToListAsync(ct);
        return TypedResults.Ok(new Paged<JurisdictionView>(items, total, page, pageSize));
    }
}
