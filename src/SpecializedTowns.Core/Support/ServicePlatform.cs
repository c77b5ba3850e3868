namespace SpecializedTowns.Core.Support;

/// <summary>
/// The functions a 公共服务平台 may offer: the union of the functions the documents name, one entry for one service
/// however each document words it (朔政办发〔2023〕19号 二（七） says 研发设计 where 三（十一） and 四（五） say 技术研发).
/// The first eight are those of the recognition criterion 朔政办发〔2023〕19号 二（七）, in its order.
/// </summary>
public enum PlatformFunction
{
    ResearchDesign = 1,
    Testing = 2,
    Training = 3,
    InformationConsulting = 4,
    IntellectualProperty = 5,
    FinancingGuarantee = 6,
    ProductExhibition = 7,
    Logistics = 8,
    IndustrialDesign = 9,
    StandardPromotion = 10,
    Commercialization = 11,
    Incubation = 12,
    ECommerce = 13,
    CulturalCreative = 14,
    Customs = 15,
    TaxService = 16,
}

/// <summary>运营主体类型: 朔政办发〔2023〕19号 四（五） "鼓励政府部门、社会团体、骨干企业、中介组织等投入"; 三（十一） adds 高校.</summary>
public enum PlatformOperatorKind { Government = 1, SocialOrganization = 2, BackboneEnterprise = 3, Intermediary = 4, University = 5 }

/// <summary>认定级别 of the platform (e.g. a 国家级/省级 检验检测中心); 未认定 for one no authority has recognised.</summary>
public enum PlatformLevel { National = 1, Provincial = 2, Municipal = 3, County = 4, Unrecognised = 5 }

/// <summary>四（五） "引导专业镇公共服务平台通过线上线下结合，拓宽覆盖面".</summary>
public enum PlatformMode { Offline = 1, Online = 2, Both = 3 }

/// <summary>Where a document names a function, in its own words.</summary>
public sealed record FunctionMention(string Clause, string Wording);

public sealed record PlatformFunctionInfo(PlatformFunction Function, string Name, IReadOnlyList<FunctionMention> Mentions)
{
    /// <summary>Per document, the sections and the words they use: 朔政办发〔2023〕19号 二（七）“研发设计”，三（十一）、四（五）“技术研发”.</summary>
    public IReadOnlyList<string> Citations => Mentions.GroupBy(m => m.Clause[..m.Clause.LastIndexOf(' ')])
        .Select(doc => doc.Key + " " + string.Join("，", doc.GroupBy(m => m.Wording)
            .Select(w => $"{string.Join("、", w.Select(m => m.Clause[(m.Clause.LastIndexOf(' ') + 1)..]))}“{w.Key}”")))
        .ToList();

    /// <summary>Short tag for a form or a table: 二（七）·三（十一）·四（五）, for the Shuozhou clauses, the others after a semicolon.</summary>
    public string Tags => string.Join("；", Mentions.GroupBy(m => m.Clause[..m.Clause.LastIndexOf(' ')])
        .Select(g => $"{g.Key} {string.Join("、", g.Select(m => m.Clause[(m.Clause.LastIndexOf(' ') + 1)..]).Distinct())}"));
}

public static class PlatformFunctions
{
    private const string Sz = "朔政办发〔2023〕19号 ";
    private const string Yang = "阳政办发〔2023〕24号 ";

    /// <summary>The recognition criterion the coverage is read against: 朔政办发〔2023〕19号 二（七） 公共服务体系比较完善.</summary>
    public const string CriterionClause = SupportClauses.PublicServiceCriterion;

    /// <summary>The area whose towns the criterion governs; elsewhere the matrix is a comparison, not a test.</summary>
    public const string CriterionArea = "山西省/朔州市";

    /// <summary>
    /// The area whose document a citation line of <see cref="PlatformFunctionInfo.Citations"/> quotes: a form shows a reader
    /// only its own area's wording, as the coverage does (another city's clauses are not the reader's rule).
    /// </summary>
    public static string AreaOf(string citation) => citation.StartsWith(Yang, StringComparison.Ordinal) ? "山西省/阳泉市" : CriterionArea;

