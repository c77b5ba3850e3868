using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// A request the framework cannot bind (broken JSON, a word where a number belongs, a date in the wrong form, a query
/// parameter that is not a number, a missing body) comes back as a 400 that names the field — and for a body the line — in
/// Chinese and in the same <c>errors</c> shape as every other refusal, instead of the framework's bare "Bad Request".
/// Needs <c>RouteHandlerOptions.ThrowOnBadRequest</c>, so that binding failures reach the exception handler.
/// </summary>
internal sealed partial class JsonBodyProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || !http.Request.Path.StartsWithSegments("/api")) return false;
        var (field, message) = Describe(bad);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "请求参数有误", Detail = message },
        };
        if (field is not null) context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return await problems.TryWriteAsync(context);
    }

    /// <summary>The field as the body names it ($.amountWanYuan → amountWanYuan, $.items[2].name → items[2].name) and what is wrong.</summary>
    internal static (string? Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is not JsonException json)
        {
            // The framework's own wording is English and stable; only the names and the value are taken from it.
            if (BindFailure().Match(bad.Message) is { Success: true } m)
                return (m.Groups["name"].Value, $"参数“{m.Groups["name"].Value}”的值“{m.Groups["value"].Value}”格式不对");
            if (MissingParameter().Match(bad.Message) is { Success: true } r)
                return (r.Groups["name"].Value, $"缺少必填参数“{r.Groups["name"].Value}”");
            return (null, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求内容过大" : "请求体无法读取：请以 JSON（application/json）格式提交内容");
        }
        var line = json.LineNumber is { } l ? $"（第 {l + 1} 行）" : "";
        var path = json.Path is { Length: > 1 } p && p.StartsWith('$') ? p[1..].TrimStart('.') : null;
        return string.IsNullOrEmpty(path)
            ? (null, $"请求体不是有效的 JSON{line}，请检查括号、引号和逗号")
            : (path, $"“{path}”的值格式不对{line}：数字请填数字，日期请写成 2025-06-30，选项请用接口文档列出的值");
    }

    [GeneratedRegex("Failed to bind parameter \"[^\"]*? (?<name>[A-Za-z0-9_]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindFailure();

    [GeneratedRegex("Required parameter \"[^\"]*? (?<name>[A-Za-z0-9_]+)\" was not provided")]
    private static partial Regex MissingParameter();
}
