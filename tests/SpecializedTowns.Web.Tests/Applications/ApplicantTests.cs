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
}
