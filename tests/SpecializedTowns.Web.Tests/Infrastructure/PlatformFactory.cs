using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>The web host on a database of the test's choosing, configured the way an operator would.</summary>
public sealed class PlatformFactory(string provider, string connectionString, bool demo = true, string? password = null)
    : WebApplicationFactory<SpecializedTowns.Web.Platform.DatabaseInitializer>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", provider);
        builder.UseSetting("ConnectionStrings:Main", connectionString);
        builder.UseSetting("Seed:Demo", demo ? "true" : "false");
        builder.UseSetting("Policies:Directory", TestDatabases.PoliciesDirectory);
        if (password is not null)
        {
            builder.UseSetting("Seed:AdminPassword", password);
            builder.UseSetting("Seed:DemoPassword", password);
        }
    }
}
