namespace SpecializedTowns.Data;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>
    /// The count stopped at <see cref="Total"/>: there are at least that many (a list too long to count on every page, such as
    /// the audit trail). Written to JSON only when true.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool TotalIsLowerBound { get; init; }

    public const int MaxPageSize = 500;

    /// <summary>With a count that stopped, one more page while this one is full: the way on is 下一页.</summary>
    public int Pages => PageSize == 0 ? 0
        : TotalIsLowerBound ? Math.Max((Total + PageSize - 1) / PageSize, Page + (Items.Count == PageSize ? 1 : 0))
        : (Total + PageSize - 1) / PageSize;

    public static (int Page, int PageSize) Normalize(int page, int pageSize) =>
        (Math.Clamp(page, 1, MaxPage), Math.Clamp(pageSize, 1, MaxPageSize));

    /// <summary>Far beyond any list; keeps (page - 1) × pageSize inside an int.</summary>
    public const int MaxPage = 1_000_000;
}

/// <summary>
/// A list's sort as the query string gives it: a column's key sorts it its usual way (names A→Z, output largest first), the
/// same key after a minus the other way round (“-name”, “-output”): a header clicked twice. Each list says what its keys mean.
/// </summary>
public readonly record struct ListSort(string Key, bool Reversed)
{
    public static ListSort Parse(string? sort)
    {
        var s = sort?.Trim() ?? "";
        return s.StartsWith('-') ? new ListSort(s[1..], true) : new ListSort(s, false);
    }

    /// <summary>The direction of a column whose usual order is <paramref name="usuallyDescending"/>, as asked.</summary>
    public bool Descending(bool usuallyDescending = false) => usuallyDescending != Reversed;
}

public static class Sorting
{
    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);

    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.ThenByDescending(key) : query.ThenBy(key);
}
