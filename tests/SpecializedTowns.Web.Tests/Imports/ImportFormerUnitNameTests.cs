using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// A file that names a unit by a name it had before a rename or a merge (unit_former_names) gives the work to that unit, as a
/// policy pack does: the task import's 牵头/配合单位 and the project import's 责任单位 go through the one lookup (UnitLookup).
/// </summary>
public class ImportFormerUnitNameTests
{
    private const string Yuanqu = "山西省/运城市/垣曲县";
    private static readonly UserScope Office = new(1, Roles.Office, Yuanqu, null);

    private static Task<ImportResult> RunAsync(TownsDbContext db, ImportKind kind, byte[] file, bool commit) =>
        ImportEngine.RunAsync(db, Office, "测试", kind, "file.xlsx", file, commit, TimeProvider.System);

    private static string Problems(ImportResult r) => string.Join("；", r.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}"));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_renamed_unit_s_old_name_and_a_merged_unit_s_name_import_as_the_unit_that_remains(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var county = await db.Jurisdictions.SingleAsync(j => j.Path == Yuanqu);
        var tourism = await db.Units.Where(u => u.JurisdictionId == county.Id && u.Name == "县文旅局").Select(u => u.Id).SingleAsync();
        var bureau = await db.Units.Where(u => u.JurisdictionId == county.Id && u.Name == "县工科局").Select(u => u.Id).SingleAsync();

        // 县文旅局 renamed; 县工业科技局 registered by hand and merged into 县工科局.
        (await UnitCatalog.RenameAsync(db, tourism, "县文化和旅游局")).Unit.ShouldNotBeNull();
        var stray = (await UnitCatalog.AddAsync(db, county.Id, "县工业科技局")).Unit!.Id;
        (await UnitMerge.MergeAsync(db, stray, bureau)).Ok.ShouldBeTrue();
        db.ChangeTracker.Clear();

        // Tasks: the file writes both old names.
        var tasks = ImportKinds.Find("tasks")!;
        var plan = await db.ActionPlans.Where(p => p.Jurisdiction!.Path == Yuanqu).OrderByDescending(p => p.Year)
            .Select(p => new { p.Title, p.Year, Group = p.Groups.OrderBy(g => g.SortOrder).Select(g => g.Title).First() }).FirstAsync();
        var taskFile = TestFiles.Xlsx(TestFiles.Header(tasks), TestFiles.Row(tasks, new Dictionary<string, string>
        {
            ["plan"] = plan.Title, ["group"] = plan.Group, ["title"] = "导入测试：按曾用名写的单位", ["source"] = "垣政办发〔2023〕19号 四（二）",
            ["lead"] = "县文旅局", ["cooperating"] = "县工业科技局", ["deadline"] = $"{plan.Year}-12-31",
        }));
        var imported = await RunAsync(db, tasks, taskFile, commit: true);
        imported.Committed.ShouldBeTrue(Problems(imported));
        db.ChangeTracker.Clear();
        var task = await db.PlanTasks.Include(t => t.Units).SingleAsync(t => t.Title == "导入测试：按曾用名写的单位");
        task.Units.Select(u => u.UnitId).Order().ShouldBe(new[] { tourism, bureau }.Order());
        (await db.Units.CountAsync(u => u.JurisdictionId == county.Id && (u.Name == "县文旅局" || u.Name == "县工业科技局"))).ShouldBe(0, "no unit of the old names comes back");

        // Projects: the 责任单位 by the merged unit's name.
        var projects = ImportKinds.Find("projects")!;
        var projectFile = TestFiles.Xlsx(TestFiles.Header(projects), TestFiles.Row(projects, new Dictionary<string, string>
        {
            ["name"] = "导入测试：曾用名责任单位项目", ["town"] = "历山镇蜂蜜专业镇", ["owner"] = "某投资公司", ["kind"] = "新建", ["role"] = "补短板强弱项",
            ["total"] = "1000", ["planYear"] = plan.Year.ToString(), ["unit"] = "县工业科技局",
        }));
        var preview = await RunAsync(db, projects, projectFile, commit: false);
        preview.Errors.ShouldBeEmpty(Problems(preview));
        (await RunAsync(db, projects, projectFile, commit: true)).Committed.ShouldBeTrue();
        db.ChangeTracker.Clear();
        (await db.Projects.Where(p => p.Name == "导入测试：曾用名责任单位项目").Select(p => p.ResponsibleUnitId).SingleAsync()).ShouldBe(bureau);

        // A name no unit has, now or before, is still refused, and says former names were looked at too.
        var unknown = TestFiles.Xlsx(TestFiles.Header(projects), TestFiles.Row(projects, new Dictionary<string, string>
        {
            ["name"] = "导入测试：无此单位", ["town"] = "历山镇蜂蜜专业镇", ["owner"] = "某投资公司", ["kind"] = "新建", ["role"] = "补短板强弱项",
            ["total"] = "1000", ["planYear"] = plan.Year.ToString(), ["unit"] = "县工业局",
        }));
        (await RunAsync(db, projects, unknown, commit: false)).Errors.ShouldContain(e => e.Column == "责任单位" && e.Message.Contains("没有名为“县工业局”的单位（含曾用名）"));
    }
}
