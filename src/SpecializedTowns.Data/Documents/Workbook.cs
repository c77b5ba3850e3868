using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Documents;

/// <summary>One sheet: a bold, frozen header row and rows of strings and numbers (null leaves the cell empty).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Writes .xlsx the way county offices open it: Chinese headers in bold, the header frozen, numbers as numbers.
/// Rows go out through XlsxStreamWriter as they come, so a long sheet is never held in memory.
/// </summary>
public static class Workbook
{
    public const string ContentType = XlsxStreamWriter.ContentType;

    public static void Write(Stream output, params Sheet[] sheets)
    {
        using var writer = new XlsxStreamWriter(output);
        foreach (var sheet in sheets)
        {
            writer.BeginSheet(sheet.Name, sheet.Header, sheet.Widths);
            foreach (var row in sheet.Rows) writer.WriteRow(row);
        }
    }
}
