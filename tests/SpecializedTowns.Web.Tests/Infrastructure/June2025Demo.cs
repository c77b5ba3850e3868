using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Demo;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// The demo loaded as on 2025年6月20日, for the tests of monthly reports and their summaries: its reports cover March to May
/// (the three months before the one it is loaded in), May's were due on 10 June and that month is locked. Loaded afresh
/// rather than copied from <see cref="TestDatabases.WithDemoAsync"/>, whose reports count back from the day the run starts.
/// </summary>
internal static class June2025Demo
{
    /// <summary>
    /// The database, and the clock the demo was loaded by, still on 20 June: a test moves it on (to July, once June is over)
    /// and hands it to the services it makes. The caller disposes the context.
    /// </summary>
    public static async Task<(TownsDbContext Db, FixedClock Clock)> LoadAsync(StorageProvider provider)
    {
        var clock = new FixedClock(new DateOnly(2025, 6, 20));
        var storage = TestDatabases.Create(provider);
        await DatabaseSetup.InitializeAsync(storage, PolicyCatalog.Load(TestDatabases.PoliciesDirectory));
        var db = storage.CreateContext();
        await DemoData.LoadAsync(db, time: clock);
        return (db, clock);
    }
}
