using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Evaluation;

/// <summary>A consequence as the pack words it, with its clause: what the commendation or notice rests on.</summary>
public sealed record ConsequenceText(string Kind, string KindName, string? Trigger, string? Text, string? Source);

/// <param name="MinPlaces">The fewest places the share holds (<see cref="ConsequenceRule.MinPlaces"/>); null in snapshots made before it.</param>
public sealed record LineRule(decimal? TopShare, decimal? BottomShare, decimal? MinTotal, decimal? BelowTotal, string? Text, int? MinPlaces = null)
{
    /// <summary>How many places the share holds among <paramref name="count"/> ranked (<see cref="Scoring.Places"/>).</summary>
    public int Places(int count, decimal share) => Scoring.Places(count, share, MinPlaces ?? 0);

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
    /// supervised, or a second not commended, reads as the rule and not as a fault; null when the line sets no share. When the
    /// scheme keeps a minimum (minPlaces) that rounding down would miss, it says so: 参评 3 个，排名前 20% 为 0.6 个，不足 1 个按 1 个计.
    /// </summary>
    public static string? ShareCount(LineRule? rule, bool top, int count)
    {
        if ((top ? rule?.TopShare : rule?.BottomShare) is not { } share) return null;
        var (exact, places) = (count * share, rule!.Places(count, share));
        var side = $"参评 {count} 个，排名{(top ? "前" : "后")} {share * 100:0.##}%";
        return places > Scoring.Places(count, share)
            ? $"{side} 为 {exact:0.##} 个，不足 {places} 个按 {places} 个计"
            : $"{side} 为 {places} 个，不足 1 个的部分不计";
    }

    /// <summary>
    /// A tied group that reaches across the line of the share and is marked as a whole (<see cref="Scoring.InTopShare"/>), said
    /// beside the list so that more names than places read as the rule: 并列第 1 名 3 个，超过前 20%（2 个）名额……由办公室决定.
    /// Null when no marked tie overfills the share.
    /// </summary>
    /// <param name="ranked">Every subject of the ranking: its rank and whether it is marked (拟表扬 or 拟督办).</param>
    public static string? TieAtCut(LineRule? rule, bool top, IReadOnlyList<(int Rank, bool Marked)> ranked)
    {
        if ((top ? rule?.TopShare : rule?.BottomShare) is not { } share) return null;
        var count = ranked.Count;
        var places = rule!.Places(count, share);
        if (places == 0) return null;
        var line = top ? places : count - places;
        foreach (var group in ranked.GroupBy(r => r.Rank).Where(g => g.Count() > 1 && g.All(r => r.Marked)))
        {
            var (first, last) = (group.Key, group.Key + group.Count() - 1);
            if (first <= line && last > line)
                return $"并列第 {group.Key} 名 {group.Count()} 个，超过排名{(top ? "前" : "后")} {share * 100:0.##}%（{places} 个）的名额。" +
                       $"并列者得分相同、无从区分，均列为拟{(top ? "表扬" : "督办")}；{(top ? "是否全部予以表扬" : "是否全部下发督办通知书")}由办公室决定";
        }
        return null;
    }
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

    /// <summary>
    /// The score line supervises only a subject in the lower half of the ranking, where the area's text supervises “排名靠后、建设进度
    /// 较慢” (阳政办发〔2023〕24号 六（五）, joined by 、) rather than “排名靠后或建设进度较慢” (朔州, 新绛, 永济): a town ranked first, or
    /// in the upper half, is not 排名靠后 whatever its score (qa110 2; decision 0023). The bottom share is 排名靠后 by itself.
    /// </summary>
    public bool ScoreLineRankedLow { get; init; }

