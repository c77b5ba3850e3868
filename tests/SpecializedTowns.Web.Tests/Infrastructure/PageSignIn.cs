using System.Text.RegularExpressions;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Infrastructure;

public static partial class PageSignIn
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>Signs in through the sign-in page as a browser would, antiforgery token included; the client keeps the cookie.</summary>
    public static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = Antiforgery().Match(form).Groups[1].Value;
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
    /// A demo platform of the test's own, with a browser-like client signed in as <paramref name="user"/>: for tests that write,
    /// or that need a month or record no other test has touched. The caller disposes the factory.
    /// </summary>
    public static async Task<(PlatformFactory Factory, HttpClient Client)> OwnPlatformAsync(StorageProvider provider, string user)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, user, TestDatabases.DemoPassword);
        return (factory, client);
    }
}
