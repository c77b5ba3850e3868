using Shouldly;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Tests.Jurisdictions;

public class PlaceRulesTests
{
    [Theory]
    [InlineData("历山镇", null)]
    [InlineData("  城关街道 ", null)]
    [InlineData("", "请填写乡镇（街道）名称")]
    [InlineData("历山 镇", "乡镇（街道）名称中不能有空格或“/”")]
    [InlineData("垣曲县/历山镇", "乡镇（街道）名称中不能有空格或“/”")]
    [InlineData("Lishan", "“Lishan”不像乡镇（街道）名称，请填写中文名称，如“历山镇”")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "乡镇（街道）名称不超过 30 字")]
    public void A_township_name_is_chinese_one_word_and_short(string name, string? problem) =>
        PlaceRules.NameProblem(name, JurisdictionLevel.Township).ShouldBe(problem);

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("140827101", null)]
    [InlineData("140827101000", null)]
    [InlineData("14082710", "乡镇（街道）的代码是 9 位（乡级代码）或 12 位（统计用区划代码）数字，“14082710”是 8 位")]
    [InlineData("140825101", "代码“140825101”不在所属县（140827）之下：应以 140827 开头")]
    [InlineData("1408271O1", "行政区划代码只能是数字，“1408271O1”不是")]
    public void A_township_code_lies_under_its_county_code(string? code, string? problem) =>
        PlaceRules.CodeProblem(code, JurisdictionLevel.Township, "140827").ShouldBe(problem);

    [Theory]
    [InlineData("140827", null)]
    [InlineData("140727", "代码“140727”不在上级（140800）之下：应以 1408 开头")]
    [InlineData("1408270", "县（市、区）的行政区划代码是 6 位数字，“1408270”是 7 位")]
    public void A_county_code_has_six_digits_under_its_city(string code, string? problem) =>
        PlaceRules.CodeProblem(code, JurisdictionLevel.County, "140800").ShouldBe(problem);

    [Fact]
    public void Only_counties_and_townships_are_added_under_a_city_and_a_county() =>
        Enum.GetValues<JurisdictionLevel>().Select(PlaceRules.ChildLevel)
            .ShouldBe([null, JurisdictionLevel.County, JurisdictionLevel.Township, null]);
}
