using System.Text;

namespace SpecializedTowns.Data;

/// <summary>A table as CSV for Excel: UTF-8 with a byte order mark (so Chinese opens as Chinese), CRLF lines, formula-like cells kept as text.</summary>
public static class CsvFile
{
    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows) Line(text, row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string?> cells)
    {
        text.Append(string.Join(",", cells.Select(c => Cell(c ?? ""))));
        text.Append("\r\n");
    }

    private static string Cell(string value)
    {
        // Text typed by a person that starts like a formula would run in Excel; a leading apostrophe keeps it text.
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
