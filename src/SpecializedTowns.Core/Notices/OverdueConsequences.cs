using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Notices;

/// <summary>One action the platform proposes after a missed deadline, with the words and clause it rests on.</summary>
/// <param name="PlatformDefault">The governing document says nothing of it: the platform offers it for the office to choose.</param>
public sealed record ProposedAction(NoticeActionKind Kind, string Text, string? Source, bool PlatformDefault);

/// <summary>
/// What the governing policy pack says follows a missed rectification deadline. <see cref="DocumentSentence"/> is what the
/// notice itself prints after "逾期未完成整改的，" — null when the pack is silent, because the notice adds no policy of its own.
/// </summary>
public sealed record ConsequenceProposal(
    string? PackId, string? Document, IReadOnlyList<ProposedAction> Actions, string Explanation, string? DocumentSentence, bool Silent);

/// <summary>
/// Reads the proposal from the pack's <c>mechanisms.evaluation[].consequences</c>: the 通报批评 (public-criticism) and 约谈
/// (interview) entries. Those whose trigger speaks of 整改 (阳政办发〔2023〕24号 六（五）: 未按时完成整改任务的，给予通报批评)
/// apply as they stand; failing those, the general ones (垣政办发〔2023〕19号 五（四）: 推进不到位……的进行通报批评和约谈) apply,
/// and the explanation says that the document does not name overdue rectification itself. When the pack has neither, both
/// actions are offered as 平台默认 and the office chooses.
/// </summary>
public static class OverdueConsequences
{
    private static readonly NoticeActionKind[] Kinds = [NoticeActionKind.PublicCriticism, NoticeActionKind.Interview];

    public static ConsequenceProposal For(PolicyPack? pack)
    {
        var document = pack is null ? null : DocumentName(pack);
        var all = pack?.Mechanisms.Evaluation.SelectMany(e => e.Consequences)
            .Where(c => Kinds.Any(k => NoticeNames.PackKind(k) == c.Kind)).ToList() ?? [];
        var specific = all.Where(c => Mentions(c, "整改")).ToList();
        var chosen = specific.Count > 0 ? specific : all;

        if (chosen.Count == 0)
        {
            var why = pack is null
                ? "未找到适用于整改对象所在地区的政策文件"
                : $"{document}未规定逾期未完成整改的处理";
            return new ConsequenceProposal(pack?.Id, document,
                Kinds.Select(k => new ProposedAction(k, $"{NoticeNames.Chinese(k)}（平台默认，由办公室决定是否采用）", null, PlatformDefault: true)).ToList(),
                $"{why}。平台列出通报批评、约谈两种常用方式，是否采用、采用哪一种由领导小组办公室决定（平台默认）。", null, Silent: true);
        }

        var actions = Kinds.Select(k => chosen.FirstOrDefault(c => c.Kind == NoticeNames.PackKind(k)) is { } c
                ? new ProposedAction(k, c.Text ?? NoticeNames.Chinese(k), c.Source, PlatformDefault: false)
                : null)
            .OfType<ProposedAction>().ToList();
        var quoted = string.Join("；", chosen.Select(c => c.Text).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().Select(t => $"“{t}”"));
        var sources = string.Join("、", chosen.Select(c => c.Source).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct());
        var explanation = specific.Count > 0
            ? $"依据 {sources}：{quoted}。"
            : $"{document}未专门规定逾期未完成整改的处理；{sources} 规定{quoted}，逾期未整改按“推进不到位”对待，平台据此提出，由领导小组办公室决定。";
        var phrase = Phrase(chosen[0], chosen.Select(c => c.Kind).Distinct().ToList());
        var sentence = $"将依照{pack!.Document.Number ?? "《" + pack.Document.Title + "》"}{phrase}";
        return new ConsequenceProposal(pack.Id, document, actions, explanation, sentence, Silent: false);
    }

    /// <summary>The deepest pack whose jurisdiction holds the place: a county's own document before its city's, the city's before the province's.</summary>
    public static PolicyPack? GoverningPack(IEnumerable<PolicyPack> packs, string placePath) =>
        packs.Select(p => (Pack: p, Area: string.Join("/", p.Document.JurisdictionPath)))
            .Where(x => x.Area.Length > 0 && (placePath == x.Area || placePath.StartsWith(x.Area + "/", StringComparison.Ordinal)))
            .OrderByDescending(x => x.Area.Length).ThenBy(x => x.Pack.Id, StringComparer.Ordinal)
            .Select(x => x.Pack).FirstOrDefault();

    private static string DocumentName(PolicyPack pack) =>
        $"《{pack.Document.Title}》" + (pack.Document.Number is { } n ? $"（{n}）" : "");

    private static bool Mentions(Consequence c, string word) =>
        (c.Trigger?.Contains(word, StringComparison.Ordinal) ?? false) || (c.Text?.Contains(word, StringComparison.Ordinal) ?? false);

    /// <summary>
    /// The action in the pack's own words, without its trigger: "未按时完成整改任务的，给予通报批评" → "给予通报批评",
    /// "对……不积极的进行通报批评和约谈" → "进行通报批评和约谈". Falls back to naming the actions.
    /// </summary>
    private static string Phrase(Consequence c, IReadOnlyList<string> kinds)
    {
        var text = c.Text?.Trim().TrimEnd('。', '；', ';') ?? "";
        if (c.Trigger is { Length: > 0 } trigger && text.IndexOf(trigger, StringComparison.Ordinal) is var at and >= 0)
        {
            var rest = text[(at + trigger.Length)..].TrimStart('的', '，', ',', ' ');
            if (rest.Length > 0) return rest;
        }
        foreach (var verb in new[] { "给予", "予以", "进行" })
            if (text.IndexOf(verb, StringComparison.Ordinal) is var v and >= 0) return text[v..];
        return "予以" + string.Join("和", Kinds.Where(k => kinds.Contains(NoticeNames.PackKind(k)!)).Select(NoticeNames.Chinese));
    }
}
