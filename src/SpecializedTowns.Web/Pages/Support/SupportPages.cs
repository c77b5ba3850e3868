using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Pages.Support;

/// <summary>What the support pages share: the enterprises and towns to pick, and the years to choose from.</summary>
public static class SupportPages
{
    /// <summary>The enterprises a person may pick as a recipient, white-list entry or listing candidate, grouped by county.</summary>
    public static async Task<IReadOnlyList<SupportOption>> EnterpriseOptionsAsync(TownsDbContext db, UserScope scope, CancellationToken ct) =>
        (await scope.Enterprises(db).AsNoTracking().Select(e => new { e.Id, e.Name, County = e.County!.Name, e.County.Path }).ToListAsync(ct))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => new SupportOption(e.Id, e.Name, e.County)).ToList();

    /// <summary>The towns a person may pick or filter by on the support pages, grouped by county.</summary>
    public static async Task<IReadOnlyList<SupportOption>> TownOptionsAsync(TownsDbContext db, UserScope scope, CancellationToken ct) =>
        (await scope.Towns(db.Towns).AsNoTracking().Select(t => new { t.Id, t.Name, County = t.County!.Name, t.County.Path }).ToListAsync(ct))
            .OrderBy(t => t.Path, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => new SupportOption(t.Id, t.Name, t.County)).ToList();

    /// <summary>This year back to 2020, newest first.</summary>
    public static IReadOnlyList<int> Years(DateOnly today) => Enumerable.Range(2020, Math.Max(1, today.Year - 2019)).Reverse().ToList();
}

/// <summary>One choice of a picker on the support forms: a town or an enterprise, under its county.</summary>
public sealed record SupportOption(int Id, string Name, string Group);
