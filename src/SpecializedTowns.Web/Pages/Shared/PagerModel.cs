using Microsoft.AspNetCore.Http.Extensions;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>Paging and sorting links that keep every other filter of the current query.</summary>
public sealed record PagerModel(int Page, int Pages, int Total, HttpRequest Request)
{
    public string Link(int page) => With("page", page.ToString(), drop: "page");

    public string Sort(string sort) => With("sort", sort, drop: "sort", alsoDrop: "page");

    private string With(string key, string value, string drop, string? alsoDrop = null)
    {
        var query = Request.Query.Where(q => q.Key != drop && q.Key != alsoDrop)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")))
            .Append(new KeyValuePair<string, string>(key, value));
        return Request.Path + new QueryBuilder(query).ToQueryString();
    }
}
