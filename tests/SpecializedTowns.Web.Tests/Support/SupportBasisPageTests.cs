using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Support;

/// <summary>资金奖补, 展会活动 and 上市后备 cite the reader's own documents in their header, from the packs, and label another area's clause as such.</summary>
public class SupportBasisPageTests
{
    private static async Task<string> BasisAsync(StorageProvider provider, string user, string url)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, user, SeededPlatforms.Password);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var header = page.QuerySelector(".card .d-flex")!.TextContent;
        return page.QuerySelector("[data-basis]")!.TextContent.Trim() + "\n" + header;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_yuanqu_office_reads_yuanqu_s_clauses(StorageProvider provider)
    {
        var events = await BasisAsync(provider, "yuanqu-office", "/Support/Events");
        events.ShouldContain("垣政办发〔2023〕19号 四（七）“大力发展会展经济，组织参加各类专业博览会");
        events.ShouldNotContain("朔政办发");
        var listing = await BasisAsync(provider, "yuanqu-office", "/Support/Listing");
        listing.ShouldContain("垣政办发〔2023〕19号 四（九）“完善金融服务机制，引导专业镇企业挂牌上市");
        listing.ShouldNotContain("朔政办发");
        var funds = await BasisAsync(provider, "yuanqu-office", "/Support/Funds");
        funds.ShouldContain("垣政办发〔2023〕19号 四（一）“充分发挥培育特色专业镇发展专项资金引领示范作用”");
        funds.ShouldNotContain("朔政办发");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Where_the_county_s_documents_are_silent_the_header_says_so_and_labels_the_others(StorageProvider provider)
    {
        var listing = await BasisAsync(provider, "xinjiang-office", "/Support/Listing");
        listing.ShouldContain("政策依据：本地文件未作规定。");
        listing.ShouldContain("其他地区做法（仅供参考）：");
        listing.ShouldContain("朔政办发〔2023〕19号 四（十三）“对有上市意愿的专业镇主导产业企业纳入市级上市后备企业资源库”");

        var funds = await BasisAsync(provider, "shuozhou-office", "/Support/Funds");
        funds.ShouldContain("政策依据：朔政办发〔2023〕19号 四（一）“鼓励各县（市、区）设立专业镇发展专项资金”");
        funds.ShouldNotContain("其他地区做法");
    }
}
