using System.Security.Claims;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Platform;

/// <summary>The person behind a request, for the audit entries of whatever the request saves.</summary>
public static class AuditActors
{
    public static AuditActor From(HttpContext? http)
    {
        if (http is null) return AuditActor.System;
        var address = http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
            return AuditActor.SignedOut(address);
        var id = int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var i) ? i : (int?)null;
        var name = user.Identity.Name ?? "";
        return new AuditActor(id, name, user.FindFirstValue(UserScope.DisplayNameClaim) ?? name,
            user.FindFirstValue(UserScope.HomePathClaim) ?? user.FindFirstValue(UserScope.JurisdictionPathClaim), address);
    }
}
