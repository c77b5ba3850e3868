using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// Where a changed record lies (the jurisdiction path of its root record), so a county office reads the changes made to
/// its records by anybody — the province administrator included — and not only the changes its own people made.
/// One query per kind of root record in a save, inside the save's transaction.
/// </summary>
public static class AuditPlaces
{
    private delegate IQueryable<Place> Resolver(TownsDbContext db, List<int> ids);

    private sealed record Place(int Id, int? JurisdictionId);

    // Each root record's jurisdiction: the county of a town, the township (else county) of an enterprise, the area a
    // notice was sent to, and so on. A kind not listed here is filed by its author's jurisdiction only.
    private static readonly Dictionary<string, Resolver> Resolvers = new()
    {
        ["SpecializedTown"] = (db, ids) => db.Towns.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["Enterprise"] = (db, ids) => db.Enterprises.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.TownshipId ?? x.CountyId)),
        ["RecognitionApplication"] = (db, ids) => db.Applications.Where(x => ids.Contains(x.Id))
            .Select(x => new Place(x.Id, db.Towns.Where(t => t.Id == x.SpecializedTownId).Select(t => (int?)t.CountyId).FirstOrDefault())),
        ["KeyProject"] = (db, ids) => db.Projects.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["ProjectBatch"] = (db, ids) => db.ProjectBatches.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["InvestmentLead"] = (db, ids) => db.InvestmentLeads.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["Problem"] = (db, ids) => db.Problems.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["ActionPlan"] = (db, ids) => db.ActionPlans.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["PlanTask"] = (db, ids) => db.PlanTasks.Where(x => ids.Contains(x.Id))
            .Select(x => new Place(x.Id, db.ActionPlans.Where(p => p.Id == x.PlanId).Select(p => (int?)p.JurisdictionId).FirstOrDefault())),
        ["TaskForce"] = (db, ids) => db.TaskForces.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["MonthlyReport"] = (db, ids) => db.MonthlyReports.Where(x => ids.Contains(x.Id))
            .Select(x => new Place(x.Id, db.TaskForces.Where(f => f.Id == x.TaskForceId).Select(f => (int?)f.CountyId).FirstOrDefault())),
        ["AnnualEvaluation"] = (db, ids) => db.Evaluations.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["Notice"] = (db, ids) => db.Notices.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.RecipientAreaId)),
        ["AppUser"] = (db, ids) => db.Users.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["Unit"] = (db, ids) => db.Units.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["Jurisdiction"] = (db, ids) => db.Jurisdictions.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.Id)),
        ["FundGrant"] = (db, ids) => db.FundGrants.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["WhiteListEntry"] = (db, ids) => db.WhiteListEntries.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["ListingCandidate"] = (db, ids) => db.ListingCandidates.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["GeoIndicationApplication"] = (db, ids) => db.GeoIndications.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["TrainingProgramme"] = (db, ids) => db.TrainingProgrammes.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["Talent"] = (db, ids) => db.Talents.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["ServicePlatform"] = (db, ids) => db.ServicePlatforms.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.CountyId)),
        ["TradeEvent"] = (db, ids) => db.TradeEvents.Where(x => ids.Contains(x.Id)).Select(x => new Place(x.Id, x.JurisdictionId)),
        ["ProductMarketRank"] = (db, ids) => db.MarketRanks.Where(x => ids.Contains(x.Id))
            .Select(x => new Place(x.Id, db.Towns.Where(t => t.Id == x.SpecializedTownId).Select(t => (int?)t.CountyId).FirstOrDefault())),
    };

    // A root deleted in this very save is gone from the database (one written in bulk is not looked up): its own values say where it is.
    private static readonly string[] PlaceProperties = ["JurisdictionId", "RecipientAreaId", "TownshipId", "CountyId"];

    /// <summary>
    /// Fills <see cref="AuditEntry.RecordPath"/> of the entries; <paramref name="own"/> gives a root's own place where the database
    /// cannot (see <see cref="AuditTrail.Pending.OwnRootPlace"/>), and its parts in the same save share it. <paramref name="paths"/>,
    /// when given, keeps the jurisdictions' paths from one call to the next: a bulk write fills its entries a block at a time,
    /// all in the same few hundred places.
    /// </summary>
    public static async Task FillAsync(TownsDbContext db, IReadOnlyList<AuditEntry> entries, Func<AuditEntry, int?> own, CancellationToken ct,
        Dictionary<int, string>? paths = null)
    {
        var gone = new Dictionary<(string Type, string Id), int>();
        foreach (var entry in entries)
            if (own(entry) is { } place) gone[(entry.RootType, entry.RootId)] = place;
        var places = new Dictionary<(string Type, int Id), int?>();
        foreach (var group in entries.Where(e => !gone.ContainsKey((e.RootType, e.RootId))).GroupBy(e => e.RootType))
        {
            if (!Resolvers.TryGetValue(group.Key, out var resolve)) continue;
            var ids = group.Select(e => int.TryParse(e.RootId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
                .Where(id => id > 0).Distinct().ToList();
            // Chunked: an import of a hundred thousand rows must not become one statement with a hundred thousand parameters.
            foreach (var chunk in ids.Chunk(1000))
                foreach (var place in await resolve(db, [.. chunk]).AsNoTracking().ToListAsync(ct))
                    places[(group.Key, place.Id)] = place.JurisdictionId;
        }
        paths ??= [];
        await AddPathsAsync(db, places.Values.OfType<int>().Concat(gone.Values), paths, ct);
        foreach (var entry in entries)
        {
            var place = int.TryParse(entry.RootId, NumberStyles.None, CultureInfo.InvariantCulture, out var rootId)
                && places.TryGetValue((entry.RootType, rootId), out var found) ? found
                : gone.TryGetValue((entry.RootType, entry.RootId), out var was) ? was : null;
            entry.RecordPath = place is { } p && paths.TryGetValue(p, out var path) ? path : null;
        }
    }

    /// <summary>Reads the paths of the places not yet in <paramref name="paths"/>.</summary>
    public static async Task AddPathsAsync(TownsDbContext db, IEnumerable<int> places, Dictionary<int, string> paths, CancellationToken ct)
    {
        var wanted = places.Where(id => !paths.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in wanted.Chunk(1000))
            foreach (var j in await db.Jurisdictions.AsNoTracking().Where(j => chunk.Contains(j.Id)).Select(j => new { j.Id, j.Path }).ToListAsync(ct))
                paths[j.Id] = j.Path;
    }

    /// <summary>Whether <see cref="FillAsync"/> looks a root of this kind up in the database (the others are filed by their author only).</summary>
    public static bool IsLookedUp(string rootType) => Resolvers.ContainsKey(rootType);

    /// <summary>The place a record names itself (its jurisdiction, township or county), read from the values given.</summary>
    public static int? OwnPlace(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, object?> value)
    {
        foreach (var name in PlaceProperties)
            if (type.FindProperty(name) is { } p && value(p) is int id) return id;
        return null;
    }
}
