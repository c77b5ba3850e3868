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
/// A city's or the province's 督办通知书 about a town goes where the town's own document sends it: 阳政办发〔2023〕24号 六（五）
/// and 朔政办发〔2023〕19号 五（五） name the county government (its office answers), 永济's 五（四） the township.
/// </summary>
public class NoticeCountyGovernmentTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    private static Task<UserScope> ScopeAsync(TownsDbContext db, string userName) => DemoScopes.OfAsync(db, userName);

    private static NoticeDraft Draft(int townId) => new()
    {
        RecipientKind = RecipientKind.Town, RecipientId = townId, Basis = "2030年度专业镇发展评估结果",
        Findings = [new NoticeFinding("重点项目开工率低于全市平均", "2030年度评估·项目开工率")],
        Deadline = new DateOnly(2031, 1, 30), ContactName = "孙伟", ContactPhone = "0353-2021357",
    };

    private static Task<int> TownAsync(TownsDbContext db, string name) => db.Towns.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_notice_about_a_yangquan_town_goes_to_the_county_government_whose_office_rectifies_it(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var service = new NoticeService(db, new FixedClock(new DateOnly(2030, 12, 30)), new NoticeSettings(), Catalog);
        var city = await ScopeAsync(db, "yangquan-office");
        var town = await TownAsync(db, "郊区耐火材料专业镇");

        (await service.PreviewAsync(city, RecipientKind.Town, town))!.DefaultAddressee.ShouldBe("郊区人民政府");
        var id = await service.CreateAsync(city, "阳泉市专业镇办", Draft(town));
        await using (var check = storage.CreateContext())
            (await check.Notices.AsNoTracking().SingleAsync(n => n.Id == id)).Addressee.ShouldBe("郊区人民政府");

        // The county's office answers as the addressee itself, not on its behalf.
        var countyId = await db.Users.Where(u => u.UserName == "yangquan-office").Select(u => u.Id).SingleAsync();
        var county = new UserScope(countyId, Roles.Office, "山西省/阳泉市/郊区", null);
        var view = await service.ViewAsync(county, id, "郊区专业镇办");
        view.RecordsOnBehalf.ShouldBeFalse();
        view.Steps.ShouldContain(NoticeStep.Record);
        view.AnsweredBy!.ShouldContain("阳政办发〔2023〕24号 六（五）");
        view.AnsweredBy!.ShouldContain("整改情况由郊区专业镇发展领导小组办公室填报和报送");
        await service.RecordAsync(county, "郊区专业镇办", id, 1, new RectificationInput("两个项目已于本月开工", "开工报告"));
        (await service.SubmitAsync(county, "郊区专业镇办", id)).ShouldBe(1);
        await service.VerifyAsync(city, "阳泉市专业镇办", id, 1, accept: true, null);
        await using (var check = storage.CreateContext())
        {
            var stored = await check.Notices.AsNoTracking().Include(n => n.Events).SingleAsync(n => n.Id == id);
            stored.State.ShouldBe(NoticeState.Rectified);
            stored.Events.Where(e => e.UserName == "郊区专业镇办").ShouldAllBe(e => !e.OnBehalf);
        }
        var (content, _) = await service.DocumentAsync(city, id);
        DocxText(content).ShouldContain("郊区人民政府：");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_province_writes_to_huairen_city_government_and_yuncheng_to_a_yongji_township(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var service = new NoticeService(db, new FixedClock(new DateOnly(2030, 12, 30)), new NoticeSettings(), Catalog);

        var huairen = await TownAsync(db, "怀仁陶瓷专业镇");
        (await service.PreviewAsync(await ScopeAsync(db, "shanxi-office"), RecipientKind.Town, huairen))!.DefaultAddressee.ShouldBe("怀仁市人民政府");

        // 永济 五（四）: "专业镇所在镇（街道）", so the township, as before.
        var qingtou = await TownAsync(db, "卿头镇农副产品加工专业镇");
        (await service.PreviewAsync(await ScopeAsync(db, "yuncheng-office"), RecipientKind.Town, qingtou))!.DefaultAddressee.ShouldBe("卿头镇人民政府");
    }

    private static string DocxText(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        return doc.MainDocumentPart!.Document.Body!.InnerText;
    }
}
