namespace SpecializedTowns.Core.Problems;

/// <summary>
/// A first guess at a problem's category from the words of a reported difficulty (a project's month, a 专班's 月报), for
/// the person who turns it into a problem to confirm or change. One table of words per category; the category naming the
/// most of its words wins, and a tie goes to the category listed first.
/// </summary>
/// <remarks>
/// The order puts the 要素保障 the texts name — 用地、用能、环评、融资 (垣政办发〔2023〕19号 四（九） “要素保障行动”: 用地指标、节能审查、环评审批、贷款授信; the key project's
/// guarantees) — and 审批 and 人才 before 市场, because a difficulty often names its setting as well as its need: “冷链仓储项目建设
/// 用地指标未落实” is short of land, not of a market, and “冷库扩建用电增容” of power. Environment precedes financing: “环保改造资金不足”
/// is the environmental rectification the office follows, its money the means (the demo's 澄泥砚窑炉 problem). 物流、运输、冷链
/// and 配送 are 市场: the ledger has no category of its own for them, and they are how a product reaches its buyers (绛州绿's
/// vegetables to 京津冀商超). What no word names stays 其他, rather than forced into a category.
/// </remarks>
public static class ProblemCategoryGuess
{
    private static readonly (ProblemCategory Category, string[] Words)[] Rules =
    [
        (ProblemCategory.Land, ["用地", "土地", "地块", "供地", "征地", "用地指标", "建设用地", "标准化厂房", "用地性质"]),
        (ProblemCategory.Energy, ["用能", "能耗", "电力", "用电", "供电", "增容", "负荷", "用气", "供气", "天然气", "供热", "电价"]),
        (ProblemCategory.Environment, ["环评", "环保", "排污", "污染", "排放", "污水", "固废", "扬尘", "环境影响"]),
        (ProblemCategory.Financing, ["融资", "贷款", "资金", "授信", "担保", "抵押", "银行", "信贷", "流动资金"]),
        (ProblemCategory.Approval, ["审批", "许可", "手续", "报关", "通关", "批复", "办证", "证照", "续期", "会签", "备案", "能评", "前期手续"]),
        (ProblemCategory.Talent, ["人才", "用工", "招工", "技工", "技术人员", "专业人员", "人员短缺", "懂技术", "能手", "技能", "工人"]),
        (ProblemCategory.Market, ["市场", "销售", "销路", "渠道", "品牌", "订单", "电商", "外销", "营销", "推广", "滞销", "价格",
            "物流", "运输", "冷链", "配送", "运费", "车辆"]),
    ];

    public static ProblemCategory Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ProblemCategory.Other;
        var best = ProblemCategory.Other;
        var bestCount = 0;
        foreach (var (category, words) in Rules)
        {
            var count = words.Count(text.Contains);
            if (count > bestCount) (best, bestCount) = (category, count);
        }
        return best;
    }
}
