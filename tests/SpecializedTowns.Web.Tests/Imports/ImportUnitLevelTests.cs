using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// Decision 0018: an import reads a bare unit name at the nearest place. 永济市 (a 县级市) and 运城市 both write their finance
/// bureau 市财政局, so a 永济 file's bare name takes 永济's and says that 运城市 has one too; written 市财政局（运城市）, as the
/// account form's list writes it, it is the city's.
/// </summary>
public class ImportUnitLevelTests
{
    private const string Yongji = "山西省/运城市/永济市";
    private const string Yuncheng = "山西省/运城市";
    private const string Name = "市财政局";

    private static async Task<int> UnitAsync(TownsDbContext db, string path, string name)
    {
        var place = await db.Jurisdictions.SingleAsync(j => j.Path == path);
        if (await db.Units.Where(u => u.JurisdictionId == place.Id && u.Name == name).Select(u => (int?)u.Id).SingleOrDefaultAsync() is { } id) return id;
        var unit = new Unit { JurisdictionId = place.Id, Name = name };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit.Id;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_name_two_levels_have_is_read_at_the_nearer_with_a_note_and_written_with_its_place_it_is_that_place_s(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var own = await UnitAsync(db, Yongji, Name);
        var city = await UnitAsync(db, Yuncheng, Name);
        db.ChangeTracker.Clear();
        var town = await db.Towns.Where(t => t.County!.Path == Yongji).Select(t => t.Name).FirstAsync();
        var kind = ImportKinds.Find("projects")!;
        string?[] Row(string project, string unit) => TestFiles.Row(kind, new Dictionary<string, string>
        {
            ["name"] = project, ["town"] = town, ["owner"] = "示例投资有限公司", ["kind"] = "新建", ["role"] = "补短板强弱项", ["total"] = "1000",
            ["planYear"] = DateTime.UtcNow.AddHours(8).Year.ToString(), ["unit"] = unit,
        });
        var file = TestFiles.Xlsx(TestFiles.Header(kind), Row("同名单位测试项目甲", Name), Row("同名单位测试项目乙", $"{Name}（运城市）"));

        var result = await ImportEngine.RunAsync(db, new UserScope(1, Roles.Office, Yongji, null), "测试", kind, "file.xlsx", file, commit: true, TimeProvider.System);

        result.Errors.ShouldBeEmpty();
        result.Committed.ShouldBeTrue();
        result.Warnings.Select(w => (w.Row, w.Column, w.Message)).ShouldBe(
            [(2, "责任单位", "“市财政局”按永济市的单位读取；运城市也有名为“市财政局”的单位，如指的是运城市的，请写“市财政局（运城市）”")]);
        db.ChangeTracker.Clear();
        var units = await db.Projects.Where(p => p.Name.StartsWith("同名单位测试项目")).ToDictionaryAsync(p => p.Name, p => p.ResponsibleUnitId);
        units["同名单位测试项目甲"].ShouldBe(own);
        units["同名单位测试项目乙"].ShouldBe(city);

        // A place that is not above 永济 is no place to read the name at.
        var other = await ImportEngine.RunAsync(db, new UserScope(1, Roles.Office, Yongji, null), "测试", kind, "file.xlsx",
            TestFiles.Xlsx(TestFiles.Header(kind), Row("同名单位测试项目丙", $"{Name}（新绛县）")), commit: true, TimeProvider.System);
        other.Committed.ShouldBeFalse();
        other.Errors.Select(e => e.Message).ShouldBe(["永济市及其上级没有名为“市财政局（新绛县）”的单位（含曾用名），请核对名称"]);
    }
}