    /// <summary>
    /// Each function and the clauses naming it: 朔政办发〔2023〕19号 二（七）, 三（十一）, 四（五）, and 阳政办发〔2023〕24号 四（七）
    /// (its criterion adds 成果转化、电子商务) and 五（十）. 垣政办发〔2023〕19号 四（十）, 新政办发〔2023〕33号 三（三）7 and the
    /// 永济 plan 四（三）7 name 工业设计、检验检测、企业孵化、物流配送 only, all of which are here.
    /// </summary>
    public static IReadOnlyList<PlatformFunctionInfo> All { get; } =
    [
        new(PlatformFunction.ResearchDesign, "研发设计", [new(Sz + "二（七）", "研发设计"), new(Sz + "三（十一）", "技术研发"), new(Sz + "四（五）", "技术研发"),
            new(Yang + "四（七）", "研发设计"), new(Yang + "五（十）", "技术研发")]),
        new(PlatformFunction.Testing, "检验检测", [new(Sz + "二（七）", "检验检测"), new(Sz + "三（十一）", "检验检测"), new(Sz + "四（五）", "质量检测"),
            new(Yang + "四（七）", "检验检测"), new(Yang + "五（十）", "检验检测")]),
        new(PlatformFunction.Training, "业务培训（人才培养）", [new(Sz + "二（七）", "业务培训"), new(Sz + "三（十一）", "人才培养"), new(Sz + "四（五）", "人才培养"),
            new(Yang + "四（七）", "业务培训"), new(Yang + "五（十）", "人才培训")]),
        new(PlatformFunction.InformationConsulting, "信息咨询", [new(Sz + "二（七）", "信息咨询"), new(Sz + "四（五）", "信息服务"), new(Yang + "四（七）", "信息咨询")]),
        new(PlatformFunction.IntellectualProperty, "知识产权保护", [new(Sz + "二（七）", "知识产权保护"), new(Yang + "四（七）", "知识产权保护")]),
        new(PlatformFunction.FinancingGuarantee, "融资担保", [new(Sz + "二（七）", "融资担保"), new(Sz + "四（五）", "融资服务"), new(Yang + "四（七）", "融资担保")]),
        new(PlatformFunction.ProductExhibition, "产品展销", [new(Sz + "二（七）", "产品展销"), new(Sz + "四（五）", "商贸会展"), new(Yang + "四（七）", "产品展销")]),
        new(PlatformFunction.Logistics, "物流服务", [new(Sz + "二（七）", "物流服务"), new(Sz + "三（十一）", "物流配送"), new(Sz + "四（五）", "现代物流"),
            new(Yang + "四（七）", "物流服务"), new(Yang + "五（十）", "物流配送")]),
        new(PlatformFunction.IndustrialDesign, "工业设计", [new(Sz + "三（十一）", "工业设计"), new(Sz + "四（五）", "工业设计"), new(Yang + "五（十）", "工业设计")]),
        new(PlatformFunction.StandardPromotion, "标准推广", [new(Sz + "三（十一）", "标准推广"), new(Yang + "五（十）", "标准推广")]),
        new(PlatformFunction.Commercialization, "成果转化", [new(Sz + "三（十一）", "成果转化"), new(Yang + "四（七）", "成果转化"), new(Yang + "五（十）", "成果转化")]),
        new(PlatformFunction.Incubation, "企业孵化", [new(Sz + "三（十一）", "企业孵化"), new(Yang + "五（十）", "企业孵化")]),
        new(PlatformFunction.ECommerce, "电子商务", [new(Sz + "三（十一）", "电商平台"), new(Sz + "四（五）", "电子商务"), new(Yang + "四（七）", "电子商务"),
            new(Yang + "五（十）", "电商平台")]),
        new(PlatformFunction.CulturalCreative, "文化创意", [new(Sz + "四（五）", "文化创意")]),
        new(PlatformFunction.Customs, "海关", [new(Sz + "四（五）", "海关")]),
        new(PlatformFunction.TaxService, "报税服务", [new(Sz + "四（五）", "报税服务")]),
    ];

