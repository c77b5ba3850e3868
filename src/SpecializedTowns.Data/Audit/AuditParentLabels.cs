using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// The names recorded for entries whose own label does not say whose they are: a project's monthly progress (2024年3月), a
/// task's milestone (6月底前建立项目库), a 专班 and its units and townships (no name of their own), a 融资白名单 entry (its
/// year) or a 上市后备 candidate (none) and their parts. The page named them from their record (<see cref="AuditValueNames"/>),
/// but the 对象名称 search and its index (<see cref="AuditLabelIndex"/>) read only what the entry records, so the project's,
/// the task's, the town's or the enterprise's name found none of them. Recorded here as the page names them
/// (恒达机电产业园项目 · 2024年3月, 历山镇蜂蜜专业镇专班 · 县农业农村局, 山西某公司 · 2024年融资白名单), one query per kind of
/// record in a save, inside the save's transaction, as <see cref="AuditPlaces"/> places them.
/// Entries written before (12-07) keep the label they were written with: the trail is append-only (decision 0014).
/// </summary>
public static class AuditParentLabels
{
    private delegate Task<List<Named>> Resolver(TownsDbContext db, List<int> ids, CancellationToken ct);

    private sealed record Named(int Id, string Name);

    // The kinds of record so named, by the record whose name they take (their root in the trail, or themselves).
    private static readonly Dictionary<string, string> Parents = new()
    {
        ["ProjectProgress"] = "KeyProject",
        ["Milestone"] = "PlanTask",
        ["TaskForce"] = "TaskForce", ["TaskForceUnit"] = "TaskForce", ["TaskForceTownship"] = "TaskForce",
        ["WhiteListEntry"] = "WhiteListEntry", ["Financing"] = "WhiteListEntry",
        ["ListingCandidate"] = "ListingCandidate", ["ListingStageChange"] = "ListingCandidate",
    };

    // Each named as its page and the history name it (AuditValueNames).
    private static readonly Dictionary<string, Resolver> Resolvers = new()
    {
        ["KeyProject"] = (db, ids, ct) => db.Projects.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)).ToListAsync(ct),
        ["PlanTask"] = (db, ids, ct) => db.PlanTasks.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Title)).ToListAsync(ct),
        ["TaskForce"] = (db, ids, ct) => db.TaskForces.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Town!.Name + "专班")).ToListAsync(ct),
        ["WhiteListEntry"] = async (db, ids, ct) => (await (from w in db.WhiteListEntries
                                                            where ids.Contains(w.Id)
                                                            join e in db.Enterprises on w.EnterpriseId equals e.Id
                                                            select new { w.Id, e.Name, w.Year }).ToListAsync(ct))
            .Select(x => new Named(x.Id, $"{x.Name} · {x.Year}年融资白名单")).ToList(),
        ["ListingCandidate"] = (db, ids, ct) => (from l in db.ListingCandidates
                                                 where ids.Contains(l.Id)
                                                 join e in db.Enterprises on l.EnterpriseId equals e.Id
                                                 select new Named(l.Id, e.Name + " · 上市后备")).ToListAsync(ct),
    };

    // A link row (专班牵头单位 “19,138”) is named by what it links: its record, then the other end by this field.
    private static readonly Dictionary<string, string> OtherEnd = new() { ["TaskForceUnit"] = "UnitId", ["TaskForceTownship"] = "TownshipId" };

    /// <summary>
    /// Sets <see cref="AuditEntry.EntityLabel"/> of the entries of the kinds above to their record's name followed by their own
    /// label (or, for a link row, the name of what it links). An entry whose record is gone (deleted in this save) keeps its own.
    /// </summary>
    public static async Task FillAsync(TownsDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var named = entries.Where(e => Parents.TryGetValue(e.EntityType, out var parent) && parent == e.RootType).ToList();
        if (named.Count == 0) return;
        var names = new Dictionary<(string Type, int Id), string>();
        foreach (var group in named.GroupBy(e => e.RootType))
        {
            var ids = group.Select(e => Id(e.RootId)).Where(id => id > 0).Distinct().ToList();
            // Chunked: a month's progress imported for every project of a province is one save.
            foreach (var chunk in ids.Chunk(1000))
                foreach (var found in await Resolvers[group.Key](db, [.. chunk], ct))
                    names[(group.Key, found.Id)] = found.Name;
        }
        var ends = named.Where(e => OtherEnd.ContainsKey(e.EntityType))
            .Select(e => (Entry: e, Field: OtherEnd[e.EntityType], Id: Id(e.ReadChanges().FirstOrDefault(c => c.Field == OtherEnd[e.EntityType]) is { } c ? c.New ?? c.Old : null)))
            .Where(x => x.Id > 0).ToList();
        var units = await NamesAsync(ends.Where(x => x.Field == "UnitId").Select(x => x.Id), ids => db.Units.Where(u => ids.Contains(u.Id)).Select(u => new Named(u.Id, u.Name)), ct);
        var places = await NamesAsync(ends.Where(x => x.Field == "TownshipId").Select(x => x.Id), ids => db.Jurisdictions.Where(j => ids.Contains(j.Id)).Select(j => new Named(j.Id, j.Name)), ct);
        var endNames = ends.ToDictionary(x => x.Entry, x => (x.Field == "UnitId" ? units : places).GetValueOrDefault(x.Id));
        foreach (var entry in named)
        {
            if (!names.TryGetValue((entry.RootType, Id(entry.RootId)), out var name)) continue;
            var own = entry.EntityType == entry.RootType ? null : endNames.GetValueOrDefault(entry) ?? entry.EntityLabel;
            var label = own is { Length: > 0 } ? $"{name} · {own}" : name;
            entry.EntityLabel = label.Length <= 200 ? label : label[..199] + "…";
        }
    }

    private static async Task<Dictionary<int, string>> NamesAsync(IEnumerable<int> wanted, Func<List<int>, IQueryable<Named>> query, CancellationToken ct)
    {
        var names = new Dictionary<int, string>();
        foreach (var chunk in wanted.Distinct().Chunk(1000))
            foreach (var found in await query([.. chunk]).AsNoTracking().ToListAsync(ct)) names[found.Id] = found.Name;
        return names;
    }

    private static int Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
