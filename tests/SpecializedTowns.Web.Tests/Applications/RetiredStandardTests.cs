using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// An application whose standard no loaded pack defines any more (its pack removed, or unreadable since) still reads by the
/// standard's name, taken from the pack's text the database kept when it was last loaded: 审定 and the other steps said
/// “认定标准“yuncheng-municipal”已不在政策包中”, the page's header showed the id.
/// </summary>
public class RetiredStandardTests
{
    [Fact]
    public async Task Steps_on_an_application_under_a_removed_standard_name_it_as_users_know_it()
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var service = new ApplicationService(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), TimeProvider.System);
        var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
        var city = new UserScope(101, Roles.Office, "山西省/运城市", null);
        var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
        var id = await service.CreateAsync(county, "yuanqu-office", town.Id, "yuncheng-municipal",
            """{"category":"specialty-agriculture","annualOutputValueWanYuan":25000,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":60}""");
        await service.SubmitAsync(county, "yuanqu-office", id);

        // The city's pack is taken out of the folder; the platform starts again and registers what is there.
        var folder = Directory.CreateTempSubdirectory("packs-").FullName;
        foreach (var file in Directory.GetFiles(TestDatabases.PoliciesDirectory, "*.yaml").Where(f => Path.GetFileName(f) != "yuncheng-2023-8.yaml"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var catalog = PolicyCatalog.Load(folder);
        catalog.FindStandard("yuncheng-municipal").ShouldBeNull();
        catalog.StandardName("yuncheng-municipal").ShouldBe("yuncheng-municipal", "before the kept texts are read, only the id is known");
        await PolicyRegistry.SyncAsync(db, catalog);
        catalog.StandardName("yuncheng-municipal").ShouldBe("运城市级专业镇认定标准");

        var after = new ApplicationService(db, catalog, TimeProvider.System);
        var view = await after.ViewAsync(city, id);
        view.StandardName.ShouldBe("运城市级专业镇认定标准");
        view.StandardMissing.ShouldBe("本申报依据的运城市级专业镇认定标准已不在现行政策包中，不能继续办理；请系统管理员核对政策包目录");
        var refused = await Should.ThrowAsync<ApplicationRuleException>(() => after.DecideAsync(city, "yuncheng-office", id, Decision.Reject, null, "不符合", null));
        refused.Message.ShouldBe("本申报依据的运城市级专业镇认定标准已不在现行政策包中，不能继续办理；请系统管理员核对政策包目录");
        (await Should.ThrowAsync<ApplicationRuleException>(() => after.ReturnAsync(city, "yuncheng-office", id, "补充材料")))
            .Message.ShouldNotContain("yuncheng-municipal");
    }

    [Fact]
    public async Task A_standard_a_town_may_not_apply_under_is_named_with_those_it_may()
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var service = new ApplicationService(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), TimeProvider.System);
        var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
        var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
        const string facts = """{"category":"specialty-agriculture","annualOutputValueWanYuan":25000}""";

        var other = await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(county, "yuanqu-office", town.Id, "yongji-county", facts));
        other.Message.ShouldStartWith("永济市");
        other.Message.ShouldContain("不是本专业镇可申报的认定标准");
        other.Message.ShouldContain("可申报：运城市级专业镇认定标准");
        other.Message.ShouldNotContain("yongji-county");
        (await Should.ThrowAsync<ApplicationRuleException>(() => service.CreateAsync(county, "yuanqu-office", town.Id, "no-such-standard", facts)))
            .Message.ShouldContain("没有这个编号的认定标准");
    }
}
