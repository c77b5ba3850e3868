using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>The list's row action reads 办理 only for one whose step comes next; a leader or a member unit, who only reads, sees 查看.</summary>
public class ApplicationListTests
{
    [Fact]
    public async Task The_row_action_reads_handle_only_for_the_one_whose_step_is_next()
    {
        var (factory, leader) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuncheng-leader");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
            var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
            id = await service.CreateAsync(county, "yuanqu-office", town.Id, "yuncheng-municipal", """{"category":"specialty-agriculture","supportingEnterprises":12}""");
            await service.SubmitAsync(county, "yuanqu-office", id);
        }
        Action(await leader.GetStringAsync("/Applications"), id).ShouldBe("查看");

        // The standard is 运城's: its office takes the 形式审查; the county that filed and its member unit wait.
        Action(await ClientAsync(factory, "yuncheng-office"), id).ShouldBe("办理");
        Action(await ClientAsync(factory, "yuanqu-office"), id).ShouldBe("查看");
        Action(await ClientAsync(factory, "yuanqu-member"), id).ShouldBe("查看");
    }

    private static async Task<string> ClientAsync(PlatformFactory factory, string user)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, user, TestDatabases.DemoPassword);
        return await client.GetStringAsync("/Applications");
    }

    private static string Action(string html, int id)
    {
        var link = Regex.Match(html, $"<a class=\"btn btn-link btn-sm\" href=\"/Applications/Detail/{id}\">([^<]*)</a>");
        link.Success.ShouldBeTrue($"application {id} is listed");
        return link.Groups[1].Value;
    }
}
