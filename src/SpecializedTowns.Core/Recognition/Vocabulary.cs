namespace SpecializedTowns.Core.Recognition;

/// <summary>The industry categories the texts name, with their contract keys.</summary>
public static class IndustryCategories
{
    public const string Manufacturing = "manufacturing";
    public const string SpecialtyAgriculture = "specialty-agriculture";
    public const string SpecialtyLightIndustry = "specialty-light-industry";
    public const string CultureTourismHealth = "culture-tourism-health";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Manufacturing] = "制造业",
        [SpecialtyAgriculture] = "特优农业",
        [SpecialtyLightIndustry] = "特色轻工（工艺美术）",
        [CultureTourismHealth] = "文旅康养",
    };

    public static bool IsKnown(string key) => Names.ContainsKey(key);

    public static string NameOf(string key) => Names.TryGetValue(key, out var n) ? n : key;

    /// <summary>The key for a key or a Chinese name (制造业, 特色轻工 …); null when it names none.</summary>
    public static string? KeyOf(string keyOrName)
    {
        var s = keyOrName.Trim();
        if (IsKnown(s)) return s;
        return s.Length < 2 ? null : Names.FirstOrDefault(p => p.Value == s || p.Value.StartsWith(s, StringComparison.Ordinal)).Key;
    }
}

/// <summary>The facts about a town that a standard may name (recognition-check contract).</summary>
public static class FactNames
{
    public const string AnnualOutputValueWanYuan = "annualOutputValueWanYuan";
    public const string LeadingEnterprises = "leadingEnterprises";
    public const string SupportingEnterprises = "supportingEnterprises";
    public const string LocalEmployment = "localEmployment";
    public const string ProvincialMarketSharePercent = "provincialMarketSharePercent";
    public const string CityMarketSharePercent = "cityMarketSharePercent";
    public const string LargeNationalMarketSpace = "largeNationalMarketSpace";
    public const string HistoricalOriginOrGeographicalIndication = "historicalOriginOrGeographicalIndication";
    public const string IndustryWithinOneCounty = "industryWithinOneCounty";

    /// <summary>Numeric facts with the Chinese words used to name them in explanations.</summary>
    public static readonly IReadOnlyDictionary<string, string> Numeric = new Dictionary<string, string>
    {
        [AnnualOutputValueWanYuan] = "年产值",
        [LeadingEnterprises] = "龙头企业数量",
        [SupportingEnterprises] = "配套企业数量",
        [LocalEmployment] = "带动当地就业人数",
        [ProvincialMarketSharePercent] = "主导产品全省市场占有率",
        [CityMarketSharePercent] = "主导产品全市市场占有率",
    };

    /// <summary>How a shortfall is named: "年产值还差 0.4亿元，配套企业还差 3 家".</summary>
    public static readonly IReadOnlyDictionary<string, string> GapNames = new Dictionary<string, string>
    {
        [AnnualOutputValueWanYuan] = "年产值",
        [LeadingEnterprises] = "龙头企业",
        [SupportingEnterprises] = "配套企业",
        [LocalEmployment] = "带动就业",
        [ProvincialMarketSharePercent] = "全省市场占有率",
        [CityMarketSharePercent] = "全市市场占有率",
    };

    public static readonly IReadOnlyDictionary<string, string> Boolean = new Dictionary<string, string>
    {
        [LargeNationalMarketSpace] = "全国拥有较大市场空间",
        [HistoricalOriginOrGeographicalIndication] = "主导产品具有历史发源地、地理标志等传统特色",
        [IndustryWithinOneCounty] = "主导产业限定在一个县内",
    };

    public static readonly IReadOnlySet<string> Percent = new HashSet<string> { ProvincialMarketSharePercent, CityMarketSharePercent };

    public static readonly IReadOnlySet<string> Integer = new HashSet<string> { LeadingEnterprises, SupportingEnterprises, LocalEmployment };
}

/// <summary>Enumerated words of the pack format, each with its Chinese name for screens and messages.</summary>
public static class PackVocabulary
{
    public static readonly IReadOnlyDictionary<string, string> Levels = new Dictionary<string, string>
    { ["province"] = "省级", ["city"] = "市级", ["county"] = "县级" };

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>
    { ["issued"] = "已印发", ["draft"] = "征求意见稿", ["quoted"] = "据引用" };

    public static readonly IReadOnlyDictionary<string, string> Tiers = new Dictionary<string, string>
    { ["reserve"] = "储备", ["county"] = "县级", ["municipal"] = "市级", ["provincial"] = "省级" };

    public static readonly IReadOnlyDictionary<string, string> Applicants = new Dictionary<string, string>
    { ["county-government"] = "县（市、区）政府", ["township"] = "乡镇（街道）" };

