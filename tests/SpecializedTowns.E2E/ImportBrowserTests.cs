using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class ImportBrowserTests(BrowserFixture fixture)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The template's columns in order: 统一社会信用代码, 企业名称, 所在县, 乡镇, 所属专业镇, 企业类型, 规模以上企业, 认定称号,
    /// 所属产业, 产业领域; the error column follows them.
    /// </summary>
    private sealed record Row(string Uscc, string Name, string County, string Township, string Town, string Role, string AboveScale, string Designations,
        string Industry = "", string Category = "")
    {
        public string[] Cells => [Uscc, Name, County, Township, Town, Role, AboveScale, Designations, Industry, Category];
    }

    private const int ErrorColumn = 10;

    /// <summary>Two enterprises of 垣曲县 as the platform holds them, to list unchanged and with a new name.</summary>
    private async Task<List<Row>> StoredAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var stored = await db.Enterprises.AsNoTracking().Include(e => e.Designations).Include(e => e.County)
            .Where(e => e.County!.Name == "垣曲县" && e.IsDemo && e.Name.EndsWith("有限公司")).OrderBy(e => e.Id).Take(2).ToListAsync();
        var places = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.Name);
        var towns = await db.Towns.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        return stored.Select(e => new Row(e.Uscc, e.Name, e.County!.Name, e.TownshipId is { } t ? places[t] : "", e.SpecializedTownId is { } s ? towns[s] : "",
            Enterprise.RoleName(e.Role), e.IsAboveScale ? "是" : "否", string.Join("、", e.Designations.Select(d => SpecializedTowns.Core.Enterprises.Designations.Name(d.Key))),
            e.Industry ?? "", e.IndustryCategory is { } c ? Core.Recognition.IndustryCategories.NameOf(c) : "")).ToList();
    }

    /// <summary>The downloaded template with its example row replaced by the clerk's rows (drop-downs and instructions kept).</summary>
    private static byte[] Filled(byte[] template, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            foreach (var example in data.Elements<DocumentFormat.OpenXml.Spreadsheet.Row>().Where(r => r.RowIndex! > 1).ToList()) example.Remove();
            uint number = 2;
            foreach (var cells in rows)
            {
                var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = number };
                for (var i = 0; i < cells.Length; i++)
                    row.Append(new Cell
                    {
                        CellReference = (char)('A' + i) + number.ToString(), DataType = CellValues.InlineString, StyleIndex = 3,
                        InlineString = new InlineString(new Text(cells[i])),
                    });
                data.Append(row);
                number++;
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static async Task<byte[]> BytesAsync(IDownload download)
    {
        await using var file = await download.CreateReadStreamAsync();
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task UploadAsync(IPage page, byte[] file)
    {
        var previous = await page.EvaluateAsync<string?>("() => document.querySelector('#import-job .import-job')?.id ?? null");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "企业名录（垣曲县）.xlsx", MimeType = Xlsx, Buffer = file });
        await page.ClickAsync("#upload-button");
        // The upload's own bar shows, then the check's progress is polled until this upload's summary replaces it.
        await page.Locator("#upload-progress").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.WaitForFunctionAsync(
            "old => { const job = document.querySelector('#import-job .import-job'); return !!job && job.id !== old && !!job.querySelector('#import-summary'); }",
            previous);
    }

    [BrowserFact]
    public async Task A_county_clerk_imports_enterprises_fixes_the_marked_row_previews_and_confirms()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office", 1366, 900);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        // 确认导入 asks the browser to confirm; the clerk says yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync(fixture.BaseUrl + "/Imports");
        (await page.InnerTextAsync("#import-kinds .active")).ShouldBe("企业名录");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#template-link"));
        download.SuggestedFilename.ShouldBe("企业名录导入模板.xlsx");
        var template = await BytesAsync(download);

        var stored = await StoredAsync();
        stored.Count.ShouldBe(2);
        // Fixed names and codes, so that the screenshot is the same from run to run (each run has its own database).
        var first = new Row(Uscc.Demo("140827", 7_002_024), "垣曲县导入测试蜂业有限公司", "垣曲县", "历山镇", "历山镇蜂蜜专业镇", "配套企业", "否", "专精特新企业");
        var second = first with { Uscc = Uscc.Demo("140827", 8_002_024), Name = "垣曲县导入测试农产品有限公司", Role = "龙头", Designations = "" };
        var renamed = stored[1] with { Name = stored[1].Name.Replace("有限公司", "股份有限公司") };
        Row[] rows = [stored[0], renamed, first, second];

        // First upload: the second new enterprise has a type that is not one of the options (row 5 of the sheet).
        await UploadAsync(page, Filled(template, rows.Select(r => r.Cells)));
        var listed = await page.InnerTextAsync("#import-errors");
        listed.ShouldContain("第 5 行");
        listed.ShouldContain("“龙头”不是可选的企业类型");
        (await page.InnerTextAsync("#import-summary")).ShouldContain("错误 1");
        (await page.Locator("#commit-button").CountAsync()).ShouldBe(0, "nothing can be confirmed while a row is wrong");

        var marked = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#marked-link"));
        marked.SuggestedFilename.ShouldBe("企业名录（垣曲县）（错误标注）.xlsx");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using (var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(await BytesAsync(marked))))
        {
            var sheet = new List<object?[]>();
            while (reader.Read()) sheet.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
            sheet[0][ErrorColumn].ShouldBe("错误说明");
            sheet[4][1].ShouldBe(second.Name);
            ((string)sheet[4][ErrorColumn]!).ShouldStartWith("【企业类型】“龙头”不是可选的企业类型");
            sheet[2][ErrorColumn].ShouldBeNull();
        }

        // Fixed and sent again: the dry run lists what would change, and nothing is written yet.
        rows[3] = second with { Role = "龙头企业" };
        await UploadAsync(page, Filled(template, rows.Select(r => r.Cells)));
        var summary = await page.InnerTextAsync("#import-summary");
        summary.ShouldContain("新增 2");
        summary.ShouldContain("更新 1");
        summary.ShouldContain("无变化 1");
        summary.ShouldContain("错误 0");
        var preview = await page.InnerTextAsync("#import-preview");
        preview.ShouldContain($"企业名称：{stored[1].Name} → {renamed.Name}");
        preview.ShouldContain(first.Name);
        await page.Locator("#import-preview").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("import-preview.png"), FullPage = true });
        // In another tab: the enterprise list does not have them yet.
        var list = await page.Context.NewPageAsync();
        await list.GotoAsync(fixture.BaseUrl + $"/Enterprises?search={Uri.EscapeDataString("导入测试")}");
        (await list.InnerTextAsync("main")).Contains(first.Name).ShouldBeFalse("a dry run writes nothing");

        await page.ClickAsync("#commit-button");
        var done = page.Locator("#import-done");
        await done.WaitForAsync();
        (await done.InnerTextAsync()).ShouldContain("新增 2 条，更新 1 条，1 条无变化");

        await list.ReloadAsync();
        var imported = await list.InnerTextAsync("table tbody");
        imported.ShouldContain(first.Name);
        imported.ShouldContain(second.Name);
        await list.GotoAsync(fixture.BaseUrl + $"/Enterprises?search={Uri.EscapeDataString(renamed.Name)}");
        (await list.InnerTextAsync("table tbody")).ShouldContain(renamed.Uscc);
        errors.ShouldBeEmpty();
    }
}
