using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// A form's fields as a browser posts them: every named input (a checkbox or radio only when ticked), select and textarea,
/// the antiforgery token included, as the page filled them in. A test changes only what its user would change, so a field
/// the page adds later is posted too instead of being silently left out of a hand-written dictionary.
/// </summary>
public sealed class BrowserForm
{
    private static readonly HtmlParser Parser = new();
    private readonly List<KeyValuePair<string, string>> _fields;

    private BrowserForm(List<KeyValuePair<string, string>> fields) => _fields = fields;

    /// <summary>What a select with no option marked selected posts.</summary>
    public enum Unchosen
    {
        /// <summary>Its first option, as a browser does (a multiple select posts nothing).</summary>
        FirstOption,

        /// <summary>Its first option with a value, also in place of a chosen empty one: for tests that want a form that could save.</summary>
        FirstRealOption,
    }

    /// <summary>The fields in page order; a name may repeat (a multiple select, a checkbox's hidden false).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The form on the page that holds a field named <paramref name="field"/>.</summary>
    public static BrowserForm Holding(string html, string field) => Holding(Parser.ParseDocument(html), field);

    /// <inheritdoc cref="Holding(string, string)"/>
    public static BrowserForm Holding(IHtmlDocument page, string field) =>
        Of(page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.QuerySelector($"[name='{field}']") is not null)
            ?? throw new InvalidOperationException($"no form with {field}"));

    /// <summary>The form <paramref name="selector"/> picks on the page.</summary>
    public static BrowserForm Of(string html, string selector) => Of(Parser.ParseDocument(html), selector);

    /// <inheritdoc cref="Of(string, string)"/>
    public static BrowserForm Of(IHtmlDocument page, string selector) =>
        Of(page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"no form {selector} on the page"));

    public static BrowserForm Of(IHtmlFormElement form, Unchosen unchosen = Unchosen.FirstOption)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                // Posted url-encoded, a file input carries no file; the tests that upload build their own multipart body.
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var value in Chosen(select, unchosen)) fields.Add(new(select.Name, value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }
        return new BrowserForm(fields);
    }

    private static IEnumerable<string> Chosen(IHtmlSelectElement select, Unchosen unchosen)
    {
        var options = select.Options.OfType<IHtmlOptionElement>().ToList();
        if (unchosen == Unchosen.FirstRealOption)
            return [(options.FirstOrDefault(o => o.IsSelected && o.Value != "") ?? options.FirstOrDefault(o => o.Value != ""))?.Value ?? ""];
        var selected = options.Where(o => o.IsSelected).Select(o => o.Value).ToList();
        if (select.IsMultiple || selected.Count > 0) return selected;
        // AngleSharp marks only options the page marked selected; a browser shows (and posts) the first otherwise.
        return options.Take(1).Select(o => o.Value);
    }

    /// <summary>The value model binding reads for <paramref name="name"/>: the first posted under it; null when none is.</summary>
    public string? this[string name] => _fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>The names posted, each once, in page order.</summary>
    public IEnumerable<string> Names => _fields.Select(f => f.Key).Distinct();

    /// <summary>A copy with <paramref name="name"/> holding only <paramref name="value"/>, as if typed or chosen; null leaves the field out.</summary>
    public BrowserForm With(string name, string? value)
    {
        var copy = _fields.Where(f => f.Key != name).ToList();
        if (value is not null) copy.Add(new(name, value));
        return new BrowserForm(copy);
    }

    /// <summary>A copy with each of <paramref name="changes"/> applied as <see cref="With(string, string?)"/> does.</summary>
    public BrowserForm With(IEnumerable<KeyValuePair<string, string>> changes) =>
        changes.Aggregate(this, (form, change) => form.With(change.Key, change.Value));

    public FormUrlEncodedContent Content() => new(_fields);

    public Task<HttpResponseMessage> PostAsync(HttpClient client, string url) => client.PostAsync(url, Content());
}
