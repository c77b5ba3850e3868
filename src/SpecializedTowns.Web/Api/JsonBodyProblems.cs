using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// A request the framework cannot bind comes back as a problem in Chinese, in the same <c>errors</c> shape as every other
/// refusal, instead of the framework's bare "Bad Request": broken JSON by where it breaks (line and byte), a value of the wrong
/// kind by the field it belongs to and what that field takes (a number, a date, one of the listed options), an empty body
/// as empty, another content type than JSON as 415. Needs <c>RouteHandlerOptions.ThrowOnBadRequest</c>, so that binding
/// failures reach the exception handler.
/// </summary>
internal sealed partial class JsonBodyProblems(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || !http.Request.Path.StartsWithSegments("/api")) return false;
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType) return await UnsupportedMediaTypeAsync(http, problems);
        var bodyType = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var (field, message) = Describe(bad, bodyType, json.Value.SerializerOptions);
        var status = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = status == StatusCodes.Status413PayloadTooLarge ? "请求内容过大" : "请求参数有误", Detail = message },
        };
        if (field is not null) context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return await problems.TryWriteAsync(context);
    }

    /// <summary>
    /// 415 for a body that is not JSON, saying what came instead. Also for the framework's own answer when routing finds that no
    /// endpoint takes the content type: that answer carries none of the endpoint's metadata, so on the anonymous token endpoint the
    /// sign-in requirement answered first (401) and the caller learned nothing of the real problem.
    /// </summary>
    public static async ValueTask<bool> UnsupportedMediaTypeAsync(HttpContext http, IProblemDetailsService problems)
    {
        var sent = http.Request.ContentType is { Length: > 0 } type ? $"收到的是“{type}”" : "请求没有注明 Content-Type";
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status415UnsupportedMediaType, Title = "请求内容格式不对：请以 JSON（application/json）提交",
                Detail = $"请求体应为 JSON，请求头 Content-Type 应为 application/json（{sent}）",
            },
        });
    }

    /// <summary>
    /// What an API 413 says: the limit the request met (the endpoint's own, an import's 50MB, or the server's for a JSON body)
    /// and how large it was, with what to do instead. Files travel one to a request on this API, so only an import or a file
    /// far over its own 10MB meets a limit.
    /// </summary>
    internal static string TooLarge(HttpContext http)
    {
        var limit = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        var sent = http.Request.ContentLength is { } bytes ? $"（本次约 {SpecializedTowns.Web.Platform.UploadForms.Megabytes(bytes)} MB）" : "";
        var max = SpecializedTowns.Data.Imports.ImportEngine.MaxFileBytes;
        if (limit == max) return $"导入文件不能超过 {max / 1024 / 1024} MB{sent}，请拆分后分批导入";
        var within = limit is { } l ? $"不能超过 {SpecializedTowns.Web.Platform.UploadForms.Megabytes(l)} MB" : "过大";
        return $"一次请求的内容{within}{sent}：文件请逐个上传，每个不超过 {SpecializedTowns.Core.Applications.ApplicationAttachment.MaxBytes / 1024 / 1024} MB";
    }

    /// <summary>Routing's stand-in endpoint for a content type no endpoint of the path takes (AcceptsMatcherPolicy).</summary>
    public const string UnsupportedMediaTypeEndpoint = "415 HTTP Unsupported Media Type";

    /// <summary>
    /// The field as the body names it ($.amountWanYuan → amountWanYuan, $.items[2].name → items[2].name) and what is wrong; no
    /// field when the fault is not a field's (broken JSON, an empty body). <paramref name="bodyType"/> is the endpoint's body
    /// type, for what a field takes.
    /// </summary>
    internal static (string? Field, string Message) Describe(BadHttpRequestException bad, Type? bodyType = null, JsonSerializerOptions? options = null)
    {
        if (bad.InnerException is not JsonException json)
        {
            // The framework's own wording is English and stable; only the names and the value are taken from it.
            if (BindFailure().Match(bad.Message) is { Success: true } m)
                return (m.Groups["name"].Value, $"参数“{m.Groups["name"].Value}”的值“{m.Groups["value"].Value}”格式不对");
            if (NoBody().IsMatch(bad.Message))
                return (null, "请求体为空：请提交一个 JSON 对象（{ … }），字段见接口文档");
            if (MissingParameter().Match(bad.Message) is { Success: true } r)
                return (r.Groups["name"].Value, $"缺少必填参数“{r.Groups["name"].Value}”");
            return (null, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求内容过大" : "请求无法读取：请以 JSON（application/json）格式提交内容");
        }
        var where = json.LineNumber is { } line ? $"第 {line + 1} 行第 {(json.BytePositionInLine ?? 0) + 1} 字节" : null;
        // The reader's own faults (a missing quote, a trailing comma, an end before the last brace) come wrapped once more;
        // the path then says only how far the reader had got — the field before the fault, not a field at fault.
        if (json.InnerException is JsonException syntax) return (null, Syntax(syntax.Message, where));
        var path = json.Path is { Length: > 1 } p && p.StartsWith('$') ? p[1..].TrimStart('.') : null;
        var (type, member) = bodyType is null ? (null, null) : TypeAt(bodyType, json.Path ?? "$");
        var expected = bodyType is null ? null : Expected(type, options, member?.GetCustomAttribute<RangeAttribute>());
        if (string.IsNullOrEmpty(path))
            return (null, $"请求体{expected ?? "应为一个 JSON 对象（{ … }）"}，字段见接口文档");
        var at = json.LineNumber is { } l ? $"（第 {l + 1} 行）" : "";
        return (path, expected is null
            ? $"“{path}”的值格式不对{at}：数字请填数字，日期请写成 2025-06-30，选项请用接口文档列出的值"
            : $"“{path}”的值格式不对{at}：{expected}");
    }

    private static string Syntax(string readerMessage, string? where)
    {
        var at = where is null ? "" : $"在{where}处";
        if (readerMessage.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
            return "请求体为空：请提交一个 JSON 对象（{ … }），字段见接口文档";
        if (readerMessage.Contains("maximum configured depth", StringComparison.Ordinal) || readerMessage.Contains("maximum allowed depth", StringComparison.Ordinal))
            return $"请求体不是有效的 JSON：嵌套层数过多{(where is null ? "" : $"（{where}）")}";
        if (readerMessage.Contains("end of data", StringComparison.Ordinal) || readerMessage.Contains("Expected depth to be zero", StringComparison.Ordinal))
            return $"请求体不是有效的 JSON：内容{at}意外结束，请检查是否缺少右括号 }} 或 ]，或引号没有成对";
        return $"请求体不是有效的 JSON：{at}有误，请检查括号、引号和逗号（名称和文字须用英文双引号，最后一项后不能有逗号）";
    }

    /// <summary>
    /// The declared type at a JSON path of the body ($.notices[0].deadline), or null where the path leaves the known shape; with
    /// the property the value belongs to (null for an item of a list or a dictionary), for the range it declares.
    /// </summary>
    internal static (Type? Type, PropertyInfo? Member) TypeAt(Type root, string path)
    {
        Type? type = root;
        PropertyInfo? member = null;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (type is null) return (null, null);
            type = Nullable.GetUnderlyingType(type) ?? type;
            member = null;
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
                continue;
            }
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value.Replace("''", "'");
            if (DictionaryValueType(type) is { } value)
            {
                type = value;
                continue;
            }
            member = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == name
                                     || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            type = member?.PropertyType;
        }
        return (type, member);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [_, var value]
        && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))
            ? value : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>
    /// What a value of the type is written as, in words a caller can act on; null for a type that takes any JSON. A whole number
    /// whose field declares its range ([Range] on the body's property: a percentage, a month) is asked for within that range,
    /// not within what an int holds.
    /// </summary>
    internal static string? Expected(Type? type, JsonSerializerOptions? options, RangeAttribute? range = null)
    {
        if (type is null || type == typeof(JsonElement) || type == typeof(object)) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            // The names as the body writes them (the configured converter's kebab-case), not as the code spells them, each with
            // the Chinese the pages show for it: a caller matching the API to a form sees which is which.
            var names = Enum.GetValues(type).Cast<Enum>().Select(v =>
            {
                var code = options is null ? v.ToString() : JsonSerializer.Serialize(v, type, options).Trim('"');
                var chinese = SpecializedTowns.Data.Audit.EnumNames.Chinese(v);
                return chinese.Any(c => c > '\u007f') ? $"{code}（{chinese}）" : code;
            });
            return $"应为以下之一：{string.Join("、", names)}";
        }
        if (type == typeof(int) && range is { Minimum: int min, Maximum: int max })
            return max == int.MaxValue ? $"应为不小于 {min.ToString(CultureInfo.InvariantCulture)} 的整数（不带小数点）"
                : $"应为 {min.ToString(CultureInfo.InvariantCulture)} 到 {max.ToString(CultureInfo.InvariantCulture)} 的整数";
        if (type == typeof(int)) return $"应为整数（不带小数点，在 {int.MinValue.ToString(CultureInfo.InvariantCulture)} 到 {int.MaxValue.ToString(CultureInfo.InvariantCulture)} 之间）";
        if (type == typeof(long)) return "应为整数（不带小数）";
        if (type == typeof(short) || type == typeof(byte)) return "应为较小的整数";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "应为数字，如 12.5（不带单位和中文）";
        if (type == typeof(bool)) return "应为 true 或 false";
        if (type == typeof(DateOnly)) return "应为日期，写成 2025-06-30";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "应为日期时间，写成 2025-06-30T08:00:00+08:00";
        if (type == typeof(string)) return "应为文字（用英文双引号括起来）";
        if (DictionaryValueType(type) is not null) return "应为对象（{ … }）";
        if (typeof(IEnumerable).IsAssignableFrom(type)) return "应为数组（[ … ]）";
        return type.IsClass ? "应为对象（{ … }）" : null;
    }

    [GeneratedRegex("Failed to bind parameter \"[^\"]*? (?<name>[A-Za-z0-9_]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindFailure();

    [GeneratedRegex("Required parameter \"[^\"]*? (?<name>[A-Za-z0-9_]+)\" was not provided")]
    private static partial Regex MissingParameter();

    // "Implicit body inferred for parameter … but no body was provided", "Required parameter … was not provided from body":
    // both an empty body and the JSON literal null.
    [GeneratedRegex("no body was provided|was not provided from body")]
    private static partial Regex NoBody();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
