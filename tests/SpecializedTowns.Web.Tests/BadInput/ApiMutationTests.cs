using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.BadInput;

/// <summary>The platform the bad-input tests write to, apart from the shared read-only one.</summary>
internal static class BadInputPlatforms
{
    public static readonly DemoPlatforms Own = new();
}

/// <summary>
/// Mutations of the JSON body of every POST/PUT endpoint the OpenAPI document lists: a body built from each endpoint's
/// schema (with ids of real records where a property names one), then each operator applied to every property in turn,
/// and whole-body damage. Every answer is a success or a 4xx problem+json with a Chinese title and no stack trace —
/// never a 500 — and a refusal writes nothing (row counts of every table, the audit trail included).
/// </summary>
[Collection("BadInput platform")]
public class ApiMutationTests
{
    /// <summary>The endpoints with a body, as the OpenAPI document lists them; a new one fails <see cref="Every_endpoint_with_a_body_is_covered"/> until added.</summary>
    private static readonly string[] Endpoints =
    [
        "POST /api/v1/applications", "POST /api/v1/applications/{id}/steps", "PUT /api/v1/applications/{id}/facts", "POST /api/v1/projects", "PUT /api/v1/projects/{id}",
        "POST /api/v1/projects/{id}/stage", "PUT /api/v1/projects/{id}/progress", "PUT /api/v1/projects/{id}/guarantees/{kind}",
        "POST /api/v1/investment-leads", "POST /api/v1/investment-leads/{id}/steps", "POST /api/v1/problems", "POST /api/v1/problems/{id}/steps",
        "POST /api/v1/tasks/{id}/progress", "POST /api/v1/tasks/{id}/notes", "POST /api/v1/tasks/{id}/milestones", "POST /api/v1/tasks/{id}/extensions",
        "POST /api/v1/tasks/{id}/extensions/{extensionId}/decision", "POST /api/v1/tasks/plans", "PUT /api/v1/reports/{taskForceId}/{year}/{month}",
        "POST /api/v1/reports/{id}/steps", "POST /api/v1/reports/{taskForceId}/{year}/{month}/reopen", "POST /api/v1/reports/task-forces",
        "PUT /api/v1/reports/task-forces/{id}", "POST /api/v1/evaluations", "POST /api/v1/evaluations/{id}/recalculate",
        "PUT /api/v1/evaluations/{id}/manual-scores", "PUT /api/v1/evaluations/{id}/document", "POST /api/v1/evaluations/{id}/publish", "POST /api/v1/evaluations/{id}/notices",
        "POST /api/v1/targets/market-ranks", "POST /api/v1/notices", "POST /api/v1/notices/batch", "POST /api/v1/notices/{id}/items/{no}/rectification",
        "POST /api/v1/notices/{id}/items/{no}/verification", "POST /api/v1/notices/{id}/actions", "POST /api/v1/notices/{id}/files", "POST /api/v1/notices/{id}/items/{no}/files",
        "POST /api/v1/support/grants", "POST /api/v1/auth/token", "POST /api/v1/towns/{id}/tier-changes",
    ];

    private static readonly string[] PropertyOps =
    [
        "remove", "null", "wrong-type", "empty-string", "overlong-10000", "script-tag", "negative", "1e309", "1e30", "int-overflow", "fraction",
        "full-width-digits", "nan-text", "bad-date", "year-1", "unknown-option", "control-and-emoji", "empty-array", "object",
    ];

