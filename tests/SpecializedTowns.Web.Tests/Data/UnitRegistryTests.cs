using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class UnitRegistryTests
{
    [Theory]
    [InlineData("各镇人民政府", true)]
    [InlineData("各县〔市、区〕人民政府", true)]
    [InlineData("相关经济开发区管委会", true)]
    [InlineData("市直有关部门", true)]
    [InlineData("县工信科技局", false)]
    [InlineData("新绛经济技术开发区管委会", false)]
    public void Collective_phrases_are_not_units(string name, bool collective) => UnitNames.IsCollective(name).ShouldBe(collective);

    [Fact]
    public async Task The_units_the_documents_name_are_registered_under_their_jurisdiction_once()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var xinjiang = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/运城市/新绛县").Select(u => u.Name).ToListAsync();
        xinjiang.ShouldContain("县工信科技局");
        xinjiang.ShouldContain("新绛经济技术开发区管委会");
        xinjiang.ShouldContain("中国人民银行新绛支行");
        xinjiang.ShouldNotContain("各镇人民政府");
        (await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/朔州市").Select(u => u.Name).ToListAsync()).ShouldContain("市工信局");

        // 垣曲's text writes one bureau 县市场监督管理局 and 县市场监管局 (unitAliases): one unit, and the tasks of the
        // plan built from the text that name it by the short name are that unit's.
        var yuanqu = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/运城市/垣曲县").Select(u => u.Name).ToListAsync();
        yuanqu.ShouldContain("县市场监督管理局");
        yuanqu.ShouldNotContain("县市场监管局");
        var market = await db.Units.SingleAsync(u => u.Jurisdiction!.Path == "山西省/运城市/垣曲县" && u.Name == "县市场监督管理局");
        (await db.TaskUnits.CountAsync(u => u.UnitId == market.Id)).ShouldBeGreaterThan(0);

        var before = await db.Units.CountAsync();
        (await UnitRegistry.EnsureFromPacksAsync(db, Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory))).ShouldBe(0);
        (await db.Units.CountAsync()).ShouldBe(before);

        // For work in 新绛 its own units, not 垣曲's; for work in 怀仁, 朔州's city units above it.
        var options = await UnitRegistry.ForPathAsync(db, "山西省/运城市/新绛县");
        options.ShouldAllBe(o => o.Place == "新绛县");
        options.ShouldNotBeEmpty();
        var huairen = await UnitRegistry.ForPathAsync(db, "山西省/朔州市/怀仁市");
        huairen.ShouldContain(o => o.Place == "朔州市" && o.Name == "市工信局");
    }

    [Fact]
    public async Task An_account_s_unit_is_the_one_of_that_name_at_its_place_or_above_not_a_second_one()
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        // 历山镇's township account belongs to the 历山镇 of 垣曲's leading group (a member unit), not to a second unit of the
        // same government that notices and evaluations would list beside it.
        var lishan = await db.Users.Where(u => u.UserName == "lishan-township").Select(u => new { u.Unit!.Name, Place = u.Unit.Jurisdiction!.Path }).SingleAsync();
        lishan.ShouldBe(new { Name = "历山镇", Place = "山西省/运城市/垣曲县" });
        (await db.Units.CountAsync(u => u.Name.StartsWith("历山镇"))).ShouldBe(1);

        var township = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县/历山镇");
        var bureau = await UnitRegistry.ResolveAsync(db, township.Id, " 县农业农村局 ");
        bureau.JurisdictionId.ShouldBe((await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县")).Id);
        var before = await db.Units.CountAsync();
        var own = await UnitRegistry.ResolveAsync(db, township.Id, "历山镇农业综合服务中心");
        own.JurisdictionId.ShouldBe(township.Id);
        (await db.Units.CountAsync()).ShouldBe(before + 1);
    }
}
