using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;

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

    /// <summary>
    /// A fresh database at the current schema with the policy packs registered and the demo data loaded: a copy of one
    /// loaded once per provider and run (a file copy, or CREATE DATABASE … TEMPLATE), since loading the demo is most of what
    /// a test that starts from it would otherwise spend. The template itself is never opened again.
    /// </summary>
    public static Task<StorageSettings> WithDemoAsync(StorageProvider provider) => CopyOfAsync(provider, accounts: false);

    /// <summary>
    /// The same with the accounts the web app seeds, through Identity's own stores: admin with <see cref="AdminPassword"/>,
    /// the demo accounts with <see cref="DemoPassword"/> (hashing them is the slow part of seeding).
    /// </summary>
    public static Task<StorageSettings> WithDemoAccountsAsync(StorageProvider provider) => CopyOfAsync(provider, accounts: true);

    public const string AdminPassword = "Admin-pass-1";
    public const string DemoPassword = "Demo-pass-1";

    private static async Task<StorageSettings> CopyOfAsync(StorageProvider provider, bool accounts)
    {
        Task<StorageSettings> template;
        // The demo's dates are set from the day it is loaded on (China time): a run that crosses midnight there loads it
        // again, or a test comparing with today would be a day off (a CI run begun at 23:55 Beijing time failed four such).
        var day = ChinaToday;
        lock (TemplateGate)
        {
            // A load that failed (a server not yet up) is tried again by the next test rather than failing every one after it.
            if (!Templates.TryGetValue((provider, accounts, day), out template!) || template.IsFaulted || template.IsCanceled)
                Templates[(provider, accounts, day)] = template = LoadDemoAsync(provider, accounts);
        }
        var source = await template;
        if (provider == StorageProvider.Sqlite)
        {
            var from = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            var to = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.db");
            File.Copy(from, to);
            return new StorageSettings(StorageProvider.Sqlite, $"Data Source={to};Pooling=False");
        }
        return new StorageSettings(StorageProvider.PostgreSql,
            await PostgresServer.Instance.CreateDatabaseAsync(new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).Database!));
    }

    private static readonly Dictionary<(StorageProvider, bool Accounts, DateOnly Day), Task<StorageSettings>> Templates = [];

    /// <summary>The day the demo's dates count from.</summary>
    public static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly Lock TemplateGate = new();

    private static async Task<StorageSettings> LoadDemoAsync(StorageProvider provider, bool accounts)
    {
        var storage = Create(provider);
        await DatabaseSetup.InitializeAsync(storage, Core.Policies.PolicyCatalog.Load(PoliciesDirectory));
        await using var db = storage.CreateContext();
        (await SpecializedTowns.Data.Demo.DemoData.LoadAsync(db)).AlreadyLoaded.ShouldBeFalse();
        if (accounts)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(db);
            services.AddIdentityCore<AppUser>().AddRoles<IdentityRole<int>>().AddEntityFrameworkStores<TownsDbContext>();
            await using var identity = services.BuildServiceProvider();
            await AccountSeeder.EnsureAsync(identity.GetRequiredService<UserManager<AppUser>>(), identity.GetRequiredService<RoleManager<IdentityRole<int>>>(),
                db, AdminPassword, true, DemoPassword);
        }
        return storage;
    }
}
