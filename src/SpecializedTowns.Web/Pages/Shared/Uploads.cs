using System.Diagnostics.CodeAnalysis;

namespace SpecializedTowns.Web.Pages.Shared;

public static class Uploads
{
    /// <summary>
    /// Whether an uploaded file cannot be read at all, and why: none chosen, or one chosen that is empty. A clerk who chose
    /// a 0-byte file had been told to choose one.
    /// </summary>
    public static bool Unreadable([NotNullWhen(false)] IFormFile? file, [NotNullWhen(true)] out string? problem)
    {
        problem = file is null || string.IsNullOrEmpty(file.FileName) ? "请选择要上传的文件"
            : file.Length == 0 ? $"“{Path.GetFileName(file.FileName)}”是空文件（0 字节），请检查后重新选择"
            : null;
        return problem is not null;
    }
}
