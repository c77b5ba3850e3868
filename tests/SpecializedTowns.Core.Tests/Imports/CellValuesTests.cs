using System.Text;
using SpecializedTowns.Core.Imports;

namespace SpecializedTowns.Core.Tests.Imports;

public class CellValuesTests
{
    [Theory]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("  ９１１４０８２７ＭＡ０Ｋ  ", "91140827MA0K")]
    [InlineData("配套企业", "配套企业")]
    [InlineData("芦笋（绿色）", "芦笋(绿色)")]
    [InlineData("制造业\u3000", "制造业")]
    [InlineData("ｙｅｓ", "yes")]
    [InlineData("①", "1")]
    public void Narrow_turns_full_width_forms_into_ascii_and_leaves_chinese_as_written(string cell, string expected) =>
        CellValues.Narrow(cell).ShouldBe(expected);

    [Fact]
    public void Narrow_gives_what_nfkc_gives_for_every_character_it_leaves_to_the_fast_path_and_the_ones_around_it()
    {
        // Both ends of the ASCII and ideograph ranges that skip normalization, and what lies just outside them.
        foreach (var c in new[] { 0x20, 0x41, 0x7E, 0x7F, 0xA0, 0x4DFF, 0x4E00, 0x6D4B, 0x9FFF, 0xA000, 0xF900, 0xFF08, 0xFF21 })
        {
            var text = $"a{(char)c}b";
            CellValues.Narrow(text).ShouldBe(text.Normalize(NormalizationForm.FormKC).Trim(), $"U+{c:X4}");
        }
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("yes", true)]
    [InlineData("Ｙ", true)]
    [InlineData("true", true)]
    [InlineData("√", true)]
    [InlineData("×", false)]
    [InlineData("n", false)]
    [InlineData("０", false)]
    public void YesNo_reads_the_ways_a_clerk_answers(string cell, bool expected) =>
        CellValues.YesNo(cell).ShouldBe((expected, null));

    [Fact]
    public void YesNo_refuses_anything_else_in_chinese() =>
        CellValues.YesNo("也许").Problem.ShouldBe("“也许”应填“是”或“否”");
}
