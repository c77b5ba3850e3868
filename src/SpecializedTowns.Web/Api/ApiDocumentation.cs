using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SpecializedTowns.Web.Api;

/// <summary>
/// What the OpenAPI document (/openapi/v1.json, read in Swagger UI at /swagger) says of every /api/v1 endpoint beyond its
/// own summary, in one place: the refusals its shape implies, as contracts/web-and-api.md fixes them (RFC 9457 problem
/// details in Chinese; 401 without a valid token, 404 for what does not exist or lies outside the caller's data scope, 400
/// naming the field), and the parameters many endpoints share. An endpoint states only what is its own: its summary, a
/// [Description] on a parameter of its own, and <see cref="Refuses{TBuilder}"/> for a refusal its shape does not imply
/// (403 a role may not, 409 a state that does not allow it).
/// </summary>
internal static class ApiDocumentation
{
    public const string ProblemJson = "application/problem+json";

    private const string BearerScheme = "Bearer";

    /// <summary>Each refusal as the document describes it, the same for every endpoint that answers it.</summary>
    private static readonly Dictionary<int, string> Refusals = new()
    {
        [StatusCodes.Status400BadRequest] = "请求参数有误：problem details，title/detail 为中文说明，errors 按字段（名称与请求中的相同）列出原因",
        [StatusCodes.Status401Unauthorized] = "未登录：缺少访问令牌，或令牌无效、已过期（先以 POST /api/v1/auth/token 取得令牌，放在请求头 Authorization: Bearer …）",
        [StatusCodes.Status403Forbidden] = "无权办理：您的角色或单位不能进行此项操作",
        [StatusCodes.Status404NotFound] = "未找到：记录不存在，或不在您的数据范围内（两者答复相同）",
        [StatusCodes.Status409Conflict] = "不能办理：按业务规则不允许此项操作（如记录当前的状态不允许：已提交、已发布、已办结），或记录已被他人修改（带 version 时：请重新读取，核对后以新的 version 再提交）",
        [StatusCodes.Status413PayloadTooLarge] = "请求内容过大",
        [StatusCodes.Status415UnsupportedMediaType] = "请求内容格式不对：请求体应为 JSON，请求头 Content-Type 为 application/json",
        [StatusCodes.Status422UnprocessableEntity] = "文件已读取，但其中有不能导入的行：整份文件未导入，result 中逐行列出原因",
    };

    /// <summary>Parameters that mean the same wherever they appear; any other carries its own [Description].</summary>
    private static readonly Dictionary<string, string> SharedParameters = new()
    {
        ["id"] = "编号：路径所指记录在列表中的 id",
        ["page"] = "页码，从 1 开始（默认 1）",
        ["pageSize"] = $"每页条数，1 到 {Data.Paged<object>.MaxPageSize}（默认 50）",
        ["townId"] = "专业镇编号（/api/v1/towns 中的 id）",
        ["jurisdiction"] = "行政区划：名称（如 垣曲县）或路径（如 山西省/运城市），含其下各级",
        ["search"] = "关键字：名称等文字包含它即列出",
        ["year"] = "年度（四位年份，如 2024）",
        ["month"] = "月份，1 到 12",
        ["taskForceId"] = "专班编号（/api/v1/reports/task-forces 中的 id）",
    };

    /// <summary>
    /// A refusal this endpoint can answer that its shape does not imply (the document adds 400, 401, 404, 413 and 415
    /// itself); <paramref name="description"/> where the endpoint's reason is its own.
    /// </summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, string? description = null) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]) { Description = description ?? Refusals[status] });

    public static void Describe(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var api = context.Description;
            if (api.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) != true) return Task.CompletedTask;
            foreach (var parameter in operation.Parameters ?? [])
                if (string.IsNullOrEmpty(parameter.Description) && parameter.Name is { } name && SharedParameters.TryGetValue(name, out var text))
                    parameter.Description = text;

            var sources = api.ParameterDescriptions.Select(p => p.Source).ToList();
            var body = sources.Contains(BindingSource.Body);
            var implied = new List<int> { StatusCodes.Status401Unauthorized };
            if (sources.Contains(BindingSource.Path)) implied.Add(StatusCodes.Status404NotFound);
            if (body || sources.Contains(BindingSource.Query) || sources.Contains(BindingSource.Form) || sources.Contains(BindingSource.FormFile))
                implied.Add(StatusCodes.Status400BadRequest);
            if (body) implied.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);

            // Swagger UI's 授权 (Authorize) button: every endpoint but the token one takes the bearer token.
            if (!api.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];

            operation.Responses ??= new OpenApiResponses();
            foreach (var status in implied)
                if (!operation.Responses.ContainsKey(status.ToString()))
                    operation.Responses[status.ToString()] = new OpenApiResponse();
            foreach (var (key, response) in operation.Responses)
            {
                if (!int.TryParse(key, out var status) || status < 400 || response is not OpenApiResponse refusal) continue;
                // The framework writes the English reason phrase (“Conflict”) where an endpoint gave none of its own.
                var declared = api.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>().LastOrDefault(m => m.StatusCode == status)?.Description;
                refusal.Description = declared ?? Refusals.GetValueOrDefault(status, refusal.Description ?? "");
                refusal.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference(status == StatusCodes.Status400BadRequest ? nameof(HttpValidationProblemDetails) : nameof(ProblemDetails), context.Document) },
                };
            }
            return Task.CompletedTask;
        });

        // The problem details schemas the refusals above refer to, whether or not an endpoint's own metadata brought them in.
        options.AddDocumentTransformer(async (document, context, ct) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "以 POST /api/v1/auth/token 取得的访问令牌（accessToken）",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            foreach (var type in new[] { typeof(ProblemDetails), typeof(HttpValidationProblemDetails) })
                if (!document.Components.Schemas.ContainsKey(type.Name))
                    document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, cancellationToken: ct));
        });
    }

}
