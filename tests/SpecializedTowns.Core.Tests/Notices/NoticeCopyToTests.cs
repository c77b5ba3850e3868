using SpecializedTowns.Core.Notices;

namespace SpecializedTowns.Core.Tests.Notices;

/// <summary>Which units a 督办通知书's 抄送 line names, as the Word file prints it (qa105 #7).</summary>
public class NoticeCopyToTests
{
    [Theory]
    [InlineData("县专业镇发展领导小组各成员单位", "县农业农村局", true)]
    [InlineData("市专业镇高质量发展领导小组各成员单位", "市工信局", true)]
    [InlineData("县自然资源局", "县自然资源局", true)]
    [InlineData("垣曲县自然资源局", "县自然资源局", true)]
    [InlineData("县自然资源局", "县农业农村局", false)]
    [InlineData("新绛县自然资源局", "县自然资源局", false)]
    [InlineData("平定县冠山镇人民政府", "县农业农村局", false)]
    public void A_copy_line_names_every_member_unit_or_one_unit_by_its_name(string line, string unit, bool named) =>
        NoticeRules.CopiesTo([line], unit, "垣曲县").ShouldBe(named);

    [Fact]
    public void No_copy_line_names_no_one() => NoticeRules.CopiesTo([], "县农业农村局", "垣曲县").ShouldBeFalse();
}
