using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Projects;

/// <summary>
/// The life of a key project as the documents put it: "推动签约项目早落地、落地项目早建设、建设项目早投产、
/// 投产项目早达效" (垣政办发〔2023〕19号 四（四）, 新政办发〔2023〕33号 二3, 阳政办发〔2023〕24号 三（四）).
/// </summary>
public enum ProjectStage { Planning = 0, Signed = 1, Started = 2, InProduction = 3, AtTarget = 4 }

/// <summary>新建 / 扩建 / 技改.</summary>
public enum ProjectKind { New = 1, Expansion = 2, TechUpgrade = 3 }

/// <summary>"谋划实施一批标志性、引领性的重大项目，着力储备一批补短板、强弱项的重点项目".</summary>
public enum ProjectRole { Flagship = 1, ShortBoard = 2 }

public static class ProjectTerms
{
    public static string Chinese(ProjectStage stage) => stage switch
    {
        ProjectStage.Planning => "谋划储备",
        ProjectStage.Signed => "签约",
        ProjectStage.Started => "开工",
        ProjectStage.InProduction => "投产",
        _ => "达效",
    };

    public static string Chinese(ProjectKind kind) => kind switch { ProjectKind.New => "新建", ProjectKind.Expansion => "扩建", _ => "技改" };

    public static string Chinese(ProjectRole role) => role == ProjectRole.Flagship ? "标志性引领性" : "补短板强弱项";

    public static readonly ProjectStage[] Stages = Enum.GetValues<ProjectStage>();

    public static readonly ProjectStage[] Milestones = [ProjectStage.Signed, ProjectStage.Started, ProjectStage.InProduction, ProjectStage.AtTarget];
}

/// <summary>A step on a project or lead refused; by default for its state (<see cref="RefusalKind.Conflict"/>).</summary>
public sealed class ProjectRuleException(string message, string? field = null) : Exception(message), IRefusal
{
    public string? Field { get; } = field;

    public RefusalKind Kind { get; init; } = field is null ? RefusalKind.Conflict : RefusalKind.Invalid;
}

/// <summary>
/// 重点项目库: one project of a specialized town, followed through its whole life. The planned date of each
/// stage is set when the project is entered; the actual date is written when the stage is reached, in order.
/// </summary>
public sealed class KeyProject : IVersioned
{
    /// <summary>Edit-form version (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int SpecializedTownId { get; set; }
    public SpecializedTown? Town { get; set; }

    /// <summary>The county the project belongs to (its town's), which decides who sees it.</summary>
    public int CountyId { get; set; }
    public Jurisdiction? County { get; set; }

    public int? OwnerEnterpriseId { get; set; }
    public Enterprise? OwnerEnterprise { get; set; }

    /// <summary>The owner as written: the enterprise's name, or an investor not yet in the enterprise registry.</summary>
    public string OwnerName { get; set; } = "";

    public ProjectKind Kind { get; set; }
    public ProjectRole Role { get; set; }
    public string? Description { get; set; }
    public decimal TotalInvestmentWanYuan { get; set; }

    /// <summary>The investment planned for <see cref="PlanYear"/>; monthly progress is measured against it.</summary>
    public decimal AnnualPlannedInvestmentWanYuan { get; set; }
    public int PlanYear { get; set; }

    public int? ResponsibleUnitId { get; set; }
    public Unit? ResponsibleUnit { get; set; }
    public string? ResponsibleLeader { get; set; }

