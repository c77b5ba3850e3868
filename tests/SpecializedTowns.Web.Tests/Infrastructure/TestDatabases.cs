using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>Fresh databases on either provider: a real SQLite file, or a new database on the test PostgreSQL server.</summary>
public static class TestDatabases
{
    public static StorageSettings Create(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new StorageSettings(StorageProvider.Sqlite,
            $"Data Source={Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.db")};Pooling=False"),
        _ => new StorageSettings(StorageProvider.PostgreSql, PostgresServer.Instance.CreateDatabase()),
    };

    public static readonly string PoliciesDirectory = Path.Combine(AppContext.BaseDirectory, "policies");

    /// <summary>A fresh database at the current schema with the policy packs registered and the demo data loaded.</summary>
    public static async Task<StorageSettings> WithDemoAsync(StorageProvider provider)
    {
        var storage = Create(provider);
        await DatabaseSetup.InitializeAsync(storage, Core.Policies.PolicyCatalog.Load(PoliciesDirectory));
        await using var db = storage.CreateContext();
        (await SpecializedTowns.Data.Demo.DemoData.LoadAsync(db)).AlreadyLoaded.ShouldBeFalse();
        return storage;
    }
}
