namespace SpecializedTowns.Data;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    public int Pages => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    public static (int Page, int PageSize) Normalize(int page, int pageSize) =>
        (Math.Clamp(page, 1, MaxPage), Math.Clamp(pageSize, 1, MaxPageSize));

    /// <summary>Far beyond any list; keeps (page - 1) × pageSize inside an int.</summary>
    public const int MaxPage = 1_000_000;
}
