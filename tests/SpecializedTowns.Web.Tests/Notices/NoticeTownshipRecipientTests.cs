using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// A township and the unit registered under its name (垣曲县's 华峰乡, 历山镇: its government, and the unit its staff account belongs
/// to) are one 整改对象: offered once, issued to as the township, and a notice to either form found under the same recipient.
/// </summary>
public class NoticeTownshipRecipientTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private const string Yuanqu = "山西省/运城市/垣曲县";

    private static Task<UserScope> ScopeAsync(TownsDbContext db, string userName) => DemoScopes.OfAsync(db, userName);

    private static NoticeDraft Draft(RecipientKind kind, int id) => new()
    {
        RecipientKind = kind, RecipientId = id, Basis = "2030年度专业镇发展评估结果",
        Findings = [new NoticeFinding("专班月报 2 个月未按时报送", "月报记录")],
        Deadline = new DateOnly(2031, 1, 30), ContactName = "李明", ContactPhone = "0359-6022135",
    };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_township_is_offered_once_and_a_notice_to_its_unit_is_made_out_to_the_township(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var service = new NoticeService(db, new FixedClock(new DateOnly(2030, 12, 30)), new NoticeSettings(), Catalog);
        var office = await ScopeAsync(db, "yuanqu-office");

        var recipients = await service.RecipientsAsync(office);
        var townships = recipients.Where(r => r.Kind == RecipientKind.Township).Select(r => r.Name).ToList();
        townships.ShouldContain("华峰乡");
        townships.ShouldBeUnique();
        var units = recipients.Where(r => r.Kind == RecipientKind.Unit).Select(r => r.Name).ToList();
        units.ShouldNotBeEmpty();
        units.Intersect(townships).ShouldBeEmpty("a township is listed as 乡镇（街道） only");
        units.ShouldContain("县农业农村局");

        var huafengUnit = await db.Units.Where(u => u.Jurisdiction!.Path == Yuanqu && u.Name == "华峰乡").Select(u => u.Id).SingleAsync();
        var huafeng = await db.Jurisdictions.Where(j => j.Path == Yuanqu + "/华峰乡").Select(j => j.Id).SingleAsync();
        (await service.ListedRecipientAsync(RecipientKind.Unit, huafengUnit)).ShouldBe((RecipientKind.Township, huafeng));
        (await service.PreviewAsync(office, RecipientKind.Unit, huafengUnit))!.DefaultAddressee.ShouldBe("华峰乡人民政府");

        var id = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Unit, huafengUnit));
        await using var check = storage.CreateContext();
        var stored = await check.Notices.AsNoTracking().SingleAsync(n => n.Id == id);
        (stored.RecipientKind, stored.RecipientTownshipId, stored.RecipientUnitId, stored.RecipientAreaId, stored.Addressee)
            .ShouldBe((RecipientKind.Township, (int?)huafeng, (int?)null, huafeng, "华峰乡人民政府"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_notice_to_either_form_is_found_under_the_township_and_by_the_townships_accounts(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var service = new NoticeService(db, new FixedClock(new DateOnly(2030, 12, 30)), new NoticeSettings(), Catalog);
        var office = await ScopeAsync(db, "yuanqu-office");
        var staff = await ScopeAsync(db, "lishan-township");
        var lishanUnit = await db.Units.Where(u => u.Jurisdiction!.Path == Yuanqu && u.Name == "历山镇").Select(u => u.Id).SingleAsync();
        var lishan = await db.Jurisdictions.Where(j => j.Path == Yuanqu + "/历山镇").Select(j => j.Id).SingleAsync();
        var county = await db.Jurisdictions.Where(j => j.Path == Yuanqu).Select(j => j.Id).SingleAsync();

        var toTownship = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Township, lishan));
        // One issued to the unit before the two were one recipient: as it was stored then.
        var toUnit = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Township, lishan));
        await db.Notices.Where(n => n.Id == toUnit).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.RecipientKind, RecipientKind.Unit).SetProperty(n => n.RecipientUnitId, lishanUnit)
            .SetProperty(n => n.RecipientTownshipId, (int?)null).SetProperty(n => n.RecipientAreaId, county));

        var asTownship = (await service.ListAsync(office, new NoticeFilter { RecipientKind = RecipientKind.Township, Year = 2030 })).Items.Select(n => n.Id).ToList();
        asTownship.ShouldBe([toTownship, toUnit], ignoreOrder: true);
        (await service.ListAsync(office, new NoticeFilter { RecipientKind = RecipientKind.Unit, Year = 2030 })).Items.ShouldBeEmpty();

        // The township's staff, without a unit on the account as with it, and an account of the township's unit: both notices, as recipient.
        foreach (var scope in new[] { staff, staff with { UnitId = null }, new UserScope(9901, Roles.MemberUnit, Yuanqu, null) { UnitId = lishanUnit } })
        {
            (await service.ListAsync(scope, new NoticeFilter { Year = 2030 })).Items.Select(n => n.Id).ShouldBe([toTownship, toUnit], ignoreOrder: true, scope.Role);
            foreach (var id in new[] { toTownship, toUnit })
            {
                var view = await service.ViewAsync(scope, id, "历山镇");
                view.RecordsOnBehalf.ShouldBeFalse($"{scope.Role} {id}");
                view.Recordable.ShouldNotBeEmpty($"{scope.Role} {id}: the recipient reports");
            }
        }
        // Another township's staff sees neither.
        var other = staff with { UserId = 9902, JurisdictionPath = Yuanqu + "/华峰乡", UnitId = null };
        (await service.ListAsync(other, new NoticeFilter { Year = 2030 })).Items.ShouldBeEmpty();
    }
}
