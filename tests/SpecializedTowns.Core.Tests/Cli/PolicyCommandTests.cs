using System.Text.Json;

namespace SpecializedTowns.Core.Tests.Cli;

public class PolicyCommandTests
{
    private static readonly string[] ContractIds =
        ["yuanqu-2023-19", "xinjiang-2023-33", "yongji-2024-2025", "yangquan-2023-24", "shuozhou-2023-19", "yuncheng-2023-8", "shanxi-2022-80"];

    [Fact]
    public void Shipped_packs_validate()
    {
        var run = CliRunner.Invoke("policy", "validate");
        run.Error.ShouldBeEmpty();
        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("校验通过");
    }

    [Fact]
    public void Export_holds_every_contract_pack_with_its_fields()
    {
        var run = CliRunner.Invoke("policy", "export", "--json");
        run.ExitCode.ShouldBe(0);
        run.Out.ShouldNotContain("\\u");
        using var doc = JsonDocument.Parse(run.Out);
        var packs = doc.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        packs.Keys.ShouldBe(ContractIds, ignoreOrder: true);
        foreach (var p in packs.Values)
        {
            foreach (var field in new[] { "documentNumber", "title", "jurisdiction", "issuedOn", "standards", "keyTasks", "targets", "supportPolicies" })
                p.TryGetProperty(field, out _).ShouldBeTrue($"{p.GetProperty("id")} lacks {field}");
            foreach (var t in p.GetProperty("keyTasks").EnumerateArray())
            {
                t.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
                t.GetProperty("leadUnits").ValueKind.ShouldBe(JsonValueKind.Array);
                t.GetProperty("cooperatingUnits").ValueKind.ShouldBe(JsonValueKind.Array);
                t.GetProperty("source").GetString().ShouldNotBeNullOrEmpty();
            }
            foreach (var t in p.GetProperty("targets").EnumerateArray())
            {
                t.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Number);
                t.GetProperty("comparison").GetString().ShouldNotBeNullOrEmpty();
                t.GetProperty("source").GetString().ShouldNotBeNullOrEmpty();
            }
        }
        packs["yongji-2024-2025"].GetProperty("documentNumber").ValueKind.ShouldBe(JsonValueKind.Null);
        packs["yangquan-2023-24"].GetProperty("issuedOn").GetString().ShouldBe("2023-04-11");
        packs["yangquan-2023-24"].GetProperty("standards").EnumerateArray().Select(s => s.GetString()).ShouldContain("yangquan-municipal");
        packs["yuanqu-2023-19"].GetProperty("standards").EnumerateArray().Select(s => s.GetString()).ShouldContain("yuncheng-municipal");
    }

    [Fact]
    public void Export_matches_the_texts_on_the_figures_the_issue_names()
    {
        using var doc = JsonDocument.Parse(CliRunner.Invoke("policy", "export", "--json").Out);
        var packs = doc.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        int Tasks(string id) => packs[id].GetProperty("keyTasks").GetArrayLength();
        Tasks("yuanqu-2023-19").ShouldBe(10);
        Tasks("xinjiang-2023-33").ShouldBe(12);
        Tasks("yongji-2024-2025").ShouldBe(12);
        Tasks("yangquan-2023-24").ShouldBe(10);
        packs["shuozhou-2023-19"].GetProperty("supportPolicies").GetArrayLength().ShouldBe(17);

        var task = packs["yangquan-2023-24"].GetProperty("keyTasks").EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == "实施专业镇精准招商引资工程");
        task.GetProperty("leadUnits").EnumerateArray().Select(u => u.GetString()).ShouldBe(["市商务局", "市招商中心"]);
        task.GetProperty("cooperatingUnits").EnumerateArray().Select(u => u.GetString()).ShouldBe(["各县〈区〉政府"]);
        task.GetProperty("source").GetString().ShouldBe("阳政办发〔2023〕24号 五（八）");

        var output = packs["yangquan-2023-24"].GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("metric").GetString() == "工业总产值");
        output.GetProperty("value").GetDecimal().ShouldBe(300);
        output.GetProperty("unit").GetString().ShouldBe("亿元");
        output.GetProperty("deadline").GetString().ShouldBe("2025-12-31");
    }

    [Fact]
    public void A_county_adds_its_own_pack_without_code_and_a_bad_line_is_named()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"packs-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(dir, "demo-county.yaml"), """
            id: demo-county-2025-1
            document:
              number: 示政办发〔2025〕1号
              title: 示范县促进专业镇高质量发展实施方案
              issuer: 示范县人民政府办公室
              issuedOn: 2025-03-01
              jurisdiction: 示范县
              jurisdictionPath: [山西省, 示范市, 示范县]
              level: county
              status: issued
            standards:
              - id: demo-county
                name: 示范县县级专业镇认定标准
                tier: county
                applicant: township
                source: 示政办发〔2025〕1号 三
                criteria:
                  - key: output-value
                    kind: threshold
                    title: 年产值
                    fact: annualOutputValueWanYuan
                    reading: at-least
                    value: 3000
                    unit: 万元
                    source: 示政办发〔2025〕1号 三（一）
            keyTasks:
              - title: 培育市场主体
                leadUnits: [县工信局]
                source: 示政办发〔2025〕1号 四（一）
            targets:
              - metric: 县级专业镇数量
                value: 2
                unit: 个
                comparison: ">="
                deadline: 2026-12-31
                source: 示政办发〔2025〕1号 二
            """);
        var ok = SpecializedTowns.Cli.Cli.Run(["--policies", dir, "policy", "validate"], new StringWriter(), new StringWriter());
        ok.ShouldBe(0);
        var facts = CliRunner.TempFile("""{"category":"manufacturing","annualOutputValueWanYuan":3500}""");
        var stdout = new StringWriter();
        SpecializedTowns.Cli.Cli.Run(["--policies", dir, "check", "--standard", "demo-county", "--facts", facts, "--json"], stdout, new StringWriter()).ShouldBe(0);
        JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("outcome").GetString().ShouldBe("eligible");

        File.WriteAllText(Path.Combine(dir, "demo-county.yaml"), File.ReadAllText(Path.Combine(dir, "demo-county.yaml"))
            .Replace("reading: at-least", "reading: roughly").Replace("comparison: \">=\"", "comparisn: \">=\""));
        var stderr = new StringWriter();
        SpecializedTowns.Cli.Cli.Run(["--policies", dir, "policy", "validate"], new StringWriter(), stderr).ShouldBe(2);
        // YAML shape errors stop the file at the first bad line; that line is named.
        stderr.ToString().ShouldContain("demo-county.yaml 第34行");
        stderr.ToString().ShouldContain("未知字段“comparisn”");

        File.WriteAllText(Path.Combine(dir, "demo-county.yaml"), File.ReadAllText(Path.Combine(dir, "demo-county.yaml")).Replace("comparisn:", "comparison:"));
        stderr = new StringWriter();
        SpecializedTowns.Cli.Cli.Run(["--policies", dir, "policy", "validate"], new StringWriter(), stderr).ShouldBe(2);
        stderr.ToString().ShouldContain("demo-county.yaml 第22行");
        stderr.ToString().ShouldContain("读法（reading）“roughly”不是可用的取值");
    }

    private static (int Code, string Error) ValidateBroken(string file, Func<string, string> breakIt)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"packs-{Guid.NewGuid():N}")).FullName;
        foreach (var f in Directory.GetFiles(Packs.Directory, "*.yaml")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var path = Path.Combine(dir, file);
        File.WriteAllText(path, breakIt(File.ReadAllText(path)));
        var stderr = new StringWriter();
        var code = SpecializedTowns.Cli.Cli.Run(["--policies", dir, "policy", "validate"], new StringWriter(), stderr);
        return (code, stderr.ToString());
    }

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(Path.Combine(Packs.Directory, file)).Select((l, i) => (l, i)).First(x => x.l.Contains(text)).i + 1;

    [Fact]
    public void A_bad_value_is_named_at_its_own_line()
    {
        var line = LineOf("yangquan-2023-24.yaml", "issuedOn: 2023-04-11");
        var (code, error) = ValidateBroken("yangquan-2023-24.yaml", t => t.Replace("issuedOn: 2023-04-11", "issuedOn: 2023-13-45"));
        code.ShouldBe(2);
        error.ShouldContain($"yangquan-2023-24.yaml 第{line}行：印发日期（document.issuedOn）“2023-13-45”不是有效日期");
    }

    [Fact]
    public void A_word_where_a_number_belongs_is_named_in_chinese_without_follow_on_errors()
    {
        var (code, error) = ValidateBroken("yuncheng-2023-8.yaml", t => t.Replace("value: 2000", "value: 两千"));
        code.ShouldBe(2);
        error.ShouldContain("yuncheng-2023-8.yaml 第");
        error.ShouldContain("字段 value 的值“两千”不是有效的数字");
        // The packs that adopt the standard of the unreadable file are not blamed for it.
        error.ShouldNotContain("没有定义");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
    }

    [Fact]
    public void Duplicate_keys_and_tabs_are_refused_at_their_line()
    {
        var line = LineOf("yangquan-2023-24.yaml", "  level: city");
        var (_, duplicate) = ValidateBroken("yangquan-2023-24.yaml", t => t.Replace("  level: city\n", "  level: city\n  level: county\n"));
        duplicate.ShouldContain($"yangquan-2023-24.yaml 第{line + 1}行：字段“level”重复出现");

        var (_, tab) = ValidateBroken("yangquan-2023-24.yaml", t => t.Replace("  level: city\n", "\tlevel: city\n"));
        tab.ShouldContain($"yangquan-2023-24.yaml 第{line}行：YAML 格式错误：缩进中含有制表符（Tab）");
    }
}
