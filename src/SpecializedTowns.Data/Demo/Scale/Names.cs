using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Data.Demo.Scale;

/// <summary>Word lists the generator draws names and texts from, so generated screens read like real registers.</summary>
internal static class Names
{
    private static readonly string[] First = ["东", "西", "南", "北", "新", "古", "大", "小", "上", "下", "龙", "凤", "杨", "李", "王", "张", "赵", "刘", "高", "马", "石", "白", "黄", "青", "柳", "桃", "杏", "河", "金", "安"];
    private static readonly string[] Second = ["城", "庄", "村", "堡", "寨", "峪", "沟", "头", "口", "关", "营", "店", "坡", "泉", "洼", "阳", "平", "兴", "丰", "宁"];

    /// <summary>Township names in a random order, none repeated within one call.</summary>
    public static IEnumerable<string> Townships(Random rng)
    {
        var all = (from a in First from b in Second from s in new[] { "镇", "乡" } select a + b + s).ToArray();
        rng.Shuffle(all);
        return all;
    }

    public static string CountyStem(Random rng) => First[rng.Next(First.Length)] + Second[rng.Next(Second.Length)];

    public static readonly (string Name, string Code)[] OtherProvinces =
    [
        ("北京市", "110000"), ("天津市", "120000"), ("河北省", "130000"), ("内蒙古自治区", "150000"), ("辽宁省", "210000"), ("吉林省", "220000"),
        ("黑龙江省", "230000"), ("上海市", "310000"), ("江苏省", "320000"), ("浙江省", "330000"), ("安徽省", "340000"), ("福建省", "350000"),
        ("江西省", "360000"), ("山东省", "370000"), ("河南省", "410000"), ("湖北省", "420000"), ("湖南省", "430000"), ("广东省", "440000"),
        ("广西壮族自治区", "450000"), ("海南省", "460000"), ("重庆市", "500000"), ("四川省", "510000"), ("贵州省", "520000"), ("云南省", "530000"),
        ("西藏自治区", "540000"), ("陕西省", "610000"), ("甘肃省", "620000"), ("青海省", "630000"), ("宁夏回族自治区", "640000"), ("新疆维吾尔自治区", "650000"),
    ];

    public static readonly string[] CountyUnits =
        ["县工信局", "县发改局", "县财政局", "县自然资源局", "县农业农村局", "县商务局", "县科技局", "县人社局", "县市场监管局", "县生态环境分局"];

    private static readonly (string Category, string Industry, string Products, double Share)[] Industries =
    [
        (IndustryCategories.Manufacturing, "铸造", "汽车铸件、阀门", 6), (IndustryCategories.Manufacturing, "装备制造", "矿山机械、液压支架", 5),
        (IndustryCategories.Manufacturing, "耐火材料", "镁质耐材、不定形耐材", 4), (IndustryCategories.Manufacturing, "新材料", "碳纤维、特种合金", 3),
        (IndustryCategories.Manufacturing, "化工", "精细化学品", 3), (IndustryCategories.Manufacturing, "陶瓷", "日用陶瓷、建筑陶瓷", 3),
        (IndustryCategories.Manufacturing, "不锈钢制品", "厨具、五金", 2), (IndustryCategories.Manufacturing, "电子元件", "电容器、线束", 2),
        (IndustryCategories.SpecialtyAgriculture, "小杂粮", "谷子、燕麦、荞麦", 5), (IndustryCategories.SpecialtyAgriculture, "食用菌", "香菇、平菇", 4),
        (IndustryCategories.SpecialtyAgriculture, "中药材", "连翘、黄芪、党参", 4), (IndustryCategories.SpecialtyAgriculture, "干鲜果", "苹果、核桃、红枣", 5),
        (IndustryCategories.SpecialtyAgriculture, "蜂蜜", "蜂蜜、蜂王浆", 2), (IndustryCategories.SpecialtyAgriculture, "肉羊", "羔羊肉", 3),
        (IndustryCategories.SpecialtyAgriculture, "蔬菜", "设施蔬菜、辣椒", 4), (IndustryCategories.SpecialtyAgriculture, "醋", "老陈醋", 2),
        (IndustryCategories.SpecialtyLightIndustry, "木雕", "木雕家具", 1), (IndustryCategories.SpecialtyLightIndustry, "琉璃", "琉璃工艺品", 1),
        (IndustryCategories.SpecialtyLightIndustry, "剪纸", "剪纸、布艺", 1), (IndustryCategories.SpecialtyLightIndustry, "漆器", "推光漆器", 1),
        (IndustryCategories.CultureTourismHealth, "文旅康养", "乡村旅游、康养民宿", 3), (IndustryCategories.CultureTourismHealth, "温泉康养", "温泉度假", 1),
    ];

