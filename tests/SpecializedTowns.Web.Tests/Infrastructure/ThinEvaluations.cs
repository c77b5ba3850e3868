using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// The demo as it stood on 12-07, when QA found 2024's evaluations scored on little of the scheme: a copy without the records
/// that now let them score on most of it — 2024's key projects and the manual 督查检查 scores, which go with the evaluations —
/// on which a test makes again, as drafts, the evaluations it reads.
/// </summary>
public static class ThinEvaluations
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    /// <summary>The copy, with the demo accounts, and no evaluation at all.</summary>
    public static async Task<StorageSettings> CopyAsync(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        db.Projects.RemoveRange(await db.Projects.Where(p => p.PlanYear == EvaluationDemo.Year).ToListAsync());
        db.Evaluations.RemoveRange(await db.Evaluations.ToListAsync());
        await db.SaveChangesAsync();
        return storage;
    }

    /// <summary>The evaluation service on 1 March 2025, after the year evaluated and before its results are due.</summary>
    public static EvaluationService Service(TownsDbContext db, TimeProvider? clock = null) =>
        new(db, Catalog, new MeasureGatherer(db, Catalog, new ReportSettings()), clock ?? new FixedClock(new DateOnly(2025, 3, 1)));

    /// <summary>A draft evaluation of <see cref="EvaluationDemo.Year"/> over the <paramref name="kind"/> in the scope's own area.</summary>
    public static async Task<int> CreateAsync(TownsDbContext db, UserScope scope, string unit, SubjectKind kind)
    {
        var area = await db.Jurisdictions.Where(j => j.Path == scope.JurisdictionPath).Select(j => j.Id).SingleAsync();
        return await Service(db).CreateAsync(scope, unit, EvaluationDemo.Year, kind, area);
    }
}
