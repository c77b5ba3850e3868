namespace SpecializedTowns.Core.Recognition;

/// <summary>Result words of the recognition-check contract.</summary>
public static class Results
{
    public const string Met = "met";
    public const string NotMet = "not-met";
    public const string NeedsReview = "needs-review";
    public const string MissingData = "missing-data";

    public const string Eligible = "eligible";
    public const string Ineligible = "ineligible";

    public static readonly IReadOnlyDictionary<string, string> Chinese = new Dictionary<string, string>
    {
        [Met] = "符合", [NotMet] = "不符合", [NeedsReview] = "需评审", [MissingData] = "缺数据",
        [Eligible] = "符合认定条件", [Ineligible] = "不符合认定条件",
    };
}

public sealed record CriterionResult(string Key, string Result, string Explanation, string? Source)
{
    public string Title { get; init; } = "";

    /// <summary>
    /// The clause as a reader of the standard cites it (<see cref="Policies.RecognitionStandard.Cite"/>): 运城's standard under
    /// 运政办发〔2023〕8号, not bare as the 垣曲 text that quotes it. <see cref="Source"/> stays the clause the words come from,
    /// as the recognition-check contract gives it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Citation { get; init; }

    /// <summary>The standard gives no number here yet (<see cref="UnsetThresholds"/>): open whatever the experts conclude.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unset { get; init; }

    /// <summary>
    /// The words for a figure below the standard that may be recognised under the relaxation the text allows (按放宽条件认定年产值，
    /// 不少于 5,000万元，…): the pre-check's headline says this instead of a gap to the full standard; null otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Relaxation { get; init; }
}

/// <summary>How far a figure is from a threshold: "年产值还差 0.4亿元".</summary>
public sealed record Gap(string Key, string Name, decimal Shortfall, string? Unit)
{
    public string Text => $"{Name}还差 {Quantity.Shortfall(Shortfall, Unit)}";
}

public sealed record RecognitionResult(
    string Standard,
    string Outcome,
    IReadOnlyList<CriterionResult> Criteria)
{
    public string StandardName { get; init; } = "";
    public string Tier { get; init; } = "";
    public IReadOnlyList<PriorityFactorHit> PriorityFactors { get; init; } = [];
    public IReadOnlyList<GapView> Gaps { get; init; } = [];

    /// <summary>Why the standard cannot recognise anyone yet (<see cref="UnsetThresholds.NotRecognisable"/>); null when every number is set.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? NotConfigured { get; init; }
}

public sealed record PriorityFactorHit(string Key, string Title, string? Source);

public sealed record GapView(string Key, decimal Shortfall, string? Unit, string Text)
{
    public static GapView From(Gap g) => new(g.Key, g.Shortfall, g.Unit, g.Text);
}
