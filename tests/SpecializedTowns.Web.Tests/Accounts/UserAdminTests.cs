using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

public class UserAdminTests
{
    private static string Antiforgery(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task The_administrator_creates_an_account_that_can_then_sign_in_and_others_are_refused_the_page()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-users-{Guid.NewGuid():N}.db");
        await using var factory = new PlatformFactory("Sqlite", $"Data Source={file};Pooling=False", demo: true, password: SeededPlatforms.Password);
        var admin = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(admin, "admin", SeededPlatforms.Password);
        var page = await admin.GetStringAsync("/Admin/Users");
        page.ShouldContain("yuanqu-office");
        var placeId = Regex.Match(page, "<option value=\"(\\d+)\">(?:&#x3000;)*垣曲县</option>").Groups[1].Value;

        var refused = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "", ["Input.DisplayName"] = "", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        refusedHtml.ShouldContain("请填写用户名");
        refusedHtml.ShouldContain("请选择角色");

        // A township account for a town of another county is refused; a taken user name leaves no stray unit behind.
        var lishanPlace = Regex.Match(page, "<option value=\"(\\d+)\">(?:&#x3000;)*历山镇</option>").Groups[1].Value;
        var wananTown = Regex.Match(page, "<option value=\"(\\d+)\">万安钻石专业镇</option>").Groups[1].Value;
        var wrongTown = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "lishan-2", ["Input.DisplayName"] = "历山镇专干二", ["Input.Role"] = "township", ["Input.JurisdictionId"] = lishanPlace,
            ["Input.TownId"] = wananTown, ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        (await wrongTown.Content.ReadAsStringAsync()).ShouldContain("所选专业镇不在该乡镇（街道）");
        var taken = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "yuanqu-member", ["Input.DisplayName"] = "重复", ["Input.Role"] = "member-unit", ["Input.JurisdictionId"] = placeId,
            ["Input.UnitName"] = "孤儿单位测试", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        (await taken.Content.ReadAsStringAsync()).ShouldNotContain("已创建账号");
        (await admin.GetStringAsync("/Admin/Users")).ShouldNotContain("孤儿单位测试");

        var created = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "yuanqu-clerk", ["Input.DisplayName"] = "垣曲县工科局 李明", ["Input.Role"] = "office",
            ["Input.JurisdictionId"] = placeId, ["Input.UnitName"] = "县工科局", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.GetStringAsync("/Admin/Users");
        var password = Regex.Match(after, "初始密码：([A-Za-z0-9]{16})").Groups[1].Value;
        password.Length.ShouldBe(16);
        // The audit trail says whom the role was given to and which role, by name: not “用户角色 编号 3001,2” and nothing more.
        var audit = await admin.GetStringAsync("/Audit?type=" + Uri.EscapeDataString("IdentityUserRole`1"));
        var newest = Regex.Replace(Regex.Replace(Regex.Match(audit, "<table class=\"[^\"]*audit-changes.*?</table>", RegexOptions.Singleline).Value, "<[^>]+>", " "), "\\s+", " ");
        newest.ShouldContain("用户 垣曲县工科局 李明");
        newest.ShouldContain("角色 领导小组办公室");

        var token = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-clerk", password });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The new clerk replaces the generated password with their own.
        var clerk = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(clerk, "yuanqu-clerk", password);
        async Task<HttpResponseMessage> Change(string current, string @new, string confirm)
        {
            var form = await clerk.GetStringAsync("/Account/Password");
            return await clerk.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Current"] = current, ["New"] = @new, ["Confirm"] = confirm, ["__RequestVerificationToken"] = Antiforgery(form),
            }));
        }
        (await (await Change("wrong-one-1", "Clerk-pass-9", "Clerk-pass-9")).Content.ReadAsStringAsync()).ShouldContain("当前密码不正确");
        (await (await Change(password, "Clerk-pass-9", "Clerk-pass-8")).Content.ReadAsStringAsync()).ShouldContain("两次输入的新密码不一致");
        (await (await Change(password, "short", "short")).Content.ReadAsStringAsync()).ShouldContain("密码至少 8 位");
        (await (await Change(password, password, password)).Content.ReadAsStringAsync()).ShouldContain("新密码不能与当前密码相同");
        (await Change(password, "clerk-pass-9", "clerk-pass-9")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A token issued under the old password stops working at once, not when it expires.
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-clerk", password = "clerk-pass-9" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", SeededPlatforms.Password);
        var denied = await office.GetAsync("/Admin/Users");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }
}
