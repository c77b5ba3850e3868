using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// 督办通知书, 储备培育 and the support registers (融资白名单, 人才, 人才培训, 公共服务平台, 地理标志) cite each reader's own documents by
/// the one rule of <c>PolicyBasis</c>: a 垣曲 office 垣政办发〔2023〕19号, a 新绛 office 新政办发〔2023〕33号, a 朔州 office 朔政办发; where
/// those say nothing, 本地文件未作规定 with the others' clauses as reference only; a city or the province its counties'
/// documents folded into one short line.
/// </summary>
public class PolicyCitationPageTests
{
    private const string Elsewhere = "其他地区做法（仅供参考）：";
    private const string YunchengSilence = "本地文件 运政办发〔2023〕8号 平台仅收录其被其他文件引用的内容，未见相关规定。";

    private static async Task<string> BasisAsync(HttpClient client, string url, string key)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var line = page.QuerySelector($"[data-basis='{key}']");
        line.ShouldNotBeNull($"{url} has no {key} clause line");
        return string.Join(" ", line.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_notice_pages_cite_each_reader_s_own_document(StorageProvider provider)
    {
        foreach (var url in new[] { "/Notices", "/Notices/New" })
        {
            // 垣政办发〔2023〕19号 sends no notices; its 五（四） criticises those who fall behind, and that is 垣曲's clause — not
            // 新绛's words without a citation.
            var yuanqu = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "yuanqu-office"), url, "notices");
            yuanqu.ShouldBe("政策依据：垣政办发〔2023〕19号 五（四）“对在工作中推诿扯皮、推进不到位、落实不主动不积极的进行通报批评和约谈”", customMessage: url);

            (await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "xinjiang-office"), url, "notices"))
                .ShouldBe("政策依据：新政办发〔2023〕33号 四（五）“对评价排名靠后或建设进度较慢的镇和单位，发出督办通知书，限期整改问题”", customMessage: url);
            (await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "shuozhou-office"), url, "notices"))
                .ShouldBe("政策依据：朔政办发〔2023〕19号 五（五）“对评价排名靠后或建设进度较慢的专业镇所在县（市、区），发出督办通知，限期整改问题”", customMessage: url);

            var yuncheng = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "yuncheng-office"), url, "notices");
            yuncheng.ShouldStartWith("政策依据：" + YunchengSilence + " 下辖 3 个县（市、区）的文件有相关规定：新绛县、永济市、垣曲县", customMessage: url);
            yuncheng.ShouldContain("新绛县：新政办发〔2023〕33号 四（五）“对评价排名靠后或建设进度较慢的镇和单位，发出督办通知书，限期整改问题”");
            yuncheng.ShouldNotContain("朔政办发");
        }
        var province = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "shanxi-office"), "/Notices", "notices");
        province.ShouldStartWith("政策依据：本地文件 晋政办发〔2022〕80号 平台仅收录其被其他文件引用的内容，未见相关规定。 下辖 5 个市、县（市、区）的文件有相关规定：");
        province.ShouldContain("朔州市：朔政办发〔2023〕19号 五（五）");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_reserve_page_cites_the_reader_s_own_document_on_cultivation(StorageProvider provider)
    {
        var yuanqu = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "yuanqu-office"), "/Reserve", "reserve");
        yuanqu.ShouldStartWith("依据：垣政办发〔2023〕19号 二（一）“积极谋划和培育县域专业镇”");
        yuanqu.ShouldNotContain("朔政办发");

        var shuozhou = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "shuozhou-office"), "/Reserve", "reserve");
        shuozhou.ShouldStartWith("依据：朔政办发〔2023〕19号 三（一）“");
        shuozhou.ShouldNotContain("垣政办发");

        // 新政办发〔2023〕33号 says nothing of it, nor does 运城's as far as it is known: said so, the others only as reference.
        var xinjiang = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "xinjiang-office"), "/Reserve", "reserve");
        // Four other areas' clauses quoted in full made six lines of header: their names first, the words on request.
        xinjiang.ShouldStartWith("依据：本地文件未作规定。 " + Elsewhere + "朔州市、阳泉市、永济市、垣曲县的文件有相关规定（展开原文）");
        xinjiang.ShouldContain("垣政办发〔2023〕19号 二（一）“积极谋划和培育县域专业镇”");

        var yuncheng = await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "yuncheng-office"), "/Reserve", "reserve");
        yuncheng.ShouldStartWith("依据：" + YunchengSilence + " 下辖 2 个县（市、区）的文件有相关规定：永济市、垣曲县");
        yuncheng.ShouldNotContain("朔政办发");
        (await BasisAsync(await SeededPlatforms.SignedInAsync(provider, "shanxi-office"), "/Reserve", "reserve"))
            .ShouldStartWith("依据：本地文件 晋政办发〔2022〕80号 平台仅收录其被其他文件引用的内容，未见相关规定。 下辖 4 个市、县（市、区）的文件有相关规定：");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_support_registers_cite_the_reader_s_own_clauses_and_shuozhou_s_only_as_reference(StorageProvider provider)
    {
        var shuozhou = await SeededPlatforms.SignedInAsync(provider, "shuozhou-office");
        (await BasisAsync(shuozhou, "/Support/Finance", "finance"))
            .ShouldBe("政策依据：朔政办发〔2023〕19号 四（十三）“根据产业特性和融资需求建立“白名单”，搭建金融综合服务平台，推动金融要素与市场主体精准对接”");
        (await BasisAsync(shuozhou, "/Support/Talents", "talents")).ShouldStartWith("政策依据：朔政办发〔2023〕19号 四（二）“培育引进一批具有战略眼光和国际视野");
        (await BasisAsync(shuozhou, "/Support/Training", "training")).ShouldBe(
            "政策依据：朔政办发〔2023〕19号 三（六）“鼓励专业镇企业以训提能、以训稳岗，稳定现有就业，提升从业人员收入水平”；" +
            "朔政办发〔2023〕19号 四（八）“开展订单式、项目制、定向式培训，力争培训后就业率（以签订就业协议或提供就业证明为准）达到80%”");
        (await BasisAsync(shuozhou, "/Support/Platforms", "platforms")).ShouldStartWith("政策依据：朔政办发〔2023〕19号 三（十一）“加强公共服务平台建设");
        (await BasisAsync(shuozhou, "/Support/Brands/GeoIndications", "geo-indications"))
            .ShouldBe("政策依据：朔政办发〔2023〕19号 三（七）“加快申请注册“朔州陶瓷”“怀仁羔羊肉”等一批地理标志保护品牌”");

        var yuanqu = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        // Shown to everyone as if it bound them, 朔州's 白名单 clause is 垣曲's reference only.
        (await BasisAsync(yuanqu, "/Support/Finance", "finance")).ShouldBe("政策依据：本地文件未作规定。 " + Elsewhere +
            "朔政办发〔2023〕19号 四（十三）“根据产业特性和融资需求建立“白名单”，搭建金融综合服务平台，推动金融要素与市场主体精准对接”");
        (await BasisAsync(yuanqu, "/Support/Training", "training"))
            .ShouldBe("政策依据：垣政办发〔2023〕19号 四（五）“鼓励专业镇企业强化员工培训，以训提能、以训稳岗，提升劳动者素质和技能，稳定现有就业”");
        (await BasisAsync(yuanqu, "/Support/Platforms", "platforms"))
            .ShouldBe("政策依据：垣政办发〔2023〕19号 四（十）“加强工业设计、检验检测、企业孵化、物流配送等多功能公共服务平台建设”");
        (await BasisAsync(yuanqu, "/Support/Talents", "talents")).ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere + "朔政办发〔2023〕19号 四（二）");
        (await BasisAsync(yuanqu, "/Support/Brands/GeoIndications", "geo-indications")).ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere);

        var xinjiang = await SeededPlatforms.SignedInAsync(provider, "xinjiang-office");
        (await BasisAsync(xinjiang, "/Support/Training", "training")).ShouldStartWith("政策依据：新政办发〔2023〕33号 三（四）12“鼓励专业镇企业强化员工培训");
        (await BasisAsync(xinjiang, "/Support/Platforms", "platforms")).ShouldStartWith("政策依据：新政办发〔2023〕33号 三（三）7“");
        (await BasisAsync(xinjiang, "/Support/Finance", "finance")).ShouldStartWith("政策依据：本地文件未作规定。 " + Elsewhere + "朔政办发〔2023〕19号 四（十三）");

        var yuncheng = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        (await BasisAsync(yuncheng, "/Support/Finance", "finance")).ShouldStartWith("政策依据：" + YunchengSilence + " " + Elsewhere + "朔政办发〔2023〕19号 四（十三）");
        (await BasisAsync(yuncheng, "/Support/Training", "training")).ShouldStartWith("政策依据：" + YunchengSilence + " 下辖 3 个县（市、区）的文件有相关规定：新绛县、永济市、垣曲县");

        var province = await SeededPlatforms.SignedInAsync(provider, "shanxi-office");
        (await BasisAsync(province, "/Support/Finance", "finance")).ShouldStartWith(
            "政策依据：本地文件 晋政办发〔2022〕80号 平台仅收录其被其他文件引用的内容，未见相关规定。 下辖 1 个市、县（市、区）的文件有相关规定：朔州市");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_s_counties_are_one_short_line_with_their_quotes_behind_a_click(StorageProvider provider)
    {
        var city = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        var page = new HtmlParser().ParseDocument(await city.GetStringAsync("/Problems"));
        var line = page.QuerySelector("[data-basis='problems']")!;
        // Every county's clause quoted in full made a header of several lines; the names come first, the words on request.
        var summary = line.QuerySelector("details.basis-below > summary")!;
        summary.TextContent.ShouldStartWith("下辖 3 个县（市、区）的文件有相关规定：新绛县、永济市、垣曲县");
        line.QuerySelector("details.basis-below")!.HasAttribute("open").ShouldBeFalse();
        var quotes = line.QuerySelectorAll("details.basis-below li").Select(li => li.TextContent.Trim()).ToList();
        quotes.Count.ShouldBe(3);
        quotes.ShouldContain(q => q.StartsWith("垣曲县：垣政办发〔2023〕19号 五（二）“县领导小组成员单位要深入各乡（镇）、企业开展调研"));
        quotes.ShouldContain(q => q.StartsWith("新绛县：新政办发〔2023〕33号 四（三）“"));
    }
}
