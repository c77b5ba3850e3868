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

    public string Sort(string sort) => With("sort", sort, drop: "sort", alsoDrop: "page");

    private string With(string key, string value, string drop, string? alsoDrop = null)
    {
        var query = Request.Query.Where(q => q.Key != drop && q.Key != alsoDrop)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")))
            .Append(new KeyValuePair<string, string>(key, value));
        return Request.Path + new QueryBuilder(query).ToQueryString();
    }
}
