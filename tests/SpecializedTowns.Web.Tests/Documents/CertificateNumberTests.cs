using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>
/// 证书编号 used the id of the tier change, global to the platform, so 阳泉's first certificate of 2026 read 阳泉专认〔2026〕23号.
/// Certificates are numbered 1, 2, 3 … per issuing area and year in the order recorded, and a number once printed stays.
/// </summary>
public class CertificateNumberTests
{
    private static readonly UserScope Province = new(1, Roles.Office, "山西省", null);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Certificates_are_numbered_per_area_and_year_and_keep_their_number(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var __ = factory;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var documents = scope.ServiceProvider.GetRequiredService<RecognitionDocuments>();

        async Task<TierChange> RecogniseAsync(string town, Tier tier, string standard, DateOnly on, string number)
        {
            var t = await db.Towns.Include(x => x.TierHistory).SingleAsync(x => x.Name == town);
            var change = new TierChange { Tier = tier, StandardId = standard, EffectiveOn = on, DocumentNumber = number };
            t.Tier = tier;
            t.TierHistory.Add(change);
            await db.SaveChangesAsync();
            return change;
        }
        async Task<string> NumberAsync(string town)
        {
            var id = await db.Towns.Where(x => x.Name == town).Select(x => x.Id).SingleAsync();
            return Docx.Open((await documents.TownCertificateAsync(Province, id)).Content).ParagraphStartingWith("证书编号：").InnerText;
        }

        // 阳泉's demo towns are all 储备: 平定砂器 is the first 阳泉 recognition of 2026, after many steps elsewhere.
        var first = await RecogniseAsync("平定砂器刻花瓷专业镇", Tier.Municipal, "yangquan-municipal", new DateOnly(2026, 3, 1), "阳专领发〔2026〕1号");
        first.Id.ShouldBeGreaterThan(1);
        (await NumberAsync("平定砂器刻花瓷专业镇")).ShouldBe("证书编号：阳泉专认〔2026〕1号");

        // A later recognition elsewhere (运城), even one taking effect earlier in the year, changes nothing in 阳泉.
        await RecogniseAsync("万安钻石专业镇", Tier.Municipal, "yuncheng-municipal", new DateOnly(2026, 2, 1), "运专领发〔2026〕2号");
        (await NumberAsync("平定砂器刻花瓷专业镇")).ShouldBe("证书编号：阳泉专认〔2026〕1号");

        // 阳泉's second of the year is 2, though backdated before the first; the first, printed again, keeps 1.
        await RecogniseAsync("郊区耐火材料专业镇", Tier.Municipal, "yangquan-municipal", new DateOnly(2026, 1, 15), "阳专领发〔2026〕2号");
        (await NumberAsync("郊区耐火材料专业镇")).ShouldBe("证书编号：阳泉专认〔2026〕2号");
        (await NumberAsync("平定砂器刻花瓷专业镇")).ShouldBe("证书编号：阳泉专认〔2026〕1号");
    }
}
