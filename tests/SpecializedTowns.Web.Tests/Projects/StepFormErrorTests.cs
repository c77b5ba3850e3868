using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// The project's 到达阶段 form and a 招商 lead's 签约 and 终止 forms name a refused input beside its field, keeping what was
/// typed (UI: errors next to the field, in Chinese); they used to put the reason in a banner over a blank form. The API
/// answers 400 naming the same field.
/// </summary>
public class StepFormErrorTests
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_refused_stage_date_or_note_is_shown_beside_its_field_with_what_was_typed(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
            id = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Projects.Where(p => p.Name == "皋落食用菌工厂化生产线项目").Select(p => p.Id).SingleAsync();
        var url = $"/Projects/Detail/{id}";
        var page = await client.GetStringAsync(url);

        async Task<string> RefusedAsync(string on, string note)
        {
            var response = await PageSignIn.PostAsync(client, url + "?handler=Stage", page, new() { ["id"] = $"{id}", ["stage"] = "Started", ["on"] = on, ["note"] = note });
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "shown again, not redirected: " + html[..Math.Min(300, html.Length)]);
            return html;
        }

        var future = await RefusedAsync("2999-01-01", "参加全县集中开工活动");
        future.ShouldContain("<div class=\"invalid-feedback d-block\" id=\"on-error\" style=\"max-width: 28rem\">开工日期不能晚于今天</div>");
        future.ShouldContain("value=\"2999-01-01\"");
        future.ShouldContain("value=\"参加全县集中开工活动\"");
        future.ShouldNotContain("alert alert-danger"); // the reason stands beside the date, not in a banner

        (await RefusedAsync("", "x")).ShouldContain("id=\"on-error\" style=\"max-width: 28rem\">请填写日期</div>");
        (await RefusedAsync("明天", "x")).ShouldContain("id=\"on-error\" style=\"max-width: 28rem\">“明天”不是有效的日期，请写成 2025-03-05 的格式</div>");
        var longNote = await RefusedAsync(Today, new string('说', ProjectLimits.Note + 1));
        longNote.ShouldContain($"<div class=\"invalid-feedback d-block\" id=\"note-error\">说明不超过 {ProjectLimits.Note} 字</div>");
        longNote.ShouldNotContain("id=\"on-error\"");

        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Projects.Where(p => p.Id == id).Select(p => p.Stage).SingleAsync())
                .ShouldBe(ProjectStage.Signed, "nothing of a refused stage is written");

        // The API names the same fields.
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var refused = await api.PostAsJsonAsync($"/api/v1/projects/{id}/stage", new { stage = "started", on = Today, note = new string('说', ProjectLimits.Note + 1) });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("note")[0].GetString()
            .ShouldBe($"说明不超过 {ProjectLimits.Note} 字");

        // Accepted, the stage moves and the page says so as before.
        var done = await PageSignIn.PostAsync(client, url + "?handler=Stage", page, new() { ["id"] = $"{id}", ["stage"] = "Started", ["on"] = Today, ["note"] = "" });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_refused_signing_date_or_drop_reason_opens_its_row_s_form_again_with_the_reason_beside_the_field(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
            id = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().InvestmentLeads.Where(l => l.Name == "蜂王浆冻干粉生产项目").Select(l => l.Id).SingleAsync();
        var list = "/Leads?stage=Negotiating";
        var page = await client.GetStringAsync(list);

        async Task<string> RefusedAsync(Dictionary<string, string> fields)
        {
            fields["id"] = $"{id}";
            fields["back"] = "?stage=Negotiating";
            var response = await PageSignIn.PostAsync(client, "/Leads?handler=Step", page, fields);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.ShouldBe(list, "back to the list as it was filtered");
            return WebUtility.HtmlDecode(await client.GetStringAsync(list));
        }

        var future = await RefusedAsync(new() { ["action"] = "sign", ["on"] = "2999-01-01" });
        future.ShouldContain($"<details class=\"d-inline-block text-start\" open=\"open\">");
        future.ShouldContain($"<div class=\"invalid-feedback d-block mb-1 text-wrap\" id=\"on-error-{id}\">签约日期不能晚于今天</div>");
        future.ShouldContain("value=\"2999-01-01\"");
        future.ShouldNotContain("alert alert-danger");
        (await RefusedAsync(new() { ["action"] = "sign", ["on"] = "" })).ShouldContain($"id=\"on-error-{id}\">请填写签约日期</div>");
        (await RefusedAsync(new() { ["action"] = "sign", ["on"] = "明天" })).ShouldContain($"id=\"on-error-{id}\">签约日期无法识别，请选择日期</div>");
        (await RefusedAsync(new() { ["action"] = "drop", ["reason"] = " " })).ShouldContain($"id=\"reason-error-{id}\">请说明终止洽谈的原因</div>");

        // Shown once: the list opened again is as it always was.
        var again = WebUtility.HtmlDecode(await client.GetStringAsync(list));
        again.ShouldNotContain("invalid-feedback");
        again.ShouldNotContain("open=\"open\"");

        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().InvestmentLeads.Where(l => l.Id == id).Select(l => l.Stage).SingleAsync())
                .ShouldBe(LeadStage.Negotiating);

        // The API names the same field.
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var refused = await api.PostAsJsonAsync($"/api/v1/investment-leads/{id}/steps", new { action = "sign", on = "2999-01-01" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("on")[0].GetString()
            .ShouldBe("签约日期不能晚于今天");
    }
}
