using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Policies;

/// <summary>A sentence of a policy document and where it stands, e.g. 垣政办发〔2023〕19号 四（四）.</summary>
public sealed record Clause(string Text, string Source)
{
    public override string ToString() => $"{Text}（{Source}）";
}

/// <summary>
/// The clauses of a document a page quotes to say why it exists, in the document's own words. Which documents a reader is
/// shown them from is <see cref="PolicyBasis"/>'s rule (the reader's own, then the ones above it; another area's only
/// labelled as such): 垣曲 must not be shown 新绛's document as if it bound 垣曲.
/// </summary>
public static class Clauses
{
    /// <summary>The clause that has task forces report every month (新政办发〔2023〕33号 四（二）).</summary>
    public static IEnumerable<Clause> MonthlyReporting(PolicyPack pack) =>
        pack.Mechanisms.Reporting.Where(r => r.Frequency == "monthly" && !string.IsNullOrWhiteSpace(r.Text) && r.Source is not null)
            .Take(1).Select(r => new Clause(r.Text!.Trim(), r.Source!));

    /// <summary>The clause that runs the 签约、开工、投产 “三个一批” activity, in its own words (its <c>registers.batches</c>).</summary>
    public static IEnumerable<Clause> ThreeBatches(PolicyPack pack) => Register(pack, PackVocabulary.BatchesRegister);

