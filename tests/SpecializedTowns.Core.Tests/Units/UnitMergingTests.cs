using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Tests.Units;

/// <summary>系统 → 单位: what a typed unit name may be, where a duplicate may be merged, and the sentence the audit keeps.</summary>
public class UnitMergingTests
{
    [Theory]
    [InlineData(null, "请填写单位名称")]
    [InlineData("  ", "请填写单位名称")]
    [InlineData("县 工信局", "单位名称中不能有空格或换行")]
    [InlineData("各乡（镇）人民政府", "“各乡（镇）人民政府”指的是多个单位，不是一个单位的名称；请逐一登记具体单位，如“县工信局”")]
    [InlineData("县直有关部门", "“县直有关部门”指的是多个单位，不是一个单位的名称；请逐一登记具体单位，如“县工信局”")]
    [InlineData(" 县工业和信息化局 ", null)]
    public void A_unit_name_is_one_unit_s_name(string? name, string? problem) => UnitNames.NameProblem(name).ShouldBe(problem);

    [Fact]
    public void A_name_longer_than_the_column_is_refused_with_its_length() =>
        UnitNames.NameProblem(new string('局', UnitNames.MaxLength + 1)).ShouldBe($"单位名称不超过 {UnitNames.MaxLength} 字，现为 {UnitNames.MaxLength + 1} 字");

    [Theory]
    [InlineData("山西省/运城市/垣曲县", "山西省/运城市/垣曲县", true)]
    [InlineData("山西省/运城市/垣曲县", "山西省/运城市", true)]
    [InlineData("山西省/运城市/垣曲县/历山镇", "山西省", true)]
    [InlineData("山西省/运城市", "山西省/运城市/垣曲县", false)]
    [InlineData("山西省/运城市/垣曲县", "山西省/运城市/新绛县", false)]
    [InlineData("山西省/运城市/垣曲", "山西省/运城市/垣曲县", false)]
    public void A_unit_goes_into_one_of_its_place_or_above_never_sideways_or_down(string from, string into, bool may) =>
        UnitMerging.MayMergeInto(from, into).ShouldBe(may);

    [Fact]
    public void Where_both_had_a_part_the_larger_part_is_kept()
    {
        UnitMerging.Kept(UnitRole.Cooperating, UnitRole.Lead).ShouldBe(UnitRole.Lead);
        UnitMerging.Kept(UnitRole.Lead, UnitRole.Cooperating).ShouldBe(UnitRole.Lead);
        UnitMerging.Kept(UnitRole.Cooperating, UnitRole.Cooperating).ShouldBe(UnitRole.Cooperating);
        UnitMerging.Kept(TaskForceRole.Supporting, TaskForceRole.Lead).ShouldBe(TaskForceRole.Lead);
        UnitMerging.Kept(TaskForceRole.Supporting, TaskForceRole.Supporting).ShouldBe(TaskForceRole.Supporting);
    }

    [Fact]
    public void The_merge_reads_as_one_sentence_naming_only_what_moved()
    {
        var counts = new UnitMergeCounts(new UnitUses(3, 2, 0, 1, 0, 0, 0, 1), SharedTasks: 1, SharedProblems: 0, SharedTaskForces: 0, FormerNames: 0, EvaluationResults: 0);
        UnitMerging.Summary("县工信局", "垣曲县", "县工业和信息化局", "垣曲县", counts)
            .ShouldBe("合并单位：县工信局 → 县工业和信息化局，转移任务 3 项（其中 1 项两者均在列，合为一条）、问题 2 条、重点项目 1 个、账号 1 个");

        var upward = new UnitMergeCounts(UnitUses.None, 0, 0, 0, FormerNames: 2, EvaluationResults: 4);
        UnitMerging.Summary("市农业农村局", "垣曲县", "市农业农村局", "运城市", upward)
            .ShouldBe("合并单位：市农业农村局（垣曲县）→ 市农业农村局（运城市），没有需要转移的记录；市农业农村局的曾用名 2 个一并转入；年度评估结果 4 条保留原名称");
    }

    [Fact]
    public void What_uses_a_unit_is_named_kind_by_kind()
    {
        new UnitUses(0, 2, 1, 0, 3, 0, 1, 0).Describe().ShouldBe("问题 2 条、专班 1 个、招商引资项目 3 个、督办通知书 1 份");
        UnitUses.None.Total.ShouldBe(0);
        UnitUses.None.Describe().ShouldBe("");
    }
}
