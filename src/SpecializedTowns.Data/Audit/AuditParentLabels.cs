using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// The names recorded for entries whose own label does not say whose they are: a project's monthly progress (2024年3月), a
/// task's milestone (6月底前建立项目库), a 专班 and its units and townships (no name of their own), a 融资白名单 entry (its
/// year) or a 上市后备 candidate (none) and their parts. The page named them from their record (<see cref="AuditValueNames"/>),
/// but the 对象名称 search and its index (<see cref="AuditLabelIndex"/>) read only what the entry records, so the project's,
/// the task's, the town's or the enterprise's name found none of them. Recorded here as the page names them
/// (恒达机电产业园项目 · 2024年3月, 历山镇蜂蜜专业镇专班 · 县农业农村局, 山西某公司 · 2024年融资白名单), inside the save's
/// transaction, as <see cref="AuditPlaces"/> places them: from the records the save has tracked where it holds them (a page loads
/// the project before adding its month), and the others in one query for the save, whatever kinds it wrote.
/// Entries written before (12-07) keep the label they were written with: the trail is append-only (decision 0014).
/// </summary>
public static class AuditParentLabels
{
    private enum Kind { KeyProject, PlanTask, TaskForce, WhiteListEntry, ListingCandidate, Unit, Township }

    // Set by initialisers, not a constructor: EF maps these onto the columns of every part of the UNION ALL (a constructor's
    // arguments it can only apply in memory, after the set operation it then cannot translate). Kind as an int: a constant
    // in each part, which both providers type alike.
    private sealed class Named
    {
        public int Kind { get; init; }
        public int Id { get; init; }
        public string Name { get; init; } = "";
    }

    // The kinds of record so named, by the record whose name they take (their root in the trail, or themselves).
    private static readonly Dictionary<string, string> Parents = new()
    {
        ["ProjectProgress"] = "KeyProject",
        ["Milestone"] = "PlanTask",
        ["TaskForce"] = "TaskForce", ["TaskForceUnit"] = "TaskForce", ["TaskForceTownship"] = "TaskForce",
        ["WhiteListEntry"] = "WhiteListEntry", ["Financing"] = "WhiteListEntry",
        ["ListingCandidate"] = "ListingCandidate", ["ListingStageChange"] = "ListingCandidate",
    };

    private static readonly Dictionary<string, Kind> Roots = new()
    {
        ["KeyProject"] = Kind.KeyProject, ["PlanTask"] = Kind.PlanTask, ["TaskForce"] = Kind.TaskForce,
        ["WhiteListEntry"] = Kind.WhiteListEntry, ["ListingCandidate"] = Kind.ListingCandidate,
    };

    // A link row (专班牵头单位 “19,138”) is named by what it links: its record, then the other end by this field.
    private static readonly Dictionary<string, (string Field, Kind Kind)> OtherEnd = new()
    {
        ["TaskForceUnit"] = ("UnitId", Kind.Unit), ["TaskForceTownship"] = ("TownshipId", Kind.Township),
    };

    /// <summary>
    /// Sets <see cref="AuditEntry.EntityLabel"/> of the entries of the kinds above to their record's name followed by their own
    /// label (or, for a link row, the name of what it links). An entry whose record is gone (deleted in this save) keeps its own.
    /// </summary>
    public static async Task FillAsync(TownsDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var named = entries.Where(e => Parents.TryGetValue(e.EntityType, out var parent) && parent == e.RootType).ToList();
        if (named.Count == 0) return;
        var ends = new Dictionary<AuditEntry, (Kind, int)>(ReferenceEqualityComparer.Instance);
        foreach (var entry in named)
            if (OtherEnd.TryGetValue(entry.EntityType, out var end)
                && Id(entry.ReadChanges().FirstOrDefault(c => c.Field == end.Field) is { } c ? c.New ?? c.Old : null) is > 0 and var id)
                ends[entry] = (end.Kind, id);
        var wanted = named.Select(e => (Kind: Roots[e.RootType], Id: Id(e.RootId))).Where(k => k.Id > 0).Concat(ends.Values).ToHashSet();

        var names = Tracked(db, wanted);
        // Chunked: a month's progress imported for every project of a province is one save.
        foreach (var chunk in wanted.Where(k => !names.ContainsKey(k)).Chunk(1000))
            foreach (var found in await Query(db, chunk).AsNoTracking().ToListAsync(ct))
                names[((Kind)found.Kind, found.Id)] = found.Name;

        foreach (var entry in named)
        {
            if (!names.TryGetValue((Roots[entry.RootType], Id(entry.RootId)), out var name)) continue;
            var own = entry.EntityType == entry.RootType ? null
                : (ends.TryGetValue(entry, out var end) ? names.GetValueOrDefault(end) : null) ?? entry.EntityLabel;
            var label = own is { Length: > 0 } ? $"{name} · {own}" : name;
            entry.EntityLabel = label.Length <= 200 ? label : label[..199] + "…";
        }
    }

