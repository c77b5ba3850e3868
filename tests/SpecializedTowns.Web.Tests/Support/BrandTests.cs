using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Support;

/// <summary>品牌标准: the 山西精品 quota per town and its roll-up, the brand register and 地理标志 applications, on both providers.</summary>
public class BrandTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Shuozhou = new(2, Roles.Office, "山西省/朔州市", null);
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static async Task<int> TownAsync(TownsDbContext db, string name) => await db.Towns.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_quota_counts_each_town_s_shanxi_jingpin_brands_and_rolls_up_to_county_city_and_province(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        // The demo: 怀仁陶瓷 is provincial with 金沙滩骨质瓷 (山西精品); 山阴乳品 holds 桑干河 (山西精品) but is only 储备.
        var report = await BrandRegister.QuotaAsync(db, Catalog, Shuozhou, null, Today);
        report.Towns.Select(t => (t.Town, t.State)).ShouldBe([
            ("怀仁陶瓷专业镇", QuotaState.Met),
            ("平鲁小杂粮专业镇", QuotaState.NotRequired), ("山阴乳品专业镇", QuotaState.NotRequired), ("怀仁羔羊肉专业镇", QuotaState.NotRequired),
        ], ignoreOrder: true);
        report.Rollup.Single(a => a.Path == "山西省/朔州市").ShouldBe(new QuotaRollup("山西省/朔州市", "朔州市", 1, 1, 1, 1, 1, 0));
        (await BrandRegister.QuotaAsync(db, Catalog, Yuanqu, null, Today)).Towns.ShouldBeEmpty("垣曲县's documents set no brand quota");

        // Both 储备 towns become city-level; 怀仁羔羊肉 has none yet, then one of its enterprises gains one.
        var shanyin = await TownAsync(db, "山阴乳品专业镇");
        var lamb = await TownAsync(db, "怀仁羔羊肉专业镇");
        await db.Towns.Where(t => t.Id == shanyin || t.Id == lamb).ExecuteUpdateAsync(s => s.SetProperty(t => t.Tier, Tier.Municipal));
        report = await BrandRegister.QuotaAsync(db, Catalog, Shuozhou, null, Today);
        var lambQuota = report.Towns.Single(t => t.TownId == lamb);
        (lambQuota.State, lambQuota.Shortfall, lambQuota.Rule!.Requirement).ShouldBe((QuotaState.Pending, 1, "至少 1 个"));
        (await BrandRegister.QuotaAsync(db, Catalog, Shuozhou, null, new DateOnly(2026, 1, 5))).Towns.Single(t => t.TownId == lamb).State.ShouldBe(QuotaState.Missed);
        // 怀仁市: 怀仁陶瓷 (1 of at least 1, met) + 怀仁羔羊肉 (0 of 1); 山阴县: 1 of 1. 朔州市 and 山西省: 3 towns, 2 met, 2 brands, 1 short.
        report.Rollup.Select(a => (a.Name, a.Towns, a.Required, a.Met, a.Brands, a.Shortfall)).ShouldBe([
            ("山西省", 3, 3, 2, 2, 1), ("朔州市", 3, 3, 2, 2, 1), ("山阴县", 1, 1, 1, 1, 0), ("怀仁市", 2, 2, 1, 1, 1),
        ]);
        (await BrandRegister.QuotaAsync(db, Catalog, Shuozhou, "山西省/朔州市/山阴县", Today)).Towns.Select(t => t.Town).ShouldBe(["山阴乳品专业镇"]);

        // An enterprise's own brand (recorded on the enterprise only, as an import may) counts for its town.
        var enterprise = await db.Enterprises.Where(e => e.SpecializedTownId == lamb).Select(e => e.Id).FirstAsync();
        db.Brands.Add(new Brand { Name = "塞北羔羊", EnterpriseId = enterprise, Kind = BrandKind.Product, Level = RecognitionLevel.Provincial, Honour = BrandHonour.ShanxiJingpin });
        await db.SaveChangesAsync();
        report = await BrandRegister.QuotaAsync(db, Catalog, Shuozhou, null, Today);
        report.Towns.Single(t => t.TownId == lamb).Brands.ShouldBe(["塞北羔羊"]);
        report.Rollup.Single(a => a.Name == "朔州市").ShouldBe(new QuotaRollup("山西省/朔州市", "朔州市", 1, 3, 3, 3, 3, 0));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_brand_is_checked_saved_within_scope_and_its_honour_counts_toward_the_quota(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var lamb = await TownAsync(db, "怀仁羔羊肉专业镇");
        var other = await db.Enterprises.Where(e => e.SpecializedTownId != lamb && e.SpecializedTownId != null).Select(e => e.Id).FirstAsync();
        var input = new BrandInput { SpecializedTownId = lamb, Name = "  怀仁羔羊肉  ", Kind = BrandKind.Regional, Level = RecognitionLevel.Provincial, Honour = BrandHonour.ShanxiJingpin, Year = 2025 };

        (await BrandRegister.SaveAsync(db, Yuanqu, null, input, Today)).Errors["SpecializedTownId"].ShouldBe("所选专业镇不在您的数据范围内");
        (await BrandRegister.SaveAsync(db, Shuozhou with { Role = Roles.Leader }, null, input, Today)).Errors[""].ShouldBe("您的角色不能维护品牌");
        var errors = (await BrandRegister.SaveAsync(db, Shuozhou, null, input with { Kind = null, Year = 2030, EnterpriseId = other }, Today)).Errors;
        errors["Name"].ShouldBe("该专业镇已登记同名品牌");
        errors["Kind"].ShouldBe("请选择品牌类别");
        errors["Year"].ShouldBe("年度应在 1949 至 2025 之间");
        errors["EnterpriseId"].ShouldBe("所选企业不属于该专业镇");
        (await db.Brands.CountAsync(b => b.SpecializedTownId == lamb)).ShouldBe(1, "nothing written on a refusal");

        // The existing regional brand gains the honour: the town now meets the quota once it is city-level.
        var existing = await db.Brands.Where(b => b.SpecializedTownId == lamb).Select(b => b.Id).SingleAsync();
        var (id, ok) = await BrandRegister.SaveAsync(db, Shuozhou, existing, input, Today);
        ok.ShouldBeEmpty();
        id.ShouldBe(existing);
        var saved = await db.Brands.AsNoTracking().SingleAsync(b => b.Id == existing);
        (saved.Name, saved.Honour, saved.Year).ShouldBe(("怀仁羔羊肉", BrandHonour.ShanxiJingpin, 2025));
        await db.Towns.Where(t => t.Id == lamb).ExecuteUpdateAsync(s => s.SetProperty(t => t.Tier, Tier.Municipal));
        (await BrandRegister.QuotaAsync(db, Catalog, Shuozhou, null, Today)).Towns.Single(t => t.TownId == lamb).State.ShouldBe(QuotaState.Met);

        var list = await BrandRegister.ListAsync(db, new BrandFilter { Honour = BrandHonour.ShanxiJingpin }, Shuozhou);
        list.Items.Select(b => b.Name).ShouldBe(["怀仁羔羊肉", "金沙滩骨质瓷", "桑干河"], ignoreOrder: true);
        (await BrandRegister.ListAsync(db, new BrandFilter(), Yuanqu)).Items.ShouldNotContain(b => b.TownId == lamb);

        (await BrandRegister.DeleteAsync(db, Yuanqu, existing)).ShouldBe("品牌不存在，或不在您的数据范围内");
        (await BrandRegister.DeleteAsync(db, Shuozhou, existing)).ShouldBeNull();
        (await db.Brands.AnyAsync(b => b.Id == existing)).ShouldBeFalse();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_granted_geographical_indication_becomes_the_town_s_brand_and_cannot_then_be_deleted(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var ceramics = await TownAsync(db, "怀仁陶瓷专业镇");
        var app = await db.GeoIndications.Where(g => g.Name == "朔州陶瓷").Select(g => g.Id).SingleAsync();
        var brandsBefore = await db.Brands.CountAsync(b => b.SpecializedTownId == ceramics);

        (await GeoIndicationRegister.FindAsync(db, app, Yuanqu)).ShouldBeNull("another county's application does not exist for it");
        (await GeoIndicationRegister.MoveAsync(db, Yuanqu, app, GeoIndicationStatus.Approved, Today, "第1号", null, Today, "垣曲")).ShouldBe("地理标志申请不存在，或不在您的数据范围内");
        (await GeoIndicationRegister.MoveAsync(db, Shuozhou, app, GeoIndicationStatus.Approved, Today, null, null, Today, "朔州")).ShouldBe("获批时请填写注册号或公告号");
        (await GeoIndicationRegister.MoveAsync(db, Shuozhou, app, GeoIndicationStatus.Approved, new DateOnly(2025, 5, 20), "地理标志证明商标第 61234567 号", null, Today, "朔州")).ShouldBeNull();

        var (item, history) = (await GeoIndicationRegister.FindAsync(db, app, Shuozhou))!.Value;
        (item.Status, item.ApprovedOn, item.RegistrationNumber).ShouldBe((GeoIndicationStatus.Approved, new DateOnly(2025, 5, 20), "地理标志证明商标第 61234567 号"));
        history.Select(h => h.To).ShouldBe([GeoIndicationStatus.Preparing, GeoIndicationStatus.Submitted, GeoIndicationStatus.Accepted, GeoIndicationStatus.Approved]);
        // The town's regional brand of the same name is taken over, not doubled.
        (await db.Brands.CountAsync(b => b.SpecializedTownId == ceramics)).ShouldBe(brandsBefore);
        var brand = await db.Brands.AsNoTracking().SingleAsync(b => b.Id == item.BrandId);
        (brand.Name, brand.Kind, brand.Level, brand.Year, brand.SpecializedTownId).ShouldBe(("朔州陶瓷", BrandKind.GeographicalIndication, RecognitionLevel.National, 2025, (int?)ceramics));
        (await db.Towns.Where(t => t.Id == ceramics).Select(t => t.HistoricalOriginOrGeographicalIndication).SingleAsync()).ShouldBeTrue();
        (await BrandRegister.ListAsync(db, new BrandFilter { Kind = BrandKind.GeographicalIndication }, Shuozhou)).Items.ShouldContain(b => b.Id == brand.Id && b.FromGeoIndication);

        (await BrandRegister.DeleteAsync(db, Shuozhou, brand.Id)).ShouldBe("该品牌由获批的地理标志申请生成，不能删除");
        (await GeoIndicationRegister.DeleteAsync(db, Shuozhou, app)).ShouldBe("已获批的地理标志申请是品牌的依据，不能删除");
        (await GeoIndicationRegister.MoveAsync(db, Shuozhou, app, GeoIndicationStatus.Withdrawn, Today, null, "误登", Today, "朔州")).ShouldBe("地理标志已获批，状态不能再变更");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_new_application_is_checked_recorded_with_its_first_status_and_can_be_deleted_before_a_grant(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var lishan = await TownAsync(db, "历山镇蜂蜜专业镇");
        var input = new GeoIndicationInput
        {
            SpecializedTownId = lishan, Name = "历山蜂蜜", Product = "椴树蜜、百花蜜", Kind = GeoIndicationKind.ProtectedProduct, Applicant = "垣曲县蜂业协会",
            Status = GeoIndicationStatus.Submitted, StatusSince = new DateOnly(2025, 4, 1),
        };
        (await GeoIndicationRegister.SaveAsync(db, Shuozhou, null, input, Today, "朔州", DateTime.UtcNow)).Errors["SpecializedTownId"].ShouldBe("所选专业镇不在您的数据范围内");
        var errors = (await GeoIndicationRegister.SaveAsync(db, Yuanqu, null, input with { Name = " ", Status = GeoIndicationStatus.Approved, StatusSince = new DateOnly(2025, 7, 1) }, Today, "垣曲", DateTime.UtcNow)).Errors;
        errors["Name"].ShouldBe("请填写地理标志名称");
        errors["Status"].ShouldContain("获批请在申请登记后");
        errors["StatusSince"].ShouldBe("状态日期不能晚于今天");
        (await db.GeoIndications.AnyAsync(g => g.SpecializedTownId == lishan)).ShouldBeFalse();

        var (id, ok) = await GeoIndicationRegister.SaveAsync(db, Yuanqu, null, input, Today, "垣曲县专业镇办", DateTime.UtcNow);
        ok.ShouldBeEmpty();
        var (item, history) = (await GeoIndicationRegister.FindAsync(db, id!.Value, Yuanqu))!.Value;
        (item.County, item.Status, item.SubmittedOn, item.ClauseSource).ShouldBe(("垣曲县", GeoIndicationStatus.Submitted, (DateOnly?)new DateOnly(2025, 4, 1), "朔政办发〔2023〕19号 三（七）"));
        history.Single().By.ShouldBe("垣曲县专业镇办");
        (await GeoIndicationRegister.CountsAsync(db, new GeoIndicationFilter(), Yuanqu)).ShouldBe(new Dictionary<GeoIndicationStatus, int> { [GeoIndicationStatus.Submitted] = 1 });

        (await GeoIndicationRegister.DeleteAsync(db, Shuozhou, id.Value)).ShouldBe("地理标志申请不存在，或不在您的数据范围内");
        (await GeoIndicationRegister.DeleteAsync(db, Yuanqu, id.Value)).ShouldBeNull();
        (await db.GeoIndicationStatusChanges.AnyAsync(h => h.GeoIndicationApplicationId == id)).ShouldBeFalse();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_pages_and_the_api_show_a_city_its_quota_and_applications_and_keep_them_from_another_county(StorageProvider provider)
    {
        var shuozhou = await SeededPlatforms.SignedInAsync(provider, "shuozhou-office");
        var page = await shuozhou.GetStringAsync("/Support/Brands");
        page.ShouldContain("到2025年每个省级专业镇至少打造1—2个“山西精品”公用品牌");
        page.ShouldContain("金沙滩骨质瓷");
        page.ShouldContain("已完成");
        page.ShouldContain("登记品牌");
        var quota = ExportFiles.Xlsx(await (await shuozhou.GetAsync("/Support/Brands?handler=QuotaExport&format=xlsx")).Content.ReadAsByteArrayAsync());
        quota[0].Take(4).ShouldBe(["专业镇", "所在县（市、区）", "梯次", "目标"]);
        quota.Skip(1).Single(r => (string)r[0]! == "怀仁陶瓷专业镇")[8].ShouldBe("已完成");
        var gi = await shuozhou.GetStringAsync("/Support/Brands/GeoIndications");
        gi.ShouldContain("朔州陶瓷");
        gi.ShouldContain("怀仁羔羊肉");

        var api = await SeededPlatforms.ClientAsync(provider, "shuozhou-office");
        var report = await api.GetFromJsonAsync<QuotaJson>("/api/v1/support/brand-quota");
        report!.Towns.Single(t => t.Town == "怀仁陶瓷专业镇").State.ShouldBe("met");
        var apps = await api.GetFromJsonAsync<AppPage>("/api/v1/support/geo-indications?status=accepted");
        apps!.Items.Select(a => a.Name).ShouldBe(["朔州陶瓷"]);
        (await api.GetAsync("/api/v1/support/brands?honour=golden")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var foreign = apps.Items[0].Id;

        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        var empty = await yuanqu.GetStringAsync("/Support/Brands");
        empty.ShouldContain("您的数据范围内没有适用品牌配额的专业镇");
        // Filtered to a place: it is the place chosen that has none, not the person's scope.
        var province = await SeededPlatforms.SignedInAsync(provider, "shanxi-office");
        (await province.GetStringAsync("/Support/Brands?jurisdiction=" + Uri.EscapeDataString("运城市"))).ShouldContain("所选地区没有适用品牌配额的专业镇");
        empty.ShouldNotContain("金沙滩骨质瓷");
        var none = await yuanqu.GetStringAsync("/Support/Brands/GeoIndications");
        none.ShouldNotContain("怀仁市陶瓷行业协会");
        none.ShouldContain("您的数据范围内还没有地理标志申请");
        (await yuanqu.GetAsync($"/Support/Brands/GeoIndications/Detail/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Brands/GeoIndications/Edit/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var member = await SeededPlatforms.SignedInAsync(provider, "yuanqu-member");
        (await member.GetStringAsync("/Support/Brands")).ShouldNotContain("登记品牌");
        (await member.GetAsync("/Support/Brands/Edit")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    private sealed record QuotaJson(List<QuotaTown> Towns);

    private sealed record QuotaTown(string Town, string State);

    private sealed record AppPage(List<AppRow> Items, int Total);

    private sealed record AppRow(int Id, string Name);
}
