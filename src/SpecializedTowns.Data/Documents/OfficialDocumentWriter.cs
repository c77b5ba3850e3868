using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SpecializedTowns.Data.Documents;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as .docx in the layout of GB/T 9704-2012 《党政机关公文格式》.
/// Clause numbers in the comments refer to that standard. Lengths are in twips (1/20 pt; 1 mm ≈ 56.7 twips)
/// and font sizes in half-points, as WordprocessingML stores them.
/// </summary>
/// <remarks>
/// Simplifications, on purpose: the character grid is approximated (see <see cref="CharacterSpacing3Hao"/>); the
/// 版记 floats at the bottom of the last page's type area (LibreOffice 7.4 ignores that and prints it right
/// after the date) but is not forced onto an even page; a 印章 is
/// not drawn (the office stamps the printed copy), only room is left for it.
/// </remarks>
public static class OfficialDocumentWriter
{
    // 5.2.1 and 5.2.2: A4 paper, 210 mm × 297 mm.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;

    // 5.2.1: 天头 37 mm ± 1 mm, 订口 28 mm ± 1 mm, 版心 156 mm × 225 mm; right and bottom follow from those.
    public const int MarginTop = 2098;     // 37 mm
    public const int MarginLeft = 1587;    // 28 mm
    public const int MarginRight = 1474;   // 210 − 28 − 156 = 26 mm
    public const int MarginBottom = 1984;  // 297 − 37 − 225 = 35 mm
    public const int TypeAreaWidth = PageWidth - MarginLeft - MarginRight; // 156 mm = 8845 twips

    // 5.2.3 and 6.1: 22 lines of 28 characters in the 版心. 225 mm / 22 ≈ 28.95 pt, written as an exact
    // line height so the count does not depend on the font's own leading (fallback fonts differ a lot).
    public const int LinePitch = 579;

    // 156 mm / 28 characters ≈ 15.79 pt a character, a little less than a 16 pt character. Word's character
    // grid (docGrid linesAndChars) would squeeze it, but LibreOffice then gives each character two cells and
    // prints 14 a line; narrowing 3号 runs by 0.25 pt (in twentieths of a point) gives 28 in every program.
    private const int CharacterSpacing3Hao = -5;

    // Font names, 6.2: 3号仿宋 for text, 黑体/楷体 for the first two heading levels, 小标宋 for the 版头 and
    // title. The _GB2312 names are what government machines have; the font table names the plain Windows
    // fonts as their alternatives, so a machine without them falls back to 仿宋/楷体 rather than to 宋体.
    public const string XiaoBiaoSong = "方正小标宋简体";
    public const string FangSong = "仿宋_GB2312";
    public const string HeiTi = "黑体";
    public const string KaiTi = "楷体_GB2312";
    public const string SongTi = "宋体";

    // Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小初 36 pt.
    public const int Size2Hao = 44;
    public const int Size3Hao = 32;
    public const int Size4Hao = 28;
    public const int SizeXiaoSi = 24;
    public const int Size5Hao = 21;
    private const int SizeXiaoChu = 72;

    private const int Char3Hao = 320;  // one 3号 character, for indents "空二字" and "右空四字"
    private const int Char4Hao = 280;  // one 4号 character, for the 版记 and page number "空一字"
    public const string Red = "FF0000";

