using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Faults;

/// <summary>
/// Two people saving the same record (issue 8, 故障): the first save stands, the second is told who saved and when, keeps
/// what it typed, and writes nothing; saved again knowingly, it goes through. Forms and API, on both providers.
/// </summary>
public class EditConflictTests
{
    // Both tests write to the records they race on, so they keep their own platform rather than the shared read-only one.
    private static readonly Dictionary<StorageProvider, (PlatformFactory Factory, StorageSettings Storage)> Platforms = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static async Task<(PlatformFactory Factory, StorageSettings Storage)> PlatformAsync(StorageProvider provider)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Platforms.TryGetValue(provider, out var platform))
            {
                var storage = TestDatabases.Create(provider);
                var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
                factory.CreateClient().Dispose();
                Platforms[provider] = platform = (factory, storage);
            }
            return platform;
        }
        finally { Gate.Release(); }
    }

    private static async Task<HttpClient> BrowserAsync(PlatformFactory factory, string user)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, user, SeededPlatforms.Password);
        return client;
    }

    private static Task<HttpClient> ApiAsync(PlatformFactory factory, string user) => PageSignIn.ApiClientAsync(factory, user, SeededPlatforms.Password);

    /// <summary>The edit form on a page as a browser would post it: the form that carries Input.Version, every field as loaded.</summary>
    private static async Task<BrowserForm> EditFormAsync(HttpClient client, string url) => BrowserForm.Holding(await client.GetStringAsync(url), "Input.Version");

    private static async Task<string> DisplayNameAsync(TownsDbContext db, string user) =>
        await db.Users.Where(u => u.UserName == user).Select(u => u.DisplayName).SingleAsync();

    public static IEnumerable<object[]> Forms() =>
        from provider in new[] { StorageProvider.Sqlite, StorageProvider.PostgreSql }
        from form in new[] { "project", "town", "enterprise", "task" }
        select new object[] { provider, form };

    /// <summary>The form of the record, the field the tests type into, how to read it back, and the record as its history files it.</summary>
    private sealed record Target(string Url, string Field, Func<TownsDbContext, string, Task<string?>> Read, string RootType, Func<TownsDbContext, Task<int>> Version);

    private static async Task<Target> TargetAsync(PlatformFactory factory, TownsDbContext db, string record)
    {
        switch (record)
        {
            case "project":
                var project = await db.Projects.Where(p => p.Name == "历山镇蜂蜜冷链仓储项目").Select(p => p.Id).SingleAsync();
                return new($"/Projects/Edit/{project}", "Input.Description", async (d, u) => await d.Projects.Where(p => p.Id == Id(u)).Select(p => p.Description).SingleAsync(),
                    "KeyProject", d => d.Projects.Where(p => p.Id == project).Select(p => p.Version).SingleAsync());
            case "town":
                var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
                return new($"/Towns/Edit/{town}", "Input.LeadingProducts", async (d, u) => await d.Towns.Where(t => t.Id == Id(u)).Select(t => t.LeadingProducts).SingleAsync(),
                    "SpecializedTown", d => d.Towns.Where(t => t.Id == town).Select(t => t.Version).SingleAsync());
            case "enterprise":
                var enterprise = await db.Enterprises.Where(e => e.Name.Contains("历山蜂业")).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
                return new($"/Enterprises/Edit/{enterprise}", "Input.Industry", async (d, u) => await d.Enterprises.Where(e => e.Id == Id(u)).Select(e => e.Industry).SingleAsync(),
                    "Enterprise", d => d.Enterprises.Where(e => e.Id == enterprise).Select(e => e.Version).SingleAsync());
            default:
                var task = (await TasksApiTests.YuanquAsync(await ApiAsync(factory, "admin"))).MemberTask;
                return new($"/Tasks/Edit/{task}", "Input.Measures", async (d, u) => await d.PlanTasks.Where(t => t.Id == Id(u)).Select(t => t.Measures).SingleAsync(),
                    "PlanTask", d => d.PlanTasks.Where(t => t.Id == task).Select(t => t.Version).SingleAsync());
        }
    }

    [PostgresTheory]
    [MemberData(nameof(Forms))]
    public async Task The_second_of_two_people_saving_the_same_form_is_told_who_saved_keeps_what_they_typed_and_overwrites_nothing(StorageProvider provider, string record)
    {
        var (factory, storage) = await PlatformAsync(provider);
        await using var db = storage.CreateContext();
        var (url, field, read, _, _) = await TargetAsync(factory, db, record);
        var first = await BrowserAsync(factory, "yuanqu-office");
        var second = await BrowserAsync(factory, "admin");

        // Both open the form before either saves.
        var firstForm = await EditFormAsync(first, url);
        var secondForm = await EditFormAsync(second, url);
        firstForm["Input.Version"].ShouldBe(secondForm["Input.Version"]);
        firstForm["Input.Version"].ShouldNotBeNullOrEmpty();

        var mine = $"第一人填写的内容{Guid.NewGuid():N}"[..16];
        var theirs = $"第二人填写的内容{Guid.NewGuid():N}"[..16];
        var saved = await firstForm.With(field, mine).PostAsync(first, url);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{record} first save");
        // The page saved to says so (专业镇 went to its detail page without a word).
        if (record == "town") WebUtility.HtmlDecode(await first.GetStringAsync(saved.Headers.Location)).ShouldContain("已保存“历山镇蜂蜜专业镇”");

        var refused = await secondForm.With(field, theirs).PostAsync(second, url);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK, $"{record}: the second save is answered with the form, not saved");
        var html = await refused.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);
        var alert = page.QuerySelector("main .alert-danger")?.TextContent ?? "";
        alert.ShouldContain("该记录已被他人修改");
        alert.ShouldContain(await DisplayNameAsync(db, "yuanqu-office"));
        alert.ShouldContain("您填写的内容未保存但已保留在下方，请核对后重新保存");
        alert.ShouldMatch(@"\d{1,2}月\d{1,2}日 \d{2}:\d{2} 保存");
        var shown = BrowserForm.Holding(page, "Input.Version");
        shown[field].ShouldBe(theirs, "what the second person typed is still in the form");

        await using (var check = storage.CreateContext())
            (await read(check, url)).ShouldBe(mine, "the first person's save stands");

        // Saved again, knowingly, from the form as the page now shows it: it goes through.
        (await shown.PostAsync(second, url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var check = storage.CreateContext())
            (await read(check, url)).ShouldBe(theirs);
    }

    private static int Id(string url) => int.Parse(url[(url.LastIndexOf('/') + 1)..]);

    [PostgresTheory]
    [MemberData(nameof(Forms))]
    public async Task A_form_saved_as_it_was_loaded_writes_nothing_and_the_other_persons_save_still_goes_through(StorageProvider provider, string record)
    {
        // QA: 甲 opened the form and saved it unchanged; the version moved on without an entry in the history, so 乙's save was
        // refused with the name and time of the change before 甲's. Nothing changed, so nothing is written and 乙 is not stopped.
        var (factory, storage) = await PlatformAsync(provider);
        await using var db = storage.CreateContext();
        var target = await TargetAsync(factory, db, record);
        var id = Id(target.Url).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = await BrowserAsync(factory, "yuanqu-office");
        var second = await BrowserAsync(factory, "admin");

        var firstForm = await EditFormAsync(first, target.Url);
        var secondForm = await EditFormAsync(second, target.Url);
        var version = await target.Version(db);
        firstForm["Input.Version"].ShouldBe(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var entries = await db.AuditEntries.CountAsync(a => a.RootType == target.RootType && a.RootId == id);
        var before = await target.Read(db, target.Url);

        (await firstForm.PostAsync(first, target.Url)).StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{record}: saved unchanged");
        await using (var check = storage.CreateContext())
        {
            var written = string.Join("; ", await check.AuditEntries.Where(a => a.RootType == target.RootType && a.RootId == id).OrderByDescending(a => a.Id).Take(5).Select(a => a.EntityType + " " + a.Action + " " + a.Changes).ToListAsync());
            (await target.Version(check)).ShouldBe(version, $"{record}: a save that changes nothing does not move the version on ({written})");
            (await check.AuditEntries.CountAsync(a => a.RootType == target.RootType && a.RootId == id)).ShouldBe(entries, $"{record}: nor writes history");
            (await target.Read(check, target.Url)).ShouldBe(before);
        }

        var theirs = $"第二人填写的内容{Guid.NewGuid():N}"[..16];
        var saved = await secondForm.With(target.Field, theirs).PostAsync(second, target.Url);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{record}: nobody changed anything since the second person loaded the form");
        await using (var check = storage.CreateContext())
        {
            (await target.Read(check, target.Url)).ShouldBe(theirs);
            (await target.Version(check)).ShouldBe(version + 1);
            var last = await check.AuditEntries.Where(a => a.RootType == target.RootType && a.RootId == id).OrderByDescending(a => a.Id).FirstAsync();
            last.UserName.ShouldBe("admin", "the change that moved the version on is the one the history names");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Two_api_clients_putting_the_same_project_the_second_gets_409_in_chinese_and_nothing_is_lost(StorageProvider provider)
    {
        var (factory, storage) = await PlatformAsync(provider);
        await using var db = storage.CreateContext();
        var id = await db.Projects.Where(p => p.Name == "历山镇蜂蜜冷链仓储项目").Select(p => p.Id).SingleAsync();
        var first = await ApiAsync(factory, "yuanqu-office");
        var second = await ApiAsync(factory, "admin");

        async Task<Dictionary<string, object?>> BodyAsync(HttpClient client)
        {
            var p = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/projects/{id}")).RootElement;
            return new Dictionary<string, object?>
            {
                ["name"] = p.GetProperty("name").GetString(), ["townId"] = p.GetProperty("townId").GetInt32(),
                ["ownerEnterpriseId"] = p.GetProperty("ownerEnterpriseId").ValueKind == JsonValueKind.Number ? p.GetProperty("ownerEnterpriseId").GetInt32() : null,
                ["ownerName"] = p.GetProperty("owner").GetString(), ["kind"] = p.GetProperty("kind").GetString(), ["role"] = p.GetProperty("role").GetString(),
                ["description"] = p.GetProperty("description").GetString(), ["totalInvestmentWanYuan"] = p.GetProperty("totalInvestmentWanYuan").GetDecimal(),
                ["annualPlannedInvestmentWanYuan"] = p.GetProperty("annualPlannedInvestmentWanYuan").GetDecimal(), ["planYear"] = p.GetProperty("planYear").GetInt32(),
                ["version"] = p.GetProperty("version").GetInt32(),
            };
        }
        var a = await BodyAsync(first);
        var b = await BodyAsync(second);
        a["version"].ShouldBe(b["version"]);

        a["totalInvestmentWanYuan"] = 4321m;
        var ok = await first.PutAsJsonAsync($"/api/v1/projects/{id}", a);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var after = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        after.GetProperty("version").GetInt32().ShouldBe((int)a["version"]! + 1);

        b["totalInvestmentWanYuan"] = 9999m;
        var conflict = await second.PutAsJsonAsync($"/api/v1/projects/{id}", b);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflict.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("该记录已被他人修改");
        problem.GetProperty("detail").GetString()!.ShouldContain(await DisplayNameAsync(db, "yuanqu-office"));
        problem.GetProperty("detail").GetString()!.ShouldContain("您提交的内容未保存");
        problem.GetProperty("version").GetInt32().ShouldBe((int)a["version"]! + 1);

        await using (var check = storage.CreateContext())
            (await check.Projects.Where(p => p.Id == id).Select(p => p.TotalInvestmentWanYuan).SingleAsync()).ShouldBe(4321m);

        // Re-read, then sent again with the version now current: saved.
        b["version"] = problem.GetProperty("version").GetInt32();
        (await second.PutAsJsonAsync($"/api/v1/projects/{id}", b)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var check = storage.CreateContext())
            (await check.Projects.Where(p => p.Id == id).Select(p => p.TotalInvestmentWanYuan).SingleAsync()).ShouldBe(9999m);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_save_that_slips_in_between_load_and_write_is_caught_by_the_database_check(StorageProvider provider)
    {
        // Both contexts load version n; the service-level comparison passes for both; only the UPDATE … WHERE version = n tells them apart.
        var (_, storage) = await PlatformAsync(provider);
        await using var one = storage.CreateContext();
        await using var two = storage.CreateContext();
        var id = await one.Projects.Where(p => p.Name == "历山镇蜂蜜冷链仓储项目").Select(p => p.Id).SingleAsync();
        var a = await one.Projects.SingleAsync(p => p.Id == id);
        var b = await two.Projects.SingleAsync(p => p.Id == id);
        await EditConflicts.GuardAsync(one, a, a.Version, default);
        await EditConflicts.GuardAsync(two, b, b.Version, default);
        a.ResponsibleLeader = "甲";
        b.ResponsibleLeader = "乙";
        await EditConflicts.SaveAsync(one, a, default);
        var conflict = await Should.ThrowAsync<EditConflictException>(() => EditConflicts.SaveAsync(two, b, default));
        conflict.Message.ShouldStartWith("该记录已被他人修改");
        conflict.CurrentVersion.ShouldBe(a.Version);
        await using var check = storage.CreateContext();
        (await check.Projects.Where(p => p.Id == id).Select(p => p.ResponsibleLeader).SingleAsync()).ShouldBe("甲");
        (await check.AuditEntries.CountAsync(e => e.EntityType == "KeyProject" && e.EntityId == id.ToString() && e.Changes.Contains("乙"))).ShouldBe(0);
    }
}
