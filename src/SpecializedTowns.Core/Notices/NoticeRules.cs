using System.Text.RegularExpressions;
using SpecializedTowns.Core.Problems;

namespace SpecializedTowns.Core.Notices;

/// <summary>
/// The checks a notice passes before it is issued, and how its number and dates are written. Pure, so that the pages, the
/// API and the annual evaluation (which issues notices in a batch) refuse the same things with the same Chinese words.
/// </summary>
public static partial class NoticeRules
{
    /// <summary>限期整改 is a matter of weeks or months; a deadline more than a year after the notice is a typing slip.</summary>
    public const int MaxDeadlineYears = 1;

    /// <summary>The short names that official document numbers use for a place when it is not its first character (晋政办发).</summary>
    private static readonly Dictionary<string, string> Abbreviations = new()
    {
        ["山西省"] = "晋",
    };

    public static DateOnly ChinaDate(DateTime utc) => ChinaTime.Date(utc);

    /// <summary>
    /// Whether a 抄送 line names this unit of the issuing office's area: "县专业镇发展领导小组各成员单位" names every member unit
    /// of that leading group, "县自然资源局" (or "垣曲县自然资源局") the one unit. A unit copied reads the notice and its 整改
    /// progress; it does not report or act on it.
    /// </summary>
    public static bool CopiesTo(IEnumerable<string> copyTo, string unitName, string areaName) =>
        copyTo.Select(c => c.Trim()).Any(c => c.EndsWith("各成员单位", StringComparison.Ordinal) || c == unitName
            || unitName.Length > 1 && unitName[0] is '县' or '市' && c == areaName + unitName[1..]);


    /// <summary>2025年3月5日, as GB/T 9704 and the pages write dates.</summary>
    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>
    /// The prefix of the 发文字号 when configuration names none: the place's short name (<see cref="Documents.PlaceShortNames"/>:
    /// 垣 as in 垣政办发, 平定 where 平 would also be 平鲁's) followed by 专办督 (专业镇办公室 · 督办).
    /// </summary>
    public static string DefaultPrefix(string placeShortName) => placeShortName + "专办督";

    /// <summary>A place's short name in document numbers before others are considered: 晋 for 山西省, else its first character.</summary>
    public static string ShortName(string jurisdictionName) =>
        Abbreviations.TryGetValue(jurisdictionName, out var short_) ? short_ : jurisdictionName.Trim() is { Length: > 0 } name ? name[..1] : "";

    /// <summary>A configured prefix: a few characters, without the 〔〕 and 号 that the number adds itself. Null when fine.</summary>
    public static string? CheckPrefix(string? prefix)
    {
        var p = prefix?.Trim() ?? "";
        if (p.Length == 0) return "发文字号前缀不能为空";
        if (p.Length > 20) return $"发文字号前缀不超过 20 字（现为 {p.Length} 字）";
        if (p.IndexOfAny(['〔', '〕', '[', ']', '号']) >= 0 || p.Any(char.IsWhiteSpace)) return $"发文字号前缀“{p}”不应含〔〕、号或空格：年份和序号由平台加上";
        return null;
    }

    /// <summary>The latest deadline a notice issued on <paramref name="issuedOn"/> may set.</summary>
    public static DateOnly LatestDeadline(DateOnly issuedOn) => issuedOn.AddYears(MaxDeadlineYears);

    /// <summary>Null when the deadline is acceptable; otherwise why not, in Chinese.</summary>
    public static string? CheckDeadline(DateOnly issuedOn, DateOnly? deadline)
    {
        if (deadline is not { } d) return "请填写整改期限";
        if (d <= issuedOn) return $"整改期限须晚于发文日期（{Date(issuedOn)}）";
        if (d > LatestDeadline(issuedOn)) return $"整改期限不能超过发文日期后 {MaxDeadlineYears} 年（最晚 {Date(LatestDeadline(issuedOn))}）";
        return null;
    }

    [GeneratedRegex(@"^[0-9\-\s()（）+转]{7,30}$")]
    private static partial Regex PhonePattern();

