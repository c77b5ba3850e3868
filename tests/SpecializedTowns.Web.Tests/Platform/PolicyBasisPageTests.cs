using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// 问题台账, 三个一批, 专班名录, 专班月报 and 上市后备 cite the documents of the reader's own jurisdiction, by the rule of the support
/// registers: a 垣曲 office reads 垣政办发〔2023〕19号 and is told where it is silent, a 朔州 or 阳泉 office its city's document,
/// and a city office looking at one county in the top bar still its own city's, never the county's as its basis.
/// </summary>
public class PolicyBasisPageTests
{
    private static async Task<string> BasisAsync(HttpClient client, string url, string key)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var line = page.QuerySelector($"[data-basis='{key}']");
        line.ShouldNotBeNull($"{url} has no {key} clause line");
        return string.Join(" ", line.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    private const string Elsewhere = "其他地区做法（仅供参考）：";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_yuanqu_office_and_a_shuozhou_or_yangquan_office_each_read_their_own_document(StorageProvider provider)
    {
        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        (await BasisAsync(yuanqu, "/Problems", "problems")).ShouldStartWith("政策依据：垣政办发〔2023〕19号 五（二）“县领导小组成员单位要深入各乡（镇）、企业开展调研");
        (await BasisAsync(yuanqu, "/Projects/Batches", "batches")).ShouldBe("政策依据：垣政办发〔2023〕19号 四（四）“持续推动项目签约、开工、投产“三个一批”活动”");
        var forces = await BasisAsync(yuanqu, "/Reports/TaskForces", "task-forces");
        forces.ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere + "新政办发〔2023〕33号 四（二）、附件1“全县成立4个专业镇高质量发展推进专班");
        forces.ShouldContain("《永济市促进专业镇高质量发展行动计划（2024-2025年）》 五（一）“特成立运城市、县级专业镇培育专班");
        (await BasisAsync(yuanqu, "/Reports", "monthly-reports")).ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere + "新政办发〔2023〕33号 四（二）“各专班要高度重视，专人负责，每月向专业镇领导小组办公室汇报进展情况");
        (await BasisAsync(yuanqu, "/Support/Listing", "listing-stages")).ShouldBe(
            "入库阶段（个转企、小升规、规改股、股上市）的依据：本地文件未作规定。 " + Elsewhere + "阳政办发〔2023〕24号 五（二）“积极推动“个转企、小升规、规改股、股上市””");
        (await BasisAsync(yuanqu, "/Support/Listing", "listing")).ShouldBe("政策依据：垣政办发〔2023〕19号 四（九）“完善金融服务机制，引导专业镇企业挂牌上市，拓宽融资渠道”");

        var shuozhou = await SeededPlatforms.SignedInAsync(provider, "shuozhou-office");
        (await BasisAsync(shuozhou, "/Problems", "problems")).ShouldBe(
            "政策依据：朔政办发〔2023〕19号 五（三）“找准产业发展的“共性问题”和企业发展的“个性问题”，建立问题台账，“把脉问诊”、协调配合、跟进帮扶，帮助解决好专业镇企业实际困难和问题”");
        (await BasisAsync(shuozhou, "/Projects/Batches", "batches")).ShouldBe("政策依据：朔政办发〔2023〕19号 三（五）“持续推动项目开工、签约、投产“三个一批”活动”");
        (await BasisAsync(shuozhou, "/Reports/TaskForces", "task-forces")).ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere + "新政办发〔2023〕33号 四（二）、附件1“");
        (await BasisAsync(shuozhou, "/Reports", "monthly-reports")).ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere + "新政办发〔2023〕33号 四（二）“");
        (await BasisAsync(shuozhou, "/Support/Listing", "listing-stages")).ShouldStartWith("入库阶段（个转企、小升规、规改股、股上市）的依据：本地文件未作规定。 " + Elsewhere + "阳政办发〔2023〕24号 五（二）");

        var yangquan = await SeededPlatforms.SignedInAsync(provider, "yangquan-office");
        (await BasisAsync(yangquan, "/Problems", "problems")).ShouldStartWith("政策依据：阳政办发〔2023〕24号 六（三）“领导小组成员单位要深入各县（区）开展调研");
        (await BasisAsync(yangquan, "/Projects/Batches", "batches")).ShouldBe("政策依据：阳政办发〔2023〕24号 五（四）“持续推动项目开工、签约、投产“三个一批”活动”");
        (await BasisAsync(yangquan, "/Support/Listing", "listing-stages")).ShouldBe("入库阶段（个转企、小升规、规改股、股上市）的依据：阳政办发〔2023〕24号 五（二）“积极推动“个转企、小升规、规改股、股上市””");
        (await BasisAsync(yangquan, "/Reports/TaskForces", "task-forces")).ShouldNotContain("政策依据：新政办发");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_office_looking_at_one_county_still_reads_its_own_city_s_basis(StorageProvider provider)
    {
        var city = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        await FocusRightsTests.FocusAsync(city, "山西省/运城市/垣曲县");
        foreach (var (url, key) in new[] { ("/Problems", "problems"), ("/Projects/Batches", "batches"), ("/Support/Events", "events") })
        {
            var line = await BasisAsync(city, url, key);
            // Narrowed to 垣曲, these pages cited 垣政办发〔2023〕19号 as the city office's own basis.
            line.ShouldStartWith("政策依据：本地文件 运政办发〔2023〕8号 平台仅收录其被其他文件引用的内容，未见相关规定。 下辖 3 个县（市、区）的文件有相关规定：", customMessage: url);
            line.ShouldContain("新政办发〔2023〕33号", Case.Sensitive, url);
        }
    }
}
