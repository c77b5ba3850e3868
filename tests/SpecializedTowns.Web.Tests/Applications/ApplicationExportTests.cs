using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>认定申报 downloaded: the standard by the name the list shows, never its key.</summary>
public class ApplicationExportTests
{
    [Fact]
    public async Task The_export_names_the_standard_as_the_list_does()
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
            await service.CreateAsync(new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null), "yuanqu-office", town.Id, "yuncheng-municipal",
                """{"category":"specialty-agriculture","supportingEnterprises":12,"localEmployment":900}""");
        }
        (await office.GetStringAsync("/Applications")).ShouldContain("运城市级专业镇认定标准");
        var rows = ExportFiles.Xlsx(await office.GetByteArrayAsync("/Applications?handler=Export&format=xlsx"));
        var standard = Array.IndexOf(rows[0], "认定标准");
        rows.Count.ShouldBe(2);
        rows[1][standard].ShouldBe("运城市级专业镇认定标准");
    }
}