    public static void Write(OfficialDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        AddStyles(main);
        AddFontTable(main);

        // 7.5: odd pages carry their number on the right, even pages on the left.
        var settings = main.AddNewPart<DocumentSettingsPart>();
        settings.Settings = new Settings(new EvenAndOddHeaders());
        var oddFooter = AddPageNumberFooter(main, JustificationValues.Right);
        var evenFooter = AddPageNumberFooter(main, JustificationValues.Left);

        var body = new Body();
        foreach (var element in Heading(document)) body.Append(element);
        foreach (var element in MainPart(document)) body.Append(element);
        body.Append(Colophon(document));
        // A floating table anchors to the paragraph after it; without one LibreOffice drops the 版记 altogether.
        // One twip high, so it never pushes a page of its own.
        body.Append(new Paragraph(new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Line = "20", LineRule = LineSpacingRuleValues.Exact },
        }));
        body.Append(Section(oddFooter, evenFooter));
        main.Document = new Document(body);
        main.Document.Save();
    }

    // 7.2 版头: 发文机关标志, two lines down the 发文字号, 4 mm under it the red separator.
    private static IEnumerable<OpenXmlElement> Heading(OfficialDocument document)
    {
        // 7.2.1: 小标宋, red, centred, the top 35 mm below the top of the 版心 (下行文); no larger than the 版心
        // is wide. Long names keep their height and are narrowed instead, as printed 版头 usually are.
        var authority = document.IssuingAuthority;
        var scale = Math.Clamp(TypeAreaWidth * 100 / (authority.Length * SizeXiaoChu * 10), 50, 100);
        var size = scale > 50 ? SizeXiaoChu : TypeAreaWidth * 2 / (authority.Length * 10);
        var authorityRun = TextRun(authority, XiaoBiaoSong, size, color: Red);
        authorityRun.RunProperties!.CharacterScale = new CharacterScale { Val = scale };
        yield return new Paragraph(
            new ParagraphProperties
            {
                SnapToGrid = new SnapToGrid { Val = false }, // a 36 pt line cannot sit on the 28.95 pt grid
                SpacingBetweenLines = new SpacingBetweenLines { Before = "1984", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Justification = new Justification { Val = JustificationValues.Center },
            },
            authorityRun);

        yield return BlankLine();
        yield return BlankLine();

        // 7.2.4 发文字号 and 7.2.5 the separator: a paragraph border is exactly 版心 wide, 4 mm ≈ 11 pt below.
        var numberParagraph = TextParagraph(document.DocumentNumber ?? "", FangSong, Size3Hao, JustificationValues.Center);
        numberParagraph.ParagraphProperties!.ParagraphBorders = new ParagraphBorders(
            new BottomBorder { Val = BorderValues.Single, Color = Red, Size = 12U, Space = 11U });
        yield return numberParagraph;
    }

    // 7.3 主体.
    private static IEnumerable<OpenXmlElement> MainPart(OfficialDocument document)
    {
        // 7.3.1 标题: 2号小标宋, centred, two lines below the red separator.
        yield return BlankLine();
        yield return BlankLine();
        // Off the grid: a 2号 line of a wide fallback font would otherwise take two grid lines, so a two-line title gaped.
        var title = TextParagraph(document.Title, XiaoBiaoSong, Size2Hao, JustificationValues.Center);
        title.ParagraphProperties!.SnapToGrid = new SnapToGrid { Val = false };
                yield return title;

        // 7.3.2 主送机关: one line below the title, flush left, ending with a full-width colon.
        yield return BlankLine();
        if (!string.IsNullOrWhiteSpace(document.MainRecipient))
            yield return TextParagraph(document.MainRecipient.TrimEnd('：', ':') + "：", FangSong, Size3Hao, JustificationValues.Left);

        // 7.3.3 正文: 3号仿宋, each paragraph indented two characters; levels 一、（一）1.（1）with 黑体 and 楷体
        // for the first two.
        int level1 = 0, level2 = 0;
        foreach (var block in document.Body)
        {
            switch (block)
            {
                case DocumentBlock.Paragraph p:
                    yield return Indented(TextRun(p.Text, FangSong, Size3Hao));
                    break;
                case DocumentBlock.Heading1 h:
                    level1++;
                    level2 = 0;
                    yield return KeepWithNext(Indented(TextRun(ChineseNumber(level1) + "、" + h.Text, HeiTi, Size3Hao)));
                    break;
                case DocumentBlock.Heading2 h:
                    level2++;
                    var heading = TextRun("（" + ChineseNumber(level2) + "）" + h.Text, KaiTi, Size3Hao);
                    yield return h.RunIn is null ? KeepWithNext(Indented(heading)) : Indented(heading, TextRun(h.RunIn, FangSong, Size3Hao));
                    break;
                case DocumentBlock.Table t:
                    yield return BodyTable(t, TypeAreaWidth);
                    break;
                case DocumentBlock.Facts f:
                    yield return FactsTable(f, TypeAreaWidth, Size4Hao);
                    break;
                default:
                    throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
            }
        }

        // 7.3.5.1 (a document to be sealed): the date "右空四字", the signature centred over the date. The two
        // blank lines leave room for the seal, whose top must come within a line of the text.
        yield return BlankLine();
        yield return BlankLine();
        var date = OfficialDocument.FormatDate(document.Date);
        var dateRight = 4 * Char3Hao;
        var signatureRight = Math.Max(0, dateRight + (TextWidth(date) - TextWidth(document.Signature)) / 2);
        yield return RightAligned(document.Signature, signatureRight);
        yield return RightAligned(date, dateRight);
    }

    // 7.4 版记: 抄送 and 印发 lines in 4号仿宋 between rules the width of the 版心; the first and last rules thick
    // (0.35 mm ≈ 1 pt), the one between thin (0.25 mm ≈ 0.75 pt). The last rule sits on the bottom of the 版心,
    // so the 版记 is a table floated to the bottom of the type area rather than following the text.
    private static Table Colophon(OfficialDocument document)
    {
        var rows = new List<TableRow>();
        if (document.CopyTo.Count > 0)
        {
            // 7.4.2: "抄送" with a full-width colon, 左右各空一字, a full stop after the last name.
            var copyTo = "抄送：" + string.Join("，", document.CopyTo) + "。";
            var paragraph = TextParagraph(copyTo, FangSong, Size4Hao, JustificationValues.Left, exactLine: false);
            // Continuation lines align with the first name after the colon (hanging indent of three characters).
            paragraph.ParagraphProperties!.Indentation = new Indentation { Left = (Char4Hao * 4).ToString(), Hanging = (Char4Hao * 3).ToString(), Right = Char4Hao.ToString() };
            rows.Add(ColophonRow(paragraph));
        }

        // 7.4.3: 印发机关 左空一字, 印发日期 右空一字 followed by "印发", on one line: a right tab stop does it.
        var printed = TextParagraph("", FangSong, Size4Hao, JustificationValues.Left, exactLine: false);
        printed.ParagraphProperties!.Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Position = TypeAreaWidth - Char4Hao });
        printed.ParagraphProperties.Indentation = new Indentation { Left = Char4Hao.ToString() };
        printed.Append(
            TextRun(document.PrintedBy, FangSong, Size4Hao),
            new Run(RunProperties(FangSong, Size4Hao), new TabChar()),
            TextRun(OfficialDocument.FormatDate(document.PrintedOn) + "印发", FangSong, Size4Hao));
        rows.Add(ColophonRow(printed));

        const uint thick = 8U, thin = 6U; // eighths of a point
        var table = new Table(
            new TableProperties
            {
                TablePositionProperties = new TablePositionProperties
                {
                    VerticalAnchor = VerticalAnchorValues.Margin,
                    TablePositionYAlignment = VerticalAlignmentValues.Bottom,
                    HorizontalAnchor = HorizontalAnchorValues.Margin,
                    TablePositionXAlignment = HorizontalAlignmentValues.Center,
                },
                TableWidth = new TableWidth { Width = TypeAreaWidth.ToString(), Type = TableWidthUnitValues.Dxa },
                TableBorders = new TableBorders
                {
                    TopBorder = new TopBorder { Val = BorderValues.Single, Size = thick, Color = "000000" },
                    LeftBorder = new LeftBorder { Val = BorderValues.Nil },
                    BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = thick, Color = "000000" },
                    RightBorder = new RightBorder { Val = BorderValues.Nil },
                    InsideHorizontalBorder = new InsideHorizontalBorder { Val = BorderValues.Single, Size = thin, Color = "000000" },
                    InsideVerticalBorder = new InsideVerticalBorder { Val = BorderValues.Nil },
                },
                TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
                TableCellMarginDefault = new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa }),
            },
            new TableGrid(new GridColumn { Width = TypeAreaWidth.ToString() }));
        table.Append(rows);
        return table;
    }

    private static TableRow ColophonRow(Paragraph paragraph) =>
        new(new TableCell(
            new TableCellProperties(new TableCellWidth { Width = TypeAreaWidth.ToString(), Type = TableWidthUnitValues.Dxa }),
            paragraph));

    // A table inside the 正文: thin borders, the full 版心 width, 4号仿宋 so a few columns fit (小四 when compact); header
    // in 黑体 and repeated on every page; a row never breaks across pages, so a printed table is never cut through a line.
    internal static Table BodyTable(DocumentBlock.Table t, int width, int? halfPoints = null)
    {
        var columns = Math.Max(1, t.Header.Count);
        var weights = t.Weights is { Count: > 0 } w && w.Count == columns && w.All(x => x > 0) ? w : Enumerable.Repeat(1, columns).ToList();
        var widths = weights.Select(x => width * x / weights.Sum()).ToList();
        var size = halfPoints ?? (t.Compact ? SizeXiaoSi : Size4Hao);
        var table = new Table(GridProperties(width), new TableGrid(widths.Select(x => new GridColumn { Width = x.ToString() })));

        table.Append(Row(t.Header, HeiTi, header: true));
        foreach (var row in t.Rows) table.Append(Row(row, FangSong, header: false));
        return table;

        TableRow Row(IReadOnlyList<string> cells, string font, bool header)
        {
            var properties = new TableRowProperties(new CantSplit());
            if (header) properties.Append(new TableHeader());
            var row = new TableRow(properties);
            row.Append(Enumerable.Range(0, columns).Select(i => Cell(i < cells.Count ? cells[i] : "", widths[i], font, size,
                !header && t.TextColumns.Contains(i) ? JustificationValues.Left : JustificationValues.Center, shaded: header)));
            return row;
        }
    }

    // 基本情况 as a sheet: label and value, the label column a quarter of the width.
    internal static Table FactsTable(DocumentBlock.Facts f, int width, int halfPoints)
    {
        var label = width / 4;
        var table = new Table(GridProperties(width), new TableGrid(new GridColumn { Width = label.ToString() }, new GridColumn { Width = (width - label).ToString() }));
        foreach (var (key, value) in f.Items)
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                Cell(key, label, HeiTi, halfPoints, JustificationValues.Center, shaded: true),
                Cell(value, width - label, FangSong, halfPoints, JustificationValues.Left, shaded: false)));
        return table;
    }

    private static TableProperties GridProperties(int width) => new()
    {
        TableWidth = new TableWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
        TableBorders = new TableBorders
        {
            TopBorder = Thin(new TopBorder()),
            LeftBorder = Thin(new LeftBorder()),
            BottomBorder = Thin(new BottomBorder()),
            RightBorder = Thin(new RightBorder()),
            InsideHorizontalBorder = Thin(new InsideHorizontalBorder()),
            InsideVerticalBorder = Thin(new InsideVerticalBorder()),
        },
        TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
        TableCellMarginDefault = new TableCellMarginDefault(
            new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
            new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa }),
    };

    // Cell text keeps its line breaks (a reporter's paragraphs) as separate paragraphs.
    private static TableCell Cell(string text, int width, string font, int halfPoints, JustificationValues justification, bool shaded)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (shaded) properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "F2F2F2" });
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var cell = new TableCell(properties);
        // Off the document grid: on it every line of small table text would take a whole 28.95 pt line.
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            var paragraph = TextParagraph(line, font, halfPoints, justification, exactLine: false);
            paragraph.ParagraphProperties!.SnapToGrid = new SnapToGrid { Val = false };
            paragraph.ParagraphProperties.SpacingBetweenLines = new SpacingBetweenLines { Before = "40", After = "40", Line = "264", LineRule = LineSpacingRuleValues.Auto };
            cell.Append(paragraph);
        }
        return cell;
    }

    private static T Thin<T>(T border) where T : BorderType
    {
        border.Val = BorderValues.Single;
        border.Size = 4U;
        border.Color = "000000";
        return border;
    }

    // 7.5 页码: 4号半角宋体 Arabic numerals between two 一字线 ("— 1 —"), the dashes 7 mm below the 版心; odd pages
    // 右空一字, even pages 左空一字. The footer distance puts the line's baseline about 7 mm + one line under the 版心.
    private static string AddPageNumberFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var paragraph = new Paragraph(
            new ParagraphProperties
            {
                SnapToGrid = new SnapToGrid { Val = false },
                SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Indentation = side == JustificationValues.Right
                    ? new Indentation { Right = Char4Hao.ToString() }
                    : new Indentation { Left = Char4Hao.ToString() },
                Justification = new Justification { Val = side },
            },
            TextRun("— ", SongTi, Size4Hao),
            new SimpleField(TextRun("1", SongTi, Size4Hao)) { Instruction = " PAGE " },
            TextRun(" —", SongTi, Size4Hao));
        part.Footer = new Footer(paragraph);
        part.Footer.Save();
        return main.GetIdOfPart(part);
    }

    private static SectionProperties Section(string oddFooterId, string evenFooterId) =>
        new(
            new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
            new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
            new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
            new PageMargin
            {
                Top = MarginTop,
                Bottom = MarginBottom,
                Left = (UInt32Value)(uint)MarginLeft,
                Right = (UInt32Value)(uint)MarginRight,
                Header = 851U,
                Footer = 1304U, // 23 mm: 35 mm bottom margin − 7 mm gap − one 4号 line
                Gutter = 0U,
            },
            // 5.2.3: 22 lines a page; the 28 characters come from CharacterSpacing3Hao.
            new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch });

    // Defaults every paragraph inherits: 3号仿宋, exact 28.95 pt lines, Chinese as the East Asian language.
    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(FangSong),
                    new FontSize { Val = Size3Hao.ToString() },
                    new FontSizeComplexScript { Val = Size3Hao.ToString() },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    // 5.2.3 fills the 版心 with 22 lines; widow control would leave the last one empty.
                    new WidowControl { Val = false },
                    // Printed 公文 set "〔2025〕3号" and "2025年3月5日" solid; Word and LibreOffice would otherwise add
                    // a gap between Chinese characters and digits.
                    new AutoSpaceDE { Val = false },
                    new AutoSpaceDN { Val = false },
                    new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle())
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        part.Styles.Save();
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            ChineseFont(FangSong, "仿宋"),
            ChineseFont(KaiTi, "楷体"),
            ChineseFont(XiaoBiaoSong, "宋体"),
            ChineseFont(HeiTi, null),
            ChineseFont(SongTi, null));
        part.Fonts.Save();

        // 0x86 is the GB2312 character set, which tells Word to substitute a Chinese font when one is missing.
        static Font ChineseFont(string name, string? alternative)
        {
            var font = new Font { Name = name };
            if (alternative is not null) font.Append(new AltName { Val = alternative });
            font.Append(new FontCharSet { Val = "86" }, new FontFamily { Val = FontFamilyValues.Modern }, new Pitch { Val = FontPitchValues.Fixed });
            return font;
        }
    }

    private static Paragraph BlankLine() => new(new ParagraphProperties(
        new SpacingBetweenLines { Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }));

    private static Paragraph Indented(params Run[] runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact },
            Indentation = new Indentation { FirstLine = (2 * Char3Hao).ToString(), FirstLineChars = 200 },
            Justification = new Justification { Val = JustificationValues.Both },
        });
        paragraph.Append(runs);
        return paragraph;
    }

    private static Paragraph KeepWithNext(Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.KeepNext = new KeepNext();
        return paragraph;
    }

    private static Paragraph RightAligned(string text, int rightIndent)
    {
        var paragraph = TextParagraph(text, FangSong, Size3Hao, JustificationValues.Right);
        paragraph.ParagraphProperties!.Indentation = new Indentation { Right = rightIndent.ToString() };
        return paragraph;
    }

    internal static Paragraph TextParagraph(string text, string font, int halfPoints, JustificationValues justification, bool exactLine = true) =>
        new(
            new ParagraphProperties
            {
                SpacingBetweenLines = exactLine
                    ? new SpacingBetweenLines { Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }
                    : new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Justification = new Justification { Val = justification },
            },
            TextRun(text, font, halfPoints));

    internal static Run TextRun(string text, string font, int halfPoints, string? color = null)
    {
        var properties = RunProperties(font, halfPoints);
        if (color is not null) properties.Color = new Color { Val = color };
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    // The same font in every slot: Latin digits and punctuation in a Chinese document take the Chinese font
    // (7.5 asks for 半角 digits in the same 宋体, and 发文字号 digits are 仿宋 like the rest of the line).
    // Typed setters rather than Append: WordprocessingML requires a fixed child order that Word enforces.
    private static RunProperties RunProperties(string font, int halfPoints) =>
        new()
        {
            RunFonts = Fonts(font),
            Spacing = halfPoints == Size3Hao ? new Spacing { Val = CharacterSpacing3Hao } : null,
            FontSize = new FontSize { Val = halfPoints.ToString() },
            FontSizeComplexScript = new FontSizeComplexScript { Val = halfPoints.ToString() },
        };

    private static RunFonts Fonts(string font) =>
        new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia };

    // Width in twips of a 3号 line of text: full-width characters take one em, ASCII (the date's digits) half.
    private static int TextWidth(string text) => text.Sum(c => c < 0x80 ? Char3Hao / 2 : Char3Hao);

    /// <summary>一, 二, … 十, 十一, … 九十九: the numbers used in 一、 and （一） headings.</summary>
    public static string ChineseNumber(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        const string digits = "零一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        var tens = n / 10 == 1 ? "" : digits[n / 10].ToString();
        return tens + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
    }
}
