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

/// <summary>督办通知书 as a clerk downloads it (.xlsx or .csv): the columns of <see cref="NoticeExport"/>.</summary>
public static class NoticeTable
{
    public static readonly Exports.ExportTable<NoticeListItem> Table = new("督办通知书", [
        new("发文字号", n => n.DocumentNumber, 22),
        new("发文日期", n => n.IssuedOn, 14),
        new("发文机关", n => n.IssuingOffice, 24),
        new("整改对象", n => n.RecipientName, 24),
        new("对象类型", n => NoticeNames.Chinese(n.RecipientKind), 10),
        new("所在地", n => n.Area, 14),
        new("主送机关", n => n.Addressee, 24),
        new("督办事项", n => n.Subject, 30),
        new("督办依据", n => n.Basis, 30),
        new("年度评估编号", n => n.EvaluationId, 12),
        new("整改期限", n => n.Deadline, 14),
        new("状态", n => NoticeNames.Chinese(n.Status), 10),
        new("整改进度", n => $"{n.Accepted}/{n.Items} 项通过" + (n.AwaitingVerification > 0 ? $"，{n.AwaitingVerification} 项待核验" : ""), 20),
        new("逾期天数", n => n.Status == NoticeStatus.Overdue ? n.Today.DayNumber - n.Deadline.DayNumber : null, 10),
    ]);
}
