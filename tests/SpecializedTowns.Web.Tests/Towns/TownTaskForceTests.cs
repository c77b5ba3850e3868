using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// 历山镇蜂蜜专业镇's 专班 is set up in the platform (垣政办发〔2023〕19号 lists none) and reports every month: the town page
/// and 一镇一档 describe it from that record, not "未设专班" because the policy pack names none.
/// </summary>
public class TownTaskForceTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_task_force_set_up_in_the_platform_shows_on_the_town_page_and_in_its_profile(StorageProvider provider)
    {
        var client = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        using var towns = JsonDocument.Parse(await client.GetStringAsync("/api/v1/towns?pageSize=100"));
        var town = towns.RootElement.GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "历山镇蜂蜜专业镇").GetProperty("id").GetInt32();

        var html = await client.GetStringAsync($"/Towns/Detail/{town}");
        var row = Text(Regex.Match(html, "<dt class=\"col-sm-2\">专班</dt>\\s*<dd[^>]*>(.*?)</dd>", RegexOptions.Singleline).Groups[1].Value);
        row.ShouldNotContain("未设专班");
        row.ShouldContain("牵头单位 县工科局");
        row.ShouldContain("历山镇");
        row.ShouldContain("分管领导 分管副县长");
        row.ShouldContain("每月报送");

        var docx = await Docx.DownloadAsync(client, $"/api/v1/towns/{town}/profile.docx");
        var facts = Docx.Rows(docx.TableStartingWith("专业镇名称")).ToDictionary(r => r[0], r => r[1]);
        facts["推进专班"].ShouldNotBe("未设专班");
        facts["推进专班"].ShouldContain("牵头单位：县工科局");
        facts["推进专班"].ShouldContain("分管领导：分管副县长");
    }

    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();
}
