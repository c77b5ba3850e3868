using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Demo;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class DemoDataTests
{
    private static Task<StorageSettings> LoadedAsync(StorageProvider provider) => TestDatabases.WithDemoAsync(provider);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Demo_holds_the_towns_the_documents_name_in_their_real_places(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();

        var towns = await db.Towns.Include(t => t.County).Include(t => t.Townships).ThenInclude(x => x.Township).ToListAsync();
        towns.ShouldAllBe(t => t.IsDemo);
        string[] named = ["皋落乡食用菌专业镇", "历山镇蜂蜜专业镇", "古城镇渔业专业镇", "万安钻石专业镇", "绛州非遗文创专业镇", "绛州绿专业镇", "新绛中药材专业镇"];
        foreach (var name in named) towns.ShouldContain(t => t.Name == name);

        var liShan = towns.Single(t => t.Name == "历山镇蜂蜜专业镇");
        liShan.County!.Path.ShouldBe("山西省/运城市/垣曲县");
        liShan.Townships.Select(x => x.Township!.Name).ShouldBe(["历山镇"]);

        // One town may span several townships.
        towns.Single(t => t.Name == "绛州非遗文创专业镇").Townships.Select(x => x.Township!.Name).ShouldBe(["龙兴镇", "泽掌镇"], ignoreOrder: true);

        var ceramics = towns.Single(t => t.Name.Contains("陶瓷"));
        ceramics.Tier.ShouldBe(Tier.Provincial);
        ceramics.County!.Path.ShouldStartWith("山西省/朔州市/");

        // Every document's jurisdiction has demo towns (阳泉 names none, so they are marked as demo choices).
        foreach (var city in new[] { "运城市", "阳泉市", "朔州市" })
            towns.ShouldContain(t => t.County!.Path.Contains("/" + city + "/"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Three_years_of_figures_tier_history_and_valid_enterprises(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();

        var years = await db.TownStatistics.GroupBy(s => s.SpecializedTownId).Select(g => g.Select(s => s.Year).OrderBy(y => y).ToList()).ToListAsync();
        years.ShouldAllBe(y => y.SequenceEqual(new[] { 2022, 2023, 2024 }));
        (await db.TownStatistics.AllAsync(s => s.IsDemo)).ShouldBeTrue();

        var towns = await db.Towns.Include(t => t.TierHistory).ToListAsync();
        towns.ShouldAllBe(t => t.TierHistory.Count > 0 && t.TierHistory.OrderBy(h => h.EffectiveOn).Last().Tier == t.Tier);

        var enterprises = await db.Enterprises.Include(e => e.Statistics).ToListAsync();
        enterprises.Count.ShouldBeGreaterThan(50);
        enterprises.ShouldAllBe(e => Uscc.IsValid(e.Uscc));
        enterprises.Select(e => e.Uscc).Distinct().Count().ShouldBe(enterprises.Count);
        enterprises.ShouldAllBe(e => e.Statistics.Count == 3);
        towns.ShouldAllBe(t => enterprises.Any(e => e.SpecializedTownId == t.Id && e.Role == EnterpriseRole.Leading));

        // Growth runs forward: the latest year is the largest for a growing town.
        var stats = await db.TownStatistics.Where(s => s.SpecializedTownId == towns[0].Id).OrderBy(s => s.Year).ToListAsync();
        stats[2].OutputValueWanYuan.ShouldNotBeNull();
        stats[0].OutputValueWanYuan!.Value.ShouldBeLessThanOrEqualTo(stats[2].OutputValueWanYuan!.Value);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Loading_twice_adds_nothing(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var counts = (await db.Towns.CountAsync(), await db.Enterprises.CountAsync(), await db.Jurisdictions.CountAsync());
        (await DemoData.LoadAsync(db)).AlreadyLoaded.ShouldBeTrue();
        (await db.Towns.CountAsync(), await db.Enterprises.CountAsync(), await db.Jurisdictions.CountAsync()).ShouldBe(counts);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_credit_code_is_unique_in_the_database(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var existing = await db.Enterprises.FirstAsync();
        db.Enterprises.Add(new Enterprise { Name = "重复代码测试有限公司", Uscc = existing.Uscc, CountyId = existing.CountyId, Role = EnterpriseRole.Supporting });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Town_list_filters_by_jurisdiction_tier_category_and_pages(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();

        var all = await TownQueries.ListAsync(db, new TownFilter { PageSize = 500 });
        var yuncheng = await TownQueries.ListAsync(db, new TownFilter { JurisdictionPath = "山西省/运城市", PageSize = 500 });
        yuncheng.Items.ShouldAllBe(t => t.CountyPath.StartsWith("山西省/运城市/"));
        yuncheng.Total.ShouldBe(all.Items.Count(t => t.CountyPath.StartsWith("山西省/运城市/")));

        var yuanqu = await TownQueries.ListAsync(db, new TownFilter { JurisdictionPath = "山西省/运城市/垣曲县" });
        yuanqu.Items.Select(t => t.Name).ShouldBe(["历山镇蜂蜜专业镇", "古城镇渔业专业镇", "皋落乡食用菌专业镇"], ignoreOrder: true);

        var provincial = await TownQueries.ListAsync(db, new TownFilter { Tier = Tier.Provincial });
        provincial.Items.ShouldAllBe(t => t.Tier == Tier.Provincial);
        provincial.Total.ShouldBeGreaterThan(0);

        var manufacturing = await TownQueries.ListAsync(db, new TownFilter { Category = IndustryCategories.Manufacturing });
        manufacturing.Items.ShouldAllBe(t => t.Category == IndustryCategories.Manufacturing);

        var page1 = await TownQueries.ListAsync(db, new TownFilter { PageSize = 5, Page = 1 });
        var page2 = await TownQueries.ListAsync(db, new TownFilter { PageSize = 5, Page = 2 });
        page1.Items.Count.ShouldBe(5);
        page1.Total.ShouldBe(all.Total);
        page1.Items.Select(t => t.Id).Intersect(page2.Items.Select(t => t.Id)).ShouldBeEmpty();

        var byOutput = await SpecializedTowns.Data.Enterprises.EnterpriseQueries.ListAsync(db, new SpecializedTowns.Data.Enterprises.EnterpriseFilter { Sort = "output", PageSize = 10 }, null);
        byOutput.Items.Select(e => e.OutputValueWanYuan).ShouldBeInOrder(SortDirection.Descending);

        var found = await TownQueries.ListAsync(db, new TownFilter { Search = "蜂蜜" });
        found.Items.Select(t => t.Name).ShouldBe(["历山镇蜂蜜专业镇"]);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Every_stored_town_is_checked_from_its_latest_figures(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var standard = PolicyCatalog.Load(TestDatabases.PoliciesDirectory).FindStandard("yuncheng-municipal")!;

        var results = await StoredTownRecognition.RecognizeAsync(db, standard, "山西省/运城市");
        results.Count.ShouldBe(await db.Towns.CountAsync(t => t.County!.Path.StartsWith("山西省/运城市/")));
        results.ShouldAllBe(r => r.Year == DemoData.LatestYear);

        var liShan = results.Single(r => r.TownName == "历山镇蜂蜜专业镇");
        var latest = await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == liShan.TownId && s.Year == DemoData.LatestYear);
        liShan.Facts.AnnualOutputValueWanYuan.ShouldBe(latest.OutputValueWanYuan);
        liShan.Facts.SupportingEnterprises.ShouldBe(latest.SupportingEnterprises);
        liShan.Result.Criteria.Select(c => c.Key).ShouldContain("output-value");
        liShan.Result.Outcome.ShouldBe(RecognitionEngine.Evaluate(standard, liShan.Facts).Outcome);
    }
}
