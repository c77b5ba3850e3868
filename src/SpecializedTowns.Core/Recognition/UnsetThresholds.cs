using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Recognition;

/// <summary>
/// Thresholds a standard leaves unset: `value: null` in its pack because no available text states the number (the provincial
/// standard, 晋政办发〔2022〕80号; policy-documents/README: “the platform must let an office enter them as data rather than invent
/// them”). Such a criterion is for the office to configure, not for an expert to settle: a panel's 符合 against no number is
/// a recognition against no standard (qa96 1), so nothing may be recognised under the standard while one is unset.
/// </summary>
public static class UnsetThresholds
{
    /// <summary>
    /// Whether the criterion waits for its number, for a town of <paramref name="category"/>. A per-category threshold that
    /// does not name the category is not unset but absent (rule 7, decision 0003: 运城 sets none for 文旅康养); one that names
    /// it without a number is unset.
    /// </summary>
    public static bool IsUnset(Criterion criterion, string category) =>
        criterion.Kind == "threshold"
        && (criterion.ByCategory is null ? criterion.Value is null : criterion.ByCategory.TryGetValue(category, out var v) && v is null);

    /// <summary>
    /// Why nothing can be recognised under the standard yet, naming the conditions without a number, who supplies them and where
    /// they are entered: the standard's 数值标准 page (decision 0021), effective on the next check, without a restart.
    /// </summary>
    public static string NotRecognisable(RecognitionStandard standard, IEnumerable<string> unset)
    {
        var office = string.IsNullOrEmpty(standard.Jurisdiction) ? "制定该标准的领导小组办公室" : $"{standard.Jurisdiction}专业镇发展领导小组办公室";
        var document = standard.DocumentNumber is { Length: > 0 } n ? $"按{n}" : "按其认定文件";
        return $"{standard.Name}尚未配置{string.Join("、", unset)}的数值标准，不能据此认定。"
               + $"请{office}（或系统管理员）{document}在“政策文件 → {standard.Name} → 数值标准”页面（{PagePath(standard.Id)}）录入各项数值及出处，保存后即时生效";
    }

    /// <summary>The page where the office enters a standard's missing numbers.</summary>
    public static string PagePath(string standardId) => $"/Policies/Thresholds/{standardId}";
}
