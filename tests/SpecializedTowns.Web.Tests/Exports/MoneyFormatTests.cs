using System.Net;
using System.Text;
using ExcelDataReader;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Exports;

/// <summary>万元 columns of every Excel export carry a thousands-separated number format, as the screens show money.</summary>
public sealed class MoneyFormatTests
{
    static MoneyFormatTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Each cell of the first sheet with its number format, header first.</summary>
    private static List<(object? Value, string? Format)[]> Cells(byte[] bytes)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        var rows = new List<(object?, string?)[]>();
        while (reader.Read())
        {
            var row = new (object?, string?)[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = (reader.GetValue(i), reader.GetNumberFormatString(i));
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task Every_list_export_formats_its_money_columns_and_nothing_else()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var moneyCells = 0;
        var moneyExports = new List<string>();
        foreach (var entry in Pages.Exports.IndexModel.Entries.Where(e => !e.Path.StartsWith("/Admin/", StringComparison.Ordinal)))
        {
            var response = await office.GetAsync(entry.Link("xlsx"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, entry.Title);
            var cells = Cells(await response.Content.ReadAsByteArrayAsync());
            var header = cells[0].Select(c => c.Value as string ?? "").ToArray();
            var counted = 0;
            foreach (var row in cells.Skip(1))
                for (var i = 0; i < row.Length && i < header.Length; i++)
                {
                    if (row[i].Value is not double) continue;
                    if (XlsxStreamWriter.IsMoney(header[i]))
                    {
                        row[i].Format.ShouldBe("#,##0.00", $"{entry.Title} · {header[i]}");
                        counted++;
                    }
                    else row[i].Format.ShouldNotBe("#,##0.00", $"{entry.Title} · {header[i]}: not money, no money format");
                }
            if (counted > 0) moneyExports.Add(entry.Title);
            moneyCells += counted;
        }
        moneyCells.ShouldBeGreaterThan(0);
        // The QA report's examples: the project library, investment leads and fund grants carry amounts in the demo.
        moneyExports.ShouldContain("重点项目库");
        moneyExports.ShouldContain("招商引资");
        moneyExports.ShouldContain("资金奖补");
    }

    [Fact]
    public void A_money_column_is_known_by_its_unit_and_dates_keep_their_format()
    {
        XlsxStreamWriter.IsMoney("总投资（万元）").ShouldBeTrue();
        XlsxStreamWriter.IsMoney("每万元资金对应产值增量（万元）").ShouldBeTrue();
        XlsxStreamWriter.IsMoney("年产值(万元)").ShouldBeTrue();
        XlsxStreamWriter.IsMoney("就业人数").ShouldBeFalse();
        XlsxStreamWriter.IsMoney("年度").ShouldBeFalse();

        using var output = new MemoryStream();
        using (var xlsx = new XlsxStreamWriter(output))
        {
            xlsx.BeginSheet("测试", ["项目名称", "总投资（万元）", "年度", "签约日期"]);
            xlsx.WriteRow(["甲", 25000m, 2026, new DateOnly(2026, 9, 3)]);
            xlsx.WriteRow(["乙", 7333.33m, 2026, null]);
        }
        var cells = Cells(output.ToArray());
        cells[1][1].ShouldBe((25000d, "#,##0.00"));
        cells[2][1].ShouldBe((7333.33d, "#,##0.00"));
        cells[1][2].Format.ShouldBe("General");
        cells[1][3].Format.ShouldBe("yyyy\"年\"m\"月\"d\"日\"");
        // The header is text, not a formatted number.
        cells[0][1].Value.ShouldBe("总投资（万元）");
    }
}
