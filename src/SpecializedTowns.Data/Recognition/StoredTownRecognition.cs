using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Recognition;

public sealed record TownRecognition(int TownId, string TownName, string County, string CountyPath, Tier Tier, int? Year, bool IsDemo, TownFacts Facts, RecognitionResult Result)
{
    /// <summary>The relaxations of the town's recognition under the standard checked, which the check held it to.</summary>
    public IReadOnlyList<GrantedRelaxation> Relaxed { get; init; } = [];
}

/// <summary>Builds a stored town's facts from its latest figures and enterprises, and checks them against a standard.</summary>
public sealed record TownRegistryFigures(int Leading, int Supporting, IReadOnlyList<string> Designations)
{
    public static readonly TownRegistryFigures None = new(0, 0, []);
}

/// <summary>A stored town with the facts of its latest year, ready to check against any standard.</summary>
public sealed record StoredTown(SpecializedTown Town, string County, string CountyPath, int? Year, TownFacts Facts);

public static class StoredTownRecognition
{
    public static async Task<IReadOnlyList<TownRecognition>> RecognizeAsync(
        TownsDbContext db, RecognitionStandard standard, string? jurisdictionPath = null, CancellationToken ct = default) =>
        Evaluate(await LoadAsync(db, db.Towns.Under(db, jurisdictionPath), ct), standard);

    /// <summary>The facts of every town of the query, read once, ordered by county and name: check them against as many standards as needed.</summary>
    public static async Task<IReadOnlyList<StoredTown>> LoadAsync(TownsDbContext db, IQueryable<SpecializedTown> query, CancellationToken ct = default)
    {
        var towns = await query.AsNoTracking().OrderByCounty(t => t.County).ThenBy(t => t.Name)
            .Select(t => new
            {
                Town = t,
                County = t.County!.Name,
                CountyPath = t.County.Path,
                Latest = t.Statistics.AsQueryable().Where(TownAnnualStatistics.IsReported).OrderByDescending(s => s.Year).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var registry = await RegistryAsync(db, towns.Select(t => t.Town.Id).ToList(), ct);
        return towns.Select(t =>
        {
            var own = registry.GetValueOrDefault(t.Town.Id, TownRegistryFigures.None);
            return new StoredTown(t.Town, t.County, t.CountyPath, t.Latest?.Year, FactsOf(t.Town, t.Latest, own.Leading, own.Supporting, own.Designations));
        }).ToList();
    }

    /// <summary>The loaded towns that lie at or below <paramref name="jurisdictionPath"/> (all of them when it is empty), checked against the standard.</summary>
    /// <param name="relaxed">The relaxations granted at recognition, to hold each town to (a yearly check); none for a 预检 of candidates.</param>
    public static IReadOnlyList<TownRecognition> Evaluate(IReadOnlyList<StoredTown> towns, RecognitionStandard standard, string? jurisdictionPath = null,
        Applications.GrantedRelaxations? relaxed = null)
    {
        var path = jurisdictionPath?.Trim().TrimEnd('/');
        return towns
            .Where(t => string.IsNullOrEmpty(path) || t.CountyPath == path || t.CountyPath.StartsWith(path + "/", StringComparison.Ordinal))
            .Select(t =>
            {
                var facts = relaxed?.HoldTo(t.Town.Id, standard, t.Facts) ?? t.Facts;
                return new TownRecognition(t.Town.Id, t.Town.Name, t.County, t.CountyPath, t.Town.Tier, t.Year, t.Town.IsDemo, facts,
                    RecognitionEngine.Evaluate(standard, facts)) { Relaxed = relaxed?.Of(t.Town.Id, standard.Id) ?? [] };
            })
            .ToList();
    }

    /// <summary>
    /// Each town's registered leading and other enterprises and the designations they hold, from what the database keeps
    /// for them (<see cref="EnterpriseTally"/>, <see cref="DesignationTown"/>): a province holds hundreds of thousands of
    /// enterprises, too many to count on every request.
    /// </summary>
    public static async Task<Dictionary<int, TownRegistryFigures>> RegistryAsync(TownsDbContext db, IReadOnlyCollection<int> townIds, CancellationToken ct)
    {
        var ids = townIds.Distinct().ToList();
        var counts = (await db.EnterpriseTallies.AsNoTracking()
                .Where(t => ids.Contains(t.TownId))
                .GroupBy(t => new { t.TownId, Leading = t.Role == EnterpriseRole.Leading })
                .Select(g => new { g.Key.TownId, g.Key.Leading, Count = g.Sum(t => t.Enterprises) })
                .ToListAsync(ct))
            .ToLookup(c => c.TownId);
        var designations = (await db.EnterpriseDesignations.AsNoTracking()
                .Select(d => new { TownId = EF.Property<int?>(d, DesignationTown.Property), d.Key })
                .Where(d => d.TownId != null && ids.Contains(d.TownId.Value))
                .Distinct().ToListAsync(ct))
            .ToLookup(d => d.TownId!.Value, d => d.Key);
        return ids.ToDictionary(id => id, id => new TownRegistryFigures(
            counts[id].Where(c => c.Leading).Sum(c => c.Count), counts[id].Where(c => !c.Leading).Sum(c => c.Count),
            designations[id].Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>Reported counts win over the registry, which may hold only a town's main enterprises.</summary>
    public static TownFacts FactsOf(SpecializedTown town, TownAnnualStatistics? latest, int registeredLeading, int registeredSupporting, IReadOnlyList<string> designations) => new()
    {
        Name = town.Name,
        Category = town.Category,
        AnnualOutputValueWanYuan = latest?.OutputValueWanYuan,
        LeadingEnterprises = latest?.LeadingEnterprises ?? registeredLeading,
        SupportingEnterprises = latest?.SupportingEnterprises ?? registeredSupporting,
        LocalEmployment = latest?.Employment,
        ProvincialMarketSharePercent = latest?.ProvincialMarketSharePercent,
        CityMarketSharePercent = latest?.CityMarketSharePercent,
        LargeNationalMarketSpace = town.LargeNationalMarketSpace,
        HistoricalOriginOrGeographicalIndication = town.HistoricalOriginOrGeographicalIndication,
        // Every host township lies in the town's county by construction.
        IndustryWithinOneCounty = true,
        Designations = designations,
    };
}
