using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecializedTowns.Core.Tests.Cli;

namespace SpecializedTowns.Core.Tests.BadInput;

/// <summary>
/// Mutations of a valid facts file for `check` (contracts/recognition-check.md): every field × every value operator, plus
/// file-level damage (encoding, truncation, wrong document kind) and bad command arguments. Each case either runs (exit 0,
/// one JSON document on stdout) or is refused (exit 2, nothing on stdout, a Chinese message on stderr) — never exit 1, never
/// a stack trace. Where the contract fixes the outcome, the case says which.
/// </summary>
public class CheckFactsMutationTests
{
    private static readonly string[] Standards = ["yuncheng-municipal", "yongji-county", "yangquan-municipal", "shuozhou-municipal", "shanxi-provincial"];

    private const string Valid = """
        {
          "name": "历山镇蜂蜜专业镇",
          "category": "specialty-agriculture",
          "annualOutputValueWanYuan": 25000,
          "leadingEnterprises": 1,
          "supportingEnterprises": 11,
          "localEmployment": 2300,
          "provincialMarketSharePercent": 12.5,
          "cityMarketSharePercent": 40,
          "largeNationalMarketSpace": true,
          "historicalOriginOrGeographicalIndication": true,
          "industryWithinOneCounty": true,
          "designations": ["省级专业镇"],
          "expertConclusions": { "market-share": true }
        }
        """;

    private enum Kind { Name, Category, Money, Count, Percent, Bool, List, Conclusions }

    private static readonly (string Field, Kind Kind)[] Fields =
    [
        ("name", Kind.Name), ("category", Kind.Category), ("annualOutputValueWanYuan", Kind.Money),
        ("leadingEnterprises", Kind.Count), ("supportingEnterprises", Kind.Count), ("localEmployment", Kind.Count),
        ("provincialMarketSharePercent", Kind.Percent), ("cityMarketSharePercent", Kind.Percent),
        ("largeNationalMarketSpace", Kind.Bool), ("historicalOriginOrGeographicalIndication", Kind.Bool), ("industryWithinOneCounty", Kind.Bool),
        ("designations", Kind.List), ("expertConclusions", Kind.Conclusions),
    ];

    /// <summary>What the contract says must happen: run (0), refuse (2) with a fragment of the message, or either.</summary>
    private sealed record Expect(int? Exit, string? Message = null)
    {
        public static readonly Expect Runs = new(0);
        public static readonly Expect Either = new((int?)null);
        public static Expect Refused(string? message = null) => new(2, message);
    }

    private sealed record Case(string Standard, byte[]? Content, string? Path, Expect Expect, string[]? Args = null);

    private static readonly string Long = new('蜂', 10_000);

