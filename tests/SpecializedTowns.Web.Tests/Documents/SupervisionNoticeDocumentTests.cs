using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>
/// The GB/T 9704-2012 layout read back from the generated file, as a reviewer opening it in Word would check it.
/// </summary>
public class SupervisionNoticeDocumentTests
{
    public static SupervisionNoticeInput SampleInput() => new()
    {
        IssuingOffice = "垣曲县专业镇发展领导小组办公室",
        DocumentNumber = "垣专办督〔2025〕3号",
        Recipient = "皋落乡人民政府",
        Subject = "皋落铸造专业镇建设工作",
        Basis = "2024年度专业镇发展评估结果",
        Findings =
        [
            new("重点项目开工率为40%，低于年度目标", "2024年度评估·项目开工率"),
            new("9月、10月专班月报未按时报送", "月报记录"),
            new("问题台账中3个共性问题逾期未解决。", "问题台账"),
        ],
        Deadline = new DateOnly(2025, 3, 5),
        OverdueConsequence = "将予以通报批评",
        Contact = new("王丽", "0359-6021234"),
        CopyTo = ["县专业镇发展领导小组各成员单位", "县人民政府办公室"],
        IssuedOn = new DateOnly(2025, 1, 20),
    };

    private static WordprocessingDocument Reopen(OfficialDocument document)
    {
        var stream = new MemoryStream();
        OfficialDocumentWriter.Write(document, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    private static List<Paragraph> BodyParagraphs(WordprocessingDocument docx) =>
        docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();

    private static Paragraph WithText(WordprocessingDocument docx, string text) =>
        BodyParagraphs(docx).Single(p => p.InnerText == text);

    private static Paragraph StartingWith(WordprocessingDocument docx, string text) =>
        BodyParagraphs(docx).First(p => p.InnerText.StartsWith(text, StringComparison.Ordinal));

    private static RunProperties FirstRun(Paragraph p) => p.Descendants<Run>().First().RunProperties!;

    private static void ShouldUseFont(RunProperties run, string font)
    {
        run.RunFonts!.EastAsia!.Value.ShouldBe(font);
        run.RunFonts.Ascii!.Value.ShouldBe(font);
        run.RunFonts.HighAnsi!.Value.ShouldBe(font);
    }

    // 1 mm = 1440 / 25.4 twips.
    private static void ShouldBeMillimetres(int twips, double mm, double tolerance) =>
        (twips * 25.4 / 1440).ShouldBe(mm, tolerance);

    // Word refuses a file whose elements are out of schema order, where LibreOffice quietly repairs it.
    [Fact]
    public void The_file_is_valid_wordprocessingml()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var errors = new OpenXmlValidator(FileFormatVersions.Office2010).Validate(docx)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Page_is_A4_with_the_margins_of_the_standard()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var section = docx.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        ShouldBeMillimetres((int)size.Width!.Value, 210, 0.5);
        ShouldBeMillimetres((int)size.Height!.Value, 297, 0.5);

        var margin = section.GetFirstChild<PageMargin>()!;
        ShouldBeMillimetres(margin.Top!.Value, 37, 1);            // 天头 37 ± 1
        ShouldBeMillimetres((int)margin.Left!.Value, 28, 1);      // 订口 28 ± 1
        ShouldBeMillimetres((int)(size.Width.Value - margin.Left.Value - margin.Right!.Value), 156, 1);   // 版心宽
        ShouldBeMillimetres((int)size.Height.Value - margin.Top.Value - margin.Bottom!.Value, 225, 1);   // 版心高

        var grid = section.GetFirstChild<DocGrid>()!;
        grid.LinePitch!.Value.ShouldBe(579);  // 22 lines: 225 mm / 22 ≈ 28.95 pt
    }

    [Fact]
    public void Issuing_authority_is_red_xiaobiaosong_centred_and_the_number_sits_on_a_red_rule()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var body = BodyParagraphs(docx);
        var authority = body[0];
        authority.InnerText.ShouldBe("垣曲县专业镇发展领导小组办公室");
        authority.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        var run = FirstRun(authority);
        run.Color!.Val!.Value.ShouldBe("FF0000");
        ShouldUseFont(run, "方正小标宋简体");

        var number = WithText(docx, "垣专办督〔2025〕3号");
        number.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        ShouldUseFont(FirstRun(number), "仿宋_GB2312");
        FirstRun(number).FontSize!.Val!.Value.ShouldBe("32");
        var rule = number.ParagraphProperties.ParagraphBorders!.BottomBorder!;
        rule.Color!.Value.ShouldBe("FF0000");
        rule.Val!.Value.ShouldBe(BorderValues.Single);
    }

