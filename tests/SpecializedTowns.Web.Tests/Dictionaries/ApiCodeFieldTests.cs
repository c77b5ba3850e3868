using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Dictionaries;

/// <summary>
/// Every API field the 字典 names takes every value of its list as the page says (the code; the Chinese name, or the stored
/// number for a field the JSON reader converts), and refuses a value of no list by naming the field: so the table of fields is
/// not a wish. Query fields are read on the shared platform; bodies are sent to records that do not exist or lack what a
/// save needs, so nothing is written, on the writing platform all the same.
/// </summary>
public class ApiCodeFieldTests
{
    private const string Unknown = "no-such-value";
    private const int NoRecord = 999_999_999;

    /// <summary>The message the field is refused with, or null when the response does not refuse it.</summary>
    private static async Task<string?> RefusalAsync(HttpResponseMessage response, string field)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest) return null;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(field, out var messages)
            ? messages[0].GetString() : null;
    }

    [Fact]
    public async Task Every_query_field_takes_the_codes_and_names_of_its_list_and_nothing_else()
    {
        var admin = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "admin");
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(ApiCodeFields.All.Where(f => f.Place == ApiFieldPlace.Query), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (field, ct) =>
        {
            async Task<HttpResponseMessage> Send(string value) =>
                await admin.GetAsync($"{field.Path}?pageSize=1&{field.Field}={Uri.EscapeDataString(value)}", ct);
            var what = $"GET {field.Path}?{field.Field}";
            foreach (var entry in field.List.Entries)
                foreach (var value in new[] { entry.Code, entry.Name })
                {
                    var response = await Send(value);
                    if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{what}={value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            foreach (var refused in new[] { Unknown, "1" })
                if (await RefusalAsync(await Send(refused), field.Field) is null) failures.Add($"{what}={refused} is not refused by naming the field");
        });
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_body_and_path_field_takes_the_values_of_its_list_as_the_page_says()
    {
        var admin = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "admin");
        var failures = new List<string>();
        foreach (var field in ApiCodeFields.All.Where(f => f.Place != ApiFieldPlace.Query))
        {
            var key = field.Field.Replace("[]", "[0]");
            var what = $"{field.Method} {field.Path} {field.Field}";
            async Task<string?> Send(JsonNode value)
            {
                var url = field.Path.Replace("{id}", NoRecord.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Replace("{kind}", field.Place == ApiFieldPlace.Path ? Uri.EscapeDataString(value.GetValue<string>()) : "land");
                var body = Body(field, value);
                using var request = new HttpRequestMessage(new HttpMethod(field.Method), url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                return await RefusalAsync(await admin.SendAsync(request), key);
            }

            // A value of no list is refused by naming the field: the field is really read there.
            var refusal = await Send(Unknown);
            if (refusal is null) { failures.Add($"{what}: “{Unknown}” is not refused by naming {key}"); continue; }
            var unknown = refusal.Replace(Unknown, "{v}");

            foreach (var entry in field.List.Entries)
            {
                var accepted = new List<JsonNode> { JsonValue.Create(entry.Code)! };
                if (field.Typed) accepted.Add(JsonValue.Create(entry.Number!.Value)!);
                else accepted.Add(JsonValue.Create(entry.Name)!);
                foreach (var value in accepted)
                    if (await Send(value) is { } message && message.Replace(value.ToString(), "{v}") == unknown)
                        failures.Add($"{what}: {value.ToJsonString()} is refused: {message}");
                // What the page does not promise is not taken either.
                JsonNode notPromised = field.Typed ? JsonValue.Create(entry.Name)! : JsonValue.Create(entry.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Unknown)!;
                if (await Send(notPromised) is null) failures.Add($"{what}: {notPromised.ToJsonString()} is taken, but the page does not say so");
            }
        }
        failures.ShouldBeEmpty();
    }

    /// <summary>
    /// Every code-list field the API's sources read and refuse by its name (CodeLists.TryParse&lt;T&gt; followed by
    /// ApiSupport.Invalid("field") or errors["Field"]) is in the table, so the 字典 page and the OpenAPI document name its
    /// codes: POST /api/v1/towns/{id}/tier-changes read “to” as a 梯次 code that neither listed. A reading of the source, not
    /// of the running API: it cannot tell two endpoints' fields of one name and list apart, but it catches a field forgotten.
    /// </summary>
    [Fact]
    public void Every_code_list_field_the_api_reads_by_name_is_in_the_table()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) dir = dir.Parent;
        var api = Path.Combine(dir!.FullName, "src", "SpecializedTowns.Web", "Api");
        var parse = new System.Text.RegularExpressions.Regex(@"Parse<(\w+)>\(");
        var field = new System.Text.RegularExpressions.Regex(@"Invalid\(""(\w+)""|errors\[""(\w+)""\]");
        var enums = typeof(CodeLists).Assembly.GetTypes().Where(t => t.IsEnum).ToLookup(t => t.Name);
        var found = new List<(string Where, string Type, string Field)>();
        foreach (var file in Directory.EnumerateFiles(api, "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (System.Text.RegularExpressions.Match m in parse.Matches(lines[i]))
                {
                    var after = lines[i][m.Index..] + "\n" + (i + 1 < lines.Length ? lines[i + 1] : "");
                    if (field.Match(after) is not { Success: true } f) continue;
                    var name = f.Groups[1].Success ? f.Groups[1].Value : f.Groups[2].Value;
                    found.Add(($"{Path.GetFileName(file)}:{i + 1}", m.Groups[1].Value, char.ToLowerInvariant(name[0]) + name[1..]));
                }
        }
        found.Count.ShouldBeGreaterThan(30, "the API's code-list fields are found in its sources");
        var missing = found
            .Where(x => enums[x.Type].Any())
            .Where(x => !enums[x.Type].Select(CodeLists.For).Any(list => ApiCodeFields.All.Any(a => a.List == list && a.Field == x.Field)))
            .Select(x => $"{x.Where}: {x.Field} ({x.Type})").ToList();
        missing.ShouldBeEmpty();
    }

    /// <summary>A body with the field (inside a list where the field path says so) and what the endpoint reads first.</summary>
    private static JsonObject Body(ApiCodeField field, JsonNode value)
    {
        var body = new JsonObject();
        if (field.Field == "decision") body["action"] = "decide";
        if (field.Place == ApiFieldPlace.Path)
        {
            body["status"] = "pending";
            return body;
        }
        var parts = field.Field.Split('.');
        if (parts is [var list, var member] && list.EndsWith("[]", StringComparison.Ordinal))
            body[list[..^2]] = new JsonArray(new JsonObject { [member] = value.DeepClone() });
        else
            body[field.Field] = value.DeepClone();
        return body;
    }
}
