using System.Net;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>
/// 认定决定 and 认定证书 downloaded as their users would: a town recognised through the whole workflow (on a platform of these
/// tests' own, since recognising changes the town), then the files reopened with OpenXml, the scope and the buttons checked.
/// </summary>
public class RecognitionDocumentTests
{
    private static readonly DemoPlatforms Platforms = new();
    private static readonly Dictionary<StorageProvider, (int Recognized, int Draft, int Town, int ReserveTown)> Prepared = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>万安钻石 recognised as a 运城 city-level town on 2025-03-11 under 运专领发〔2025〕3号, plus an application left as a draft.</summary>
    private static async Task<(int Recognized, int Draft, int Town, int ReserveTown)> PrepareAsync(StorageProvider provider)
    {
        await Gate.WaitAsync();
        try
        {
            if (Prepared.TryGetValue(provider, out var ready)) return ready;
            var factory = await Platforms.GetAsync(provider);
            using var services = factory.Services.CreateScope();
            var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
            var clock = new FixedClock(new DateOnly(2025, 3, 1));
            var service = new ApplicationService(db, services.ServiceProvider.GetRequiredService<PolicyCatalog>(), clock);
            var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
            var county = new UserScope(100, Roles.Office, "山西省/运城市/新绛县", null);
            var city = new UserScope(101, Roles.Office, "山西省/运城市", null);
            var expert = new UserScope(expertId, Roles.Expert, "山西省/运城市", null);
            var town = await db.Towns.SingleAsync(t => t.Name == "万安钻石专业镇");
            var facts = """{"category":"manufacturing","annualOutputValueWanYuan":85000,"leadingEnterprises":2,"supportingEnterprises":14,"localEmployment":2600,"provincialMarketSharePercent":30,"largeNationalMarketSpace":true}""";

            var id = await service.CreateAsync(county, "xinjiang-office", town.Id, "yuncheng-municipal", facts);
            await service.SubmitAsync(county, "xinjiang-office", id);
            await service.AcceptAsync(city, "yuncheng-office", id, [expertId]);
            await service.ScoreAsync(expert, "expert-zhang", id, new Dictionary<string, (bool, string)> { ["market-share"] = (true, "培育钻石全国市场空间大"), [ExpertScore.Overall] = (true, "同意认定") });
            await service.ConcludeAsync(city, "yuncheng-office", id);
            await service.DecideAsync(city, "yuncheng-office", id, Decision.Recognize, "运专领发〔2025〕3号", null, new DateOnly(2025, 3, 10), settlement: "申报数含尚未录入平台的企业，已核对名单");
            clock.Now = clock.Now.AddDays(10);
            await service.EndPublicityAsync(city, "yuncheng-office", id, upheld: false, null);

            var green = await db.Towns.SingleAsync(t => t.Name == "绛州绿专业镇");
            var draft = await service.CreateAsync(county, "xinjiang-office", green.Id, "yuncheng-municipal",
                """{"category":"specialty-agriculture","annualOutputValueWanYuan":15000}""");
            var reserve = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
            return Prepared[provider] = (id, draft, town.Id, reserve.Id);
        }
        finally { Gate.Release(); }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_decision_is_an_official_document_naming_the_town_the_number_and_the_basis(StorageProvider provider)
    {
        var (id, _, _, _) = await PrepareAsync(provider);
        var docx = await Docx.DownloadAsync(await Platforms.ClientAsync(provider, "yuncheng-office"), $"/api/v1/applications/{id}/decision.docx");
        docx.ValidationErrors.ShouldBeEmpty();

        // 版头: the deciding leading group in red 小标宋, the 文号 registered at the decision under it.
        var authority = docx.Paragraphs[0];
        authority.InnerText.ShouldBe("运城市专业镇发展领导小组");
        Docx.FirstRun(authority).Color!.Val!.Value.ShouldBe(OfficialDocumentWriter.Red);
        Docx.FirstRun(authority).RunFonts!.EastAsia!.Value.ShouldBe(OfficialDocumentWriter.XiaoBiaoSong);
        docx.Texts.ShouldContain("运专领发〔2025〕3号");

        var title = docx.Paragraph("关于认定万安钻石专业镇为市级专业镇的决定");
        Docx.FirstRun(title).RunFonts!.EastAsia!.Value.ShouldBe(OfficialDocumentWriter.XiaoBiaoSong);
        Docx.FirstRun(title).FontSize!.Val!.Value.ShouldBe(OfficialDocumentWriter.Size2Hao.ToString());
        docx.Texts.ShouldContain("新绛县人民政府：");

        // 正文 in 3号仿宋: the standard with its document and clause, the procedure, the town with its place and industry.
        var opening = docx.ParagraphStartingWith("根据");
        Docx.FirstRun(opening).RunFonts!.EastAsia!.Value.ShouldBe(OfficialDocumentWriter.FangSong);
        Docx.FirstRun(opening).FontSize!.Val!.Value.ShouldBe(OfficialDocumentWriter.Size3Hao.ToString());
        opening.InnerText.ShouldContain("《运城市促进专业镇高质量发展三年行动计划》（运政办发〔2023〕8号）");
        // 运城's standard under its own document: 垣曲's 三 only quotes it, and is no basis for deciding a 新绛 town.
        opening.InnerText.ShouldContain("运城市级专业镇认定标准（据垣政办发〔2023〕19号 三）");
        opening.InnerText.ShouldContain("公示（至2025年3月10日）无异议");
        opening.InnerText.ShouldContain("决定认定万安钻石专业镇（新绛县万安镇，主导产业为培育钻石）为运城市市级专业镇");

        var list = Docx.Rows(docx.TableStartingWith("序号", "专业镇"));
        list[1].ShouldBe(["1", "万安钻石专业镇", "新绛县", "万安镇", "培育钻石"]);
        list[0].Count.ShouldBe(5);

        // What follows, each with its source: the cycle of the standard and the annual evaluation of 新绛's own document.
        var dynamic = docx.ParagraphStartingWith("（一）实行动态管理");
        dynamic.InnerText.ShouldContain("按照“按一定周期滚动认定培育，实现专业镇梯次培育发展”的要求（据垣政办发〔2023〕19号 三）");
        docx.AllText.ShouldNotContain("（垣政办发〔2023〕19号 三）");
        // No text sets an exit period: the platform's default (连续2年) is not stated as policy in an official decision (qa110 5).
        dynamic.InnerText.ShouldContain("已认定的专业镇实行动态调整。");
        docx.AllText.ShouldNotContain("提出降级或退出建议");
        docx.ParagraphStartingWith("（二）开展年度评估").InnerText.ShouldContain("新政办发〔2023〕33号 四（五）");

        // Signed by the group on the day the recognition took effect; printed by its office.
        docx.Texts.ShouldContain("2025年3月11日");
        docx.AllText.ShouldContain("运城市专业镇发展领导小组办公室");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_certificate_is_one_landscape_page_with_the_town_the_tier_and_a_stable_number(StorageProvider provider)
    {
        var (id, _, townId, _) = await PrepareAsync(provider);
        var client = await Platforms.ClientAsync(provider, "xinjiang-office");
        var docx = await Docx.DownloadAsync(client, $"/api/v1/applications/{id}/certificate.docx");
        docx.ValidationErrors.ShouldBeEmpty();

        var size = docx.Section.GetFirstChild<PageSize>()!;
        size.Orient!.Value.ShouldBe(PageOrientationValues.Landscape);
        size.Width!.Value.ShouldBeGreaterThan(size.Height!.Value);
        docx.Section.GetFirstChild<PageBorders>().ShouldNotBeNull();
        docx.Body.Descendants<Break>().ShouldBeEmpty();
        docx.Body.Elements<SectionProperties>().Count().ShouldBe(1);

        docx.Texts.ShouldContain("专 业 镇 认 定 证 书");
        docx.Texts.ShouldContain("万安钻石专业镇：");
        docx.AllText.ShouldContain("被认定为运城市市级专业镇");
        docx.AllText.ShouldContain("主导产业：培育钻石");
        docx.Texts.ShouldContain("运城市专业镇发展领导小组");
        docx.Texts.ShouldContain("认定文号：运专领发〔2025〕3号");
        var number = docx.ParagraphStartingWith("证书编号：").InnerText;
        number.ShouldStartWith("证书编号：运城专认〔2025〕");

        // The town page's certificate is the same recognition: same number.
        var fromTown = await Docx.DownloadAsync(client, $"/api/v1/towns/{townId}/certificate.docx");
        fromTown.ParagraphStartingWith("证书编号：").InnerText.ShouldBe(number);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_batch_decision_covers_the_year_of_one_standard(StorageProvider provider)
    {
        await PrepareAsync(provider);
        var client = await Platforms.ClientAsync(provider, "yuncheng-office");
        var docx = await Docx.DownloadAsync(client, "/api/v1/applications/decision.docx?standard=yuncheng-municipal&year=2025");
        docx.Texts.ShouldContain("运专领发〔2025〕3号");
        Docx.Rows(docx.TableStartingWith("序号")).Skip(1).Select(r => r[1]).ShouldBe(["万安钻石专业镇"]);

        var numbered = await Docx.DownloadAsync(client, "/api/v1/applications/decision.docx?standard=yuncheng-municipal&year=2025&number=" + Uri.EscapeDataString("运专领发〔2025〕9号"));
        numbered.Texts.ShouldContain("运专领发〔2025〕9号");

        (await client.GetAsync("/api/v1/applications/decision.docx?standard=yuncheng-municipal&year=2024")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/applications/decision.docx?year=2025")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Documents_are_only_for_recognised_applications_in_scope(StorageProvider provider)
    {
        var (id, draft, townId, _) = await PrepareAsync(provider);
        var yangquan = await Platforms.ClientAsync(provider, "yangquan-office");
        foreach (var url in new[] { $"/api/v1/applications/{id}/decision.docx", $"/api/v1/applications/{id}/certificate.docx",
                     $"/api/v1/towns/{townId}/certificate.docx", $"/api/v1/towns/{townId}/profile.docx",
                     "/api/v1/applications/decision.docx?standard=yuncheng-municipal&year=2025" })
            (await yangquan.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);

        var county = await Platforms.ClientAsync(provider, "xinjiang-office");
        (await county.GetAsync($"/api/v1/applications/{id}/decision.docx")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.GetAsync($"/api/v1/applications/{draft}/decision.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await county.GetAsync($"/api/v1/applications/{draft}/certificate.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await Platforms.ClientAsync(provider, null)).GetAsync($"/api/v1/applications/{id}/decision.docx")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Download_buttons_appear_only_for_what_can_be_downloaded(StorageProvider provider)
    {
        var (id, draft, townId, reserveTownId) = await PrepareAsync(provider);
        var xinjiang = await Platforms.SignedInAsync(provider, "xinjiang-office");

        var recognised = await xinjiang.GetStringAsync($"/Applications/Detail/{id}");
        recognised.ShouldContain($"href=\"/api/v1/applications/{id}/decision.docx\"");
        recognised.ShouldContain($"href=\"/api/v1/applications/{id}/certificate.docx\"");
        recognised.ShouldContain("id=\"download-batch-decision\"");
        recognised.ShouldContain("data-print");

        var pending = await xinjiang.GetStringAsync($"/Applications/Detail/{draft}");
        pending.ShouldNotContain("decision.docx");
        pending.ShouldNotContain("certificate.docx");
        pending.ShouldContain("data-print");

        var town = await xinjiang.GetStringAsync($"/Towns/Detail/{townId}");
        town.ShouldContain($"href=\"/api/v1/towns/{townId}/profile.docx\"");
        town.ShouldContain($"href=\"/api/v1/towns/{townId}/certificate.docx\"");
        town.ShouldContain($"href=\"/api/v1/applications/{id}/decision.docx\"");

        // A 储备 town has a dossier but no certificate and no decision.
        var yuanqu = await Platforms.SignedInAsync(provider, "yuanqu-office");
        var reserve = await yuanqu.GetStringAsync($"/Towns/Detail/{reserveTownId}");
        reserve.ShouldContain($"href=\"/api/v1/towns/{reserveTownId}/profile.docx\"");
        reserve.ShouldNotContain("certificate.docx");
        reserve.ShouldNotContain("decision.docx");
        (await (await Platforms.ClientAsync(provider, "yuanqu-office")).GetAsync($"/api/v1/towns/{reserveTownId}/certificate.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