    /// <param name="pack">The evaluated area's own document: its consequences, and its 营收规模 tiers as the steps of 营收规模层级.</param>
    /// <param name="ladder">The tiers the area's towns can hold (MeasureGatherer.LadderAsync): 认定层级 keeps only those steps, so that
    /// 阳泉's 储备 town falls short of 市级, never of a 县级 阳泉 does not have.</param>
    public static SchemeSnapshot Of(EvaluationScheme scheme, SubjectKind kind, PolicyPack? pack, IReadOnlyCollection<Tier>? ladder = null)
    {
        static LineRule? Line(ConsequenceRule? r) => r is null ? null : new(r.TopShare, r.BottomShare, r.MinTotal, r.BelowTotal, r.Text, r.MinPlaces);
        var rule = PolicyCatalog.AnnualEvaluation(pack);
        var rules = scheme.IndicatorsFor(kind).Zip(scheme.RulesFor(kind), (indicator, r) => (indicator.Measure, r.Method) switch
        {
            ("revenue-tier", ScoringMethod.Steps) when pack is { Mechanisms.RevenueTiers.Count: > 0 } => OwnTiers(r, pack),
            ("tier-level", ScoringMethod.Steps) when ladder is { Count: > 0 } =>
                r with { Steps = r.Steps.Where(s => s.AtLeast != decimal.Truncate(s.AtLeast) || s.AtLeast is < 0 or > 3 || ladder.Contains((Tier)(int)(s.AtLeast + 1))).ToList() },
            _ => r,
        }).ToList();
        return new SchemeSnapshot(scheme.Id, scheme.Name, scheme.Basis, scheme.Note, scheme.Source, rules, scheme.BandRules,
            Line(scheme.Commendation), Line(scheme.Supervision), scheme.RectificationDays,
            pack is null ? null : Cite(pack.Document),
            rule?.Consequences.Select(c => new ConsequenceText(c.Kind, PackVocabulary.ConsequenceKinds.GetValueOrDefault(c.Kind, c.Kind), c.Trigger, c.Text,
                (c.Source ?? rule.Source) is { } source ? pack!.Document.Quote(source) : null)).ToList() ?? [])
        {
            ScoreLineRankedLow = rule?.Consequences.Any(c => c.Kind == "supervision-notice" && c.Trigger is { } t
                && t.Contains("排名靠后", StringComparison.Ordinal) && !t.Contains('或')) == true,
        };
    }

    /// <summary>
    /// 营收规模层级 on the area's own tiers (阳泉: 10/20/50/100亿级), each worth what the scheme gives that size; the scheme's other
    /// steps (5亿级, 30亿级) are no tier of the area's and would be named to a town as the one it missed.
    /// </summary>
    private static IndicatorRule OwnTiers(IndicatorRule r, PolicyPack pack)
    {
        var tiers = pack.Mechanisms.RevenueTiers.OrderBy(t => t.ValueYi).ToList();
        var sources = tiers.Select(t => t.Source).OfType<string>().Distinct().Select(pack.Document.Quote).ToList();
        return r with
        {
            Steps = tiers.Select(t => new ScoreStep(t.ValueYi, Scoring.Points(r, t.ValueYi, null))).ToList(),
            Source = sources.Count > 0 ? string.Join("、", sources) : pack.Document.Number ?? Cite(pack.Document),
            StepsOf = pack.Document.Jurisdiction,
        };
    }

    /// <summary>
    /// Who is supervised, in words, for the page and the report alike: the line (<see cref="LineRule.Describe"/>), 阳泉's lower half
    /// (<see cref="ScoreLineRankedLow"/>), and 平台默认 where the scheme is the platform's: no text sets a share or a score line.
    /// </summary>
    public string DescribeSupervision()
    {
        var line = LineRule.Describe(Supervision, top: false);
        if (ScoreLineRankedLow && Supervision?.BelowTotal is { } below)
            line = line.Replace($"得分低于 {below:0.##} 分", $"排名后半段中得分低于 {below:0.##} 分", StringComparison.Ordinal);
        return line + (IsPlatformDefault && Supervision is not null ? "（平台默认，文件未规定比例和分数线）" : "");
    }

    /// <summary>
    /// The area's own clause for commending (top) or supervising, in its words with its clause, once:
    /// “对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办”（阳政办发〔2023〕24号 六（五））. Null where its document says nothing of it.
    /// </summary>
    public string? OwnClause(bool top) =>
        ConsequencesOf(top ? ["commendation", "reward"] : ["supervision-notice", "rectification"]).FirstOrDefault() is { Text: { } text } c
            ? $"“{text}”{(c.Source is { } source ? $"（{source}）" : "")}" : null;

