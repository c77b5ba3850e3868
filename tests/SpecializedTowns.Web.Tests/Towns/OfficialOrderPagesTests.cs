using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// A province office reads its lists, exports and choosers in the official order of division codes (太原 first, 临汾 after
/// 运城; within a city its districts before its counties), not in the code-point order of paths, which put 临汾 first.
/// </summary>
public partial class OfficialOrderPagesTests
{
    [GeneratedRegex("name=\"ids\" value=\"(\\d+)\" form=\"export-selected\"[^>]*></td>\\s*<td><a href=\"/Enterprises/Detail/\\1\">([^<]+)</a>")]
    private static partial Regex EnterpriseRow();

    // 迎泽区 (140106) is a district of 太原, 清徐县 (140121) one of its counties; by their characters 清 came before 迎 and
    // 临汾's 尧都区 before both.
    private static readonly (string County, string Town, string Enterprise)[] Placed =
    [
        ("山西省/临汾市/尧都区", "尧都排序镇", "尧都排序企业"),
        ("山西省/太原市/清徐县", "清徐排序镇", "清徐排序企业"),
        ("山西省/太原市/迎泽区", "迎泽排序镇", "迎泽排序企业"),
    ];

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_town_list_the_enterprise_list_its_export_and_the_place_choosers_go_by_division_code(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using (var db = storage.CreateContext())
        {
            var serial = 990_000;
            foreach (var (path, townName, enterpriseName) in Placed)
            {
                var county = await db.Jurisdictions.SingleAsync(j => j.Path == path);
                var town = new SpecializedTown { Name = townName, CountyId = county.Id, Category = "manufacturing", LeadingIndustry = "排序", Tier = Tier.County };
                db.Towns.Add(town);
                await db.SaveChangesAsync();
                db.Enterprises.Add(new Enterprise
                {
                    Name = enterpriseName, Uscc = Uscc.Demo(county.Code!, serial++), CountyId = county.Id, SpecializedTownId = town.Id, Role = EnterpriseRole.Leading,
                });
                await db.SaveChangesAsync();
            }
        }
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var province = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(province, "shanxi-office", TestDatabases.DemoPassword);

        // 专业镇名录: 太原's district, then its county, then the demo's 阳泉 (郊区 first), 朔州 (平鲁区 first) and 运城 (新绛县 first);
        // its export ends with 临汾's town.
        var towns = WebUtility.HtmlDecode(await province.GetStringAsync("/Towns"));
        InOrder(towns[towns.IndexOf("<tbody", StringComparison.Ordinal)..], "迎泽排序镇", "清徐排序镇", "郊区耐火材料专业镇", "平鲁小杂粮专业镇", "新绛中药材专业镇");
        var townRows = await XlsxAsync(province, "/Towns?handler=Export&format=xlsx");
        townRows.Take(2).ShouldBe(["迎泽排序镇", "清徐排序镇"]);
        townRows[^1].ShouldBe("尧都排序镇");

        // 企业名录 opens on 太原's district.
        var enterprises = EnterpriseRow().Matches(await province.GetStringAsync("/Enterprises")).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
        enterprises.Take(2).ShouldBe(["迎泽排序企业", "清徐排序企业"]);

        // Its export in the same order, read back from the .xlsx: 临汾's enterprise last, after all of 运城's.
        var rows = await XlsxAsync(province, "/Enterprises?handler=Export&format=xlsx");
        rows.Take(2).ShouldBe(["迎泽排序企业", "清徐排序企业"]);
        rows[^1].ShouldBe("尧都排序企业");

        // The 地区 filter and the top bar's switch: cities by code, a city's districts before its counties.
        var filter = WebUtility.HtmlDecode(await province.GetStringAsync("/Enterprises"));
        InOrder(filter, "value=\"山西省/太原市\"", "value=\"山西省/太原市/迎泽区\"", "value=\"山西省/太原市/清徐县\"", "value=\"山西省/运城市\"", "value=\"山西省/临汾市\"");
        var focus = WebUtility.HtmlDecode(await province.GetStringAsync("/Account/Focus?handler=Options"));
        InOrder(focus, "value=\"山西省/太原市\"", "value=\"山西省/太原市/迎泽区\"", "value=\"山西省/太原市/清徐县\"", "value=\"山西省/运城市\"", "value=\"山西省/临汾市\"");
    }

    /// <summary>The first column of an exported sheet, below its header.</summary>
    private static async Task<List<string?>> XlsxAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return ExportFiles.Xlsx(await response.Content.ReadAsByteArrayAsync()).Skip(1).Select(r => r[0]?.ToString()).ToList();
    }

    private static void InOrder(string text, params string[] parts)
    {
        var at = parts.Select(p => text.IndexOf(p, StringComparison.Ordinal)).ToList();
        at.ShouldAllBe(i => i >= 0, string.Join("、", parts));
        at.ShouldBe(at.Order().ToList(), string.Join(" < ", parts));
    }
}
