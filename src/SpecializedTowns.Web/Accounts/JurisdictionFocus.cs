using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// A city or province user may look at one county below them (UI.md top bar). The choice is a cookie; on each
/// request it narrows the jurisdiction claim, never widens it, so every scoped query follows.
/// </summary>
public static class JurisdictionFocus
{
    public const string Cookie = "st.focus";

    public static bool CanFocus(ClaimsPrincipal user) =>
        Roles.All.Any(user.IsInRole) && !user.IsInRole(Roles.Township) && !user.IsInRole(Roles.Expert);

    /// <summary>Cities or counties lie below a province's or a city's path (a county's path has two slashes).</summary>
    public static bool HasBelow(string home) => home.Count(c => c == '/') < 2;

    /// <summary>The cities and counties below the home path, in the official order (a city, then its counties).</summary>
    public static Task<List<FocusOption>> BelowAsync(TownsDbContext db, string home, CancellationToken ct)
    {
        var under = home + "/";
        return db.Jurisdictions.AsNoTracking()
            .Where(j => j.Path.StartsWith(under) && (j.Level == JurisdictionLevel.City || j.Level == JurisdictionLevel.County))
            .OrderByCounty(j => j).Select(j => new FocusOption(j.Path, j.Name, j.Level == JurisdictionLevel.County)).ToListAsync(ct);
    }

    /// <summary>
    /// Whether a path may be chosen: one of the cities and counties the switch offers (<see cref="BelowAsync"/>), not merely
    /// text that starts like them — “山西省/运城市/../阳泉市” would show 阳泉市 in the top bar.
    /// </summary>
    public static Task<bool> IsChoiceAsync(TownsDbContext db, string home, string path, CancellationToken ct) =>
        IsBelow(home, path)
            ? db.Jurisdictions.AsNoTracking().AnyAsync(j => j.Path == path && (j.Level == JurisdictionLevel.City || j.Level == JurisdictionLevel.County), ct)
            : Task.FromResult(false);

    /// <summary>
    /// Below the home path by its segments, without a query: what the cookie is checked against on every request (the cookie
    /// is only written for a real choice, but a person can write their own).
    /// </summary>
    public static bool IsBelow(string home, string path) =>
        path.StartsWith(home + "/", StringComparison.Ordinal)
        && path[(home.Length + 1)..].Split('/').All(s => s.Length > 0 && s != "." && s != ".." && s.Trim() == s);

    /// <summary>
    /// The switch's choices: all of the home jurisdiction, then those below it; until they are fetched, the one now looked
    /// at stands alone beside the home so the switch shows it.
    /// </summary>
    public static FocusChoices Options(string home, string current, IReadOnlyList<FocusOption> below) =>
        new(home, current, below.Count > 0 || current == home ? below
            : [new FocusOption(current, current.Split('/').Last(), current.Count(c => c == '/') >= 2)]);

    public static IApplicationBuilder UseJurisdictionFocus(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && context.Request.Cookies.TryGetValue(Cookie, out var focus)
            && user.FindFirstValue(UserScope.HomePathClaim) is { } home && CanFocus(user)
            && IsBelow(home, focus) && user.Identity is ClaimsIdentity identity)
        {
            var clone = identity.Clone();
            foreach (var claim in clone.FindAll(UserScope.JurisdictionPathClaim).ToList()) clone.RemoveClaim(claim);
            clone.AddClaim(new Claim(UserScope.JurisdictionPathClaim, focus));
            context.User = new ClaimsPrincipal(clone);
        }
        await next();
    });
}

public sealed record FocusOption(string Path, string Name, bool IsCounty);

public sealed record FocusChoices(string Home, string Current, IReadOnlyList<FocusOption> Below);