    /// <summary>The eight functions of 朔政办发〔2023〕19号 二（七） "初步具备研发设计、检验检测、业务培训、信息咨询、知识产权保护、融资担保、产品展销、物流服务等功能".</summary>
    public static IReadOnlyList<PlatformFunction> Criterion { get; } =
        All.Where(f => f.Mentions.Any(m => m.Clause == CriterionClause)).Select(f => f.Function).ToList();

    public static PlatformFunctionInfo Info(PlatformFunction function) => All.First(f => f.Function == function);

    public static string Chinese(PlatformFunction function) => All.FirstOrDefault(f => f.Function == function)?.Name ?? function.ToString();

    public static string Chinese(PlatformOperatorKind kind) => kind switch
    {
        PlatformOperatorKind.Government => "政府部门",
        PlatformOperatorKind.SocialOrganization => "社会团体",
        PlatformOperatorKind.BackboneEnterprise => "骨干企业",
        PlatformOperatorKind.Intermediary => "中介组织",
        _ => "高校院所",
    };

    public static string Chinese(PlatformLevel level) => level switch
    {
        PlatformLevel.National => "国家级",
        PlatformLevel.Provincial => "省级",
        PlatformLevel.Municipal => "市级",
        PlatformLevel.County => "县级",
        _ => "未认定",
    };

    public static string Chinese(PlatformMode mode) => mode switch
    {
        PlatformMode.Offline => "线下",
        PlatformMode.Online => "线上",
        _ => "线上线下结合",
    };
}

/// <summary>
/// 公共服务平台 serving a specialized town (朔政办发〔2023〕19号 三（十一）、四（五）): who runs it, how it is recognised, what
/// it offers, and how many enterprises it served in a year.
/// </summary>
public sealed class ServicePlatform
{
    public const int MaxName = 100;
    public const int MaxOperator = 100;
    public const int MaxNote = 500;
    public const int MinYear = 1949;
    public const int MaxServed = 1_000_000;

    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The town's county, kept for scope and the place filter.</summary>
    public int CountyId { get; set; }
    public int SpecializedTownId { get; set; }
    public string Operator { get; set; } = "";
    public PlatformOperatorKind OperatorKind { get; set; }
    public PlatformLevel Level { get; set; }
    public int EstablishedYear { get; set; }
    public PlatformMode Mode { get; set; }
    public List<ServicePlatformFunction> Functions { get; set; } = [];

    /// <summary>服务企业（家次） in <see cref="ServedYear"/>; both or neither.</summary>
    public int? ServedYear { get; set; }
    public int? EnterprisesServed { get; set; }
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }

    /// <summary>Makes the platform's functions exactly <paramref name="wanted"/>, keeping the rows that stay (so the audit shows only what changed).</summary>
    public void SetFunctions(IEnumerable<PlatformFunction> wanted)
    {
        var set = wanted.ToHashSet();
        Functions.RemoveAll(f => !set.Contains(f.Function));
        foreach (var f in set.Where(f => Functions.All(x => x.Function != f)).Order()) Functions.Add(new ServicePlatformFunction { Function = f });
    }
}

public sealed class ServicePlatformFunction
{
    public int Id { get; set; }
    public int ServicePlatformId { get; set; }
    public PlatformFunction Function { get; set; }
}

public sealed record PlatformInput
{
    public string? Name { get; init; }
    public int? SpecializedTownId { get; init; }
    public string? Operator { get; init; }
    public PlatformOperatorKind? OperatorKind { get; init; }
    public PlatformLevel? Level { get; init; }
    public int? EstablishedYear { get; init; }
    public PlatformMode? Mode { get; init; }
    public IReadOnlyList<PlatformFunction>? Functions { get; init; }
    public int? ServedYear { get; init; }
    public int? EnterprisesServed { get; init; }
    public string? Note { get; init; }
}

