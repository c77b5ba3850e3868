using System.Text.Json;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Cli;

/// <summary>The CLI's database commands, run in-process against a real SQLite file.</summary>
public class TownCommandTests
{
    private static readonly Lazy<string> Loaded = new(() =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-cli-{Guid.NewGuid():N}.db");
        Run(file, "demo", "load").Code.ShouldBe(0);
        return file;
    });

    private static (int Code, string Out, string Error) Run(string file, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SpecializedTowns.Cli.Cli.Run(["--policies", TestDatabases.PoliciesDirectory, .. args, "--connection", $"Data Source={file};Pooling=False"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Read_only_commands_on_a_missing_database_create_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-none-{Guid.NewGuid():N}", "x.db");
        var run = Run(file, "towns", "list");
        run.Code.ShouldBe(2);
        run.Error.ShouldContain("不存在：请先运行 db init 或 demo load");
        File.Exists(file).ShouldBeFalse();
        Directory.Exists(Path.GetDirectoryName(file)).ShouldBeFalse();
    }

    [Fact]
    public void Demo_load_twice_loads_once()
    {
        var second = Run(Loaded.Value, "demo", "load");
        second.Code.ShouldBe(0);
        second.Out.ShouldContain("此前已载入");
    }

    [Fact]
    public void Towns_list_filters_accept_chinese_names_and_mark_demo_figures()
    {
        var run = Run(Loaded.Value, "towns", "list", "--jurisdiction", "运城市", "--tier", "县级", "--category", "制造业");
        run.Code.ShouldBe(0);
        run.Out.ShouldContain("万安钻石专业镇（演示）");
        run.Out.ShouldNotContain("垣曲县");

        var json = Run(Loaded.Value, "towns", "list", "--jurisdiction", "垣曲县", "--json");
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("total").GetInt32().ShouldBe(3);
        doc.RootElement.GetProperty("items").EnumerateArray().ShouldAllBe(t => t.GetProperty("isDemo").GetBoolean() && t.GetProperty("tier").GetString() == "reserve");
    }

    /// <summary>The filters read as the web's and the API's do (字典): the code in any letter case, the name with or without its brackets.</summary>
    [Fact]
    public void Towns_list_filters_read_their_code_lists_as_the_web_does()
    {
        var upper = Run(Loaded.Value, "towns", "list", "--jurisdiction", "运城市", "--tier", "COUNTY", "--category", "Manufacturing");
        upper.Code.ShouldBe(0, upper.Error);
        upper.Out.ShouldContain("万安钻石专业镇（演示）");
        var json = Run(Loaded.Value, "towns", "list", "--tier", "Reserve", "--category", "specialty-agriculture", "--json");
        json.Code.ShouldBe(0, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        doc.RootElement.GetProperty("items").EnumerateArray().ShouldAllBe(t => t.GetProperty("tier").GetString() == "reserve" && t.GetProperty("category").GetString() == "specialty-agriculture");
        Run(Loaded.Value, "towns", "list", "--category", "特色轻工（工艺美术）").Code.ShouldBe(0);

        var unknown = Run(Loaded.Value, "towns", "list", "--tier", "2");
        unknown.Code.ShouldBe(2);
        unknown.Error.ShouldContain("未知的梯次“2”，可用：delisted（已退出）、reserve（储备）、county（县级）、municipal（市级）、provincial（省级）");
        Run(Loaded.Value, "towns", "list", "--category", "mining").Error.ShouldContain("未知的领域“mining”，可用：manufacturing（制造业）");
    }

    [Theory]
    [InlineData(new[] { "--jurisdiction", "垣曲" }, "未找到行政区划“垣曲”，是否是：垣曲县？")]
    [InlineData(new[] { "--tier", "特级" }, "未知的梯次")]
    [InlineData(new[] { "--category", "采矿" }, "未知的领域")]
    [InlineData(new[] { "--page", "0" }, "页码应从 1 开始")]
    [InlineData(new[] { "--page-size", "0" }, "每页条数应在 1 到 500 之间")]
    [InlineData(new[] { "--page", "99" }, "没有第 99 页")]
    [InlineData(new[] { "--page", "abc" }, "应为整数")]
    public void Towns_list_refuses_bad_filters_in_chinese(string[] filter, string message)
    {
        var run = Run(Loaded.Value, ["towns", "list", .. filter]);
        run.Code.ShouldBe(2);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain(message);
    }

    [Fact]
    public void Recognize_checks_only_the_towns_where_the_standard_applies()
    {
        var json = Run(Loaded.Value, "recognize", "--standard", "yongji-county", "--json");
        json.Code.ShouldBe(0);
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("scope").GetString().ShouldBe("山西省/运城市/永济市");
        var towns = doc.RootElement.GetProperty("towns").EnumerateArray().ToList();
        towns.ShouldNotBeEmpty();
        towns.ShouldAllBe(t => t.GetProperty("county").GetString() == "永济市" && t.GetProperty("isDemo").GetBoolean());

        var outside = Run(Loaded.Value, "recognize", "--standard", "yongji-county", "--jurisdiction", "垣曲县");
        outside.Code.ShouldBe(2);
        outside.Error.ShouldContain("永济市县级专业镇认定标准适用于永济市，垣曲县不在其范围内");

        var table = Run(Loaded.Value, "recognize", "--standard", "yuncheng-municipal", "--jurisdiction", "垣曲县");
        table.Code.ShouldBe(0);
        table.Out.ShouldContain("历山镇蜂蜜专业镇（演示）");
        table.Out.ShouldContain("共 3 个专业镇");
    }
}
