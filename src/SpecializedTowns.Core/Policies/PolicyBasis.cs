namespace SpecializedTowns.Core.Policies;

/// <summary>A clause quoted as a basis, with the area whose document it is: 垣政办发〔2023〕19号 四（七）“大力发展会展经济……”.</summary>
public sealed record BasisQuote(string Source, string Text, string Area)
{
    public override string ToString() => $"{Source}“{Text}”";
}

/// <summary>
/// What a page or a register cites as the reader's basis (问题台账, 三个一批, 专班名录, 月报, 资金奖补, 展会活动, 上市后备 …), the one
/// rule for all of them: the document governing the reader's own jurisdiction (the account's home, never the area the top bar
/// is narrowed to), and where it says nothing the nearest one above it — a county under 运城 reads its own county's, then the
/// city's, then the province's. Another area's clause is never shown as the reader's basis: when the own documents are silent
/// a city or the province sees its counties' documents as theirs (下辖地区文件), anyone else other areas' clauses labelled as
/// reference only.
/// </summary>
public sealed record PolicyBasis(IReadOnlyList<BasisQuote> Own, IReadOnlyList<BasisQuote> Below, IReadOnlyList<BasisQuote> Elsewhere, string? QuotedOnly, string HomePath = "")
{
    public const string OwnLabel = "政策依据";
    public const string NotProvided = "本地文件未作规定";
    public const string BelowLabel = "下辖地区文件";
    public const string ElsewhereLabel = "其他地区做法（仅供参考）";

    /// <summary>
    /// What to say when the own documents are silent. 运城 and the province are known on the platform only through what other
    /// texts quote of them (status quoted): that is not the same as their saying nothing.
    /// </summary>
    public string Silence => QuotedOnly is null ? NotProvided : $"本地文件 {QuotedOnly} 平台仅收录其被其他文件引用的内容，未见相关规定";

    /// <summary>What is shown besides the silence: the counties' documents below a city or the province, else the other areas'.</summary>
    public (string Label, IReadOnlyList<BasisQuote> Quotes)? Reference =>
        Own.Count > 0 ? null : Below.Count > 0 ? (BelowLabel, Below) : Elsewhere.Count > 0 ? (ElsewhereLabel, Elsewhere) : null;

    /// <summary>The areas below the home whose documents are quoted, in the catalog's order.</summary>
    public IReadOnlyList<string> BelowAreas => Below.Select(q => q.Area).Distinct().ToList();

    /// <summary>
    /// The counties' documents in one short line (下辖 3 个县（市、区）的文件有相关规定：垣曲县、新绛县、永济市): a city or the
    /// province has a clause from each of its counties, and all of them quoted in full is more than a header line can carry.
    /// The quotes themselves stay one click away.
    /// </summary>
    public string BelowSummary =>
        $"下辖 {BelowAreas.Count} 个{(HomePath.Contains('/') ? "县（市、区）" : "市、县（市、区）")}的文件有相关规定：{string.Join("、", BelowAreas)}";

    /// <summary>
    /// Whether the reference is folded to the names of its areas: always for the counties below, and for other areas'
    /// practice once it comes from more areas than a header line can quote (储备培育 for 新绛 cited four documents in full).
    /// </summary>
    public bool Folded => Reference is { } r && (r.Label == BelowLabel || r.Quotes.Select(q => q.Area).Distinct().Count() > MaxQuotedAreas);

    /// <summary>The folded reference's line: <see cref="BelowSummary"/>, or 朔州市、阳泉市、永济市、垣曲县的文件有相关规定.</summary>
    public string? FoldedSummary => !Folded ? null : Reference!.Value.Label == BelowLabel ? BelowSummary
        : $"{string.Join("、", Reference.Value.Quotes.Select(q => q.Area).Distinct())}的文件有相关规定";

    private const int MaxQuotedAreas = 2;

    /// <summary>The whole citation as one line of text (政策依据：… / 政策依据：本地文件未作规定。其他地区做法（仅供参考）：…).</summary>
    public string Text(string lead = OwnLabel) =>
        Own.Count > 0 ? $"{lead}：{Join(Own)}"
        : $"{lead}：{Silence}。" + (Reference is { } r ? $"{r.Label}：{Join(r.Quotes)}" : "");

    public static string Join(IEnumerable<BasisQuote> quotes) => string.Join("；", quotes.Select(q => q.ToString()));

    /// <summary>
    /// The basis at <paramref name="homePath"/> from the clauses <paramref name="clausesOf"/> finds in each document. Own: the
    /// clauses of the nearest document at or above the home that has any. Below: of the documents under the home. Elsewhere: of
    /// the rest, in the catalog's order.
    /// </summary>
    public static PolicyBasis For(PolicyCatalog catalog, string homePath, Func<PolicyPack, IEnumerable<Clause>> clausesOf)
    {
        List<BasisQuote> Quotes(PolicyPack pack) => clausesOf(pack)
            .Where(c => !string.IsNullOrWhiteSpace(c.Text) && !string.IsNullOrWhiteSpace(c.Source))
            // A quoted sentence's own full stop would sit inside the quotation marks before the next clause's semicolon.
            .Select(c => new BasisQuote(c.Source.Trim(), c.Text.Trim().TrimEnd('。'), pack.Document.Jurisdiction))
            .Distinct().ToList();

        var own = new List<BasisQuote>();
        for (var p = homePath; p.Length > 0 && own.Count == 0; p = p.Contains('/') ? p[..p.LastIndexOf('/')] : "")
            own = catalog.Packs.Where(x => AreaOf(x) == p).SelectMany(Quotes).Distinct().ToList();

        var below = new List<BasisQuote>();
        var elsewhere = new List<BasisQuote>();
        foreach (var pack in catalog.Packs)
        {
            var area = AreaOf(pack);
            // The home's own documents and those above it have had their say, or said nothing: never someone else's practice.
            if (area.Length == 0 || area == homePath || homePath.StartsWith(area + "/", StringComparison.Ordinal)) continue;
            (homePath.Length == 0 || area.StartsWith(homePath + "/", StringComparison.Ordinal) ? below : elsewhere).AddRange(Quotes(pack));
        }
        var governing = own.Count > 0 ? null : catalog.PackGoverning(homePath);
        var quotedOnly = governing is { Document.Status: "quoted" } ? governing.Document.Number : null;
        return new PolicyBasis(own, below, elsewhere, quotedOnly, homePath);
    }

    private static string AreaOf(PolicyPack pack) => string.Join("/", pack.Document.JurisdictionPath);
}
