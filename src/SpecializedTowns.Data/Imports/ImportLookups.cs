using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Imports;

public sealed record PlaceRef(int Id, string Name, string Path, int? ParentId);

/// <param name="OffList">Set when the town is off the list: a row naming it is refused (<see cref="Towns.DelistedTowns"/>).</param>
public sealed record TownRef(int Id, string Name, int CountyId, string CountyName, string CountyPath, global::SpecializedTowns.Data.Towns.OffList? OffList = null);

/// <summary>
/// The names a file may use, loaded once per import and looked up in memory: the counties, townships and specialized towns
/// in the person's scope. A name that is in the platform but outside the scope gets its own message, not "unknown".
/// </summary>
internal static class ImportLookups
{
    /// <summary>
    /// A file's codes (up to hundreds of thousands) as a subquery to match with <c>Contains</c>: on PostgreSQL
    /// "IN (SELECT unnest(@codes))", each code probed in the index. EF's own "= ANY(@codes)" had PostgreSQL weigh the
    /// 100,000 values one by one while planning (0.3 s) and then test every enterprise against them (0.75 s), against
    /// 0.12 s this way. On SQLite EF's own translation is already such a subquery (json_each).
    /// </summary>
    public static IQueryable<string> Codes(TownsDbContext db, IReadOnlyCollection<string> codes) =>
        db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<string>("SELECT unnest(@codes) AS \"Value\"", new Npgsql.NpgsqlParameter("codes", codes.ToArray()))
            : db.Database.SqlQueryRaw<string>("SELECT value AS \"Value\" FROM json_each(@codes)",
                new Microsoft.Data.Sqlite.SqliteParameter("codes", System.Text.Json.JsonSerializer.Serialize(codes)));

    /// <summary>The counties the person works in: those at or below the scope (a township account: its own county).</summary>
    public static async Task<List<PlaceRef>> CountiesAsync(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        var query = db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County);
        if (!scope.IsAdmin)
            query = scope.Role == Roles.Township
                ? query.Where(j => path.StartsWith(j.Path + "/"))
                : query.Where(j => j.Path == path || j.Path.StartsWith(under));
        return (await query.OrderByCounty(j => j).Select(j => new { j.Id, j.Name, j.Path, j.ParentId }).ToListAsync(ct))
            .Select(j => new PlaceRef(j.Id, j.Name, j.Path, j.ParentId)).ToList();
    }

    public static async Task<List<PlaceRef>> TownshipsAsync(TownsDbContext db, IReadOnlyCollection<int> countyIds, CancellationToken ct) =>
        (await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township && j.ParentId != null && countyIds.Contains(j.ParentId.Value))
            .OrderByPlace(j => j).Select(j => new { j.Id, j.Name, j.Path, j.ParentId }).ToListAsync(ct))
        .Select(j => new PlaceRef(j.Id, j.Name, j.Path, j.ParentId)).ToList();

    public static async Task<List<TownRef>> TownsAsync(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        var offList = await global::SpecializedTowns.Data.Towns.DelistedTowns.OfAsync(scope.Towns(db), ct);
        return (await scope.Towns(db).AsNoTracking().OrderByCounty(t => t.County).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.CountyId, County = t.County!.Name, t.County.Path }).ToListAsync(ct))
        .Select(t => new TownRef(t.Id, t.Name, t.CountyId, t.County, t.Path, offList.GetValueOrDefault(t.Id))).ToList();
    }

    /// <summary>
    /// Finds a place by name the way people write it: “垣曲县”, or with its city in front when two cities have a county of
    /// that name (“阳泉市城区”, “阳泉市/城区”). Returns a Chinese problem when none or several match.
    /// </summary>
    public static (T? Found, string? Problem) ByName<T>(IEnumerable<T> items, Func<T, string> name, Func<T, string> path, string text, string what) where T : class =>
        new NameIndex<T>(items, name, path, what).Find(text);

    /// <summary>The last two names of a path joined: 阳泉市城区, 垣曲县历山镇.</summary>
    public static string Qualified(string path)
    {
        var parts = path.Split('/');
        return parts.Length >= 2 ? parts[^2] + parts[^1] : path;
    }

    /// <summary>The names the template's drop-down lists offer for a reference column.</summary>
    public static async Task<IReadOnlyList<string>> OptionsAsync(TownsDbContext db, UserScope scope, ReferenceKind kind, CancellationToken ct)
    {
        switch (kind)
        {
            case ReferenceKind.County:
                return (await CountiesAsync(db, scope, ct)).Select(c => c.Name).Distinct().ToList();
            case ReferenceKind.Town:
                return (await TownsAsync(db, scope, ct)).Where(t => t.OffList is null).Select(t => t.Name).Distinct().ToList();
            case ReferenceKind.Township:
                var counties = await CountiesAsync(db, scope, ct);
                return (await TownshipsAsync(db, counties.Select(c => c.Id).ToList(), ct)).Select(t => t.Name).Distinct().ToList();
            case ReferenceKind.Unit:
                var (path, under, all) = (scope.JurisdictionPath, scope.JurisdictionPath + "/", scope.IsAdmin);
                return await db.Units.AsNoTracking()
                    .Where(u => all || u.Jurisdiction!.Path == path || u.Jurisdiction.Path.StartsWith(under) || path.StartsWith(u.Jurisdiction.Path + "/"))
                    .Select(u => u.Name).Distinct().OrderBy(n => n).ToListAsync(ct);
            case ReferenceKind.Plan:
                return await TaskImport.Plans(db, scope).OrderByDescending(p => p.Year).Select(p => p.Title).Distinct().ToListAsync(ct);
            default:
                return [];
        }
    }
}

