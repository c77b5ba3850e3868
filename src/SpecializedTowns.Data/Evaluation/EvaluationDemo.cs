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
/// townships, made through the service so that they carry real scores and evidence. They score on what a county's records of 2024
/// hold: the year's statistics, brands and standards, the 2024 key projects (ProjectDemo), and the office's 督查检查 scores below.
/// </summary>
public static class EvaluationDemo
{
    public const int Year = 2024;

    private const string Office = "运城市专业镇办（演示）";

    /// <summary>
    /// The office's 督查检查 of 2024 (a manual indicator), as its inspection found each recognised town; a town not named here
    /// keeps the indicator unscored.
    /// </summary>
    private static readonly (string Town, decimal Points, string Reason)[] Inspections =
    [
        ("万安钻石专业镇", 92, "2024年度专业镇工作督查：专班运行规范，项目推进台账完整，培育钻石产业园建设进度快"),
        ("绛州非遗文创专业镇", 78, "2024年度专业镇工作督查：非遗传承人培训记录完整；专班月报有补报，工坊项目投产晚于计划"),
        ("绛州绿专业镇", 85, "2024年度专业镇工作督查：设施蔬菜标准化生产推广到位，冷链短板已列入问题台账跟踪"),
        ("新绛中药材专业镇", 70, "2024年度专业镇工作督查：仓储物流中心项目未按计划开工，用地手续推进不力，已要求限期整改"),
        ("永济机电制造专业镇", 88, "2024年度专业镇工作督查：龙头企业带动作用明显，智能制造项目按期投产"),
        ("卿头镇农副产品加工专业镇", 75, "2024年度专业镇工作督查：冷链及净菜加工项目设备调试滞后，年内未能投产"),
    ];

    public static async Task LoadAsync(TownsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Evaluations.AnyAsync(ct)) return;
        var catalog = PolicyCatalog.Load(PolicyCatalog.LocateDirectory());
        if (catalog.Schemes.Count == 0) return;
        var area = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Path == "山西省/运城市", ct);
        if (area is null) return;
        var office = new UserScope(0, Roles.Office, area.Path, null);
        var service = new EvaluationService(db, catalog, new MeasureGatherer(db, catalog, new ReportSettings()), time);
        var towns = await service.CreateAsync(office, Office, Year, SubjectKind.Town, area.Id, ct);
        var manual = (await service.GetAsync(office, towns, ct)).Scheme.Rules.FirstOrDefault(r => r.Method == ScoringMethod.Manual);
        if (manual is not null)
            foreach (var (town, points, reason) in Inspections)
                if (await db.Towns.Where(t => t.Name == town).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct) is { } id)
                    await service.SetManualScoreAsync(office, Office, towns, null, $"town:{id}", manual.Key, points, reason, ct);
        // Published once 2024 is over, as the service allows; a demo loaded on a day within 2024 (the task demo's) keeps it a draft.
        if (ChinaTime.Today(time).Year > Year) await service.PublishAsync(office, Office, towns, null, null, ct);
        await service.CreateAsync(office, Office, Year, SubjectKind.Township, area.Id, ct);
    }
}
