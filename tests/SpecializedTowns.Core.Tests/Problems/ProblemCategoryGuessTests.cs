using SpecializedTowns.Core.Problems;

namespace SpecializedTowns.Core.Tests.Problems;

/// <summary>
/// The category offered first when a reported difficulty becomes a problem: the demo's project and 月报 difficulties, the
/// demo ledger's problems and the difficulties the policy texts name. 冷链运输车辆不足 (绛州绿's 月报) was offered 其他.
/// </summary>
public class ProblemCategoryGuessTests
{
    [Theory]
    // 物流、运输、冷链: how a product reaches its buyers (市场), unless the difficulty names a factor it lacks.
    [InlineData("冷链运输车辆不足", ProblemCategory.Market)]
    [InlineData("蔬菜外运物流成本高，运费占售价两成", ProblemCategory.Market)]
    [InlineData("历山镇蜂蜜专业镇冷链仓储项目建设用地指标未落实", ProblemCategory.Land)]
    [InlineData("古城冷链物流冷库扩建用电增容", ProblemCategory.Energy)]
    [InlineData("企业冷库扩建后用电负荷增加约 800 千伏安，现有线路容量不足，需协调增容。", ProblemCategory.Energy)]
    // 用地
    [InlineData("冷库建设用地指标未落实", ProblemCategory.Land)]
    [InlineData("企业中药材初加工厂房需扩建约 10 亩，所在地块用地性质需调整。", ProblemCategory.Land)]
    // 融资 (资金): a bank's 审批 is still money.
    [InlineData("企业新上蜂蜜深加工生产线，需流动资金约 800 万元，因缺少足值抵押物，银行授信额度不足。", ProblemCategory.Financing)]
    [InlineData("培育钻石压机单台价值高，中小企业扩产主要依靠自有资金，融资租赁、设备抵押贷款等渠道少。", ProblemCategory.Financing)]
    [InlineData("企业反映银行贷款审批慢、担保难。", ProblemCategory.Financing)]
    [InlineData("融资难、融资贵", ProblemCategory.Financing)]
    // 审批
    [InlineData("设备进口报关周期长，投产时间可能推迟", ProblemCategory.Approval)]
    [InlineData("企业养殖证将于年底到期，续期材料提交后需多个部门会签，企业担心影响明年投苗。", ProblemCategory.Approval)]
    [InlineData("环评、能评等前期手续推进缓慢。", ProblemCategory.Approval)]
    // 环评: the rectification, even when its money is short.
    [InlineData("环评批复尚未取得", ProblemCategory.Environment)]
    [InlineData("企业拟扩建菌棒生产线，不清楚应办理环评报告表还是登记表，担心影响开工。", ProblemCategory.Environment)]
    [InlineData("专业镇内澄泥砚作坊多使用传统窑炉，需按环保要求改造，作坊规模小、改造资金和技术不足。", ProblemCategory.Environment)]
    // 人才
    [InlineData("全乡菌种场仅有专业技术人员 2 名，母种、原种生产依赖外地，菌种质量不稳定。", ProblemCategory.Talent)]
    [InlineData("专班月报反映：新建设施大棚缺少懂技术的种植能手，部分大棚产量偏低。", ProblemCategory.Talent)]
    [InlineData("熟练技工缺口较大，企业招工困难。", ProblemCategory.Talent)]
    // 市场
    [InlineData("专业镇月报反映：蜂蜜销售以线下批发为主，线上销售占比不足一成，“历山蜂蜜”品牌知名度不高。", ProblemCategory.Market)]
    [InlineData("产品主要依赖本地市场，外销渠道不足。", ProblemCategory.Market)]
    // 用能
    [InlineData("生产旺季用电负荷紧张。", ProblemCategory.Energy)]
    // What no word names is not forced into a category.
    [InlineData("种植户对新品种接受度不高", ProblemCategory.Other)]
    [InlineData("高端压机配件依赖外地采购，交货周期长", ProblemCategory.Other)]
    [InlineData("", ProblemCategory.Other)]
    public void A_difficulty_is_offered_the_category_its_words_name(string difficulty, ProblemCategory expected) =>
        ProblemCategoryGuess.Guess(difficulty).ShouldBe(expected);
}
