using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>A downloaded .docx reopened with OpenXml, read the way a reviewer checks it: texts, tables, fonts, page set-up.</summary>
public sealed class Docx
{
    public Body Body { get; }
    public IReadOnlyList<string> ValidationErrors { get; }

    private Docx(Body body, IReadOnlyList<string> errors)
    {
        Body = body;
        ValidationErrors = errors;
    }

    public static async Task<Docx> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        return Open(await response.Content.ReadAsByteArrayAsync());
    }

    public static Docx Open(byte[] content)
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(content), false);
        // Word refuses a file whose elements are out of schema order, where LibreOffice quietly repairs it.
        var errors = new OpenXmlValidator(FileFormatVersions.Office2010).Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        return new Docx((Body)docx.MainDocumentPart!.Document.Body!.CloneNode(true), errors);
    }

    /// <summary>The body's own paragraphs (not those inside tables).</summary>
    public IReadOnlyList<Paragraph> Paragraphs => Body.Elements<Paragraph>().ToList();

    public IReadOnlyList<string> Texts => Paragraphs.Select(p => p.InnerText).ToList();

    public string AllText => string.Join("\n", Body.Descendants<Paragraph>().Select(p => p.InnerText));

    public IReadOnlyList<Table> Tables => Body.Descendants<Table>().ToList();

    /// <summary>Each row's cell texts.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(Table table) =>
        table.Elements<TableRow>().Select(r => (IReadOnlyList<string>)r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();

    /// <summary>The table whose first row starts with the given header cell.</summary>
    public Table TableStartingWith(params string[] header) =>
        Tables.First(t => Rows(t)[0].Take(header.Length).SequenceEqual(header));

    public Paragraph Paragraph(string text) => Paragraphs.First(p => p.InnerText == text);

    public Paragraph ParagraphStartingWith(string text) => Paragraphs.First(p => p.InnerText.StartsWith(text, StringComparison.Ordinal));

    public static RunProperties FirstRun(Paragraph p) => p.Descendants<Run>().First().RunProperties!;

    public SectionProperties Section => Body.Elements<SectionProperties>().Single();
}
