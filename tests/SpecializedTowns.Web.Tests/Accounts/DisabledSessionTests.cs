using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// “已登录的会话和令牌随即失效”: a disabled account's browser session ends at its very next request, not at Identity's
/// stamp check up to a minute later.
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
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        (await admin.PostAsync($"/Admin/Users?handler=Disable&id={officeId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var next = await person.GetAsync("/Towns");
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session ends at once, not within the minute of Identity's stamp check");
        next.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await person.GetAsync("/api/v1/towns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await colleague.GetAsync("/Towns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
