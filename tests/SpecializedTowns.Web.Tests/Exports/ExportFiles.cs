using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace SpecializedTowns.Web.Tests.Exports;

/// <summary>Reads exported files back the way another program would: ExcelDataReader for .xlsx, CsvHelper for .csv.</summary>
public static class ExportFiles
{
    static ExportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The first sheet's rows, header first, each cell as ExcelDataReader gives it (double, DateTime, string or null).</summary>
    public static List<object?[]> Xlsx(byte[] bytes)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The header and the records of a CSV file.</summary>
    public static (string[] Header, List<string[]> Rows) Csv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        return ([.. reader.Headers!], rows);
    }
}
