using System.Text;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Web.Tests.Exports;

public class StreamingExportTests
{
    private sealed record Row(int Id, string Name, decimal? MoneyWanYuan, DateOnly? Due, DateTime? UpdatedUtc, bool Done);

    private static readonly ExportTable<Row> Table = new("测试清单", [
        new("序号", r => r.Id),
        new("名称", r => r.Name),
        new("金额（万元）", r => r.MoneyWanYuan),
        new("期限", r => r.Due),
        new("更新时间", r => r.UpdatedUtc),
        new("是否完成", r => r.Done),
    ]);

    private static readonly Row[] Sample =
    [
        new(1, "闻喜县煮饼专业镇", 12345.67m, new DateOnly(2024, 3, 5), new DateTime(2024, 3, 5, 16, 30, 0, DateTimeKind.Utc), true),
        new(2, "=HYPERLINK(\"http://x\")", null, null, null, false),
        new(3, "带,逗号 和 \"引号\"\n换行", -5m, new DateOnly(2026, 12, 31), null, false),
    ];

    private static async Task<byte[]> WriteAsync(ExportFormat format, IEnumerable<Row> rows)
    {
        using var stream = new MemoryStream();
        await TableExport.WriteAsync(stream, format, Table, rows);
        return stream.ToArray();
    }

    [Fact]
    public async Task An_xlsx_export_reads_back_with_numbers_as_numbers_and_dates_as_dates()
    {
        var rows = ExportFiles.Xlsx(await WriteAsync(ExportFormat.Xlsx, Sample));
        rows.Count.ShouldBe(4);
        rows[0].ShouldBe(["序号", "名称", "金额（万元）", "期限", "更新时间", "是否完成"]);
        rows[1][0].ShouldBe(1d);
        rows[1][1].ShouldBe("闻喜县煮饼专业镇");
        rows[1][2].ShouldBe(12345.67d);
        rows[1][3].ShouldBe(new DateTime(2024, 3, 5));
        // Stored in UTC, shown in China time.
        rows[1][4].ShouldBe(new DateTime(2024, 3, 6, 0, 30, 0));
        rows[1][5].ShouldBe("是");
        // Text that looks like a formula stays text.
        rows[2][1].ShouldBe("=HYPERLINK(\"http://x\")");
        rows[2][2].ShouldBeNull();
        rows[3][1].ShouldBe("带,逗号 和 \"引号\"\n换行");
        rows[3][2].ShouldBe(-5d);
    }

    [Fact]
    public async Task A_csv_export_is_utf8_with_a_bom_crlf_lines_and_formulas_kept_as_text()
    {
        var bytes = await WriteAsync(ExportFormat.Csv, Sample);
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldStartWith("序号,名称,金额（万元）,期限,更新时间,是否完成\r\n");
        text.ShouldContain("1,闻喜县煮饼专业镇,12345.67,2024-03-05,2024-03-06 00:30,是\r\n");
        var (header, rows) = ExportFiles.Csv(bytes);
        header.ShouldBe(["序号", "名称", "金额（万元）", "期限", "更新时间", "是否完成"]);
        rows.Count.ShouldBe(3);
        rows[1][1].ShouldBe("'=HYPERLINK(\"http://x\")");
        rows[2][1].ShouldBe("带,逗号 和 \"引号\"\n换行");
        rows[2][2].ShouldBe("-5");
    }

    [Fact]
    public async Task An_empty_export_still_has_its_header()
    {
        ExportFiles.Xlsx(await WriteAsync(ExportFormat.Xlsx, [])).ShouldHaveSingleItem()[1].ShouldBe("名称");
        ExportFiles.Csv(await WriteAsync(ExportFormat.Csv, [])).Rows.ShouldBeEmpty();
    }
}
