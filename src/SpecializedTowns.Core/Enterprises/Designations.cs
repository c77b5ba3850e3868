using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Enterprises;

/// <summary>
/// 认定称号 an enterprise may hold: the priority factors of the packs' standards (技术中心、专精特新、“小巨人”、单项冠军、龙头企业:
/// 朔政办发〔2023〕19号 二（五）, 阳政办发〔2023〕24号 四（五）) and 高新技术企业 (垣政办发〔2023〕19号 四（三） "争创高新技术、专精特新等企业").
/// </summary>
public static class Designations
{
    public const string HighTech = "high-tech";

    public static readonly IReadOnlyList<string> Keys = [.. PackVocabulary.PriorityFactors.Keys, HighTech];

    public static string Name(string key) =>
        key == HighTech ? "高新技术企业" : PackVocabulary.PriorityFactors.GetValueOrDefault(key, key);
}
