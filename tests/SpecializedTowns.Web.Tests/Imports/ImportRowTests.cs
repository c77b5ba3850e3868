using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>Every problem of a row in one round, and task milestones brought up to date by a re-import.</summary>
public class ImportRowTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);

    private static async Task<TownsDbContext> LoadedAsync() => (await TestDatabases.WithDemoAsync(StorageProvider.Sqlite)).CreateContext();

    private static Task<ImportResult> RunAsync(TownsDbContext db, ImportKind kind, byte[] file, bool commit) =>
        ImportEngine.RunAsync(db, Yuanqu, "测试", kind, "file.xlsx", file, commit, TimeProvider.System);

    private static string Problems(ImportResult r, int row) => string.Join("；", r.Errors.Where(e => e.Row == row).Select(e => $"{e.Column} {e.Message}"));

    [Fact]
    public async Task A_row_with_a_bad_cell_is_also_checked_against_the_database()
    {
        await using var db = await LoadedAsync();
        var enterprises = ImportKinds.Find("enterprises")!;
        var elsewhere = await db.Enterprises.Where(e => e.County!.Name == "新绛县").Select(e => e.Uscc).FirstAsync();
        var file = TestFiles.Xlsx(
            TestFiles.Header(enterprises),
            // A code registered in another county, and a type that is not one of the options.
            TestFiles.Row(enterprises, new Dictionary<string, string> { ["uscc"] = elsewhere, ["name"] = "某企业", ["county"] = "垣曲县", ["role"] = "龙头" }),
            // A county outside the scope and a town that does not exist, and a bad yes/no.
            TestFiles.Row(enterprises, new Dictionary<string, string>
            {
                ["uscc"] = Uscc.Demo("140827", 912_345), ["name"] = "另一企业", ["county"] = "新绛县", ["town"] = "不存在的专业镇", ["role"] = "配套企业", ["aboveScale"] = "也许",
            }));

        var result = await RunAsync(db, enterprises, file, commit: false);

        result.Errors.ShouldContain(e => e.Row == 2 && e.Column == "企业类型" && e.Message.StartsWith("“龙头”不是可选的企业类型"), Problems(result, 2));
        result.Errors.ShouldContain(e => e.Row == 2 && e.Column == "统一社会信用代码" && e.Message == EnterpriseRegistry.UsccElsewhere, Problems(result, 2));
        result.Errors.ShouldContain(e => e.Row == 3 && e.Column == "规模以上企业", Problems(result, 3));
        result.Errors.ShouldContain(e => e.Row == 3 && e.Column == "所在县（市、区）" && e.Message == "“新绛县”不在您的数据范围内", Problems(result, 3));
        result.Errors.ShouldContain(e => e.Row == 3 && e.Column == "所属专业镇" && e.Message.Contains("不存在的专业镇"), Problems(result, 3));
        result.Changes.ShouldBeEmpty();

        // The same for statistics: a bad figure and an enterprise that is not registered; a bad year and a duplicate is not claimed.
        var stats = ImportKinds.Find("enterprise-statistics")!;
        var unknown = Uscc.Demo("140827", 923_456);
        var statsFile = TestFiles.Xlsx(
            TestFiles.Header(stats),
            TestFiles.Row(stats, new Dictionary<string, string> { ["uscc"] = unknown, ["year"] = "2023", ["output"] = "很多" }));
        var statsResult = await RunAsync(db, stats, statsFile, commit: false);
        string.Join("|", statsResult.Errors.Select(e => e.Column).Order()).ShouldBe("年产值（万元）|统一社会信用代码", Problems(statsResult, 2));
    }

    [Fact]
    public async Task A_statistics_row_whose_name_is_not_that_of_the_enterprise_of_its_code_is_refused()
    {
        await using var db = await LoadedAsync();
        var stats = ImportKinds.Find("enterprise-statistics")!;
        var fish = await db.Enterprises.Where(e => e.Name.Contains("古城黄河水产")).Select(e => new { e.Id, e.Uscc, e.Name }).FirstAsync();
        var file = TestFiles.Xlsx(
            TestFiles.Header(stats),
            // A code copied from one row, a name from another: which enterprise is meant cannot be told.
            TestFiles.Row(stats, new Dictionary<string, string> { ["uscc"] = fish.Uscc, ["name"] = "错名字公司", ["year"] = "2021", ["output"] = "100" }),
            // The registered name typed with a space in it is the same name; no name at all is not checked.
            TestFiles.Row(stats, new Dictionary<string, string> { ["uscc"] = fish.Uscc, ["name"] = fish.Name.Insert(2, " "), ["year"] = "2020", ["output"] = "100" }),
            TestFiles.Row(stats, new Dictionary<string, string> { ["uscc"] = fish.Uscc, ["year"] = "2019", ["output"] = "100" }));

        var stored = await db.EnterpriseStatistics.CountAsync(s => s.EnterpriseId == fish.Id);
        var result = await RunAsync(db, stats, file, commit: true);

        var error = result.Errors.ShouldHaveSingleItem();
        (error.Row, error.Column).ShouldBe((2, "企业名称"));
        error.Message.ShouldBe($"企业名称“错名字公司”与统一社会信用代码 {fish.Uscc} 在企业名录中登记的名称“{fish.Name}”不一致，请核对代码或名称（企业已更名的，请先在企业名录中修改名称）");
        result.Committed.ShouldBeFalse();
        (await db.EnterpriseStatistics.CountAsync(s => s.EnterpriseId == fish.Id)).ShouldBe(stored, "nothing of the file is written");

        var fixedFile = TestFiles.Xlsx(
            TestFiles.Header(stats),
            TestFiles.Row(stats, new Dictionary<string, string> { ["uscc"] = fish.Uscc, ["name"] = fish.Name, ["year"] = "2021", ["output"] = "100" }));
        (await RunAsync(db, stats, fixedFile, commit: true)).Errors.ShouldBeEmpty();
    }

    private sealed record TaskContext(string Plan, string Group, string Unit, int Year);

    private static async Task<TaskContext> PlanAsync(TownsDbContext db)
    {
        var plan = await db.ActionPlans.Where(p => p.Jurisdiction!.Path == "山西省/运城市/垣曲县").OrderByDescending(p => p.Year)
            .Select(p => new { p.Title, p.Year, Group = p.Groups.OrderBy(g => g.SortOrder).Select(g => g.Title).First() }).FirstAsync();
        var unit = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/运城市/垣曲县").OrderBy(u => u.Id).Select(u => u.Name).FirstAsync();
        return new TaskContext(plan.Title, plan.Group, unit, plan.Year);
    }

    private static byte[] TaskFile(ImportKind kind, TaskContext c, string? milestones) => TestFiles.Xlsx(
        TestFiles.Header(kind),
        TestFiles.Row(kind, new Dictionary<string, string?>
        {
            ["plan"] = c.Plan, ["group"] = c.Group, ["title"] = "导入测试：里程碑随文件更新", ["source"] = "垣政办发〔2023〕19号 五（二）",
            ["lead"] = c.Unit, ["deadline"] = $"{c.Year}-12-31", ["milestones"] = milestones,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!)));

    [Fact]
    public async Task Re_importing_a_task_adds_changes_and_deletes_untouched_milestones_but_keeps_those_with_progress()
    {
        await using var db = await LoadedAsync();
        var tasks = ImportKinds.Find("tasks")!;
        var c = await PlanAsync(db);
        var y = c.Year;
        var first = await RunAsync(db, tasks, TaskFile(tasks, c, $"甲（{y}-03-31）；乙（{y}-06-30）；丙（{y}-09-30）；丁（{y}-10-31）"), commit: true);
        first.Errors.ShouldBeEmpty(Problems(first, 2));
        first.Committed.ShouldBeTrue();

        // The lead unit finished 甲 and started 丙; 乙 and 丁 have nothing reported.
        var task = await db.PlanTasks.Include(t => t.Milestones).SingleAsync(t => t.Title == "导入测试：里程碑随文件更新");
        var done = task.Milestones.Single(m => m.Title == "甲");
        (done.Progress, done.DoneOn) = (100, new DateOnly(y, 3, 20));
        task.Milestones.Single(m => m.Title == "丙").Progress = 40;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // 甲 (done) and 丁 (untouched) are left out; 乙 moves; 丙 is renamed (same deadline); 戊 is new.
        var file = TaskFile(tasks, c, $"乙（{y}-07-31）；丙（调整后）（{y}-09-30）；戊（{y}-11-30）");
        var preview = await RunAsync(db, tasks, file, commit: false);
        preview.Errors.ShouldBeEmpty(Problems(preview, 2));
        var change = preview.Changes.ShouldHaveSingleItem();
        change.Action.ShouldBe(RowAction.Update);
        change.Fields.ShouldBe([
            new FieldChange("里程碑", $"丁（{y}年10月31日）", "（删除）"),
            new FieldChange("里程碑", $"乙（{y}年6月30日）", $"乙（{y}年7月31日）"),
            new FieldChange("里程碑", $"丙（{y}年9月30日）", $"丙（调整后）（{y}年9月30日）"),
            new FieldChange("里程碑", "（无）", $"新增 戊（{y}年11月30日）"),
        ]);
        (await db.Milestones.CountAsync(m => m.TaskId == task.Id)).ShouldBe(4, "a dry run writes nothing");

        var written = await RunAsync(db, tasks, file, commit: true);
        written.Committed.ShouldBeTrue(string.Join("；", written.Errors.Select(e => e.Message)));
        db.ChangeTracker.Clear();
        var after = await db.Milestones.Where(m => m.TaskId == task.Id).OrderBy(m => m.Deadline).ToListAsync();
        after.Select(m => (m.Title, m.Deadline)).ShouldBe([
            ("甲", new DateOnly(y, 3, 31)), ("乙", new DateOnly(y, 7, 31)), ("丙（调整后）", new DateOnly(y, 9, 30)), ("戊", new DateOnly(y, 11, 30)),
        ]);
        after[0].DoneOn.ShouldNotBeNull("the finished milestone is kept as it was");
        after[2].Progress.ShouldBe(40, "a renamed milestone keeps its progress");

        // The same file again changes nothing, and a blank milestone cell leaves them alone.
        (await RunAsync(db, tasks, file, commit: false)).Unchanged.ShouldBe(1);
        var blank = await RunAsync(db, tasks, TaskFile(tasks, c, null), commit: false);
        blank.Errors.ShouldBeEmpty();
        blank.Unchanged.ShouldBe(1);
    }

    [Fact]
    public async Task The_template_states_the_milestone_rule()
    {
        await using var db = await LoadedAsync();
        var template = await TemplateWriter.WriteAsync(db, Yuanqu, ImportKinds.Find("tasks")!, DateOnly.FromDateTime(DateTime.UtcNow));
        var (text, _) = TestFiles.ReadBack(template, TemplateWriter.InstructionsSheet);
        text.Values.ShouldContain(t => t.Contains("已完成、已有进度或申请过延期的一律保留"));
        text.Values.ShouldContain(t => t.Contains("单元格留空时，其里程碑不作改动"));
    }
}
