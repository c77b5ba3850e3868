using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// A demo platform per provider for the API tests that write a record or two and read back only what they wrote
/// (applications, projects and leads, monthly reports, evaluations, market ranks, the audit of a problem), so that
/// <see cref="SeededPlatforms"/> stays read-only: a test there that counts, totals or compares two readings (an export and
/// its page, a list and a document, a count before and after) must not see another class's write land in between.
/// Classes using it run in parallel with one another; a test here must not count or list what the others write. One
/// that does (a count before and after, say) keeps a platform of its own instead, as <c>ProblemsApiTests</c> does.
/// </summary>
public static class WritingPlatforms
{
    private static readonly DemoPlatforms Own = new();

    public static Task<PlatformFactory> GetAsync(StorageProvider provider) => Own.GetAsync(provider);

    public static Task<HttpClient> ClientAsync(StorageProvider provider, string? userName) => Own.ClientAsync(provider, userName);

    public static Task<HttpClient> SignedInAsync(StorageProvider provider, string userName) => Own.SignedInAsync(provider, userName);
}
