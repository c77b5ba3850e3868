using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Evaluation;

/// <summary>
/// A published 2024 evaluation (a draft when the demo is loaded before 2024 has ended) of 运城市's specialized towns (the demo's statistics end in 2024) and a draft of its
/// townships, made through the service so that they carry real scores and evidence.
/// </summary>
public static class EvaluationDemo
{
    public const int Year = 2024;

    public static async Task LoadAsync(TownsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Evaluations.AnyAsync(ct)) return;
        var catalog = PolicyCatalog.Load(PolicyCatalog.LocateDirectory());
        if (catalog.Schemes.Count == 0) return;
        var area = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Path == "山西省/运城市", ct);
        if (area is null) return;
        var office = new UserScope(0, Roles.Office, area.Path, null);
        var service = new EvaluationService(db, catalog, new MeasureGatherer(db, catalog, new ReportSettings()), time);
        var towns = await service.CreateAsync(office, "运城市专业镇办（演示）", Year, SubjectKind.Town, area.Id, ct);
        // Published once 2024 is over, as the service allows; a demo loaded on a day within 2024 (the task demo's) keeps it a draft.
        if (ChinaTime.Today(time).Year > Year) await service.PublishAsync(office, "运城市专业镇办（演示）", towns, null, null, ct,
            coverageReason: "演示数据：演示库只录入了部分指标的记录，发布用于展示评估结果的使用方式");
        await service.CreateAsync(office, "运城市专业镇办（演示）", Year, SubjectKind.Township, area.Id, ct);
    }
}
