using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Accounts;

/// <summary>Puts the person's jurisdiction path and town in the sign-in, so scope needs no query per request.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options, TownsDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<int>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var path = await db.Jurisdictions.Where(j => j.Id == user.JurisdictionId).Select(j => j.Path).SingleAsync();
        identity.AddClaim(new Claim(UserScope.JurisdictionPathClaim, path));
        identity.AddClaim(new Claim(UserScope.HomePathClaim, path));
        identity.AddClaim(new Claim(UserScope.DisplayNameClaim, user.DisplayName));
        if (user.UnitId is { } unit) identity.AddClaim(new Claim(UserScope.UnitClaim, unit.ToString()));
        if (user.SpecializedTownId is { } town) identity.AddClaim(new Claim(UserScope.TownClaim, town.ToString()));
        if (user.MustChangePassword) identity.AddClaim(new Claim(FirstPasswordChange.Claim, "1"));
        return identity;
    }
}

public static class SignedInUser
{
    /// <summary>
    /// How the person is named in what they record (办理记录, 填报人, 上传人): the account's display name, as every reader
    /// knows them, not the sign-in name.
    /// </summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(UserScope.DisplayNameClaim)?.Value ?? user.Identity?.Name ?? "";
}