    /// <summary>The names of the records the context tracks: the save has just written them, so they are as stored.</summary>
    private static Dictionary<(Kind, int), string> Tracked(TownsDbContext db, IEnumerable<(Kind Kind, int Id)> wanted)
    {
        var names = new Dictionary<(Kind, int), string>();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        // The save has just detected and accepted every change: reading Local would go through every tracked row again for nothing.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var (kind, id) in wanted)
                if (TrackedName(db, kind, id) is { } name) names[(kind, id)] = name;
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
        return names;
    }

    // Each named as its page and the history name it (AuditValueNames), as the query below names it.
    private static string? TrackedName(TownsDbContext db, Kind kind, int id) => kind switch
    {
        Kind.KeyProject => db.Projects.Local.FindEntry(id)?.Entity.Name,
        Kind.PlanTask => db.PlanTasks.Local.FindEntry(id)?.Entity.Title,
        Kind.TaskForce => db.TaskForces.Local.FindEntry(id)?.Entity is { } f
            && (f.Town ?? db.Towns.Local.FindEntry(f.SpecializedTownId)?.Entity) is { } town ? town.Name + "专班" : null,
        Kind.WhiteListEntry => db.WhiteListEntries.Local.FindEntry(id)?.Entity is { } w
            && db.Enterprises.Local.FindEntry(w.EnterpriseId)?.Entity is { } e ? $"{e.Name} · {w.Year}年融资白名单" : null,
        Kind.ListingCandidate => db.ListingCandidates.Local.FindEntry(id)?.Entity is { } l
            && db.Enterprises.Local.FindEntry(l.EnterpriseId)?.Entity is { } e ? e.Name + " · 上市后备" : null,
        Kind.Unit => db.Units.Local.FindEntry(id)?.Entity.Name,
        Kind.Township => db.Jurisdictions.Local.FindEntry(id)?.Entity.Name,
        _ => null,
    };

    /// <summary>The names of the records wanted, of whatever kinds, in one statement (a UNION ALL of a part per kind).</summary>
    private static IQueryable<Named> Query(TownsDbContext db, IEnumerable<(Kind Kind, int Id)> wanted) =>
        wanted.GroupBy(k => k.Kind).Select(g => Of(db, g.Key, g.Select(k => k.Id).ToList())).Aggregate((all, part) => all.Concat(part));

    private static IQueryable<Named> Of(TownsDbContext db, Kind kind, List<int> ids) => kind switch
    {
        Kind.KeyProject => db.Projects.Where(x => ids.Contains(x.Id)).Select(x => new Named { Kind = (int)Kind.KeyProject, Id = x.Id, Name = x.Name }),
        Kind.PlanTask => db.PlanTasks.Where(x => ids.Contains(x.Id)).Select(x => new Named { Kind = (int)Kind.PlanTask, Id = x.Id, Name = x.Title }),
        Kind.TaskForce => db.TaskForces.Where(x => ids.Contains(x.Id)).Select(x => new Named { Kind = (int)Kind.TaskForce, Id = x.Id, Name = x.Town!.Name + "专班" }),
        Kind.WhiteListEntry => from w in db.WhiteListEntries
                               where ids.Contains(w.Id)
                               join e in db.Enterprises on w.EnterpriseId equals e.Id
                               select new Named { Kind = (int)Kind.WhiteListEntry, Id = w.Id, Name = e.Name + " · " + w.Year.ToString() + "年融资白名单" },
        Kind.ListingCandidate => from l in db.ListingCandidates
                                 where ids.Contains(l.Id)
                                 join e in db.Enterprises on l.EnterpriseId equals e.Id
                                 select new Named { Kind = (int)Kind.ListingCandidate, Id = l.Id, Name = e.Name + " · 上市后备" },
        Kind.Unit => db.Units.Where(x => ids.Contains(x.Id)).Select(x => new Named { Kind = (int)Kind.Unit, Id = x.Id, Name = x.Name }),
        _ => db.Jurisdictions.Where(x => ids.Contains(x.Id)).Select(x => new Named { Kind = (int)Kind.Township, Id = x.Id, Name = x.Name }),
    };

    private static int Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
