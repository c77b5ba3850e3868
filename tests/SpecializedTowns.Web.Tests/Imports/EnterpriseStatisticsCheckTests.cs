using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// 企业年度统计 (qa96 #7): the year still running is refused as an annual figure, the errors are counted in rows as the
/// other counts are, and a year far off the year before (in the file or stored) is flagged but imported.
/// </summary>
public class EnterpriseStatisticsCheckTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);

    /// <summary>7 December 2026, 10:00 in China: 2026 is not over, 2025 is the latest finished year.</summary>
    private static readonly TimeProvider December2026 = new FixedClock(new DateOnly(2026, 12, 7));

    private static readonly ImportKind Stats = ImportKinds.Find("enterprise-statistics")!;

    private static string?[] Row(string uscc, int year, string? output = null, string? revenue = null, string? name = null)
    {
        var values = new Dictionary<string, string> { ["uscc"] = uscc, ["year"] = year.ToString() };
        if (output is not null) values["output"] = output;
        if (revenue is not null) values["revenue"] = revenue;
        if (name is not null) values["name"] = name;
        return TestFiles.Row(Stats, values);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_current_year_is_refused_errors_count_rows_and_a_fivefold_jump_is_flagged_but_imported(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var pair = await db.Enterprises.Where(e => e.County!.Name == "垣曲县" && e.Statistics.Any(s => s.Year == 2024) && !e.Statistics.Any(s => s.Year == 2025))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Uscc }).Take(2).ToListAsync();
        pair.Count.ShouldBe(2);
        var (first, second) = (pair[0], pair[1]);
        // The first's 2023 near the 2024 its row brings (that 2024 is compared with it too), and the second's 2024 revenue as
        // stored, which its 2025 row is compared with.
        await db.EnterpriseStatistics.Where(s => s.EnterpriseId == first.Id && s.Year == 2023)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.OutputValueWanYuan, 1000m).SetProperty(s => s.RevenueWanYuan, 950m));
        await db.EnterpriseStatistics.Where(s => s.EnterpriseId == second.Id && s.Year == 2024).ExecuteUpdateAsync(u => u.SetProperty(s => s.RevenueWanYuan, 20000m));

        string?[][] good =
        [
            // The file's own 2024 for the first (900万元), and its 2025 typed in 亿: 16.7 times as much.
            Row(first.Uscc, 2024, output: "900", revenue: "850"),
            Row(first.Uscc, 2025, output: "1.5亿", revenue: "14000"),
            // The second's 2025 revenue against what is stored for 2024.
            Row(second.Uscc, 2025, revenue: "1500"),
        ];
        var withBad = TestFiles.Xlsx(
            TestFiles.Header(Stats),
            Row(first.Uscc, 2026, output: "500", name: "错名字公司"),
            good[0], good[1], good[2],
            Row(second.Uscc, 2026, output: "-5"));

        var check = await ImportEngine.RunAsync(db, Yuanqu, "测试", Stats, "file.xlsx", withBad, commit: false, December2026);

        check.Errors.ShouldContain(e => e.Row == 2 && e.Column == "年度" && e.Message == "2026年尚未结束，年度统计只能填报已结束的年份（2025年及以前）");
        check.Errors.ShouldContain(e => e.Row == 6 && e.Column == "年度" && e.Message == "2026年尚未结束，年度统计只能填报已结束的年份（2025年及以前）");
        check.Errors.Count.ShouldBe(4, string.Join("；", check.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}")));
        (check.Rows, check.Created, check.Updated, check.ErrorRows).ShouldBe((5, 2, 1, 2));
        check.ErrorTally.ShouldBe("2 行（4 处）");

        string[] warnings =
        [
            "4 年产值（万元） 年产值 15,000万元，是2024年（900万元）的 16.7 倍，请核实单位（万元）是否填对",
            "4 营业收入（万元） 营业收入 14,000万元，是2024年（850万元）的 16.5 倍，请核实单位（万元）是否填对",
            "5 营业收入（万元） 营业收入 1,500万元，只有2024年（20,000万元）的 7.5%，请核实单位（万元）是否填对",
        ];
        // Said on the rows that would import even while the file has errors, so that one round shows both.
        check.Warnings.Select(w => $"{w.Row} {w.Column} {w.Message}").ShouldBe(warnings);

        var file = TestFiles.Xlsx(new[] { TestFiles.Header(Stats) }.Concat(good).ToArray());
        var written = await ImportEngine.RunAsync(db, Yuanqu, "测试", Stats, "file.xlsx", file, commit: true, December2026);

        written.Committed.ShouldBeTrue(string.Join("；", written.Errors.Select(e => e.Message)));
        written.ErrorTally.ShouldBe("0 行");
        written.Warnings.Select(w => $"{w.Row + 1} {w.Column} {w.Message}").ShouldBe(warnings, "the committed result says the same");
        db.ChangeTracker.Clear();
        (await db.EnterpriseStatistics.SingleAsync(s => s.EnterpriseId == first.Id && s.Year == 2025)).OutputValueWanYuan.ShouldBe(15000m);
        (await db.EnterpriseStatistics.SingleAsync(s => s.EnterpriseId == second.Id && s.Year == 2025)).RevenueWanYuan.ShouldBe(1500m);

        // The marked file lists the warnings in its 错误说明 column, without a red cell: the rows were imported.
        var (sheet, fill) = TestFiles.ReadBack(ErrorWorkbook.Write(file, "file.xlsx", written), "数据");
        sheet["J1"].ShouldBe("错误说明");
        sheet["J3"].ShouldBe("【年产值（万元）】（提示，不影响导入）年产值 15,000万元，是2024年（900万元）的 16.7 倍，请核实单位（万元）是否填对；"
            + "【营业收入（万元）】（提示，不影响导入）营业收入 14,000万元，是2024年（850万元）的 16.5 倍，请核实单位（万元）是否填对");
        sheet["J4"].ShouldContain("只有2024年（20,000万元）的 7.5%");
        sheet.ContainsKey("J2").ShouldBeFalse();
        fill.GetValueOrDefault("D3").ShouldNotBe(ErrorWorkbook.RedFill);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_year_within_five_times_the_year_before_says_nothing(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var uscc = await db.Enterprises.Where(e => e.County!.Name == "垣曲县").OrderBy(e => e.Id).Select(e => e.Uscc).FirstAsync();
        var file = TestFiles.Xlsx(TestFiles.Header(Stats), Row(uscc, 2019, output: "1000"), Row(uscc, 2020, output: "5000"), Row(uscc, 2021, output: "1000.01"));
        var result = await ImportEngine.RunAsync(db, Yuanqu, "测试", Stats, "file.xlsx", file, commit: true, December2026);
        result.Committed.ShouldBeTrue(string.Join("；", result.Errors.Select(e => e.Message)));
        result.Warnings.ShouldBeEmpty();
    }
}
