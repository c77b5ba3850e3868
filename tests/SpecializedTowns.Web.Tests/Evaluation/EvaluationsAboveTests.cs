using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// 运城's published 2024 evaluation of its towns, read by 新绛 (新政办发〔2023〕33号 四（五）: the county acts “根据省市开展的专业镇
/// 年度评估结果”): 新绛's own towns with their rank in the whole, never 永济's or 盐湖's rows, not the city's draft, not the
/// city's report; on the page, in the API and in the 表扬名单.
/// </summary>
public class EvaluationsAboveTests
{
    private static async Task<(int Published, int Draft)> DemoEvaluationsAsync(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var city = await db.Evaluations.Where(e => e.AreaPath == "山西省/运城市").Select(e => new { e.Id, e.State, e.Kind }).ToListAsync();
        return (city.Single(e => e.State == EvaluationState.Published && e.Kind == SubjectKind.Town).Id, city.First(e => e.State == EvaluationState.Draft).Id);
    }

    private static string Text(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ");

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_reads_its_own_towns_in_the_city_s_published_evaluation_in_the_api(StorageProvider provider)
    {
        var (published, draft) = await DemoEvaluationsAsync(provider);
        var county = await SeededPlatforms.ClientAsync(provider, "xinjiang-office");

        var list = JsonDocument.Parse(await county.GetStringAsync("/api/v1/evaluations?year=2024")).RootElement.GetProperty("items");
        var item = list.EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == published);
        item.GetProperty("area").GetString().ShouldBe("运城市");
        item.GetProperty("rankedOf").GetInt32().ShouldBe(6);
        item.GetProperty("subjects").GetInt32().ShouldBeLessThan(6);
        list.EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetInt32() == draft);

