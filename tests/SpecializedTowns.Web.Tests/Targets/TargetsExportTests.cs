using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Targets;

public class TargetsExportTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_target_list_exports_what_is_filtered_and_only_what_the_office_sees(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-office", SeededPlatforms.Password);

        static List<List<string>> Rows(byte[] bytes)
        {
            using var book = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var part = (WorksheetPart)book.WorkbookPart!.GetPartById(book.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        }

        var all = await client.GetAsync("/Targets?handler=Export&format=xlsx");
        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Rows(await all.Content.ReadAsByteArrayAsync());
        rows[0].ShouldBe(["政策文件", "指标", "范围", "目标", "期限", "当前值", "单位", "状态", "说明", "依据"]);
        rows.Skip(1).Select(r => r[0]).ShouldContain("垣政办发〔2023〕19号");
        rows.Skip(1).Select(r => r[0]).ShouldNotContain("阳政办发〔2023〕24号");

        var filtered = Rows(await client.GetByteArrayAsync("/Targets?handler=Export&format=xlsx&document=yuanqu-2023-19"));
        filtered.Count.ShouldBeGreaterThan(1);
        filtered.Count.ShouldBeLessThan(rows.Count);
        filtered.Skip(1).ShouldAllBe(r => r[0] == "垣政办发〔2023〕19号");
        filtered.Skip(1).ShouldContain(r => r[1] == "市级专业镇数量");
    }
}
