using Microsoft.AspNetCore.Identity;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Platform;

public static class AccountSetup
{
    /// <summary>The administrator and demo accounts; a generated password is printed once on the console.</summary>
    public static async Task EnsureAccountsAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var notes = await AccountSeeder.EnsureAsync(
            services.GetRequiredService<UserManager<AppUser>>(), services.GetRequiredService<RoleManager<IdentityRole<int>>>(),
            services.GetRequiredService<TownsDbContext>(), app.Configuration["Seed:AdminPassword"],
            app.Configuration.GetValue("Seed:Demo", true), app.Configuration["Seed:DemoPassword"]);
        foreach (var note in notes) Console.WriteLine($"*** {note}");
    }
}
