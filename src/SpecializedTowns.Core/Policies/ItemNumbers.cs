namespace SpecializedTowns.Core.Policies;

/// <summary>
/// The number of an item in a document's list, as 四（一） or （十一）. Printed texts slip into half-width brackets now and then
/// (垣政办发〔2023〕19号 prints "(一)" and "(二)" beside "（三）"); a list, a reminder or an export should not show the slip.
/// </summary>
public static class ItemNumbers
{
    /// <summary>The number with full-width brackets and no surrounding blanks; null for nothing.</summary>
    public static string? FullWidth(string? number)
    {
        var trimmed = number?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Replace('(', '（').Replace(')', '）');
    }
}
