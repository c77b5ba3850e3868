using System.Net;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>
/// qa105 1: the month's 月报通报 is the 领导小组办公室's document. Township staff, member units and experts may not produce
/// it; a leader reads it without a 文号; an office numbers it only with its own 代字, and it goes out under a body that exists.
/// </summary>
public class SummaryIssuerTests
{
    private static ReportMonth Closed => ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous.Previous;

    private static string Url(string? number = null) =>
        $"/api/v1/reports/summary.docx?month={Closed}" + (number is null ? "" : "&number=" + Uri.EscapeDataString(number));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_an_office_issues_the_monthly_summary_and_a_leader_reads_it_unnumbered(StorageProvider provider)
    {
        foreach (var user in new[] { "lishan-township", "xinjiang-member", "expert-zhang" })
        {
            var client = await SeededPlatforms.ClientAsync(provider, user);
            foreach (var url in new[] { Url(), Url("新专办〔2026〕9号") })
            {
                var refused = await client.GetAsync(url);
                refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
                (await refused.Content.ReadAsStringAsync()).ShouldContain("只有领导小组办公室可以印发月报通报");
            }
            var page = await (await SeededPlatforms.SignedInAsync(provider, user)).GetAsync("/Reports");
            if (page.StatusCode == HttpStatusCode.OK) (await page.Content.ReadAsStringAsync()).ShouldNotContain("summary-docx", customMessage: user);
        }

        var leader = await SeededPlatforms.ClientAsync(provider, "yuncheng-leader");
        var numbered = await leader.GetAsync(Url("运专办〔2026〕9号"));
        numbered.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await numbered.Content.ReadAsStringAsync()).ShouldContain("不能给通报编发文字号");
        var read = await Docx.DownloadAsync(leader, Url());
        read.AllText.ShouldNotContain("〔");
        var leaderPage = await (await SeededPlatforms.SignedInAsync(provider, "yuncheng-leader")).GetStringAsync("/Reports");
        leaderPage.ShouldContain("月报汇总（阅览）");
        leaderPage.ShouldNotContain("summary-docx-number");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_office_numbers_the_summary_only_with_its_own_agency(StorageProvider provider)
    {
        var yuanqu = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var foreign = await yuanqu.GetAsync(Url("新专办〔2026〕9号"));
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = await foreign.Content.ReadAsStringAsync();
        message.ShouldContain("发文字号“新专办〔2026〕9号”不是垣曲县专业镇发展领导小组办公室的");
        message.ShouldContain("应以本地简称“垣”开头");

        var own = await Docx.DownloadAsync(yuanqu, Url("垣专办〔2026〕9号"));
        own.Paragraphs[0].InnerText.ShouldBe("垣曲县专业镇发展领导小组办公室");
        own.Texts.ShouldContain("垣专办〔2026〕9号");
        own.AllText.ShouldNotContain("历山镇专业镇发展领导小组");

        // The menu's example is the office's own, not 新绛's.
        var page = await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync("/Reports");
        page.ShouldContain("placeholder=\"如：垣专办〔");
        page.ShouldNotContain("新专办");
    }

    [Fact]
    public void The_agency_must_begin_with_the_whole_short_name_of_the_office_s_place()
    {
        var catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        // A configured prefix names the place in full: 晋中市's 代字 begin 晋中, and 晋 alone is the province's.
        var configured = NoticeSettings.From(null, new Dictionary<string, string> { ["晋中市"] = "晋中专办督" });
        ReportSummary.AgencyShortName(catalog, configured, "山西省/晋中市").ShouldBe("晋中");
        var jinzhong = new UserScope(1, Roles.Office, "山西省/晋中市", null);
        ReportSummary.NumberProblem(jinzhong, "晋专办〔2026〕9号", catalog, configured)!
            .ShouldBe("发文字号“晋专办〔2026〕9号”不是晋中市专业镇发展领导小组办公室的：本办公室的发文机关代字应以本地简称“晋中”开头（如 晋中专办〔2026〕9号），“晋专办”是其他地方的代字");
        ReportSummary.NumberProblem(jinzhong, "晋中专办〔2026〕9号", catalog, configured).ShouldBeNull();

        // Unconfigured, the short name of the place's own document: 运政办发〔2023〕8号, 垣政办发〔2023〕19号, 晋政办发〔2022〕80号;
        // 永济's draft has no number, and 永 would also be 永和县's: its name without 市.
        var none = NoticeSettings.From(null, null);
        ReportSummary.AgencyShortName(catalog, none, "山西省/运城市").ShouldBe("运");
        ReportSummary.AgencyShortName(catalog, none, "山西省/运城市/垣曲县").ShouldBe("垣");
        ReportSummary.AgencyShortName(catalog, none, "山西省").ShouldBe("晋");
        ReportSummary.AgencyShortName(catalog, none, "山西省/运城市/永济市").ShouldBe("永济");
        var yuncheng = new UserScope(1, Roles.Office, "山西省/运城市", null);
        ReportSummary.NumberProblem(yuncheng, "运专镇办〔2026〕3号", catalog, none).ShouldBeNull();
        ReportSummary.NumberProblem(yuncheng, "垣专镇办〔2026〕3号", catalog, none)!.ShouldContain("应以本地简称“运”开头（如 运专办〔2026〕3号）");
    }
}
