using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Evaluation;

// An indicator system (指标体系) is data: policies/schemes/*.yaml, read like a pack and checked by
// EvaluationSchemeValidator. The texts ask for an annual evaluation and a ranking but name no indicator,
// weight or formula, so the shipped scheme says "basis: platform-default" and every page shows that.

/// <summary>Who is evaluated: the specialized towns, the townships that host them, or the member units.</summary>
public enum SubjectKind { Town = 1, Township = 2, Unit = 3 }

public static class SubjectKinds
{
    public static string Key(SubjectKind kind) => kind.ToString().ToLowerInvariant();

    public static string Chinese(SubjectKind kind) => kind switch
    {
        SubjectKind.Town => "专业镇",
        SubjectKind.Township => "乡镇",
        _ => "成员单位",
    };
}

public sealed class EvaluationScheme : PackNode
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>"document" when a text sets the indicators, "platform-default" when the platform had to.</summary>
    public string Basis { get; set; } = "";
    public string? Note { get; set; }
    public string? Source { get; set; }
    public SchemeSubjects Subjects { get; set; } = new();
    public List<SchemeBand> Bands { get; set; } = [];
    public ConsequenceRule? Commendation { get; set; }
    public ConsequenceRule? Supervision { get; set; }

    /// <summary>限期整改: days from the notice to the deadline.</summary>
    public int RectificationDays { get; set; } = 30;

    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string FileName { get; set; } = "";

    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string[] SourceLines { get; set; } = [];

    public bool IsPlatformDefault => Basis == "platform-default";

    public List<SchemeIndicator> IndicatorsFor(SubjectKind kind) => kind switch
    {
        SubjectKind.Town => Subjects.Town,
        SubjectKind.Township => Subjects.Township,
        _ => Subjects.Unit,
    };

    public IReadOnlyList<SubjectKind> Kinds =>
        Enum.GetValues<SubjectKind>().Where(k => IndicatorsFor(k).Count > 0).ToList();

    public IReadOnlyList<IndicatorRule> RulesFor(SubjectKind kind) => IndicatorsFor(kind).Select(i => new IndicatorRule
    {
        Key = i.Key,
        Name = i.Name,
        Weight = i.Weight,
        Method = EvaluationVocabulary.Methods.GetValueOrDefault(i.Method),
        Floor = i.Floor,
        Ceiling = i.Ceiling,
        LowerIsBetter = i.LowerIsBetter,
        Steps = i.Steps.Select(s => new ScoreStep(s.AtLeast, s.Points)).ToList(),
        Unit = i.Unit ?? EvaluationVocabulary.Measures.GetValueOrDefault(i.Measure)?.Unit,
        Source = i.Source ?? Source,
    }).ToList();

    public IReadOnlyList<BandRule> BandRules => Bands.Select(b => new BandRule(b.Name, b.MinTotal, b.TopShare)).ToList();
}

public sealed class SchemeSubjects : PackNode
{
    public List<SchemeIndicator> Town { get; set; } = [];
    public List<SchemeIndicator> Township { get; set; } = [];
    public List<SchemeIndicator> Unit { get; set; } = [];
}

public sealed class SchemeIndicator : PackNode
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>What is measured, from <see cref="EvaluationVocabulary.Measures"/>.</summary>
    public string Measure { get; set; } = "";
    public decimal Weight { get; set; }
    public string Method { get; set; } = "";
    public decimal? Floor { get; set; }
    public decimal? Ceiling { get; set; }
    public bool LowerIsBetter { get; set; }
    public List<SchemeStep> Steps { get; set; } = [];
    public string? Unit { get; set; }
    public string? Source { get; set; }
}

public sealed class SchemeStep : PackNode
{
    public decimal AtLeast { get; set; }
    public decimal Points { get; set; }
}

public sealed class SchemeBand : PackNode
{
    public string Name { get; set; } = "";
    public decimal? MinTotal { get; set; }
    public decimal? TopShare { get; set; }
}

/// <summary>Who is commended or supervised: the top (or bottom) share of the ranking, and/or a total at least (or below) a line.</summary>
public sealed class ConsequenceRule : PackNode
{
    public decimal? TopShare { get; set; }
    public decimal? BottomShare { get; set; }
    public decimal? MinTotal { get; set; }
    public decimal? BelowTotal { get; set; }

    /// <summary>
    /// The fewest places the share holds when rounding down leaves fewer (<see cref="Scoring.Places"/>): 前 20% of three towns
    /// is none, so a city with three or four towns (阳泉, 朔州) could never commend one; minPlaces 1 keeps the first in.
    /// </summary>
    public int? MinPlaces { get; set; }
    public string? Text { get; set; }
}

public sealed record MeasureInfo(string Name, string? Unit, IReadOnlyList<SubjectKind> Subjects);

public static class EvaluationVocabulary
{
    public static readonly IReadOnlyDictionary<string, ScoringMethod> Methods = new Dictionary<string, ScoringMethod>
    {
        ["linear"] = ScoringMethod.Linear, ["relative-to-best"] = ScoringMethod.RelativeToBest,
        ["steps"] = ScoringMethod.Steps, ["manual"] = ScoringMethod.Manual,
    };

    public static readonly IReadOnlyDictionary<string, string> Bases = new Dictionary<string, string>
    { ["document"] = "文件规定", ["platform-default"] = "平台默认（文件未规定指标）" };

    private static readonly SubjectKind[] Town = [SubjectKind.Town];
    private static readonly SubjectKind[] TownTownship = [SubjectKind.Town, SubjectKind.Township];
    private static readonly SubjectKind[] All = [SubjectKind.Town, SubjectKind.Township, SubjectKind.Unit];

    /// <summary>What the platform can measure from the records it holds, and for whom.</summary>
    public static readonly IReadOnlyDictionary<string, MeasureInfo> Measures = new Dictionary<string, MeasureInfo>
    {
        ["output"] = new("主导产业产值", "亿元", TownTownship),
        ["output-growth"] = new("主导产业产值增速", "%", TownTownship),
        ["revenue-tier"] = new("营收规模层级", "亿级", Town),
        ["tier-level"] = new("认定层级（储备0 县级1 市级2 省级3）", "级", Town),
        ["new-market-entities"] = new("新增市场主体", "户", TownTownship),
        ["new-above-scale"] = new("新增规上企业（升规入统）", "户", TownTownship),
        ["project-start-rate"] = new("重点项目开工率", "%", All),
        ["project-commissioning-rate"] = new("重点项目投产率", "%", All),
        ["investment-completion"] = new("年度投资完成率", "%", All),
        ["task-completion"] = new("责任清单任务按期完成率", "%", All),
        ["report-on-time"] = new("专班月报按时报送率", "%", All),
        ["problems-solved"] = new("问题办结率", "%", All),
        ["brands-gained"] = new("新增品牌", "个", TownTownship),
        ["standards-gained"] = new("新增标准", "项", TownTownship),
        ["gi-gained"] = new("新增地理标志", "个", TownTownship),
        ["employment-growth"] = new("从业人员增长", "%", TownTownship),
        ["manual"] = new("人工评分", "分", All),
    };
}
