using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>
/// qa120 3: the same problem sent twice — the form again after 返回, the same API body posted again — is not registered twice
/// unless the person confirms it is another one: the page says which it already is, the API answers 409 with its id.
/// </summary>
public class ProblemRepeatTests
{
    private static async Task<(int County, int Town)> LishanAsync(StorageProvider provider)
    {
        using var scope = (await WritingPlatforms.GetAsync(provider)).Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => new { t.Id, t.CountyId }).SingleAsync();
        return (town.CountyId, town.Id);
    }

    private static async Task<List<int>> RegisteredAsync(StorageProvider provider, string title)
    {
        using var scope = (await WritingPlatforms.GetAsync(provider)).Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Problems.Where(p => p.Title == title).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_form_sent_again_asks_before_registering_the_same_problem_twice(StorageProvider provider)
    {
        var (county, town) = await LishanAsync(provider);
        var client = await PageSignIn.BrowserAsync(await WritingPlatforms.GetAsync(provider), "lishan-township", SeededPlatforms.Password);
        var title = $"冷链车辆不足影响蜂蜜外运{Guid.NewGuid():N}"[..20];
        var page = await client.GetStringAsync("/Problems/New");
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Description"] = "旺季冷链车辆缺口大，蜂蜜外运受阻。", ["Input.Source"] = "Survey",
            ["Input.Kind"] = "Common", ["Input.Category"] = "Market", ["Input.CountyId"] = county.ToString(), ["Input.TownId"] = town.ToString(),
        };
        var first = await PageSignIn.PostAsync(client, "/Problems/New", page, new(fields));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());
        var id = (await RegisteredAsync(provider, title)).Single();

        // 返回 and 登记 again: the same page, the same fields.
        var again = await PageSignIn.PostAsync(client, "/Problems/New", page, new(fields));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        html.ShouldContain($"您刚刚已登记相同的问题（第 {id} 号），如确需再登记一条请勾选确认");
        html.ShouldContain("name=\"Input.RepeatConfirmed\"");
        html.ShouldContain(title); // what was typed stays in the form
        (await RegisteredAsync(provider, title)).ShouldBe([id]);

        var confirmed = await PageSignIn.PostAsync(client, "/Problems/New", page, new(fields) { ["Input.RepeatConfirmed"] = "true" });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RegisteredAsync(provider, title)).Count.ShouldBe(2);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_same_body_posted_again_is_answered_409_with_the_problem_already_registered(StorageProvider provider)
    {
        var (county, town) = await LishanAsync(provider);
        var api = await WritingPlatforms.ClientAsync(provider, "lishan-township");
        var title = $"冷链车辆不足影响蜂蜜外运{Guid.NewGuid():N}"[..20];
        object Body(bool? confirm = null) => new
        {
            title, description = "旺季冷链车辆缺口大，蜂蜜外运受阻。", source = "调研走访", kind = "common", category = "market",
            countyId = county, townId = town, confirmRepeat = confirm,
        };
        var created = await api.PostAsJsonAsync("/api/v1/problems", Body());
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var repeat = await api.PostAsJsonAsync("/api/v1/problems", Body());
        repeat.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var refusal = JsonDocument.Parse(await repeat.Content.ReadAsStringAsync()).RootElement;
        refusal.GetProperty("existingId").GetInt32().ShouldBe(id);
        refusal.GetProperty("detail").GetString()!.ShouldContain($"已登记相同的问题（第 {id} 号）");
        (await RegisteredAsync(provider, title)).ShouldBe([id]);

        (await api.PostAsJsonAsync("/api/v1/problems", Body(confirm: true))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RegisteredAsync(provider, title)).Count.ShouldBe(2);
    }
}
