using System.Text.Json;

namespace SpecializedTowns.Core.Recognition;

/// <summary>Facts that cannot be read; <see cref="Field"/> is the field at fault as the JSON names it, when one is.</summary>
public sealed class FactsFormatException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Facts, and what was ignored on the way (unknown fields), for the person to see.</summary>
public sealed record FactsReading(TownFacts Facts, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the facts JSON of the recognition-check contract. Every problem is a
/// <see cref="FactsFormatException"/> whose message names the field in Chinese.
/// </summary>
public static class FactsReader
{
    private static readonly HashSet<string> KnownFields =
        ["name", "category", "designations", "expertConclusions", .. FactNames.Numeric.Keys, .. FactNames.Boolean.Keys];

    public static TownFacts Read(string json) => Parse(json).Facts;

    /// <summary>Reads file bytes: UTF-8 only, so that a GBK file is refused rather than read as mojibake.</summary>
    public static FactsReading Parse(byte[] bytes)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new FactsFormatException("事实文件不是 UTF-8 编码（可能是 GBK）：请用记事本等工具“另存为 UTF-8”后再试");
        }
        return Parse(text.TrimStart('\uFEFF'));
    }

    public static FactsReading Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new FactsFormatException("事实文件为空");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line ? $"（第{line + 1}行第{ex.BytePositionInLine + 1}个字节附近）" : "";
            throw new FactsFormatException($"事实文件不是有效的 JSON{where}：请检查括号、引号和逗号是否成对、完整");
        }
        using (doc)
        {
            try { return Read(doc.RootElement); }
            catch (InvalidOperationException)
            {
                // A field name with an escaped lone surrogate: valid JSON, but not text.
                throw new FactsFormatException("事实文件的字段名含有无效的字符（不成对的 \\u 转义），请删去后重试");
            }
        }
    }

    private static FactsReading Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FactsFormatException("事实文件应是一个 JSON 对象（{ … }）");
        var warnings = new List<string>();
        if (root.EnumerateObject().GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new FactsFormatException($"字段 {dup.Key} 出现了 {dup.Count()} 次，请只保留一个", dup.Key);
        foreach (var p in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
            warnings.Add($"未识别的字段“{p.Name}”已忽略{Suggest(p.Name)}");

        var category = root.TryGetProperty("category", out var c) && c.ValueKind != JsonValueKind.Null
            ? (c.ValueKind == JsonValueKind.String ? Text(c, "category") : throw Wrong("category", "文字"))
            : throw new FactsFormatException("缺少必填字段 category（领域），可用：" + CategoryList(), "category");
        if (!IndustryCategories.IsKnown(category))
            throw new FactsFormatException($"未知的领域 category“{category}”，可用：{CategoryList()}", "category");

        var facts = new TownFacts
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
        return new FactsReading(facts, warnings);
    }

    private static string Suggest(string field)
    {
        var close = KnownFields.FirstOrDefault(k => k.StartsWith(field, StringComparison.OrdinalIgnoreCase) || field.StartsWith(k, StringComparison.OrdinalIgnoreCase)
                                                    || string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
        return close is null ? "" : $"（是否应为 {close}？）";
    }

    private static string CategoryList() =>
        string.Join("、", IndustryCategories.Names.Select(p => $"{p.Key}（{p.Value}）"));

    private static FactsFormatException Wrong(string field, string expected) =>
        new($"字段 {field}{Label(field)} 的类型不对：应为{expected}", field);

    private static string Label(string field) =>
        FactNames.Numeric.TryGetValue(field, out var n) ? $"（{n}）" :
        FactNames.Boolean.TryGetValue(field, out var b) ? $"（{b}）" : "";

    private static bool Present(JsonElement root, string field, out JsonElement value) =>
        root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? String(JsonElement root, string field) =>
        !Present(root, field, out var v) ? null :
        v.ValueKind == JsonValueKind.String ? Text(v, field) : throw Wrong(field, "文字");

    /// <summary>The string, or a refusal naming the field: an escaped lone surrogate ("\ud800") is valid JSON but no text.</summary>
    private static string Text(JsonElement v, string field)
    {
        try { return v.GetString()!; }
        catch (InvalidOperationException) { throw new FactsFormatException($"字段 {field} 含有无效的字符（不成对的 \\u 转义），请删去后重试", field); }
    }

    private static decimal? Decimal(JsonElement root, string field)
    {
        if (!Present(root, field, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number) throw Wrong(field, "数字");
        if (!v.TryGetDecimal(out var d)) throw new FactsFormatException($"字段 {field}{Label(field)} 的数值超出范围（{v.GetRawText()}）", field);
        if (d < 0) throw new FactsFormatException($"字段 {field}{Label(field)} 不能为负数（收到 {d}）", field);
        return d;
    }

    private static int? Count(JsonElement root, string field)
    {
        var d = Decimal(root, field);
        if (d is null) return null;
        if (d != decimal.Truncate(d.Value) || d > int.MaxValue)
            throw new FactsFormatException($"字段 {field}{Label(field)} 应为整数（收到 {d}）", field);
        return (int)d.Value;
    }

    private static decimal? Percent(JsonElement root, string field)
    {
        var d = Decimal(root, field);
        if (d > 100) throw new FactsFormatException($"字段 {field}{Label(field)} 是百分数，应在 0 到 100 之间（收到 {d}）", field);
        return d;
    }

    private static bool? Bool(JsonElement root, string field) =>
        !Present(root, field, out var v) ? null :
        v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Wrong(field, " true 或 false");

    private static IReadOnlyList<string> Designations(JsonElement root)
    {
        if (!Present(root, "designations", out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array) throw Wrong("designations", "文字列表");
        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? Text(e, "designations") : throw Wrong("designations", "文字列表")).ToList();
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
                throw new FactsFormatException($"专家结论 expertConclusions.{p.Name} 的类型不对：应为 true 或 false", $"expertConclusions.{p.Name}");
            result[p.Name] = p.Value.GetBoolean();
        }
        return result;
    }
}
