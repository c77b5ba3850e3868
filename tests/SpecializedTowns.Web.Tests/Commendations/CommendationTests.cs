using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Commendations;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Commendations;

/// <summary>朔政办发〔2023〕19号 四（九） triggers on the demo, and the national market-share ranks they read.</summary>
public class CommendationTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Shuozhou = new(1, Roles.Office, "山西省/朔州市", null);
    private static readonly UserScope Admin = new(2, Roles.Admin, "山西省", null);

    private static async Task<TownsDbContext> DemoAsync(StorageProvider provider) => (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    private static async Task SetRevenueAsync(TownsDbContext db, string enterprise, params (int Year, decimal WanYuan)[] figures)
    {
        var id = await db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync();
        foreach (var (year, value) in figures)
        {
            var row = await db.EnterpriseStatistics.SingleOrDefaultAsync(s => s.EnterpriseId == id && s.Year == year);
            if (row is null) db.EnterpriseStatistics.Add(new EnterpriseAnnualStatistics { EnterpriseId = id, Year = year, RevenueWanYuan = value });
            else row.RevenueWanYuan = value;
        }
        await db.SaveChangesAsync();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_shows_a_first_10_yi_enterprise_and_a_first_top_10_product_with_their_evidence(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var all = await CommendationQueries.AllAsync(db, Catalog, Shuozhou);

        var revenue = all.Single(t => t.Enterprise == "怀仁市金沙滩日用瓷业有限公司" && t.Measure == PackVocabulary.LeadingEnterpriseRevenueFirst);
        revenue.Crossing.State.ShouldBe(CrossingState.Triggered);
        revenue.Crossing.Year.ShouldBe(2023);
        revenue.Evidence.Select(e => e.Text).ShouldBe(["2022年营收 9.86亿元（未达10亿元）", "2023年营收 10.75亿元"]);
        revenue.Provision.Source.ShouldBe("朔政办发〔2023〕19号 四（九）");
        revenue.Summary.ShouldBe("怀仁市金沙滩日用瓷业有限公司2023年营收 10.75亿元，首次突破10亿元");

        var rank = all.Single(t => t.Product == "骨质瓷餐具");
        rank.Crossing.State.ShouldBe(CrossingState.Triggered);
        rank.Crossing.Year.ShouldBe(2024);
        rank.Evidence.Count.ShouldBe(3);
        rank.Evidence[0].Text.ShouldStartWith("2022年全国第 15 名（中国陶瓷工业协会");

        // First figures already above the mark: the records cannot tell whether it is the first time.
        var dairy = all.Single(t => t.Enterprise == "山西桑干河乳业有限公司" && t.Measure == PackVocabulary.LeadingEnterpriseRevenueFirst);
        dairy.Crossing.State.ShouldBe(CrossingState.Unverified);
        dairy.Crossing.Year.ShouldBe(2022);
        all.Single(t => t.Product == "液态奶").Crossing.State.ShouldBe(CrossingState.Unverified);

        CommendationQueries.Filter(all, new TriggerFilter { Year = 2023 }).Items.Select(t => t.Enterprise).ShouldBe(["怀仁市金沙滩日用瓷业有限公司"]);
        CommendationQueries.Filter(all, new TriggerFilter { Year = 2024, State = CrossingState.Triggered }).Items.Select(t => t.Product).ShouldBe(["骨质瓷餐具"]);
        var csv = System.Text.Encoding.UTF8.GetString(CommendationQueries.ToCsv(CommendationQueries.Matching(all, new TriggerFilter { Year = 2023 })));
        csv.ShouldContain("2023,已触发,营收首次突破10亿元,怀仁陶瓷专业镇,怀仁市,怀仁市金沙滩日用瓷业有限公司");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_the_first_crossing_is_commended_and_not_when_an_earlier_year_was_already_above(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        const string name = "怀仁市金沙滩日用瓷业有限公司";

        // Above in 2023, below in 2024, above again in 2025: 2023 stays the one commendation.
        await SetRevenueAsync(db, name, (2024, 95000), (2025, 120000));
        bool Revenue(CommendationTrigger t) => t.Enterprise == name && t.Measure == PackVocabulary.LeadingEnterpriseRevenueFirst;
        var again = (await CommendationQueries.AllAsync(db, Catalog, Shuozhou)).Where(Revenue).ToList();
        again.Single().Crossing.Year.ShouldBe(2023);
        again.Single().Crossing.State.ShouldBe(CrossingState.Triggered);

        // Above in 2022 already: 2023 and 2025 are not first times; only 2022 is listed, and only as 待核实.
        await SetRevenueAsync(db, name, (2022, 101000));
        var earlier = (await CommendationQueries.AllAsync(db, Catalog, Shuozhou)).Single(Revenue);
        earlier.Crossing.Year.ShouldBe(2022);
        earlier.Crossing.State.ShouldBe(CrossingState.Unverified);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_leading_enterprises_of_towns_under_the_shuozhou_pack_are_considered_and_scope_holds(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        // A supporting enterprise passing 10亿 is not its town's 领军企业.
        await SetRevenueAsync(db, "怀仁市吴家窑陶瓷原料有限公司", (2022, 50000), (2023, 60000), (2024, 120000));
        // 永济's leading enterprise passes 10亿 for the first time too, but 永济 is not under 朔政办发〔2023〕19号.
        await SetRevenueAsync(db, "山西蒲坂电气装备有限公司", (2022, 90000), (2023, 95000), (2024, 130000));

        var all = await CommendationQueries.AllAsync(db, Catalog, Admin);
        all.ShouldNotContain(t => t.Enterprise == "怀仁市吴家窑陶瓷原料有限公司");
        all.ShouldNotContain(t => t.Enterprise == "山西蒲坂电气装备有限公司");
        all.ShouldAllBe(t => t.PackId == "shuozhou-2023-19");

        (await CommendationQueries.AllAsync(db, Catalog, new UserScope(3, Roles.Office, "山西省/运城市", null))).ShouldBeEmpty();
        (await CommendationQueries.AllAsync(db, Catalog, new UserScope(4, Roles.Office, "山西省/阳泉市", null))).ShouldBeEmpty();
        var shanyin = await CommendationQueries.AllAsync(db, Catalog, new UserScope(5, Roles.Office, "山西省/朔州市/山阴县", null));
        shanyin.ShouldNotBeEmpty();
        shanyin.ShouldAllBe(t => t.County == "山阴县");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_records_ranks_with_chinese_messages_and_a_new_top_10_entry_is_detected(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = new MarketRankService(db, TimeProvider.System);
        var thisYear = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        var lamb = await db.Towns.Where(t => t.Name == "怀仁羔羊肉专业镇").Select(t => t.Id).SingleAsync();
        var dairyFirm = await db.Enterprises.Where(e => e.Name == "山西桑干河乳业有限公司").Select(e => e.Id).SingleAsync();
        var liShan = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();

        var (none, empty) = await service.RecordAsync(Shuozhou, "朔州办", new MarketRankInput());
        none.ShouldBeNull();
        empty.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{e.Value}").ShouldBe([
            "Product:请填写主导产品名称", "Rank:请填写全国排名名次", "RankingSource:请写明排名来源（发布机构及排名名称）",
            "TownId:请选择专业镇", "Year:请填写排名年度"]);

        var (_, bad) = await service.RecordAsync(Shuozhou, "朔州办", new MarketRankInput
        {
            TownId = lamb, EnterpriseId = dairyFirm, Product = new string('肉', 101), Year = thisYear + 1, Rank = 0, RankingSource = "协会",
        });
        bad["EnterpriseId"].ShouldBe("所选企业不属于该专业镇");
        bad["Product"].ShouldBe("主导产品名称不超过 100 个字");
        bad["Year"].ShouldBe($"排名年度应在 2000 年到 {thisYear} 年之间");
        bad["Rank"].ShouldBe("全国排名名次应为 1 到 1000 之间的整数");

        (await service.RecordAsync(Shuozhou, "朔州办", new MarketRankInput { TownId = liShan, Product = "蜂蜜", Year = 2024, Rank = 3, RankingSource = "协会" }))
            .Errors["TownId"].ShouldBe("未找到该专业镇，或不在您的数据范围内");
        (await service.RecordAsync(new UserScope(6, Roles.Leader, "山西省/朔州市", null), "领导", new MarketRankInput { TownId = lamb, Product = "羔羊肉", Year = 2024, Rank = 3, RankingSource = "协会" }))
            .Errors[""].ShouldBe("只有领导小组办公室可以登记全国市场占有率排名");

        var input = new MarketRankInput { TownId = lamb, Product = " 冷冻羔羊肉 ", Year = 2023, Rank = 14, RankingSource = "中国肉类协会年度排名" };
        (await service.RecordAsync(Shuozhou, "朔州办", input)).Errors.Ok.ShouldBeTrue();
        var (id, ok) = await service.RecordAsync(Shuozhou, "朔州办", input with { Year = 2024, Rank = 7 });
        ok.Ok.ShouldBeTrue();
        (await service.RecordAsync(Shuozhou, "朔州办", input with { Rank = 9 })).Errors["Year"].ShouldStartWith("“冷冻羔羊肉”2023年的全国排名已登记（第 14 名，中国肉类协会年度排名）");

        var trigger = (await CommendationQueries.AllAsync(db, Catalog, Shuozhou)).Single(t => t.Product == "冷冻羔羊肉");
        trigger.Crossing.State.ShouldBe(CrossingState.Triggered);
        trigger.Crossing.Year.ShouldBe(2024);
        trigger.Evidence.Select(e => e.Text).ShouldBe(["2023年全国第 14 名（中国肉类协会年度排名）（未进入前10名）", "2024年全国第 7 名（中国肉类协会年度排名）"]);

        var list = await service.ListAsync(Shuozhou, new MarketRankFilter { Product = "羔羊" });
        list.Total.ShouldBe(2);
        list.Items[0].RecordedBy.ShouldBe("朔州办");
        (await service.ListAsync(new UserScope(7, Roles.Office, "山西省/运城市", null), new MarketRankFilter())).Total.ShouldBe(0);

        (await service.DeleteAsync(new UserScope(7, Roles.Office, "山西省/运城市", null), id!.Value)).Found.ShouldBeFalse();
        (await service.DeleteAsync(Shuozhou, id.Value)).Found.ShouldBeTrue();
        (await CommendationQueries.AllAsync(db, Catalog, Shuozhou)).ShouldNotContain(t => t.Product == "冷冻羔羊肉");
    }
}
