using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>What a sign-in tells the person at the door, on the page and for a token, and what the audit trail makes of it.</summary>
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
        var token = PageSignIn.Antiforgery(form);
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

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Failed_sign_ins_and_the_lockout_are_audited_as_such_under_the_account_and_a_good_sign_in_not_at_all(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        int memberId;
        string memberName;
        await using (var db = storage.CreateContext())
        {
            var member = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "yuanqu-member");
            (memberId, memberName) = (member.Id, member.DisplayName);
        }

        // Two wrong passwords on the page and one for a token, then the right one: the count goes back to 0.
        (await PageAsync(factory, "yuanqu-member", Wrong)).ShouldNotBeNull();
        (await PageAsync(factory, "yuanqu-member", Wrong)).ShouldNotBeNull();
        (await TokenAsync(factory, "yuanqu-member", Wrong)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await PageAsync(factory, "yuanqu-member", TestDatabases.DemoPassword)).ShouldBeNull();
        // Five wrong in a row: four failures and the lockout.
        for (var i = 0; i < 5; i++) (await PageAsync(factory, "yuanqu-member", Wrong)).ShouldNotBeNull();

        List<AuditEntry> entries;
        await using (var db = storage.CreateContext())
            entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "AppUser" && e.EntityId == memberId.ToString() && e.Action != AuditAction.Created)
                .OrderBy(e => e.Id).ToListAsync();
        entries.Select(e => e.Action).ShouldBe([.. Enumerable.Repeat(AuditAction.SignInFailed, 7), AuditAction.LockedOut]);
        entries.Select(SignInAudit.Summary).Take(7).ShouldBe(
            [.. new[] { 1, 2, 3, 1, 2, 3, 4 }.Select(n => $"登录失败：用户名 yuanqu-member（第 {n} 次）")]);
        SignInAudit.Summary(entries[^1]).ShouldNotBeNull().ShouldStartWith("账号 yuanqu-member 已锁定至 ");
        SignInAudit.Summary(entries[^1]).ShouldEndWith("（连续输错密码 5 次）");
        // The account is who and what, from the address the attempt came from; nobody “未登录用户” edited it.
        entries.ShouldAllBe(e => e.UserId == memberId && e.UserName == "yuanqu-member" && e.DisplayName == memberName && e.EntityLabel == "yuanqu-member");

        // The audit page says it in words; the county's office reads the attempts on its people's accounts, the API filters them.
        var admin = Browser(factory);
        await PageSignIn.SignInAsync(admin, "admin", TestDatabases.AdminPassword);
        var audit = WebUtility.HtmlDecode(await admin.GetStringAsync("/Audit?type=AppUser"));
        audit.ShouldContain("登录失败：用户名 yuanqu-member（第 3 次）");
        audit.ShouldContain("账号 yuanqu-member 已锁定至 ");
        audit.ShouldContain(">登录失败</span>");
        audit.ShouldContain(">账号锁定</span>");
        audit.ShouldNotContain("未登录用户");
        var office = Browser(factory);
        await PageSignIn.SignInAsync(office, "yuanqu-office", TestDatabases.DemoPassword);
        WebUtility.HtmlDecode(await office.GetStringAsync("/Audit?action=SignInFailed")).ShouldContain("登录失败：用户名 yuanqu-member（第 4 次）");
        var api = await PageSignIn.ApiClientAsync(factory, "admin", TestDatabases.AdminPassword);
        var listed = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync("/api/v1/audit?action=locked-out&entityType=AppUser")).RootElement.GetProperty("items");
        listed.GetArrayLength().ShouldBe(1);
        (listed[0].GetProperty("action").GetString(), listed[0].GetProperty("actionName").GetString(), listed[0].GetProperty("userName").GetString())
            .ShouldBe(("locked-out", "账号锁定", "yuanqu-member"));

        // The administrator's 解除锁定 is the administrator's edit, as before.
        var users = await admin.GetStringAsync("/Admin/Users");
        var token = PageSignIn.Antiforgery(users);
        (await admin.PostAsync($"/Admin/Users?handler=Unlock&id={memberId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var db = storage.CreateContext())
        {
            var unlocked = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "AppUser" && e.EntityId == memberId.ToString()).OrderByDescending(e => e.Id).FirstAsync();
            (unlocked.Action, unlocked.UserName).ShouldBe((AuditAction.Updated, "admin"));
            unlocked.ReadChanges().Select(c => c.Field).ShouldBe(["LockoutEnd"]);
        }
        (await PageAsync(factory, "yuanqu-member", TestDatabases.DemoPassword)).ShouldBeNull();
    }
}
