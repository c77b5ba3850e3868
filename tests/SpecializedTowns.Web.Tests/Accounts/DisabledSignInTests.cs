using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// A disabled (停用) account's right password is no failed sign-in: it is audited as 已停用账号尝试登录, counts nothing towards
/// the lockout, and a token the account held from before is answered 401 “该账号已停用”, as the token endpoint says it.
/// </summary>
public class DisabledSignInTests
{
    private static async Task<string?> PageAsync(PlatformFactory factory, string userName, string password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = PageSignIn.Antiforgery(await client.GetStringAsync("/Account/Login"));
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode == HttpStatusCode.Redirect ? null : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_right_password_of_a_disabled_account_is_its_own_audit_entry_and_its_old_token_is_told_why(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var issued = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-member", password = TestDatabases.DemoPassword });
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bearer = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();

        int memberId;
        await using (var db = storage.CreateContext())
        {
            // As 停用 on /Admin/Users does: the time, and a new stamp that ends the sessions.
            var member = await db.Users.SingleAsync(u => u.UserName == "yuanqu-member");
            member.DisabledAtUtc = DateTime.UtcNow;
            member.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync();
            memberId = member.Id;
        }

        for (var i = 0; i < 3; i++)
            (await PageAsync(factory, "yuanqu-member", TestDatabases.DemoPassword)).ShouldNotBeNull().ShouldContain(AccountSignInManager.DisabledMessage);
        var refused = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-member", password = TestDatabases.DemoPassword });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var old = await api.GetAsync("/api/v1/towns");
        old.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await old.Content.ReadAsStringAsync();
        body.ShouldContain("该账号已停用");
        body.ShouldNotContain("登录已过期");

        await using (var db = storage.CreateContext())
        {
            (await db.Users.Where(u => u.Id == memberId).Select(u => u.AccessFailedCount).SingleAsync()).ShouldBe(0);
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == "AppUser" && e.EntityId == memberId.ToString() && e.Action != AuditAction.Created && e.Action != AuditAction.Updated)
                .OrderBy(e => e.Id).ToListAsync();
            entries.Select(e => e.Action).ShouldBe(Enumerable.Repeat(AuditAction.DisabledSignIn, 4));
            entries.ShouldAllBe(e => e.UserName == "yuanqu-member" && e.RecordPath != null && e.RecordPath.StartsWith("山西省/运城市/垣曲县"));
            SignInAudit.Summary(entries[0]).ShouldBe("已停用账号 yuanqu-member 以正确的密码尝试登录，已拒绝（不计入登录失败次数）");
        }
        AuditActions.Chinese(AuditAction.DisabledSignIn).ShouldBe("已停用账号尝试登录");

        // A wrong password is still a failure, as for any account.
        (await PageAsync(factory, "yuanqu-member", "not-the-password1")).ShouldNotBeNull().ShouldContain("用户名或密码错误");
        await using (var db = storage.CreateContext())
            (await db.Users.Where(u => u.Id == memberId).Select(u => u.AccessFailedCount).SingleAsync()).ShouldBe(1);
    }
}
