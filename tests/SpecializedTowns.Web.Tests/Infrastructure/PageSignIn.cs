using System.Text.RegularExpressions;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Infrastructure;

public static partial class PageSignIn
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The antiforgery token a page's form carries ("" where it has none).</summary>
    public static string Antiforgery(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>POSTs <paramref name="fields"/> with the antiforgery token of <paramref name="page"/>, as its form would.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery(page);
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in through the sign-in page as a browser would, antiforgery token included; the client keeps the cookie.</summary>
    public static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = Antiforgery(form);
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {userName} failed: {response.StatusCode}");
    }

    /// <summary>A client of the platform that calls the API with a bearer token issued to <paramref name="userName"/>.</summary>
    public static async Task<HttpClient> ApiClientAsync(PlatformFactory factory, string userName, string password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// A browser-like client of <paramref name="factory"/> (redirects are read, not followed) signed in as <paramref name="user"/>:
    /// with <paramref name="password"/>, else the password <see cref="TestDatabases"/> gives that account.
    /// </summary>
    public static async Task<HttpClient> BrowserAsync(PlatformFactory factory, string user, string? password = null)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, user, password ?? (user == "admin" ? TestDatabases.AdminPassword : TestDatabases.DemoPassword));
        return client;
    }

    /// <summary>
    /// A demo platform of the test's own, with a browser-like client signed in as <paramref name="user"/>: for tests that write,
    /// or that need a month or record no other test has touched. The caller disposes the factory.
    /// </summary>
    public static async Task<(PlatformFactory Factory, HttpClient Client)> OwnPlatformAsync(StorageProvider provider, string user)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        return (factory, await BrowserAsync(factory, user));
    }

    /// <summary>
    /// The same for the administrator's pages, with the database behind it for what the test reads or sets beside them: a new
    /// copy of the demo, or <paramref name="storage"/> as the test prepared it before the platform starts. The caller disposes
    /// the factory.
    /// </summary>
    public static async Task<(StorageSettings Storage, PlatformFactory Factory, HttpClient Admin)> AdminPlatformAsync(StorageProvider provider, StorageSettings? storage = null)
    {
        storage ??= await TestDatabases.WithDemoAccountsAsync(provider);
        var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        return (storage, factory, await BrowserAsync(factory, "admin"));
    }
}
