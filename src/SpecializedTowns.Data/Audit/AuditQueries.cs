using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Audit;

public sealed record AuditFilter
{
    /// <summary>Days in China time, both included.</summary>
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? User { get; init; }
    public AuditAction? Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }

    /// <summary>Part of the record's name (企业名称、项目名称 …).</summary>
    public string? Search { get; init; }

    /// <summary>
    /// The applications whose name holds <see cref="Search"/> (<see cref="AuditValueNames.ApplicationsNamedAsync"/>), set by
    /// the queries themselves: their entries record no name, the page names them from the application.
    /// </summary>
    internal IReadOnlyList<string> NamedApplications { get; init; } = [];
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

/// <summary>Reading the audit trail; there is deliberately nothing here (or anywhere) that writes to it but the context's save.</summary>
public static class AuditQueries
{
    /// <summary>
    /// Who reads which entries on the audit page: the administrator all of them; an office or a leader those made by the people
    /// of its jurisdiction and below and those made to the records lying there (by anybody, the province included); anybody
    /// else their own. A record's own history is shown on its page, which checks the record.
    /// </summary>
    public static IQueryable<AuditEntry> Visible(TownsDbContext db, UserScope scope) => Visible(db, scope, Drive.Planner);

    private static IQueryable<AuditEntry> Visible(TownsDbContext db, UserScope scope, Drive drive)
    {
        var entries = db.AuditEntries.AsNoTracking();
        var indexed = drive is Drive.Planner or Drive.Place;
        return scope.Role switch
        {
            Roles.Admin => entries,
            Roles.Office or Roles.Leader => indexed ? At(entries, scope.JurisdictionPath, db.Database.IsNpgsql()) : AtByScan(entries, scope.JurisdictionPath),
            _ => indexed ? entries.Where(e => e.UserId == scope.UserId) : entries.Where(e => (e.UserId ?? 0) == scope.UserId),
        };
    }

    /// <summary>
    /// Which index reads the entries. PostgreSQL chooses from its statistics (<see cref="Drive.Planner"/>). SQLite keeps none
    /// and takes whichever index matches a condition, even one that matches most of the trail; so each condition but those of
    /// the chosen index is written so that no index matches it, and the choice is made here (<see cref="For"/>).
    /// </summary>
    private enum Drive
    {
        Planner,
        /// <summary>Newest first along the time index, testing each entry, stopping at the page: when there are many.</summary>
        Time,
        /// <summary>The path indexes: the entries of an office's own place, when few.</summary>
        Place,
        /// <summary>The indexes of the kind of record, of change, of the account: when those are few.</summary>
        Filter,
        /// <summary>The kind of record's own index newest first, testing each entry, stopping at the page: when there are many of it.</summary>
        Kind,
        /// <summary>Each place of an office's scope newest first from the path index, merged (<see cref="NewestByPlaceAsync"/>): its other conditions tested on the entries found.</summary>
        ByPlace,
        /// <summary>Each account the 操作人 filter names newest first from the account index, merged (<see cref="NewestByAccountAsync"/>).</summary>
        ByAccount,
        /// <summary>The entries the name index points to (<see cref="AuditLabelIndex"/>), by id: every other condition tested on them.</summary>
        ById,
    }

    private static Drive For(TownsDbContext db, UserScope scope, AuditFilter filter, int? counted)
    {
        if (!db.Database.IsSqlite()) return Drive.Planner;
        // One record's history is a few entries of the record index, whatever else is asked.
        if (!string.IsNullOrWhiteSpace(filter.EntityType) && !string.IsNullOrWhiteSpace(filter.EntityId)) return Drive.Filter;
        // Many of a kind: every entry of its index is of it, where the time index passed all the others first (a province's
        // 重点项目 behind 300,000 imported enterprises: 50 ms).
        if (counted > CountLimit) return string.IsNullOrWhiteSpace(filter.EntityType) ? Drive.Time : Drive.Kind;
        var byPlace = scope.Role is Roles.Office or Roles.Leader;
        var byFilter = filter.Action is not null || !string.IsNullOrWhiteSpace(filter.EntityType) || !string.IsNullOrWhiteSpace(filter.User);
        // A county's entries are few next to a kind of record over the province (4,362 against 300,000 enterprises: 1.4 s by kind).
        return byPlace && (!scope.SpansCounties || !byFilter) ? Drive.Place : Drive.Filter;
    }