    /// <summary>
    /// Who is commended, in words for the page and the report alike: the line (<see cref="LineRule.Describe"/>) and 平台默认 where the
    /// scheme is the platform's. A ranking of one has no front to be in: its subject is commended on its score alone (minPlaces,
    /// decision 0025), and “排名前 20% 的专业镇为：怀仁陶瓷专业镇” would say of the only town ranked that it is in a fifth of one.
    /// </summary>
    public string DescribeCommendation(int count)
    {
        var line = Commendation is { TopShare: { } share } r && count == 1 && r.Places(count, share) == 1
            ? (r.MinTotal is { } min ? $"得分不低于 {min:0.##} 分" : "参评") + $"（参评仅 1 个，不按排名前 {share * 100:0.##}% 比较）"
            : LineRule.Describe(Commendation, top: true);
        return line + (IsPlatformDefault && Commendation is not null ? "（平台默认，文件未规定比例和分数线）" : "");
    }

    /// <summary>
    /// How the list is drawn up, as the page states it under the clause: the line, how many places the share holds among those ranked
    /// (<see cref="LineRule.ShareCount"/>, left out for a ranking of one, which <see cref="DescribeCommendation"/> says), and for
    /// supervision the term. The scheme's own paraphrase of the clause (“评价排名靠后或建设进度较慢”) leads only where the area's
    /// document has no clause (<see cref="OwnClause"/>): beside 阳泉's “排名靠后、建设进度较慢” it stated a rule 阳泉 does not have.
    /// </summary>
    public string ListRule(bool top, int count)
    {
        var line = top ? Commendation : Supervision;
        var generic = OwnClause(top) is null && line?.Text is { } text ? $"{text}{(IsPlatformDefault ? "（平台默认）" : "")}——" : "";
        var share = top && count == 1 ? null : LineRule.ShareCount(line, top, count);
        return generic + (top ? DescribeCommendation(count) : DescribeSupervision()) + (share is null ? "" : $"（{share}）")
            + (top ? "" : $"；{RectificationTerm()}");
    }

    /// <summary>限期 30 日整改, marked 平台默认 where the scheme is the platform's (the texts say only “限期整改”).</summary>
    public string RectificationTerm() => $"限期 {RectificationDays} 日整改{(IsPlatformDefault ? "（平台默认）" : "")}";

    /// <summary>A document as an official text cites it: 《title》（number）; a title in book-title marks, never a number.</summary>
    public static string Cite(PolicyDocument document) =>
        document.Number is { } number ? $"《{document.Title}》（{number}）" : $"《{document.Title}》";

    /// <summary>拟表扬 for a rank within the top share (a tied group by its shared rank: <see cref="Scoring.InTopShare"/>) and a total at the line.</summary>
    public bool Commends(int rank, int count, decimal total) => Commendation is { } r
        && (r.TopShare is null || Scoring.InTopShare(rank, count, r.TopShare.Value, r.MinPlaces ?? 0)) && (r.MinTotal is null || total >= r.MinTotal);

    /// <summary>
    /// 督办 for the rank alone or for the score alone: the texts join the two with 或 (“对评价排名靠后或建设进度较慢的……发出督办通知书”,
    /// 新政办发〔2023〕33号 四（五）、永济行动计划 五（四）、朔政办发〔2023〕19号 五（五）), so a 合格 town in the bottom share is
    /// supervised, and one outside it only below the line. How the share is counted: <see cref="Scoring.InBottomShare"/>.
    /// </summary>
    /// <param name="tied">How many share the rank (itself included): a tied group reaching into the bottom share is in as a whole.</param>
    public bool Supervises(int rank, int count, decimal total, int tied = 1) => Supervision is { } r
        && ((r.BottomShare is { } share && count > 1 && Scoring.InBottomShare(rank, count, share, tied, r.MinPlaces ?? 0))
            || (r.BelowTotal is { } line && total < line && (!ScoreLineRankedLow || Scoring.InBottomShare(rank, count, LowerHalf, tied))));

    /// <summary>The lower half of a ranking, counted as any bottom share (<see cref="Scoring.InBottomShare"/>): 2 of 4, 1 of 3, none of 1.</summary>
    private const decimal LowerHalf = 0.5m;

    /// <summary>The pack's words for a kind of consequence (commendation, supervision-notice, public-criticism…).</summary>
    public IEnumerable<ConsequenceText> ConsequencesOf(params string[] kinds) => Consequences.Where(c => kinds.Contains(c.Kind));
}
