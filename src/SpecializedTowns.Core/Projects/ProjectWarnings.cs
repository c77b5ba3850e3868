using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Projects;

public enum WarningLevel { None = 0, Yellow = 1, Red = 2 }

public sealed record ProjectWarning(WarningLevel Level, string Text);

/// <summary>
/// Investment a project reported for its plan year, with the part reported for the month still under way: the plan is owed
/// by whole months to the end of last month (<see cref="ProjectWarnings.ExpectedByNow"/>), and the units report each month's
/// progress once a month (新政办发〔2023〕33号 四（二）“每月向专业镇领导小组办公室汇报进展情况”), so a figure typed on the 8th for
/// the month under way is measured against that month's plan only once the month is over (QA120-7: 800万元 typed for
/// December turned a red project yellow against the plan to the end of November).
/// </summary>
public readonly record struct PlanYearCompletion(decimal TotalWanYuan, decimal RunningMonthWanYuan)
{
    /// <summary>What the plan to the end of last month is measured against.</summary>
    public decimal ThroughLastMonthWanYuan => TotalWanYuan - RunningMonthWanYuan;

    /// <summary>A total with nothing reported for the month under way (a past plan year, or no figure yet this month).</summary>
    public static implicit operator PlanYearCompletion(decimal totalWanYuan) => new(totalWanYuan, 0);

    /// <summary>The plan year's monthly figures, split at <paramref name="today"/>'s month: the one place that says which month is under way.</summary>
    public static PlanYearCompletion Of(IEnumerable<(int Year, int Month, decimal WanYuan)> progress, int planYear, DateOnly today)
    {
        decimal total = 0, running = 0;
        foreach (var (year, month, amount) in progress)
        {
            if (year != planYear) continue;
            total += amount;
            if (IsRunning(year, month, today)) running += amount;
        }
        return new(total, running);
    }

    public static bool IsRunning(int year, int month, DateOnly today) => year == today.Year && month == today.Month;
}

/// <summary>
/// How early a project is flagged (configuration `Projects`): a stage due within <see cref="DueSoonDays"/> is yellow, past due is red;
/// investment below <see cref="InvestmentYellowBelow"/> of what the year's plan expects by now is yellow, below <see cref="InvestmentRedBelow"/> red.
/// </summary>
public sealed record ProjectWarningSettings
{
    public int DueSoonDays { get; init; } = 30;
    public decimal InvestmentYellowBelow { get; init; } = 0.8m;
    public decimal InvestmentRedBelow { get; init; } = 0.5m;
}

/// <summary>The 动态监测 of key projects: warnings before a stage slips, and when investment falls behind the year's plan.</summary>
public static class ProjectWarnings
{
    /// <summary>The light as the list, the export and the 字典 name it.</summary>
    public static string Chinese(WarningLevel level) => level switch { WarningLevel.Red => "红", WarningLevel.Yellow => "黄", _ => "绿" };

