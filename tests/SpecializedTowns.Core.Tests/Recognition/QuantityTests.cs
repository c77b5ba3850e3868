using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

public class QuantityTests
{
    [Theory]
    [InlineData(13000, "1.30亿元")]
    [InlineData(120000, "12.00亿元")]
    [InlineData(12345678, "1,234.57亿元")]
    [InlineData(-25000, "-2.50亿元")]
    [InlineData(9999.5, "9,999.5万元")]
    [InlineData(800, "800万元")]
    public void A_figure_in_a_table_has_two_decimals_in_yi_yuan_and_none_added_in_wan_yuan(decimal wanYuan, string shown) =>
        Quantity.Figure(wanYuan).ShouldBe(shown);

    [Fact]
    public void A_threshold_quoted_from_a_text_keeps_its_own_form() =>
        Quantity.Money(100000).ShouldBe("10亿元");
}
