using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static SpecializedTowns.Data.Documents.OfficialDocumentWriter;

namespace SpecializedTowns.Data.Documents;

/// <summary>A dossier (档案): a title block, then numbered sections of text, sheets of facts and tables.</summary>
public sealed record Dossier
{
    /// <summary>The kind of dossier over the title, e.g. "一镇一档".</summary>
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Subtitle { get; init; }

    /// <summary>Small print under the title: when and from what the dossier was drawn up.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The running header of every page.</summary>
    public required string RunningHeader { get; init; }
    public required IReadOnlyList<DocumentBlock> Body { get; init; }
}

/// <summary>
/// Writes a <see cref="Dossier"/> as .docx: a plain report layout rather than a 公文 (no red 版头, no 版记), because a
/// dossier is a record kept and read, not a document sent. It keeps the 公文 fonts — 小标宋 title, 黑体 and 楷体 headings,
/// 仿宋 text — at 4号 so that tables of several columns fit on A4 portrait, and numbers pages "— 1 —" at the foot.
/// </summary>
public static class DossierWriter
{
    // A4 portrait, 25 mm margins left and right, 30 mm top and bottom: 160 mm of width for tables.
    public const int Margin = 1418;
    public const int MarginTopBottom = 1701;
    public const int Width = PageWidth - 2 * Margin;
    private const int Line = 440; // 22 pt lines for 4号 text

    public static void Write(Dossier dossier, Stream output)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = FangSong, HighAnsi = FangSong, EastAsia = FangSong, ComplexScript = FangSong },
                new FontSize { Val = Size4Hao.ToString() }, new FontSizeComplexScript { Val = Size4Hao.ToString() },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new AutoSpaceDE { Val = false }, new AutoSpaceDN { Val = false },
                new SpacingBetweenLines { Before = "0", After = "0", Line = Line.ToString(), LineRule = LineSpacingRuleValues.Exact }))));
        styles.Styles.Save();

        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(Paragraph(dossier.RunningHeader, SongTi, 18, JustificationValues.Right, color: "7F7F7F", bottomRule: true));
        header.Header.Save();
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            TextRun("— ", SongTi, Size4Hao), new SimpleField(TextRun("1", SongTi, Size4Hao)) { Instruction = " PAGE " }, TextRun(" —", SongTi, Size4Hao)));
        footer.Footer.Save();

        var body = new Body();
        body.Append(Paragraph(dossier.Kind, HeiTi, Size3Hao, JustificationValues.Center, before: 240, after: 240, color: "7F7F7F", spacing: 200));
        body.Append(Paragraph(dossier.Title, XiaoBiaoSong, Size2Hao, JustificationValues.Center, after: 200));
        body.Append(Paragraph(dossier.Subtitle, KaiTi, Size3Hao, JustificationValues.Center, after: 120));
        foreach (var note in dossier.Notes) body.Append(Paragraph(note, FangSong, SizeXiaoSi, JustificationValues.Center, color: "595959"));
        body.Append(Paragraph("", FangSong, Size4Hao, JustificationValues.Left, bottomRule: true));

        int level1 = 0, level2 = 0;
        for (var i = 0; i < dossier.Body.Count; i++)
        {
            var block = dossier.Body[i];
            // A line introducing a table stays on the table's page.
            var beforeTable = i + 1 < dossier.Body.Count && dossier.Body[i + 1] is DocumentBlock.Table or DocumentBlock.Facts;
            switch (block)
            {
                case DocumentBlock.Heading1 h:
                    level1++;
                    level2 = 0;
                    body.Append(Paragraph(ChineseNumber(level1) + "、" + h.Text, HeiTi, Size3Hao, JustificationValues.Left, before: 360, after: 120, keepNext: true));
                    break;
                case DocumentBlock.Heading2 h:
                    level2++;
                    var p = Paragraph("（" + ChineseNumber(level2) + "）" + h.Text, KaiTi, Size4Hao, JustificationValues.Left, before: 120, after: 60, keepNext: h.RunIn is null);
                    if (h.RunIn is not null) p.Append(TextRun(h.RunIn, FangSong, Size4Hao));
                    body.Append(p);
                    break;
                case DocumentBlock.Paragraph t:
                    body.Append(Paragraph(t.Text, FangSong, Size4Hao, JustificationValues.Both, firstLine: 2 * 280, after: 60, keepNext: beforeTable));
                    break;
                case DocumentBlock.Table t:
                    body.Append(BodyTable(t, Width, t.Compact ? Size5Hao : SizeXiaoSi));
                    body.Append(Paragraph("", FangSong, 12, JustificationValues.Left, after: 120));
                    break;
                case DocumentBlock.Facts f:
                    body.Append(FactsTable(f, Width, SizeXiaoSi));
                    body.Append(Paragraph("", FangSong, 12, JustificationValues.Left, after: 120));
                    break;
                default:
                    throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
            }
        }

        body.Append(new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
            new PageMargin { Top = MarginTopBottom, Bottom = MarginTopBottom, Left = (uint)Margin, Right = (uint)Margin, Header = 851U, Footer = 851U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Paragraph Paragraph(string text, string font, int halfPoints, JustificationValues justification,
        int before = 0, int after = 0, int firstLine = 0, string? color = null, bool bottomRule = false, bool keepNext = false, int spacing = 0)
    {
        var properties = new ParagraphProperties
        {
            KeepNext = keepNext ? new KeepNext() : null,
            ParagraphBorders = bottomRule ? new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6U, Space = 1U, Color = "7F7F7F" }) : null,
            SpacingBetweenLines = new SpacingBetweenLines { Before = before.ToString(), After = after.ToString(), Line = "240", LineRule = LineSpacingRuleValues.Auto },
            Indentation = firstLine > 0 ? new Indentation { FirstLine = firstLine.ToString() } : null,
            Justification = new Justification { Val = justification },
        };
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            var run = TextRun(text, font, halfPoints, color);
            if (spacing != 0) run.RunProperties!.Spacing = new Spacing { Val = spacing };
            paragraph.Append(run);
        }
        return paragraph;
    }
}
