using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// “已登录的会话和令牌随即失效”: a disabled account's browser session ends at its very next request, not at Identity's
/// stamp check up to a minute later; so do the sessions of an account given a new role, password or stamp, wherever it was
/// renewed (SessionStamps). Across two web processes: ScaleOut/ScaleOutTests.
/// </summary>
public class DisabledSessionTests
{
    [Fact]
    public async Task A_disabled_account_s_browser_session_ends_at_its_next_request()
    {
        var (factory, person) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        (await person.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another, unaffected session keeps working.
        var colleague = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(colleague, "yuanqu-member", TestDatabases.DemoPassword);

        var admin = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(admin, "admin", TestDatabases.AdminPassword);
        int officeId;
        using (var scope = factory.Services.CreateScope())
            officeId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Users.Where(u => u.UserName == "yuanqu-office").Select(u => u.Id).SingleAsync();
        var page = await admin.GetStringAsync("/Admin/Users");
        var token = PageSignIn.Antiforgery(page);
        (await admin.PostAsync($"/Admin/Users?handler=Disable&id={officeId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var next = await person.GetAsync("/Towns");
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session ends at once, not within the minute of Identity's stamp check");
        next.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await person.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await colleague.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<int> IdAsync(PlatformFactory factory, string userName)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, string url, Dictionary<string, string> form)
    {
        var page = await admin.GetStringAsync("/Admin/Users");
        form["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await admin.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task A_role_change_and_a_password_reset_end_the_person_s_sessions_at_their_next_request()
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        var member = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(member, "yuanqu-member", TestDatabases.DemoPassword);
        var colleague = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(colleague, "xinjiang-office", TestDatabases.DemoPassword);
        (await office.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(admin, "admin", TestDatabases.AdminPassword);

        // 垣曲's office account becomes a leader's: its session with the office's role ends now, not within the minute.
        var officeId = await IdAsync(factory, "yuanqu-office");
        int yuanqu;
        using (var scope = factory.Services.CreateScope())
            yuanqu = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => j.Id).SingleAsync();
        (await PostAsync(admin, $"/Admin/Users?handler=Edit&id={officeId}", new()
        {
            ["Change.DisplayName"] = "垣曲县分管领导", ["Change.Role"] = "leader", ["Change.JurisdictionId"] = yuanqu.ToString(),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = await office.GetAsync("/Towns");
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old role's session ends at once, not at Identity's stamp check within the minute");
        next.Headers.Location!.ToString().ShouldContain("/Account/Login");

        // A reset password: the session signed in with the old one ends as well.
        var memberId = await IdAsync(factory, "yuanqu-member");
        (await PostAsync(admin, $"/Admin/Users?handler=Reset&id={memberId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await member.GetAsync("/Towns");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session of the old password ends at once");
        after.Headers.Location!.ToString().ShouldContain("/Account/Login");

        // Nobody else's session is touched, the administrator's included.
        (await colleague.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_administrator_editing_their_own_account_stays_signed_in()
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var __ = factory;
        var admin = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(admin, "admin", TestDatabases.AdminPassword);
        var adminId = await IdAsync(factory, "admin");
        int province;
        using (var scope = factory.Services.CreateScope())
            province = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Jurisdictions.Where(j => j.Path == "山西省").Select(j => j.Id).SingleAsync();
        (await PostAsync(admin, $"/Admin/Users?handler=Edit&id={adminId}", new()
        {
            ["Change.DisplayName"] = "系统管理员（信息中心）", ["Change.Role"] = "admin", ["Change.JurisdictionId"] = province.ToString(),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static HttpClient Client(PlatformFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_person_s_own_password_change_ends_their_other_sessions_at_once_and_keeps_this_one()
    {
        var (factory, laptop) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        var office = Client(factory);
        await PageSignIn.SignInAsync(office, "yuanqu-office", TestDatabases.DemoPassword);
        var colleague = Client(factory);
        await PageSignIn.SignInAsync(colleague, "yuanqu-member", TestDatabases.DemoPassword);
        (await laptop.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var form = await office.GetStringAsync("/Account/Password");
        var changed = await PageSignIn.PostAsync(office, "/Account/Password", form, new()
        {
            ["Current"] = TestDatabases.DemoPassword, ["New"] = "Own-new-pass-2024", ["Confirm"] = "Own-new-pass-2024",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());

        var next = await laptop.GetAsync("/Towns");
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session on the other machine ends at once, not within the minute of Identity's stamp check");
        next.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await office.GetStringAsync("/Account/Password")).ShouldContain("其他浏览器或设备上的登录已退出");
        (await office.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session that changed the password carries on");
        (await colleague.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// Another web process or the command line (a unit merge renews the stamps of its accounts) writes the account's row, not
    /// this process's memory: the session and the token end at their next request all the same.
    /// </summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_stamp_renewed_outside_this_process_ends_the_session_and_the_token_at_their_next_request(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var member = await PageSignIn.BrowserAsync(factory, "yuanqu-member");
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-member", TestDatabases.DemoPassword);
        var colleague = await PageSignIn.BrowserAsync(factory, "yuanqu-office");
        (await member.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Written through a connection of its own, as the other process or the command line would.
        await using (var other = storage.CreateContext())
            (await other.Users.Where(u => u.UserName == "yuanqu-member")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N").ToUpperInvariant()))).ShouldBe(1);

        var next = await member.GetAsync("/Towns");
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session of the old stamp ends at once");
        next.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await member.GetAsync("/Towns")).Headers.Location!.ToString().ShouldContain("/Account/Login", customMessage: "its cookie was removed");
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await colleague.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK, "nobody else's session is touched");
        var again = await PageSignIn.BrowserAsync(factory, "yuanqu-member");
        (await again.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK, "signing in again carries the new stamp");
    }
}
