using System.Net;
using System.Net.Http.Json;
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

/// <summary>资金奖补, 资金绩效, 融资白名单 and 上市后备 on the demo, on both providers.</summary>
public class SupportTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Shuozhou = new(2, Roles.Office, "山西省/朔州市", null);
    private static readonly UserScope Admin = new(3, Roles.Admin, "山西省", null);
    private static readonly DateOnly Today = new(2025, 6, 30);
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<int> TownAsync(TownsDbContext db, string name) => await db.Towns.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();

    private static FundGrantInput Grant(int townId, string clause) => new()
    {
        FundName = "朔州市专业镇发展专项资金", Kind = FundKind.SpecialFund, Level = FundLevel.Municipal, ClauseSource = clause,
        RecipientKind = RecipientKind.Town, SpecializedTownId = townId, AmountWanYuan = 88.5m, GrantedOn = new DateOnly(2025, 3, 1),
        Purpose = "公用品牌推广", ExpectedOutcome = "新增山西精品公用品牌 1 个", TargetValue = 1m, TargetUnit = "个",
    };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_grant_must_cite_a_clause_governing_its_recipient_within_the_office_s_scope_and_leaves_a_history(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var huairen = await TownAsync(db, "怀仁陶瓷专业镇");

        // 垣曲县's office does not see 怀仁; 朔州's cannot fund it under 垣曲县's document.
        var (none, outside) = await FundGrants.SaveAsync(db, Catalog, Yuanqu, null, Grant(huairen, "垣政办发〔2023〕19号 四（一）"), Today, "垣曲县专业镇办", DateTime.UtcNow);
        none.ShouldBeNull();
        outside["SpecializedTownId"].ShouldBe("所选专业镇不在您的数据范围内");
        var (_, wrongClause) = await FundGrants.SaveAsync(db, Catalog, Shuozhou, null, Grant(huairen, "垣政办发〔2023〕19号 四（一）"), Today, "朔州市专业镇办", DateTime.UtcNow);
        wrongClause["ClauseSource"].ShouldContain("适用于山西省运城市垣曲县");
        var (_, unknown) = await FundGrants.SaveAsync(db, Catalog, Shuozhou, null, Grant(huairen, "朔政办发〔2023〕19号 四（九十）"), Today, "朔州市专业镇办", DateTime.UtcNow);
        unknown["ClauseSource"].ShouldBe("所选政策条款不在已载入的政策文件中");
        var leader = Shuozhou with { Role = Roles.Leader };
        (await FundGrants.SaveAsync(db, Catalog, leader, null, Grant(huairen, "朔政办发〔2023〕19号 四（四）"), Today, "领导", DateTime.UtcNow)).Errors[""].ShouldContain("不能登记");

        var (id, ok) = await FundGrants.SaveAsync(db, Catalog, Shuozhou, null, Grant(huairen, "朔政办发〔2023〕19号 四（四）"), Today, "朔州市专业镇办", DateTime.UtcNow);
        ok.ShouldBeEmpty();
        var detail = (await FundGrants.FindAsync(db, Catalog, id!.Value, Shuozhou))!;
        detail.Grant.AmountWanYuan.ShouldBe(88.5m);
        detail.Clause!.Title.ShouldBe("加强专业镇公用品牌打造推广");
        (await FundGrants.FindAsync(db, Catalog, id.Value, Yuanqu)).ShouldBeNull("outside the county's scope, as if it did not exist");

        // An enterprise's grant counts towards the town it belonged to.
        var enterprise = await db.Enterprises.Where(e => e.Name == "山西怀仁云中陶瓷集团有限公司").Select(e => new { e.Id, e.SpecializedTownId }).SingleAsync();
        var (eid, _) = await FundGrants.SaveAsync(db, Catalog, Shuozhou, null,
            Grant(huairen, "朔政办发〔2023〕19号 四（十五）") with { RecipientKind = RecipientKind.Enterprise, SpecializedTownId = null, EnterpriseId = enterprise.Id }, Today, "朔州市专业镇办", DateTime.UtcNow);
        (await db.FundGrants.SingleAsync(g => g.Id == eid)).SpecializedTownId.ShouldBe(enterprise.SpecializedTownId);

        var history = await AuditQueries.HistoryAsync(db, "FundGrant", id.Value.ToString());
        history.ShouldContain(e => e.Action == AuditAction.Created);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Every_demo_grant_cites_a_clause_of_the_document_governing_its_recipient(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var grants = await db.FundGrants.AsNoTracking()
            .Select(g => new { g.ClauseSource, g.PolicyPackId, g.Level, g.FundName, Path = db.Jurisdictions.Where(j => j.Id == g.CountyId).Select(j => j.Path).First() }).ToListAsync();
        grants.Count.ShouldBeGreaterThan(15);
        foreach (var g in grants)
        {
            var clause = SupportClauses.Find(Catalog, g.ClauseSource);
            clause.ShouldNotBeNull(g.ClauseSource);
            clause.PackId.ShouldBe(g.PolicyPackId);
            SupportClauses.Governs(clause, g.Path).ShouldBeTrue($"{g.ClauseSource} → {g.Path}");
            SupportClauses.LevelProblem(clause, g.Level).ShouldBeNull($"{g.FundName} → {g.ClauseSource}");
        }
        // qa96 12: the provincial fund of 怀仁陶瓷 rests on the provincial pack, not on 朔州's clause about county funds.
        var provincial = grants.Single(g => g.Level == FundLevel.Provincial);
        (provincial.PolicyPackId, provincial.ClauseSource).ShouldBe(("shanxi-2022-80", "晋政办发〔2022〕81号（据公开报道）"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_provincial_grant_is_refused_on_a_city_clause_about_county_funds_and_taken_on_the_provincial_clause(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var huairen = await TownAsync(db, "怀仁陶瓷专业镇");
        var provincial = Grant(huairen, "朔政办发〔2023〕19号 四（一）") with { FundName = "省级专业镇发展专项资金", Level = FundLevel.Provincial, AmountWanYuan = 5000m };

        var (none, refused) = await FundGrants.SaveAsync(db, Catalog, Shuozhou, null, provincial, Today, "朔州市专业镇办", DateTime.UtcNow);
        none.ShouldBeNull();
        refused["ClauseSource"].ShouldStartWith("朔政办发〔2023〕19号 四（一）所说的是县级资金，不能作为省级资金的依据");
        // The county's own fund may still rest on it, and the same clause choices offer the province's clause for the province's money.
        (await FundGrants.SaveAsync(db, Catalog, Shuozhou, null, provincial with { Level = FundLevel.County, FundName = "怀仁市专业镇发展专项资金", AmountWanYuan = 50m },
            Today, "朔州市专业镇办", DateTime.UtcNow)).Errors.ShouldBeEmpty();
        FundGrants.ClauseChoices(Catalog, Shuozhou).ShouldContain(c => c.Source == "晋政办发〔2022〕81号（据公开报道）");
        var (id, ok) = await FundGrants.SaveAsync(db, Catalog, Shuozhou, null, provincial with { ClauseSource = "晋政办发〔2022〕81号（据公开报道）" },
            Today, "朔州市专业镇办", DateTime.UtcNow);
        ok.ShouldBeEmpty();
        (await db.FundGrants.SingleAsync(g => g.Id == id)).PolicyPackId.ShouldBe("shanxi-2022-80");

        // The API gives the same refusal, as a field error.
        var client = await SeededPlatforms.ClientAsync(provider, "shuozhou-office");
        var response = await client.PostAsJsonAsync("/api/v1/support/grants", new
        {
            fundName = "省级专业镇发展专项资金", kind = "special-fund", level = "provincial", clauseSource = "朔政办发〔2023〕19号 四（一）", recipientKind = "town",
            specializedTownId = huairen, amountWanYuan = 5000, grantedOn = "2025-03-01", purpose = "公共服务平台建设", expectedOutcome = "产值突破 100 亿元",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("所说的是县级资金");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_fund_performance_adds_up_to_the_grants_listed_and_each_area_to_its_lines(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var period = new PerformancePeriod(2023, 2025);
        foreach (var scope in new[] { Admin, Shuozhou, Yuanqu })
        {
            var view = await FundPerformanceQueries.ComputeAsync(db, scope, period);
            var listed = 0m;
            foreach (var year in new[] { 2023, 2024, 2025 })
                listed += (await FundGrants.ListAsync(db, new FundGrantFilter { Year = year, PageSize = 500 }, scope)).TotalWanYuan;
            view.Total!.FundsWanYuan.ShouldBe(listed, scope.JurisdictionPath);
            listed.ShouldBeGreaterThan(0m);
            // No total above what the person sees: 山西省（合计） on 垣曲县's page would hold only 垣曲县's figures.
            view.Lines.ShouldAllBe(l => !l.IsTotal || scope.IsAdmin || l.Path == scope.JurisdictionPath || l.Path.StartsWith(scope.JurisdictionPath + "/"));
            foreach (var area in view.Lines.Where(l => l.Level == PerformanceLevel.County))
            {
                var towns = view.Lines.Where(l => l.Level == PerformanceLevel.Town && l.Path == area.Path).ToList();
                area.FundsWanYuan.ShouldBe(towns.Sum(t => t.FundsWanYuan));
                area.Projects.ShouldBe(towns.Sum(t => t.Projects));
            }
        }
        // 朔州: 怀仁陶瓷 received 5000 + 120 + 260 (town) and 300 + 180 (its enterprises) in 2023–2025.
        var shuozhou = await FundPerformanceQueries.ComputeAsync(db, Shuozhou, period);
        var ceramics = shuozhou.Lines.Single(l => l.Name == "怀仁陶瓷专业镇");
        ceramics.TownFundsWanYuan.ShouldBe(5380m);
        ceramics.EnterpriseFundsWanYuan.ShouldBe(480m);
        shuozhou.Lines[0].Name.ShouldBe("朔州市", "the city's total comes first; no 山西省 total holding only 朔州's figures");
        // 2024–2026 (QA 96): the statistics end at 2024, so money granted in 2025 and 2026 has no output to answer for.
        var later = await FundPerformanceQueries.ComputeAsync(db, Shuozhou, new PerformancePeriod(2024, 2026));
        var laterCeramics = later.Lines.Single(l => l.Name == "怀仁陶瓷专业镇");
        laterCeramics.OutputYears.ShouldBe("2023→2024");
        var granted2024 = (await FundGrants.ListAsync(db, new FundGrantFilter { Year = 2024, PageSize = 500 }, Shuozhou)).Page.Items
            .Where(g => g.TownId == laterCeramics.TownId).Sum(g => g.AmountWanYuan);
        laterCeramics.FundsInRatioWanYuan.ShouldBe(granted2024);
        laterCeramics.FundsAfterOutputWanYuan.ShouldBeGreaterThan(0m, "the demo grants 怀仁陶瓷 money in 2025");
        laterCeramics.OutputChangePerFund.ShouldBe(decimal.Round(laterCeramics.OutputChangeWanYuan!.Value / granted2024, 2));
        shuozhou.Lines.ShouldNotContain(l => l.Name == "运城市", "a city office sees only its own");
        // The province office filtered to one county: the lines start at the county.
        var yuanqu = await FundPerformanceQueries.ComputeAsync(db, Admin, period, "山西省/运城市/垣曲县");
        yuanqu.Lines[0].Path.ShouldBe("山西省/运城市/垣曲县");
        yuanqu.Lines.ShouldAllBe(l => l.Path.StartsWith("山西省/运城市/垣曲县"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_loan_comes_of_a_white_list_entry_and_a_listing_candidate_moves_through_its_stages(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var enterprise = await db.Enterprises.Where(e => e.Name == "怀仁市瓷都窑炉装备有限公司").Select(e => e.Id).SingleAsync();
        var entry = await db.WhiteListEntries.Where(w => w.EnterpriseId == enterprise).Select(w => w.Id).SingleAsync();
        var loan = new FinancingInput { Kind = FinancingKind.Loan, Institution = "晋商银行朔州分行", AmountWanYuan = 300m, GrantedOn = new DateOnly(2025, 4, 1), TermMonths = 12 };
        (await WhiteLists.AddFinancingAsync(db, Yuanqu, entry, loan, Today))[""].ShouldContain("不存在");
        (await WhiteLists.AddFinancingAsync(db, Shuozhou, entry, loan with { GrantedOn = new DateOnly(2025, 1, 1) }, Today))["GrantedOn"].ShouldContain("不能早于");
        (await WhiteLists.AddFinancingAsync(db, Shuozhou, entry, loan, Today)).ShouldBeEmpty();
        var item = (await WhiteLists.FindAsync(db, entry, Shuozhou))!;
        item.LoansWanYuan.ShouldBe(300m);
        item.Status.ShouldBe(WhiteListStatus.Admitted, "money arrived, so the recommended enterprise is on the list");
        var (_, twice) = await WhiteLists.SaveAsync(db, Shuozhou, null, new WhiteListInput
        {
            EnterpriseId = enterprise, Year = 2025, RecommendedBy = "怀仁市工信局", RecommendedOn = new DateOnly(2025, 2, 18), Status = WhiteListStatus.Recommended,
        }, Today, "朔州市专业镇办", DateTime.UtcNow);
        twice["Year"].ShouldBe("该企业已列入2025年融资白名单");

        var refractory = await db.Enterprises.Where(e => e.Name == "山西泉耐新材料科技有限公司").Select(e => e.Id).SingleAsync();
        var candidate = await db.ListingCandidates.Where(c => c.EnterpriseId == refractory).Select(c => c.Id).SingleAsync();
        (await ListingReserve.MoveAsync(db, Shuozhou, candidate, ListingStage.AboveScaleToJointStock, Today, null, Today, "朔州"))!.ShouldContain("不存在");
        var yangquan = new UserScope(4, Roles.Office, "山西省/阳泉市", null);
        (await ListingReserve.MoveAsync(db, yangquan, candidate, ListingStage.AboveScaleToJointStock, new DateOnly(2025, 5, 6), null, Today, "阳泉")).ShouldBeNull();
        var found = (await ListingReserve.FindAsync(db, candidate, yangquan))!.Value;
        var (moved, history) = (found.Item, found.History);
        moved.Stage.ShouldBe(ListingStage.AboveScaleToJointStock);
        moved.StageSince.ShouldBe(new DateOnly(2025, 5, 6));
        history.Select(h => h.To).ShouldBe([ListingStage.SmallToAboveScale, ListingStage.AboveScaleToJointStock]);
        var counts = await ListingReserve.CountsAsync(db, new ListingFilter(), yangquan);
        counts.Total(ListingStage.AboveScaleToJointStock).ShouldBe(1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_support_pages_list_only_the_county_s_records_and_export_what_is_filtered(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", SeededPlatforms.Password);

        var funds = await office.GetStringAsync("/Support/Funds");
        funds.ShouldContain("历山镇蜂蜜专业镇");
        funds.ShouldContain("垣政办发〔2023〕19号 四（一）");
        funds.ShouldNotContain("怀仁陶瓷专业镇");
        funds.ShouldContain("共 4 笔，合计 <strong>147.5万元</strong>");

        var xlsx = ExportFiles.Xlsx(await (await office.GetAsync("/Support/Funds?year=2024&handler=Export&format=xlsx")).Content.ReadAsByteArrayAsync());
        xlsx[0].Take(5).ShouldBe(["拨付日期", "资金名称", "资金类型", "资金级次", "政策依据"]);
        xlsx.Count.ShouldBe(1 + 3);
        xlsx.Skip(1).ShouldAllBe(r => (string)r[8]! == "垣曲县");
        xlsx.Skip(1).Sum(r => (double)r[9]!).ShouldBe(87.5);

        var performance = await office.GetStringAsync("/Support/Funds/Performance?from=2023&to=2025");
        performance.ShouldContain("垣曲县");
        performance.ShouldContain("147.5万元");
        performance.ShouldNotContain("朔州市");

        (await office.GetStringAsync("/Support/Finance")).ShouldContain("垣曲县历山蜂业有限公司");
        (await office.GetStringAsync("/Support/Finance")).ShouldNotContain("云中陶瓷");
        (await office.GetStringAsync("/Support/Listing")).ShouldContain("您的数据范围内还没有上市后备企业");

        // A record of another city is not there for the county, page or API.
        var shuozhou = await SeededPlatforms.ClientAsync(provider, "shuozhou-office");
        var laterPage = await shuozhou.GetStringAsync("/Support/Funds/Performance?from=2024&to=2026");
        laterPage.ShouldContain("id=\"funds-after-output\"");
        laterPage.ShouldContain("2023→2024");
        var page = await shuozhou.GetFromJsonAsync<GrantPage>("/api/v1/support/grants?pageSize=100");
        // 朔州's own document, and the province's for its provincial fund (qa96 12).
        page!.Page.Items.ShouldAllBe(g => g.ClauseSource.StartsWith("朔政办发") || g.ClauseSource.StartsWith("晋政办发"));
        var foreign = page.Page.Items.First().Id;
        (await office.GetAsync($"/Support/Funds/Detail/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await office.GetAsync($"/Support/Funds/Edit/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var api = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        (await api.GetAsync($"/api/v1/support/grants/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/support/white-list")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/support/listing?stage=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A leader reads but does not write.
        var leader = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(leader, "yuncheng-leader", SeededPlatforms.Password);
        (await leader.GetStringAsync("/Support/Funds")).ShouldNotContain("登记资金");
        (await leader.GetAsync("/Support/Funds/Edit")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Records_entered_in_error_can_be_deleted_within_scope_but_a_white_list_entry_that_brought_money_cannot(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var grant = await db.FundGrants.Where(g => g.ClauseSource.StartsWith("朔政办发")).Select(g => g.Id).FirstAsync();
        (await FundGrants.DeleteAsync(db, Yuanqu, grant)).ShouldBe("资金奖补记录不存在，或不在您的数据范围内");
        (await FundGrants.DeleteAsync(db, Shuozhou with { Role = Roles.Leader }, grant)).ShouldBe("您的角色不能维护资金奖补");
        (await FundGrants.DeleteAsync(db, Shuozhou, grant)).ShouldBeNull();
        (await db.FundGrants.AnyAsync(g => g.Id == grant)).ShouldBeFalse();

        var yunzhong = await db.WhiteListEntries.Include(w => w.Financings)
            .Where(w => db.Enterprises.Any(e => e.Id == w.EnterpriseId && e.Name == "山西怀仁云中陶瓷集团有限公司")).SingleAsync();
        var loan = yunzhong.Financings.Single(f => f.Institution == "晋商银行朔州分行").Id;
        (await WhiteLists.DeleteAsync(db, Shuozhou, yunzhong.Id)).ShouldStartWith("该企业已因白名单获得贷款或担保，不能删除");
        (await WhiteLists.DeleteFinancingAsync(db, Yuanqu, yunzhong.Id, loan)).ShouldBe("白名单记录不存在，或不在您的数据范围内");
        (await WhiteLists.DeleteFinancingAsync(db, Shuozhou, yunzhong.Id, loan)).ShouldBeNull();
        db.ChangeTracker.Clear();
        (await WhiteLists.FindAsync(db, yunzhong.Id, Shuozhou))!.LoansWanYuan.ShouldBe(3000m, "4500 万元 less the 1500 deleted");

        var recommended = await db.WhiteListEntries.Where(w => w.Status == WhiteListStatus.Recommended).Select(w => w.Id).SingleAsync();
        (await WhiteLists.DeleteAsync(db, Shuozhou, recommended)).ShouldBeNull();
        (await db.WhiteListEntries.AnyAsync(w => w.Id == recommended)).ShouldBeFalse();

        var candidate = await db.ListingCandidates.Where(c => db.Enterprises.Any(e => e.Id == c.EnterpriseId && e.Name == "山西桑干河乳业有限公司")).Select(c => c.Id).SingleAsync();
        (await ListingReserve.DeleteAsync(db, Yuanqu, candidate)).ShouldBe("上市后备企业不存在，或不在您的数据范围内");
        (await ListingReserve.DeleteAsync(db, Shuozhou, candidate)).ShouldBeNull();
        (await db.ListingStageChanges.AnyAsync(h => h.ListingCandidateId == candidate)).ShouldBeFalse();
    }

    private sealed record GrantPage(GrantItems Page, decimal TotalWanYuan);

    private sealed record GrantItems(List<GrantRow> Items, int Total);

    private sealed record GrantRow(int Id, string ClauseSource);
}
