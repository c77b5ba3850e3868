using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>A pending extension whose requested date has passed: the office is told why it cannot approve before it tries.</summary>
public class TaskExtensionPageTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_request_for_a_date_already_past_shows_why_and_offers_no_approval(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", SeededPlatforms.Password);
        // The demo's 垣曲 plan is of 2024; its pending request on （四） asks for 2024年10月15日, long past by the test's clock.
        var list = await office.GetStringAsync("/Tasks");
        var id = Regex.Match(System.Net.WebUtility.HtmlDecode(list), "href=\"/Tasks/Detail/(\\d+)#extensions\">[^<]*实施专业镇重大项目攻坚行动").Groups[1].Value;
        id.ShouldNotBeEmpty();
        var page = new HtmlParser().ParseDocument(await office.GetStringAsync($"/Tasks/Detail/{id}"));
        var stale = page.QuerySelectorAll(".stale-extension").Single();
        stale.TextContent.ShouldStartWith("申请延至的 2024年10月15日 已早于今天");
        var form = stale.ParentElement!.QuerySelector("form.decision")!;
        form.QuerySelector("button[formaction*='handler=Approve'], button[formaction*='Approve']")!.HasAttribute("disabled").ShouldBeTrue();
        form.QuerySelector("button[formaction*='Reject']")!.HasAttribute("disabled").ShouldBeFalse();
    }
}
