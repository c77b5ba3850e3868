using SpecializedTowns.Core.Enterprises;

namespace SpecializedTowns.Core.Tests.Enterprises;

public class UsccTests
{
    // Published example codes whose check character is right.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void Accepts_codes_with_a_correct_check_character(string code) => Uscc.Problem(code).ShouldBeNull();

    [Fact]
    public void Rejects_a_wrong_check_character_and_names_the_right_one()
    {
        var problem = Uscc.Problem("91350100M000100Y44");
        problem.ShouldNotBeNull();
        problem.ShouldContain("第 18 位应为“3”");
    }

    [Theory]
    [InlineData("", "不能为空")]
    [InlineData("91350100M000100Y4", "18 位")]
    [InlineData("91350100M000100I43", "不允许的字符“I”")]
    [InlineData("91350100m000100Y43", "不允许的字符“m”")]
    public void Rejects_malformed_codes_in_chinese(string code, string message) => Uscc.Problem(code)!.ShouldContain(message);

    [Fact]
    public void Demo_codes_are_valid_and_stable()
    {
        var a = Uscc.Demo("140827", 42);
        Uscc.IsValid(a).ShouldBeTrue();
        a.ShouldStartWith("91140827");
        Uscc.Demo("140827", 42).ShouldBe(a);
        Uscc.Demo("140827", 43).ShouldNotBe(a);
    }
}