    /// <summary>
    /// The entries whose person or record lies at the place or under it. "Under" is the range of paths from "place/" up to
    /// "place0" ('0' follows '/'), compared byte by byte: that is exactly the paths starting with "place/", and it is one
    /// stretch of the path indexes, where LIKE 'place/%' read them whole (SQLite's LIKE ignores case and its indexes do not;
    /// PostgreSQL uses an index for LIKE only in a database in the C locale). On PostgreSQL the comparison is in the "C"
    /// collation, as those indexes are, whatever the database's locale; SQLite compares bytes by default.
    /// </summary>
    private static IQueryable<AuditEntry> At(IQueryable<AuditEntry> entries, string path, bool npgsql)
    {
        var (under, end) = (path + "/", path + "0");
        return npgsql
            ? entries.Where(e =>
                EF.Functions.Collate(e.ActorPath!, "C") == path
                || (string.Compare(EF.Functions.Collate(e.ActorPath!, "C"), under) >= 0 && string.Compare(EF.Functions.Collate(e.ActorPath!, "C"), end) < 0)
                || EF.Functions.Collate(e.RecordPath!, "C") == path
                || (string.Compare(EF.Functions.Collate(e.RecordPath!, "C"), under) >= 0 && string.Compare(EF.Functions.Collate(e.RecordPath!, "C"), end) < 0))
            : entries.Where(e =>
                e.ActorPath == path || (string.Compare(e.ActorPath, under) >= 0 && string.Compare(e.ActorPath, end) < 0)
                || e.RecordPath == path || (string.Compare(e.RecordPath, under) >= 0 && string.Compare(e.RecordPath, end) < 0));
    }

    /// <summary>The same entries as <see cref="At"/>, written so that no index matches the paths.</summary>
    private static IQueryable<AuditEntry> AtByScan(IQueryable<AuditEntry> entries, string path)
    {
        var (under, end) = (path + "/", path + "0");
        return entries.Where(e =>
            (e.ActorPath ?? "") == path || (string.Compare(e.ActorPath ?? "", under) >= 0 && string.Compare(e.ActorPath ?? "", end) < 0)
            || (e.RecordPath ?? "") == path || (string.Compare(e.RecordPath ?? "", under) >= 0 && string.Compare(e.RecordPath ?? "", end) < 0));
    }

    /// <summary>
    /// How far the list is counted. A province's trail holds an entry for every enterprise ever imported, and counting them
    /// all read the whole table on every page (PostgreSQL 0.17–0.34 s for 600,000); past this the page says “共 10,000 条以上”.
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// How many entries the name index may point a search to (<see cref="AuditLabelIndex.CandidatesAsync"/>). Testing that
    /// many by id took PostgreSQL about 20 ms for 15,000; a term held by more (有限, 公司) is held by the newest entries too,
    /// and the list walked newest first finds its page at once.
    /// </summary>
    private const int SearchCandidates = 50_000;