    /// <summary>Value operators: raw JSON replacing a field's value, and what each field kind must do with it.</summary>
    private static readonly (string Op, string? Json, Func<Kind, Expect> Expect)[] Operators =
    [
        ("remove", null, k => k == Kind.Category ? Expect.Refused("缺少必填字段 category") : Expect.Runs),
        ("null", "null", k => k == Kind.Category ? Expect.Refused("缺少必填字段 category") : Expect.Runs),
        ("word", "\"五亿\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), Kind.Conclusions => Expect.Refused("类型不对"), _ => Expect.Refused("类型不对") }),
        ("empty-string", "\"\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("digits-as-text", "\"25000\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("full-width-digits", "\"１２３\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("negative", "-1", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Refused("不能为负数"), _ => Expect.Refused("类型不对") }),
        ("negative-fraction", "-0.01", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Refused("不能为负数"), _ => Expect.Refused("类型不对") }),
        ("minus-zero", "-0", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Runs, _ => Expect.Refused("类型不对") }),
        ("zero", "0", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Runs, _ => Expect.Refused("类型不对") }),
        ("fraction", "1.5", k => k switch { Kind.Money or Kind.Percent => Expect.Runs, Kind.Count => Expect.Refused("整数"), _ => Expect.Refused("类型不对") }),
        ("tiny-exponent", "1e-30", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Either, _ => Expect.Refused("类型不对") }),
        ("over-100", "100.5", k => k switch { Kind.Money => Expect.Runs, Kind.Percent => Expect.Refused("0 到 100"), Kind.Count => Expect.Refused("整数"), _ => Expect.Refused("类型不对") }),
        ("int-overflow", "2147483648", k => k switch { Kind.Money => Expect.Runs, Kind.Count => Expect.Refused("整数"), Kind.Percent => Expect.Refused("0 到 100"), _ => Expect.Refused("类型不对") }),
        ("decimal-overflow", "79228162514264337593543950336", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Refused("超出范围"), _ => Expect.Refused("类型不对") }),
        ("1e309", "1e309", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Refused("超出范围"), _ => Expect.Refused("类型不对") }),
        ("1e400", "1e400", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Refused("超出范围"), _ => Expect.Refused("类型不对") }),
        ("true", "true", k => k switch { Kind.Bool => Expect.Runs, _ => Expect.Refused("类型不对") }),
        ("false", "false", k => k switch { Kind.Bool => Expect.Runs, _ => Expect.Refused("类型不对") }),
        ("bool-as-text", "\"true\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("one-for-true", "1", k => k switch { Kind.Money or Kind.Count or Kind.Percent => Expect.Runs, _ => Expect.Refused("类型不对") }),
        ("empty-array", "[]", k => k == Kind.List ? Expect.Runs : Expect.Refused("类型不对")),
        ("array-of-numbers", "[1,2]", k => Expect.Refused("类型不对")),
        ("empty-object", "{}", k => k == Kind.Conclusions ? Expect.Runs : Expect.Refused("类型不对")),
        ("object-with-number", "{\"employment\":1}", k => k == Kind.Conclusions ? Expect.Refused("expertConclusions.employment") : Expect.Refused("类型不对")),
        ("object-unknown-key", "{\"no-such-criterion\":true}", k => k == Kind.Conclusions ? Expect.Runs : Expect.Refused("类型不对")),
        ("script", "\"<script>alert(1)</script>\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("overlong-10000", JsonSerializer.Serialize(Long), k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("control-chars", "\"\\u0000\\u0007\\u001b[31m\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("zero-width-and-emoji", "\"\u200b历山\u200d🐝\ufeff\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("lone-surrogate", "\"\\ud800历山\"", k => k switch { Kind.Name => Expect.Either, Kind.Category => Expect.Refused(), _ => Expect.Refused("类型不对") }),
        ("upper-case-category", "\"MANUFACTURING\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("chinese-category", "\"特优农业\"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("padded-category", "\" manufacturing \"", k => k switch { Kind.Name => Expect.Runs, Kind.Category => Expect.Refused("未知的领域"), _ => Expect.Refused("类型不对") }),
        ("duplicate-key", "", k => Expect.Refused("出现了 2 次")),
    ];

    private static readonly Lazy<Dictionary<string, Case>> All = new(Build);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Value.Keys) data.Add(name);
        return data;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Dictionary<string, Case> Build()
    {
        var cases = new Dictionary<string, Case>();
        var n = 0;
        string Next() => Standards[n++ % Standards.Length];

        foreach (var (field, kind) in Fields)
        foreach (var (op, json, expect) in Operators)
        {
            var root = JsonNode.Parse(Valid)!.AsObject();
            string text;
            if (op == "duplicate-key")
                text = Valid.TrimEnd().TrimEnd('}') + $",\n  \"{field}\": {root[field]!.ToJsonString()}\n}}";
            else
            {
                if (json is null) root.Remove(field);
                else root[field] = null; // placeholder, replaced textually so that raw numbers like 1e400 survive
                text = root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                if (json is not null) text = text.Replace($"\"{field}\":null", $"\"{field}\":{json}");
            }
            cases[$"{field} {op}"] = new Case(Next(), Utf8(text), null, expect(kind));
        }

        // Whole-file damage.
        var valid = Utf8(Valid);
        cases["file empty"] = new(Next(), [], null, Expect.Refused("事实文件为空"));
        cases["file whitespace only"] = new(Next(), Utf8(" \r\n\t "), null, Expect.Refused("事实文件为空"));
        cases["file BOM then valid"] = new(Next(), [0xEF, 0xBB, 0xBF, .. valid], null, Expect.Runs);
        cases["file BOM only"] = new(Next(), [0xEF, 0xBB, 0xBF], null, Expect.Refused("事实文件为空"));
        cases["file two BOMs"] = new(Next(), [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. valid], null, Expect.Runs);
        cases["file UTF-16LE with BOM"] = new(Next(), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Valid)], null, Expect.Refused());
        cases["file UTF-16BE with BOM"] = new(Next(), [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Valid)], null, Expect.Refused());
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        cases["file GBK"] = new(Next(), Encoding.GetEncoding("GBK").GetBytes(Valid), null, Expect.Refused("不是 UTF-8 编码"));
        cases["file GB18030"] = new(Next(), Encoding.GetEncoding("GB18030").GetBytes(Valid), null, Expect.Refused("不是 UTF-8 编码"));
        cases["file Big5"] = new(Next(), Encoding.GetEncoding("big5").GetBytes(Valid.Replace("历山镇蜂蜜", "歷山鎮蜂蜜")), null, Expect.Refused("不是 UTF-8 编码"));
        cases["file CRLF line ends"] = new(Next(), Utf8(Valid.Replace("\n", "\r\n")), null, Expect.Runs);
        cases["file NUL bytes"] = new(Next(), [0, 0, 0, 0], null, Expect.Refused());
        cases["file binary zip header"] = new(Next(), [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], null, Expect.Refused());
        cases["file YAML instead of JSON"] = new(Next(), Utf8("name: 历山镇蜂蜜专业镇\ncategory: specialty-agriculture\nannualOutputValueWanYuan: 25000\n"), null, Expect.Refused("不是有效的 JSON"));
        cases["file JSON array"] = new(Next(), Utf8($"[{Valid}]"), null, Expect.Refused("JSON 对象"));
        cases["file JSON string"] = new(Next(), Utf8("\"manufacturing\""), null, Expect.Refused("JSON 对象"));
        cases["file JSON number"] = new(Next(), Utf8("25000"), null, Expect.Refused("JSON 对象"));
        cases["file JSON null"] = new(Next(), Utf8("null"), null, Expect.Refused("JSON 对象"));
        cases["file two documents"] = new(Next(), Utf8(Valid + Valid), null, Expect.Refused("不是有效的 JSON"));
        cases["file trailing garbage"] = new(Next(), Utf8(Valid + " xyz"), null, Expect.Refused("不是有效的 JSON"));
        cases["file trailing comma"] = new(Next(), Utf8(Valid.Replace("\"market-share\": true }", "\"market-share\": true, },")), null, Expect.Runs);
        cases["file comments"] = new(Next(), Utf8("// 历山\n" + Valid), null, Expect.Runs);
        cases["file single quotes"] = new(Next(), Utf8(Valid.Replace('"', '\'')), null, Expect.Refused("不是有效的 JSON"));
        cases["file nested 10000 deep"] = new(Next(), Utf8("{\"category\":\"manufacturing\",\"expertConclusions\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), null, Expect.Refused());
        cases["file 1 MB of spaces then valid"] = new(Next(), Utf8(new string(' ', 1 << 20) + Valid), null, Expect.Runs);
        cases["file 5000 unknown fields"] = new(Next(), Utf8("{\"category\":\"manufacturing\"," + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"f{i}\":{i}")) + "}"), null, Expect.Runs);
        cases["file key with lone surrogate"] = new(Next(), Utf8("{\"category\":\"manufacturing\",\"\\ud800x\":1}"), null, Expect.Refused("无效的字符"));
        cases["expertConclusions key with lone surrogate"] = new(Next(), Utf8("{\"category\":\"manufacturing\",\"expertConclusions\":{\"\\udc00\":true}}"), null, Expect.Refused("无效的字符"));
        cases["designations item with lone surrogate"] = new(Next(), Utf8("{\"category\":\"manufacturing\",\"designations\":[\"\\ud800\"]}"), null, Expect.Refused("无效的字符"));
        cases["file case-changed keys"] = new(Next(), Utf8(Valid.Replace("\"category\"", "\"Category\"")), null, Expect.Refused("缺少必填字段 category"));

        // Truncated at fixed-seed positions: never valid JSON.
        var random = new Random(20261202);
        var cut = Enumerable.Range(0, 30).Select(_ => random.Next(1, valid.Length - 2)).Distinct().Order();
        foreach (var at in cut)
            cases[$"file truncated at byte {at}"] = new(Next(), valid[..at], null, Expect.Refused());

        // Paths that are not a readable file, and bad arguments.
        cases["path does not exist"] = new(Next(), null, "/nonexistent/facts.json", Expect.Refused("文件不存在"));
        cases["path is a folder"] = new(Next(), null, Path.GetTempPath(), Expect.Refused("是文件夹"));
        cases["path empty"] = new(Next(), null, "", Expect.Refused());
        cases["path with NUL"] = new(Next(), null, "facts\0.json", Expect.Refused());
        cases["path 5000 chars"] = new(Next(), null, "/tmp/" + new string('a', 5000) + ".json", Expect.Refused());
        foreach (var standard in new[] { "", "nowhere", "YUNCHENG-MUNICIPAL", "yuncheng-municipal ", "../../etc/passwd", "<script>alert(1)</script>", "运城市级" })
            cases[$"standard “{standard}”"] = new(standard, valid, null, Expect.Refused());
        cases["args missing --facts"] = new("", null, null, Expect.Refused(), ["check", "--standard", "yuncheng-municipal", "--json"]);
        cases["args missing --standard"] = new("", valid, null, Expect.Refused("缺少必填参数 --standard"), ["check", "--json"]);
        cases["args unknown option"] = new("", valid, null, Expect.Refused(), ["check", "--standard", "yuncheng-municipal", "--json", "--strict"]);
        cases["args --facts without value"] = new("", null, null, Expect.Refused(), ["check", "--standard", "yuncheng-municipal", "--facts"]);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Facts_case(string name)
    {
        var c = All.Value[name];
        var path = c.Path;
        if (c.Content is { } content)
        {
            path = Path.Combine(Path.GetTempPath(), $"st-bad-{Guid.NewGuid():N}.json");
            File.WriteAllBytes(path, content);
        }
        try
        {
            string[] args = c.Args is { } a
                ? (path is null ? a : [.. a, "--facts", path])
                : ["check", "--standard", c.Standard, "--facts", path!, "--json"];
            var run = CliRunner.Invoke(args);

            run.Error.ShouldNotContain("   at ", customMessage: name);
            run.Error.ShouldNotContain("Exception", customMessage: name);
            run.ExitCode.ShouldBeOneOf([0, 2], $"{name}: {run.Error}");
            if (run.ExitCode == 0)
            {
                using var doc = JsonDocument.Parse(run.Out);
                doc.RootElement.GetProperty("outcome").GetString().ShouldBeOneOf("eligible", "ineligible", "needs-review");
                doc.RootElement.GetProperty("criteria").GetArrayLength().ShouldBeGreaterThan(0);
            }
            else
            {
                run.Out.ShouldBeEmpty(name);
                run.Error.ShouldNotBeNullOrWhiteSpace(name);
                run.Error.Any(ch => ch is >= '\u4e00' and <= '\u9fff').ShouldBeTrue($"{name}: the message is Chinese: {run.Error}");
            }
            if (c.Expect.Exit is { } exit) run.ExitCode.ShouldBe(exit, $"{name}: {run.Error}");
            if (c.Expect.Message is { } fragment) run.Error.ShouldContain(fragment, Shouldly.Case.Sensitive, name);
        }
        finally
        {
            if (c.Content is not null) File.Delete(path!);
        }
    }

    [Fact]
    public void There_are_enough_cases() => All.Value.Count.ShouldBeGreaterThan(500);
}
