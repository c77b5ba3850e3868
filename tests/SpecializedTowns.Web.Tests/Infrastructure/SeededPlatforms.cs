using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>One platform per provider with demo data and known passwords, shared by the tests that only read.</summary>
public static class SeededPlatforms
{
    public const string Password = "Test-pass-2024";
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
                factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: Password);
                factory.CreateClient().Dispose();
                Platforms[provider] = factory;
            }
            return factory;
        }
        finally { Gate.Release(); }
    }

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
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
            await Gate.WaitAsync();
            try { Tokens[(provider, userName)] = token; }
            finally { Gate.Release(); }
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}
