using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SpecializedTowns.Web.Tests.Exports;

/// <summary>Runs alone: the managed heap it samples is the whole process's, so no other test may allocate meanwhile.</summary>
[CollectionDefinition(nameof(ExportMemoryCollection), DisableParallelization = true)]
public sealed class ExportMemoryCollection;

[Collection(nameof(ExportMemoryCollection))]
public class ExportMemoryTests(ITestOutputHelper output)
{
    private const int Rows = 1_000_000;

    /// <summary>The most the managed heap may grow above where it stood before the export.</summary>
    private const long Bound = 64L * 1024 * 1024;

    private sealed record Generated(int Id, string Name, string County, decimal OutputWanYuan, DateOnly Founded, bool AboveScale);

    private static readonly ExportTable<Generated> Table = new("生成数据", [
        new("序号", r => r.Id),
        new("企业名称", r => r.Name),
        new("所在县", r => r.County),
        new("年产值（万元）", r => r.OutputWanYuan),
        new("成立日期", r => r.Founded),
        new("规上企业", r => r.AboveScale),
    ]);

    private static readonly string[] Counties = ["垣曲县", "新绛县", "永济市", "闻喜县", "平遥县"];

    /// <summary>A million rows made as they are asked for, never held together: only the writer could hold them.</summary>
    private static IEnumerable<Generated> Generate()
    {
        var start = new DateOnly(1990, 1, 1);
        for (var i = 1; i <= Rows; i++)
            yield return new Generated(i, $"山西示例制造有限公司第{i}分公司", Counties[i % Counties.Length], i * 1.25m, start.AddDays(i % 12000), i % 3 == 0);
    }

    [Theory]
    [InlineData(ExportFormat.Xlsx)]
    [InlineData(ExportFormat.Csv)]
    public async Task A_million_row_export_stays_within_a_memory_bound(ExportFormat format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"st-export-memory-{Guid.NewGuid():N}{TableExport.Extension(format)}");
        try
        {
            long written = 0;
            var growth = await HeapGrowth.PeakDuringAsync(async () =>
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
                written = await TableExport.WriteAsync(file, format, Table, Generate());
            });

            written.ShouldBe(Rows);
            output.WriteLine($"{format}: {Rows:N0} rows, {new FileInfo(path).Length / 1024 / 1024} MB file, heap peak {growth / 1024 / 1024} MB above the baseline");
            growth.ShouldBeLessThan(Bound, $"the heap grew by {growth / 1024 / 1024} MB while writing {Rows:N0} rows to {format}");
            // What was written is whole: the last row is there (read lazily, without loading the file).
            if (format == ExportFormat.Csv) File.ReadLines(path).Last().ShouldStartWith($"{Rows},");
            else LastXlsxRow(path)[0].ShouldBe((double)Rows);
        }
        finally { File.Delete(path); }
    }

    private static object?[] LastXlsxRow(string path)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(stream);
        object?[] last = [];
        var count = 0;
        while (reader.Read())
        {
            count++;
            last = [reader.GetValue(0)];
        }
        count.ShouldBe(Rows + 1);
        return last;
    }
}