    public static IReadOnlyList<ProjectWarning> For(KeyProject project, PlanYearCompletion completed, DateOnly today, ProjectWarningSettings settings)
    {
        var completedInPlanYearWanYuan = completed.TotalWanYuan;
        var warnings = new List<ProjectWarning>();
        foreach (var stage in ProjectTerms.Milestones.Where(s => s > project.Stage))
        {
            if (project.PlannedOn(stage) is not { } planned) continue;
            var days = planned.DayNumber - today.DayNumber;
            var name = ProjectTerms.Chinese(stage);
            switch (StageLevel(days, settings))
            {
                case WarningLevel.Red: warnings.Add(new(WarningLevel.Red, $"计划{name}日期已过 {-days} 天，尚未{name}")); break;
                case WarningLevel.Yellow: warnings.Add(new(WarningLevel.Yellow, days == 0 ? $"今天是计划{name}日期" : $"距计划{name}还有 {days} 天")); break;
            }
        }

        if (AbovePlan(project, completedInPlanYearWanYuan))
            warnings.Add(new(WarningLevel.Yellow, $"{project.PlanYear}年已完成投资 {Quantity.WanYuan(completedInPlanYearWanYuan)}，超过年度计划投资 "
                + $"{Quantity.WanYuan(project.AnnualPlannedInvestmentWanYuan)}（完成 {Math.Floor(completedInPlanYearWanYuan / project.AnnualPlannedInvestmentWanYuan * 100)}%），请核实填报或调整年度计划"));
        var gaps = PlanGaps(project);
        if (gaps.Count > 0)
            warnings.Add(new(WarningLevel.Yellow, $"计划未完善：尚未填写{string.Join("、", gaps)}，无法按计划监测进度，请在“编辑”中补充"));
        var expected = ExpectedByNow(project, today);
        if (expected > 0)
        {
            var ratio = completed.ThroughLastMonthWanYuan / expected;
            var from = InvestmentFrom(project)!.Value;
            var basis = from.Month == 1 ? "按计划" : $"按计划（自{from.Year}年{from.Month}月起计）";
            // Said outright, so that the figure on the project's page (the whole year's reports) and the one measured here are not read as a slip.
            var running = completed.RunningMonthWanYuan > 0 ? $"（本月已填报 {Quantity.Money(completed.RunningMonthWanYuan)}，月底后计入）" : "";
            var text = $"{project.PlanYear}年截至上月底已完成投资 {Quantity.Money(completed.ThroughLastMonthWanYuan)}{running}，{basis}到上月底应完成 {Quantity.Money(expected)}（完成 {Math.Floor(ratio * 100)}%）";
            switch (InvestmentLevel(ratio, settings))
            {
                case WarningLevel.Red: warnings.Add(new(WarningLevel.Red, "投资严重滞后：" + text)); break;
                case WarningLevel.Yellow: warnings.Add(new(WarningLevel.Yellow, "投资进度滞后：" + text)); break;
            }
        }
        return warnings;
    }

    /// <summary>
    /// The level <see cref="For"/> would give, without writing its texts: a province library holds tens of thousands of
    /// projects, and sorting or counting them by warning needs only the level.
    /// </summary>
    public static WarningLevel LevelFor(KeyProject project, PlanYearCompletion completed, DateOnly today, ProjectWarningSettings settings)
    {
        var completedInPlanYearWanYuan = completed.TotalWanYuan;
        var level = WarningLevel.None;
        foreach (var stage in ProjectTerms.Milestones)
        {
            if (stage <= project.Stage || project.PlannedOn(stage) is not { } planned) continue;
            level = Max(level, StageLevel(planned.DayNumber - today.DayNumber, settings));
        }
        if (AbovePlan(project, completedInPlanYearWanYuan) || PlanGaps(project).Count > 0) level = Max(level, WarningLevel.Yellow);
        var expected = ExpectedByNow(project, today);
        return expected > 0 ? Max(level, InvestmentLevel(completed.ThroughLastMonthWanYuan / expected, settings)) : level;
    }

    private static WarningLevel StageLevel(int daysToPlanned, ProjectWarningSettings settings) =>
        daysToPlanned < 0 ? WarningLevel.Red : daysToPlanned <= settings.DueSoonDays ? WarningLevel.Yellow : WarningLevel.None;

    private static WarningLevel InvestmentLevel(decimal ratio, ProjectWarningSettings settings) =>
        ratio < settings.InvestmentRedBelow ? WarningLevel.Red : ratio < settings.InvestmentYellowBelow ? WarningLevel.Yellow : WarningLevel.None;

    /// <summary>
    /// More completed in the plan year than the year's plan: a slip of the unit or a plan left unrevised, which the office
    /// should look at rather than read as "ahead of schedule" (the 滞后 warning falls silent once the plan is passed).
    /// </summary>
    private static bool AbovePlan(KeyProject project, decimal completedInPlanYearWanYuan) =>
        project.AnnualPlannedInvestmentWanYuan > 0 && completedInPlanYearWanYuan > project.AnnualPlannedInvestmentWanYuan;

    private static WarningLevel Max(WarningLevel a, WarningLevel b) => a > b ? a : b;

