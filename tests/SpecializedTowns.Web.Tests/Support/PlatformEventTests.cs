using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Support;

/// <summary>公共服务平台 and 展会活动 on the demo, on both providers.</summary>
public class PlatformEventTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Shuozhou = new(2, Roles.Office, "山西省/朔州市", null);
    private static readonly UserScope Huairen = new(3, Roles.Office, "山西省/朔州市/怀仁市", null);
    private static readonly DateOnly Today = new(2025, 6, 30);

    /// <summary>A demo platform of its own for the page tests that write, so the shared one keeps the demo's counts.</summary>
    private static readonly DemoPlatforms Writable = new();

    private static async Task<int> TownAsync(TownsDbContext db, string name) => await db.Towns.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();

    private static async Task<int> EnterpriseAsync(TownsDbContext db, string name) => await db.Enterprises.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_coverage_matrix_reads_each_town_s_platforms_against_the_eight_functions_as_counted_by_hand(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var matrix = await ServicePlatforms.CoverageAsync(db, new PlatformFilter(), Shuozhou);
        matrix.Select(r => r.Town).ShouldBe(["山阴乳品专业镇", "平鲁小杂粮专业镇", "怀仁羔羊肉专业镇", "怀仁陶瓷专业镇"], ignoreOrder: true);
        matrix.ShouldAllBe(r => r.CriterionApplies);

        // 怀仁陶瓷: 检测中心 (检验检测、标准推广、业务培训), 研究院 (研发设计、工业设计、成果转化、知识产权保护),
        // 电商与会展中心 (产品展销、电子商务、信息咨询), 物流配送中心 (物流服务): all but 融资担保. Four registered, six reported for 2024.
        var ceramics = matrix.Single(r => r.Town == "怀仁陶瓷专业镇");
        ceramics.Coverage.Missing.ShouldBe([PlatformFunction.FinancingGuarantee]);
        ceramics.Coverage.Covered.Count.ShouldBe(7);
        ceramics.Coverage.By(PlatformFunction.Testing).ShouldBe(["怀仁市陶瓷产品质量检验检测中心"]);
        (ceramics.Registered, ceramics.RegisteredByReportedYear, ceramics.Reported, ceramics.ReportedYear, ceramics.Differs).ShouldBe((4, 4, 6, 2024, true));

        var dairy = matrix.Single(r => r.Town == "山阴乳品专业镇");
        dairy.Coverage.Covered.ShouldBe([PlatformFunction.ResearchDesign, PlatformFunction.Testing, PlatformFunction.Training]);
        (dairy.Registered, dairy.Reported, dairy.Differs).ShouldBe((2, 2, false));
        matrix.Single(r => r.Town == "怀仁羔羊肉专业镇").Coverage.Covered.ShouldBe([PlatformFunction.ProductExhibition, PlatformFunction.Logistics]);
        matrix.Single(r => r.Town == "平鲁小杂粮专业镇").Coverage.Covered.ShouldBeEmpty();

        // 垣曲县 sees its three towns only, read against 朔州's criterion as a comparison.
        var yuanqu = await ServicePlatforms.CoverageAsync(db, new PlatformFilter(), Yuanqu);
        yuanqu.Select(r => r.Town).ShouldBe(["历山镇蜂蜜专业镇", "古城镇渔业专业镇", "皋落乡食用菌专业镇"], ignoreOrder: true);
        yuanqu.ShouldAllBe(r => !r.CriterionApplies);
        yuanqu.Single(r => r.Town == "历山镇蜂蜜专业镇").Coverage.Covered.Count.ShouldBe(3);

        // The list filters by function and level; the matrix by place and town only.
        var testing = await ServicePlatforms.ListAsync(db, new PlatformFilter { Function = PlatformFunction.Testing }, Shuozhou);
        testing.Items.Select(p => p.Name).ShouldBe(["怀仁市陶瓷产品质量检验检测中心", "山阴县乳制品质量检测中心"], ignoreOrder: true);
        (await ServicePlatforms.ListAsync(db, new PlatformFilter { Level = PlatformLevel.Provincial }, Shuozhou)).Total.ShouldBe(2);
        (await ServicePlatforms.ListAsync(db, new PlatformFilter(), Yuanqu)).Items.Single().Name.ShouldBe("垣曲县蜂产品质量检测与技术服务站");
    }

    private static PlatformInput Finance(int townId) => new()
    {
        Name = "怀仁陶瓷产业金融服务中心", SpecializedTownId = townId, Operator = "朔州市融资担保有限公司", OperatorKind = PlatformOperatorKind.Intermediary,
        Level = PlatformLevel.Unrecognised, EstablishedYear = 2025, Mode = PlatformMode.Both, Functions = [PlatformFunction.FinancingGuarantee, PlatformFunction.InformationConsulting],
    };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_platform_is_kept_within_the_office_s_scope_fills_the_town_s_gap_and_is_audited_where_it_lies(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var ceramics = await TownAsync(db, "怀仁陶瓷专业镇");

        (await ServicePlatforms.SaveAsync(db, Yuanqu, null, Finance(ceramics), Today, "垣曲", DateTime.UtcNow)).Errors["SpecializedTownId"].ShouldBe("所选专业镇不在您的数据范围内");
        (await ServicePlatforms.SaveAsync(db, Shuozhou with { Role = Roles.Leader }, null, Finance(ceramics), Today, "领导", DateTime.UtcNow)).Errors[""].ShouldContain("不能维护");
        (await ServicePlatforms.SaveAsync(db, Shuozhou, null, Finance(ceramics) with { Name = "怀仁陶瓷产业研究院" }, Today, "朔州", DateTime.UtcNow))
            .Errors["Name"].ShouldBe("该专业镇已登记同名的公共服务平台");
        var (none, missing) = await ServicePlatforms.SaveAsync(db, Shuozhou, null, Finance(ceramics) with { Functions = [] }, Today, "朔州", DateTime.UtcNow);
        none.ShouldBeNull();
        missing["Functions"].ShouldBe("请至少选择一项平台功能");
        (await db.ServicePlatforms.CountAsync(p => p.SpecializedTownId == ceramics)).ShouldBe(4, "a refused save writes nothing");

        var (id, ok) = await ServicePlatforms.SaveAsync(db, Shuozhou, null, Finance(ceramics), Today, "朔州市专业镇办", DateTime.UtcNow);
        ok.ShouldBeEmpty();
        var row = (await ServicePlatforms.CoverageAsync(db, new PlatformFilter { TownId = ceramics }, Shuozhou)).Single();
        row.Coverage.Complete.ShouldBeTrue();
        (row.Registered, row.RegisteredByReportedYear).ShouldBe((5, 4), "built in 2025, after the reported year");

        // An edit that drops 融资担保 opens the gap again; the history records the function removed.
        (await ServicePlatforms.SaveAsync(db, Shuozhou, id, Finance(ceramics) with { Functions = [PlatformFunction.InformationConsulting] }, Today, "朔州", DateTime.UtcNow))
            .Errors.ShouldBeEmpty();
        (await ServicePlatforms.CoverageAsync(db, new PlatformFilter { TownId = ceramics }, Shuozhou)).Single().Coverage.Missing.ShouldBe([PlatformFunction.FinancingGuarantee]);
        var history = await AuditQueries.HistoryAsync(db, "ServicePlatform", id!.Value.ToString());
        history.ShouldContain(e => e.Action == AuditAction.Created && e.EntityType == "ServicePlatform");
        history.ShouldContain(e => e.Action == AuditAction.Deleted && e.EntityType == "ServicePlatformFunction");
        (await db.AuditEntries.Where(e => e.RootType == "ServicePlatform" && e.RootId == id.Value.ToString()).Select(e => e.RecordPath).Distinct().ToListAsync())
            .ShouldBe(["山西省/朔州市/怀仁市"]);

        (await ServicePlatforms.FindAsync(db, id.Value, Yuanqu)).ShouldBeNull();
        (await ServicePlatforms.DeleteAsync(db, Yuanqu, id.Value)).Found.ShouldBeFalse();
        (await ServicePlatforms.DeleteAsync(db, Shuozhou with { Role = Roles.MemberUnit }, id.Value)).Error.ShouldNotBeNull();
        (await ServicePlatforms.DeleteAsync(db, Shuozhou, id.Value)).ShouldBe((true, null));
        (await db.ServicePlatformFunctions.CountAsync(f => f.ServicePlatformId == id)).ShouldBe(0);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_events_roll_up_per_town_and_kind_for_the_year_as_counted_by_hand(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var rollup = await TradeEvents.RollupAsync(db, new EventFilter { Year = 2024 }, Shuozhou);
        rollup.Kinds.Select(k => (k.Name, k.Events, k.Participations, k.IntendedWanYuan, k.DealWanYuan)).ShouldBe([
            ("博览会", 1, 6, 8000m, 3350m),
            ("新闻发布会", 1, 2, 0m, 0m),
            ("“手拉手”活动", 1, 3, 1250m, 850m),
            ("国内重大展会", 1, 2, 3700m, 1250m),
        ]);
        (rollup.Total.Events, rollup.Total.Participations, rollup.Total.IntendedWanYuan, rollup.Total.DealWanYuan).ShouldBe((4, 13, 12950m, 5450m));
        var towns = rollup.Towns.ToDictionary(t => t.Name);
        (towns["怀仁陶瓷专业镇"].Events, towns["怀仁陶瓷专业镇"].Participations, towns["怀仁陶瓷专业镇"].Enterprises, towns["怀仁陶瓷专业镇"].IntendedWanYuan, towns["怀仁陶瓷专业镇"].DealWanYuan)
            .ShouldBe((3, 6, 3, 8500m, 3170m));
        (towns["怀仁羔羊肉专业镇"].Events, towns["怀仁羔羊肉专业镇"].Participations, towns["怀仁羔羊肉专业镇"].DealWanYuan).ShouldBe((2, 4, 1300m));
        (towns["山阴乳品专业镇"].Events, towns["山阴乳品专业镇"].Participations, towns["山阴乳品专业镇"].Enterprises).ShouldBe((2, 2, 1));
        (towns["平鲁小杂粮专业镇"].Events, towns["平鲁小杂粮专业镇"].Participations, towns["平鲁小杂粮专业镇"].DealWanYuan).ShouldBe((1, 1, 80m));
        rollup.Towns.Sum(t => t.Participations).ShouldBe(rollup.Total.Participations);

        // 怀仁市 sees the city's expo (one of its towns is there) with its own enterprises only, and cannot change it.
        var expo = (await TradeEvents.ListAsync(db, new EventFilter { Kind = EventKind.Expo }, Huairen)).Items.Single();
        expo.Participants.Select(p => p.Enterprise).ShouldBe(["山西怀仁云中陶瓷集团有限公司", "怀仁市金沙滩日用瓷业有限公司", "山西怀仁塞北羔羊肉业有限公司", "怀仁市金沙滩陶瓷花纸有限公司"]);
        (expo.OtherParticipants, expo.IntendedWanYuan, expo.DealWanYuan).ShouldBe((2, 5800m, 2370m));
        (await TradeEvents.CanEditAsync(db, expo.Id, Huairen)).ShouldBeFalse();
        (await TradeEvents.DeleteAsync(db, Huairen, expo.Id)).Error!.ShouldContain("上级办公室");
        (await TradeEvents.FindAsync(db, expo.Id, Yuanqu)).ShouldBeNull();
        (await TradeEvents.ListAsync(db, new EventFilter(), Yuanqu)).Items.Select(e => e.Name).ShouldBe(["2024历山蜂蜜产品推介会"]);
        (await TradeEvents.ListAsync(db, new EventFilter { Search = "桑干河" }, Shuozhou)).Items.Select(e => e.Kind).ShouldBe([EventKind.Expo, EventKind.PressConference]);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_event_s_towns_participants_and_clause_must_lie_in_the_office_s_area_and_its_totals_add_up(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var ceramics = await TownAsync(db, "怀仁陶瓷专业镇");
        var dairy = await TownAsync(db, "山阴乳品专业镇");
        var lishan = await TownAsync(db, "历山镇蜂蜜专业镇");
        var yunzhong = await EnterpriseAsync(db, "山西怀仁云中陶瓷集团有限公司");
        var sangganhe = await EnterpriseAsync(db, "山西桑干河乳业有限公司");
        var honey = await EnterpriseAsync(db, "垣曲县历山蜂业有限公司");
        var input = new EventInput
        {
            Name = "2025中国国际日用陶瓷推介会", Kind = EventKind.Promotion, Role = EventRole.Organised, Level = EventLevel.National,
            StartOn = new DateOnly(2025, 5, 18), EndOn = new DateOnly(2025, 5, 19), Place = "朔州市", Organiser = "朔州市商务局",
            ClauseSource = SupportClauses.DomesticAndForeignMarkets, TownIds = [ceramics, dairy],
            Participants = [new() { EnterpriseId = yunzhong, IntendedWanYuan = 1200.5m, DealWanYuan = 300m }, new() { EnterpriseId = sangganhe, IntendedWanYuan = 80m }],
        };

        var outside = (await TradeEvents.SaveAsync(db, Catalog, Shuozhou, null, input with
        {
            TownIds = [ceramics, lishan], Participants = [.. input.Participants!, new() { EnterpriseId = honey }],
        }, Today, "朔州", DateTime.UtcNow)).Errors;
        outside["TownIds"].ShouldBe("所选专业镇不在您的数据范围内");
        outside["Participants[2].EnterpriseId"].ShouldBe("所选企业不在您的数据范围内");
        (await TradeEvents.SaveAsync(db, Catalog, Shuozhou, null, input with { ClauseSource = "垣政办发〔2023〕19号 四（七）" }, Today, "朔州", DateTime.UtcNow))
            .Errors["ClauseSource"].ShouldContain("适用于山西省运城市垣曲县");
        (await TradeEvents.SaveAsync(db, Catalog, Shuozhou, null, input with { ClauseSource = "朔政办发〔2023〕19号 四（十三）" }, Today, "朔州", DateTime.UtcNow))
            .Errors["ClauseSource"].ShouldBe("所选条款不是展会、推介或对接活动的政策依据");
        (await TradeEvents.SaveAsync(db, Catalog, Huairen, null, input, Today, "怀仁", DateTime.UtcNow)).Errors["TownIds"].ShouldBe("所选专业镇不在您的数据范围内");

        var (id, ok) = await TradeEvents.SaveAsync(db, Catalog, Shuozhou, null, input, Today, "朔州市专业镇办", DateTime.UtcNow);
        ok.ShouldBeEmpty();
        var saved = (await TradeEvents.FindAsync(db, id!.Value, Shuozhou))!;
        (saved.ParticipantCount, saved.IntendedWanYuan, saved.DealWanYuan, saved.Area).ShouldBe((2, 1280.5m, 300m, "朔州市"));
        saved.Towns.Select(t => t.Name).ShouldBe(["山阴乳品专业镇", "怀仁陶瓷专业镇"], ignoreOrder: true);

        // A city event touching one county alone belongs to that county, which may then change it; a participant added by
        // the city from outside the county stays when the county saves.
        var (_, alone) = await TradeEvents.SaveAsync(db, Catalog, Shuozhou, id, input with { TownIds = [ceramics] }, Today, "朔州", DateTime.UtcNow);
        alone.ShouldBeEmpty();
        (await TradeEvents.FindAsync(db, id.Value, Shuozhou))!.Area.ShouldBe("怀仁市");
        var county = (await TradeEvents.FindAsync(db, id.Value, Huairen))!;
        county.OtherParticipants.ShouldBe(1);
        var (_, byCounty) = await TradeEvents.SaveAsync(db, Catalog, Huairen, id, input with
        {
            TownIds = [ceramics], Participants = [new() { EnterpriseId = yunzhong, IntendedWanYuan = 1500m, DealWanYuan = 600m }],
        }, Today, "怀仁", DateTime.UtcNow);
        byCounty.ShouldBeEmpty();
        var after = (await TradeEvents.FindAsync(db, id.Value, Shuozhou))!;
        after.Participants.Select(p => (p.Enterprise, p.IntendedWanYuan, p.DealWanYuan)).ShouldBe([
            ("山西怀仁云中陶瓷集团有限公司", (decimal?)1500m, (decimal?)600m), ("山西桑干河乳业有限公司", (decimal?)80m, (decimal?)null),
        ]);
        (await AuditQueries.HistoryAsync(db, "TradeEvent", id.Value.ToString())).ShouldContain(e => e.EntityType == "EventParticipant");

        (await TradeEvents.DeleteAsync(db, Yuanqu, id.Value)).Found.ShouldBeFalse();
        (await TradeEvents.DeleteAsync(db, Shuozhou, id.Value)).ShouldBe((true, null));
        (await db.EventParticipants.CountAsync(p => p.TradeEventId == id)).ShouldBe(0);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_pages_list_only_the_area_s_platforms_and_events_another_county_can_neither_see_nor_change_and_exports_read_back(StorageProvider provider)
    {
        var shuozhou = await SeededPlatforms.SignedInAsync(provider, "shuozhou-office");
        var platforms = await shuozhou.GetStringAsync("/Support/Platforms");
        var ceramicsRow = Regex.Match(platforms, "<tr data-town=\"怀仁陶瓷专业镇\">.*?</tr>", RegexOptions.Singleline).Value;
        Regex.Matches(ceramicsRow, "data-covered=\"1\"").Count.ShouldBe(7);
        ceramicsRow.ShouldContain("7/8");
        ceramicsRow.ShouldContain("4 / 6（2024年）");
        Regex.Matches(Regex.Match(platforms, "<tr data-town=\"平鲁小杂粮专业镇\">.*?</tr>", RegexOptions.Singleline).Value, "data-covered=\"0\"").Count.ShouldBe(8);
        platforms.ShouldContain("怀仁陶瓷产业研究院");
        platforms.ShouldNotContain("垣曲县蜂产品质量检测与技术服务站");

        var events = await shuozhou.GetStringAsync("/Support/Events?year=2024");
        events.ShouldContain("2024朔州专业镇特色产品博览会");
        events.ShouldContain("1.30亿元");
        events.ShouldNotContain("历山蜂蜜产品推介会");

        var xlsx = ExportFiles.Xlsx(await shuozhou.GetByteArrayAsync("/Support/Events?year=2024&handler=Export&format=xlsx"));
        xlsx[0][10..13].ShouldBe(["参展企业（家）", "意向签约额（万元）", "成交额（万元）"]);
        xlsx.Count.ShouldBe(1 + 4);
        xlsx.Skip(1).Sum(r => (double)r[11]!).ShouldBe(12950);
        xlsx.Skip(1).Sum(r => (double)r[12]!).ShouldBe(5450);

        var api = await SeededPlatforms.ClientAsync(provider, "shuozhou-office");
        var list = (await api.GetFromJsonAsync<ApiPage<ApiEvent>>("/api/v1/support/events?kind=expo"))!;
        var expo = list.Items.Single();
        expo.Participants.Count.ShouldBe(6);
        expo.DealWanYuan.ShouldBe(3350m);
        var (header, rows) = ExportFiles.Csv(await shuozhou.GetByteArrayAsync($"/Support/Events/Detail/{expo.Id}?handler=Participants&format=csv"));
        header.ShouldBe(["企业名称", "统一社会信用代码", "所在县（市、区）", "专业镇", "意向签约额（万元）", "成交额（万元）"]);
        rows.Count.ShouldBe(6);
        rows.Sum(r => decimal.Parse(r[5])).ShouldBe(3350m);
        var platformCsv = ExportFiles.Csv(await shuozhou.GetByteArrayAsync("/Support/Platforms?handler=Export&format=csv&function=Testing"));
        platformCsv.Rows.Select(r => r[0]).ShouldBe(["山阴县乳制品质量检测中心", "怀仁市陶瓷产品质量检验检测中心"], ignoreOrder: true);
        var platformApi = (await api.GetFromJsonAsync<ApiPage<ApiPlatform>>("/api/v1/support/platforms?pageSize=100"))!;
        platformApi.Total.ShouldBe(7);

        // 垣曲县 sees neither 朔州's platforms nor its events, by page or by API, and cannot change or delete them.
        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        var foreignPlatform = platformApi.Items.First().Id;
        (await yuanqu.GetStringAsync("/Support/Platforms")).ShouldNotContain("怀仁");
        (await yuanqu.GetStringAsync("/Support/Events")).ShouldNotContain("朔州专业镇特色产品博览会");
        (await yuanqu.GetAsync($"/Support/Platforms/Detail/{foreignPlatform}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Platforms/Edit/{foreignPlatform}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Events/Detail/{expo.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Events/Edit/{expo.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Events/Detail/{expo.Id}?handler=Participants&format=csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await yuanqu.GetStringAsync("/Support/Platforms");
        (await PostAsync(yuanqu, own, $"/Support/Platforms/Detail/{foreignPlatform}?handler=Delete", [])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(yuanqu, own, $"/Support/Events/Detail/{expo.Id}?handler=Delete", [])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(yuanqu, own, $"/Support/Platforms/Edit/{foreignPlatform}", new()
        {
            ["Input.Name"] = "改名", ["Input.SpecializedTownId"] = "1", ["Input.Operator"] = "x", ["Input.OperatorKind"] = "Government", ["Input.Level"] = "County",
            ["Input.EstablishedYear"] = "2020", ["Input.Mode"] = "Offline", ["Input.Functions"] = "Testing",
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var yuanquApi = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        (await yuanquApi.GetFromJsonAsync<ApiPage<ApiPlatform>>("/api/v1/support/platforms"))!.Items.ShouldAllBe(p => p.County == "垣曲县");
        (await yuanquApi.GetFromJsonAsync<ApiPage<ApiEvent>>("/api/v1/support/events"))!.Items.Select(e => e.Name).ShouldBe(["2024历山蜂蜜产品推介会"]);
        (await yuanquApi.GetAsync("/api/v1/support/events?kind=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A leader reads and does not write.
        var leader = await SeededPlatforms.SignedInAsync(provider, "yuncheng-leader");
        (await leader.GetStringAsync("/Support/Events")).ShouldNotContain("登记活动");
        (await leader.GetAsync("/Support/Platforms/Edit")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_forms_keep_what_was_typed_on_a_refusal_and_save_an_event_with_its_participants(StorageProvider provider)
    {
        var client = await Writable.SignedInAsync(provider, "yuanqu-office");
        var form = await client.GetStringAsync("/Support/Events/Edit");
        form.ShouldContain("垣曲县历山蜂业有限公司");
        form.ShouldNotContain("山西怀仁云中陶瓷集团有限公司");
        var lishan = Regex.Match(form, "id=\"town-(\\d+)\"[^>]*>\\s*<label[^>]*>历山镇蜂蜜专业镇").Groups[1].Value;
        var honey = Regex.Match(form, "<option value=\"(\\d+)\" data-group=\"垣曲县\">垣曲县历山蜂业有限公司").Groups[1].Value;
        lishan.ShouldNotBeEmpty();
        honey.ShouldNotBeEmpty();
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "2025历山蜂蜜进京推介会", ["Input.Kind"] = "Promotion", ["Input.Role"] = "Organised", ["Input.Level"] = "National",
            ["Input.StartOn"] = "2025-05-20", ["Input.EndOn"] = "2025-05-19", ["Input.Place"] = "北京市", ["Input.Organiser"] = "垣曲县人民政府",
            ["Input.ClauseSource"] = "垣政办发〔2023〕19号 四（七）", ["Input.TownIds"] = lishan,
            ["Input.Participants[0].EnterpriseId"] = honey, ["Input.Participants[0].IntendedWanYuan"] = "-1", ["Input.Participants[0].DealWanYuan"] = "66",
        };
        var refused = await (await PostAsync(client, form, "/Support/Events/Edit", fields)).Content.ReadAsStringAsync();
        refused.ShouldContain("结束日期不能早于开始日期");
        refused.ShouldContain("意向签约额不能为负数（单位：万元）");
        refused.ShouldContain("value=\"2025历山蜂蜜进京推介会\"");
        refused.ShouldContain("name=\"Input.Participants[0].DealWanYuan\" value=\"66\"");

        fields["Input.EndOn"] = "2025-05-21";
        fields["Input.Participants[0].IntendedWanYuan"] = "180";
        var saved = await PostAsync(client, refused, "/Support/Events/Edit", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = await client.GetStringAsync(saved.Headers.Location!.OriginalString);
        detail.ShouldContain("2025历山蜂蜜进京推介会");
        detail.ShouldContain("垣曲县历山蜂业有限公司");
        detail.ShouldContain("合计 1 家");
        detail.ShouldContain("180万元");

        var platformForm = await client.GetStringAsync("/Support/Platforms/Edit");
        var gone = await (await PostAsync(client, platformForm, "/Support/Platforms/Edit", new()
        {
            ["Input.Name"] = "历山蜂产品电商服务站", ["Input.SpecializedTownId"] = lishan, ["Input.Operator"] = "垣曲县电子商务公共服务中心",
            ["Input.OperatorKind"] = "Government", ["Input.Level"] = "County", ["Input.EstablishedYear"] = "2023", ["Input.Mode"] = "Online",
            ["Input.EnterprisesServed"] = "35",
        })).Content.ReadAsStringAsync();
        gone.ShouldContain("请至少选择一项平台功能");
        gone.ShouldContain("填写服务企业家次时，请注明统计年度");
        gone.ShouldContain("value=\"历山蜂产品电商服务站\"");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string html, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private sealed record ApiPage<T>(List<T> Items, int Total);

    private sealed record ApiPlatform(int Id, string Name, string County);

    private sealed record ApiEvent(int Id, string Name, List<ApiParticipant> Participants, decimal DealWanYuan);

    private sealed record ApiParticipant(int EnterpriseId, string Enterprise);
}