    public static readonly IReadOnlyDictionary<string, string> CriterionKinds = new Dictionary<string, string>
    { ["category"] = "认定领域", ["threshold"] = "量化标准", ["principle"] = "原则性要求", ["qualitative"] = "定性要求" };

    public static readonly IReadOnlyDictionary<string, string> Readings = new Dictionary<string, string>
    { ["at-least"] = "以上/不少于", ["about"] = "左右" };

    public static readonly IReadOnlySet<string> Comparisons = new HashSet<string> { ">=", ">", "=", "<=", "<", "between" };

    public static readonly IReadOnlyDictionary<string, string> Frequencies = new Dictionary<string, string>
    { ["monthly"] = "每月", ["quarterly"] = "每季度", ["half-yearly"] = "每半年", ["annual"] = "每年", ["ad-hoc"] = "不定期" };

    /// <summary>Whose budget a clause's money comes from (a key task's or support policy's <c>fundLevels</c>), as 资金奖补 records it.</summary>
    public static readonly IReadOnlyDictionary<string, string> FundLevels = new Dictionary<string, string>
    { ["provincial"] = "省级", ["municipal"] = "市级", ["county"] = "县级" };

    /// <summary>Whom a consequence goes to (consequences.addressee), as the texts name it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Addressees = new Dictionary<string, string>
    { ["county-government"] = "专业镇所在县（市、区）政府", ["township"] = "专业镇所在乡镇（街道）" };

    public static readonly IReadOnlyDictionary<string, string> ConsequenceKinds = new Dictionary<string, string>
    {
        ["commendation"] = "表扬", ["reward"] = "奖励", ["supervision-notice"] = "督办通知书",
        ["rectification"] = "限期整改", ["public-criticism"] = "通报批评", ["interview"] = "约谈",
        ["accountability"] = "问责", ["funding-tilt"] = "资金倾斜",
    };

    /// <summary>
    /// The registers a key task or support policy can be the basis of (its <c>registers</c>): the support registers, the
    /// 三个一批 activities and the stages of the 上市后备 list, each page quoting the clause to the people of the pack's area.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SupportRegisters = new Dictionary<string, string>
    {
        [FundsRegister] = "资金奖补", [EventsRegister] = "展会活动", [ListingRegister] = "上市后备",
        [ListingStagesRegister] = "上市后备入库阶段", [BatchesRegister] = "三个一批",
        [FinanceRegister] = "融资白名单", [TalentsRegister] = "人才", [TrainingRegister] = "人才培训",
        [PlatformsRegister] = "公共服务平台", [GeoIndicationsRegister] = "地理标志",
    };

    public const string FundsRegister = "funds";
    public const string EventsRegister = "events";
    public const string ListingRegister = "listing";
    public const string ListingStagesRegister = "listing-stages";
    public const string BatchesRegister = "batches";
    public const string FinanceRegister = "finance";
    public const string TalentsRegister = "talents";
    public const string TrainingRegister = "training";
    public const string PlatformsRegister = "platforms";
    public const string GeoIndicationsRegister = "geo-indications";

    public static readonly IReadOnlyDictionary<string, string> ProvisionKinds = new Dictionary<string, string>
    {
        ["commendation"] = "表扬", ["reward"] = "奖励", ["funding"] = "资金支持", ["quota"] = "名额",
        ["whitelist"] = "白名单", ["priority"] = "优先支持", ["other"] = "其他",
    };

    /// <summary>
    /// Triggers the platform detects from its records (a provision's <c>measure</c>), each with the unit its <c>value</c> is in:
    /// a leading enterprise's revenue reaching the value for the first time; a leading product's national market-share
    /// rank within the value for the first time.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string Unit)> ProvisionMeasures = new Dictionary<string, (string, string)>
    {
        [LeadingEnterpriseRevenueFirst] = ("领军企业营收规模首次突破", "万元"),
        [NationalRankFirst] = ("主导产品市场占有率首次进入全国前列", "名"),
    };

    public const string LeadingEnterpriseRevenueFirst = "leading-enterprise-revenue-first";
    public const string NationalRankFirst = "national-market-share-rank-first";

    public static readonly IReadOnlyDictionary<string, string> PriorityFactors = new Dictionary<string, string>
    {
        ["national-enterprise-technology-center"] = "国家级企业技术中心",
        ["provincial-enterprise-technology-center"] = "省级企业技术中心",
        ["municipal-enterprise-technology-center"] = "市级企业技术中心",
        ["engineering-center"] = "工程中心",
        ["specialized-sophisticated"] = "专精特新企业",
        ["little-giant"] = "“小巨人”企业",
        ["single-champion"] = "单项冠军企业",
        ["leading-enterprise"] = "龙头企业",
    };
}
