using System.Text.Json;

namespace SpecializedTowns.Core.Recognition;

public sealed class FactsFormatException(string message) : Exception(message);

/// <summary>
/// Reads the facts JSON of the recognition-check contract. Every problem is a
/// <see cref="FactsFormatException"/> whose message names the field in Chinese.
/// </summary>
public static class FactsReader
{
    public static TownFacts Read(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line ? $"第{line + 1}行" : "";
            throw new FactsFormatException($"事实文件不是有效的 JSON{(where == "" ? "" : "（" + where + "附近）")}：{ex.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FactsFormatException("事实文件应是一个 JSON 对象（{ … }）");

            var category = root.TryGetProperty("category", out var c) && c.ValueKind != JsonValueKind.Null
                ? (c.ValueKind == JsonValueKind.String ? c.GetString()! : throw Wrong("category", "文字"))
                : throw new FactsFormatException("缺少必填字段 category（领域），可用：" + CategoryList());
            if (!IndustryCategories.IsKnown(category))
                throw new FactsFormatException($"未知的领域 category“{category}”，可用：{CategoryList()}");

            return new TownFacts
            {
                Name = String(root, "name"),
                Category = category,
                AnnualOutputValueWanYuan = Decimal(root, FactNames.AnnualOutputValueWanYuan),
                LeadingEnterprises = Count(root, FactNames.LeadingEnterprises),
                SupportingEnterprises = Count(root, FactNames.SupportingEnterprises),
                LocalEmployment = Count(root, FactNames.LocalEmployment),
                ProvincialMarketSharePercent = Percent(root, FactNames.ProvincialMarketSharePercent),
                CityMarketSharePercent = Percent(root, FactNames.CityMarketSharePercent),
                LargeNationalMarketSpace = Bool(root, FactNames.LargeNationalMarketSpace),
                HistoricalOriginOrGeographicalIndication = Bool(root, FactNames.HistoricalOriginOrGeographicalIndication),
                IndustryWithinOneCounty = Bool(root, FactNames.IndustryWithinOneCounty),
                Designations = Designations(root),
                ExpertConclusions = Conclusions(root),
            };
        }
    }

    private static string CategoryList() =>
        string.Join("、", IndustryCategories.Names.Select(p => $"{p.Key}（{p.Value}）"));

    private static FactsFormatException Wrong(string field, string expected) =>
        new($"字段 {field}{Label(field)} 的类型不对：应为{expected}");

    private static string Label(string field) =>
        FactNames.Numeric.TryGetValue(field, out var n) ? $"（{n}）" :
        FactNames.Boolean.TryGetValue(field, out var b) ? $"（{b}）" : "";

    private static bool Present(JsonElement root, string field, out JsonElement value) =>
        root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? String(JsonElement root, string field) =>
        !Present(root, field, out var v) ? null :
        v.ValueKind == JsonValueKind.String ? v.GetString() : throw Wrong(field, "文字");

    private static decimal? Decimal(JsonElement root, string field)
    {
        if (!Present(root, field, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d)) throw Wrong(field, "数字");
        if (d < 0) throw new FactsFormatException($"字段 {field}{Label(field)} 不能为负数（收到 {d}）");
        return d;
    }

    private static int? Count(JsonElement root, string field)
    {
        var d = Decimal(root, field);
        if (d is null) return null;
        if (d != decimal.Truncate(d.Value) || d > int.MaxValue)
            throw new FactsFormatException($"字段 {field}{Label(field)} 应为整数（收到 {d}）");
        return (int)d.Value;
    }

    private static decimal? Percent(JsonElement root, string field)
    {
        var d = Decimal(root, field);
        if (d > 100) throw new FactsFormatException($"字段 {field}{Label(field)} 是百分数，应在 0 到 100 之间（收到 {d}）");
        return d;
    }

    private static bool? Bool(JsonElement root, string field) =>
        !Present(root, field, out var v) ? null :
        v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Wrong(field, "true 或 false");

    private static IReadOnlyList<string> Designations(JsonElement root)
    {
        if (!Present(root, "designations", out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array) throw Wrong("designations", "文字列表");
        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong("designations", "文字列表")).ToList();
    }

    private static IReadOnlyDictionary<string, bool> Conclusions(JsonElement root)
    {
        if (!Present(root, "expertConclusions", out var v)) return new Dictionary<string, bool>();
        if (v.ValueKind != JsonValueKind.Object) throw Wrong("expertConclusions", "对象（条件编号 → true/false）");
        var result = new Dictionary<string, bool>();
        foreach (var p in v.EnumerateObject())
        {
            if (p.Value.ValueKind is JsonValueKind.Null) continue;
            if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new FactsFormatException($"专家结论 expertConclusions.{p.Name} 的类型不对：应为 true 或 false");
            result[p.Name] = p.Value.GetBoolean();
        }
        return result;
    }
}