    /// <summary>
    /// The 督办事项 as it completes “关于{subject}的督办通知书” (and “你单位在{subject}中”): people type the whole phrase
    /// they know from other notices, “关于蜂蜜冷链项目滞后的督办”, which would read “关于关于……的督办的督办通知书”. The
    /// frame's own words are taken off both ends, as often as they were typed; what is left is checked as typed.
    /// </summary>
    public static string? Subject(string? typed)
    {
        if (typed is null) return null;
        var subject = typed.Trim();
        string before;
        do
        {
            before = subject;
            if (subject.StartsWith("关于", StringComparison.Ordinal)) subject = subject[2..].TrimStart();
            foreach (var end in SubjectEnds)
                if (subject.EndsWith(end, StringComparison.Ordinal)) { subject = subject[..^end.Length].TrimEnd(); break; }
        } while (subject != before);
        return subject;
    }

    // Longest first: “的督办通知书” before “督办通知书”, “的督办” before “督办”.
    private static readonly string[] SubjectEnds = ["的督办通知书", "督办通知书", "的督办", "督办"];

    /// <summary>
    /// Every field of a notice's wording at once: field name (as the draft names it; findings as Findings[0].Text) → message.
    /// The recipient, the issuing office and the number are checked where the records are (Data).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Check(
        string? subject, string? addressee, string? basis, int? evaluationId, IReadOnlyList<NoticeFinding>? findings,
        DateOnly issuedOn, DateOnly? deadline, string? contactName, string? contactPhone, IReadOnlyList<string>? copyTo)
    {
        var errors = new Dictionary<string, string>();
        Required(errors, "Subject", subject, Notice.MaxSubject, "请填写督办事项（通知书标题“关于……的督办通知书”中的内容）", "督办事项");
        Required(errors, "Addressee", addressee, Notice.MaxAddressee, "请填写主送机关", "主送机关");
        Required(errors, "Basis", basis, Notice.MaxBasis, "请填写督办依据，如：2025年度专业镇发展评估结果", "督办依据");
        if (evaluationId is <= 0) errors["EvaluationId"] = "年度评估编号应为正整数";

        var list = findings ?? [];
        if (list.Count == 0) errors["Findings"] = "请至少列出一个存在的问题";
        else if (list.Count > Notice.MaxFindings) errors["Findings"] = $"一份督办通知书最多列出 {Notice.MaxFindings} 个问题（现为 {list.Count} 个）";
        for (var i = 0; i < list.Count && i < Notice.MaxFindings; i++)
        {
            Required(errors, $"Findings[{i}].Text", list[i].Text, Notice.MaxFindingText, $"请填写第 {i + 1} 个问题", $"第 {i + 1} 个问题");
            Required(errors, $"Findings[{i}].Source", list[i].Source, Notice.MaxSource, $"请注明第 {i + 1} 个问题的来源（如：2025年度评估·项目开工率）", $"第 {i + 1} 个问题的来源");
        }

        if (CheckDeadline(issuedOn, deadline) is { } late) errors["Deadline"] = late;

        foreach (var (field, message) in ContactProblems(contactName, contactPhone)) errors[field] = message;

        var copies = (copyTo ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (copies.Count > Notice.MaxCopyTo) errors["CopyTo"] = $"抄送机关最多 {Notice.MaxCopyTo} 个（现为 {copies.Count} 个）";
        else if (copies.FirstOrDefault(c => c.Length > Notice.MaxCopyToName) is { } longName)
            errors["CopyTo"] = $"抄送机关“{longName[..10]}……”超过 {Notice.MaxCopyToName} 字";
        else if (copies.Distinct().Count() != copies.Count) errors["CopyTo"] = "抄送机关有重复";
        return errors;
    }

    /// <summary>What is wrong with a notice's contact (联系人, 联系电话), on its own: for a form whose deadline could not be read.</summary>
    public static Dictionary<string, string> ContactProblems(string? contactName, string? contactPhone)
    {
        var errors = new Dictionary<string, string>();
        Required(errors, "ContactName", contactName, Notice.MaxContactName, "请填写联系人", "联系人");
        var phone = contactPhone?.Trim() ?? "";
        if (phone.Length == 0) errors["ContactPhone"] = "请填写联系电话";
        else if (!PhonePattern().IsMatch(phone) || phone.Count(char.IsAsciiDigit) < 7)
            errors["ContactPhone"] = $"联系电话“{phone}”格式不对，如 0359-6021234 或 13812345678";
        return errors;
    }

    private static void Required(Dictionary<string, string> errors, string field, string? text, int max, string missing, string what)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0) errors[field] = missing;
        else if (t.Length > max) errors[field] = $"{what}不超过 {max} 字（现为 {t.Length} 字）";
    }
}
