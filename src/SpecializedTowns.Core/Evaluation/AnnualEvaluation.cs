using SpecializedTowns.Core.Documents;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Evaluation;

public enum EvaluationState { Draft = 1, Published = 2 }

public sealed class EvaluationRuleException(string message, string? field = null) : Exception(message), IRefusal
{
    public string? Field { get; } = field;

    public RefusalKind Kind { get; init; } = field is null ? RefusalKind.Conflict : RefusalKind.Invalid;
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

    /// <summary>发文字号 the report (通报) goes out under, e.g. 垣专镇办〔2026〕3号; the office gives it, the platform never numbers it.</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>成文日期 printed under the signature; when not given, the report is dated the day it was published.</summary>
    public DateOnly? DocumentDate { get; set; }

    /// <summary>Bumped by every change, so two offices working on one draft cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<EvaluationResult> Results { get; set; } = [];
    public List<ManualScore> ManualScores { get; set; } = [];

    public bool IsPublished => State == EvaluationState.Published;

    public void EnsureDraft()
    {
        if (IsPublished) throw new EvaluationRuleException("评估已发布，结果已冻结，不能再修改或重新计算");
    }

    /// <summary>
    /// The first day an evaluation of <paramref name="year"/> may be published. The texts evaluate a year's results —
    /// “开展专业镇年度评估” (朔政办发〔2023〕19号 五（五）, 阳政办发〔2023〕24号 六（五）), “纳入年度目标责任考核体系” (all five) —
    /// so the ranking that commendations and 督办通知书 rest on is frozen only once the year is over. During the year a draft
    /// stays useful as a preview (who is falling behind), recalculated as the records come in.
    /// </summary>
    public static DateOnly FirstPublishingDay(int year) => new(year + 1, 1, 1);

    /// <summary>Why an evaluation of <paramref name="year"/> cannot be published on <paramref name="today"/> (China date), or null.</summary>
    public static string? PublishingTooEarly(int year, DateOnly today) => today >= FirstPublishingDay(year) ? null
        : $"{year}年度{(today.Year == year ? "尚未结束" : "还没有开始")}，年度评估要按全年的数据评定，{Date(FirstPublishingDay(year))}起才能发布。" +
          "在此之前可以保留草稿，随数据更新重新计算、录入人工评分，作为年中预览。";

    /// <summary>
    /// What is wrong with a 发文字号 and 成文日期 for the report of an evaluation of <paramref name="year"/>, by field
    /// (documentNumber, documentDate); <paramref name="number"/> is the number as it will be printed. The report of a year
    /// goes out after the year (<see cref="FirstPublishingDay"/>), so both the date and the year in 〔〕 come after it, and the
    /// year in 〔〕 is the year the document is dated (GB/T 9704-2012 7.2.4: 年份 is the year of issue).
    /// </summary>
    public static Dictionary<string, string> DocumentProblems(int year, string? typedNumber, DateOnly? date, DateOnly today, out Documents.DocumentNumber? number)
    {
        var errors = new Dictionary<string, string>();
        if (Documents.DocumentNumber.Check(typedNumber, out number) is { } bad) errors["documentNumber"] = bad;
        var first = FirstPublishingDay(year);
        if (date is { } d)
        {
            if (d < first) errors["documentDate"] = $"成文日期{Date(d)}在{year}年度结束之前：{year}年度的评估报告应在{Date(first)}及以后成文";
            else if (d > today) errors["documentDate"] = $"成文日期{Date(d)}晚于今天（{Date(today)}），请填写领导签发的日期";
        }
        if (number is { } n && !errors.ContainsKey("documentNumber"))
        {
            if (date is { } dd && !errors.ContainsKey("documentDate") && n.Year != dd.Year)
                errors["documentNumber"] = $"发文字号的年份〔{n.Year}〕与成文日期{Date(dd)}不在同一年：〔〕内写发文的年份，应为〔{dd.Year}〕";
            else if (n.Year < first.Year)
                errors["documentNumber"] = $"发文字号的年份〔{n.Year}〕不对：{year}年度的评估在年度结束后发文，〔〕内写发文的年份，应为〔{Math.Max(first.Year, today.Year)}〕";
            else if (n.Year > today.Year)
                errors["documentNumber"] = $"发文字号的年份〔{n.Year}〕还没有到（今年是 {today.Year} 年），〔〕内写发文的年份";
        }
        return errors;
    }

    private static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
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
/// <param name="Reading">What was measured in words (营业收入 9.05亿元), where the value is a level read from it; null otherwise.</param>
public sealed record IndicatorDetail(string Key, string Name, decimal Weight, string Method, decimal? Value, string? Unit,
    decimal Points, decimal Weighted, string Explanation, IReadOnlyList<string> Evidence, string? Reading = null);
