using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Query;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Data.Jurisdictions;

/// <summary>
/// The official order of places, as every statistical table lists them: by division code (GB/T 2260), so 太原市, 大同市,
/// 阳泉市 … 吕梁市, a city before its districts and counties (districts first), a county before its townships. A city or
/// county without a code comes by its path, after the coded ones; a township by its code, else by its name after its
/// county's key ("140827~英言镇": '~' follows the digits, so a county's townships with codes come first, in code order, then
/// those without by name), so it stays within its county whether or not the county has a code.
/// <para>
/// One rule in three forms that agree: the stored column of a city or county (<see cref="Column"/>, schema version 46),
/// which an index holds so that 企业名录 walks the counties in this order; <see cref="Key"/> for a query over places of
/// any level; and <see cref="KeyOf"/>, <see cref="TownshipKeyOf"/> and <see cref="OfPathsAsync"/> for rows already read.
/// Keys are compared byte by byte (ordinal), as SQLite and the C collation compare them.
/// </para>
/// </summary>
public static class PlaceOrder
{
    /// <summary>The shadow property of <see cref="Jurisdiction"/> holding a place's code, else its path (column official_order).</summary>
    public const string Column = "OfficialOrder";

    /// <summary>How the database works the column out; <see cref="KeyOf"/> is the same in memory.</summary>
    internal const string ColumnSql = "COALESCE(code, path)";

    /// <summary>The key of a city or county (or the province, or a township with a code) read from its code and path.</summary>
    public static string KeyOf(string? code, string path) => code ?? path;

    /// <summary>The key of a township: its code, else its name after its county's key (<see cref="KeyOf"/> of the county).</summary>
    public static string TownshipKeyOf(string? code, string name, string countyKey) => code ?? countyKey + "~" + name;

    /// <summary>
    /// The key of a place read whole: a township's needs its county (<see cref="Jurisdiction.Parent"/>); read without it, a
    /// township falls back to its code or path.
    /// </summary>
    public static string KeyOf(Jurisdiction place) => place.Level == JurisdictionLevel.Township && place.Parent is { } county
        ? TownshipKeyOf(place.Code, place.Name, KeyOf(county.Code, county.Path))
        : KeyOf(place.Code, place.Path);

    /// <summary>The key of a place of any level, for a query.</summary>
    public static readonly Expression<Func<Jurisdiction, string>> Key = j => j.Level == JurisdictionLevel.Township
        ? j.Code ?? EF.Property<string>(j.Parent!, Column) + "~" + j.Name
        : EF.Property<string>(j, Column);

    /// <summary>Rows in the official order of a place they belong to (any level: a unit's, an account's, an evaluation's).</summary>
    public static IOrderedQueryable<T> OrderByPlace<T>(this IQueryable<T> query, Expression<Func<T, Jurisdiction?>> place) =>
        query.OrderBy(Through(place, Key));

    /// <inheritdoc cref="OrderByPlace{T}"/>
    public static IOrderedQueryable<T> ThenByPlace<T>(this IOrderedQueryable<T> query, Expression<Func<T, Jurisdiction?>> place) =>
        query.ThenBy(Through(place, Key));

    /// <summary>
    /// Rows in the official order of their county (or city): the stored column, which the index of step 46 holds, so that a
    /// list over a province walks its counties in this order instead of sorting all their rows. The county's id follows:
    /// SQLite reads the rows of each county from the next index in order only when the counties cannot tie (the column may
    /// be null to SQLite, so even a unique index on it would not tell it so), and an index ends with the row's id.
    /// </summary>
    public static IOrderedQueryable<T> OrderByCounty<T>(this IQueryable<T> query, Expression<Func<T, Jurisdiction?>> county, bool descending = false) =>
        query.OrderBy(Through(county, j => EF.Property<string>(j, Column)), descending).ThenBy(Through(county, j => j.Id), descending);

    /// <summary>Rows that hold their county's id without a navigation to it (the support registers), in its official order.</summary>
    public static IOrderedQueryable<T> OrderByCounty<T>(this IQueryable<T> query, TownsDbContext db, Expression<Func<T, int>> countyId) =>
        query.OrderBy(ById(db, countyId));

    /// <inheritdoc cref="OrderByCounty{T}(IQueryable{T}, TownsDbContext, Expression{Func{T, int}})"/>
    public static IOrderedQueryable<T> ThenByCounty<T>(this IOrderedQueryable<T> query, TownsDbContext db, Expression<Func<T, int>> countyId) =>
        query.ThenBy(ById(db, countyId));

    /// <summary>
    /// The official order of jurisdiction paths (cities, counties, townships; an area path of an evaluation or a report)
    /// for rows read without their codes: the places named and those above them are read once. A path that names no
    /// place keeps its own text as its key, after the places.
    /// </summary>
    public static async Task<IComparer<string>> OfPathsAsync(TownsDbContext db, IEnumerable<string> paths, CancellationToken ct = default)
    {
        var wanted = paths.SelectMany(AndAbove).Distinct(StringComparer.Ordinal).ToList();
        var places = wanted.Count == 0 ? [] : await db.Jurisdictions.AsNoTracking().Where(j => wanted.Contains(j.Path))
            .Select(j => new { j.Path, j.Code, j.Level, j.Name }).ToListAsync(ct);
        var byPath = places.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        string KeyOfPath(string path)
        {
            if (keys.TryGetValue(path, out var known)) return known;
            var key = !byPath.TryGetValue(path, out var p) ? path
                : p.Level == JurisdictionLevel.Township && path.LastIndexOf('/') is > 0 and var cut ? TownshipKeyOf(p.Code, p.Name, KeyOfPath(path[..cut]))
                : KeyOf(p.Code, path);
            return keys[path] = key;
        }
        return Comparer<string>.Create((a, b) => string.CompareOrdinal(KeyOfPath(a), KeyOfPath(b)));
    }

    private static IEnumerable<string> AndAbove(string path)
    {
        for (var cut = path.IndexOf('/'); cut > 0; cut = path.IndexOf('/', cut + 1)) yield return path[..cut];
        yield return path;
    }

    internal static void Configure(EntityTypeBuilder<Jurisdiction> e, bool postgres)
    {
        // Stored on PostgreSQL, which has no other kind (before 18); virtual on SQLite, which cannot add a stored column to a table.
        e.Property<string>(Column).HasColumnName("official_order").HasMaxLength(400).HasComputedColumnSql(ColumnSql, stored: postgres);
        e.HasIndex(Column).HasDatabaseName("ix_jurisdictions_official_order");
    }

    private static Expression<Func<T, string?>> ById<T>(TownsDbContext db, Expression<Func<T, int>> countyId)
    {
        Expression<Func<int, string?>> key = id => db.Jurisdictions.Where(j => j.Id == id).Select(j => EF.Property<string>(j, Column)).FirstOrDefault();
        return Expression.Lambda<Func<T, string?>>(ReplacingExpressionVisitor.Replace(key.Parameters[0], countyId.Body, key.Body), countyId.Parameters);
    }

    /// <summary>The key read through a navigation: <c>t =&gt; key(t.County)</c>.</summary>
    private static Expression<Func<T, TKey>> Through<T, TKey>(Expression<Func<T, Jurisdiction?>> place, Expression<Func<Jurisdiction, TKey>> key) =>
        Expression.Lambda<Func<T, TKey>>(ReplacingExpressionVisitor.Replace(key.Parameters[0], place.Body, key.Body), place.Parameters);
}
