using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support;

/// <summary>What the support pages share: the jurisdiction filter read the same way everywhere, and the years to choose from.</summary>
public static class SupportPages
{
    /// <summary>The path of the chosen city or county when it is in the person's scope; null for 全部 or a name outside it.</summary>
    public static async Task<string?> PathOfAsync(TownsDbContext db, IReadOnlyList<JurisdictionOption> choices, string? name, CancellationToken ct) =>
        name is not null && choices.Any(j => j.Name == name)
            ? await db.Jurisdictions.Where(j => j.Name == name).OrderBy(j => j.Level).Select(j => j.Path).FirstAsync(ct)
            : null;

    public static Task<IReadOnlyList<JurisdictionOption>> JurisdictionsAsync(TownsDbContext db, UserScope scope, CancellationToken ct) =>
        Towns.IndexModel.JurisdictionChoices(db, scope, ct);

    /// <summary>This year back to 2020, newest first.</summary>
    public static IReadOnlyList<int> Years(DateOnly today) => Enumerable.Range(2020, Math.Max(1, today.Year - 2019)).Reverse().ToList();
}
