using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// qa96 2: 怀仁陶瓷's 省级 certificate and its 认定层级 evidence named 朔州's 朔政办发〔2023〕19号 as the recognition, a document that
/// only sets the town the goal of becoming “全国知名的省级专业镇” (二), because a standard-less step at the same tier followed the
/// 2022 provincial recognition in the demo history. The demo no longer has that step; and where such a step is recorded after a
/// recognition, the certificate and the evidence still rest on the recognition.
/// </summary>
public class TierStandingTests
{
    private const string Town = "怀仁陶瓷专业镇";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_document_after_a_provincial_recognition_does_not_replace_it_on_the_certificate_or_in_the_evaluation(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "shuozhou-office");
        await using var __ = factory;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Name == Town);
        town.Tier.ShouldBe(Tier.Provincial);

        // The demo as loaded: one step, the provincial recognition against 山西省级专业镇认定标准.
        var history = await db.TierChanges.AsNoTracking().Where(c => c.SpecializedTownId == town.Id).ToListAsync();
        history.Select(c => (c.Tier, c.StandardId, c.EffectiveOn)).ShouldBe([(Tier.Provincial, (string?)"shanxi-provincial", new DateOnly(2022, 12, 20))]);

        // What the demo had, as an office might still enter a document naming the town: a standard-less step at the same tier.
        db.TierChanges.Add(new TierChange
        {
            SpecializedTownId = town.Id, Tier = Tier.Provincial, StandardId = null, EffectiveOn = new DateOnly(2023, 5, 19),
            DocumentNumber = "朔政办发〔2023〕19号", Note = "纳入全市专业镇梯次培育，打造全国知名的省级专业镇",
        });
        await db.SaveChangesAsync();

        var api = await PageSignIn.ApiClientAsync(factory, "shuozhou-office", TestDatabases.DemoPassword);
        var certificate = await Docx.DownloadAsync(api, $"/api/v1/towns/{town.Id}/certificate.docx");
        certificate.ValidationErrors.ShouldBeEmpty();
        certificate.ParagraphStartingWith("证书编号：").InnerText.ShouldStartWith("证书编号：山西专认〔2022〕");
        certificate.AllText.ShouldContain("被认定为山西省省级专业镇");
        certificate.AllText.ShouldNotContain("朔政办发");
        certificate.Texts.ShouldContain("山西省专业镇发展领导小组");
        certificate.AllText.ShouldContain("2022年12月20日");

        // The province's evaluation of 2024: 认定层级 省级 by the 2022 recognition, not “由文件列为省级（未按认定标准评定）”.
        var catalog = scope.ServiceProvider.GetRequiredService<PolicyCatalog>();
        var evaluations = new EvaluationService(db, catalog, new MeasureGatherer(db, catalog, new ReportSettings()), TimeProvider.System);
        var province = new UserScope(1, Roles.Office, "山西省", null);
        var id = await evaluations.CreateAsync(province, "山西省专业镇办", 2024, SubjectKind.Town, null);
        var tier = (await evaluations.GetAsync(province, id)).Results.Single(r => r.Row.SubjectName == Town).Indicators.Single(i => i.Key == "tier-level");
        tier.Evidence.ShouldBe(["2022年12月20日认定为省级"]);
    }

    [Fact]
    public void The_step_a_tier_rests_on_is_the_latest_recognition_of_the_unbroken_run_at_that_tier()
    {
        TierChange Step(int id, Tier tier, string? standard, int year) =>
            new() { Id = id, Tier = tier, StandardId = standard, EffectiveOn = new DateOnly(year, 6, 1) };

        var recognised = Step(1, Tier.Provincial, "shanxi-provincial", 2022);
        var named = Step(2, Tier.Provincial, null, 2023);
        TierStanding.On([recognised, named]).ShouldBe(recognised);
        TierStanding.On([recognised, named], new DateOnly(2022, 12, 31)).ShouldBe(recognised);
        // A later recognition at the same tier (a review) is the one.
        var again = Step(3, Tier.Provincial, "shanxi-provincial", 2025);
        TierStanding.On([recognised, named, again]).ShouldBe(again);
        // A tier left and held again by a document alone rests on that document: the old recognition ended with the step down.
        var down = Step(4, Tier.Municipal, "yuncheng-municipal", 2024);
        var up = Step(5, Tier.Provincial, null, 2025);
        TierStanding.On([recognised, down, up]).ShouldBe(up);
        // 新绛's four: named by the county document only (decision 0019).
        var xinjiang = Step(6, Tier.County, null, 2023);
        TierStanding.On([xinjiang]).ShouldBe(xinjiang);
        TierStanding.On([]).ShouldBeNull();

        global::SpecializedTowns.Data.Applications.RecognitionDocuments.CertificateChange(Tier.Provincial, [recognised, named]).ShouldBe(recognised);
    }
}
