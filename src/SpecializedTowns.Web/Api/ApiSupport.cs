using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Api;

internal static class ApiSupport
{
    /// <summary>The caller's scope; every API endpoint but the token one runs behind sign-in, so it is there.</summary>
    public static UserScope Scope(this HttpContext http) =>
        UserScope.From(http.User) ?? throw new InvalidOperationException("signed-in user without scope claims");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"未找到{what}", detail: "不存在，或不在您的数据范围内", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(title: "请求参数有误", detail: message, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>
    /// A list's sort as its filter reads it: one of the filter's <paramref name="keys"/> (the keys its page accepts, in any
    /// letter case), “-” before it for the reverse; otherwise the refusal that lists them.
    /// </summary>
    public static (string? Sort, ProblemHttpResult? Bad) Sort(string? text, IReadOnlyList<string> keys)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var sort = ListSort.Parse(text.Trim());
        var key = keys.FirstOrDefault(k => string.Equals(k, sort.Key, StringComparison.OrdinalIgnoreCase));
        return key is null
            ? (null, Invalid("sort", $"未知的排序“{text}”：sort 应为 {string.Join("、", keys)} 之一，前加 - 为倒序"))
            : (sort.Reversed ? "-" + key : key, null);
    }

    /// <summary>
    /// Every refused field at once, named as the JSON body names it (camelCase). Errors that carry another kind than
    /// <see cref="RefusalKind.Invalid"/> (not found, not the person's to do, not in this state) are answered by that kind.
    /// </summary>
    public static ProblemHttpResult Invalid(FieldErrors errors)
    {
        var general = errors.GetValueOrDefault("");
        if (errors.Kind != RefusalKind.Invalid) return Refused(errors.Kind, general ?? string.Join("；", errors.Values));
        var fields = errors.Where(e => e.Key != "").ToList();
        return TypedResults.Problem(title: general ?? "提交的内容有误", detail: fields.Count == 0 ? general : string.Join("；", fields.Select(e => e.Value)),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                // "Deadline" from a service and "deadline" from the body's own check are one field: the first message stands.
                ["errors"] = fields.GroupBy(e => Camel(e.Key)).ToDictionary(g => g.Key, g => new[] { g.First().Value }),
            });
    }

    /// <summary>
    /// The one rule from the kind of a refusal to its answer, for every endpoint: input to correct 400 (naming the field when
    /// there is one), not found or outside the scope 404, the person's role or part 403, the record's state 409.
    /// </summary>
    public static ProblemHttpResult Refused(RefusalKind kind, string message, string? field = null) => kind switch
    {
        RefusalKind.NotFound => TypedResults.Problem(title: "未找到记录", detail: message, statusCode: StatusCodes.Status404NotFound),
        RefusalKind.Forbidden => TypedResults.Problem(title: "没有权限", detail: message, statusCode: StatusCodes.Status403Forbidden),
        RefusalKind.Conflict => TypedResults.Problem(title: "不能办理", detail: message, statusCode: StatusCodes.Status409Conflict),
        _ when field is not null => Invalid(Camel(field), message),
        _ => TypedResults.Problem(title: "请求参数有误", detail: message, statusCode: StatusCodes.Status400BadRequest),
    };

    /// <summary>A rule exception of a use case, answered by its kind (<see cref="Refused(RefusalKind, string, string?)"/>).</summary>
    public static ProblemHttpResult Refused(IRefusal refusal) => Refused(refusal.Kind, refusal.Message, refusal.Field);

    private static string Camel(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];

    /// <summary>
    /// A body sent with a <c>version</c> that is no longer the record's: 409, nothing written, with who saved last and the version
    /// to read the record at again before resending.
    /// </summary>
    public static ProblemHttpResult Conflict(EditConflictException ex) =>
        TypedResults.Problem(
            title: (ex.BySameAccount, ex.CurrentVersion is null) switch
            {
                (true, true) => "该记录已由您在别处删除",
                (true, false) => "该记录已由您在别处修改",
                (false, true) => "该记录已被他人删除",
                _ => "该记录已被他人修改",
            },
            detail: (ex.SavedBy is null || ex.SavedAtUtc is null ? "" : ex.BySameAccount
                    ? $"您（{ex.SavedBy}）于 {EditConflicts.When(ex.SavedAtUtc.Value)} 在另一窗口或客户端保存了该记录；"
                    : $"{ex.SavedBy} 于 {EditConflicts.When(ex.SavedAtUtc.Value)} 保存了该记录；")
                + (ex.CurrentVersion is null ? "您提交的内容未保存。" : $"您提交的内容未保存，请重新读取（当前 version 为 {ex.CurrentVersion}）并核对后再提交。"),
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["version"] = ex.CurrentVersion, ["savedBy"] = ex.SavedBy, ["savedAtUtc"] = ex.SavedAtUtc });

    /// <summary>How the person is named in the records they write (the account's display name).</summary>
    public static string DisplayName(this HttpContext http) =>
        http.User.DisplayName();

    /// <summary>The path of a jurisdiction named in a filter; a problem naming the field when there is none of that name or several.</summary>
    public static async Task<(string? Path, ProblemHttpResult? Problem)> JurisdictionPathAsync(TownsDbContext db, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, null);
        var match = await Data.Jurisdictions.JurisdictionLookup.FindAsync(db, name, ct);
        return match.Found is { } found ? (found.Path, null) : (null, Invalid("jurisdiction", match.Problem(name)!));
    }

    /// <summary>Validates paging the same way for every collection; null when fine.</summary>
    public static ProblemHttpResult? CheckPaging(int page, int pageSize) =>
        page < 1 ? Invalid("page", "页码应从 1 开始")
        : pageSize is < 1 or > Paged<object>.MaxPageSize ? Invalid("pageSize", $"每页条数应在 1 到 {Paged<object>.MaxPageSize} 之间")
        : null;
}
