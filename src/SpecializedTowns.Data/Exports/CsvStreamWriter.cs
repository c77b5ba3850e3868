using System.Globalization;
using System.Text;

namespace SpecializedTowns.Data.Exports;

/// <summary>
/// CSV for Excel, written row by row: UTF-8 with a byte order mark (so Chinese opens as Chinese), CRLF lines,
/// text that starts like a formula kept as text. Dates as 2024-03-05 (Excel reads that as a date in every locale).
/// </summary>
public sealed class CsvStreamWriter : IDisposable
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private readonly StreamWriter writer;

    public CsvStreamWriter(Stream output) =>
        writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };

    public long RowsWritten { get; private set; }

    public void WriteHeader(IReadOnlyList<string> header) => Line(header.Cast<object?>().ToList());

    public void WriteRow(IReadOnlyList<object?> values)
    {
        Line(values);
        RowsWritten++;
    }

    private void Line(IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Cell(values[i]));
        }
        writer.Write("\r\n");
    }

    /// <summary>The text of one cell as it goes into the file.</summary>
    public static string Cell(object? value)
    {
        switch (value)
        {
            case null: return "";
            // A decimal keeps the scale it was stored with (25000.0 beside 350 in one column): written without trailing zeros.
            case decimal d: return d.ToString("G29", CultureInfo.InvariantCulture);
            case int or long or short or byte or uint or double or float:
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case DateOnly date: return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case DateTime time:
                return ((time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time) + ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            case DateTimeOffset offset: return offset.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            case bool b: return b ? "是" : "否";
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        // Text typed by a person that starts like a formula would run in Excel; a leading apostrophe keeps it text.
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0])) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public void Dispose() => writer.Dispose();
}
