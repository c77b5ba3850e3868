using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SpecializedTowns.Data.Documents;

/// <summary>What a 认定证书 shows: every line comes from the recognition it certifies.</summary>
public sealed record CertificateInput
{
    /// <summary>证书编号, derived from the recognition record so that the same recognition always prints the same number.</summary>
    public required string Number { get; init; }
    public required RecognizedTown Town { get; init; }

    /// <summary>Where the standard applies, e.g. "运城市".</summary>
    public required string Area { get; init; }

    /// <summary>"县级", "市级" or "省级".</summary>
    public required string TierName { get; init; }
    public required string IssuingAuthority { get; init; }

    /// <summary>How the town came to the tier, completing "{Basis}，你镇…被认定为…", e.g. "经申报、评审和公示".</summary>
    public required string Basis { get; init; }

    /// <summary>The decision's 文号, printed under the text; left out when the recognition has none.</summary>
    public string? DocumentNumber { get; init; }
    public required DateOnly Date { get; init; }
}

/// <summary>
/// A one-page landscape A4 certificate, to be printed on plain or pre-bordered paper and stamped. Not a 公文, so GB/T 9704
/// does not apply; it borrows the 公文 fonts (小标宋 title, 仿宋 text) so the pair looks like one office's work.
/// </summary>
public static class RecognitionCertificate
{
    // Landscape A4 with 18 mm margins all round; the page border sits inside them.
    public const int PageWidth = OfficialDocumentWriter.PageHeight;
    public const int PageHeight = OfficialDocumentWriter.PageWidth;
    public const int Margin = 1020;
    private const string DarkRed = "B22222";
    private const string Gold = "B8860B";

    public static string FileName(CertificateInput input) => $"认定证书-{input.Town.Name}.docx";

    public static void Write(CertificateInput input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new AutoSpaceDE { Val = false }, new AutoSpaceDN { Val = false },
                new SpacingBetweenLines { Before = "0", After = "0" }))));
        styles.Styles.Save();

        var t = input.Town;
        var date = OfficialDocument.FormatDate(input.Date);
        var body = new Body(
            Line($"证书编号：{input.Number}", OfficialDocumentWriter.FangSong, 24, JustificationValues.Right, after: 300),
            Line("专 业 镇 认 定 证 书", OfficialDocumentWriter.XiaoBiaoSong, 80, JustificationValues.Center, after: 400, color: DarkRed, spacing: 60),
            Line($"{t.Name}：", OfficialDocumentWriter.FangSong, 36, JustificationValues.Left, after: 240, indent: 1600),
            Text($"{input.Basis}，你镇（{t.Place}）被认定为{input.Area}{input.TierName}专业镇。"),
            Text($"主导产业：{t.LeadingIndustry}" + (string.IsNullOrWhiteSpace(t.LeadingProducts) ? "" : $"；主导产品：{t.LeadingProducts}")),
            Text("特发此证。"),
            Line(input.IssuingAuthority, OfficialDocumentWriter.FangSong, 36, JustificationValues.Right, before: 600, after: 120, right: SignatureRight),
            // The date centred under the issuing authority, where the seal will cover both.
            Line(date, OfficialDocumentWriter.FangSong, 36, JustificationValues.Right, right: SignatureRight + Math.Max(0, (Width(input.IssuingAuthority) - Width(date)) / 2)));
        if (!string.IsNullOrWhiteSpace(input.DocumentNumber))
            body.Append(Line($"认定文号：{input.DocumentNumber}", OfficialDocumentWriter.FangSong, 24, JustificationValues.Left, before: 300, indent: 1600, color: "595959"));
        body.Append(new SectionProperties(
            new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight, Orient = PageOrientationValues.Landscape },
            new PageMargin { Top = Margin, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 0U, Footer = 0U, Gutter = 0U },
            // A double gold rule round the page, 10 mm in from the paper's edge.
            new PageBorders(
                Border(new TopBorder()), Border(new LeftBorder()), Border(new BottomBorder()), Border(new RightBorder()))
            { OffsetFrom = PageBorderOffsetValues.Page }));
        main.Document = new Document(body);
        main.Document.Save();

        // The statement of the certificate: 小二 仿宋, indented under the addressee, wide lines.
        static Paragraph Text(string text) => Line(text, OfficialDocumentWriter.FangSong, 36, JustificationValues.Both, after: 120, indent: 1600, firstLine: 720, right: 1600, line: 560);
    }

    private const int SignatureRight = 1600;

    // Width in twips of 小二 (18 pt) text: full-width characters one em, ASCII digits half.
    private static int Width(string text) => text.Sum(c => c < 0x80 ? 180 : 360);

    private static T Border<T>(T border) where T : BorderType
    {
        border.Val = BorderValues.ThinThickMediumGap;
        border.Size = 24U;
        border.Space = 28U;
        border.Color = Gold;
        return border;
    }

    private static Paragraph Line(string text, string font, int halfPoints, JustificationValues justification,
        int before = 0, int after = 0, int indent = 0, int right = 0, int firstLine = 0, int? line = null, string? color = null, int spacing = 0)
    {
        var run = OfficialDocumentWriter.TextRun(text, font, halfPoints, color);
        if (spacing != 0) run.RunProperties!.Spacing = new Spacing { Val = spacing };
        var indentation = new Indentation { Left = indent.ToString(), Right = right.ToString() };
        // Only set when wanted: a null string would be written as an empty (invalid) attribute.
        if (firstLine != 0) indentation.FirstLine = firstLine.ToString();
        return new Paragraph(
            new ParagraphProperties
            {
                SpacingBetweenLines = line is { } l
                    ? new SpacingBetweenLines { Before = before.ToString(), After = after.ToString(), Line = l.ToString(), LineRule = LineSpacingRuleValues.Exact }
                    : new SpacingBetweenLines { Before = before.ToString(), After = after.ToString(), Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Indentation = indentation,
                Justification = new Justification { Val = justification },
            },
            run);
    }
}
