using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Evaluation;

/// <summary>A consequence as the pack words it, with its clause: what the commendation or notice rests on.</summary>
public sealed record ConsequenceText(string Kind, string KindName, string? Trigger, string? Text, string? Source);

public sealed record LineRule(decimal? TopShare, decimal? BottomShare, decimal? MinTotal, decimal? BelowTotal, string? Text)
{
    /// <summary>
    /// The line in words (排名前 20% 且得分不低于 70 分; 排名后 10% 或得分低于 60 分), one wording for the page and the report, so
    /// the two do not differ in spacing or in a condition the scheme does not set.
    /// </summary>
    public static string Describe(LineRule? rule, bool top) => rule is null ? (top ? "排名靠前" : "排名靠后") : string.Join(top ? " 且" : " 或",
        new[]
        {
            top && rule.TopShare is { } t ? $"排名前 {t * 100:0.##}%" : null,
            top && rule.MinTotal is { } m ? $"得分不低于 {m:0.##} 分" : null,
            !top && rule.BottomShare is { } b ? $"排名后 {b * 100:0.##}%" : null,
            !top && rule.BelowTotal is { } l ? $"得分低于 {l:0.##} 分" : null,
        }.Where(x => x is not null));

    /// <summary>
    /// How many a share of the ranking holds (参评 6 个，排名后 10% 为 0 个), said beside the line so that a last place not
    /// supervised, or a second not commended, reads as the rule and not as a fault; null when the line sets no share.
    /// </summary>
    public static string? ShareCount(LineRule? rule, bool top, int count) => (top ? rule?.TopShare : rule?.BottomShare) is { } share
        ? $"参评 {count} 个，排名{(top ? "前" : "后")} {share * 100:0.##}% 为 {Math.Floor(count * share):0} 个，不足 1 个的部分不计"
        : null;
}

/// <summary>
/// The indicator system and the pack's consequences as an evaluation used them. Stored with the evaluation so that a
/// published ranking is read back with its own rules even after the scheme file changes.
/// </summary>
public sealed record SchemeSnapshot(
    string Id, string Name, string Basis, string? Note, string? Source,
    IReadOnlyList<IndicatorRule> Rules, IReadOnlyList<BandRule> Bands,
    LineRule? Commendation, LineRule? Supervision, int RectificationDays,
    string? PackDocument, IReadOnlyList<ConsequenceText> Consequences)
{
    public bool IsPlatformDefault => Basis == "platform-default";

    public static SchemeSnapshot Of(EvaluationScheme scheme, SubjectKind kind, PolicyPack? pack)
    {
        static LineRule? Line(ConsequenceRule? r) => r is null ? null : new(r.TopShare, r.BottomShare, r.MinTotal, r.BelowTotal, r.Text);
        var rule = PolicyCatalog.AnnualEvaluation(pack);
        return new SchemeSnapshot(scheme.Id, scheme.Name, scheme.Basis, scheme.Note, scheme.Source, scheme.RulesFor(kind), scheme.BandRules,
            Line(scheme.Commendation), Line(scheme.Supervision), scheme.RectificationDays,
            pack is null ? null : Cite(pack.Document),
            rule?.Consequences.Select(c => new ConsequenceText(c.Kind, PackVocabulary.ConsequenceKinds.GetValueOrDefault(c.Kind, c.Kind), c.Trigger, c.Text,
                (c.Source ?? rule.Source) is { } source ? pack!.Document.Quote(source) : null)).ToList() ?? []);
    }

    /// <summary>A document as an official text cites it: 《title》（number）; a title in book-title marks, never a number.</summary>
    public static string Cite(PolicyDocument document) =>
        document.Number is { } number ? $"《{document.Title}》（{number}）" : $"《{document.Title}》";

    /// <param name="tied">How many share the rank (itself included): a tie across the line of 前 20% stays out together.</param>
    public bool Commends(int rank, int count, decimal total, int tied = 1) => Commendation is { } r
        && (r.TopShare is null || Scoring.InTopShare(rank, tied, count, r.TopShare.Value)) && (r.MinTotal is null || total >= r.MinTotal);

    /// <summary>
    /// 督办 for the rank alone or for the score alone: the texts join the two with 或 (“对评价排名靠后或建设进度较慢的……发出督办通知书”,
    /// 新政办发〔2023〕33号 四（五）、永济行动计划 五（四）、朔政办发〔2023〕19号 五（五）), so a 合格 town in the bottom share is
    /// supervised, and one outside it only below the line. How the share is counted: <see cref="Scoring.InBottomShare"/>.
    /// </summary>
    public bool Supervises(int rank, int count, decimal total) => Supervision is { } r
        && ((r.BottomShare is { } share && count > 1 && Scoring.InBottomShare(rank, count, share)) || (r.BelowTotal is { } line && total < line));

    /// <summary>The pack's words for a kind of consequence (commendation, supervision-notice, public-criticism…).</summary>
    public IEnumerable<ConsequenceText> ConsequencesOf(params string[] kinds) => Consequences.Where(c => kinds.Contains(c.Kind));
}
