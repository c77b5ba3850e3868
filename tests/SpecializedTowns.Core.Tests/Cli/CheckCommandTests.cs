using System.Text.Json;

namespace SpecializedTowns.Core.Tests.Cli;

public class CheckCommandTests
{
    private const string ContractExample = """
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
          "expertConclusions": { "market-share": true }
        }
        """;

    [Fact]
    public void Prints_one_json_document_with_the_contract_fields_and_chinese_unescaped()
    {
        var run = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", CliRunner.TempFile(ContractExample), "--json");
        run.ExitCode.ShouldBe(0);
        run.Error.ShouldBeEmpty();
        run.Out.ShouldContain("特优农业类年产值 2.5亿元，达到 2亿元 标准");
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        root.GetProperty("standard").GetString().ShouldBe("yuncheng-municipal");
        root.GetProperty("outcome").GetString().ShouldBe("eligible");
        var criteria = root.GetProperty("criteria").EnumerateArray().ToList();
        criteria.Count.ShouldBe(6);
        foreach (var c in criteria)
        {
            c.GetProperty("key").GetString().ShouldNotBeNullOrEmpty();
            c.GetProperty("result").GetString().ShouldBeOneOf("met", "not-met", "needs-review", "missing-data");
            c.GetProperty("explanation").GetString().ShouldNotBeNullOrEmpty();
            c.GetProperty("source").GetString()!.ShouldStartWith("垣政办发〔2023〕19号");
        }
    }

    [Fact]
    public void An_ineligible_town_still_exits_zero()
    {
        var run = CliRunner.Invoke("check", "--standard", "yongji-county", "--facts", CliRunner.TempFile("""{"category":"specialty-light-industry"}"""), "--json");
        run.ExitCode.ShouldBe(0);
        JsonDocument.Parse(run.Out).RootElement.GetProperty("outcome").GetString().ShouldBe("ineligible");
    }

    [Fact]
    public void Only_category_given_leaves_every_other_criterion_open()
    {
        var run = CliRunner.Invoke("check", "--standard", "shuozhou-municipal", "--facts", CliRunner.TempFile("""{"category":"manufacturing"}"""), "--json");
        using var doc = JsonDocument.Parse(run.Out);
        doc.RootElement.GetProperty("outcome").GetString().ShouldBe("needs-review");
        var results = doc.RootElement.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("result").GetString());
        results["category"].ShouldBe("met");
        results["output-value"].ShouldBe("missing-data");
        results["heritage"].ShouldBe("needs-review");
    }

    [Theory]
    [InlineData("""{"category":"mining"}""", "未知的领域")]
    [InlineData("""{"category":"manufacturing","annualOutputValueWanYuan":-1}""", "不能为负数")]
    [InlineData("""{"category":"manufacturing","annualOutputValueWanYuan":"五亿"}""", "类型不对")]
    [InlineData("""{"category":"manufacturing","leadingEnterprises":1.5}""", "整数")]
    [InlineData("""{"category":"manufacturing","largeNationalMarketSpace":"yes"}""", "true 或 false")]
    [InlineData("""{"category":"manufacturing","provincialMarketSharePercent":120}""", "0 到 100")]
    [InlineData("""{"category":"manufacturing","expertConclusions":{"employment":1}}""", "expertConclusions.employment")]
    [InlineData("""{"category":"manufacturing",""", "不是有效的 JSON")]
    [InlineData("""[1,2]""", "JSON 对象")]
    [InlineData("""{"annualOutputValueWanYuan":1}""", "缺少必填字段 category")]
    [InlineData("", "事实文件为空")]
    [InlineData("   \n", "事实文件为空")]
    [InlineData("""{"category":"manufacturing","localEmployment":1e400}""", "超出范围")]
    [InlineData("""{"category":"manufacturing","category":"manufacturing"}""", "出现了 2 次")]
    public void Bad_facts_exit_2_with_a_chinese_message_and_no_stdout(string facts, string message)
    {
        var run = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", CliRunner.TempFile(facts), "--json");
        run.ExitCode.ShouldBe(2);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain(message);
        run.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Unknown_standard_and_missing_file_exit_2()
    {
        var unknown = CliRunner.Invoke("check", "--standard", "nowhere-municipal", "--facts", CliRunner.TempFile("""{"category":"manufacturing"}"""), "--json");
        unknown.ExitCode.ShouldBe(2);
        unknown.Out.ShouldBeEmpty();
        unknown.Error.ShouldContain("未知的认定标准");

        var missing = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", "/nonexistent/facts.json", "--json");
        missing.ExitCode.ShouldBe(2);
        missing.Out.ShouldBeEmpty();
        missing.Error.ShouldContain("文件不存在");
    }

    [Fact]
    public void A_folder_or_a_non_utf8_file_is_refused_in_chinese()
    {
        var folder = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", Path.GetTempPath(), "--json");
        folder.ExitCode.ShouldBe(2);
        folder.Error.ShouldContain("是文件夹");

        var gbk = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(gbk, [.. "{\"name\":\""u8, 0xC0, 0xFA, 0xC9, 0xBD, .. "\",\"category\":\"manufacturing\"}"u8]);
        var run = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", gbk, "--json");
        run.ExitCode.ShouldBe(2);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain("不是 UTF-8 编码");
    }

    [Fact]
    public void Ignored_fields_are_reported_on_stderr_while_stdout_stays_one_json_document()
    {
        var facts = CliRunner.TempFile("""{"category":"manufacturing","annualOutputValue":60000,"expertConclusions":{"marketshare":true}}""");
        var run = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", facts, "--json");
        run.ExitCode.ShouldBe(0);
        JsonDocument.Parse(run.Out).RootElement.GetProperty("standard").GetString().ShouldBe("yuncheng-municipal");
        run.Error.ShouldContain("未识别的字段“annualOutputValue”已忽略（是否应为 annualOutputValueWanYuan？）");
        run.Error.ShouldContain("专家结论中的“marketshare”不是本标准的条件");
    }

    [Fact]
    public void Missing_option_exits_2()
    {
        var run = CliRunner.Invoke("check", "--facts", "x.json");
        run.ExitCode.ShouldBe(2);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain("缺少必填参数 --standard");
    }

    [Fact]
    public void Without_json_prints_a_chinese_table()
    {
        var run = CliRunner.Invoke("check", "--standard", "yuncheng-municipal", "--facts", CliRunner.TempFile(ContractExample));
        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("符合认定条件");
        run.Out.ShouldContain("年产值");
    }
}
