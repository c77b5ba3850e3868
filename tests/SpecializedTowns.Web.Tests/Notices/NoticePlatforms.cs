using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// A demo platform per provider for the notice tests that write through the API and the pages. It is their own (not
/// <see cref="SeededPlatforms"/>'s), so that their writes never contend with other features' tests for one SQLite file, and
/// the classes that use it run one after the other (<see cref="NoticePlatformCollection"/>).
/// </summary>
public static class NoticePlatforms
{
    private static readonly Dictionary<StorageProvider, PlatformFactory> Platforms = [];
    private static readonly Dictionary<(StorageProvider, string), string> Tokens = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<PlatformFactory> GetAsync(StorageProvider provider)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Platforms.TryGetValue(provider, out var factory))
            {
                var storage = TestDatabases.Create(provider);
                factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
                factory.CreateClient().Dispose();
                Platforms[provider] = factory;
            }
            return factory;
        }
        finally { Gate.Release(); }
    }

    /// <summary>An API client with the user's bearer token; anonymous when <paramref name="userName"/> is null.</summary>
    public static async Task<HttpClient> ClientAsync(StorageProvider provider, string? userName)
    {
        var factory = await GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userName is null) return client;
        string? token;
        await Gate.WaitAsync();
        try { Tokens.TryGetValue((provider, userName), out token); }
        finally { Gate.Release(); }
        if (token is null)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = SeededPlatforms.Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
            await Gate.WaitAsync();
            try { Tokens[(provider, userName)] = token; }
            finally { Gate.Release(); }
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client signed in through the sign-in page (cookie, antiforgery).</summary>
    public static async Task<HttpClient> SignedInAsync(StorageProvider provider, string userName)
    {
        var factory = await GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, userName, SeededPlatforms.Password);
        return client;
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}

[CollectionDefinition("notice-platform")]
public sealed class NoticePlatformCollection;
