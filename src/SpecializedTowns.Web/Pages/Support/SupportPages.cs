using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Web.Pages.Support;

/// <summary>What the support pages share: the enterprises and towns to pick, and the years to choose from.</summary>
public static class SupportPages
{
    /// <summary>The enterprises a person may pick as a recipient, white-list entry or listing candidate, grouped by county.</summary>
    public static async Task<IReadOnlyList<SupportOption>> EnterpriseOptionsAsync(TownsDbContext db, UserScope scope, CancellationToken ct) =>
        (await scope.Enterprises(db).AsNoTracking().Select(e => new { e.Id, e.Name, County = e.County!.Name, e.County.Path, e.County.Code }).ToListAsync(ct))
            .OrderBy(e => PlaceOrder.KeyOf(e.Code, e.Path), StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => new SupportOption(e.Id, e.Name, e.County)).ToList();

    /// <summary>
    /// The towns a person may pick or filter by on the support pages, grouped by county in the order of the division codes;
    /// on a list filtered to a place (<paramref name="under"/>), only that place's towns.
    /// </summary>
    public static Task<IReadOnlyList<SupportOption>> TownOptionsAsync(TownsDbContext db, UserScope scope, CancellationToken ct, string? under = null) =>
        OptionsAsync(TownsIn(scope, db, under), ct);

    /// <summary>
    /// The towns a form may save against: those on the list, and the ones the record already names (<paramref name="keep"/>),
    /// so a town taken off the list (decision 0024) is not offered for new work yet an older record keeps its town.
    /// </summary>
    public static Task<IReadOnlyList<SupportOption>> PickerOptionsAsync(TownsDbContext db, UserScope scope, IEnumerable<int?> keep, CancellationToken ct) =>
        OptionsAsync(Pickable(scope, db, keep), ct);

    /// <summary>The person's towns on the list, and those of <paramref name="keep"/> even when off it.</summary>
    public static IQueryable<Core.Towns.SpecializedTown> Pickable(UserScope scope, TownsDbContext db, IEnumerable<int?> keep)
    {
        var kept = keep.OfType<int>().Distinct().ToList();
        return scope.Towns(db).Where(t => t.Tier != Core.Towns.Tier.Delisted || kept.Contains(t.Id));
    }

    private static async Task<IReadOnlyList<SupportOption>> OptionsAsync(IQueryable<Core.Towns.SpecializedTown> towns, CancellationToken ct) =>
        (await towns.AsNoTracking().Select(t => new { t.Id, t.Name, County = t.County!.Name, t.County.Path, t.County.Code }).ToListAsync(ct))
            .OrderBy(t => PlaceOrder.KeyOf(t.Code, t.Path), StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => new SupportOption(t.Id, t.Name, t.County)).ToList();

    /// <summary>The towns of the person's scope, within a place when one is chosen.</summary>
    public static IQueryable<Core.Towns.SpecializedTown> TownsIn(UserScope scope, TownsDbContext db, string? under) =>
        under is null ? scope.Towns(db) : scope.Towns(db).Under(db, under);

    /// <summary>This year back to 2020, newest first.</summary>
    public static IReadOnlyList<int> Years(DateOnly today) => Enumerable.Range(2020, Math.Max(1, today.Year - 2019)).Reverse().ToList();
}

/// <summary>One choice of a picker on the support forms: a town or an enterprise, under its county.</summary>
public sealed record SupportOption(int Id, string Name, string Group);
