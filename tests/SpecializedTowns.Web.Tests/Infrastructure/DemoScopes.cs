using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>The scope a demo account signs in with, for tests that call the services directly rather than through pages.</summary>
public static class DemoScopes
{
    /// <summary>
    /// Also for "admin", seeded beside the demo accounts rather than among them: the administrator's scope is the province.
    /// </summary>
    public static async Task<UserScope> OfAsync(TownsDbContext db, string userName)
    {
        var account = userName == "admin"
            ? new DemoAccount(userName, "", Roles.Admin, "山西省")
            : AccountSeeder.DemoAccounts.Single(a => a.UserName == userName);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        return new UserScope(user.Id, account.Role, account.JurisdictionPath, user.SpecializedTownId) { UnitId = user.UnitId };
    }
}
