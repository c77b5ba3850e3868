using SpecializedTowns.Core.Applications;

namespace SpecializedTowns.Core.Notices;

/// <summary>
/// A file that shows a rectification (佐证材料): a photo, a PDF, a Word or Excel file, checked as the recognition
/// application's materials are (<see cref="ApplicationAttachment.Check"/>: the same types and size, the bytes matching the name).
/// </summary>
public sealed class NoticeFile
{
    public const long MaxBytes = ApplicationAttachment.MaxBytes;
    public const int MaxFiles = 50;

    /// <summary>Evidence for one finding: a permit and a few photos, not an archive.</summary>
    public const int MaxPerItem = 10;

    public int Id { get; set; }
    public int NoticeId { get; set; }

    /// <summary>The finding it shows the rectification of; null for a file uploaded to the notice and not yet given to one (the API).</summary>
    public int? NoticeItemId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public int? UploadedByUserId { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAtUtc { get; set; }

    public static string AllowedList => ApplicationAttachment.AllowedList;

    /// <summary>
    /// Why <paramref name="adding"/> more files do not fit the notice's <see cref="MaxFiles"/>, or null. Files uploaded to the
    /// notice and given to no finding (<paramref name="unattached"/>, by name) count too: the refusal names them, since they
    /// are what a clerk can most readily take off (they show nothing yet) and are listed apart from the findings.
    /// </summary>
    public static string? RoomProblem(int held, int adding, IReadOnlyList<string> unattached)
    {
        if (adding <= 0 || held + adding <= MaxFiles) return null;
        var now = adding > 1 ? $"已有 {held} 个，本次又选了 {adding} 个" : $"已有 {held} 个";
        if (unattached.Count == 0) return $"每份督办通知书最多 {MaxFiles} 个佐证文件（{now}），请先删除不需要的文件";
        var names = string.Join("、", unattached.Take(5).Select(n => $"“{n}”")) + (unattached.Count > 5 ? $" 等" : "");
        return $"每份督办通知书最多 {MaxFiles} 个佐证文件（{now}），其中 {unattached.Count} 个上传后未对应到具体问题：{names}；"
               + "不需要的请在通知书页面“未对应到具体问题的佐证文件”处删除，再上传";
    }

    /// <summary>The name to keep (no folders, at most 200 characters) and its content type, or why the file is refused.</summary>
    public static (string Name, string? ContentType, string? Problem) Check(string fileName, ReadOnlySpan<byte> content)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length > 200) name = name[..(200 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
        if (name.Length == 0) return (name, null, "文件名为空");
        var (type, problem) = ApplicationAttachment.Check(name, content);
        return (name, type, problem);
    }
}
