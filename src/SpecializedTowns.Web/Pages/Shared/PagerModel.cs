using Microsoft.AspNetCore.Http.Extensions;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>Paging and sorting links that keep every other filter of the current query.</summary>
public sealed record PagerModel(int Page, int Pages, int Total, HttpRequest Request)
{
    /// <summary>The query parameter of the page number, for a page with two lists paged apart.</summary>
    public string Param { get; init; } = "page";

    /// <summary>Where the link lands on the page (e.g. "#heatmap").</summary>
    public string Fragment { get; init; } = "";

    /// <summary>What is counted: 共 N 条, 共 N 个乡镇.</summary>
    public string Noun { get; init; } = "条";

    /// <summary>The count stopped at <see cref="Total"/> (Paged.TotalIsLowerBound): 共 N 条以上.</summary>
    public bool TotalIsLowerBound { get; init; }

    public string Link(int page) => With(Param, page.ToString(), drop: Param) + Fragment;

    /// <summary>The list's order when the address names none (the page's own, e.g. 问题台账 newest first).</summary>
    public string? DefaultSort { get; init; }

    private string? CurrentSort =>
        FilterValues.SortRead(Request.HttpContext, out var read) ? read ?? DefaultSort
        : Request.Query.TryGetValue("sort", out var s) && !string.IsNullOrWhiteSpace(s) ? s.ToString() : DefaultSort;

    /// <summary>
    /// A column header's link: the list by that column its usual way (names A→Z, output largest first), or the other way
    /// round (“-name”, see Data's ListSort) when it is already sorted that way, as a spreadsheet does on a second click.
    /// </summary>
    public string Sort(string sort, bool oneWay = false) =>
        With("sort", !oneWay && CurrentSort == sort ? "-" + sort : sort, drop: "sort", alsoDrop: "page");

    /// <summary>▲ (smallest or A first) or ▼ after the header of the column the list is sorted by; nothing after the others.</summary>
    public string Arrow(string sort, bool usuallyDescending = false) =>
        CurrentSort == sort ? (usuallyDescending ? " ▼" : " ▲") : CurrentSort == "-" + sort ? (usuallyDescending ? " ▲" : " ▼") : "";

    private string With(string key, string value, string drop, string? alsoDrop = null)
    {
        var query = Request.Query.Where(q => q.Key != drop && q.Key != alsoDrop)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")))
            .Append(new KeyValuePair<string, string>(key, value));
        return Request.Path + new QueryBuilder(query).ToQueryString();
    }
}
