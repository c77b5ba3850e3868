using Shouldly;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Tests.Policies;

/// <summary>Task numbers read from a pack come in full-width brackets, whatever slip the printed text has.</summary>
public sealed class ItemNumberTests
{
    [Fact]
    public void The_yuanqu_tasks_printed_with_half_width_brackets_are_read_full_width()
    {
        // 垣政办发〔2023〕19号 prints "(一)" and "(二)" beside "（三）"…"（十）"; the pack keeps the print.
        File.ReadAllText(Path.Combine(Packs.Directory, "yuanqu-2023-19.yaml")).ShouldContain("number: (一)");
        var pack = Packs.Catalog.Packs.Single(p => p.Document.Number == "垣政办发〔2023〕19号");
        pack.KeyTasks.Select(t => t.Number).Take(3).ShouldBe(["（一）", "（二）", "（三）"]);
        foreach (var p in Packs.Catalog.Packs)
        {
            p.KeyTasks.ShouldAllBe(t => t.Number == null || (!t.Number.Contains('(') && !t.Number.Contains(')')), p.Id);
            p.SupportPolicies.ShouldAllBe(t => t.Number == null || (!t.Number.Contains('(') && !t.Number.Contains(')')), p.Id);
        }
    }

    [Theory]
    [InlineData("(一)", "（一）")]
    [InlineData(" (十一) ", "（十一）")]
    [InlineData("（三）", "（三）")]
    [InlineData("(四）", "（四）")]
    [InlineData("1.", "1.")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void A_number_is_written_with_full_width_brackets(string? typed, string? expected) =>
        ItemNumbers.FullWidth(typed).ShouldBe(expected);
}
