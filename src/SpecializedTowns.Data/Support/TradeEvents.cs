using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Support;

public sealed record EventFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }
    public EventKind? Kind { get; init; }
    public int? Year { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record EventTownItem(int Id, string Name);

public sealed record EventParticipantItem(
    int EnterpriseId, string Enterprise, string Uscc, string County, int? TownId, string? Town, decimal? IntendedWanYuan, decimal? DealWanYuan);

/// <summary>
/// An event with the participants the reader may see; <see cref="OtherParticipants"/> counts those of enterprises outside
/// the reader's scope (a city's expo seen by one of its counties), which the totals leave out.
/// </summary>
public sealed record EventItem(
    int Id, string Name, EventKind Kind, EventRole Role, EventLevel Level, DateOnly StartOn, DateOnly EndOn, string Place, string Organiser,
    string? ClauseSource, string Area, IReadOnlyList<EventTownItem> Towns, IReadOnlyList<EventParticipantItem> Participants, int OtherParticipants,
    string? Note, string CreatedBy, DateTime CreatedAtUtc, bool IsDemo)
{
    public int ParticipantCount => Participants.Count;
    public decimal IntendedWanYuan => Quantity.Normalize(Participants.Sum(p => p.IntendedWanYuan ?? 0m));
    public decimal DealWanYuan => Quantity.Normalize(Participants.Sum(p => p.DealWanYuan ?? 0m));
}

/// <summary>A line of the roll-up: events, participations (企业家次), distinct enterprises and the sums, for a town or a kind.</summary>
public sealed record EventRollupLine(string Name, int Events, int Participations, int Enterprises, decimal IntendedWanYuan, decimal DealWanYuan);

public sealed record EventRollup(IReadOnlyList<EventRollupLine> Towns, IReadOnlyList<EventRollupLine> Kinds, EventRollupLine Total);

/// <summary>展会活动: listing, the roll-up per town and kind, keeping and deleting, within the person's scope.</summary>
public static class TradeEvents
{
    /// <summary>An event is seen by whoever sees one of its towns.</summary>
    public static IQueryable<TradeEvent> Visible(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.TradeEvents;
        var towns = scope.Towns(db).Select(t => t.Id);
        return db.TradeEvents.Where(e => db.TradeEventTowns.Any(x => x.TradeEventId == e.Id && towns.Contains(x.SpecializedTownId)));
    }

    /// <summary>An office changes an event only when all its towns are in its scope (a county does not rewrite the city's expo).</summary>
    public static IQueryable<TradeEvent> Editable(TownsDbContext db, UserScope scope)
    {
        if (!SupportScope.CanEdit(scope)) return db.TradeEvents.Where(_ => false);
        if (scope.IsAdmin) return db.TradeEvents;
        var towns = scope.Towns(db).Select(t => t.Id);
        return Visible(db, scope).Where(e => !db.TradeEventTowns.Any(x => x.TradeEventId == e.Id && !towns.Contains(x.SpecializedTownId)));
    }

    public static async Task<Paged<EventItem>> ListAsync(TownsDbContext db, EventFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var (page, size) = Paged<EventItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        var total = await query.CountAsync(ct);
        var items = await Project(db, query.OrderByDescending(e => e.StartOn).ThenByDescending(e => e.Id).Skip((page - 1) * size).Take(size), scope, ct);
        return new Paged<EventItem>(items, total, page, size);
    }

    public static async Task<EventItem?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default) =>
        (await Project(db, Visible(db, scope).AsNoTracking().Where(e => e.Id == id), scope, ct)).SingleOrDefault();

    public static Task<bool> CanEditAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default) =>
        Editable(db, scope).AnyAsync(e => e.Id == id, ct);

    /// <summary>
    /// Events and participation per town and per kind under the filter (all its pages). A town's line counts the events
    /// that concern it and the participations of its own enterprises, whichever event they went to.
    /// </summary>
    public static async Task<EventRollup> RollupAsync(TownsDbContext db, EventFilter filter, UserScope scope, CancellationToken ct = default)
    {
        var events = await Filtered(db, filter, scope).Select(e => new { e.Id, e.Kind }).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var ownTowns = scope.Towns(db).Select(t => t.Id);
        var links = await db.TradeEventTowns.AsNoTracking().Where(x => ids.Contains(x.TradeEventId) && ownTowns.Contains(x.SpecializedTownId))
            .Select(x => new { x.TradeEventId, x.SpecializedTownId }).ToListAsync(ct);
        var participants = await VisibleParticipants(db, scope, ids).ToListAsync(ct);
        var townIds = links.Select(l => l.SpecializedTownId).Concat(participants.Where(p => p.TownId is not null).Select(p => p.TownId!.Value)).Distinct().ToList();
        if (filter.TownId is { } only) townIds = townIds.Where(t => t == only).ToList();
        var names = await db.Towns.AsNoTracking().Where(t => townIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.County!.Path, t.County.Code }).ToListAsync(ct);

        var towns = names.OrderBy(t => PlaceOrder.KeyOf(t.Code, t.Path), StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => Line(t.Name, links.Where(l => l.SpecializedTownId == t.Id).Select(l => l.TradeEventId).Distinct().Count(),
                participants.Where(p => p.TownId == t.Id).ToList()))
            .ToList();
        var kinds = events.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g =>
        {
            var inKind = g.Select(e => e.Id).ToHashSet();
            return Line(EventNames.Chinese(g.Key), g.Count(), participants.Where(p => inKind.Contains(p.TradeEventId)).ToList());
        }).ToList();
        return new EventRollup(towns, kinds, Line("合计", events.Count, participants));

        static EventRollupLine Line(string name, int events, List<ParticipantRow> rows) => new(name, events, rows.Count,
            rows.Select(r => r.EnterpriseId).Distinct().Count(), Quantity.Normalize(rows.Sum(r => r.IntendedWanYuan ?? 0m)), Quantity.Normalize(rows.Sum(r => r.DealWanYuan ?? 0m)));
    }

    private sealed record ParticipantRow(int TradeEventId, int EnterpriseId, int? TownId, decimal? IntendedWanYuan, decimal? DealWanYuan);

    private static IQueryable<ParticipantRow> VisibleParticipants(TownsDbContext db, UserScope scope, List<int> events)
    {
        var enterprises = scope.Enterprises(db);
        return db.EventParticipants.AsNoTracking().Where(p => events.Contains(p.TradeEventId))
            .Join(enterprises, p => p.EnterpriseId, e => e.Id, (p, e) => new ParticipantRow(p.TradeEventId, p.EnterpriseId, e.SpecializedTownId, p.IntendedWanYuan, p.DealWanYuan));
    }

    private static IQueryable<TradeEvent> Filtered(TownsDbContext db, EventFilter filter, UserScope scope)
    {
        var query = Visible(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var under = db.Towns.Under(db, filter.JurisdictionPath).Select(t => t.Id);
            query = query.Where(e => db.TradeEventTowns.Any(x => x.TradeEventId == e.Id && under.Contains(x.SpecializedTownId)));
        }
        if (filter.TownId is { } town) query = query.Where(e => db.TradeEventTowns.Any(x => x.TradeEventId == e.Id && x.SpecializedTownId == town));
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(e => e.StartOn >= from && e.StartOn <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            var enterprises = scope.Enterprises(db).Where(x => x.Name.Contains(s)).Select(x => x.Id);
            query = query.Where(e => e.Name.Contains(s) || e.Organiser.Contains(s) || e.Place.Contains(s)
                || db.EventParticipants.Any(p => p.TradeEventId == e.Id && enterprises.Contains(p.EnterpriseId)));
        }
        return query;
    }

    private static async Task<List<EventItem>> Project(TownsDbContext db, IQueryable<TradeEvent> query, UserScope scope, CancellationToken ct)
    {
        var rows = await query.Select(e => new
        {
            e.Id, e.Name, e.Kind, e.Role, e.Level, e.StartOn, e.EndOn, e.Place, e.Organiser, e.ClauseSource, e.Note, e.CreatedBy, e.CreatedAtUtc, e.IsDemo,
            Area = db.Jurisdictions.Where(j => j.Id == e.JurisdictionId).Select(j => j.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var towns = (await db.TradeEventTowns.AsNoTracking().Where(x => ids.Contains(x.TradeEventId))
                .Select(x => new { x.TradeEventId, x.SpecializedTownId, Name = db.Towns.Where(t => t.Id == x.SpecializedTownId).Select(t => t.Name).First() })
                .ToListAsync(ct))
            .OrderBy(x => x.Name, StringComparer.Ordinal).ToLookup(x => x.TradeEventId, x => new EventTownItem(x.SpecializedTownId, x.Name));
        var enterprises = scope.Enterprises(db);
        var visible = (await db.EventParticipants.AsNoTracking().Where(p => ids.Contains(p.TradeEventId))
                .Join(enterprises, p => p.EnterpriseId, e => e.Id, (p, e) => new
                {
                    p.TradeEventId, p.EnterpriseId, e.Name, e.Uscc, County = e.County!.Name, e.SpecializedTownId,
                    Town = db.Towns.Where(t => t.Id == e.SpecializedTownId).Select(t => t.Name).FirstOrDefault(), p.IntendedWanYuan, p.DealWanYuan,
                }).ToListAsync(ct))
            .OrderByDescending(p => p.DealWanYuan ?? 0m).ThenByDescending(p => p.IntendedWanYuan ?? 0m).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToLookup(p => p.TradeEventId, p => new EventParticipantItem(p.EnterpriseId, p.Name, p.Uscc, p.County, p.SpecializedTownId, p.Town,
                Quantity.Normalize(p.IntendedWanYuan), Quantity.Normalize(p.DealWanYuan)));
        var all = (await db.EventParticipants.AsNoTracking().Where(p => ids.Contains(p.TradeEventId))
            .GroupBy(p => p.TradeEventId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);
        return rows.Select(r =>
        {
            var seen = visible[r.Id].ToList();
            return new EventItem(r.Id, r.Name, r.Kind, r.Role, r.Level, r.StartOn, r.EndOn, r.Place, r.Organiser, r.ClauseSource, r.Area ?? "",
                towns[r.Id].ToList(), seen, all.GetValueOrDefault(r.Id) - seen.Count, r.Note, r.CreatedBy, r.CreatedAtUtc, r.IsDemo);
        }).ToList();
    }

    /// <summary>The clauses of <see cref="EventNames.Clauses"/> the catalogue holds that concern the person's area.</summary>
    public static IReadOnlyList<SupportClause> ClauseChoices(PolicyCatalog catalog, UserScope scope) =>
        EventNames.Clauses.Select(s => SupportClauses.Find(catalog, s)).OfType<SupportClause>()
            .Where(c => scope.IsAdmin || SupportClauses.Concerns(c, scope.JurisdictionPath)).ToList();

    /// <summary>Creates (id null) or changes an event with its towns and participants; the field errors when refused ("" for the whole).</summary>
    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(
        TownsDbContext db, PolicyCatalog catalog, UserScope scope, int? id, EventInput input, DateOnly today, string who, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!SupportScope.CanEdit(scope)) { errors.Forbidden("您的角色不能维护展会活动"); return (null, errors); }
        TradeEvent? ev = null;
        if (id is { } editId)
        {
            ev = await Visible(db, scope).Include(e => e.Towns).Include(e => e.Participants).SingleOrDefaultAsync(e => e.Id == editId, ct);
            if (ev is null) { errors.NotFound("展会活动不存在，或不在您的数据范围内"); return (null, errors); }
            if (!await CanEditAsync(db, editId, scope, ct)) { errors.Forbidden("该活动还涉及您数据范围以外的专业镇，请由上级办公室修改"); return (null, errors); }
        }
        foreach (var (field, message) in EventRules.Check(input, today)) errors[field] = message;

        var townIds = (input.TownIds ?? []).Distinct().ToList();
        var towns = await scope.Towns(db).Where(t => townIds.Contains(t.Id)).Select(t => new { t.Id, t.County!.Path }).ToListAsync(ct);
        if (towns.Count != townIds.Count) errors[nameof(input.TownIds)] = "所选专业镇不在您的数据范围内";

        var participants = input.Participants ?? [];
        var wantedIds = participants.Where(p => p.EnterpriseId is not null).Select(p => p.EnterpriseId!.Value).Distinct().ToList();
        var inScope = (await scope.Enterprises(db).Where(e => wantedIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        for (var i = 0; i < participants.Count; i++)
            if (participants[i].EnterpriseId is { } eid && !inScope.Contains(eid))
                errors.TryAdd($"{nameof(input.Participants)}[{i}].{nameof(ParticipantInput.EnterpriseId)}", "所选企业不在您的数据范围内");

        var clause = string.IsNullOrWhiteSpace(input.ClauseSource) ? null : SupportClauses.Find(catalog, input.ClauseSource);
        if (!string.IsNullOrWhiteSpace(input.ClauseSource))
        {
            if (clause is null || !EventNames.Clauses.Contains(clause.Source)) errors[nameof(input.ClauseSource)] = "所选条款不是展会、推介或对接活动的政策依据";
            else if (towns.FirstOrDefault(t => !SupportClauses.Governs(clause, t.Path)) is { } outside)
                errors[nameof(input.ClauseSource)] = $"{clause.DocumentNumber ?? clause.DocumentTitle}适用于{clause.AreaPath.Replace("/", "")}，所选专业镇有的在{outside.Path.Replace("/", "")}，请改选或不填";
        }
        if (!errors.Ok) return (null, errors);

        var area = await AreaOfAsync(db, towns.Select(t => t.Path).ToList(), ct);
        if (ev is null)
        {
            ev = new TradeEvent { CreatedBy = who, CreatedAtUtc = nowUtc };
            db.TradeEvents.Add(ev);
        }
        ev.Name = input.Name!.Trim();
        ev.Kind = input.Kind!.Value;
        ev.Role = input.Role!.Value;
        ev.Level = input.Level!.Value;
        ev.StartOn = input.StartOn!.Value;
        ev.EndOn = input.EndOn!.Value;
        ev.Place = input.Place!.Trim();
        ev.Organiser = input.Organiser!.Trim();
        ev.PolicyPackId = clause?.PackId;
        ev.ClauseSource = clause?.Source;
        ev.JurisdictionId = area;
        ev.SetTowns(townIds);
        // Participants the editor cannot see (added by an office above) stay as they are.
        var existing = ev.Participants.Select(p => p.EnterpriseId).ToList();
        var seeable = existing.Count == 0 ? [] : (await scope.Enterprises(db).Where(e => existing.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var unseen = ev.Participants.Where(p => !seeable.Contains(p.EnterpriseId))
            .Select(p => new ParticipantInput { EnterpriseId = p.EnterpriseId, IntendedWanYuan = p.IntendedWanYuan, DealWanYuan = p.DealWanYuan }).ToList();
        ev.SetParticipants(participants.Concat(unseen).ToList());
        ev.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await db.SaveChangesAsync(ct);
        return (ev.Id, errors);
    }

    /// <summary>Deletes an event with its towns and participants; Found is false for one the person does not see.</summary>
    public static async Task<(bool Found, string? Error)> DeleteAsync(TownsDbContext db, UserScope scope, int id, CancellationToken ct = default)
    {
        if (!await Visible(db, scope).AnyAsync(e => e.Id == id, ct)) return (false, "展会活动不存在，或不在您的数据范围内");
        if (!SupportScope.CanEdit(scope)) return (true, "您的角色不能删除展会活动");
        var ev = await Editable(db, scope).Include(e => e.Towns).Include(e => e.Participants).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (ev is null) return (true, "该活动还涉及您数据范围以外的专业镇，请由上级办公室删除");
        db.TradeEvents.Remove(ev);
        await db.SaveChangesAsync(ct);
        return (true, null);
    }

    /// <summary>The deepest jurisdiction holding every one of the county paths: the county itself, else the city, else the province.</summary>
    private static async Task<int> AreaOfAsync(TownsDbContext db, IReadOnlyList<string> countyPaths, CancellationToken ct)
    {
        var parts = countyPaths[0].Split('/').ToList();
        foreach (var path in countyPaths.Skip(1))
        {
            var other = path.Split('/');
            var same = 0;
            while (same < parts.Count && same < other.Length && parts[same] == other[same]) same++;
            parts = parts.Take(same).ToList();
        }
        var common = string.Join("/", parts);
        return await db.Jurisdictions.Where(j => j.Path == common).Select(j => j.Id).FirstAsync(ct);
    }
}
