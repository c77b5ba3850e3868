using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Support;

/// <summary>
/// A clause a grant or a white-list entry can cite: a numbered support policy (朔政办发〔2023〕19号 四（一）…（十七）) or a
/// key task of a document without numbered support policies (垣政办发〔2023〕19号 四（一） 专项资金). Its identifier is the
/// clause's <c>source</c> in the policy pack, the same text every other record of the platform cites.
/// </summary>
/// <param name="FundLevels">Whose money the clause speaks of (its <c>fundLevels</c>); empty when it names none.</param>
public sealed record SupportClause(
    string PackId, string Source, string? Number, string Title, string KindName, string DocumentTitle, string? DocumentNumber, string AreaPath,
    IReadOnlyList<FundLevel> FundLevels)
{
    /// <summary>How a select list and a table show it: 朔政办发〔2023〕19号 四（十三） 为专业镇提供融资服务保障.</summary>
    public string Label => $"{Source} {Title}";
}

public static class SupportClauses
{
    public const string SupportPolicy = "支持政策";
    public const string KeyTask = "重点任务";

    /// <summary>The clauses of 朔政办发〔2023〕19号 四 the support registers rest on, by source.</summary>
    public const string FinancingWhiteList = "朔政办发〔2023〕19号 四（十三）";
    public const string BrandQuota = "朔政办发〔2023〕19号 四（四）";
    public const string ListingStages = "阳政办发〔2023〕24号 五（二）";

    /// <summary>员工职业技能培训 and its 80% 培训后就业率 (四（八）); 领军人才、科技专家服务团、人才表彰 (四（二）).</summary>
    public const string SkillsTraining = "朔政办发〔2023〕19号 四（八）";
    public const string LeadingTalent = "朔政办发〔2023〕19号 四（二）";

    /// <summary>
    /// The clauses a training programme may cite besides 四（八）: each document's 就业富民赋能 task, which asks for skills
    /// training ("以训提能、以训稳岗") without a figure.
    /// </summary>
    public static readonly IReadOnlyList<string> TrainingClauses =
    [
        SkillsTraining, "朔政办发〔2023〕19号 三（六）", "垣政办发〔2023〕19号 四（五）", "新政办发〔2023〕33号 三（四）12",
        "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 四（四）12", "阳政办发〔2023〕24号 五（五）",
    ];
    /// <summary>公共服务平台: the recognition criterion 公共服务体系比较完善, the action 加强公共服务平台建设 and the support policy 提升公共服务平台建设服务水平.</summary>
    public const string PublicServiceCriterion = "朔政办发〔2023〕19号 二（七）";
    public const string PlatformBuilding = "朔政办发〔2023〕19号 三（十一）";
    public const string PlatformSupport = "朔政办发〔2023〕19号 四（五）";

    /// <summary>展会活动: 拓展两个市场行动, “手拉手”活动, 新闻发布会、特色产品博览会、境外展会.</summary>
    public const string TwoMarkets = "朔政办发〔2023〕19号 三（八）";
    public const string HandInHand = "朔政办发〔2023〕19号 四（十六）";
    public const string DomesticAndForeignMarkets = "朔政办发〔2023〕19号 四（十七）";

    /// <summary>Every citable clause of every pack: its numbered support policies first, then its key tasks.</summary>
    public static IReadOnlyList<SupportClause> All(PolicyCatalog catalog)
    {
        var list = new List<SupportClause>();
        foreach (var pack in catalog.Packs)
        {
            var area = pack.Document.JurisdictionPath.Count > 0 ? string.Join("/", pack.Document.JurisdictionPath) : pack.Document.Jurisdiction;
            foreach (var s in pack.SupportPolicies.Where(s => !string.IsNullOrWhiteSpace(s.Source)))
                list.Add(new SupportClause(pack.Id, s.Source!.Trim(), s.Number, s.Title, SupportPolicy, pack.Document.Title, pack.Document.Number, area, Levels(s.FundLevels)));
            foreach (var t in pack.KeyTasks.Where(t => !string.IsNullOrWhiteSpace(t.Source)))
                list.Add(new SupportClause(pack.Id, t.Source!.Trim(), t.Number, t.Title, KeyTask, pack.Document.Title, pack.Document.Number, area, Levels(t.FundLevels)));
        }
        // A source cited twice in one pack (a task split in two) is one clause to cite.
        return list.GroupBy(c => c.Source).Select(g => g.First()).ToList();
    }

    private static List<FundLevel> Levels(IEnumerable<string> keys) =>
        keys.Select(k => FundNames.ParseKey(k)).OfType<FundLevel>().Distinct().Order().ToList();

    /// <summary>
    /// Why a grant from a <paramref name="level"/> budget cannot rest on the clause, or null when it can: a clause that speaks of
    /// certain levels' money (朔政办发〔2023〕19号 四（一） "鼓励各县（市、区）设立专业镇发展专项资金", county funds) is no basis
    /// for another level's (the demo's 省级专项资金 for 怀仁陶瓷 was booked against it, qa96 12). A clause naming no level takes any.
    /// </summary>
    public static string? LevelProblem(SupportClause clause, FundLevel level)
    {
        if (clause.FundLevels.Count == 0 || clause.FundLevels.Contains(level)) return null;
        var spoken = string.Join("、", clause.FundLevels.Select(FundNames.Chinese));
        return $"{clause.Source}所说的是{spoken}资金，不能作为{FundNames.Chinese(level)}资金的依据；请改选与资金来源级次相符的条款"
               + (level == FundLevel.Provincial ? "（如省级文件的条款）" : "") + "，或核对资金来源级次";
    }

    public static SupportClause? Find(PolicyCatalog catalog, string? source) =>
        string.IsNullOrWhiteSpace(source) ? null : All(catalog).FirstOrDefault(c => c.Source == source.Trim());

    /// <summary>Whether a clause may be applied to a recipient in <paramref name="countyPath"/>: the document governs that area.</summary>
    public static bool Governs(SupportClause clause, string countyPath) =>
        clause.AreaPath.Length > 0 && (countyPath == clause.AreaPath || countyPath.StartsWith(clause.AreaPath + "/", StringComparison.Ordinal));

    /// <summary>Whether the clause matters to someone working at <paramref name="scopePath"/> (its document is above, at or below them).</summary>
    public static bool Concerns(SupportClause clause, string scopePath) =>
        Governs(clause, scopePath) || clause.AreaPath.StartsWith(scopePath + "/", StringComparison.Ordinal) || clause.AreaPath == scopePath;
}