        var detail = JsonDocument.Parse(await county.GetStringAsync($"/api/v1/evaluations/{published}")).RootElement;
        detail.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        detail.GetProperty("rankedOf").GetInt32().ShouldBe(6);
        var rows = detail.GetProperty("results").EnumerateArray().ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.GetProperty("place").GetString()!.Contains("新绛县"));
        var first = rows.Single(r => r.GetProperty("subject").GetString() == "万安钻石专业镇");
        first.GetProperty("rank").GetInt32().ShouldBe(1);
        // 94.97 on 70 of the 110 weight, the demo holding 2024's projects and 督查检查 scores (hand count in EvaluationServiceTests).
        first.GetProperty("total").GetDecimal().ShouldBe(94.97m);
        first.GetProperty("commended").GetBoolean().ShouldBeTrue();

        // The draft stays the city's; the report and the tables of the whole ranking too.
        (await county.GetAsync($"/api/v1/evaluations/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var report = await county.GetAsync($"/api/v1/evaluations/{published}/report.docx");
        report.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await report.Content.ReadAsStringAsync()).ShouldContain("评估报告和全部明细由发布评估的专业镇办公室出具");
        (await county.GetAsync($"/api/v1/evaluations/{published}/tables.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Nor may it change or publish anything of it.
        (await county.DeleteAsync($"/api/v1/evaluations/{published}")).IsSuccessStatusCode.ShouldBeFalse();

        // The city still reads the whole of it.
        var city = await SeededPlatforms.ClientAsync(provider, "yuncheng-office");
        var whole = JsonDocument.Parse(await city.GetStringAsync($"/api/v1/evaluations/{published}")).RootElement;
        whole.GetProperty("results").GetArrayLength().ShouldBe(6);
        whole.GetProperty("rankedOf").ValueKind.ShouldBe(JsonValueKind.Null);
        (await city.GetAsync($"/api/v1/evaluations/{published}/report.docx")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Another_county_s_rows_never_appear(StorageProvider provider)
    {
        var (published, _) = await DemoEvaluationsAsync(provider);
        string[] others;
        {
            var city = await SeededPlatforms.ClientAsync(provider, "yuncheng-office");
            others = JsonDocument.Parse(await city.GetStringAsync($"/api/v1/evaluations/{published}")).RootElement.GetProperty("results").EnumerateArray()
                .Where(r => !r.GetProperty("place").GetString()!.Contains("新绛县")).Select(r => r.GetProperty("subject").GetString()!).ToArray();
        }
        others.ShouldContain("永济机电制造专业镇");

        var api = await SeededPlatforms.ClientAsync(provider, "xinjiang-office");
        var pages = await SeededPlatforms.SignedInAsync(provider, "xinjiang-office");
        var seen = string.Join("\n",
            await api.GetStringAsync($"/api/v1/evaluations/{published}"),
            await api.GetStringAsync("/api/v1/evaluations"),
            await pages.GetStringAsync($"/Evaluations/Detail/{published}"),
            await pages.GetStringAsync("/Evaluations"),
            await pages.GetStringAsync("/Commendations?year=2024"),
            await pages.GetStringAsync("/Commendations?handler=EvaluatedExport&format=csv&year=2024"));
        foreach (var other in others) seen.ShouldNotContain(other);

        // 永济 reads its own town in the same evaluation, and none of 新绛's.
        var yongji = JsonDocument.Parse(await (await SeededPlatforms.ClientAsync(provider, "yongji-office")).GetStringAsync($"/api/v1/evaluations/{published}")).RootElement;
        var names = yongji.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("subject").GetString()).ToList();
        names.ShouldContain("永济机电制造专业镇");
        names.ShouldNotContain("万安钻石专业镇");

        // 阳泉 has no town in it: it does not exist for them.
        (await (await SeededPlatforms.ClientAsync(provider, "yangquan-office")).GetAsync($"/api/v1/evaluations/{published}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_county_s_pages_show_its_towns_with_their_place_in_the_city_ranking(StorageProvider provider)
    {
        var (published, draft) = await DemoEvaluationsAsync(provider);
        var county = await SeededPlatforms.SignedInAsync(provider, "xinjiang-office");

        var index = Text(await county.GetStringAsync("/Evaluations"));
        index.ShouldNotContain("还没有评估");
        index.ShouldContain("运城市 上级发布");
        index.ShouldContain("（共 6）");

        var html = await county.GetStringAsync($"/Evaluations/Detail/{published}");
        var detail = Text(html);
        detail.ShouldContain("本评估由运城市专业镇办公室发布，共 6 个专业镇参加排名");
        detail.ShouldContain("第 1 名（共 6 个） 万安钻石专业镇 新绛县 94.97 优秀");
        html.ShouldNotContain("/report.docx");
        html.ShouldNotContain("/tables.xlsx");
        html.ShouldNotContain("handler=Recalculate");
        html.ShouldNotContain("handler=Notices");
        (await county.GetAsync($"/Evaluations/Detail/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var commended = Text(await county.GetStringAsync("/Commendations?year=2024"));
        commended.ShouldContain("万安钻石专业镇 新绛县 第 1 名（共 6 个） 94.97 优秀");
    }

    /// <summary>The note above an excerpt, which says what the reader may do with it and under which clause.</summary>
    private static string Excerpt(string html)
    {
        var match = Regex.Match(html, "<div[^>]*id=\"evaluation-excerpt\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        match.Success.ShouldBeTrue();
        return Text(match.Groups[1].Value);
    }

    /// <summary>A platform of these tests alone: 运城 publishes its township ranking here, which the demo leaves a draft.</summary>
    private static readonly DemoPlatforms Townships = new();

    private static async Task<int> CityTownshipEvaluationAsync(StorageProvider provider)
    {
        var factory = await Townships.GetAsync(provider);
        int id;
        EvaluationState state;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var found = await db.Evaluations.Where(e => e.AreaPath == "山西省/运城市" && e.Kind == SubjectKind.Township)
                .Select(e => new { e.Id, e.State }).SingleAsync();
            (id, state) = (found.Id, found.State);
        }
        if (state == EvaluationState.Published) return id;
        var city = await Townships.ClientAsync(provider, "yuncheng-office");
        var response = await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version = (int?)null, coverageReason = "已结合各单位工作职责核实" });
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var version = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();
            response = await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version, coverageReason = "已结合各单位工作职责核实" });
        }
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return id;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_reading_the_city_s_ranking_is_pointed_to_its_own_document_not_another_county_s(StorageProvider provider)
    {
        var id = await CityTownshipEvaluationAsync(provider);
        var yuanqu = Excerpt(await (await Townships.SignedInAsync(provider, "yuanqu-office")).GetStringAsync($"/Evaluations/Detail/{id}"));
        yuanqu.ShouldContain("本评估由运城市专业镇办公室发布");
        // 垣政办发〔2023〕19号 五（四） in its own words; 新政办发〔2023〕33号 is 新绛's.
        yuanqu.ShouldContain("按本地文件：对真抓实干、成效明显的予以表扬；对在工作中推诿扯皮、推进不到位、落实不主动不积极的进行通报批评和约谈（垣政办发〔2023〕19号 五（四））");
        yuanqu.ShouldNotContain("新政办发");

        var (published, _) = await DemoEvaluationsAsync(provider);
        var xinjiang = Excerpt(await (await SeededPlatforms.SignedInAsync(provider, "xinjiang-office")).GetStringAsync($"/Evaluations/Detail/{published}"));
        xinjiang.ShouldContain("新政办发〔2023〕33号 四（五）");
        xinjiang.ShouldNotContain("垣政办发");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_township_reads_its_own_row_of_the_city_s_township_ranking_behind_its_notice(StorageProvider provider)
    {
        var id = await CityTownshipEvaluationAsync(provider);
        string[] others;
        {
            var city = await Townships.ClientAsync(provider, "yuncheng-office");
            others = JsonDocument.Parse(await city.GetStringAsync($"/api/v1/evaluations/{id}")).RootElement.GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("subject").GetString()!).Where(n => n != "历山镇").ToArray();
        }
        others.ShouldNotBeEmpty();

        var api = await Townships.ClientAsync(provider, "lishan-township");
        var detail = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/evaluations/{id}")).RootElement;
        detail.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("subject").GetString()).ShouldBe(["历山镇"]);
        detail.GetProperty("rankedOf").GetInt32().ShouldBe(others.Length + 1);
        detail.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        (await api.GetAsync($"/api/v1/evaluations/{id}/report.docx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.GetAsync($"/api/v1/evaluations/{id}/tables.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var pages = await Townships.SignedInAsync(provider, "lishan-township");
        var page = await pages.GetAsync($"/Evaluations/Detail/{id}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        var text = Text(html);
        text.ShouldContain($"共 {others.Length + 1} 个乡镇参加排名");
        text.ShouldContain("历山镇");
        text.ShouldContain("垣政办发〔2023〕19号 五（四）");
        html.ShouldNotContain("handler=Recalculate");
        html.ShouldNotContain("/report.docx");
        var seen = string.Join("\n", html, await pages.GetStringAsync("/Evaluations"), await api.GetStringAsync("/api/v1/evaluations"));
        foreach (var other in others) seen.ShouldNotContain($">{other}<");
        foreach (var other in others) seen.ShouldNotContain($"\"{other}\"");

    }
}
