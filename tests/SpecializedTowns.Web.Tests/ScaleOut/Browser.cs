using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SpecializedTowns.Web.Tests.ScaleOut;

/// <summary>
/// A browser's cookies and forms over plain HTTP, noting which process answered each request (X-Instance) and failing on
/// what a user would see as losing their place: a bounce to the sign-in page or an antiforgery 400.
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _client;
    public List<string> Instances { get; } = [];

    public Browser(Uri baseAddress) => _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool mayBounce = false)
    {
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("X-Instance", out var names)) Instances.Add(names.Single());
        var where = $"{request.Method} {request.RequestUri} → {(int)response.StatusCode} from {string.Join(",", response.Headers.TryGetValues("X-Instance", out var n) ? n : ["?"])}";
        response.StatusCode.ShouldNotBe(HttpStatusCode.BadRequest, $"antiforgery or form refused: {where}");
        if (!mayBounce && response.Headers.Location is { } location)
            location.ToString().ShouldNotContain("/Account/Login", Case.Insensitive, $"bounced to sign-in: {where}");
        return response;
    }

    public async Task<string> GetPageAsync(string url)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task SignInAsync(string userName, string password)
    {
        var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Account/Login"), mayBounce: true);
        var form = Fields(await page.Content.ReadAsStringAsync(), "UserName");
        form["UserName"] = userName;
        form["Password"] = password;
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(form) }, mayBounce: true);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in as {userName}");
        response.Headers.Location!.ToString().ShouldNotContain("/Account/Login");
    }

    /// <summary>POSTs the form holding a field named <paramref name="field"/>, with what the page filled in and the given changes.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string url, string field, IReadOnlyDictionary<string, string> changes)
    {
        var form = Fields(page, field);
        foreach (var (k, v) in changes) form[k] = v;
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });
    }

    /// <summary>What a browser would send for the form that holds <paramref name="field"/>: antiforgery token included.</summary>
    public static Dictionary<string, string> Fields(string html, string field)
    {
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.QuerySelector($"[name='{field}']") is not null)
            ?? throw new InvalidOperationException($"no form with {field}");
        var values = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    values[input.Name!] = input.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var chosen = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    if (chosen is not null) values[select.Name!] = chosen.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name!] = area.Value;
                    break;
            }
        }
        return values;
    }

    public void Dispose() => _client.Dispose();
}
