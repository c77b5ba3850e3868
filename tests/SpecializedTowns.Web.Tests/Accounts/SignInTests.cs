using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>What a sign-in tells the person at the door, on the page and for a token.</summary>
public class SignInTests
{
    private const string Wrong = "not-the-password1";

    private static HttpClient Browser(PlatformFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The sign-in page's answer: null when it let the person in, else the page as text.</summary>
    private static async Task<string?> PageAsync(PlatformFactory factory, string userName, string password)
    {
        var client = Browser(factory);
        var form = await client.GetStringAsync("/Account/Login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode == HttpStatusCode.Redirect ? null : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> TokenAsync(PlatformFactory factory, string userName, string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_disabled_account_is_named_only_to_whoever_gives_its_password_and_wrong_ones_still_lock_it()
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(StorageProvider.Sqlite);
        await using var factory = new PlatformFactory("Sqlite", storage.ConnectionString, demo: false);
        await using (var db = storage.CreateContext())
        {
            var member = await db.Users.SingleAsync(u => u.UserName == "yuanqu-member");
            member.DisabledAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        // A wrong password reads the same for a disabled account, an active one and a user name that is nobody's.
        foreach (var name in new[] { "yuanqu-member", "yuanqu-office", "nobody-here" })
        {
            var page = await PageAsync(factory, name, Wrong);
            page.ShouldNotBeNull(name);
            page.ShouldContain("用户名或密码错误", customMessage: name);
            page.ShouldNotContain("停用", customMessage: name);
            var (status, body) = await TokenAsync(factory, name, Wrong);
            status.ShouldBe(HttpStatusCode.Unauthorized, name);
            body.ShouldContain("用户名或密码错误", customMessage: name);
            body.ShouldNotContain("停用", customMessage: name);
        }

        // The right password is told why it cannot come in.
        (await PageAsync(factory, "yuanqu-member", TestDatabases.DemoPassword)).ShouldNotBeNull().ShouldContain(AccountSignInManager.DisabledMessage);
        var refused = await TokenAsync(factory, "yuanqu-member", TestDatabases.DemoPassword);
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.Body.ShouldContain("该账号已停用");

        // Wrong passwords still count towards the lockout, as for an active account: the fifth in a row locks it, and then
        // even the right password is told only of the lockout.
        for (var i = 1; i <= 5; i++)
        {
            var page = await PageAsync(factory, "yuanqu-member", Wrong);
            page.ShouldNotBeNull().ShouldContain(i < 5 ? "用户名或密码错误" : "账号已暂时锁定", customMessage: $"attempt {i}");
        }
        (await PageAsync(factory, "yuanqu-member", TestDatabases.DemoPassword)).ShouldNotBeNull().ShouldContain("账号已暂时锁定");
        (await TokenAsync(factory, "yuanqu-member", TestDatabases.DemoPassword)).Body.ShouldContain("锁定");
        await using (var db = storage.CreateContext())
            (await db.Users.Where(u => u.UserName == "yuanqu-member").Select(u => u.LockoutEnd).SingleAsync()).ShouldNotBeNull();

        // An active account signs in as before.
        (await PageAsync(factory, "yuanqu-office", TestDatabases.DemoPassword)).ShouldBeNull();
    }
}
