using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// Landing a signed 招商 lead, by API and page. It used to make a key project with no annual plan, no planned dates, the
/// lead's placeholder target as owner and no trace of the landing date, which no warning would ever see.
/// </summary>
public class LeadLandingTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_lead_lands_only_with_the_project_s_owner_annual_plan_and_planned_start_and_keeps_its_landing_date(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int leadId;
        using (var scope = factory.Services.CreateScope())
            leadId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().InvestmentLeads.Where(l => l.Name == "香菇酱及休闲食品生产线").Select(l => l.Id).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);

        async Task<JsonElement> RefusedAsync(object body)
        {
            var response = await api.PostAsJsonAsync($"/api/v1/investment-leads/{leadId}/steps", body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            return JsonDocument.Parse(text).RootElement.GetProperty("errors");
        }
        var bare = await RefusedAsync(new { action = "land", on = Iso(today) });
        bare.GetProperty("ownerName")[0].GetString().ShouldBe("请填写项目业主（投资方在本地注册的企业名称）");
        bare.GetProperty("annualPlannedInvestmentWanYuan")[0].GetString().ShouldBe("请填写年度计划投资（万元，大于 0）");
        bare.GetProperty("plannedStartOn")[0].GetString().ShouldBe("请填写计划开工日期");
        var over = await RefusedAsync(new { action = "land", on = Iso(today), ownerName = "垣曲福源食品有限公司", annualPlannedInvestmentWanYuan = 5000, plannedStartOn = Iso(today.AddDays(30)),
            plannedProductionOn = Iso(today.AddDays(10)) });
        over.GetProperty("annualPlannedInvestmentWanYuan")[0].GetString().ShouldBe("年度计划投资不能超过意向投资 4,500万元");
        over.GetProperty("plannedProductionOn")[0].GetString().ShouldBe("计划投产日期不能早于计划开工日期");

        // The page asks for the same, the owner filled in from the lead for the office to correct; a refusal keeps the lead as it was.
        var url = $"/Leads/Land/{leadId}";
        var form = await client.GetStringAsync(url);
        WebUtility.HtmlDecode(form).ShouldContain("value=\"福建某食品有限公司\"");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var start = today.AddDays(30);
        Dictionary<string, string> Fields(string annual) => new()
        {
            ["Input.On"] = Iso(today), ["Input.OwnerName"] = "垣曲福源食品有限公司", ["Input.AnnualPlannedInvestmentWanYuan"] = annual,
            ["Input.PlannedStartOn"] = Iso(start), ["Input.PlannedProductionOn"] = Iso(today.AddDays(400)), ["__RequestVerificationToken"] = token,
        };
        var refused = await client.PostAsync(url, new FormUrlEncodedContent(Fields("")));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("请填写年度计划投资（万元，大于 0）");
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().InvestmentLeads.Where(l => l.Id == leadId).Select(l => l.Stage).SingleAsync()).ShouldBe(LeadStage.Signed);

        var landed = await client.PostAsync(url, new FormUrlEncodedContent(Fields("1500")));
        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(landed.Headers.Location!.OriginalString));
        detail.ShouldContain($"项目已于{today.Year}年{today.Month}月{today.Day}日落地，转入重点项目库。");
        // The project keeps the day as its own 落地日期 (schema step 49), not only in its 建设内容 text.
        detail.ShouldContain($"<dt class=\"col-sm-2\">落地日期</dt><dd class=\"col-sm-10\">{today.Year}年{today.Month}月{today.Day}日（招商引资项目落地转入）</dd>");

        using var after = factory.Services.CreateScope();
        var db = after.ServiceProvider.GetRequiredService<TownsDbContext>();
        var lead = await db.InvestmentLeads.AsNoTracking().SingleAsync(l => l.Id == leadId);
        lead.Stage.ShouldBe(LeadStage.Landed);
        lead.LandedOn.ShouldBe(today);
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == lead.KeyProjectId);
        project.OwnerName.ShouldBe("垣曲福源食品有限公司");
        project.AnnualPlannedInvestmentWanYuan.ShouldBe(1500);
        project.PlannedStartOn.ShouldBe(start);
        project.PlannedProductionOn.ShouldBe(today.AddDays(400));
        project.PlanYear.ShouldBe(Math.Max(today.Year, start.Year));
        project.LandedOn.ShouldBe(today);
        project.Description.ShouldBe("招商引资项目落地（以商招商，延链：食用菌精深加工）", "the date is its own field now");

        // The API and the library's list and export carry it too.
        var view = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/projects/{project.Id}")).RootElement;
        view.GetProperty("landedOn").GetString().ShouldBe(Iso(today));
        var listed = JsonDocument.Parse(await api.GetStringAsync("/api/v1/projects?pageSize=100")).RootElement.GetProperty("items").EnumerateArray().ToList();
        listed.Single(i => i.GetProperty("id").GetInt32() == project.Id).GetProperty("landedOn").GetString().ShouldBe(Iso(today));
        listed.Where(i => i.GetProperty("id").GetInt32() != project.Id).ShouldAllBe(i => i.GetProperty("landedOn").ValueKind == JsonValueKind.Null);
        var library = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects?sort=name"));
        library.ShouldContain($"{today.Year}年{today.Month}月{today.Day}日落地</div>");
        var export = await client.GetAsync("/Projects?handler=Export&format=xlsx&sort=name");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = ExportFiles.Xlsx(await export.Content.ReadAsByteArrayAsync());
        var header = rows[0].Select(h => (string)h!).ToList();
        var landedColumn = header.IndexOf("招商落地日期");
        landedColumn.ShouldBeGreaterThan(0);
        var row = rows.Skip(1).Single(r => (string)r[header.IndexOf("项目名称")]! == "香菇酱及休闲食品生产线");
        row[landedColumn].ShouldBe(today.ToDateTime(TimeOnly.MinValue));
        rows.Skip(1).Where(r => r != row).ShouldAllBe(r => r[landedColumn] == null);
        ProjectWarnings.PlanGaps(project).ShouldBeEmpty();
    }
}
