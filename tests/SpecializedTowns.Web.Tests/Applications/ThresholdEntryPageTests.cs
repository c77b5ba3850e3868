using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;
using static SpecializedTowns.Web.Tests.Applications.ApplicationDecisionTests;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// qa110 6 on the page: “随便写的” is no 出处, “30%” is no number of 人, an empty post is answered, and nothing of it is written;
/// once entered, the 预检 on the town's page cites the entered 出处.
/// </summary>
public class ThresholdEntryPageTests
{
    private static readonly HtmlParser Html = new();
    private const string Page = "/Policies/Thresholds/shanxi-provincial";

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> EnterAsync(HttpClient client, string key, string value, string source)
    {
        var response = await PostAsync(client, Page, Page, new() { ["CriterionKey"] = key, ["Category"] = "", ["Value"] = value, ["Source"] = source });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Html.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_source_without_a_document_number_a_percent_for_people_and_an_empty_form_are_refused_in_chinese()
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "shanxi-office");
        await using var _ = factory;

        (await EnterAsync(office, "leading-enterprise", "5", "随便写的")).QuerySelector("#source-leading-enterprise-error")!.TextContent
            .ShouldBe("出处应写明文号，可再加条款，如“晋政办发〔2022〕80号 三（一）”");
        var percent = await EnterAsync(office, "employment", "30%", "晋政办发〔2022〕80号 附件1 二（五）");
        percent.QuerySelector("#value-employment-error")!.TextContent.ShouldBe("“带动就业”以人计，不是百分比，请去掉“%”后填写人数");
        percent.QuerySelector("#value-employment")!.GetAttribute("value").ShouldBe("30%");
        (await EnterAsync(office, "employment", "", "")).QuerySelector("#threshold-general")!.TextContent.ShouldStartWith("没有填写任何数值");
        // A post naming no criterion at all is answered too.
        (await EnterAsync(office, "", "", "")).QuerySelector("#threshold-general")!.TextContent.ShouldStartWith("没有填写任何数值");
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().ThresholdValues.CountAsync()).ShouldBe(0);

        // A percentage criterion takes its “%”; the 文号 may be followed by the clause.
        var saved = await PostAsync(office, Page, Page, new()
        {
            ["CriterionKey"] = "market-share", ["Category"] = "", ["Value"] = "30%", ["Source"] = "晋政办发〔2022〕80号 附件1 二（四）",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
