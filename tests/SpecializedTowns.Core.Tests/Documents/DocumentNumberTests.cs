using SpecializedTowns.Core.Documents;

namespace SpecializedTowns.Core.Tests.Documents;

/// <summary>发文字号 as GB/T 9704-2012 7.2.4 writes it, and what an office is told when it typed one otherwise.</summary>
public class DocumentNumberTests
{
    [Theory]
    [InlineData("垣专镇办〔2026〕3号", "垣专镇办", 2026, 3)]
    [InlineData("  运专镇办〔2025〕12号 ", "运专镇办", 2025, 12)]
    [InlineData("新专镇办〔２０２６〕１号", "新专镇办", 2026, 1)] // full-width digits are the same digits
    public void A_proper_number_is_read_into_its_parts(string typed, string agency, int year, int sequence)
    {
        DocumentNumber.Check(typed, out var number).ShouldBeNull();
        number.ShouldBe(new DocumentNumber(agency, year, sequence));
        number!.ToString().ShouldBe($"{agency}〔{year}〕{sequence}号");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_is_no_number(string? typed)
    {
        DocumentNumber.Check(typed, out var number).ShouldBeNull();
        number.ShouldBeNull();
    }

    [Theory]
    [InlineData("垣专镇办[2026]3号", "年份应用六角括号“〔〕”括入，不用“[]”", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办【2026】3号", "不用“【】”", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办（2026）3号", "不用“（）”", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办〔2026]3号", "不用“〔]”", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办20263号", "年份应用六角括号“〔〕”括入", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办〔26〕3号", "年份应写全称（〔2026〕，不是〔26〕）", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办〔2026〕第3号", "序号前不加“第”字", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办〔2026〕03号", "序号不编虚位（3，不是 03）", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办〔2026〕3", "序号后应加“号”字", "垣专镇办〔2026〕3号")]
    [InlineData("垣专镇办 〔2026〕 3号", "中间不应有空格", "垣专镇办〔2026〕3号")]
    public void A_malformed_number_is_refused_with_what_is_wrong_and_the_number_written_properly(string typed, string problem, string proper)
    {
        var message = DocumentNumber.Check(typed, out var number);
        number.ShouldBeNull();
        message.ShouldNotBeNull();
        message.ShouldStartWith($"发文字号“{typed.Trim()}”");
        message.ShouldContain(problem);
        message.ShouldEndWith($"应写作：{proper}");
    }

    [Theory]
    [InlineData("〔2026〕3号", "缺少发文机关代字")]
    [InlineData("垣专镇办〔202〕3号", "年份“202”应为 4 位数字")]
    [InlineData("垣专镇办〔2026〕0号", "序号从 1 开始")]
    [InlineData("垣专镇办〔2026〕号", "缺少发文顺序号")]
    [InlineData("垣专镇办2026年第三号", "格式不对：应由发文机关代字、〔年份〕和发文顺序号组成")]
    public void A_number_that_cannot_be_mended_is_refused_with_an_example(string typed, string problem)
    {
        var message = DocumentNumber.Check(typed, out var number);
        number.ShouldBeNull();
        message.ShouldNotBeNull();
        message.ShouldContain(problem);
        message.ShouldContain(DocumentNumber.Example);
    }

    [Fact]
    public void A_number_too_long_for_its_field_says_so()
    {
        DocumentNumber.Check(new string('办', 45) + "〔2026〕3号", out _).ShouldBe("发文字号不超过 50 字（现为 53 字）");
    }
}
