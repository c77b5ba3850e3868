using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Evaluation;

public enum EvaluationState { Draft = 1, Published = 2 }

public sealed class EvaluationRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>
/// 年度评估: one area's subjects of one kind for one year, scored on the area's indicator system. A draft is
/// recalculated from the records whenever asked; publishing freezes it — the scheme, every measured value with its
/// evidence and every score are stored, so later edits to projects, tasks or statistics do not move a published ranking.
/// </summary>
public sealed class AnnualEvaluation
{
    public const int MaxReason = 400;

    public static string Chinese(EvaluationState state) => state == EvaluationState.Published ? "已发布" : "草稿";

    public int Id { get; set; }
    public int JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>The evaluated area's path (山西省/运城市), so scope checks need no join.</summary>
    public string AreaPath { get; set; } = "";
    public int Year { get; set; }
    public SubjectKind Kind { get; set; }

    public string? PackId { get; set; }
    public string SchemeId { get; set; } = "";
    public string SchemeName { get; set; } = "";
    public bool SchemeIsPlatformDefault { get; set; }

    /// <summary>The indicator rules, bands and consequence lines as they were when last calculated (JSON).</summary>
    public string SchemeJson { get; set; } = "";

    public EvaluationState State { get; set; } = EvaluationState.Draft;
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CalculatedAtUtc { get; set; }
    public DateTime? PublishedAtUtc { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>Bumped by every change, so two offices working on one draft cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<EvaluationResult> Results { get; set; } = [];
    public List<ManualScore> ManualScores { get; set; } = [];

    public bool IsPublished => State == EvaluationState.Published;

    public void EnsureDraft()
    {
        if (IsPublished) throw new EvaluationRuleException("评估已发布，结果已冻结，不能再修改或重新计算");
    }
}

/// <summary>One subject's place in the ranking, with the detail of every indicator (JSON) as it was calculated.</summary>
public sealed class EvaluationResult
{
    public int Id { get; set; }
    public int EvaluationId { get; set; }
    public string SubjectKey { get; set; } = "";
    public int SubjectId { get; set; }
    public string SubjectName { get; set; } = "";

    /// <summary>Where the subject lies (county / township), for reading the ranking.</summary>
    public string Place { get; set; } = "";
    public int Rank { get; set; }
    public decimal Total { get; set; }
    public string? Band { get; set; }
    public bool Commended { get; set; }
    public bool Supervised { get; set; }
    public string DetailJson { get; set; } = "";
}

/// <summary>A score given by a person for a manual indicator, with the reason the documents' 督查 would ask for.</summary>
public sealed class ManualScore
{
    public int Id { get; set; }
    public int EvaluationId { get; set; }
    public string SubjectKey { get; set; } = "";
    public string IndicatorKey { get; set; } = "";
    public decimal Points { get; set; }
    public string Reason { get; set; } = "";
    public string GivenBy { get; set; } = "";
    public DateTime GivenAtUtc { get; set; }
}

/// <summary>What is stored per indicator of a result: enough to show and explain the score without the records.</summary>
public sealed record IndicatorDetail(string Key, string Name, decimal Weight, string Method, decimal? Value, string? Unit,
    decimal Points, decimal Weighted, string Explanation, IReadOnlyList<string> Evidence);