    /// <summary>
    /// Where the document sets up its task forces (新政办发〔2023〕33号 四（二）、附件1; 永济 五（一）'s 培育专班): the
    /// task-force mechanism's own words.
    /// </summary>
    public static IEnumerable<Clause> TaskForces(PolicyPack pack) =>
        pack.Mechanisms.Others.Where(o => o.Key.StartsWith("task-force", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(o.Text) && o.Source is not null)
            .Take(1).Select(o => new Clause(o.Text!.Trim(), o.Source!));

    /// <summary>
    /// Where the document asks for a 问题台账: its own sentence on it (垣曲 and 新绛 write it into 常态化服务机制, the
    /// others give it an entry of its own).
    /// </summary>
    public static IEnumerable<Clause> ProblemLedger(PolicyPack pack) =>
        pack.Mechanisms.Others.Where(o => o.Text?.Contains(ProblemLedgerTerm, StringComparison.Ordinal) == true && o.Source is not null)
            .Take(1).Select(o => new Clause(o.Text!.Trim().TrimEnd('。'), o.Source!));

    /// <summary>The clauses a pack marks as the basis of one of the platform's registers (<c>registers</c>), with the text's words.</summary>
    public static IEnumerable<Clause> Register(PolicyPack pack, string register) =>
        pack.KeyTasks.Select(t => (t.Source, t.Registers)).Concat(pack.SupportPolicies.Select(p => (p.Source, p.Registers)))
            .Where(c => !string.IsNullOrWhiteSpace(c.Source) && c.Registers.TryGetValue(register, out var text) && !string.IsNullOrWhiteSpace(text))
            .Select(c => new Clause(c.Registers[register].Trim(), c.Source!.Trim()));

    /// <summary>
    /// Where the document has 督办 follow a poor annual evaluation: its rectification consequence (督办 and 限期整改), with
    /// the 通报批评 for missing the deadline where the document sets one (阳政办发〔2023〕24号 六（五）). A document that sends
    /// no notices but criticises those who fall behind (垣政办发〔2023〕19号 五（四） 通报批评和约谈) is cited by that clause:
    /// it is the consequence the county's own office works under.
    /// </summary>
    public static IEnumerable<Clause> Supervision(PolicyPack pack)
    {
        var consequences = (PolicyCatalog.AnnualEvaluation(pack)?.Consequences ?? []).Where(c => !string.IsNullOrWhiteSpace(c.Text) && c.Source is not null).ToList();
        var rectify = consequences.FirstOrDefault(c => c.Kind == "rectification") ?? consequences.FirstOrDefault(c => c.Kind == "supervision-notice");
        var criticism = consequences.FirstOrDefault(c => c.Kind == "public-criticism" && (rectify is null || c.Source == rectify.Source));
        if (rectify is null)
            return criticism is null ? [] : [new Clause(criticism.Text!.Trim().TrimEnd('。'), criticism.Source!)];
        return [new Clause(rectify.Text!.Trim().TrimEnd('。') + (criticism is null ? "" : "；" + criticism.Text!.Trim().TrimEnd('。')), rectify.Source!)];
    }

    /// <summary>
    /// Where a document has the evaluation's results weighed with something besides the ranking: the “结合…” words of its
    /// evaluation clause on the results (新政办发〔2023〕33号 四（五）“根据省市开展的专业镇年度评估结果，结合各单位工作职责”).
    /// A ranking that rests on a few indicators is used under these words; a document that has none gives nothing.
    /// </summary>
    public static IEnumerable<Clause> ResultsUse(PolicyPack pack) =>
        pack.Mechanisms.Evaluation
            .Select(e => (Text: e.Text ?? e.What, e.Source))
            .Where(e => e.Source is not null && e.Text?.Contains(ResultsTerm, StringComparison.Ordinal) == true)
            .Select(e => (Words: e.Text!.Split(['，', '。', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(x => x.StartsWith(WeighedWithTerm, StringComparison.Ordinal)), e.Source))
            .Where(e => e.Words is not null)
            .Take(1).Select(e => new Clause(e.Words!, e.Source!));

    private const string ResultsTerm = "评估结果";
    private const string WeighedWithTerm = "结合";

    /// <summary>
    /// What a document says of cultivating towns up the tiers and of 培育方案, for 储备培育: its clauses that name
    /// 梯次培育, 培育方案 or 谋划和培育 (垣曲 二（一）、五（三）; 朔州 三（一）; 永济 五（三）), and the rolling, tiered
    /// recognition its standard writes into the text (垣曲 三). Whose documents a reader is shown is <see cref="PolicyBasis"/>'s rule.
    /// </summary>
    public static Func<PolicyPack, IEnumerable<Clause>> ReserveCultivation(PolicyCatalog catalog) => pack => CultivationClauses(catalog, pack);

    private static readonly string[] CultivationTerms = ["梯次培育", "培育方案", "谋划和培育"];

    private static List<Clause> CultivationClauses(PolicyCatalog catalog, PolicyPack pack)
    {
        string? Term(string? text) => text is null ? null : CultivationTerms.FirstOrDefault(t => text.Contains(t, StringComparison.Ordinal));
        var clauses = new List<Clause>();
        var others = new List<Clause>();
        foreach (var (title, text, source, isNote) in pack.Notes.Select(n => (n.Title, n.Text, n.Source, true))
                     .Concat(pack.Mechanisms.Others.Select(o => (o.Title, o.Text, o.Source, false))))
        {
            if (source is null || string.IsNullOrWhiteSpace(text) || (Term(title) ?? Term(text)) is null) continue;
            // A long clause is quoted by its sentence on cultivation (垣曲 二（一）'s 发展思路 names three towns besides).
            var quoted = Term(text) is { } term && text.Length > 60 ? Sentence(text, term) : text.Trim().TrimEnd('。');
            (isNote ? clauses : others).Add(new Clause(quoted, source));
        }
        // The standard the document applies, where the document itself writes its cycle (垣曲 三 quotes 运城's standard).
        foreach (var id in PolicyCatalog.StandardIdsOf(pack))
            if (catalog.FindStandard(id) is { Cycle: { } cycle, Source: { } source } && pack.Document.Number is { } number
                && source.StartsWith(number, StringComparison.Ordinal) && Term(cycle) is not null && clauses.All(c => c.Text != cycle))
                clauses.Add(new Clause(cycle.Trim(), source));
        // In the document's order as far as the pack keeps it: its notes (opening sections), the standard (三), then its mechanisms (五).
        return clauses.Concat(others).DistinctBy(c => c.Text).ToList();
    }

    private const string ProblemLedgerTerm = "问题台账";

    /// <summary>The part of a summary, between its commas and stops, that holds the term.</summary>
    private static string Sentence(string text, string term) =>
        text.Split(['，', '。', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(s => s.Contains(term, StringComparison.Ordinal)) ?? text;
}