/// <summary>
/// <see cref="ImportLookups.ByName"/> over a list built once: a file of 100,000 rows looks up the same few hundred places on
/// every row, so each name and qualified name is indexed rather than every place compared on every row.
/// </summary>
internal sealed class NameIndex<T> where T : class
{
    private readonly Dictionary<string, List<(int Order, T Item)>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Order, T Item)>> _byQualified = new(StringComparer.Ordinal);
    private readonly Dictionary<T, string> _qualified = new(ReferenceEqualityComparer.Instance);
    private readonly string _what;

    public NameIndex(IEnumerable<T> items, Func<T, string> name, Func<T, string> path, string what)
    {
        _what = what;
        var order = 0;
        foreach (var item in items)
        {
            var qualified = ImportLookups.Qualified(path(item));
            Add(_byName, name(item), (order, item));
            Add(_byQualified, qualified, (order, item));
            _qualified[item] = qualified;
            order++;
        }
    }

    private static void Add(Dictionary<string, List<(int, T)>> index, string key, (int, T) entry)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(entry);
    }

    // A file names the same few hundred places on each of its 100,000 rows: each text is looked up once.
    private readonly Dictionary<string, (T? Found, string? Problem)> _found = new(StringComparer.Ordinal);

    public (T? Found, string? Problem) Find(string text)
    {
        if (_found.TryGetValue(text, out var known)) return known;
        return _found[text] = Look(text);
    }

    private (T? Found, string? Problem) Look(string text)
    {
        var t = text.Trim();
        // The places whose name is the text or whose qualified name is it (slashes dropped), in list order, each once.
        var matches = (_byName.GetValueOrDefault(t) ?? []).Concat(_byQualified.GetValueOrDefault(t.Replace("/", "")) ?? [])
            .DistinctBy(m => m.Order).OrderBy(m => m.Order).Take(3).Select(m => m.Item).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, null),
            _ => (null, $"有多个名为“{t}”的{_what}，请在前面加上所在市或县的名称，如“{_qualified[matches[0]]}”"),
        };
    }
}

