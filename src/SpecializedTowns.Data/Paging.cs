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