    public ProjectStage Stage { get; set; }
    public DateOnly? PlannedSignedOn { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? PlannedStartOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? PlannedProductionOn { get; set; }
    public DateOnly? InProductionOn { get; set; }
    public DateOnly? PlannedTargetOn { get; set; }
    public DateOnly? AtTargetOn { get; set; }

    /// <summary>
    /// The day the 招商引资 lead it came from landed (<see cref="InvestmentLead.Land"/>); none for a project entered or
    /// imported directly. A fact of the lead's history, not a stage of the project, so never edited on the project.
    /// </summary>
    public DateOnly? LandedOn { get; set; }

    public bool IsDemo { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public List<ProjectProgress> Progress { get; set; } = [];
    public List<ElementGuarantee> Guarantees { get; set; } = [];
    public List<ProjectStageChange> StageChanges { get; set; } = [];

    public DateOnly? PlannedOn(ProjectStage stage) => stage switch
    {
        ProjectStage.Signed => PlannedSignedOn,
        ProjectStage.Started => PlannedStartOn,
        ProjectStage.InProduction => PlannedProductionOn,
        ProjectStage.AtTarget => PlannedTargetOn,
        _ => null,
    };

    public DateOnly? ReachedOn(ProjectStage stage) => stage switch
    {
        ProjectStage.Signed => SignedOn,
        ProjectStage.Started => StartedOn,
        ProjectStage.InProduction => InProductionOn,
        ProjectStage.AtTarget => AtTargetOn,
        _ => null,
    };

    /// <summary>
    /// The first day a stage or a month's progress of the project may be dated: 1 January of the earliest year the project
    /// itself names (its plan year, the year it entered the library, its planned or reached stage dates). A project entered
    /// in 2026 that plans to sign in November 2026 cannot have signed in 2001 or invested in 2019; one that really began
    /// earlier says so first in its planned dates, which the office edits.
    /// </summary>
    public DateOnly EarliestRecordDate =>
        new(new[] { PlanYear, DateOnly.FromDateTime(CreatedAtUtc.AddHours(8)).Year }
            .Concat(ProjectTerms.Milestones.SelectMany(s => new[] { PlannedOn(s), ReachedOn(s) }).Where(d => d is not null).Select(d => d!.Value.Year))
            .Where(y => y >= 2000).DefaultIfEmpty(2000).Min(), 1, 1);

    /// <summary>
    /// A 技改 or 扩建 project of an enterprise already there has no investment agreement to sign,
    /// so it may go from 谋划储备 straight to 开工; every other step is the next stage only.
    /// </summary>
    public bool CanSkipSigning => Kind is ProjectKind.TechUpgrade or ProjectKind.Expansion;

    public IReadOnlyList<ProjectStage> NextStages() => Stage switch
    {
        ProjectStage.AtTarget => [],
        ProjectStage.Planning when CanSkipSigning => [ProjectStage.Signed, ProjectStage.Started],
        _ => [Stage + 1],
    };

    /// <summary>Records that the project reached <paramref name="stage"/> on <paramref name="on"/>.</summary>
    public ProjectStageChange Advance(ProjectStage stage, DateOnly on, DateOnly today, int userId, string userName, string? note, DateTime atUtc)
    {
        if (!NextStages().Contains(stage))
            throw new ProjectRuleException(Stage == ProjectStage.AtTarget
                ? "项目已达效，没有下一个阶段"
                : $"项目现处于“{ProjectTerms.Chinese(Stage)}”，下一步只能是“{string.Join("”或“", NextStages().Select(ProjectTerms.Chinese))}”");
        if (on > today) throw new ProjectRuleException($"{ProjectTerms.Chinese(stage)}日期不能晚于今天", "on");
        if (on < EarliestRecordDate)
            throw new ProjectRuleException($"{ProjectTerms.Chinese(stage)}日期不能早于 {EarliestRecordDate.Year}年1月1日（项目计划年度、入库年份和计划日期中最早的一年）；项目确实更早启动的，请先在“编辑”中改正计划日期", "on");
        var previous = ProjectTerms.Milestones.Where(s => s < stage).Select(ReachedOn).Where(d => d is not null).Max();
        if (previous is { } p && on < p)
            throw new ProjectRuleException($"{ProjectTerms.Chinese(stage)}日期不能早于上一阶段的 {p.Year}年{p.Month}月{p.Day}日", "on");

        var change = new ProjectStageChange
        {
            ProjectId = Id, From = Stage, To = stage, On = on, UserId = userId, UserName = userName,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), AtUtc = atUtc,
        };
        switch (stage)
        {
            case ProjectStage.Signed: SignedOn = on; break;
            case ProjectStage.Started: StartedOn = on; break;
            case ProjectStage.InProduction: InProductionOn = on; break;
            case ProjectStage.AtTarget: AtTargetOn = on; break;
        }
        Stage = stage;
        StageChanges.Add(change);
        return change;
    }
}

/// <summary>One stage reached: who recorded it and when. Never changed once written.</summary>
public sealed class ProjectStageChange
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public ProjectStage From { get; set; }
    public ProjectStage To { get; set; }
    public DateOnly On { get; set; }
    public int UserId { get; set; }
    public string UserName { get; set; } = "";
    public string? Note { get; set; }
    public DateTime AtUtc { get; set; }
}

/// <summary>A month's progress of a project: the investment completed that month, the works, the difficulties.</summary>
public sealed class ProjectProgress
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public decimal InvestmentCompletedWanYuan { get; set; }
    public string PhysicalProgress { get; set; } = "";
    public string? Difficulties { get; set; }

    /// <summary>The problem-ledger entry the difficulties were raised as, when they were.</summary>
    public int? ProblemId { get; set; }

    public int ReportedByUserId { get; set; }
    public string ReportedBy { get; set; } = "";
    public DateTime ReportedAtUtc { get; set; }
}

/// <summary>要素保障: 用地, 用能, 环评, 融资 (垣政办发〔2023〕19号 四（九）and the like).</summary>
public enum GuaranteeKind { Land = 1, Energy = 2, EnvironmentalAssessment = 3, Financing = 4 }

public enum GuaranteeStatus { NotNeeded = 0, Pending = 1, InProgress = 2, Secured = 3, Blocked = 4 }

public static class GuaranteeTerms
{
    public static readonly GuaranteeKind[] Kinds = Enum.GetValues<GuaranteeKind>();

    public static string Chinese(GuaranteeKind kind) => kind switch
    {
        GuaranteeKind.Land => "用地",
        GuaranteeKind.Energy => "用能",
        GuaranteeKind.EnvironmentalAssessment => "环评",
        _ => "融资",
    };

    public static string Chinese(GuaranteeStatus status) => status switch
    {
        GuaranteeStatus.NotNeeded => "无需办理",
        GuaranteeStatus.Pending => "待落实",
        GuaranteeStatus.InProgress => "办理中",
        GuaranteeStatus.Secured => "已保障",
        _ => "受阻",
    };
}

public sealed class ElementGuarantee
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public GuaranteeKind Kind { get; set; }
    public GuaranteeStatus Status { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string? Note { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Field lengths, shared by the schema and the checks on input.</summary>
public static class ProjectLimits
{
    public const int Name = 100;
    public const int Text = 1000;
    public const int Note = 400;
}
