using SpecializedTowns.Data.Imports;

namespace SpecializedTowns.Web.Imports;

/// <summary>
/// The error-marked copy of an uploaded file as a download. Kestrel forbids synchronous writes to the response and the
/// xlsx zip writes synchronously, so the copy is streamed into a temporary file (memory stays flat however many rows have
/// errors) that deletes itself once the response has been sent.
/// </summary>
public static class MarkedFile
{
    public static FileStream Write(byte[] content, string fileName, ImportResult result)
    {
        var path = Path.Combine(Path.GetTempPath(), $"st-import-marked-{Guid.NewGuid():N}{Path.GetExtension(fileName)}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            ErrorWorkbook.Write(content, fileName, result, file);
            file.Flush();
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
