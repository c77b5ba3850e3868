using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// The OpenAPI document (/openapi/v1.json, Swagger UI at /swagger) describes every /api/v1 endpoint the application really
/// maps, read from its routing table rather than from a list kept by hand: a Chinese summary, every path and query parameter
/// described, and the refusals it can answer (contracts/web-and-api.md) as Chinese-described problem+json responses.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}");

    [Fact]
    public async Task Every_mapped_api_endpoint_has_a_summary_described_parameters_and_its_refusals()
    {
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: PathOf(e.RoutePattern)))
            .Where(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, e.Path)))
            .ToList();
        mapped.Count.ShouldBeGreaterThan(100, "the application's API endpoints, read from its routing table");
        mapped.ShouldContain(("GET", "/api/v1/evaluations"));
        mapped.ShouldContain(("POST", "/api/v1/evaluations/{id}/publish"));

        var client = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, null);
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var missing = new List<string>();
        foreach (var (method, path) in mapped)
        {
            var name = $"{method} {path}";
            if (document["paths"]?[path]?[method.ToLowerInvariant()] is not JsonObject operation)
            {
                missing.Add($"{name}: not in the document");
                continue;
            }
            if (!Chinese.IsMatch(operation["summary"]?.GetValue<string>() ?? "")) missing.Add($"{name}: no Chinese summary");
            var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
            foreach (var p in parameters.Where(p => !Chinese.IsMatch(p["description"]?.GetValue<string>() ?? "")))
                missing.Add($"{name}: parameter {p["name"]} ({p["in"]}) not described");

            var responses = operation["responses"]?.AsObject() ?? [];
            if (!responses.Any(r => r.Key.StartsWith('2'))) missing.Add($"{name}: no success response");
            var expected = new List<string> { "401" };
            if (path.Contains('{')) expected.Add("404");
            if (parameters.Any(p => p["in"]?.GetValue<string>() == "query") || operation["requestBody"] is not null) expected.Add("400");
            foreach (var status in expected.Where(s => !responses.ContainsKey(s))) missing.Add($"{name}: refusal {status} not listed");
            foreach (var (status, response) in responses.Where(r => int.Parse(r.Key) >= 400))
            {
                var resolved = Resolve(document, response!);
                if (!Chinese.IsMatch(resolved["description"]?.GetValue<string>() ?? "")) missing.Add($"{name}: refusal {status} not described in Chinese");
                if (resolved["content"]?["application/problem+json"] is null) missing.Add($"{name}: refusal {status} is not application/problem+json");
            }
        }
        missing.ShouldBeEmpty();

        // Where an endpoint's reason is its own, the document says it rather than the shared wording.
        var publish = document["paths"]!["/api/v1/evaluations/{id}/publish"]!["post"]!;
        publish["responses"]!["409"]!["description"]!.GetValue<string>().ShouldContain("changes");
        publish["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();
        var token = document["paths"]!["/api/v1/auth/token"]!["post"]!;
        token["responses"]!["401"]!["description"]!.GetValue<string>().ShouldContain("用户名或密码错误");
        token["security"].ShouldBeNull("the token endpoint is the one that needs no token");
        document["paths"]!["/api/v1/evaluations"]!["get"]!["security"]!.AsArray().ShouldNotBeEmpty();
    }

    /// <summary>The path as OpenAPI writes it: route constraints and a trailing slash left out (/api/v1/evaluations/{id}).</summary>
    private static string PathOf(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => "",
    }))));

    private static JsonNode Resolve(JsonNode document, JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? reference.TrimStart('#', '/').Split('/').Aggregate(document, (n, key) => n[key]!)
            : node;
}