    /// <summary>
    /// The share of the year's planned investment due by the end of last month: the plan is spread evenly over the months
    /// from the month investment can begin (<see cref="InvestmentFrom"/>) to December, and the monthly reports cover whole
    /// months, so the month under way is not yet counted. A project signed in September that plans to start in December
    /// owes nothing before December; spreading its plan from January would call it 严重滞后 before it could have begun.
    /// Zero outside the plan year, for a project still 谋划储备, and before investment can begin.
    /// </summary>
    public static decimal ExpectedByNow(KeyProject project, DateOnly today) =>
        today.Year != project.PlanYear ? 0 : PlannedThrough(project, today.Month - 1);

    /// <summary>
    /// The year's planned investment due by the end of <paramref name="month"/> of the plan year (cumulative; 0 for month 0):
    /// the plan spread evenly from the month investment can begin (<see cref="InvestmentFrom"/>) to December, the whole
    /// plan from December on. The one rule both the warnings (<see cref="ExpectedByNow"/>) and the library's planned
    /// investment line follow, so that the chart never shows as owed what the warnings do not ask.
    /// </summary>
    public static decimal PlannedThrough(KeyProject project, int month)
    {
        if (project.AnnualPlannedInvestmentWanYuan <= 0 || InvestmentFrom(project) is not { } from) return 0;
        var months = Math.Min(month, 12) - from.Month + 1;
        return months <= 0 ? 0 : Math.Round(project.AnnualPlannedInvestmentWanYuan * months / (13 - from.Month), 2);
    }

    /// <summary>
    /// The first day of the plan year from which the year's planned investment is due: the day the project started (or
    /// plans to start), else the day it signed (or plans to sign), but not before 1 January of the plan year. None for a
    /// 谋划储备 project (nothing is agreed yet, so nothing is owed), for one whose dates all lie after the plan year, and for
    /// one under way with no date at all only 1 January (it is building, so the whole year's plan applies).
    /// </summary>
    public static DateOnly? InvestmentFrom(KeyProject project)
    {
        if (project.Stage == ProjectStage.Planning || project.PlanYear is < 1 or > 9999) return null;
        var begins = (project.Stage >= ProjectStage.Started ? project.StartedOn : null) ?? project.PlannedStartOn ?? project.SignedOn ?? project.PlannedSignedOn;
        var yearStart = new DateOnly(project.PlanYear, 1, 1);
        if (begins is null) return project.Stage >= ProjectStage.Started ? yearStart : null;
        if (begins.Value.Year > project.PlanYear) return null;
        return begins.Value < yearStart ? yearStart : begins;
    }

    /// <summary>
    /// What a signed or building project lacks for its progress to be watched: without a planned 开工 date the stage is never
    /// due, and without the year's planned investment nothing is ever behind, so such a project would stay green for good
    /// (a lead that lands without them, for one). Flagged 计划未完善 instead. A 谋划储备 project is still being shaped, and
    /// one in production has spent its money, so neither is asked.
    /// </summary>
    public static IReadOnlyList<string> PlanGaps(KeyProject project)
    {
        if (project.Stage is ProjectStage.Planning or ProjectStage.InProduction or ProjectStage.AtTarget) return [];
        var gaps = new List<string>();
        if (project.AnnualPlannedInvestmentWanYuan <= 0) gaps.Add("年度计划投资");
        if (project.Stage < ProjectStage.Started && project.PlannedStartOn is null) gaps.Add("计划开工日期");
        return gaps;
    }

    /// <summary>
    /// Why a project has its light, in one line for a reminder: the warnings of that light, so that a project red for its
    /// investment is not announced by the yellow “距计划投产还有 20 天” that happens to come first. The lesser ones are on its page.
    /// </summary>
    public static string Reason(IReadOnlyList<ProjectWarning> warnings)
    {
        var level = LevelOf(warnings);
        return string.Join("；", warnings.Where(w => w.Level == level).Select(w => w.Text));
    }

    public static WarningLevel LevelOf(IReadOnlyList<ProjectWarning> warnings) => warnings.Count == 0 ? WarningLevel.None : warnings.Max(w => w.Level);
}
