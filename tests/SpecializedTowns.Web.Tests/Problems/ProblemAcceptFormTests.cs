using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>The 受理 form of a problem: every mistake named at once, nothing taken while any remains.</summary>
public class ProblemAcceptFormTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_date_it_cannot_read_and_a_lead_unit_also_cooperating_are_named_together_and_nothing_is_accepted(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var list = await office.GetStringAsync("/Problems?status=Registered");
        var id = Regex.Match(list, "href=\"/Problems/Detail/(\\d+)\"[^>]*>古城冷链物流冷库扩建用电增容").Groups[1].Value;
        id.ShouldNotBeEmpty();
        var url = $"/Problems/Detail/{id}";
        var form = await office.GetStringAsync(url);
        var token = PageSignIn.Antiforgery(form);
        var unit = Regex.Match(form, "name=\"CooperatingUnitIds\" value=\"(\\d+)\"").Groups[1].Value;

        var response = await office.PostAsync(url + "?handler=Accept", new FormUrlEncodedContent(
        [
            new("LeadUnitId", unit), new("CooperatingUnitIds", unit), new("Deadline", "2025-02-30"), new("Note", "请牵头解决"),
            new("__RequestVerificationToken", token),
        ]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll("form[action*='handler=Accept'] .text-danger.small").Select(e => e.TextContent.Trim()).ToList();
        // The date the form could not read, and the rule broken by the fields it could: both in one round.
        errors.ShouldContain("“2025-02-30”不是有效的日期，请写成 2025-03-05 的格式");
        errors.ShouldContain("牵头单位不必再列为配合单位");

        var after = new HtmlParser().ParseDocument(await office.GetStringAsync(url));
        after.QuerySelector("#problem-state")!.TextContent.Trim().ShouldBe("待受理");
    }
}
