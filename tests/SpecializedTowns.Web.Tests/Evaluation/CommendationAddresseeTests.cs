using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// 表扬 主送: to whom a commendation is addressed, by the rule 督办通知书 follow (decision 0012). 阳政办发〔2023〕24号 六（五）
/// "对评价排名靠前、成效突出的专业镇所在县政府予以表扬奖励": the city's commendation of a town goes to its county government.
/// </summary>
public class CommendationAddresseeTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_s_commendation_of_a_town_is_addressed_to_its_county_government_on_the_page_in_the_report_and_by_the_api(StorageProvider provider)
    {
        var (factory, browser) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var _ = factory;
        var office = new UserScope(1, Roles.Office, "山西省/阳泉市", null);
        int id;
        EvaluationView view;
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            id = await service.CreateAsync(office, "阳泉市专业镇办", 2024, SubjectKind.Town, null);
            var draft = await service.GetAsync(office, id);
            await service.PublishAsync(office, "阳泉市专业镇办", id, draft.Evaluation.Version, coverageReason: "已结合各单位工作职责核实");
            // 阳泉 has three towns: the default scheme keeps one place of its top fifth (SmallCityCommendationTests). The first
            // is marked commended in the stored results all the same, which is all the page, the report and the API read, so
            // this test does not hang on the demo's scores.
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var top = await db.EvaluationResults.Where(r => r.EvaluationId == id).OrderBy(r => r.Rank).FirstAsync();
            top.Commended = true;
            await db.SaveChangesAsync();
        }
        using (var scope = factory.Services.CreateScope())
            view = await scope.ServiceProvider.GetRequiredService<EvaluationService>().GetAsync(office, id);

        var commended = view.Results.Where(r => r.Row.Commended).ToList();
        commended.ShouldNotBeEmpty();
        foreach (var r in commended)
        {
            // A town's row lies in its county (郊区, 平定县, 盂县): the county's government, not the township.
            view.Addressees[r.Row.SubjectKey].Name.ShouldBe($"{r.Row.Place}人民政府");
            view.Addressees[r.Row.SubjectKey].Basis.ShouldBe("对评价排名靠前、成效突出的专业镇所在县政府予以表扬奖励（阳政办发〔2023〕24号 六（五））");
        }
        var first = commended[0].Row;
        var addressee = $"{first.Place}人民政府";

        var page = await browser.GetStringAsync("/Commendations?year=2024");
        page.ShouldContain("<th>主送</th>");
        page.ShouldContain($"<td class=\"addressee\">{addressee}");

        var api = await PageSignIn.ApiClientAsync(factory, "yangquan-office", TestDatabases.DemoPassword);
        var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/evaluations/commended?year=2024")).RootElement;
        var entry = list.EnumerateArray().Single(e => e.GetProperty("subject").GetString() == first.SubjectName);
        entry.GetProperty("addressee").GetString().ShouldBe(addressee);
        entry.GetProperty("addresseeBasis").GetString()!.ShouldContain("阳政办发〔2023〕24号 六（五）");
        var detail = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/evaluations/{id}")).RootElement;
        var row = detail.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("subjectKey").GetString() == first.SubjectKey);
        row.GetProperty("commendationAddressee").GetString().ShouldBe(addressee);
        detail.GetProperty("results").EnumerateArray().Where(r => !r.GetProperty("commended").GetBoolean())
            .ShouldAllBe(r => r.GetProperty("commendationAddressee").ValueKind == JsonValueKind.Null);

        var report = await Docx.DownloadAsync(api, $"/api/v1/evaluations/{id}/report.docx");
        report.ValidationErrors.ShouldBeEmpty();
        var table = Docx.Rows(report.TableStartingWith("名次", "专业镇", "主送", "依据"));
        table.Skip(1).Select(r => r[2]).ShouldBe(commended.Select(r => $"{r.Row.Place}人民政府"));
        table[1][3].ShouldContain("阳政办发〔2023〕24号 六（五）");
    }
}
