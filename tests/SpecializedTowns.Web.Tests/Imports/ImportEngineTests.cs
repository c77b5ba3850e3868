using System.Text;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>The import engine on real databases with the demo loaded: checks, dry runs, all-or-nothing writes, scope.</summary>
public class ImportEngineTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly ImportKind Enterprises = ImportKinds.Find("enterprises")!;

    private static async Task<TownsDbContext> LoadedAsync(StorageProvider provider = StorageProvider.Sqlite) =>
        (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    private static Task<ImportResult> RunAsync(TownsDbContext db, ImportKind kind, byte[] file, bool commit, string name = "file.xlsx", UserScope? scope = null) =>
        ImportEngine.RunAsync(db, scope ?? Yuanqu, "测试", kind, name, file, commit, TimeProvider.System);

    private static string Code(int seed) => Uscc.Demo("140827", 900_000 + seed);

    private static string?[] Enterprise(string? code, string? name = "测试企业", string? county = "垣曲县", string? township = null, string? town = null,
        string? role = "配套企业", string? aboveScale = null, string? designations = null) =>
        TestFiles.Row(Enterprises, new Dictionary<string, string?>
        {
            ["uscc"] = code, ["name"] = name, ["county"] = county, ["township"] = township, ["town"] = town, ["role"] = role,
            ["aboveScale"] = aboveScale, ["designations"] = designations,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));

    [Fact]
    public async Task An_enterprise_s_own_industry_and_its_field_import_and_update_for_the_cluster_map()
    {
        await using var db = await LoadedAsync();
        var code = Code(77);
        var row = (string? industry, string? category) => TestFiles.Row(Enterprises, new Dictionary<string, string?>
        {
            ["uscc"] = code, ["name"] = "垣曲香菇加工厂", ["county"] = "垣曲县", ["role"] = "配套企业", ["industry"] = industry, ["industryCategory"] = category,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));

        var bad = await RunAsync(db, Enterprises, TestFiles.Xlsx([(1, TestFiles.Header(Enterprises)), (2, row("香菇", "矿业"))]), commit: true);
        bad.Errors.Single().Column.ShouldBe("产业领域");
        (await db.Enterprises.AnyAsync(e => e.Uscc == code)).ShouldBeFalse();

        (await RunAsync(db, Enterprises, TestFiles.Xlsx([(1, TestFiles.Header(Enterprises)), (2, row("香菇", "特优农业"))]), commit: true)).Committed.ShouldBeTrue();
        var saved = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Uscc == code);
        (saved.Industry, saved.IndustryCategory).ShouldBe(("香菇", Core.Recognition.IndustryCategories.SpecialtyAgriculture));

        var update = await RunAsync(db, Enterprises, TestFiles.Xlsx([(1, TestFiles.Header(Enterprises)), (2, row("食用菌", null))]), commit: true);
        update.Changes.Single().Fields.Select(f => (f.Column, f.Old, f.New)).ShouldBe([("所属产业", "香菇", "食用菌"), ("产业领域", "特优农业", "（空）")]);
        saved = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Uscc == code);
        (saved.Industry, saved.IndustryCategory).ShouldBe(("食用菌", (string?)null));
    }

    private static readonly string[] Written = [.. BadInput.ImportMutationTests.ImportTables, "jurisdictions"];

    private static string Problems(ImportResult r) => string.Join("；", r.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}"));

    [Fact]
    public async Task Every_template_s_example_imports_as_new_once_the_person_takes_it_over_and_then_finds_it_unchanged()
    {
        await using var db = await LoadedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var kind in ImportKinds.All)
        {
            var template = await TemplateWriter.WriteAsync(db, Yuanqu, kind, today);
            var (text, _) = TestFiles.ReadBack(template, TemplateWriter.InstructionsSheet);
            text.Values.ShouldContain(kind.Columns[0].FullHeader, $"{kind.Title}: the instructions list the columns");

            // The example's values written as the person's own row (its “示例：” deleted) are a complete, valid row, and
            // its key is free: a year or month without stored figures, a code or name nobody has. So it adds, never overwrites.
            var own = TestFiles.ExampleTakenOver(template);
            var first = await RunAsync(db, kind, own, commit: true, $"{kind.Key}.xlsx");
            first.Errors.ShouldBeEmpty($"{kind.Title}: {Problems(first)}");
            (first.Rows, first.Created, first.Committed).ShouldBe((1, 1, true), $"{kind.Title}: {string.Join("；", first.Changes.Select(c => $"{c.ActionName} {c.Record}"))}");

            var again = await RunAsync(db, kind, own, commit: false, $"{kind.Key}.xlsx");
            again.Errors.ShouldBeEmpty();
            again.Unchanged.ShouldBe(1, $"{kind.Title}: the second import of the same row changes nothing");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_template_uploaded_as_downloaded_is_refused_at_its_example_row_and_writes_nothing(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var kind in ImportKinds.All)
        {
            var template = await TemplateWriter.WriteAsync(db, Yuanqu, kind, today);
            var before = await BadInput.DbState.CaptureAsync(db, Written);
            var result = await RunAsync(db, kind, template, commit: true, $"{kind.Key}.xlsx");
            result.Committed.ShouldBeFalse(kind.Title);
            result.Rows.ShouldBe(1);
            // Only the one message: the example is not also checked as a row (“示例：历山镇蜂蜜专业镇” is no town).
            var error = result.Errors.ShouldHaveSingleItem($"{kind.Title}: {Problems(result)}");
            (error.Row, error.Column).ShouldBe((2, kind.Columns[0].FullHeader));
            error.Message.ShouldStartWith("第 2 行是模板自带的示例，请删除后再导入");
            before.ShouldBeUnchanged(await BadInput.DbState.CaptureAsync(db, Written), kind.Title);
        }
    }

    [Fact]
    public async Task The_reported_templates_no_longer_touch_the_project_s_progress_or_the_town_s_figures()
    {
        // The tester's case: last month's real progress of the first project in scope was overwritten by the example and its
        // 困难问题 cleared; the town's example wrote last year's figures. Both are stored here first, as a clerk would report them.
        await using var db = await LoadedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var progress = ImportKinds.Find("project-progress")!;
        var townStatistics = ImportKinds.Find("town-statistics")!;
        var (sheet, _) = TestFiles.ReadBack(await TemplateWriter.WriteAsync(db, Yuanqu, progress, today), progress.SheetName);
        var lastMonth = today.AddMonths(-1);
        var reported = await RunAsync(db, progress, TestFiles.Xlsx(TestFiles.Header(progress), TestFiles.Row(progress, new Dictionary<string, string>
        {
            ["town"] = TestFiles.Unmarked(sheet["A2"])!, ["project"] = sheet["B2"], ["year"] = lastMonth.Year.ToString(), ["month"] = lastMonth.Month.ToString(),
            ["amount"] = "1", ["progress"] = "真实进度：设备调试", ["difficulties"] = "资金缺口 300 万元",
        })), commit: true);
        reported.Committed.ShouldBeTrue(Problems(reported));
        var figures = await RunAsync(db, townStatistics, TestFiles.Xlsx(TestFiles.Header(townStatistics), TestFiles.Row(townStatistics, new Dictionary<string, string>
        {
            ["town"] = "历山镇蜂蜜专业镇", ["year"] = (today.Year - 1).ToString(), ["output"] = "123456",
        })), commit: true);
        figures.Committed.ShouldBeTrue(Problems(figures));
        db.ChangeTracker.Clear();
        var stored = await db.ProjectProgress.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.PhysicalProgress, p.Difficulties, p.InvestmentCompletedWanYuan }).ToListAsync();
        var statistics = await db.TownStatistics.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.OutputValueWanYuan, s.TaxWanYuan }).ToListAsync();
        var (lastProgress, lastStatistics) = (stored.Max(x => x.Id), statistics.Max(x => x.Id));

        (await RunAsync(db, progress, await TemplateWriter.WriteAsync(db, Yuanqu, progress, today), commit: true)).Committed.ShouldBeFalse();
        (await RunAsync(db, townStatistics, await TemplateWriter.WriteAsync(db, Yuanqu, townStatistics, today), commit: true)).Committed.ShouldBeFalse();

        // Even taken over as it is, the example adds a month and a year without reports rather than replacing one.
        var month = await RunAsync(db, progress, TestFiles.ExampleTakenOver(await TemplateWriter.WriteAsync(db, Yuanqu, progress, today)), commit: true);
        (month.Created, month.Committed).ShouldBe((1, true), Problems(month));
        var year = await RunAsync(db, townStatistics, TestFiles.ExampleTakenOver(await TemplateWriter.WriteAsync(db, Yuanqu, townStatistics, today)), commit: true);
        (year.Created, year.Committed).ShouldBe((1, true), Problems(year));
        db.ChangeTracker.Clear();
        (await db.ProjectProgress.AsNoTracking().Where(p => p.Id <= lastProgress).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.PhysicalProgress, p.Difficulties, p.InvestmentCompletedWanYuan }).ToListAsync()).ShouldBe(stored);
        (await db.TownStatistics.AsNoTracking().Where(s => s.Id <= lastStatistics).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.OutputValueWanYuan, s.TaxWanYuan }).ToListAsync()).ShouldBe(statistics);
    }

    [Fact]
    public async Task The_example_kept_above_the_person_s_rows_or_copied_below_them_is_refused_by_row_and_the_other_rows_are_still_checked()
    {
        await using var db = await LoadedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var kind = ImportKinds.Find("town-statistics")!;
        var template = await TemplateWriter.WriteAsync(db, Yuanqu, kind, today);
        var (sheet, _) = TestFiles.ReadBack(template, kind.SheetName);
        var example = kind.Columns.Select((_, i) => sheet.GetValueOrDefault(TemplateWriter.Letter(i) + "2")).ToArray();
        string?[] Own(int year, string output) =>
            TestFiles.Row(kind, new Dictionary<string, string> { ["town"] = "历山镇蜂蜜专业镇", ["year"] = year.ToString(), ["output"] = output, ["revenue"] = "800" });
        var before = await BadInput.DbState.CaptureAsync(db, Written);

        // Appended under the example, one of them with a fault of its own: both reported in one round.
        var appended = await RunAsync(db, kind, TestFiles.WithRows(template, [(3, Own(2016, "1000")), (4, Own(2015, "很多"))]), commit: true);
        appended.Committed.ShouldBeFalse();
        appended.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(2, "专业镇名称"), (4, "年产值（万元）")], Problems(appended));
        appended.Errors[0].Message.ShouldStartWith("第 2 行是模板自带的示例，请删除后再导入");
        appended.Rows.ShouldBe(3);

        // Copied to row 5 with a figure edited, under the person's row 2: still the example, named at row 5.
        var copied = (string?[])example.Clone();
        copied[kind.IndexOf("output")] = "99";
        var moved = await RunAsync(db, kind, TestFiles.WithRows(template, [(2, Own(2016, "1000")), (5, copied)]), commit: true);
        moved.Committed.ShouldBeFalse();
        var error = moved.Errors.ShouldHaveSingleItem(Problems(moved));
        (error.Row, error.Message).ShouldBe((5, "第 5 行是模板自带的示例，请删除后再导入（如已改为真实数据，请去掉“专业镇名称”开头的“示例：”）"));
        before.ShouldBeUnchanged(await BadInput.DbState.CaptureAsync(db, Written), "refused files");

        // The same template with the example deleted and the person's rows in its place imports.
        var deleted = TestFiles.WithRows(template, [(2, Own(2016, "1000")), (3, Own(2015, "900"))]);
        var written = await RunAsync(db, kind, deleted, commit: true);
        written.Errors.ShouldBeEmpty(Problems(written));
        (written.Committed, written.Created).ShouldBe((true, 2));
        var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        (await db.TownStatistics.AsNoTracking().Where(s => s.SpecializedTownId == town && s.Year <= 2016).OrderBy(s => s.Year).Select(s => s.OutputValueWanYuan).ToListAsync())
            .ShouldBe([900m, 1000m]);
    }

    [Fact]
    public async Task The_downloaded_template_shows_the_example_grey_and_marked_and_says_it_is_not_imported()
    {
        await using var db = await LoadedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var kind = ImportKinds.Find("town-statistics")!;
        // Last year already reported for the town, as it is by the end of the year.
        (await RunAsync(db, kind, TestFiles.Xlsx(TestFiles.Header(kind), TestFiles.Row(kind, new Dictionary<string, string>
            { ["town"] = "历山镇蜂蜜专业镇", ["year"] = (today.Year - 1).ToString(), ["output"] = "123456" })), commit: true)).Committed.ShouldBeTrue();
        var template = await TemplateWriter.WriteAsync(db, Yuanqu, kind, today);
        var (sheet, _) = TestFiles.ReadBack(template, "专业镇年度统计");
        sheet["A2"].ShouldBe("示例：历山镇蜂蜜专业镇");
        sheet["C2"].ShouldBe("185000");
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            var workbook = doc.WorkbookPart!;
            var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!);
            var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
            var fonts = workbook.WorkbookStylesPart.Stylesheet.Fonts!.Elements<DocumentFormat.OpenXml.Spreadsheet.Font>().ToList();
            foreach (var cell in part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Single(r => r.RowIndex! == 2u).Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                var format = formats[(int)cell.StyleIndex!.Value];
                format.NumberFormatId!.Value.ShouldBe(49u, "still text, so that codes keep their digits");
                var font = fonts[(int)format.FontId!.Value];
                font.Italic.ShouldNotBeNull(cell.CellReference);
                font.Color!.Rgb!.Value.ShouldBe(TemplateWriter.ExampleColour);
            }
        }
        var (notes, _) = TestFiles.ReadBack(template, TemplateWriter.InstructionsSheet);
        notes.Values.ShouldContain("模板第 2 行（灰色斜体，“专业镇名称”以“示例：”开头）是示例，不会被导入：带着它上传时系统会提示删除。请删除该行，或在其上改为真实数据并去掉“示例：”。");
        // The example year is one without figures for the town.
        var year = int.Parse(sheet["B2"]);
        var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        (await db.TownStatistics.AnyAsync(s => s.SpecializedTownId == town && s.Year == year)).ShouldBeFalse();

    }

    [Fact]
    public async Task The_template_has_drop_down_lists_of_the_scope_and_a_hidden_options_sheet()
    {
        await using var db = await LoadedAsync();
        var template = await TemplateWriter.WriteAsync(db, Yuanqu, Enterprises, DateOnly.FromDateTime(DateTime.UtcNow));
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(template), false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["企业名录", "填写说明", "选项"]);
        sheets[2].State!.Value.ShouldBe(DocumentFormat.OpenXml.Spreadsheet.SheetStateValues.Hidden);
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)doc.WorkbookPart.GetPartById(sheets[0].Id!);
        part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Count().ShouldBeGreaterThanOrEqualTo(4);
        var (options, _) = TestFiles.ReadBack(template, "选项");
        options.Values.ShouldContain("垣曲县");
        options.Values.ShouldContain("历山镇蜂蜜专业镇");
        options.Values.ShouldNotContain("新绛县", "another county is not offered");
        var (header, _) = TestFiles.ReadBack(template, "企业名录");
        header["A1"].ShouldBe("统一社会信用代码*");
    }

    [Fact]
    public async Task Each_rule_has_a_failing_row_with_its_own_message()
    {
        await using var db = await LoadedAsync();
        var xinjiang = await db.Enterprises.Where(e => e.County!.Name == "新绛县").Select(e => e.Uscc).FirstAsync();
        var rows = new (string?[] Cells, string Column, string Message)[]
        {
            (Enterprise(Code(1)), "", ""), // a good row
            (Enterprise(null), "统一社会信用代码", "请填写“统一社会信用代码”"),
            (Enterprise("91140827MA0K1234"), "统一社会信用代码", "统一社会信用代码应为 18 位（现为 16 位）"),
            (Enterprise(Code(2)[..17] + (Code(2)[17] == '0' ? "1" : "0")), "统一社会信用代码", "统一社会信用代码校验位不符"),
            (Enterprise(Code(1), name: "重复企业"), "统一社会信用代码", "第 7 行与第 3 行的统一社会信用代码相同，但企业名称不同：请核对后只保留一行"),
            (Enterprise(xinjiang), "统一社会信用代码", "该统一社会信用代码已在其他地区登记"),
            (Enterprise(Code(3), name: new string('长', 201)), "企业名称", "企业名称不超过 200 字（现为 201 字）"),
            (Enterprise(Code(4), county: "不存在县"), "所在县（市、区）", "没有名为“不存在县”的县（市、区）"),
            (Enterprise(Code(5), county: "新绛县"), "所在县（市、区）", "“新绛县”不在您的数据范围内"),
            (Enterprise(Code(6), township: "泽掌镇"), "乡镇（街道）", "乡镇“泽掌镇”不属于垣曲县"),
            (Enterprise(Code(7), town: "万安钻石专业镇"), "所属专业镇", "专业镇“万安钻石专业镇”不存在，或不在您的数据范围内"),
            (Enterprise(Code(8), role: "龙头"), "企业类型", "“龙头”不是可选的企业类型"),
            (Enterprise(Code(9), aboveScale: "也许"), "规模以上企业", "“也许”应填“是”或“否”"),
            (Enterprise(Code(10), designations: "专精特新企业、金牌企业"), "认定称号", "“金牌企业”不是可选的认定称号"),
        };
        var file = TestFiles.Xlsx(new[] { ("2024年企业名录（测试）", 1) }.Select(t => (t.Item2, new string?[] { t.Item1 }))
            .Append((2, TestFiles.Header(Enterprises)))
            .Concat(rows.Select((r, i) => (i + 3, r.Cells))));

        var result = await RunAsync(db, Enterprises, file, commit: true);

        result.Committed.ShouldBeFalse();
        result.HeaderRow.ShouldBe(2);
        for (var i = 1; i < rows.Length; i++)
        {
            var (_, column, message) = rows[i];
            var row = i + 3;
            result.Errors.ShouldContain(e => e.Row == row && e.Column == column && e.Message.StartsWith(message),
                $"row {row} should fail on {column}: {message}; got {string.Join("；", result.Errors.Where(e => e.Row == row).Select(e => e.Column + " " + e.Message))}");
        }
        result.Errors.ShouldNotContain(e => e.Row == 3);
        result.ErrorRows.ShouldBe(rows.Length - 1);
        (await db.Enterprises.CountAsync(e => e.Uscc == Code(1))).ShouldBe(0, "nothing is written while any row is wrong");
    }

    [Fact]
    public async Task Statistics_check_units_percentages_years_and_references()
    {
        await using var db = await LoadedAsync();
        var kind = ImportKinds.Find("town-statistics")!;
        string?[] Row(Dictionary<string, string> v) => TestFiles.Row(kind, v);
        var rows = new (string?[] Cells, string Column, string Message)[]
        {
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2023", ["output"] = "1.2亿", ["provincialShare"] = "35%" }), "", ""),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2022", ["output"] = "1200000元" }), "年产值（万元）", "单位应为万元"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2021", ["output"] = "很多" }), "年产值（万元）", "“很多”不是数字"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2020", ["provincialShare"] = "120" }), "省内市场占有率（%）", "百分数应在 0 到 100 之间"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2019", ["employment"] = "12.5" }), "从业人数（人）", "“12.5”应为整数"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2018", ["tax"] = "-3" }), "税收（万元）", "税收不能为负数"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "1999" }), "年度", "年度应在 2000 到"),
            // Annual statistics are of finished years only (ImportColumn.FinishedYears), the reason said.
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = $"{DateTime.UtcNow.Year + 2}", ["output"] = "100" }), "年度", "还没有开始，年度统计只能填报已结束的年份"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2023" }), "年度", "与第 2 行的专业镇和年度相同，但年产值、省内市场占有率不同"),
            (Row(new() { ["town"] = "万安钻石专业镇", ["year"] = "2023" }), "专业镇名称", "专业镇“万安钻石专业镇”不在您的数据范围内"),
            (Row(new() { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2017" }), "年产值（万元）", "请至少填写一项统计数据"),
        };
        var file = TestFiles.Xlsx(rows.Select(r => r.Cells).Prepend(TestFiles.Header(kind)).ToArray());

        var result = await RunAsync(db, kind, file, commit: false);

        for (var i = 1; i < rows.Length; i++)
        {
            var (row, column, message) = (i + 2, rows[i].Column, rows[i].Message);
            result.Errors.Any(e => e.Row == row && e.Column == column && e.Message.Contains(message))
                .ShouldBeTrue($"row {row}: {message}; got {string.Join("；", result.Errors.Where(e => e.Row == row).Select(e => e.Column + " " + e.Message))}");
        }
        // Digits typed as text are no longer read as Excel's day number (qa110 8: "45000" became 2023-03-15): 20270423 is the compact form.
        result.Errors.ShouldNotContain(e => e.Row == 2);
        var good = result.Changes.Single(c => c.Row == 2);
        good.Record.ShouldBe("历山镇蜂蜜专业镇 2023年");
    }

    [Fact]
    public async Task Tax_above_output_or_revenue_is_refused_also_against_the_stored_figures_a_file_leaves_alone()
    {
        await using var db = await LoadedAsync();
        var town = await db.Towns.AsNoTracking().Include(t => t.Statistics).SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var year = town.Statistics.Where(s => s.OutputValueWanYuan is not null).Max(s => s.Year);
        var storedOutput = town.Statistics.Single(s => s.Year == year).OutputValueWanYuan!.Value;
        var kind = ImportKinds.Find("town-statistics")!;
        string?[] Row(Dictionary<string, string> v) => TestFiles.Row(kind, v);

        // The whole sheet: tax against the output and the revenue of the same row.
        var whole = await RunAsync(db, kind, TestFiles.Xlsx(TestFiles.Header(kind),
            Row(new() { ["town"] = town.Name, ["year"] = "2015", ["output"] = "1000", ["revenue"] = "900", ["tax"] = "35" }),
            Row(new() { ["town"] = town.Name, ["year"] = "2014", ["output"] = "1000", ["revenue"] = "900", ["tax"] = "1200" }),
            Row(new() { ["town"] = town.Name, ["year"] = "2013", ["output"] = "1000", ["revenue"] = "900", ["tax"] = "950" })), commit: true);
        whole.Errors.ShouldNotContain(e => e.Row == 2);
        whole.Errors.ShouldContain(e => e.Row == 3 && e.Column == "税收（万元）" && e.Message == "税收不能大于年产值");
        whole.Errors.ShouldContain(e => e.Row == 4 && e.Column == "税收（万元）" && e.Message == "税收不能大于营业收入");
        whole.Committed.ShouldBeFalse();

        // Only town, year and tax: the stored output of that year stays, so the tax is checked against it.
        string?[] Narrow(params string[] keys) => keys.Select(k => kind.Columns.Single(c => c.Key == k).TemplateHeader).ToArray();
        var narrow = await RunAsync(db, kind, TestFiles.Xlsx(Narrow("town", "year", "tax"),
            [town.Name, year.ToString(), (storedOutput + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]), commit: true);
        narrow.Errors.ShouldContain(e => e.Row == 2 && e.Column == "税收（万元）" && e.Message == "税收不能大于年产值");
        narrow.Committed.ShouldBeFalse();
        (await db.TownStatistics.AsNoTracking().SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == year)).TaxWanYuan
            .ShouldBe(town.Statistics.Single(s => s.Year == year).TaxWanYuan);
    }

    [Fact]
    public async Task Dates_in_the_ways_people_write_them_and_planned_dates_in_order()
    {
        await using var db = await LoadedAsync();
        var kind = ImportKinds.Find("projects")!;
        Dictionary<string, string> Base(string name) => new()
        {
            ["name"] = name, ["town"] = "历山镇蜂蜜专业镇", ["owner"] = "某投资公司", ["kind"] = "新建", ["role"] = "补短板强弱项", ["total"] = "1000", ["planYear"] = "2025",
        };
        var file = TestFiles.Xlsx(
            TestFiles.Header(kind),
            TestFiles.Row(kind, new Dictionary<string, string>(Base("甲")) { ["plannedSigned"] = "2025-03-05", ["plannedStart"] = "2025/4/5", ["plannedProduction"] = "2026年3月5日", ["plannedTarget"] = "20270423" }),
            TestFiles.Row(kind, new Dictionary<string, string>(Base("乙")) { ["plannedSigned"] = "2025-13-05" }),
            TestFiles.Row(kind, new Dictionary<string, string>(Base("丙")) { ["plannedSigned"] = "2025-06-01", ["plannedStart"] = "2025-05-01" }),
            TestFiles.Row(kind, new Dictionary<string, string>(Base("丁")) { ["annual"] = "2000" }),
            TestFiles.Row(kind, new Dictionary<string, string>(Base("戊")) { ["unit"] = "不存在的局" }));

        var result = await RunAsync(db, kind, file, commit: false);

        // Digits typed as text are no longer read as Excel's day number (qa110 8: "45000" became 2023-03-15): 20270423 is the compact form.
        result.Errors.ShouldNotContain(e => e.Row == 2);
        result.Errors.ShouldContain(e => e.Row == 3 && e.Column == "计划签约日期" && e.Message.Contains("不是有效日期"));
        result.Errors.ShouldContain(e => e.Row == 4 && e.Column == "计划开工日期" && e.Message == "计划开工日期不能早于计划签约日期");
        result.Errors.ShouldContain(e => e.Row == 5 && e.Column == "年度计划投资（万元）" && e.Message == "年度计划投资应在 0 到总投资之间");
        result.Errors.ShouldContain(e => e.Row == 6 && e.Column == "责任单位" && e.Message.Contains("没有名为“不存在的局”的单位"));
    }

    [Fact]
    public async Task A_file_with_hundreds_of_errors_returns_every_one()
    {
        await using var db = await LoadedAsync();
        var rows = Enumerable.Range(1, 600).Select(i => Enterprise(Code(i)[..17] + (Code(i)[17] == '0' ? "1" : "0"), role: "不知道")).ToList();
        var result = await RunAsync(db, Enterprises, TestFiles.Xlsx(rows.Prepend(TestFiles.Header(Enterprises)).ToArray()), commit: false);
        result.Errors.Count.ShouldBe(1200);
        result.ErrorRows.ShouldBe(600);
        result.Errors.Select(e => e.Row).Distinct().ShouldBe(Enumerable.Range(2, 600));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_file_that_fails_at_its_last_row_writes_nothing_and_a_clean_one_writes_everything(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var before = await db.Enterprises.CountAsync();
        var good = Enumerable.Range(1, 200).Select(i => Enterprise(Code(i), name: $"导入企业{i}", town: "历山镇蜂蜜专业镇", designations: "专精特新企业")).ToList();
        var failing = good.Append(Enterprise(Code(999), county: "新绛县")).Prepend(TestFiles.Header(Enterprises)).ToArray();

        var refused = await RunAsync(db, Enterprises, TestFiles.Xlsx(failing), commit: true);
        refused.Committed.ShouldBeFalse();
        refused.Errors.Single().Row.ShouldBe(202);
        refused.Created.ShouldBe(200);
        (await db.Enterprises.CountAsync()).ShouldBe(before);

        var written = await RunAsync(db, Enterprises, TestFiles.Xlsx(good.Prepend(TestFiles.Header(Enterprises)).ToArray()), commit: true);
        written.Committed.ShouldBeTrue();
        written.Created.ShouldBe(200);
        db.ChangeTracker.Clear();
        (await db.Enterprises.CountAsync()).ShouldBe(before + 200);
        var one = await db.Enterprises.Include(e => e.Designations).SingleAsync(e => e.Uscc == Code(7));
        one.Name.ShouldBe("导入企业7");
        one.Designations.Select(d => d.Key).ShouldBe(["specialized-sophisticated"]);
        one.SpecializedTownId.ShouldNotBeNull();

        // The same file again with one name changed: every code is found as stored (looked up as one set of codes).
        var again = good.Select((r, i) => i == 6 ? Enterprise(Code(7), name: "导入企业7（更名）", town: "历山镇蜂蜜专业镇", designations: "专精特新企业") : r);
        var updated = await RunAsync(db, Enterprises, TestFiles.Xlsx(again.Prepend(TestFiles.Header(Enterprises)).ToArray()), commit: true);
        (updated.Committed, updated.Created, updated.Updated, updated.Unchanged).ShouldBe((true, 0, 1, 199));
        db.ChangeTracker.Clear();
        (await db.Enterprises.Where(e => e.Uscc == Code(7)).Select(e => e.Name).SingleAsync()).ShouldBe("导入企业7（更名）");
        (await db.Enterprises.CountAsync()).ShouldBe(before + 200);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Imported_enterprises_have_the_history_a_form_save_leaves_and_later_saves_take_fresh_ids(StorageProvider provider)
    {
        // New rows go in through the bulk writer, not EF: their history and ids must read as if saved one by one.
        await using var db = await LoadedAsync(provider);
        var clerk = new AuditActor(42, "yuanqu-office", "垣曲县专业镇办", "山西省/运城市/垣曲县", "10.1.2.3");
        db.Actor = clerk;
        // The newest enterprise deleted: its id (and its history) must not pass to an imported one.
        var (gone, _) = await EnterpriseRegistry.SaveAsync(db, Yuanqu, null, new EnterpriseInput
        {
            Name = "已注销的企业", Uscc = Code(397), CountyId = await db.Jurisdictions.Where(j => j.Name == "垣曲县").Select(j => j.Id).SingleAsync(),
            Role = EnterpriseRole.Supporting, Designations = ["specialized-sophisticated"],
        });
        db.ChangeTracker.Clear();
        var goneEnterprise = await db.Enterprises.Include(e => e.Designations).SingleAsync(e => e.Id == gone);
        var goneDesignation = goneEnterprise.Designations.Single().Id;
        db.Enterprises.Remove(goneEnterprise);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        // 3,000 enterprises with a designation each, then 2,100 without, the last 100 in a township: 8,100 audit entries,
        // more than one of the blocks of 5,000 they are written in, and a place first met in the second block.
        const int count = 5_100, designated = 3_000, inTownship = 100;
        var rows = Enumerable.Range(1, count).Select(i => Enterprise(Code(1000 + i), name: $"批量企业{i}", town: "历山镇蜂蜜专业镇",
            township: i > count - inTownship ? "历山镇" : null, designations: i <= designated ? "专精特新企业" : null)).ToList();
        var written = await RunAsync(db, Enterprises, TestFiles.Xlsx(rows.Prepend(TestFiles.Header(Enterprises)).ToArray()), commit: true);
        written.Committed.ShouldBeTrue();
        db.ChangeTracker.Clear();

        var imported = await db.Enterprises.AsNoTracking().Include(e => e.Designations).Where(e => e.Name.StartsWith("批量企业")).ToListAsync();
        imported.Count.ShouldBe(count);
        imported.Select(e => e.Id).Distinct().Count().ShouldBe(count);
        imported.ShouldAllBe(e => e.Id > gone!.Value && e.Designations.All(d => d.Id > goneDesignation));
        imported.Count(e => e.Designations.Count == 1 && e.Designations[0].Key == "specialized-sophisticated").ShouldBe(designated);
        imported.ShouldAllBe(e => e.Designations.Count <= 1 && e.Version == 0);
        var one = imported.Single(e => e.Name == "批量企业7");
        var history = await db.AuditEntries.AsNoTracking().Where(e => e.RootType == "Enterprise" && e.RootId == one.Id.ToString()).ToListAsync();
        history.Select(e => (e.EntityType, e.Action)).ShouldBe([("Enterprise", AuditAction.Created), ("EnterpriseDesignation", AuditAction.Created)], ignoreOrder: true);
        var created = history.Single(e => e.EntityType == "Enterprise");
        (created.EntityId, created.EntityLabel, created.UserName, created.ActorPath, created.RecordPath).ShouldBe(
            (one.Id.ToString(), "批量企业7", "yuanqu-office", "山西省/运城市/垣曲县", "山西省/运城市/垣曲县"));
        created.ReadChanges().ToDictionary(c => c.Field)["Uscc"].New.ShouldBe(Code(1007));
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.RootType == "Enterprise" && e.Action == AuditAction.Created && e.UserName == "yuanqu-office")
            .Select(e => new { e.EntityType, e.EntityId, e.RootId, e.RecordPath }).ToListAsync();
        var ids = imported.Select(e => e.Id.ToString()).ToHashSet();
        entries.Where(e => e.EntityType == "Enterprise" && ids.Contains(e.EntityId)).Select(e => e.EntityId).Distinct().Count().ShouldBe(count, "one entry for every enterprise");
        var designations = imported.SelectMany(e => e.Designations).Select(d => d.Id.ToString()).ToHashSet();
        entries.Where(e => e.EntityType == "EnterpriseDesignation" && designations.Contains(e.EntityId) && ids.Contains(e.RootId)).Count().ShouldBe(designated, "and for every designation, filed under its enterprise");
        // Described after all 5,100 enterprises, in a later block than theirs: still filed where their enterprise is.
        entries.Where(e => e.EntityType == "EnterpriseDesignation" && designations.Contains(e.EntityId)).Select(e => e.RecordPath).Distinct().ShouldBe(["山西省/运城市/垣曲县"]);
        // Each entry filed where its enterprise is: its township, else its county (the township's path looked up in the second block).
        var places = await db.AuditEntries.AsNoTracking().Where(e => e.RootType == "Enterprise" && e.UserName == "yuanqu-office" && e.EntityType == "Enterprise")
            .Select(e => new { e.EntityId, e.RecordPath }).ToListAsync();
        var township = imported.Where(e => e.TownshipId != null).Select(e => e.Id.ToString()).ToHashSet();
        township.Count.ShouldBe(inTownship);
        places.Where(p => ids.Contains(p.EntityId)).GroupBy(p => township.Contains(p.EntityId)).ToDictionary(g => g.Key, g => g.Select(p => p.RecordPath).Distinct().Single())
            .ShouldBe(new Dictionary<bool, string?> { [false] = "山西省/运城市/垣曲县", [true] = "山西省/运城市/垣曲县/历山镇" });

        // A form save and a second import after it take ids past the imported ones (the PostgreSQL sequence moved with them).
        var input = new EnterpriseInput
        {
            Name = "导入之后的企业", Uscc = Code(399), CountyId = one.CountyId, SpecializedTownId = one.SpecializedTownId,
            Role = EnterpriseRole.Supporting, Designations = ["specialized-sophisticated"],
        };
        var (id, errors) = await EnterpriseRegistry.SaveAsync(db, Yuanqu, null, input);
        errors.ShouldBeEmpty();
        var lastImported = imported.Max(e => e.Id);
        id!.Value.ShouldBeGreaterThan(lastImported);
        var again = await RunAsync(db, Enterprises, TestFiles.Xlsx([TestFiles.Header(Enterprises), Enterprise(Code(398), name: "第二批企业", designations: "专精特新企业")]), commit: true);
        again.Committed.ShouldBeTrue();
        db.ChangeTracker.Clear();
        (await db.Enterprises.Where(e => e.Uscc == Code(398)).Select(e => e.Id).SingleAsync()).ShouldBeGreaterThan(id.Value);
        (await db.EnterpriseDesignations.CountAsync(d => d.Key == "specialized-sophisticated" && d.EnterpriseId > lastImported)).ShouldBe(2);
        await SpecializedTowns.Web.Tests.Data.EnterpriseTallyTests.ShouldMatchTheEnterprisesAsync(db, "after the imports");
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_tells_new_from_updated_and_unchanged()
    {
        await using var db = await LoadedAsync();
        var stored = await db.Enterprises.Include(e => e.Designations).Where(e => e.County!.Name == "垣曲县").OrderBy(e => e.Id).Take(2).ToListAsync();
        var towns = await db.Towns.ToDictionaryAsync(t => t.Id, t => t.Name);
        string?[] Same(Enterprise e, string? name = null) => Enterprise(e.Uscc, name ?? e.Name, "垣曲县", role: Core.Enterprises.Enterprise.RoleName(e.Role),
            aboveScale: e.IsAboveScale ? "是" : "否", town: e.SpecializedTownId is { } t ? towns[t] : null,
            designations: string.Join("、", e.Designations.Select(d => SpecializedTowns.Core.Enterprises.Designations.Name(d.Key))));
        var columns = Enterprises.Columns.Where(c => c.Key != "township").ToList();
        string?[] WithoutTownship(string?[] row) => row.Where((_, i) => Enterprises.Columns[i].Key != "township").ToArray();
        var file = TestFiles.Xlsx(
            WithoutTownship(TestFiles.Header(Enterprises)),
            WithoutTownship(Same(stored[0])),
            WithoutTownship(Same(stored[1], "改过名字的企业")),
            WithoutTownship(Enterprise(Code(1), name: "新企业")));
        db.ChangeTracker.Clear();

        var result = await RunAsync(db, Enterprises, file, commit: false);

        result.Errors.ShouldBeEmpty(string.Join("；", result.Errors.Select(e => e.Message)));
        result.Changes.Select(c => (c.Row, c.Action)).ShouldBe([(2, RowAction.Unchanged), (3, RowAction.Update), (4, RowAction.Create)],
            string.Join("；", result.Changes.SelectMany(c => c.Fields).Select(f => $"{f.Column}: {f.Old} → {f.New}")));
        var update = result.Changes[1].Fields.ShouldHaveSingleItem();
        update.ShouldBe(new FieldChange("企业名称", stored[1].Name, "改过名字的企业"));
        (result.Created, result.Updated, result.Unchanged).ShouldBe((1, 1, 1));
        (await db.Enterprises.AnyAsync(e => e.Uscc == Code(1))).ShouldBeFalse();
        (await db.Enterprises.Where(e => e.Id == stored[1].Id).Select(e => e.Name).SingleAsync()).ShouldBe(stored[1].Name);
        columns.Count.ShouldBe(Enterprises.Columns.Count - 1);
    }

    [Fact]
    public async Task Blank_rows_title_rows_and_merged_header_cells_keep_the_sheet_row_numbers()
    {
        await using var db = await LoadedAsync();
        var header = TestFiles.Header(Enterprises);
        // Row 1: a merged title; rows 2–3: a two-row header whose first cell is merged down over both; blank rows 5 and 7–8.
        var upper = header.Select((h, i) => i == 0 ? h : i == 1 ? "基本信息" : null).ToArray();
        var lower = header.Select((h, i) => i == 0 ? null : h).ToArray();
        var file = TestFiles.Xlsx(
            [(1, ["垣曲县 2024 年企业名录"]), (2, upper), (3, lower), (4, Enterprise(Code(1))), (6, Enterprise("BAD")), (9, Enterprise(Code(2), role: "错"))],
            merges: ["A1:H1", "A2:A3"]);

        var result = await RunAsync(db, Enterprises, file, commit: false);

        result.HeaderRow.ShouldBe(3);
        result.Rows.ShouldBe(3);
        result.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(6, "统一社会信用代码"), (9, "企业类型")]);
        result.Changes.Single().Row.ShouldBe(4);
    }

    [Fact]
    public async Task The_error_workbook_is_the_senders_own_with_an_error_column_and_red_cells()
    {
        await using var db = await LoadedAsync();
        var file = TestFiles.Xlsx([(1, ["标题"]), (3, TestFiles.Header(Enterprises)), (4, Enterprise(Code(1))), (6, Enterprise(Code(2), role: "错", aboveScale: "也许"))], sheetName: "我的企业");
        var result = await RunAsync(db, Enterprises, file, commit: false);

        var marked = ErrorWorkbook.Write(file, "企业.xlsx", result);
        ErrorWorkbook.FileName("企业.xlsx").ShouldBe("企业（错误标注）.xlsx");
        var (text, fill) = TestFiles.ReadBack(marked, "我的企业");
        text["A1"].ShouldBe("标题");
        text["K3"].ShouldBe("错误说明");
        text.ShouldNotContainKey("K4");
        text["K6"].ShouldContain("【企业类型】“错”不是可选的企业类型");
        text["K6"].ShouldContain("【规模以上企业】“也许”应填“是”或“否”");
        fill["F6"].ShouldBe(ErrorWorkbook.RedFill);
        fill["G6"].ShouldBe(ErrorWorkbook.RedFill);
        fill["A6"].ShouldNotBe(ErrorWorkbook.RedFill);
        text["A6"].ShouldBe(Code(2));

        // Read back by the reader too: the marked file still imports, with the same errors at the same rows.
        var again = await RunAsync(db, Enterprises, marked, commit: false);
        again.Errors.Select(e => (e.Row, e.Column)).ShouldBe(result.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public async Task A_csv_saved_by_a_chinese_excel_is_read_and_comes_back_with_its_error_column()
    {
        await using var db = await LoadedAsync();
        var lines = new[] { string.Join(",", TestFiles.Header(Enterprises)), "", string.Join(",", Enterprise(Code(1)).Select(c => c ?? "")), string.Join(",", Enterprise(Code(2), role: "错").Select(c => c ?? "")) };
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n", lines) + "\r\n");
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\n", lines))).ToArray();
        foreach (var bytes in new[] { gbk, utf8 })
        {
            var result = await RunAsync(db, Enterprises, bytes, commit: false, "企业.csv");
            result.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(4, "企业类型")]);
            result.Changes.Single().Row.ShouldBe(3);
            var marked = Encoding.UTF8.GetString(ErrorWorkbook.Write(bytes, "企业.csv", result)).TrimStart('\uFEFF').Split("\r\n");
            marked[0].ShouldEndWith(",错误说明");
            marked[3].ShouldContain("【企业类型】");
        }
    }

    [Fact]
    public async Task An_office_cannot_import_into_another_county_nor_a_role_without_the_right()
    {
        await using var db = await LoadedAsync();
        var file = TestFiles.Xlsx(TestFiles.Header(Enterprises), Enterprise(Code(1), county: "新绛县"));
        var result = await RunAsync(db, Enterprises, file, commit: true);
        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("“新绛县”不在您的数据范围内");

        var xinjiang = new UserScope(2, Roles.Office, "山西省/运城市/新绛县", null);
        (await RunAsync(db, Enterprises, file, commit: false, scope: xinjiang)).Errors.ShouldBeEmpty();

        var member = new UserScope(3, Roles.MemberUnit, "山西省/运城市/垣曲县", null);
        (await RunAsync(db, Enterprises, file, commit: true, scope: member)).Errors.Single().Message.ShouldBe("只有领导小组办公室可以导入企业名录");

        // Township staff report their own town's figures, and only theirs.
        var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var township = new UserScope(4, Roles.Township, "山西省/运城市/垣曲县/历山镇", town);
        var stats = ImportKinds.Find("town-statistics")!;
        var statsFile = TestFiles.Xlsx(TestFiles.Header(stats),
            TestFiles.Row(stats, new Dictionary<string, string> { ["town"] = "历山镇蜂蜜专业镇", ["year"] = "2022", ["output"] = "100" }),
            TestFiles.Row(stats, new Dictionary<string, string> { ["town"] = "皋落乡食用菌专业镇", ["year"] = "2022", ["output"] = "100" }));
        var own = await RunAsync(db, stats, statsFile, commit: false, scope: township);
        own.Errors.Select(e => e.Row).ShouldBe([3]);
    }
}