    /// <summary>The entries the filter asks for, of those the person may read.</summary>
    public static async Task<IQueryable<AuditEntry>> FilteredAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, AuditFilter filter, CancellationToken ct = default)
    {
        filter = await NamingAsync(db, catalog, filter, ct);
        return Filtered(db, scope, filter, await AccountsNamedAsync(db, filter, ct), For(db, scope, filter, null));
    }

    /// <summary>The filter with the applications its name search names (<see cref="AuditFilter.NamedApplications"/>).</summary>
    private static async Task<AuditFilter> NamingAsync(TownsDbContext db, PolicyCatalog catalog, AuditFilter filter, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(filter.Search) ? filter
            : filter with { NamedApplications = await AuditValueNames.ApplicationsNamedAsync(db, catalog, filter.Search.Trim(), ct) };

    private const string ApplicationType = nameof(Core.Applications.RecognitionApplication);

    /// <summary>
    /// The accounts the 操作人 filter names, by sign-in name or part of the display name: their entries are found by account
    /// in its index, where comparing the names stored in every entry read the whole trail. Entries without an account (the
    /// platform's own jobs, the command line) are matched by their sign-in names (<see cref="AuditActor.WithoutAccountNamed"/>).
    /// </summary>
    private static async Task<List<int>> AccountsNamedAsync(TownsDbContext db, AuditFilter filter, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(filter.User)) return [];
        var user = filter.User.Trim();
        return await db.Users.Where(u => u.UserName == user || u.DisplayName.Contains(user)).Select(u => u.Id).ToListAsync(ct);
    }

    private static IQueryable<AuditEntry> Filtered(TownsDbContext db, UserScope scope, AuditFilter filter, List<int> accounts, Drive drive) =>
        Matching(Visible(db, scope, drive), filter, accounts, drive);

    /// <summary>
    /// The filter's conditions on any entries: those the person may read (<see cref="Filtered"/>), or all of them where the
    /// places of the scope are tested on their own (<see cref="CountBySidesAsync"/>, <see cref="NewestByPlaceAsync"/>).
    /// </summary>
    private static IQueryable<AuditEntry> Matching(TownsDbContext db, AuditFilter filter, List<int> accounts) =>
        Matching(db.AuditEntries.AsNoTracking(), filter, accounts, db.Database.IsNpgsql() ? Drive.Planner : Drive.ByPlace);

    private static IQueryable<AuditEntry> Matching(IQueryable<AuditEntry> query, AuditFilter filter, List<int> accounts, Drive drive)
    {
        // The filters' own indexes are left unmatched when another index reads the entries.
        var plain = drive is Drive.Time or Drive.Place or Drive.Kind or Drive.ByPlace or Drive.ByAccount or Drive.ById;
        if (filter.From is { } from) { var t = ChinaDayStartUtc(from); query = query.Where(e => e.AtUtc >= t); }
        if (filter.To is { } to) { var t = ChinaDayStartUtc(to.AddDays(1)); query = query.Where(e => e.AtUtc < t); }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var (names, commandLine) = AuditActor.WithoutAccountNamed(filter.User.Trim());
            var prefix = AuditActor.CommandLinePrefix;
            query = (plain, names.Count > 0 || commandLine) switch
            {
                (true, false) => query.Where(e => accounts.Contains(e.UserId ?? 0)),
                (false, false) => query.Where(e => e.UserId != null && accounts.Contains(e.UserId.Value)),
                (true, true) => query.Where(e => accounts.Contains(e.UserId ?? 0)
                    || (e.UserId == null && (names.Contains(e.UserName) || (commandLine && e.UserName.StartsWith(prefix))))),
                (false, true) => query.Where(e => (e.UserId != null && accounts.Contains(e.UserId.Value))
                    || (e.UserId == null && (names.Contains(e.UserName) || (commandLine && e.UserName.StartsWith(prefix))))),
            };
        }
        if (filter.Action is { } action)
            query = plain ? query.Where(e => (int)e.Action + 0 == (int)action) : query.Where(e => e.Action == action);
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            // A kind of record takes its parts along: 重点项目 also lists its monthly progress and stage changes. A record of
            // a root kind files its own entries under itself too (AuditTrail: an entry's root is its own record when it has
            // none), so that is the one condition root_type = kind, read newest first from ix_audit_entries_root_time; a
            // part's kind is never a root, so it is its entity_type. As "entity_type = kind OR root_type = kind" PostgreSQL
            // walked the whole trail by time: 400,000 imported enterprises' entries lay before the province's 重点项目 (p95 172 ms, now 3 ms).
            var type = filter.EntityType.Trim();
            var indexed = !plain || drive == Drive.Kind;
            query = AuditTrail.RootTypes.Contains(type)
                ? (indexed ? query.Where(e => e.RootType == type) : query.Where(e => e.RootType + "" == type))
                : (indexed ? query.Where(e => e.EntityType == type) : query.Where(e => e.EntityType + "" == type));
            if (!string.IsNullOrWhiteSpace(filter.EntityId)) { var id = filter.EntityId.Trim(); query = query.Where(e => (e.EntityType == type && e.EntityId == id) || (e.RootType == type && e.RootId == id)); }
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            List<string> applications = [.. filter.NamedApplications];
            // With no application named the condition is the one the name index was tuned for. An application's entries and
            // its parts' record no name: matched by the application they are filed under, written so that no index matches it
            // (the record index reads them in SearchedAsync).
            query = applications.Count == 0
                ? query.Where(e => e.EntityLabel != null && e.EntityLabel.Contains(s))
                : query.Where(e => (e.EntityLabel != null && e.EntityLabel.Contains(s))
                    || (e.EntityLabel == null && e.RootType + "" == ApplicationType && applications.Contains(e.RootId + "")));
        }
        return query;
    }

    /// <summary>
    /// A page, newest first, and how many there are up to <see cref="CountLimit"/>. The count also tells SQLite how to read
    /// the page: when the entries run past the limit, walking the time index newest first and testing each entry finds a
    /// page soonest (a province office's first page 155 → 0.2 ms); fewer are fetched through the indexes their conditions
    /// match and sorted (a county's, a rare kind of record).
    /// </summary>
    public static async Task<Paged<AuditEntry>> ListAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, AuditFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paged<AuditEntry>.Normalize(filter.Page, filter.PageSize);
        filter = await NamingAsync(db, catalog, filter, ct);
        var accounts = await AccountsNamedAsync(db, filter, ct);
        // PostgreSQL plans each run for its values, whatever the scope: one plan for all read the whole trail to count a
        // province's 重点项目 entries (100–500 ms against 6), and for a county's page 20 or its enterprises (120–270 ms).
        return await db.PlannedPerRunAsync(perRun: true, async () =>
        {
            var bySides = db.Database.IsNpgsql() && scope.Role is Roles.Office or Roles.Leader;
            if (!string.IsNullOrWhiteSpace(filter.Search)
                && await AuditLabelIndex.CandidatesAsync(db, filter.Search.Trim(), SearchCandidates, ct) is { } candidates)
                return await SearchedAsync(db, scope, filter, accounts, candidates, page, size, ct);
            int? searched = null;
            // An office below the province on PostgreSQL counts its places' entries by their indexes first (CountBySidesAsync).
            if (!string.IsNullOrWhiteSpace(filter.Search) && !(bySides && ReadsByPlace(scope)))
            {
                // A name the name index cannot narrow (one character, or held by more than SearchCandidates entries): finding
                // its matches reads the whole scope, which counting and then reading the page did twice (a province's search,
                // 1,000,000 entries: PostgreSQL 1.2 s). The matches are
                // read once, up to the limit, and counted and ordered here. Past the limit they are many and the page below
                // finds them newest first at once.
                var matched = await Filtered(db, scope, filter, accounts, For(db, scope, filter, null))
                    .Select(e => new { e.Id, e.AtUtc }).Take(CountLimit + 1).ToListAsync(ct);
                if (matched.Count <= CountLimit)
                {
                    var slice = matched.OrderByDescending(m => m.AtUtc).ThenByDescending(m => m.Id)
                        .Skip((page - 1) * size).Take(size).Select(m => m.Id).ToList();
                    return new Paged<AuditEntry>(await ByIdsAsync(db, slice, ct), matched.Count, page, size);
                }
                searched = matched.Count;
            }
            var counted = searched ?? (bySides
                ? await CountBySidesAsync(db, scope, filter, accounts, ct)
                : await Filtered(db, scope, filter, accounts, For(db, scope, filter, null)).Take(CountLimit + 1).CountAsync(ct));
            var skip = (page - 1) * size;
            var byAccount = ReadsByAccount(filter, accounts);
            if (counted > CountLimit && skip + size <= ByPlaceDepth && (byAccount || ReadsByPlace(scope)))
            {
                var newest = byAccount
                    ? await NewestByAccountAsync(db, scope, filter, accounts, skip, size, ct)
                    : await NewestByPlaceAsync(db, scope, filter, accounts, skip, size, ct);
                return new Paged<AuditEntry>(newest, CountLimit, page, size) { TotalIsLowerBound = true };
            }
            var found = Filtered(db, scope, filter, accounts, For(db, scope, filter, counted));
            // Up to the count limit the entries are few enough to fetch by their conditions' indexes and sort. PostgreSQL
            // otherwise walked the time index when it guessed them spread evenly over time: a county's, brought in by
            // imports years ago, lay behind 330,000 newer entries (page 20: 808 ms against 10). Sorted by an expression,
            // no index gives the order.
            var ordered = counted <= CountLimit && db.Database.IsNpgsql()
                ? found.OrderByDescending(e => e.AtUtc.AddSeconds(0)).ThenByDescending(e => e.Id)
                : found.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id);
            var items = await ordered.Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return new Paged<AuditEntry>(items, Math.Min(counted, CountLimit), page, size) { TotalIsLowerBound = counted > CountLimit };
        }, ct);
    }

    /// <summary>
    /// A page of a name search from the entries the name index points to (<see cref="AuditLabelIndex.CandidatesAsync"/>),
    /// newest first: each tested by id for the term itself, the scope and the other filters, a batch at a time from the
    /// newest, until the page is filled and the count reaches its limit, or none is left. Testing every entry's name took a
    /// province's search PostgreSQL 0.45 s, SQLite 0.8 s; testing all 46,000 candidates of 铸造 at once 97 ms (PostgreSQL).
    /// </summary>
    private static async Task<Paged<AuditEntry>> SearchedAsync(TownsDbContext db, UserScope scope, AuditFilter filter, List<int> accounts,
        List<long> candidates, int page, int size, CancellationToken ct)
    {
        var entries = Filtered(db, scope, filter, accounts, db.Database.IsNpgsql() ? Drive.Planner : Drive.ById);
        var (wanted, countTo) = (page * size, CountLimit + 1);
        var matched = new List<long>();
        var (tested, count, batch) = (0, 0, Math.Max(1_000, wanted));
        while (tested < candidates.Count && (matched.Count < wanted || count < countTo))
        {
            var ids = candidates.GetRange(tested, Math.Min(batch, candidates.Count - tested));
            if (matched.Count < wanted)
            {
                var hits = (await entries.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
                matched.AddRange(ids.Where(hits.Contains));
                count += hits.Count;
            }
            // Past the page only how many: ids sent back by the thousand cost more than testing them.
            else count += await entries.Where(e => ids.Contains(e.Id)).CountAsync(ct);
            tested += ids.Count;
            // The next batch as large as the matches still wanted need at the rate found so far (most candidates of a two-
            // character term are matches: 10,001 reached in two batches, where doubling from 1,000 took four and 15,000).
            var still = matched.Count < wanted ? wanted - matched.Count : countTo - count;
            var rate = Math.Max(count, 1) / (double)tested;
            batch = (int)Math.Clamp(still / rate * 1.1 + 100, 1_000, int.MaxValue / 2);
        }
        // The entries of the applications the term names, which the name index cannot hold (they record no name): few, read
        // through the record index and merged by time with the page's worth of the others.
        List<string> applications = [.. filter.NamedApplications];
        if (applications.Count > 0)
        {
            var named = await entries.Where(e => e.EntityLabel == null && e.RootType == ApplicationType && applications.Contains(e.RootId))
                .Select(e => new { e.Id, e.AtUtc }).ToListAsync(ct);
            if (named.Count > 0)
            {
                var top = matched.Take(wanted).ToList();
                var others = await db.AuditEntries.Where(e => top.Contains(e.Id)).Select(e => new { e.Id, e.AtUtc }).ToListAsync(ct);
                matched = [.. others.Concat(named).OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).Select(x => x.Id)];
                count += named.Count;
            }
        }
        var slice = matched.Skip((page - 1) * size).Take(size).ToList();
        return new Paged<AuditEntry>(await ByIdsAsync(db, slice, ct), Math.Min(count, CountLimit), page, size)
            { TotalIsLowerBound = count > CountLimit };
    }

    /// <summary>
    /// An office's entries counted up to <see cref="CountLimit"/> on PostgreSQL: those of records at its place, then those of
    /// its people on records elsewhere, each as one stretch of its path index. As one condition on both paths PostgreSQL read
    /// the whole trail, from wherever its last scan had stopped: 运城市's count took 60–1,300 ms after 700,000 entries elsewhere.
    /// </summary>
    private static async Task<int> CountBySidesAsync(TownsDbContext db, UserScope scope, AuditFilter filter, List<int> accounts, CancellationToken ct)
    {
        var entries = Matching(db, filter, accounts);
        var (path, under, end) = (scope.JurisdictionPath, scope.JurisdictionPath + "/", scope.JurisdictionPath + "0");
        // "At the place or below" as the one range [place, place0) with the paths between place and place/ left out, where
        // "= place OR in [place/, place0)" had the planner test every entry of the index.
        var records = await entries.Where(e =>
                string.Compare(EF.Functions.Collate(e.RecordPath!, "C"), path) >= 0 && string.Compare(EF.Functions.Collate(e.RecordPath!, "C"), end) < 0
                && (EF.Functions.Collate(e.RecordPath!, "C") == path || string.Compare(EF.Functions.Collate(e.RecordPath!, "C"), under) >= 0))
            .Take(CountLimit + 1).CountAsync(ct);
        if (records > CountLimit) return records;
        var people = await entries.Where(e =>
                string.Compare(EF.Functions.Collate(e.ActorPath!, "C"), path) >= 0 && string.Compare(EF.Functions.Collate(e.ActorPath!, "C"), end) < 0
                && (EF.Functions.Collate(e.ActorPath!, "C") == path || string.Compare(EF.Functions.Collate(e.ActorPath!, "C"), under) >= 0)
                && (e.RecordPath == null || !(string.Compare(EF.Functions.Collate(e.RecordPath, "C"), path) >= 0 && string.Compare(EF.Functions.Collate(e.RecordPath, "C"), end) < 0
                    && (EF.Functions.Collate(e.RecordPath, "C") == path || string.Compare(EF.Functions.Collate(e.RecordPath, "C"), under) >= 0))))
            .Take(CountLimit + 1 - records).CountAsync(ct);
        return records + people;
    }

    /// <summary>
    /// How far into the list a page is read place by place or account by account: as far as the list is counted. Deeper, each place's
    /// newest up to the page cost more than the other way (运城市's page 200, 10,000 entries in: PostgreSQL 85 ms, SQLite
    /// 150 ms; by time past 700,000 newer entries elsewhere 270–300 ms from page 5 on).
    /// </summary>
    private const int ByPlaceDepth = CountLimit;

    /// <summary>
    /// Whether a page of an office below the province is read place by place (<see cref="NewestByPlaceAsync"/>), when its
    /// entries are many (counted past <see cref="CountLimit"/>) and the page is not deep. A province office's scope is the
    /// whole trail and walking it by time finds a page at once; a county's few entries are fetched and sorted.
    /// </summary>
    private static bool ReadsByPlace(UserScope scope) =>
        scope.Role is Roles.Office or Roles.Leader && scope.JurisdictionPath.Contains('/');

    /// <summary>
    /// Whether a page of many entries is read account by account (<see cref="NewestByAccountAsync"/>): when the 操作人 filter
    /// names a few accounts and none of the actors without one. Walking the trail by time passed every newer entry by
    /// others: 永济市's office's entries lay behind 700,000 of the platform's imports (the province's page 190 ms, 运城市's by
    /// place 117 ms).
    /// </summary>
    private static bool ReadsByAccount(AuditFilter filter, List<int> accounts) =>
        !string.IsNullOrWhiteSpace(filter.User) && accounts.Count is > 0 and <= 50
        && AuditActor.WithoutAccountNamed(filter.User.Trim()) is { UserNames.Count: 0, CommandLine: false };

    /// <summary>
    /// A page of the entries of the accounts named, newest first: each account's newest up to the page's depth from the
    /// account index (account, time, id), tested for the scope and the other filters, merged, then read by id. One query per
    /// account joined by UNION ALL: as one query over the accounts EF numbered every entry in scope (ROW_NUMBER, 1.5 s).
    /// </summary>
    private static async Task<List<AuditEntry>> NewestByAccountAsync(TownsDbContext db, UserScope scope, AuditFilter filter, List<int> accounts,
        int skip, int size, CancellationToken ct)
    {
        var depth = skip + size;
        // On SQLite the scope and the other filters are written so that no index but the account's matches them.
        var entries = Filtered(db, scope, filter with { User = null }, accounts, db.Database.IsNpgsql() ? Drive.Planner : Drive.ByAccount);
        var newest = accounts.Distinct().Select(a => entries.Where(e => e.UserId == a)
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(depth).Select(e => new { e.Id, e.AtUtc }))
            .Aggregate((all, one) => all.Concat(one));
        var ids = await newest.OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).Skip(skip).Take(size).Select(x => x.Id).ToListAsync(ct);
        return await ByIdsAsync(db, ids, ct);
    }

    /// <summary>
    /// A page of an office's entries, newest first: the newest of each place of the scope (the record's, then the person's)
    /// from the path indexes, the page taken from them, then those entries read. Walking the whole trail by time, as both
    /// databases otherwise did for a city's many entries, first passed every newer entry elsewhere: after imports had added
    /// 700,000 entries in 太原市, 运城市's first page took 250 ms (PostgreSQL) and 218 ms (SQLite); the other way, fetching the
    /// city's 50,000 entries through the path indexes and sorting them, 150 ms. Each place is read newest first, up to the
    /// page's depth: 177 places of 运城市 by 50 entries. The places are the jurisdictions under the scope: an entry is filed
    /// under jurisdictions' paths only (AuditTrail takes the person's, AuditPlaces the record's), and none is renamed or removed.
    /// </summary>
    private static async Task<List<AuditEntry>> NewestByPlaceAsync(TownsDbContext db, UserScope scope, AuditFilter filter, List<int> accounts,
        int skip, int size, CancellationToken ct)
    {
        var entries = Matching(db, filter, accounts);
        var depth = skip + size;
        var (path, under, end) = (scope.JurisdictionPath, scope.JurisdictionPath + "/", scope.JurisdictionPath + "0");
        List<long> ids;
        if (db.Database.IsNpgsql())
        {
            // Each place as a LATERAL subquery, read from the path index by itself (path, time, id) without the table.
            var places = db.Jurisdictions.Where(j => EF.Functions.Collate(j.Path, "C") == path
                    || (string.Compare(EF.Functions.Collate(j.Path, "C"), under) >= 0 && string.Compare(EF.Functions.Collate(j.Path, "C"), end) < 0))
                .Select(j => j.Path);
            var byRecord = places.SelectMany(p => entries.Where(e => EF.Functions.Collate(e.RecordPath!, "C") == p)
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(depth).Select(e => new { e.Id, e.AtUtc }));
            var byActor = places.SelectMany(p => entries.Where(e => EF.Functions.Collate(e.ActorPath!, "C") == p)
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(depth).Select(e => new { e.Id, e.AtUtc }));
            // UNION: an entry of a person of the place on a record there comes from both sides.
            ids = await byRecord.Union(byActor).OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).Skip(skip).Take(size).Select(x => x.Id).ToListAsync(ct);
        }
        else
        {
            // SQLite has no LATERAL: each place's newest are an IN list correlated with the place, and CROSS JOIN makes SQLite
            // take the places first.
            var places = db.Jurisdictions.Where(j => j.Path == path || (string.Compare(j.Path, under) >= 0 && string.Compare(j.Path, end) < 0));
            var byRecord = from j in places
                from e in db.AuditEntries
                where entries.Where(x => x.RecordPath == j.Path).OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).Take(depth).Select(x => x.Id).Contains(e.Id)
                select new { e.Id, e.AtUtc };
            var byActor = from j in places
                from e in db.AuditEntries
                where entries.Where(x => x.ActorPath == j.Path).OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).Take(depth).Select(x => x.Id).Contains(e.Id)
                select new { e.Id, e.AtUtc };
            ids = await byRecord.Union(byActor).OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).Skip(skip).Take(size).Select(x => x.Id).ToListAsync(ct);
        }
        return await ByIdsAsync(db, ids, ct);
    }

    /// <summary>The entries of a page found by id, newest first.</summary>
    private static Task<List<AuditEntry>> ByIdsAsync(TownsDbContext db, List<long> ids, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).ToListAsync(ct);

    /// <summary>A record's history, newest first: its own changes and those of its parts. The caller has checked the record is in scope.</summary>
    public static Task<List<AuditEntry>> HistoryAsync(TownsDbContext db, string rootType, string rootId, int max = 200, CancellationToken ct = default) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.RootType == rootType && e.RootId == rootId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Take(max)
            .ToListAsync(ct);

    public static Task<AuditEntry?> FindAsync(TownsDbContext db, UserScope scope, long id, CancellationToken ct = default) =>
        Visible(db, scope).FirstOrDefaultAsync(e => e.Id == id, ct);

    private static DateTime ChinaDayStartUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
}
