using System.Text;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// The error-marked copy of a 100,000-row file with an error on every row, written within a memory bound. Runs in the
/// export memory tests' collection: alone, because the heap it samples is the whole process's.
/// </summary>
[Collection(nameof(ExportMemoryCollection))]
public class ErrorWorkbookMemoryTests(ITestOutputHelper output)
{
    private const int Rows = 100_000;

    /// <summary>The most the managed heap may grow while the marked copy is written (the file and the errors exist before).</summary>
    private const long Bound = 64L * 1024 * 1024;

    private static readonly ImportKind Kind = ImportKinds.Find("enterprises")!;

    private static IEnumerable<string[]> Generate()
    {
        for (var i = 1; i <= Rows; i++)
            yield return [$"91140827MA{i:D8}", $"山西示例制造有限公司第{i}分公司", "垣曲县", "历山镇", "历山镇蜂蜜专业镇", "龙头", "是", "专精特新企业"];
    }

    private static byte[] Original(string format)
    {
        using var stream = new MemoryStream();
        var header = Kind.Columns.Select(c => c.TemplateHeader).ToList();
        if (format == "xlsx")
        {
            using var writer = new XlsxStreamWriter(stream);
            writer.BeginSheet(Kind.SheetName, header);
            foreach (var row in Generate()) writer.WriteRow(row);
        }
        else
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(true), leaveOpen: true);
            writer.WriteLine(string.Join(",", header));
            foreach (var row in Generate()) writer.WriteLine(string.Join(",", row));
        }
        return stream.ToArray();
    }

    /// <summary>Two errors on every data row, as a check of such a file reports them.</summary>
    private static ImportResult Result(string format)
    {
        var result = new ImportResult { Kind = Kind.Key, FileName = "企业." + format, SheetName = Kind.SheetName, HeaderRow = 1, Rows = Rows };
        for (var i = 0; i < Kind.Columns.Count; i++) result.FileColumns[Kind.Columns[i].Key] = i;
        for (var row = 2; row <= Rows + 1; row++)
        {
            result.Errors.Add(new ImportError(row, "统一社会信用代码", "统一社会信用代码校验位不符") { FileColumn = 0 });
            result.Errors.Add(new ImportError(row, "企业类型", "“龙头”不是可选的企业类型，应为：龙头企业、配套企业、家庭农场、专业合作社") { FileColumn = 5 });
        }
        return result;
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task The_marked_copy_of_a_100_000_row_file_with_errors_stays_within_a_memory_bound(string format)
    {
        var original = Original(format);
        var result = Result(format);
        var path = Path.Combine(Path.GetTempPath(), $"st-marked-memory-{Guid.NewGuid():N}.{format}");
        try
        {
            var growth = await HeapGrowth.PeakDuringAsync(async () =>
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
                ErrorWorkbook.Write(original, result.FileName, result, file);
            });
            output.WriteLine($"{format}: {Rows:N0} rows, {original.Length / 1024} KB in, {new FileInfo(path).Length / 1024} KB out, heap peak {growth / 1024 / 1024} MB above the baseline");
            growth.ShouldBeLessThan(Bound, $"the heap grew by {growth / 1024 / 1024} MB while marking {Rows:N0} rows");
            GC.KeepAlive(original);
            GC.KeepAlive(result);

            // The copy is whole: every row is there and the last one carries its message in the added column.
            var (count, last, header) = Read(path, format);
            count.ShouldBe(Rows + 1);
            header.ShouldBe(ErrorWorkbook.ErrorHeader);
            last.ShouldBe("【统一社会信用代码】统一社会信用代码校验位不符；【企业类型】“龙头”不是可选的企业类型，应为：龙头企业、配套企业、家庭农场、专业合作社");
        }
        finally { File.Delete(path); }
    }

    /// <summary>The row count, the last row's 错误说明 and the header's, read lazily.</summary>
    private static (int Count, string? Last, string? Header) Read(string path, string format)
    {
        var column = Kind.Columns.Count;
        if (format == "csv")
        {
            var lines = File.ReadLines(path).ToList();
            return (lines.Count, lines[^1].Split(',')[column], lines[0].TrimStart('\uFEFF').Split(',')[column]);
        }
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(stream);
        var count = 0;
        string? last = null, header = null;
        while (reader.Read())
        {
            count++;
            var text = reader.FieldCount > column ? reader.GetValue(column)?.ToString() : null;
            if (count == 1) header = text;
            last = text;
        }
        return (count, last, header);
    }
}