    [Fact]
    public void Title_is_2hao_xiaobiaosong_centred_and_the_recipient_ends_with_a_full_width_colon()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var title = WithText(docx, "关于皋落铸造专业镇建设工作的督办通知书");
        title.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        FirstRun(title).FontSize!.Val!.Value.ShouldBe("44");
        ShouldUseFont(FirstRun(title), "方正小标宋简体");

        var recipient = WithText(docx, "皋落乡人民政府：");
        recipient.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Left);
        recipient.ParagraphProperties.Indentation.ShouldBeNull(); // 顶格
    }

    [Fact]
    public void Body_is_3hao_fangsong_indented_two_characters_on_exact_lines_with_heiti_and_kaiti_headings()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var opening = StartingWith(docx, "根据2024年度专业镇发展评估结果");
        FirstRun(opening).FontSize!.Val!.Value.ShouldBe("32");
        ShouldUseFont(FirstRun(opening), "仿宋_GB2312");
        opening.ParagraphProperties!.Indentation!.FirstLineChars!.Value.ShouldBe(200);
        opening.ParagraphProperties.Indentation.FirstLine!.Value.ShouldBe("640");
        var spacing = opening.ParagraphProperties.SpacingBetweenLines!;
        spacing.LineRule!.Value.ShouldBe(LineSpacingRuleValues.Exact);
        spacing.Line!.Value.ShouldBe("579");

        var level1 = WithText(docx, "一、存在的主要问题");
        ShouldUseFont(FirstRun(level1), "黑体");
        FirstRun(level1).FontSize!.Val!.Value.ShouldBe("32");
        WithText(docx, "二、整改要求").ShouldNotBeNull();

        var level2 = StartingWith(docx, "（一）重点项目开工率为40%");
        ShouldUseFont(FirstRun(level2), "楷体_GB2312");
        ShouldUseFont(level2.Descendants<Run>().Last().RunProperties!, "仿宋_GB2312"); // the source continues in 仿宋
    }

    [Fact]
    public void Signature_is_centred_over_the_date_written_in_arabic_numerals_four_characters_from_the_right()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var body = BodyParagraphs(docx);
        var date = WithText(docx, "2025年1月20日");
        date.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Right);
        date.ParagraphProperties.Indentation!.Right!.Value.ShouldBe("1280"); // 右空四字 of 3号

        var signature = body[body.IndexOf(date) - 1];
        signature.InnerText.ShouldBe("垣曲县专业镇发展领导小组办公室");
        signature.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Right);
        // The signature (15 characters) is longer than the date (7 half-width digits + 年月日 = 6.5 characters wide), so
        // centring it over the date would push it past the right margin: it stops at the margin.
        int.Parse(signature.ParagraphProperties.Indentation!.Right!.Value!).ShouldBe(0);
    }

    [Fact]
    public void A_short_signature_is_centred_over_a_longer_date()
    {
        var document = SupervisionNotice.Build(SampleInput() with { IssuingOffice = "县专业镇办" });
        using var docx = Reopen(document);
        var body = BodyParagraphs(docx);
        var date = WithText(docx, "2025年1月20日");
        var signature = body[body.IndexOf(date) - 1];
        // date 6.5 characters wide (digits are half-width), signature 5: (6.5 − 5) / 2 = 0.75 character more inside.
        int.Parse(signature.ParagraphProperties!.Indentation!.Right!.Value!).ShouldBe(1280 + 240);
    }

    [Fact]
    public void Colophon_closes_the_document_with_copy_to_and_printing_lines_in_4hao_between_rules()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var body = docx.MainDocumentPart!.Document.Body!;
        var colophon = body.Elements<Table>().Last();
        // Nothing follows the 版记 but the empty paragraph a floating table anchors to.
        var anchor = colophon.NextSibling().ShouldBeOfType<Paragraph>();
        anchor.InnerText.ShouldBeEmpty();
        anchor.NextSibling().ShouldBeOfType<SectionProperties>();

        var rows = colophon.Elements<TableRow>().Select(r => r.InnerText).ToList();
        rows.Count.ShouldBe(2);
        rows[0].ShouldBe("抄送：县专业镇发展领导小组各成员单位，县人民政府办公室。");
        rows[1].ShouldBe("垣曲县专业镇发展领导小组办公室2025年1月20日印发");
        foreach (var run in colophon.Descendants<Run>())
        {
            run.RunProperties!.FontSize!.Val!.Value.ShouldBe("28");
            run.RunProperties.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        }

        var borders = colophon.GetFirstChild<TableProperties>()!.TableBorders!;
        borders.TopBorder!.Size!.Value.ShouldBeGreaterThan(borders.InsideHorizontalBorder!.Size!.Value); // first rule thicker
        borders.BottomBorder!.Size!.Value.ShouldBeGreaterThan(borders.InsideHorizontalBorder.Size.Value); // last rule thicker
        // 末条分隔线与版心下边缘重合: floated to the bottom of the type area.
        colophon.GetFirstChild<TableProperties>()!.TablePositionProperties!.TablePositionYAlignment!.Value
            .ShouldBe(VerticalAlignmentValues.Bottom);
    }

    [Fact]
    public void Footers_carry_the_page_number_field_between_dashes_right_on_odd_and_left_on_even_pages()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var main = docx.MainDocumentPart!;
        main.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>().ShouldNotBeNull();
        var section = main.Document.Body!.Elements<SectionProperties>().Single();

        Footer FooterOf(HeaderFooterValues type)
        {
            var id = section.Elements<FooterReference>().Single(f => f.Type!.Value == type).Id!.Value!;
            return ((FooterPart)main.GetPartById(id)).Footer;
        }

        foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right), (HeaderFooterValues.Even, JustificationValues.Left) })
        {
            var footer = FooterOf(type);
            footer.Descendants<SimpleField>().Single().Instruction!.Value!.Trim().ShouldBe("PAGE");
            footer.InnerText.ShouldBe("— 1 —");
            var paragraph = footer.Elements<Paragraph>().Single();
            paragraph.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(side);
            foreach (var run in footer.Descendants<Run>())
            {
                run.RunProperties!.FontSize!.Val!.Value.ShouldBe("28");
                run.RunProperties.RunFonts!.Ascii!.Value.ShouldBe("宋体");
            }
        }
    }

    [Fact]
    public void Findings_then_the_deadline_then_the_contact_appear_in_order()
    {
        using var docx = Reopen(SupervisionNotice.Build(SampleInput()));
        var text = string.Join("\n", BodyParagraphs(docx).Select(p => p.InnerText));

        string[] expected =
        [
            "根据2024年度专业镇发展评估结果，你单位在皋落铸造专业镇建设工作中存在以下问题。",
            "一、存在的主要问题",
            "（一）重点项目开工率为40%，低于年度目标。（问题来源：2024年度评估·项目开工率）",
            "（二）9月、10月专班月报未按时报送。（问题来源：月报记录）",
            "（三）问题台账中3个共性问题逾期未解决。（问题来源：问题台账）",
            "二、整改要求",
            "于2025年3月5日前完成整改",
            "逾期未完成整改的，将予以通报批评。",
            "联系人：王丽，联系电话：0359-6021234。",
        ];
        var position = 0;
        foreach (var fragment in expected)
        {
            var found = text.IndexOf(fragment, position, StringComparison.Ordinal);
            found.ShouldBeGreaterThanOrEqualTo(0, $"'{fragment}' missing or out of order");
            position = found + fragment.Length;
        }
    }

    [Fact]
    public void Without_a_consequence_or_copy_to_the_notice_says_nothing_of_either()
    {
        var input = SampleInput() with { OverdueConsequence = null, CopyTo = [] };
        using var docx = Reopen(SupervisionNotice.Build(input));
        var body = docx.MainDocumentPart!.Document.Body!;
        body.InnerText.ShouldNotContain("逾期未完成整改");
        var colophon = body.Elements<Table>().Last();
        colophon.Elements<TableRow>().Single().InnerText.ShouldEndWith("印发");
    }

    [Fact]
    public void A_notice_without_findings_is_refused() =>
        Should.Throw<ArgumentException>(() => SupervisionNotice.Build(SampleInput() with { Findings = [] }));

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(20, "二十")]
    [InlineData(23, "二十三")]
    public void Headings_are_numbered_in_chinese(int n, string expected) =>
        OfficialDocumentWriter.ChineseNumber(n).ShouldBe(expected);

    [Fact]
    public void Dates_are_written_without_leading_zeros() =>
        OfficialDocument.FormatDate(new DateOnly(2025, 3, 5)).ShouldBe("2025年3月5日");
}
