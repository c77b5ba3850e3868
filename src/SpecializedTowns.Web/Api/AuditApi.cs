using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// One field of a change: <c>old</c> and <c>new</c> as recorded (a unit's id, a 字典 code, a policy pack's id), <c>oldName</c> and
/// <c>newName</c> as the audit page names them (县农业农村局, 特优农业, the pack's 文号 and title).
/// </summary>
public sealed record AuditFieldView(string Field, string FieldName, string? Old, string? New, string? OldName, string? NewName);

/// <summary>
/// An audit entry. <c>entityLabel</c> is the name recorded with the entry, null for a link between two records; <c>entityName</c>
/// is what the audit page shows, such a link by what it links (古城镇渔业专业镇 · 华峰乡). <c>summary</c> is the page's few words on the change.
/// </summary>
public sealed record AuditEntryView(
    long Id, DateTime AtUtc, int? UserId, string UserName, string DisplayName, string? Address, string Action, string ActionName,
    string EntityType, string EntityTypeName, string EntityId, string? EntityLabel, string RootType, string RootId, IReadOnlyList<AuditFieldView> Changes,
    string EntityName, string Summary);

/// <summary>/api/v1/audit: the audit trail, read-only. There is no POST, PUT or DELETE here or anywhere else for it.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("审计日志");

        group.MapGet("/", async (HttpContext http, TownsDbContext db, SpecializedTowns.Core.Policies.PolicyCatalog catalog, int page = 1, int pageSize = 50, [Description("起始日期（含），yyyy-MM-dd，中国时间")] string? from = null, [Description("截止日期（含），yyyy-MM-dd，中国时间")] string? to = null,
            [Description("操作人（账号或姓名，包含即可）")] string? user = null, [Description("操作：created（新增）、updated（修改）、deleted（删除）")] string? action = null,
            [Description("对象类型（如 SpecializedTown、KeyProject），含其组成部分的记录")] string? entityType = null, [Description("对象编号")] string? entityId = null,
            [Description("对象名称（包含即可）")] string? search = null, CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!TryDate(from, out var f)) return ApiSupport.Invalid("from", $"日期“{from}”无效，应为 yyyy-MM-dd");
            if (!TryDate(to, out var t)) return ApiSupport.Invalid("to", $"日期“{to}”无效，应为 yyyy-MM-dd");
            if (f is not null && t is not null && f > t) return ApiSupport.Invalid("from", "开始日期不能晚于结束日期");
            if (!CodeLists.TryParse<AuditAction>(action, out var a))
                return ApiSupport.Invalid("action", $"未知的操作“{action}”，可用：{CodeLists.AuditAction.Choices}");
            if (!string.IsNullOrWhiteSpace(entityType) && !AuditNames.Types.ContainsKey(entityType.Trim()))
                return ApiSupport.Invalid("entityType", $"未知的对象类型“{entityType}”，可用：{string.Join("、", AuditNames.Types.Select(x => $"{x.Key}（{x.Value}）"))}");
            if (!string.IsNullOrWhiteSpace(entityId) && string.IsNullOrWhiteSpace(entityType))
                return ApiSupport.Invalid("entityId", "按对象编号查询时须同时给出对象类型 entityType");
            var list = await AuditQueries.ListAsync(db, catalog, http.Scope(), new AuditFilter
            {
                From = f, To = t, User = user, Action = a, EntityType = entityType, EntityId = entityId, Search = search, Page = page, PageSize = pageSize,
            }, ct);
            var names = await AuditValueNames.ForAsync(db, catalog, list.Items, ct);
            return TypedResults.Ok(new Paged<AuditEntryView>(list.Items.Select(e => View(e, names)).ToList(), list.Total, list.Page, list.PageSize) { TotalIsLowerBound = list.TotalIsLowerBound });
        }).WithSummary("审计日志（分页，最新在前；total 最多数到 10,000，超过时 totalIsLowerBound 为 true）：可按日期（from、to，yyyy-MM-dd，中国时间）、操作人、操作（created/updated/deleted，登录失败 sign-in-failed、账号锁定 locked-out、已停用账号尝试登录 disabled-sign-in）、对象类型与编号（含其组成部分）、对象名称筛选；管理员看全部，办公室和领导看本级及下级人员的记录，其他人看本人的记录");

        group.MapGet("/{id:long}", async Task<Results<Ok<AuditEntryView>, ProblemHttpResult>> (long id, HttpContext http, TownsDbContext db, SpecializedTowns.Core.Policies.PolicyCatalog catalog, CancellationToken ct) =>
            await AuditQueries.FindAsync(db, http.Scope(), id, ct) is { } entry ? TypedResults.Ok(View(entry, await AuditValueNames.ForAsync(db, catalog, [entry], ct))) : ApiSupport.NotFound("审计记录"))
            .WithSummary("一条审计记录：谁、何时、从哪里、对哪条记录做了什么，每个字段的原值和新值");
    }

    private static AuditEntryView View(AuditEntry e, AuditValueNames names) => new(
        e.Id, e.AtUtc, e.UserId, e.UserName, e.DisplayName, e.Address, CodeLists.Code(e.Action), AuditActions.Chinese(e.Action),
        e.EntityType, AuditNames.Type(e.EntityType), e.EntityId, e.EntityLabel, e.RootType, e.RootId,
        e.ReadChanges().Select(c => new AuditFieldView(c.Field, AuditNames.Field(e.EntityType, c.Field), c.Old, c.New,
            names.Named(c.Field, c.Old), names.Named(c.Field, c.New))).ToList(),
        names.Label(e), Pages.Audit.AuditDisplay.Summary(e));

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d)) return false;
        date = d;
        return true;
    }
}