public static class PlatformRules
{
    public static Dictionary<string, string> Check(PlatformInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写平台名称";
        else if (name.Length > ServicePlatform.MaxName) errors[nameof(input.Name)] = $"平台名称不超过 {ServicePlatform.MaxName} 字";
        if (input.SpecializedTownId is null) errors[nameof(input.SpecializedTownId)] = "请选择平台服务的专业镇";
        var op = input.Operator?.Trim() ?? "";
        if (op.Length == 0) errors[nameof(input.Operator)] = "请填写运营主体";
        else if (op.Length > ServicePlatform.MaxOperator) errors[nameof(input.Operator)] = $"运营主体不超过 {ServicePlatform.MaxOperator} 字";
        if (input.OperatorKind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.OperatorKind)] = "请选择运营主体类型";
        if (input.Level is not { } level || !Enum.IsDefined(level)) errors[nameof(input.Level)] = "请选择平台级别";
        if (input.Mode is not { } mode || !Enum.IsDefined(mode)) errors[nameof(input.Mode)] = "请选择线上或线下";
        if (input.EstablishedYear is not { } year) errors[nameof(input.EstablishedYear)] = "请填写建成年份";
        else if (year < ServicePlatform.MinYear || year > today.Year) errors[nameof(input.EstablishedYear)] = $"建成年份应在 {ServicePlatform.MinYear} 年到 {today.Year} 年之间";
        var functions = input.Functions ?? [];
        if (functions.Count == 0) errors[nameof(input.Functions)] = "请至少选择一项平台功能";
        else if (functions.Any(f => !Enum.IsDefined(f))) errors[nameof(input.Functions)] = "所选功能不在功能清单中";
        if (input.EnterprisesServed is { } served)
        {
            if (served < 0 || served > ServicePlatform.MaxServed) errors[nameof(input.EnterprisesServed)] = $"服务企业家次应在 0 到 {ServicePlatform.MaxServed:N0} 之间";
            if (input.ServedYear is not { } sy) errors[nameof(input.ServedYear)] = "填写服务企业家次时，请注明统计年度";
            else if (sy > today.Year) errors[nameof(input.ServedYear)] = "统计年度不能晚于今年";
            else if (input.EstablishedYear is { } built && sy < built) errors[nameof(input.ServedYear)] = "统计年度不能早于建成年份";
        }
        else if (input.ServedYear is not null) errors[nameof(input.EnterprisesServed)] = "已填统计年度，请填写服务企业家次";
        if (input.Note?.Trim().Length > ServicePlatform.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {ServicePlatform.MaxNote} 字";
        return errors;
    }
}

/// <summary>
/// Whether a town's platforms together offer the functions of 朔政办发〔2023〕19号 二（七）: for each function the platforms
/// offering it (none: missing).
/// </summary>
public sealed record FunctionCoverage(IReadOnlyList<(PlatformFunction Function, IReadOnlyList<string> By)> Functions)
{
    public IReadOnlyList<PlatformFunction> Covered => Functions.Where(f => f.By.Count > 0).Select(f => f.Function).ToList();
    public IReadOnlyList<PlatformFunction> Missing => Functions.Where(f => f.By.Count == 0).Select(f => f.Function).ToList();
    public bool Complete => Functions.All(f => f.By.Count > 0);

    public IReadOnlyList<string> By(PlatformFunction function) => Functions.FirstOrDefault(f => f.Function == function).By ?? [];

    /// <summary>Reads a town's platforms against <paramref name="required"/> (the criterion's eight unless given).</summary>
    public static FunctionCoverage Of(IEnumerable<(string Name, IEnumerable<PlatformFunction> Functions)> platforms, IReadOnlyList<PlatformFunction>? required = null)
    {
        var list = platforms.Select(p => (p.Name, Functions: p.Functions.ToHashSet())).ToList();
        return new FunctionCoverage((required ?? PlatformFunctions.Criterion)
            .Select(f => (f, (IReadOnlyList<string>)list.Where(p => p.Functions.Contains(f)).Select(p => p.Name).Distinct().ToList())).ToList());
    }
}
