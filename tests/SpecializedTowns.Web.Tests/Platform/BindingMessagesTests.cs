using SpecializedTowns.Web.Platform;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>What a form says of a value its field's type cannot read (BindingMessagesByType).</summary>
public class BindingMessagesTests
{
    [Fact]
    public void A_whole_number_too_long_for_its_field_is_called_too_large_not_not_a_number()
    {
        BindingMessagesByType.For(typeof(int))!("99999999999999999999").ShouldBe("“99999999999999999999”太大了，请核对位数");
        BindingMessagesByType.For(typeof(decimal))!("-99999999999999999999999999999999").ShouldStartWith("“-999");
        BindingMessagesByType.For(typeof(decimal))!("-99999999999999999999999999999999").ShouldEndWith("太大了，请核对位数");
        BindingMessagesByType.For(typeof(int))!("七十").ShouldBe("“七十”不是整数，请填写阿拉伯数字");
        BindingMessagesByType.For(typeof(decimal))!("12.5万").ShouldBe("“12.5万”不是数字，请填写阿拉伯数字");
    }

    [Fact]
    public void A_page_of_text_in_a_number_field_is_named_by_its_beginning_and_length()
    {
        var pasted = new string('长', 5000);
        var message = BindingMessagesByType.For(typeof(decimal?).GetGenericArguments()[0])!(pasted);
        message.ShouldBe($"“{new string('长', 20)}……”（共 5000 字）不是数字，请填写阿拉伯数字");
        BindingMessagesByType.For(typeof(DateOnly))!(pasted).Length.ShouldBeLessThan(80);
    }
}
