using System.Net;
using SpecializedTowns.Web.Tests.Infrastructure;

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
        var form = BrowserForm.Holding(await page.Content.ReadAsStringAsync(), "UserName").With("UserName", userName).With("Password", password);
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = form.Content() }, mayBounce: true);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in as {userName}");
        response.Headers.Location!.ToString().ShouldNotContain("/Account/Login");
    }

    /// <summary>POSTs the form holding a field named <paramref name="field"/>, with what the page filled in and the given changes.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string url, string field, IReadOnlyDictionary<string, string> changes) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = BrowserForm.Holding(page, field).With(changes).Content() });

    public void Dispose() => _client.Dispose();
}
