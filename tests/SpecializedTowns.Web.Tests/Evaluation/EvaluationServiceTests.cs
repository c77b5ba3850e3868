using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SpecializedTowns.Web.Tests.Evaluation;

public class EvaluationServiceTests(ITestOutputHelper output)
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuncheng = new(1, Roles.Office, "山西省/运城市", null);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static EvaluationService Service(TownsDbContext db) =>
        new(db, Catalog, new MeasureGatherer(db, Catalog, new ReportSettings()), new Clock(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task Explore()
    {
        await using var db = (await TestDatabases.WithDemoAsync(StorageProvider.Sqlite)).CreateContext();
        var service = Service(db);
        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            var id = await service.CreateAsync(Yuncheng, "运城办", 2024, kind, null);
            var view = await service.GetAsync(Yuncheng, id);
            foreach (var r in view.Results)
            {
                output.WriteLine($"{kind} #{r.Row.Rank} {r.Row.SubjectName} {r.Row.Place} {r.Row.Total} {r.Row.Band} c={r.Row.Commended} s={r.Row.Supervised}");
                foreach (var i in r.Indicators) output.WriteLine($"    {i.Name}: {i.Value} -> {i.Points} ({i.Weighted}) {i.Explanation} | {string.Join(" / ", i.Evidence.Take(2))}");
            }
        }
    }
}
