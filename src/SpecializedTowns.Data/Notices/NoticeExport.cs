using System.Text;
using SpecializedTowns.Core.Notices;

namespace SpecializedTowns.Data.Notices;

/// <summary>The notice list as CSV: the columns the list shows, UTF-8 with a byte order mark so that Excel reads the Chinese.</summary>
public static class NoticeExport
{
    public static readonly IReadOnlyList<string> Header =
        ["发文字号", "发文日期", "发文机关", "整改对象", "对象类型", "所在地", "主送机关", "督办事项", "督办依据", "年度评估编号", "整改期限", "状态", "整改进度", "逾期天数"];

    public static byte[] ToCsv(IEnumerable<NoticeListItem> items)
    {
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var n in items)
            Line(text, [
                n.DocumentNumber, NoticeRules.Date(n.IssuedOn), n.IssuingOffice, n.RecipientName, NoticeNames.Chinese(n.RecipientKind), n.Area, n.Addressee,
                n.Subject, n.Basis, n.EvaluationId?.ToString() ?? "", NoticeRules.Date(n.Deadline), NoticeNames.Chinese(n.Status),
                $"{n.Accepted}/{n.Items} 项通过" + (n.AwaitingVerification > 0 ? $"，{n.AwaitingVerification} 项待核验" : ""),
                n.Status == NoticeStatus.Overdue ? (n.Today.DayNumber - n.Deadline.DayNumber).ToString() : "",
            ]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.Append(string.Join(",", cells.Select(Cell)));
        text.Append("\r\n");
    }

    private static string Cell(string value)
    {
        // Typed text that starts like a formula would run in Excel; a leading apostrophe keeps it text.
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
