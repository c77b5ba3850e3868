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

/// <summary>人才培训 (培训后就业率, 朔政办发〔2023〕19号 四（八）) and 人才 (四（二）) on the demo, on both providers.</summary>
public class TrainingTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Shuozhou = new(2, Roles.Office, "山西省/朔州市", null);
    private static readonly UserScope Admin = new(3, Roles.Admin, "山西省", null);
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static async Task<(int Id, int CountyId)> TownAsync(TownsDbContext db, string name) =>
        await db.Towns.Where(t => t.Name == name).Select(t => new ValueTuple<int, int>(t.Id, t.CountyId)).SingleAsync();

    private static TrainingInput Course((int Id, int CountyId) town, TrainingMode mode, string start, string end, int trainees, int? employed, string clause) => new()
    {
        CountyId = town.CountyId, SpecializedTownId = town.Id, Title = "测试培训班", Mode = mode, Organiser = "朔州职业技术学院",
        OrganiserKind = TrainingProviderKind.VocationalCollege, StartOn = DateOnly.Parse(start), EndOn = DateOnly.Parse(end),
        Trainees = trainees, Employed = employed, ClauseSource = clause,
    };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_programme_is_kept_within_the_office_s_counties_and_the_year_s_rate_rolls_up_as_computed_by_hand(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var ceramics = await TownAsync(db, "怀仁陶瓷专业镇");
        var dairy = await TownAsync(db, "山阴乳品专业镇");
        var honey = await TownAsync(db, "历山镇蜂蜜专业镇");
        const string sz = TrainingRules.TargetClause;
        const string yq = "垣政办发〔2023〕19号 四（五）";

        // Refusals: another county, a clause of another city's document, a town of another county, a leader, employed > trainees.
        var (none, outside) = await TrainingProgrammes.SaveAsync(db, Catalog, Yuanqu, null, Course(ceramics, TrainingMode.OrderBased, "2023-03-01", "2023-05-31", 100, 90, yq), Today, "垣曲", DateTime.UtcNow);
        none.ShouldBeNull();
        outside["CountyId"].ShouldBe("所选县（市、区）不在您的数据范围内");
        (await TrainingProgrammes.SaveAsync(db, Catalog, Shuozhou, null, Course(ceramics, TrainingMode.OrderBased, "2023-03-01", "2023-05-31", 100, 90, yq), Today, "朔州", DateTime.UtcNow))
            .Errors["ClauseSource"].ShouldContain("适用于山西省运城市垣曲县");
        (await TrainingProgrammes.SaveAsync(db, Catalog, Shuozhou, null, Course(ceramics, TrainingMode.OrderBased, "2023-03-01", "2023-05-31", 100, 90, sz) with { CountyId = dairy.CountyId }, Today, "朔州", DateTime.UtcNow))
            .Errors["SpecializedTownId"].ShouldBe("所选专业镇不在该县（市、区）");
        (await TrainingProgrammes.SaveAsync(db, Catalog, Shuozhou with { Role = Roles.Leader }, null, Course(ceramics, TrainingMode.OrderBased, "2023-03-01", "2023-05-31", 100, 90, sz), Today, "领导", DateTime.UtcNow))
            .Errors[""].ShouldContain("不能登记");
        (await TrainingProgrammes.SaveAsync(db, Catalog, Shuozhou, null, Course(ceramics, TrainingMode.OrderBased, "2023-03-01", "2023-05-31", 100, 101, sz), Today, "朔州", DateTime.UtcNow))
            .Errors["Employed"].ShouldBe("就业人数不能超过培训人数（100 人）");

        // 2023 (no demo programme ends or runs in it): 怀仁陶瓷 100/90 and 60/40, 山阴乳品 80/62, one in-service course, 历山 50/30.
        async Task<int> Save(UserScope scope, TrainingInput input)
        {
            var (id, errors) = await TrainingProgrammes.SaveAsync(db, Catalog, scope, null, input, Today, "测试", DateTime.UtcNow);
            errors.ShouldBeEmpty();
            return id!.Value;
        }
        var first = await Save(Shuozhou, Course(ceramics, TrainingMode.OrderBased, "2023-03-01", "2023-05-31", 100, 90, sz));
        await Save(Shuozhou, Course(ceramics, TrainingMode.ProjectBased, "2023-06-01", "2023-08-31", 60, 40, sz));
        await Save(Shuozhou, Course(dairy, TrainingMode.Directed, "2022-11-01", "2023-01-15", 80, 62, sz));
        await Save(Shuozhou, Course(dairy, TrainingMode.OnTheJob, "2023-04-01", "2023-04-20", 300, null, sz));
        await Save(Admin, Course(honey, TrainingMode.ProjectBased, "2023-05-01", "2023-06-30", 50, 30, yq));

        var view = await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2023 }, Admin, Today);
        // 怀仁陶瓷: 130 ÷ 160 = 81.3%, met.
        var town = view.Lines.Single(l => l.Name == "怀仁陶瓷专业镇");
        (town.CountedTrainees, town.Employed, town.RatePercent, town.Met).ShouldBe((160, 130, 81.3m, (bool?)true));
        // 山阴乳品: 62 ÷ 80 = 77.5%, not met; its 300 in-service trainees stay out of the rate.
        var shanyin = view.Lines.Single(l => l.Name == "山阴乳品专业镇");
        (shanyin.CountedTrainees, shanyin.Employed, shanyin.RatePercent, shanyin.Met, shanyin.OnTheJobTrainees).ShouldBe((80, 62, 77.5m, (bool?)false, 300));
        // 朔州市: (130 + 62) ÷ (160 + 80) = 192 ÷ 240 = 80.0%, met exactly.
        var city = view.Lines.Single(l => l.Name == "朔州市");
        (city.Programmes, city.Trainees, city.CountedTrainees, city.Employed, city.RatePercent, city.Met).ShouldBe((4, 540, 240, 192, 80.0m, (bool?)true));
        // 运城市 shows its 60% but no document of it sets the figure.
        var yuncheng = view.Lines.Single(l => l.Name == "运城市");
        (yuncheng.RatePercent, yuncheng.HasTarget, yuncheng.Met).ShouldBe((60.0m, false, (bool?)null));
        // 山西省: 222 ÷ 290 = 76.6%.
        (view.Total!.Name, view.Total.CountedTrainees, view.Total.Employed, view.Total.RatePercent).ShouldBe(("山西省", 290, 222, 76.6m));

        // The county office sees its own only; the city office does not see 垣曲县.
        var yuanquView = await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2023 }, Yuanqu, Today);
        yuanquView.Lines.ShouldNotContain(l => l.Name == "朔州市");
        (await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2023 }, Shuozhou, Today)).Lines.ShouldNotContain(l => l.Name == "运城市");
        // No 山西省 total on the city's or the county's roll-up: it would hold only their figures under the province's name.
        var shuozhouView = await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2023 }, Shuozhou, Today);
        shuozhouView.Lines.ShouldNotContain(l => l.Name == "山西省");
        shuozhouView.Total!.Name.ShouldBe("朔州市");
        yuanquView.Lines.ShouldNotContain(l => l.Name == "山西省" || l.Name == "运城市");
        var filtered = await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2023, JurisdictionPath = "山西省/运城市" }, Admin, Today);
        filtered.Total!.Name.ShouldBe("运城市");
        (await TrainingProgrammes.FindAsync(db, Catalog, first, Yuanqu, Today)).ShouldBeNull();
        (await TrainingProgrammes.DeleteAsync(db, Yuanqu, first))!.ShouldContain("不存在");
        var item = (await TrainingProgrammes.FindAsync(db, Catalog, first, Shuozhou, Today))!.Item;
        (item.RatePercent, item.Status).ShouldBe((90.0m, TrainingStatus.Met));
        (await TrainingProgrammes.ListAsync(db, Catalog, new TrainingFilter { Year = 2023, Mode = TrainingMode.OnTheJob }, Shuozhou, Today)).Total.ShouldBe(1);

        (await AuditQueries.HistoryAsync(db, "TrainingProgramme", first.ToString())).ShouldContain(e => e.Action == AuditAction.Created);
        (await TrainingProgrammes.DeleteAsync(db, Shuozhou, first)).ShouldBeNull();
        (await TrainingProgrammes.FindAsync(db, Catalog, first, Shuozhou, Today)).ShouldBeNull();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_shows_a_course_above_below_and_on_the_80_percent_and_its_clauses_govern_where_it_was_held(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var programmes = await db.TrainingProgrammes.AsNoTracking()
            .Select(p => new { p.ClauseSource, p.PolicyPackId, Path = db.Jurisdictions.Where(j => j.Id == p.CountyId).Select(j => j.Path).First() }).ToListAsync();
        programmes.Count.ShouldBe(8);
        foreach (var p in programmes)
        {
            var clause = SupportClauses.Find(Catalog, p.ClauseSource)!;
            clause.PackId.ShouldBe(p.PolicyPackId);
            SupportClauses.Governs(clause, p.Path).ShouldBeTrue($"{p.ClauseSource} → {p.Path}");
        }
        var list = await TrainingProgrammes.ListAsync(db, Catalog, new TrainingFilter { Year = 2025, PageSize = 100 }, Shuozhou, Today);
        list.Items.Select(i => i.Status).ShouldBe([TrainingStatus.NotMet, TrainingStatus.AwaitingOutcome, TrainingStatus.Met, TrainingStatus.NotApplicable], ignoreOrder: true);
        var view = await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2025 }, Shuozhou, Today);
        var ceramics = view.Lines.Single(l => l.Name == "怀仁陶瓷专业镇");
        (ceramics.CountedTrainees, ceramics.Employed, ceramics.RatePercent, ceramics.Met).ShouldBe((180, 144, 80.0m, (bool?)true));
        (await TrainingProgrammes.RollupAsync(db, Catalog, new TrainingFilter { Year = 2024 }, Shuozhou, Today)).Lines
            .Single(l => l.Name == "山阴乳品专业镇").RatePercent.ShouldBe(84.0m);
        (await TrainingProgrammes.LatestResultYearAsync(db, Shuozhou, Today)).ShouldBe(2025);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_talent_lies_in_the_office_s_county_an_expert_names_the_town_helped_and_a_township_sees_its_own(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var ceramics = await TownAsync(db, "怀仁陶瓷专业镇");
        var dairy = await TownAsync(db, "山阴乳品专业镇");
        var kiln = await db.Enterprises.Where(e => e.Name == "怀仁市瓷都窑炉装备有限公司").Select(e => e.Id).SingleAsync();
        var honeyCompany = await db.Enterprises.Where(e => e.Name == "垣曲县历山蜂业有限公司").Select(e => e.Id).SingleAsync();
        var person = new TalentInput { Name = "周工", Category = TalentCategory.Technical, CountyId = ceramics.CountyId, EnterpriseId = kiln, Year = 2025 };

        (await Talents.SaveAsync(db, Yuanqu, null, person, Today, "垣曲", DateTime.UtcNow)).Errors["CountyId"].ShouldContain("不在您的数据范围内");
        (await Talents.SaveAsync(db, Shuozhou, null, person with { EnterpriseId = honeyCompany }, Today, "朔州", DateTime.UtcNow)).Errors["EnterpriseId"].ShouldBe("所选企业不在该县（市、区）");
        (await Talents.SaveAsync(db, Shuozhou, null, person with { CountyId = dairy.CountyId, EnterpriseId = null, SpecializedTownId = ceramics.Id }, Today, "朔州", DateTime.UtcNow))
            .Errors["SpecializedTownId"].ShouldBe("所选专业镇不在该县（市、区）");
        (await Talents.SaveAsync(db, Shuozhou, null, person with { Category = TalentCategory.ExpertServiceMember, EnterpriseId = null, Employer = "中北大学" }, Today, "朔州", DateTime.UtcNow))
            .Errors["SpecializedTownId"].ShouldContain("一对一");

        var (id, errors) = await Talents.SaveAsync(db, Shuozhou, null, person, Today, "朔州", DateTime.UtcNow);
        errors.ShouldBeEmpty();
        var saved = (await Talents.FindAsync(db, id!.Value, Shuozhou))!;
        saved.Town.ShouldBe("怀仁陶瓷专业镇", "a person works in the town of their enterprise");
        (await Talents.FindAsync(db, id.Value, Yuanqu)).ShouldBeNull();

        var counts = await Talents.CountsAsync(db, new TalentFilter(), Shuozhou);
        var row = counts.Rows.Single(r => r.Town == "怀仁陶瓷专业镇");
        row.Counts[TalentCategory.Technical].ShouldBe(2, "赵国平 of the demo and 周工");
        row.Counts[TalentCategory.ExpertServiceMember].ShouldBe(1);
        counts.Total(TalentCategory.ExpertServiceMember).ShouldBe(2, "怀仁陶瓷 and 山阴乳品 each have their expert");
        (await Talents.ListAsync(db, new TalentFilter { Category = TalentCategory.Technical }, Shuozhou)).Total.ShouldBe(2);

        var honeyTown = await TownAsync(db, "历山镇蜂蜜专业镇");
        var township = new UserScope(9, Roles.Township, "山西省/运城市/垣曲县/历山镇", honeyTown.Id);
        var own = await Talents.ListAsync(db, new TalentFilter(), township);
        own.Items.Select(t => t.Name).ShouldBe(["韩宏伟"]);
        (await Talents.SaveAsync(db, township, own.Items[0].Id, person, Today, "历山镇", DateTime.UtcNow)).Errors[""].ShouldContain("不能维护");
        (await TrainingProgrammes.ListAsync(db, Catalog, new TrainingFilter(), township, Today)).Items.ShouldAllBe(p => p.Town == "历山镇蜂蜜专业镇");

        (await Talents.DeleteAsync(db, Yuanqu, id.Value))!.ShouldContain("不存在");
        (await Talents.DeleteAsync(db, Shuozhou, id.Value)).ShouldBeNull();
        (await AuditQueries.HistoryAsync(db, "Talent", id.Value.ToString())).Select(e => e.Action).ShouldBe([AuditAction.Created, AuditAction.Deleted], ignoreOrder: true);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_pages_show_the_year_s_rate_and_refuse_what_lies_outside_the_user_s_scope(StorageProvider provider)
    {
        var shuozhou = await SeededPlatforms.SignedInAsync(provider, "shuozhou-office");
        var page = await shuozhou.GetStringAsync("/Support/Training?year=2025");
        page.ShouldContain("培训后就业率（2025年）");
        var ceramicsRow = Regex.Match(page, "<tr[^>]*data-name=\"怀仁陶瓷专业镇\"[\\s\\S]*?</tr>").Value;
        ceramicsRow.ShouldContain("80.0%");
        ceramicsRow.ShouldContain("达标");
        page.ShouldContain("陶瓷窑炉智能控制项目制培训");
        page.ShouldContain("未达标");
        page.ShouldNotContain("中蜂标准化养殖项目制培训");
        (await shuozhou.GetStringAsync("/Support/Training")).ShouldContain("培训后就业率（2025年）", customMessage: "opens on the latest year with results");

        var xlsx = ExportFiles.Xlsx(await (await shuozhou.GetAsync("/Support/Training?year=2025&handler=ExportRollup&format=xlsx")).Content.ReadAsByteArrayAsync());
        xlsx[0][1].ShouldBe("名称");
        var exported = xlsx.Single(r => (string?)r[1] == "朔州市");
        ((double)exported[7]!).ShouldBe(80.0);
        exported[9].ShouldBe("达标");
        var list = ExportFiles.Xlsx(await (await shuozhou.GetAsync("/Support/Training?year=2025&handler=Export&format=xlsx")).Content.ReadAsByteArrayAsync());
        list.Count.ShouldBe(1 + 4);

        var talents = await shuozhou.GetStringAsync("/Support/Talents");
        talents.ShouldContain("刘志强");
        talents.ShouldContain("“一对一”帮扶");
        talents.ShouldNotContain("韩宏伟");

        // A county office of another city neither sees nor edits 朔州's records; a township reads but does not write.
        var api = await SeededPlatforms.ClientAsync(provider, "shuozhou-office");
        var body = await api.GetFromJsonAsync<TrainingBody>("/api/v1/support/training?year=2025&pageSize=100");
        body!.Rollup.Lines.ShouldContain(l => l.Name == "朔州市" && l.Met == true);
        var foreign = body.Page.Items.First().Id;
        var foreignTalent = (await api.GetFromJsonAsync<TalentBody>("/api/v1/support/talents?pageSize=100"))!.Items.First(t => t.Name == "刘志强").Id;
        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        (await yuanqu.GetAsync($"/Support/Training/Detail/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Training/Edit/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.GetAsync($"/Support/Talents/Edit/{foreignTalent}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var yuanquPage = await yuanqu.GetStringAsync("/Support/Training?year=all");
        yuanquPage.ShouldContain("中蜂标准化养殖项目制培训");
        yuanquPage.ShouldContain("未设目标");
        yuanquPage.ShouldNotContain("怀仁");
        var yuanquApi = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        (await yuanquApi.GetFromJsonAsync<TalentBody>("/api/v1/support/talents"))!.Items.ShouldAllBe(t => t.Name == "韩宏伟");
        (await yuanquApi.GetAsync("/api/v1/support/training?mode=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await SeededPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/support/talents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var township = await SeededPlatforms.SignedInAsync(provider, "lishan-township");
        var own = await township.GetStringAsync("/Support/Talents");
        own.ShouldContain("韩宏伟");
        own.ShouldNotContain("登记人才");
        (await township.GetAsync("/Support/Talents/Edit")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await township.GetAsync($"/Support/Training/Edit/{foreign}")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await township.GetAsync($"/Support/Training/Detail/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The form test writes, so it keeps a platform of its own rather than the shared read-only one.</summary>
    private static readonly DemoPlatforms Writable = new();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_form_keeps_what_was_typed_names_the_error_beside_the_field_and_only_the_county_s_office_deletes(StorageProvider provider)
    {
        var office = await Writable.SignedInAsync(provider, "shuozhou-office");
        var form = await office.GetStringAsync("/Support/Training/Edit");
        var huairen = Regex.Match(form, "<option value=\"(\\d+)\"[^>]*>怀仁市</option>").Groups[1].Value;
        huairen.ShouldNotBeEmpty();
        form.ShouldContain("以签订就业协议或提供就业证明为准");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageSignIn.Antiforgery(form), ["Input.CountyId"] = huairen, ["Input.Title"] = "陶瓷贴花工订单式培训", ["Input.Mode"] = "OrderBased",
            ["Input.Organiser"] = "朔州职业技术学院", ["Input.OrganiserKind"] = "VocationalCollege", ["Input.StartOn"] = "2022-03-01", ["Input.EndOn"] = "2022-05-31",
            ["Input.Trainees"] = "50", ["Input.Employed"] = "60", ["Input.ClauseSource"] = TrainingRules.TargetClause,
        };
        var refused = await office.PostAsync("/Support/Training/Edit", new FormUrlEncodedContent(fields));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await refused.Content.ReadAsStringAsync();
        again.ShouldContain("就业人数不能超过培训人数（50 人）");
        again.ShouldContain("value=\"陶瓷贴花工订单式培训\"");
        again.ShouldContain("value=\"60\"");

        fields["Input.Employed"] = "41";
        var saved = await office.PostAsync("/Support/Training/Edit", new FormUrlEncodedContent(fields));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = saved.Headers.Location!.ToString();
        var id = detail[(detail.LastIndexOf('/') + 1)..];
        (await office.GetStringAsync(detail)).ShouldContain("82.0%");

        // Another county's office cannot delete it, nor a township; the city's office can, after the page asks.
        var yuanqu = await Writable.SignedInAsync(provider, "yuanqu-office");
        var yuanquToken = PageSignIn.Antiforgery(await yuanqu.GetStringAsync("/Support/Training/Edit"));
        (await yuanqu.PostAsync($"/Support/Training/Edit/{id}?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = yuanquToken })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var edit = await office.GetStringAsync($"/Support/Training/Edit/{id}");
        edit.ShouldContain("data-confirm=");
        (await office.PostAsync($"/Support/Training/Edit/{id}?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PageSignIn.Antiforgery(edit) })))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await office.GetAsync(detail)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed record TrainingBody(ItemsBody Page, RollupBody Rollup);

    private sealed record ItemsBody(List<IdBody> Items, int Total);

    private sealed record IdBody(int Id);

    private sealed record RollupBody(int? Year, List<LineBody> Lines);

    private sealed record LineBody(string Name, bool? Met, decimal? RatePercent);

    private sealed record TalentBody(List<TalentRow> Items, int Total);

    private sealed record TalentRow(int Id, string Name);
}
