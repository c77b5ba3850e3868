using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// A 专业镇 is a cluster in its recorded townships: an enterprise whose 乡镇 is another township of the county is refused as one
/// of its enterprises, by the import (on that row's 乡镇 cell) and by the form and API (on the 乡镇 field); the demo data holds none.
/// </summary>
public class EnterpriseTownshipOfTownTests
{
    private const string Yongji = "山西省/运城市/永济市";
    private static readonly UserScope Office = new(1, Roles.Office, Yongji, null);
    private const string Outside = "乡镇“城西街道”不属于卿头镇农副产品加工专业镇（卿头镇）";

    private static byte[] File(string name, string uscc, string township) =>
        TestFiles.Xlsx(TestFiles.Header(ImportKinds.Find("enterprises")!), TestFiles.Row(ImportKinds.Find("enterprises")!, new Dictionary<string, string>
        {
            ["uscc"] = uscc, ["name"] = name, ["county"] = "永济市", ["township"] = township, ["town"] = "卿头镇农副产品加工专业镇", ["role"] = "配套企业",
        }));

    private static string Problems(ImportResult r) => string.Join("；", r.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}"));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_enterprise_in_another_township_than_its_towns_is_refused_by_import_and_form(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var code = await db.Jurisdictions.Where(j => j.Path == Yongji).Select(j => j.Code).SingleAsync() ?? "140881";
        var kind = ImportKinds.Find("enterprises")!;

        var bad = await ImportEngine.RunAsync(db, Office, "测试", kind, "e.xlsx", File("乡镇与专业镇不符公司", Uscc.Demo(code, 918_273), "城西街道"), commit: true, TimeProvider.System);
        bad.Committed.ShouldBeFalse();
        bad.Errors.ShouldContain(e => e.Row == 2 && e.Column == "乡镇（街道）" && e.Message == Outside, Problems(bad));
        db.ChangeTracker.Clear();
        (await db.Enterprises.AnyAsync(e => e.Name == "乡镇与专业镇不符公司")).ShouldBeFalse();

        var good = await ImportEngine.RunAsync(db, Office, "测试", kind, "e.xlsx", File("卿头镇本镇公司", Uscc.Demo(code, 918_274), "卿头镇"), commit: true, TimeProvider.System);
        good.Committed.ShouldBeTrue(Problems(good));
        db.ChangeTracker.Clear();

        var county = await db.Jurisdictions.SingleAsync(j => j.Path == Yongji);
        var chengxi = await db.Jurisdictions.Where(j => j.Path == Yongji + "/城西街道").Select(j => j.Id).SingleAsync();
        var town = await db.Towns.Where(t => t.Name == "卿头镇农副产品加工专业镇").Select(t => t.Id).SingleAsync();
        var (id, errors) = await EnterpriseRegistry.SaveAsync(db, Office, null, new EnterpriseInput
        {
            Name = "表单乡镇不符公司", Uscc = Uscc.Demo(code, 918_275), CountyId = county.Id, TownshipId = chengxi, SpecializedTownId = town,
            Role = EnterpriseRole.Supporting,
        });
        id.ShouldBeNull();
        errors[nameof(EnterpriseInput.TownshipId)].ShouldBe(Outside);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task No_demo_enterprise_lies_outside_its_towns_townships(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var strays = await db.Enterprises.Where(e => e.TownshipId != null && e.SpecializedTownId != null
                && db.TownTownships.Any(x => x.SpecializedTownId == e.SpecializedTownId)
                && !db.TownTownships.Any(x => x.SpecializedTownId == e.SpecializedTownId && x.TownshipId == e.TownshipId))
            .Select(e => e.Name).ToListAsync();
        strays.ShouldBeEmpty();
    }
}