    public static (string Category, string Industry, string Products) Industry(Random rng)
    {
        var x = rng.NextDouble() * Industries.Sum(i => i.Share);
        foreach (var i in Industries)
        {
            if (x < i.Share) return (i.Category, i.Industry, i.Products);
            x -= i.Share;
        }
        var last = Industries[^1];
        return (last.Category, last.Industry, last.Products);
    }

    private static readonly string[] Brand = ["鑫", "盛", "泰", "华", "晋", "宏", "源", "达", "兴", "隆", "丰", "瑞", "恒", "通", "德", "顺", "利", "嘉", "汇", "康"];

    public static string Enterprise(Random rng, string county, string industry, EnterpriseRole role)
    {
        var place = county.Length > 1 ? county[..^1] : county;
        var brand = Brand[rng.Next(Brand.Length)] + Brand[rng.Next(Brand.Length)];
        return role switch
        {
            EnterpriseRole.FamilyFarm => $"{place}{brand}家庭农场",
            EnterpriseRole.Cooperative => $"{place}{brand}{industry}专业合作社",
            _ => $"{(place.Length > 0 ? "山西" + place : "")}{brand}{industry}{(rng.NextDouble() < 0.7 ? "有限公司" : "股份有限公司")}",
        };
    }

    public static (ProjectKind Kind, string Word) ProjectKind(Random rng) => rng.Next(3) switch
    {
        0 => (Core.Projects.ProjectKind.New, "新建"),
        1 => (Core.Projects.ProjectKind.Expansion, "扩建"),
        _ => (Core.Projects.ProjectKind.TechUpgrade, "技改"),
    };

    private static readonly string[] Works =
        ["主体厂房施工中", "设备安装调试", "完成土地平整", "厂房封顶，设备进场", "生产线试运行", "办理施工许可", "配套管网施工", "一期投产，二期建设中"];

    public static string Progress(Random rng) => Works[rng.Next(Works.Length)];

    public static readonly string[] TaskGroups =
        ["（一）聚焦“引”字，加快集群成链", "（二）聚焦“育”字，培育市场主体", "（三）聚焦“创”字，强化创新驱动", "（四）聚焦“优”字，优化要素保障"];

    public static (string Title, string Measures, string? Unit, decimal? Target) Task(Random rng, string subject) => rng.Next(5) switch
    {
        0 => ($"{subject}引进配套企业", "围绕主导产业链招引配套企业，建立在谈项目清单", "家", 2 + rng.Next(8)),
        1 => ($"{subject}培育规上企业", "建立入规企业培育库，逐户帮扶", "家", 1 + rng.Next(5)),
        2 => ($"{subject}建设公共服务平台", "建设检验检测、研发设计公共服务平台", null, null),
        3 => ($"{subject}开展品牌宣传推介", "组织企业参加展会，宣传区域公用品牌", "场", 1 + rng.Next(4)),
        _ => ($"{subject}完成年度投资", "推进重点项目建设，按月调度", "万元", 1_000 * (1 + rng.Next(50))),
    };

    public static (string Title, string Description, string Answer) Problem(Random rng, ProblemCategory category, string where) => category switch
    {
        ProblemCategory.Land => ($"{where}项目用地指标不足", "扩建项目所需建设用地指标未落实，影响开工。", "已纳入年度用地计划，协调指标解决。"),
        ProblemCategory.Financing => ($"{where}企业流动资金紧张", "企业反映银行贷款审批慢、担保难。", "已推荐进入白名单，对接银行授信。"),
        ProblemCategory.Talent => ($"{where}技术工人招工难", "熟练技工缺口较大，企业招工困难。", "已组织订单式培训，对接职业院校。"),
        ProblemCategory.Approval => ($"{where}项目审批手续办理慢", "环评、能评等前期手续推进缓慢。", "已开通绿色通道，并联审批。"),
        ProblemCategory.Energy => ($"{where}用电用气保障不足", "生产旺季用电负荷紧张。", "已协调供电公司增容改造。"),
        ProblemCategory.Environment => ($"{where}环保设施改造压力大", "企业环保设施需升级改造，资金压力大。", "已争取技改资金支持。"),
        ProblemCategory.Market => ($"{where}产品销售渠道单一", "产品主要依赖本地市场，外销渠道不足。", "已组织参加展会，拓展电商渠道。"),
        _ => ($"{where}其他困难", "企业反映的其他困难。", "已协调有关单位解决。"),
    };
}
