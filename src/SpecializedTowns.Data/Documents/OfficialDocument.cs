namespace SpecializedTowns.Data.Documents;

/// <summary>
/// An official document (公文) with the elements GB/T 9704-2012 lays out: 版头 (issuing authority and
/// document number), 主体 (title, main recipient, body, signature, date) and 版记 (copy-to and printing line).
/// Plain data: <see cref="OfficialDocumentWriter"/> owns every layout decision, so each document kind
/// (督办通知书, 认定决定, …) only decides its wording.
/// </summary>
public sealed record OfficialDocument
{
    /// <summary>发文机关标志, printed red at the top, e.g. "××县专业镇发展领导小组办公室".</summary>
    public required string IssuingAuthority { get; init; }

    /// <summary>发文字号, e.g. "垣专办督〔2025〕3号"; null for documents without one.</summary>
    public string? DocumentNumber { get; init; }

    public required string Title { get; init; }

    /// <summary>主送机关 without the closing colon; the writer adds "：".</summary>
    public string? MainRecipient { get; init; }

    public required IReadOnlyList<DocumentBlock> Body { get; init; }

    /// <summary>发文机关署名.</summary>
    public required string Signature { get; init; }

    /// <summary>成文日期.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>抄送机关; empty leaves the 抄送 line out of the 版记.</summary>
    public IReadOnlyList<string> CopyTo { get; init; } = [];

    /// <summary>印发机关, usually the office that prints the document.</summary>
    public required string PrintedBy { get; init; }

    /// <summary>印发日期.</summary>
    public required DateOnly PrintedOn { get; init; }

    /// <summary>
    /// GB/T 9704-2012 7.3.5.1 and 7.4.3: dates in Arabic numerals, the year in full, month and day without a
    /// leading zero ("2025年3月5日", never "2025年03月05日").
    /// </summary>
    public static string FormatDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}

/// <summary>
/// One block of the 正文. Headings carry no number: the writer numbers them (一、 二、 … and （一） （二） …
/// restarting under each level-1 heading), so a generated document can never skip or repeat a number.
/// </summary>
public abstract record DocumentBlock
{
    private DocumentBlock() { }

    /// <summary>An ordinary paragraph, first line indented two characters.</summary>
    public sealed record Paragraph(string Text) : DocumentBlock;

    /// <summary>第一层 "一、…" in 黑体.</summary>
    public sealed record Heading1(string Text) : DocumentBlock;

    /// <summary>
    /// 第二层 "（一）…" in 楷体. <paramref name="RunIn"/> continues the same paragraph in 仿宋, the usual way a
    /// numbered item is followed by its explanation.
    /// </summary>
    public sealed record Heading2(string Text, string? RunIn = null) : DocumentBlock;

    /// <summary>A simple grid: one header row and text cells.</summary>
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock
    {
        /// <summary>Relative column widths (e.g. [1, 3, 2]); equal columns when null.</summary>
        public IReadOnlyList<int>? Weights { get; init; }

        /// <summary>Columns holding running text, set flush left instead of centred (cells of figures and names stay centred).</summary>
        public IReadOnlyList<int> TextColumns { get; init; } = [];

        /// <summary>Smaller type (小四) for a table with many columns; the standard sets no size for tables.</summary>
        public bool Compact { get; init; }
    }

    /// <summary>A two-column sheet of facts (label, value), as a dossier's 基本情况: labels in 黑体 on a grey ground.</summary>
    public sealed record Facts(IReadOnlyList<KeyValuePair<string, string>> Items) : DocumentBlock;
}
