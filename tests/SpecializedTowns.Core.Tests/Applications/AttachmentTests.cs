using SpecializedTowns.Core.Applications;

namespace SpecializedTowns.Core.Tests.Applications;

public class AttachmentTests
{
    [Theory]
    [InlineData("材料.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [InlineData("照片.JPG", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData("名单.xlsx", new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
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
}
