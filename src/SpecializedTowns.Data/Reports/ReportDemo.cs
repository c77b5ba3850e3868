using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Units;
using TaskForce = SpecializedTowns.Core.Reports.TaskForce;

namespace SpecializedTowns.Data.Reports;

/// <summary>
/// Demo task forces and monthly reports. The task forces come from the policy packs' mechanisms.taskForces (新绛's four,
/// 附件1) matched to the demo towns by name, plus one for 垣曲's 历山 so that its township account can report. Reports run
/// over the three months before the one the demo is loaded in, through the same state machine as real ones, so that a fresh
/// demo shows on-time, late, missing, flagged, waiting and draft reports.
/// </summary>
internal static class ReportDemo
{
    private sealed record Plan(decimal Output, decimal Investment, int Employees, string Progress, string NextPlan, string? Difficulty);

    private static readonly Dictionary<string, Plan> Plans = new()
    {
        ["万安钻石专业镇"] = new(8500, 2100, 5200, "培育钻石产业园二期厂房主体完工，压机安装推进；组织企业参加深圳珠宝展", "完成二期压机安装调试，推进钻石检测中心建设", "高端压机配件依赖外地采购，交货周期长"),
        ["绛州非遗文创专业镇"] = new(620, 90, 860, "澄泥砚、云雕作品参加省文博会，开展非遗传承人带徒培训两期", "筹办绛州非遗文创市集，推进文创产品线上销售", null),
        ["绛州绿专业镇"] = new(2400, 300, 3100, "设施蔬菜新建大棚 120 座，番茄标准化生产技术规程推广", "做好冬春茬蔬菜育苗，对接京津冀商超订单", "冷链运输车辆不足"),
        ["新绛中药材专业镇"] = new(1100, 160, 1400, "北张镇中药材仓储项目完成选址，阳王镇种植基地扩面 800 亩", "推进中药饮片企业 GMP 改造", "种植户对新品种接受度不高"),
        ["历山镇蜂蜜专业镇"] = new(1800, 260, 2100, "蜂产品精深加工扩建项目主体厂房封顶，开展养蜂技术培训两期", "推进灌装线设备到货安装，筹备蜂蜜文化节", "进口设备报关周期长"),
    };

    public static async Task LoadAsync(TownsDbContext db, DateOnly today, CancellationToken ct)
    {
        var towns = await db.Towns.AsNoTracking().Include(t => t.County).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Include(u => u.Jurisdiction).ToListAsync(ct);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township).ToListAsync(ct);
        var thisMonth = ReportMonth.Of(today);
        var p1 = thisMonth.Previous;
        var p2 = p1.Previous;
        var p3 = p2.Previous;
        var now = DateTime.UtcNow;
        var forces = new List<TaskForce>();

        int? UnitId(string countyPath, string name) => units
            .Where(u => u.Name == name && (countyPath == u.Jurisdiction!.Path || countyPath.StartsWith(u.Jurisdiction.Path + "/", StringComparison.Ordinal)))
            .OrderByDescending(u => u.Jurisdiction!.Path.Length).Select(u => (int?)u.Id).FirstOrDefault();

        TaskForce Force(Core.Towns.SpecializedTown town, IEnumerable<string> leads, IEnumerable<string> supporting, IEnumerable<string> supportingTownships, string? leader, string? source)
        {
            var path = town.County!.Path;
            var force = new TaskForce
            {
                SpecializedTownId = town.Id, CountyId = town.CountyId, ResponsibleLeader = leader, Source = source,
                ReportsFrom = p3.FirstDay, IsDemo = true, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            foreach (var (names, role) in new[] { (leads, TaskForceRole.Lead), (supporting, TaskForceRole.Supporting) })
                foreach (var id in names.Select(n => UnitId(path, n)).OfType<int>().Distinct())
                    if (force.Units.All(u => u.UnitId != id)) force.Units.Add(new TaskForceUnit { UnitId = id, Role = role });
            foreach (var t in supportingTownships.Select(n => townships.FirstOrDefault(j => j.Name == n && j.Path.StartsWith(path + "/", StringComparison.Ordinal))).OfType<Jurisdiction>())
                force.Townships.Add(new TaskForceTownship { TownshipId = t.Id });
            return force;
        }

        foreach (var record in await db.PolicyDocuments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct))
        {
            var (pack, _) = PolicyPackReader.Read(record.Id + ".yaml", record.PackYaml);
            if (pack is null) continue;
            var countyPath = string.Join("/", pack.Document.JurisdictionPath);
            foreach (var f in pack.Mechanisms.TaskForces)
            {
                // The annex names a town by its short name (万安钻石); the registry by its full one (万安钻石专业镇).
                var matches = towns.Where(t => t.County!.Path == countyPath && t.Name.StartsWith(f.Town, StringComparison.Ordinal)).ToList();
                if (matches.Count != 1 || forces.Any(x => x.SpecializedTownId == matches[0].Id)) continue;
                forces.Add(Force(matches[0], f.LeadUnits.Select(n => UnitNames.Registered(pack, n)), f.SupportingUnits.Select(n => UnitNames.Registered(pack, n)),
                    f.SupportingTownships, f.ResponsibleLeader, f.Source));
            }
        }
        if (towns.FirstOrDefault(t => t.Name == "历山镇蜂蜜专业镇") is { } lishan && forces.All(f => f.SpecializedTownId != lishan.Id))
            forces.Add(Force(lishan, ["县工科局"], ["县农业农村局"], ["历山镇"], "分管副县长",
                "演示数据：垣政办发〔2023〕19号未列专班名单，按县领导小组分工设立"));
        if (forces.Count == 0) return;
        db.TaskForces.AddRange(forces);
        await db.SaveChangesAsync(ct);