    private static readonly string[] BodyOps =
    [
        "empty-body", "json-null", "json-array", "json-string", "broken-json", "text-plain", "bom-prefixed", "duplicate-keys", "deep-nesting", "unknown-fields",
        "base-body",
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var op in PropertyOps) data.Add($"{endpoint} property {op}");
            foreach (var op in BodyOps) data.Add($"{endpoint} body {op}");
        }
        return data;
    }

    internal sealed class Api
    {
        public required HttpClient Client { get; init; }
        public required PlatformFactory Factory { get; init; }
        public required JsonObject Document { get; init; }
        public required Dictionary<string, int> Ids { get; init; }
        public required string PolicyId { get; init; }
    }

    private static readonly Lazy<Task<Api>> Shared = new(async () =>
    {
        var factory = await BadInputPlatforms.Own.GetAsync(StorageProvider.Sqlite);
        var client = await BadInputPlatforms.Own.ClientAsync(StorageProvider.Sqlite, "admin");
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var ids = new Dictionary<string, int>();
        async Task Min(string key, string table)
        {
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MIN(id) FROM \"{table}\"";
            ids[key] = await command.ExecuteScalarAsync() is { } v and not DBNull ? Convert.ToInt32(v) : 1;
        }
        foreach (var (key, table) in new[]
                 {
                     ("town", "specialized_towns"), ("county", "jurisdictions"), ("enterprise", "enterprises"), ("unit", "units"), ("project", "key_projects"),
                     ("problem", "problems"), ("task", "plan_tasks"), ("application", "recognition_applications"), ("lead", "investment_leads"),
                     ("report", "monthly_reports"), ("taskForce", "task_forces"), ("evaluation", "evaluations"), ("notice", "notices"),
                     ("extension", "task_extensions"), ("plan", "action_plans"),
                 })
            await Min(key, table);
        var policy = await db.Database.SqlQueryRaw<string>("SELECT MIN(id) AS \"Value\" FROM policy_documents").SingleAsync();
        return new Api { Client = client, Factory = factory, Document = document, Ids = ids, PolicyId = policy };
    });

    [Fact]
    public async Task Every_endpoint_with_a_body_is_covered()
    {
        var api = await Shared.Value;
        var listed = api.Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "post" or "put" or "patch" && o.Value!["requestBody"]?["content"]?["application/json"] is not null)
                .Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"))
            .ToList();
        listed.Except(Endpoints).ShouldBeEmpty("every endpoint with a JSON body is in the mutation list");
    }

    // ---- bodies from the schema ------------------------------------------------------------------------------------

    private static JsonObject Resolve(Api api, JsonNode? schema)
    {
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
            return api.Document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
        if (schema?["oneOf"] is JsonArray oneOf && oneOf.FirstOrDefault(s => s?["$ref"] is not null) is { } r) return Resolve(api, r);
        return schema as JsonObject ?? new JsonObject();
    }

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray a => a.Select(t => t!.GetValue<string>()).ToArray(),
        JsonValue v => [v.GetValue<string>()],
        _ => schema["enum"] is not null ? ["string"] : schema["properties"] is not null ? ["object"] : [],
    };

    /// <summary>A plausible value: ids of real records where the name says which, dates in the past year, the first option.</summary>
    private static JsonNode? Sample(Api api, string name, JsonNode? schemaNode, int depth = 0)
    {
        var schema = Resolve(api, schemaNode);
        if (schema["enum"] is JsonArray options) return options.FirstOrDefault(o => o is not null)?.DeepClone();
        var types = Types(schema);
        var lower = name.ToLowerInvariant();
        if (types.Contains("integer"))
        {
            foreach (var (key, id) in api.Ids)
                if (lower.StartsWith(key.ToLowerInvariant()) || lower.Contains(key.ToLowerInvariant() + "id")) return id;
            return lower.Contains("year") ? 2025 : lower.Contains("month") ? 6 : lower.Contains("version") ? 1 : 1;
        }
        if (types.Contains("number")) return 12.5;
        if (types.Contains("boolean")) return true;
        if (types.Contains("array"))
            return depth > 2 ? new JsonArray() : new JsonArray(Sample(api, name.TrimEnd('s'), schema["items"], depth + 1));
        if (types.Contains("object") || schema["properties"] is not null)
            return depth > 2 ? new JsonObject() : Body(api, schema, depth + 1);
        if (types.Contains("string"))
        {
            if (schema["format"]?.GetValue<string>() == "date" || lower.EndsWith("on") || lower.Contains("date") || lower.Contains("deadline")) return "2025-06-30";
            if (lower.Contains("phone")) return "0350-1234567";
            return lower switch { "username" => "nobody-badinput", "password" => SeededPlatforms.Password, "standardid" => "yuncheng-municipal", "policyid" => api.PolicyId, _ => "测试内容" };
        }
        return schema.Count == 0 ? JsonNode.Parse("""{"category":"manufacturing"}""") : null;
    }

    private static JsonObject Body(Api api, JsonObject schema, int depth = 0)
    {
        var body = new JsonObject();
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, property) in properties)
                body[name] = Sample(api, name, property, depth);
        return body;
    }

    private static string? Mutate(string op, JsonObject schema)
    {
        var types = Types(schema);
        var numeric = types.Contains("integer") || types.Contains("number");
        return op switch
        {
            "null" => "null",
            "wrong-type" => numeric ? "\"八十万\"" : types.Contains("boolean") ? "\"是\"" : types.Contains("array") ? "\"甲、乙\"" : "12345",
            "empty-string" => "\"\"",
            "overlong-10000" => JsonSerializer.Serialize(new string('长', 10_000)),
            "script-tag" => "\"<script>alert(1)</script>\"",
            "negative" => "-1",
            "1e309" => "1e309",
            "1e30" => "1e30",
            "int-overflow" => "2147483648",
            "fraction" => "1.5",
            "full-width-digits" => "\"１２３\"",
            "nan-text" => "\"NaN\"",
            "bad-date" => "\"2025年13月45日\"",
            "year-1" => "\"0001-01-01\"",
            "unknown-option" => "\"no-such-option\"",
            "control-and-emoji" => "\"\\u0000\\u0007\\u200b🐝\"",
            "empty-array" => "[]",
            "object" => "{\"a\":1}",
            _ => null,
        };
    }

    // ---- running -------------------------------------------------------------------------------------------------------

    private static string PathOf(Api api, string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m => m.Groups[1].Value switch
        {
            "id" => api.Ids[template.Split('/')[3] switch
            {
                "applications" => "application", "projects" => "project", "investment-leads" => "lead", "problems" => "problem", "tasks" => "task",
                "reports" => template.Contains("task-forces") ? "taskForce" : "report", "evaluations" => "evaluation", "notices" => "notice", _ => "town",
            }].ToString(),
            "taskForceId" => api.Ids["taskForce"].ToString(),
            "extensionId" => api.Ids["extension"].ToString(),
            "year" => "2025",
            "month" => "6",
            "no" => "1",
            "kind" => "land",
            _ => "1",
        });

    private static async Task<DbState> StateAsync(Api api)
    {
        using var scope = api.Factory.Services.CreateScope();
        return await DbState.CaptureAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>());
    }

    /// <summary>The state after the last request: a refusal must leave it as it is, a success moves it on.</summary>
    private static DbState? _state;

    private static async Task SendAsync(Api api, string name, string method, string path, HttpContent content)
    {
        var before = _state ??= await StateAsync(api);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        using var response = await api.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        status.ShouldBeLessThan(500, $"{name}: {body}");
        Chinese.ShouldBeClean(body, name);
        if (status >= 400)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{name}: {status} {body}");
            var problem = JsonNode.Parse(body)!;
            Chinese.Has(problem["title"]?.GetValue<string>()).ShouldBeTrue($"{name}: Chinese title: {body}");
            before.ShouldBeUnchanged(_state = await StateAsync(api), $"{name} ({status})");
        }
        else _state = null;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Api_case(string name)
    {
        var api = await Shared.Value;
        var parts = name.Split(' ');
        var (method, template, group, op) = (parts[0], parts[1], parts[2], parts[3]);
        var path = PathOf(api, template);
        var operation = api.Document["paths"]![template]![method.ToLowerInvariant()]!;
        var schema = Resolve(api, operation["requestBody"]!["content"]!["application/json"]!["schema"]);
        var body = Body(api, schema);

        if (group == "body")
        {
            var text = body.ToJsonString();
            HttpContent content = op switch
            {
                "empty-body" => Json(""),
                "json-null" => Json("null"),
                "json-array" => Json($"[{text}]"),
                "json-string" => Json("\"测试\""),
                "broken-json" => Json(text[..(text.Length / 2)]),
                "text-plain" => new StringContent(text, Encoding.UTF8, "text/plain"),
                "bom-prefixed" => new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]) { Headers = { ContentType = new("application/json") } },
                "duplicate-keys" => Json(text.Length > 2 ? text.TrimEnd('}') + "," + text.TrimStart('{') : text),
                "deep-nesting" => Json(text.TrimEnd('}') + (text.Length > 2 ? "," : "") + "\"x\":" + new string('[', 5000) + new string(']', 5000) + "}"),
                "unknown-fields" => Json(text.TrimEnd('}') + (text.Length > 2 ? "," : "") + "\"noSuchField\":\"<script>alert(1)</script>\"}"),
                _ => Json(text),
            };
            await SendAsync(api, name, method, path, content);
            return;
        }

        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        foreach (var (property, propertySchema) in properties)
        {
            var mutated = (JsonObject)body.DeepClone();
            string text;
            if (op == "remove")
            {
                mutated.Remove(property);
                text = mutated.ToJsonString();
            }
            else
            {
                if (Mutate(op, Resolve(api, propertySchema)) is not { } raw) continue;
                // Replaced as text so that 1e309 and other raw numbers reach the server as written.
                mutated[property] = "@@MUTATED@@";
                text = mutated.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                    .Replace("\"@@MUTATED@@\"", raw);
            }
            await SendAsync(api, $"{name} [{property}]", method, path, Json(text));
        }
    }

    // ---- years and dates in the address -------------------------------------------------------------------------------

    private static readonly System.Text.RegularExpressions.Regex YearOrDate =
        new("^(year|from|to|on|day|since|until|asOf|.*Year|.*Date)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// Every GET endpoint the OpenAPI document lists with a year or a date in its path or query, given one out of range
    /// (99999, 0, 9999-12-31, 0001-01-01): a 400 problem+json in Chinese naming the parameter, never a 500.
    /// </summary>
    [Fact]
    public async Task Every_year_and_date_in_the_address_out_of_range_is_a_400()
    {
        var api = await Shared.Value;
        var tried = new List<string>();
        foreach (var (template, item) in api.Document["paths"]!.AsObject())
        {
            if (item!["get"] is not { } operation) continue;
            var parameters = (operation["parameters"] as JsonArray ?? []).Concat(item["parameters"] as JsonArray ?? []).Where(p => p is not null).ToList();
            foreach (var parameter in parameters.Where(p => YearOrDate.IsMatch(p!["name"]!.GetValue<string>())))
            {
                var name = parameter!["name"]!.GetValue<string>();
                var integer = Resolve(api, parameter["schema"])["type"]?.ToString().Contains("integer") == true;
                foreach (var value in integer ? new[] { "99999", "0" } : ["99999", "0", "9999-12-31", "0001-01-01"])
                {
                    var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}:]+)[^}]*\}", m => m.Groups[1].Value == name ? value : "1");
                    if (parameter["in"]?.GetValue<string>() == "query") path += $"?{name}={value}";
                    var label = $"GET {path}";
                    tried.Add(label);
                    using var response = await api.Client.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    ((int)response.StatusCode).ShouldBe(400, $"{label}: {body[..Math.Min(body.Length, 400)]}");
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", label);
                    Chinese.ShouldBeClean(body, label);
                    var problem = JsonNode.Parse(body)!;
                    Chinese.Has(problem["title"]?.GetValue<string>()).ShouldBeTrue($"{label}: {body}");
                    problem["errors"]![name].ShouldNotBeNull($"{label}: the parameter is named: {body}");
                    problem["errors"]![name]![0]!.GetValue<string>().ShouldContain("2000 到 2100", Case.Sensitive, label);
                }
            }
        }
        tried.ShouldContain("GET /api/v1/support/grants?year=0");
        tried.ShouldContain("GET /api/v1/support/events?year=99999");
        tried.ShouldContain("GET /api/v1/audit?from=9999-12-31");
        tried.ShouldContain(t => t.StartsWith("GET /api/v1/reports/months/99999/"));
    }
}
