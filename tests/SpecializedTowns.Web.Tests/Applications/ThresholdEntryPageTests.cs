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

    /// <summary>qa120 4 on the page: 阳泉's 文号, a made-up 《title》 and a year to come are refused in Chinese and nothing is written.</summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Another_citys_document_an_unknown_title_and_a_future_year_are_no_source(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "shanxi-office");
        await using var _ = factory;
        const string accepted = "出处应为本标准的文件（晋政办发〔2022〕80号）或同级、上级文件的文号";
        string Error(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("#source-leading-enterprise-error")!.TextContent;
        Error(await EnterAsync(office, "leading-enterprise", "3", "阳政办发〔2023〕24号 四（五）")).ShouldStartWith($"{accepted}；“阳政办发〔2023〕24号”是阳泉市的文件");
        Error(await EnterAsync(office, "leading-enterprise", "3", "《随便写的》")).ShouldStartWith("“《随便写的》”不是已知的政策文件名称");
        var year = DateTime.UtcNow.AddHours(8).Year + 1;
        Error(await EnterAsync(office, "leading-enterprise", "3", $"晋政办发〔{year}〕80号 三（一）")).ShouldContain($"年份为 {year} 年，晚于今年");
        Error(await EnterAsync(office, "leading-enterprise", "3", "晋政办发〔2022〕80号 随便写的条款")).ShouldContain("不是条款");
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().ThresholdValues.CountAsync()).ShouldBe(0);

        (await PostAsync(office, Page, Page, new() { ["CriterionKey"] = "leading-enterprise", ["Category"] = "", ["Value"] = "３", ["Source"] = "晋政办发〔2022〕80号 附件1 二（一）" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().ThresholdValues.Select(v => v.Value).SingleAsync()).ShouldBe(3m);
    }
}