        var settings = new ReportSettings();
        var townNames = towns.ToDictionary(t => t.Id, t => t.Name);
        foreach (var force in forces)
        {
            var town = townNames[force.SpecializedTownId];
            if (!Plans.TryGetValue(town, out var plan)) continue;
            var county = towns.Single(t => t.Id == force.SpecializedTownId).County!.Name;
            var leadUnit = units.FirstOrDefault(u => force.Units.Any(x => x.UnitId == u.Id && x.Role == TaskForceRole.Lead))?.Name ?? "专班";
            var reporter = town == "历山镇蜂蜜专业镇" ? new Actor(0, "历山镇专业镇专干", Roles.Township) : new Actor(0, leadUnit, Roles.MemberUnit);
            var office = new Actor(0, $"{county}专业镇办", Roles.Office);
            var history = new Dictionary<ReportMonth, MonthlyReport>();

            // What each month looks like for the town; null = nothing reported.
            var story = town switch
            {
                "万安钻石专业镇" => new[] { (p3, "accepted"), (p2, "accepted"), (p1, "submitted") },
                "绛州非遗文创专业镇" => [(p3, "accepted"), (p2, "late"), (p1, "draft")],
                "绛州绿专业镇" => [(p3, "accepted"), (p2, "accepted"), (p1, "dropped")],
                "新绛中药材专业镇" => [(p3, "accepted")],
                _ => [(p3, "accepted"), (p2, "accepted"), (p1, "accepted")],
            };
            foreach (var (month, kind) in story)
            {
                var figures = Figures(plan, month, kind == "dropped");
                var content = new ReportContent(figures, plan.Progress, plan.NextPlan, plan.Difficulty,
                    kind == "dropped" ? "入冬后设施蔬菜进入换茬期，上市量季节性减少" : null, null, null);
                var due = ReportDeadline.DueOn(month, settings);
                MonthlyReport report;
                if (kind == "late")
                {
                    // Missed the due date; the office reopened the month and the report came in three days late.
                    var reopened = At(due.AddDays(2), 9);
                    report = MonthlyReport.Empty(force.Id, month, office, reopened);
                    report.Reopen(office, reopened, "专班负责人外出学习，申请补报", settings);
                    report.Write(content, reporter.UserName, At(due.AddDays(3), 10), settings);
                    Submit(report, reporter, At(due.AddDays(3), 10), history, settings);
                    report.Accept(office, At(due.AddDays(4), 15), "补报材料齐全，下不为例");
                }
                else
                {
                    // Reports of last month were written at its end and sent on the first day of this one (a month is reported
                    // once it is over); earlier ones early in the following month.
                    var written = month == p1 ? At(month.LastDay, 16) : At(month.LastDay.AddDays(5), 10);
                    var sent = month == p1 ? At(month.Next.FirstDay, 9) : written.AddMinutes(30);
                    report = MonthlyReport.Start(force.Id, month, reporter, written, settings);
                    report.Write(kind == "draft" ? content with { Figures = figures with { InvestmentYearToDateWanYuan = null, Employees = null } } : content,
                        reporter.UserName, written, settings);
                    if (kind != "draft") Submit(report, reporter, sent, history, settings);
                    if (kind == "accepted") report.Accept(office, sent.AddHours(2), null);
                }
                report.IsDemo = true;
                history[month] = report;
                db.MonthlyReports.Add(report);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Submit(MonthlyReport report, Actor reporter, DateTime at, Dictionary<ReportMonth, MonthlyReport> history, ReportSettings settings)
    {
        var previous = PreviousReport.Latest(report.Period, history.Values.Where(r => ReportStates.IsReported(r.State)).Select(r => new PreviousReport(r.Period, r.Figures)));
        var flags = ReportPlausibility.Check(report.Period, report.Figures, previous, settings.OutputDropShare, settings.OutputRiseFactor);
        report.Submit(reporter, at, flags, settings);
    }

    /// <summary>Monthly output rising slowly through the year; the year's totals summed from January.</summary>
    private static FigureValues Figures(Plan plan, ReportMonth month, bool dropped)
    {
        decimal Output(int m) => Math.Round(plan.Output * (0.9m + 0.02m * m), 2);
        var output = dropped ? Math.Round(Output(month.Month - 1 < 1 ? 12 : month.Month - 1) * 0.6m, 2) : Output(month.Month);
        var ytd = Enumerable.Range(1, month.Month - 1).Sum(Output) + output;
        return new FigureValues(output, ytd, plan.Investment * month.Month, plan.Employees + 15 * month.Month, 2 + month.Month % 4, month.Month % 5 == 0 ? 1 : 0);
    }

    /// <summary>The hour in China Standard Time on that day, as UTC.</summary>
    private static DateTime At(DateOnly day, int hour) => DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, 0)).AddHours(-8), DateTimeKind.Utc);
}
