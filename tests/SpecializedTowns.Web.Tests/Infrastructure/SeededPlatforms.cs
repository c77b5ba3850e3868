using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// One demo platform per provider with known passwords, created on first use, with API clients that keep each user's
/// bearer token. <see cref="SeededPlatforms"/> is the one shared by the tests that only read; a feature whose tests write a
/// lot keeps its own (e.g. the notices'), so that its writes never contend with others for one SQLite file.
/// The demo's dates count from the day it is loaded (China time), so a run that crosses midnight there gets a new platform,
/// as it gets a new demo database (<see cref="TestDatabases"/>): a test comparing with today would otherwise be a day off.
/// </summary>
public sealed class DemoPlatforms
{
    private readonly Dictionary<StorageProvider, (DateOnly Day, PlatformFactory Factory)> _platforms = [];
    private readonly Dictionary<(PlatformFactory, string), string> _tokens = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<PlatformFactory> GetAsync(StorageProvider provider)
    {
        var day = TestDatabases.ChinaToday;
        await _gate.WaitAsync();
        try
        {
            if (!_platforms.TryGetValue(provider, out var known) || known.Day != day)
            {
                // The previous day's platform is left to the tests still using it.
                var storage = TestDatabases.Create(provider);
                var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
                factory.CreateClient().Dispose();
                _platforms[provider] = known = (day, factory);
            }
            return known.Factory;
        }
        finally { _gate.Release(); }
    }

    /// <summary>An API client with the user's bearer token; anonymous when <paramref name="userName"/> is null.</summary>
    public async Task<HttpClient> ClientAsync(StorageProvider provider, string? userName)
    {
        var factory = await GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userName is null) return client;
        string? token;
        await _gate.WaitAsync();
        try { _tokens.TryGetValue((factory, userName), out token); }
        finally { _gate.Release(); }
        if (token is null)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = SeededPlatforms.Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
            await _gate.WaitAsync();
            try { _tokens[(factory, userName)] = token; }
            finally { _gate.Release(); }
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client signed in through the sign-in page (cookie, antiforgery).</summary>
    public async Task<HttpClient> SignedInAsync(StorageProvider provider, string userName)
    {
        var factory = await GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, userName, SeededPlatforms.Password);
        return client;
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}

/// <summary>
/// The demo platform per provider shared by the tests that only read: many of them count, total or compare two readings
/// (an export and its page, a list and its document), which a write landing in between would break. A test that writes
/// uses <see cref="WritingPlatforms"/>, its feature's own platform, or one of its own (<see cref="PageSignIn.OwnPlatformAsync"/>).
/// </summary>
public static class SeededPlatforms
{
    public const string Password = "Test-pass-2024";
    private static readonly DemoPlatforms Shared = new();

    public static Task<PlatformFactory> GetAsync(StorageProvider provider) => Shared.GetAsync(provider);

    public static Task<HttpClient> ClientAsync(StorageProvider provider, string? userName) => Shared.ClientAsync(provider, userName);

    /// <summary>A browser-like client signed in through the sign-in page, for the pages.</summary>
    public static Task<HttpClient> SignedInAsync(StorageProvider provider, string userName) => Shared.SignedInAsync(provider, userName);
}
