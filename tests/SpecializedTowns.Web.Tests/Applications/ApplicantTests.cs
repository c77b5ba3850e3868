using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>新建认定申报 for one the standard does not name as applicant: the page says who applies instead of that there is no standard.</summary>
public class ApplicantTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_township_is_told_the_county_government_applies_for_the_city_tier(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        int townId;
        using (var scope = factory.Services.CreateScope())
            townId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var township = await SeededPlatforms.SignedInAsync(provider, "lishan-township");

        var html = await township.GetStringAsync($"/Applications/New?townId={townId}");
        var text = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(Regex.Match(html, "id=\"no-standard\".*?</div>", RegexOptions.Singleline).Value, "<[^>]+>", " ")), "\\s+", " ");
        text.ShouldContain("运城市级专业镇认定标准");
        text.ShouldContain("由县政府申报");
        text.ShouldContain("请联系垣曲县专业镇办");
        text.ShouldNotContain("没有");
    }

    /// <summary>永济 is a 县级市: its government is the 市政府 and its office the 市领导小组办公室 (永济 五（一）), not the 县's.</summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_level_city_is_named_as_a_city_where_the_applicant_and_its_office_are_named(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        int townId;
        using (var scope = factory.Services.CreateScope())
            townId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Where(t => t.Name == "永济机电制造专业镇").Select(t => t.Id).SingleAsync();

        var yongji = await SeededPlatforms.SignedInAsync(provider, "yongji-office");
        var form = WebUtility.HtmlDecode(await yongji.GetStringAsync($"/Applications/New?townId={townId}"));
        form.ShouldContain("运城市级专业镇认定标准（市政府申报）");
        form.ShouldNotContain("县政府申报");

        var province = await SeededPlatforms.SignedInAsync(provider, "shanxi-office");
        var html = await province.GetStringAsync($"/Applications/New?townId={townId}");
        var text = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(Regex.Match(html, "id=\"no-standard\".*?</div>", RegexOptions.Singleline).Value, "<[^>]+>", " ")), "\\s+", " ");
        text.ShouldContain("由市政府申报");
        text.ShouldContain("请联系永济市专业镇办（市领导小组办公室）");
        text.ShouldNotContain("县领导小组办公室");
    }
}
