using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>Writer behaviour that later documents (认定决定, 月报汇总, 一镇一档) rely on beyond the notice.</summary>
public class OfficialDocumentWriterTests
{
    private static OfficialDocument Document(params DocumentBlock[] body) => new()
    {
        IssuingAuthority = "某县专业镇发展领导小组办公室",
        DocumentNumber = "某专办〔2025〕1号",
        Title = "标题",
        MainRecipient = "各乡镇人民政府",
        Body = body,
        Signature = "某县专业镇发展领导小组办公室",
        Date = new DateOnly(2025, 12, 31),
        PrintedBy = "某县专业镇发展领导小组办公室",
        PrintedOn = new DateOnly(2025, 12, 31),
    };

    private static Body Written(OfficialDocument document)
    {
        var stream = new MemoryStream();
        OfficialDocumentWriter.Write(document, stream);
        stream.Position = 0;
        using var docx = WordprocessingDocument.Open(stream, false);
        return (Body)docx.MainDocumentPart!.Document.Body!.CloneNode(true);
    }

    [Fact]
    public void Second_level_numbers_restart_under_each_first_level_heading()
    {
        var body = Written(Document(
            new DocumentBlock.Heading1("甲"), new DocumentBlock.Heading2("子"), new DocumentBlock.Heading2("丑"),
            new DocumentBlock.Heading1("乙"), new DocumentBlock.Heading2("寅")));
        var texts = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        texts.ShouldContain("一、甲");
        texts.ShouldContain("（二）丑");
        texts.ShouldContain("二、乙");
        texts.ShouldContain("（一）寅");
    }

    [Fact]
    public void A_body_table_keeps_its_cells_and_fills_short_rows()
    {
        var body = Written(Document(new DocumentBlock.Table(["指标", "得分"], [["项目开工率", "6"], ["月报"]])));
        var table = body.Elements<Table>().First();
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        rows.Count.ShouldBe(3);
        rows[0].ShouldBe(["指标", "得分"]);
        rows[1].ShouldBe(["项目开工率", "6"]);
        rows[2].ShouldBe(["月报", ""]);
        table.Descendants<Run>().First().RunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("黑体");
    }

    [Fact]
    public void The_recipient_gets_exactly_one_full_width_colon()
    {
        var body = Written(Document(new DocumentBlock.Paragraph("正文")) with { MainRecipient = "各乡镇人民政府：" });
        body.Elements<Paragraph>().Count(p => p.InnerText == "各乡镇人民政府：").ShouldBe(1);
    }

    [Fact]
    public void A_long_authority_name_is_narrowed_to_fit_the_type_area()
    {
        var body = Written(Document(new DocumentBlock.Paragraph("正文")));
        var run = body.Elements<Paragraph>().First().Descendants<Run>().Single().RunProperties!;
        var halfPoints = int.Parse(run.FontSize!.Val!.Value!);
        var scale = run.CharacterScale!.Val!.Value;
        // 14 characters × width per character (twips) must stay within the 156 mm 版心.
        (14 * halfPoints * 10 * scale / 100).ShouldBeLessThanOrEqualTo(OfficialDocumentWriter.TypeAreaWidth);
    }
}
