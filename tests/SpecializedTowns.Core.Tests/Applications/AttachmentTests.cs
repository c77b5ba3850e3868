using SpecializedTowns.Core.Applications;

namespace SpecializedTowns.Core.Tests.Applications;

public class AttachmentTests
{
    [Theory]
    [InlineData("材料.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [InlineData("照片.JPG", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    public void Accepts_the_listed_types_when_the_bytes_match(string name, byte[] content, string type) =>
        ApplicationAttachment.Check(name, content).ShouldBe((type, null));

    [Theory]
    [InlineData("脚本.exe", new byte[] { 0x4D, 0x5A }, "不支持的文件类型")]
    [InlineData("伪装.pdf", new byte[] { 0x4D, 0x5A, 0x90 }, "文件内容与扩展名")]
    [InlineData("空.pdf", new byte[0], "文件为空")]
    public void Refuses_other_types_disguised_files_and_empty_ones(string name, byte[] content, string message) =>
        ApplicationAttachment.Check(name, content).Problem!.ShouldContain(message);

    [Fact]
    public void Refuses_files_over_the_limit()
    {
        var big = new byte[ApplicationAttachment.MaxBytes + 1];
        "%PDF"u8.CopyTo(big);
        ApplicationAttachment.Check("大.pdf", big).Problem!.ShouldContain("超过 10MB");
    }

    private static byte[] Zip(string part)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(part).Open());
            writer.Write("<x/>");
        }
        return buffer.ToArray();
    }

    [Fact]
    public void A_word_or_excel_file_must_be_an_office_zip_with_its_own_parts()
    {
        ApplicationAttachment.Check("名单.xlsx", Zip("xl/workbook.xml")).ShouldBe(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null));
        ApplicationAttachment.Check("说明.docx", Zip("word/document.xml")).ShouldBe(("application/vnd.openxmlformats-officedocument.wordprocessingml.document", null));
        // qa105 #6: "PK" and junk passed as Word; the office received a file Word cannot open.
        ApplicationAttachment.Check("notreal.docx", "PK\u0003\u0004junkjunk"u8.ToArray()).Problem.ShouldBe("文件内容与扩展名“.docx”不符，不是可以打开的Word文件");
        ApplicationAttachment.Check("名单.xlsx", Zip("word/document.xml")).Problem.ShouldBe("文件内容与扩展名“.xlsx”不符，不是可以打开的Excel文件");
        ApplicationAttachment.Check("说明.docx", Zip("readme.txt")).Problem!.ShouldContain("不是可以打开的Word文件");
    }
}
