using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Tests.Units;

/// <summary>One unit a document writes two ways (unitAliases): registered once, the text's spelling kept in its lists.</summary>
public class UnitAliasTests
{
    private static PolicyPack Pack(string id) => Packs.Catalog.Packs.Single(p => p.Id == id);

    [Fact]
    public void Both_spellings_of_a_unit_are_registered_as_one_and_the_lists_keep_the_text_s_spelling()
    {
        var yuanqu = Pack("yuanqu-2023-19");
        var units = UnitNames.NamedIn(yuanqu);
        units.ShouldContain("县市场监督管理局");
        units.ShouldNotContain("县市场监管局");
        UnitNames.Registered(yuanqu, "县市场监管局").ShouldBe("县市场监督管理局");
        UnitNames.Registered(yuanqu, " 县工科局 ").ShouldBe("县工科局");
        // The export shows each unit as the text spells it (contracts/policy-export.md).
        yuanqu.KeyTasks.SelectMany(t => t.CooperatingUnits).ShouldContain("县市场监管局");

        var shuozhou = UnitNames.NamedIn(Pack("shuozhou-2023-19"));
        shuozhou.ShouldContain("市城市管理局");
        shuozhou.ShouldContain("市交通运输局");
        shuozhou.ShouldNotContain("市城管局");
        shuozhou.ShouldNotContain("市交通局");
        Packs.Catalog.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("县市场监管局: 县市场监督管理局", "县市场管理局: 县市场监督管理局", "“县市场管理局”不是本文件中出现的单位名称")]
    [InlineData("县市场监管局: 县市场监督管理局", "县市场监管局: 县市场监督局", "对应的“县市场监督局”不是本文件中出现的单位名称")]
    [InlineData("县市场监管局: 县市场监督管理局", "县市场监管局: 县市场监管局", "不能对应自身或另一个别名")]
    public void The_validator_refuses_an_alias_that_joins_no_unit_of_the_text(string from, string to, string message)
    {
        var file = Path.Combine(Packs.Directory, "yuanqu-2023-19.yaml");
        var text = File.ReadAllText(file);
        text.ShouldContain(from);
        var (pack, problem) = PolicyPackReader.Read("yuanqu-2023-19.yaml", text.Replace(from, to));
        problem.ShouldBeNull();
        var problems = PolicyPackValidator.Validate([pack!]);
        problems.ShouldContain(p => p.Message.Contains(message) && p.Message.Contains("unitAliases"));
        var line = text.Replace(from, to).Split('\n').ToList().FindIndex(l => l.StartsWith("unitAliases:")) + 1;
        problems.Single(p => p.Message.Contains(message)).Line.ShouldBe(line);
    }
}
