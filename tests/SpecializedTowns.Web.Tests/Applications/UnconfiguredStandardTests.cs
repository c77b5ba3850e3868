using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;
using static SpecializedTowns.Web.Tests.Applications.ApplicationDecisionTests;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// qa96 1 and 9 as the province office and 永济 meet them: an application of 永济机电 to the provincial standard, whose numbers no
/// available text gives, taken to 审定 with every criterion ticked 符合 by the expert; and the 运城 standard's clauses on the
/// 预检 of 永济's own pages.
/// </summary>
public class UnconfiguredStandardTests
{
    private const string Town = "永济机电制造专业镇";

    private const string Facts =
        """{"category":"manufacturing","annualOutputValueWanYuan":680000,"leadingEnterprises":3,"supportingEnterprises":40,"localEmployment":12000,"provincialMarketSharePercent":60}""";

    private static readonly UserScope Yongji = new(100, Roles.Office, "山西省/运城市/永济市", null);

    /// <summary>永济's application to <paramref name="standardId"/>; for the provincial one, taken through every expert's 符合 to 审定.</summary>
    private static async Task<int> FileAsync(PlatformFactory factory, string standardId, bool toDecision)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
        var town = await db.Towns.SingleAsync(t => t.Name == Town);
        var id = await service.CreateAsync(Yongji, "yongji-office", town.Id, standardId, Facts);
        if (!toDecision) return id;
        var province = new UserScope(101, Roles.Office, "山西省", null);
        var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
        await service.SubmitAsync(Yongji, "yongji-office", id);
        await service.AcceptAsync(province, "shanxi-office", id, [expertId]);
        var open = (await service.ViewAsync(province, id)).OpenCriteria;
        await service.ScoreAsync(new UserScope(expertId, Roles.Expert, "山西省/运城市", null), "expert-zhang", id,
            open.Append(ExpertScore.Overall).ToDictionary(k => k, _ => (true, "符合")));
        await service.ConcludeAsync(province, "shanxi-office", id);
        return id;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_unconfigured_provincial_standard_says_so_on_the_check_and_refuses_recognition_on_the_page_and_the_api(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "shanxi-office");
        await using var _ = factory;
        var id = await FileAsync(factory, "shanxi-provincial", toDecision: true);
        var url = $"/Applications/Detail/{id}";

        // The check with the panel's 符合 applied: not 符合认定条件, and why, with who enters the numbers and how.
        var page = await office.GetStringAsync(url);
        page.ShouldNotContain("预检结论：<strong class=\"status-met\">");
        var said = Text(Regex.Match(page, "<div class=\"alert alert-warning[^\"]*\" data-not-configured>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        said.ShouldStartWith("山西省级专业镇认定标准尚未配置龙头企业、关联配套企业、年产值、市场占有率、带动就业的数值标准，不能据此认定。");
        said.ShouldContain("/Policies/Thresholds/shanxi-provincial");
        Text(Regex.Match(page, "id=\"decision-not-configured\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value).ShouldContain("不能据此认定");
        page.ShouldMatch("id=\"d-Recognize\"[^>]*disabled");
        // The expert was asked to judge only what the text leaves to judgement (申报领域), not the numbers nobody has entered.
        using (var s = factory.Services.CreateScope())
        {
            var service = new ApplicationService(s.ServiceProvider.GetRequiredService<TownsDbContext>(), s.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            (await service.ViewAsync(new UserScope(101, Roles.Office, "山西省", null), id)).OpenCriteria.ShouldBe(["category"]);
        }

        // 认定 posted anyway: refused in Chinese, nothing written.
        var before = await StateAsync(factory);
        var refused = await PostAsync(office, url, url + "?handler=Decide", new()
        {
            ["Decision"] = "Recognize", ["DocumentNumber"] = "晋专领发〔2026〕1号",
            ["PublicityEndsOn"] = DateTime.UtcNow.AddHours(8).AddDays(7).ToString("yyyy-MM-dd"),
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var error = Text(Regex.Match(await refused.Content.ReadAsStringAsync(), "<div class=\"alert alert-danger[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        error.ShouldContain("山西省级专业镇认定标准尚未配置");
        error.ShouldContain("不能据此认定");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "recognising against a standard without numbers");

        // The API: 409 with the same words, and the check carries them.
        var api = await PageSignIn.ApiClientAsync(factory, "shanxi-office", TestDatabases.DemoPassword);
        var answer = await api.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new
        {
            action = "decide", decision = "recognize", documentNumber = "晋专领发〔2026〕1号",
            publicityEndsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).AddDays(7)),
        });
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!.ShouldContain("不能据此认定");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "recognising through the API against a standard without numbers");
        var detail = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/applications/{id}")).RootElement;
        detail.GetProperty("withPanel").GetProperty("outcome").GetString().ShouldBe("needs-review");
        detail.GetProperty("withPanel").GetProperty("notConfigured").GetString()!.ShouldStartWith("山西省级专业镇认定标准尚未配置");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.AwaitingDecision);
        (await db.Towns.AsNoTracking().SingleAsync(t => t.Name == Town)).Tier.ShouldBe(Core.Towns.Tier.County);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_yuncheng_standard_is_cited_under_its_own_number_on_the_new_application_and_the_detail(StorageProvider provider)
    {
        var (factory, yongji) = await PageSignIn.OwnPlatformAsync(provider, "yongji-office");
        await using var _ = factory;
        int townId;
        using (var scope = factory.Services.CreateScope())
            townId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Where(t => t.Name == Town).Select(t => t.Id).SingleAsync();

        // As /Adjustments, 字典 and the policy page cite it (qa96 9): 运城's standard, known from 垣曲's text.
        const string cited = "运政办发〔2023〕8号（据垣政办发〔2023〕19号 三、一是）";
        var fresh = await yongji.GetStringAsync($"/Applications/New?townId={townId}&standardId=yuncheng-municipal");
        SourceCells(fresh).ShouldContain(cited);
        SourceCells(fresh).ShouldAllBe(s => s.StartsWith("运政办发〔2023〕8号", StringComparison.Ordinal));

        var id = await FileAsync(factory, "yuncheng-municipal", toDecision: false);
        var detail = await yongji.GetStringAsync($"/Applications/Detail/{id}");
        SourceCells(detail).ShouldContain(cited);
        SourceCells(detail).ShouldAllBe(s => s.StartsWith("运政办发〔2023〕8号", StringComparison.Ordinal));
    }

    private static List<string> SourceCells(string html) =>
        Regex.Matches(html, "<td class=\"source\">(.*?)</td>", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList()
        is { Count: > 0 } cells ? cells : throw new ShouldAssertException("the page shows no 预检 table");
}
