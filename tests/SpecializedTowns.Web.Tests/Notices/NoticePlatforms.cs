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
    private static readonly DemoPlatforms Own = new();

    public static Task<PlatformFactory> GetAsync(StorageProvider provider) => Own.GetAsync(provider);

    public static Task<HttpClient> ClientAsync(StorageProvider provider, string? userName) => Own.ClientAsync(provider, userName);

    public static Task<HttpClient> SignedInAsync(StorageProvider provider, string userName) => Own.SignedInAsync(provider, userName);
}

[CollectionDefinition("notice-platform")]
public sealed class NoticePlatformCollection;
