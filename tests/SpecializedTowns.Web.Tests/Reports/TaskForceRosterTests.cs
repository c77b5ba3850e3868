using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// 专班名录 like the other lists (QA 86 #13): an office above a county narrows it to a city or county, and downloads it to
/// Excel as filtered (listed on 导出 too); a county office, with one place, gets no select.
/// </summary>
public class TaskForceRosterTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_province_filters_the_roster_by_county_and_exports_what_it_shows(StorageProvider provider)
    {
        var province = await SeededPlatforms.SignedInAsync(provider, "shanxi-office");
        var all = WebUtility.HtmlDecode(await province.GetStringAsync("/Reports/TaskForces"));
        all.ShouldContain("<select class=\"form-select form-select-sm\" id=\"jurisdiction\" name=\"jurisdiction\">");
        all.ShouldContain("<option value=\"山西省/运城市/垣曲县\">");
        all.ShouldContain("万安钻石专业镇");
        all.ShouldContain("历山镇蜂蜜专业镇");
        all.ShouldContain("href=\"/Reports/TaskForces?handler=Export&format=xlsx\"");
        all.ShouldContain("<h1 class=\"h5 mb-0 text-nowrap\">专班名录</h1>");

        var yuanqu = WebUtility.HtmlDecode(await province.GetStringAsync("/Reports/TaskForces?jurisdiction=" + Uri.EscapeDataString("山西省/运城市/垣曲县")));
        yuanqu.ShouldContain("<option value=\"山西省/运城市/垣曲县\" selected=\"selected\">");
        yuanqu.ShouldContain("历山镇蜂蜜专业镇");
        yuanqu.ShouldNotContain("万安钻石专业镇", Case.Sensitive, "a 新绛 town");
        var shown = Regex.Matches(yuanqu, "<a href=\"/Reports/TaskForce/\\d+\">([^<]+)</a>").Select(m => m.Groups[1].Value).ToList();
        shown.ShouldNotBeEmpty();

        var response = await province.GetAsync("/Reports/TaskForces?handler=Export&format=xlsx&jurisdiction=" + Uri.EscapeDataString("山西省/运城市/垣曲县"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("专班名录_");
        var sheet = ExportFiles.Xlsx(await response.Content.ReadAsByteArrayAsync());
        sheet[0].Select(c => c?.ToString()).ShouldBe(["专业镇", "所在县（市、区）", "牵头单位", "配合单位", "助推乡镇", "分管县（市、区）领导", "起报月份", "依据", "演示数据"]);
        sheet.Skip(1).Select(r => r[0]?.ToString()).ShouldBe(shown, "the rows the filtered page shows, in its order");
        sheet.Skip(1).ShouldAllBe(r => (string?)r[1] == "垣曲县");
        sheet.Skip(1).ShouldAllBe(r => !string.IsNullOrEmpty(r[2] as string), "each with its lead unit");

        // An unknown place is said, and the whole roster shown.
        var wrong = WebUtility.HtmlDecode(await province.GetStringAsync("/Reports/TaskForces?jurisdiction=" + Uri.EscapeDataString("火星县")));
        wrong.ShouldContain("没有名为“火星县”的行政区划，已显示全部。");
        wrong.ShouldContain("万安钻石专业镇");

        (await province.GetStringAsync("/Exports")).ShouldContain("href=\"/Reports/TaskForces?handler=Export&amp;format=xlsx\"");

        // A county office sees its own roster without a place to choose.
        var county = WebUtility.HtmlDecode(await (await SeededPlatforms.SignedInAsync(provider, "xinjiang-office")).GetStringAsync("/Reports/TaskForces"));
        county.ShouldNotContain("id=\"jurisdiction\"");
        county.ShouldContain("万安钻石专业镇");
    }
}
