using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

public class UserAdminTests
{
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
            ["Input.UserName"] = "", ["Input.DisplayName"] = "", ["__RequestVerificationToken"] = PageSignIn.Antiforgery(page),
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
            ["Input.TownId"] = wananTown, ["__RequestVerificationToken"] = PageSignIn.Antiforgery(page),
        }));
        (await wrongTown.Content.ReadAsStringAsync()).ShouldContain("所选专业镇不在该乡镇（街道）");
        var taken = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "yuanqu-member", ["Input.DisplayName"] = "重复", ["Input.Role"] = "member-unit", ["Input.JurisdictionId"] = placeId,
            ["Input.UnitName"] = "孤儿单位测试", ["Input.NewUnit"] = "true", ["__RequestVerificationToken"] = PageSignIn.Antiforgery(page),
        }));
        (await taken.Content.ReadAsStringAsync()).ShouldNotContain("已创建账号");
        (await admin.GetStringAsync("/Admin/Users")).ShouldNotContain("孤儿单位测试");

        var created = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "yuanqu-clerk", ["Input.DisplayName"] = "垣曲县工科局 李明", ["Input.Role"] = "office",
            ["Input.JurisdictionId"] = placeId, ["Input.UnitName"] = "县工科局", ["__RequestVerificationToken"] = PageSignIn.Antiforgery(page),
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

        // The generated password was passed on by hand: no token for a script until the person has set their own on the web.
        var early = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-clerk", password });
        early.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await early.Content.ReadAsStringAsync()).ShouldContain("请先在网页上登录并修改密码");

        // The new clerk replaces the generated password with their own before anything else.
        var clerk = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(clerk, "yuanqu-clerk", password);
        var home = await clerk.GetAsync("/Towns");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldStartWith("/Account/Password");
        (await clerk.GetStringAsync(home.Headers.Location!.ToString())).ShouldContain("您现在使用的是系统管理员生成的初始密码");
        // The bell the layout loads on the password page stays empty rather than holding a second copy of the page.
        var bell = new HttpRequestMessage(HttpMethod.Get, "/Notifications?handler=Bell");
        bell.Headers.Add("HX-Request", "true");
        (await clerk.SendAsync(bell)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        async Task<HttpResponseMessage> Change(string current, string @new, string confirm)
        {
            var form = await clerk.GetStringAsync("/Account/Password");
            return await clerk.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Current"] = current, ["New"] = @new, ["Confirm"] = confirm, ["__RequestVerificationToken"] = PageSignIn.Antiforgery(form),
            }));
        }
        (await (await Change("wrong-one-1", "Clerk-pass-9", "Clerk-pass-9")).Content.ReadAsStringAsync()).ShouldContain("当前密码不正确");
        (await (await Change(password, "Clerk-pass-9", "Clerk-pass-8")).Content.ReadAsStringAsync()).ShouldContain("两次输入的新密码不一致");
        (await (await Change(password, "short", "short")).Content.ReadAsStringAsync()).ShouldContain("密码至少 8 位");
        (await (await Change(password, password, password)).Content.ReadAsStringAsync()).ShouldContain("新密码不能与当前密码相同");
        (await Change(password, "clerk-pass-9", "clerk-pass-9")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await clerk.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-clerk", password = "clerk-pass-9" });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An administrator's reset: the token issued under the old password stops working at once, not when it expires, and the
        // reset password is again one to replace first.
        var list = await admin.GetStringAsync("/Admin/Users?search=yuanqu-clerk");
        var clerkId = Regex.Match(list, "name=\"ids\" value=\"(\\d+)\"").Groups[1].Value;
        (await admin.PostAsync($"/Admin/Users?handler=Reset&id={clerkId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageSignIn.Antiforgery(list),
        }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reset = Regex.Match(await admin.GetStringAsync("/Admin/Users?search=yuanqu-clerk"), "的新密码：([A-Za-z0-9]{16})").Groups[1].Value;
        reset.Length.ShouldBe(16);
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-clerk", password = reset })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var again = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(again, "yuanqu-clerk", reset);
        (await again.GetAsync("/Towns")).Headers.Location!.ToString().ShouldStartWith("/Account/Password");

        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", SeededPlatforms.Password);
        var denied = await office.GetAsync("/Admin/Users");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }

    private static string Option(string html, string name) =>
        Regex.Match(html, $"<option value=\"(\\d+)\"[^>]*>(?:&#x3000;|\u3000)*{name}</option>").Groups[1].Value;

    [Theory]
    [InlineData("a"), InlineData("ab"), InlineData("李明"), InlineData("yuan qu"), InlineData("yuanqu@li")]
    public void A_user_name_is_three_to_fifty_letters_digits_and_separators(string name) =>
        SpecializedTowns.Core.Accounts.UserNames.Problem(name).ShouldNotBeNull().ShouldContain("3–50 个字符");

    [Theory]
    [InlineData("abc"), InlineData("yuanqu-li"), InlineData("li_ming.2")]
    public void Plain_user_names_pass(string name) => SpecializedTowns.Core.Accounts.UserNames.Problem(name).ShouldBeNull();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Units_are_chosen_from_the_place_and_above_and_a_new_one_only_when_ticked(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;
        var page = await admin.GetStringAsync("/Admin/Users");
        var yuanqu = Option(page, "垣曲县");
        var yuncheng = Option(page, "运城市");
        Dictionary<string, string> Form(string userName, string place, string unit, bool isNew = false) => new()
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "文旅局 王芳", ["Input.Role"] = "member-unit", ["Input.JurisdictionId"] = place,
            ["Input.UnitName"] = unit, ["Input.NewUnit"] = isNew ? "true" : "false",
        };

        var shortName = await (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("a", yuanqu, "县文旅局"))).Content.ReadAsStringAsync();
        shortName.ShouldContain("用户名须为 3–50 个字符");
        shortName.ShouldContain("value=\"县文旅局\"");

        // Another spelling of a registered unit is refused, naming the registered one; so is a county's bureau typed for a city account.
        var spelling = await (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("yuanqu-wenlv", yuanqu, "县文化旅游局"))).Content.ReadAsStringAsync();
        spelling.ShouldContain("“县文化旅游局”不是垣曲县或其上级已登记的单位");
        spelling.ShouldContain("相近的已登记单位有：县文旅局");
        var city = await (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("yuncheng-nongye", yuncheng, "县农业农村局"))).Content.ReadAsStringAsync();
        city.ShouldContain("“县农业农村局”不是运城市或其上级已登记的单位");
        await using (var db = storage.CreateContext())
        {
            (await db.Units.CountAsync(u => u.Name == "县文化旅游局" || u.Name.StartsWith("县农业农村局（"))).ShouldBe(0);
            (await db.Users.CountAsync(u => u.UserName == "yuanqu-wenlv" || u.UserName == "yuncheng-nongye")).ShouldBe(0);
        }

        // The form offers the units of the chosen place and those above it.
        var offered = await admin.GetStringAsync($"/Admin/Users?handler=Units&Input.JurisdictionId={yuanqu}");
        offered.ShouldContain("<option value=\"县文旅局\">垣曲县</option>");
        offered.ShouldNotContain("新绛");

        // Ticked as new, the name is registered in the place; ticked for a registered name, the registered unit is taken.
        (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("yuanqu-wenlv", yuanqu, "县文化旅游局", isNew: true))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("yuanqu-wenlv2", yuanqu, "县文旅局", isNew: true))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var db = storage.CreateContext())
        {
            var units = await db.Users.Where(u => u.UserName!.StartsWith("yuanqu-wenlv")).OrderBy(u => u.UserName)
                .Select(u => new { u.Unit!.Name, Place = u.Unit.Jurisdiction!.Name, u.MustChangePassword }).ToListAsync();
            units.Select(u => (u.Name, u.Place)).ShouldBe([("县文化旅游局", "垣曲县"), ("县文旅局", "垣曲县")]);
            units.ShouldAllBe(u => u.MustChangePassword);
            (await db.Units.CountAsync(u => u.Name == "县文旅局" && u.Jurisdiction!.Name == "垣曲县")).ShouldBe(1);
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_level_city_account_gets_the_city_unit_of_that_name_only_when_it_is_picked_as_the_citys(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;
        var page = await admin.GetStringAsync("/Admin/Users");
        var huairen = Option(page, "怀仁市");
        Dictionary<string, string> Form(string userName, string unit, bool isNew = false) => new()
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "怀仁市工信局 赵敏", ["Input.Role"] = "member-unit", ["Input.JurisdictionId"] = huairen,
            ["Input.UnitName"] = unit, ["Input.NewUnit"] = isNew ? "true" : "false",
        };
        async Task<string> PasswordOfNewest() => Regex.Match(await admin.GetStringAsync("/Admin/Users"), "初始密码：([A-Za-z0-9]{16})").Groups[1].Value;

        // 怀仁 is a 市: its 市工信局 is written as 朔州's is. The bare name is not taken to be the city's bureau.
        var refused = await (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("huairen-gongxin", "市工信局"))).Content.ReadAsStringAsync();
        refused.ShouldContain("“市工信局”是朔州市的单位；如为怀仁市本级单位请勾选“新增单位”；确为朔州市的这一单位，请从列表选择“市工信局（朔州市）”");
        (await admin.GetStringAsync($"/Admin/Users?handler=Units&Input.JurisdictionId={huairen}")).ShouldContain("<option value=\"市工信局（朔州市）\">朔州市</option>");

        // Ticked as new, it is 怀仁市's own bureau; picked from the list as the city's, it is 朔州市's.
        (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("huairen-gongxin", "市工信局", isNew: true))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ownPassword = await PasswordOfNewest();
        (await PageSignIn.PostAsync(admin, "/Admin/Users?handler=Create", page, Form("huairen-city", "市工信局（朔州市）"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cityPassword = await PasswordOfNewest();
        int projectId, ownUnit, cityId;
        await using (var db = storage.CreateContext())
        {
            var bound = await db.Users.Where(u => u.UserName!.StartsWith("huairen-")).OrderBy(u => u.UserName)
                .Select(u => new { u.Id, u.UserName, u.UnitId, Unit = u.Unit!.Name, Place = u.Unit.Jurisdiction!.Name }).ToListAsync();
            bound.Select(u => (u.UserName, u.Unit, u.Place)).ShouldBe([("huairen-city", "市工信局", "朔州市"), ("huairen-gongxin", "市工信局", "怀仁市")]);
            ownUnit = bound[1].UnitId!.Value;
            cityId = bound[0].Id;
            foreach (var u in await db.Users.Where(u => u.UserName!.StartsWith("huairen-")).ToListAsync()) u.MustChangePassword = false;
            await db.SaveChangesAsync();
            projectId = await db.Projects.Where(p => p.Name == "怀仁陶瓷智能化窑炉改造项目").Select(p => p.Id).SingleAsync();
        }
        // The edit form writes the city's unit as the list does, so saving it unchanged keeps it.
        (await admin.GetStringAsync($"/Admin/Users?edit={cityId}")).ShouldContain("value=\"市工信局（朔州市）\"");

        // The unit decides the work: the city's bureau answers for the demo's 怀仁 kiln project, 怀仁's own bureau does not …
        var own = await PageSignIn.BrowserAsync(factory, "huairen-gongxin", ownPassword);
        var city = await PageSignIn.BrowserAsync(factory, "huairen-city", cityPassword);
        (await own.GetStringAsync($"/Projects/Detail/{projectId}")).ShouldNotContain("保存当月进展");
        (await city.GetStringAsync($"/Projects/Detail/{projectId}")).ShouldContain("保存当月进展");
        // … until the project is given to 怀仁's bureau.
        await using (var db = storage.CreateContext())
        {
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            project.ResponsibleUnitId = ownUnit;
            await db.SaveChangesAsync();
        }
        (await own.GetStringAsync($"/Projects/Detail/{projectId}")).ShouldContain("保存当月进展");
        (await city.GetStringAsync($"/Projects/Detail/{projectId}")).ShouldNotContain("保存当月进展");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Accounts_are_edited_disabled_and_enabled_again_and_the_administrator_cannot_lock_themselves_out(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;
        var page = await admin.GetStringAsync("/Admin/Users");
        var yuanqu = Option(page, "垣曲县");
        int memberId, officeId, adminId; string officeStamp;
        await using (var db = storage.CreateContext())
        {
            memberId = await db.Users.Where(u => u.UserName == "yuanqu-member").Select(u => u.Id).SingleAsync();
            officeId = await db.Users.Where(u => u.UserName == "yuanqu-office").Select(u => u.Id).SingleAsync();
            adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            officeStamp = await db.Users.Where(u => u.Id == officeId).Select(u => u.SecurityStamp!).SingleAsync();
        }

        // The edit form holds the account's values; the creation checks apply.
        var edit = await admin.GetStringAsync($"/Admin/Users?edit={memberId}");
        edit.ShouldContain("编辑账号");
        edit.ShouldContain("value=\"县农业农村局\"");
        var township = await (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Edit&id={memberId}", edit, new()
        {
            ["Change.DisplayName"] = "垣曲县农业农村局", ["Change.Role"] = "township", ["Change.JurisdictionId"] = yuanqu,
        })).Content.ReadAsStringAsync();
        township.ShouldContain("乡镇/专班账号应属于一个乡镇（街道）");
        township.ShouldContain("请选择负责的专业镇");
        var noUnit = await (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Edit&id={memberId}", edit, new()
        {
            ["Change.DisplayName"] = "垣曲县农业农村局", ["Change.Role"] = "member-unit", ["Change.JurisdictionId"] = yuanqu, ["Change.UnitName"] = "县文化旅游局",
        })).Content.ReadAsStringAsync();
        noUnit.ShouldContain("相近的已登记单位有：县文旅局");

        // The person moves to another bureau: unit and name change, old sessions end (a new security stamp).
        (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Edit&id={memberId}", edit, new()
        {
            ["Change.DisplayName"] = "垣曲县文旅局 王芳", ["Change.Role"] = "member-unit", ["Change.JurisdictionId"] = yuanqu, ["Change.UnitName"] = "县文旅局",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var db = storage.CreateContext())
            (await db.Users.Where(u => u.Id == memberId).Select(u => new { u.DisplayName, Unit = u.Unit!.Name }).SingleAsync())
                .ShouldBe(new { DisplayName = "垣曲县文旅局 王芳", Unit = "县文旅局" });

        // The administrator cannot demote or disable themselves.
        var self = await admin.GetStringAsync($"/Admin/Users?edit={adminId}");
        (await (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Edit&id={adminId}", self, new()
        {
            ["Change.DisplayName"] = "系统管理员", ["Change.Role"] = "office", ["Change.JurisdictionId"] = Option(page, "山西省"),
        })).Content.ReadAsStringAsync()).ShouldContain("不能取消自己的系统管理员角色");
        (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Disable&id={adminId}", page, new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/Admin/Users")).ShouldContain("不能停用自己的账号");

        // Disabled: the open token stops at once, no new sign-in or token, and the list shows and filters it.
        var token = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-office", password = TestDatabases.DemoPassword });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Disable&id={officeId}&state=active", page, new())).Headers.Location!.ToString().ShouldBe("/Admin/Users?state=active");
        (await api.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using (var db = storage.CreateContext())
        {
            var office = await db.Users.SingleAsync(u => u.Id == officeId);
            office.DisabledAtUtc.ShouldNotBeNull();
            office.SecurityStamp.ShouldNotBe(officeStamp);
            (await db.Users.Where(u => u.Id == adminId).Select(u => u.DisabledAtUtc).SingleAsync()).ShouldBeNull();
        }
        var refusedToken = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-office", password = TestDatabases.DemoPassword });
        refusedToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refusedToken.Content.ReadAsStringAsync()).ShouldContain("该账号已停用");
        var person = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await person.GetStringAsync("/Account/Login");
        (await (await PageSignIn.PostAsync(person, "/Account/Login", login, new() { ["UserName"] = "yuanqu-office", ["Password"] = TestDatabases.DemoPassword }))
            .Content.ReadAsStringAsync()).ShouldContain("该账号已停用");
        var disabled = await admin.GetStringAsync("/Admin/Users?state=disabled");
        disabled.ShouldContain("yuanqu-office");
        disabled.ShouldNotContain("yuanqu-member");
        disabled.ShouldContain(">停用</span>");
        (await admin.GetStringAsync("/Admin/Users?state=active")).ShouldNotContain(">yuanqu-office<");
        // Audited like every change, in words.
        (await admin.GetStringAsync("/Audit?type=AppUser")).ShouldContain("停用时间");

        (await PageSignIn.PostAsync(admin, $"/Admin/Users?handler=Enable&id={officeId}", page, new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await PageSignIn.SignInAsync(person, "yuanqu-office", TestDatabases.DemoPassword);
        (await person.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
