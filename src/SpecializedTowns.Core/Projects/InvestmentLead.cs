using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Projects;

/// <summary>洽谈 → 签约 → 落地; a lead that lands becomes a key project (招商引资项目库).</summary>
public enum LeadStage { Negotiating = 1, Signed = 2, Landed = 3, Dropped = 9 }

/// <summary>
/// The ways of attracting investment the documents list: "通过专业招商、协会招商、中介招商、产业链招商、以商招商、节会招商、云招商等方式"
/// (朔政办发〔2023〕19号 三（九）; 垣政办发〔2023〕19号 四（八）).
/// </summary>
public enum LeadChannel { Professional = 1, Association = 2, Intermediary = 3, IndustryChain = 4, ByBusiness = 5, Fair = 6, Online = 7, Other = 9 }

/// <summary>"加强产业链'延补强'" — which way the lead strengthens the chain.</summary>
public enum ChainLink { Extend = 1, Fill = 2, Strengthen = 3 }

public static class LeadTerms
{
    public static string Chinese(LeadStage stage) => stage switch
    {
        LeadStage.Negotiating => "洽谈",
        LeadStage.Signed => "签约",
        LeadStage.Landed => "落地",
        _ => "终止",
    };

    public static string Chinese(LeadChannel channel) => channel switch
    {
        LeadChannel.Professional => "专业招商",
        LeadChannel.Association => "协会招商",
        LeadChannel.Intermediary => "中介招商",
        LeadChannel.IndustryChain => "产业链招商",
        LeadChannel.ByBusiness => "以商招商",
        LeadChannel.Fair => "节会招商",
        LeadChannel.Online => "云招商",
        _ => "其他",
    };

    public static string Chinese(ChainLink link) => link switch { ChainLink.Extend => "延链", ChainLink.Fill => "补链", _ => "强链" };
}

public sealed class InvestmentLead
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int SpecializedTownId { get; set; }
    public SpecializedTown? Town { get; set; }
    public int CountyId { get; set; }
    public Jurisdiction? County { get; set; }

    /// <summary>The enterprise being courted (招商目标), usually not yet in the registry.</summary>
    public string TargetEnterprise { get; set; } = "";

    public ChainLink ChainLink { get; set; }

    /// <summary>The link of the chain in words, e.g. "蜂产品精深加工".</summary>
    public string ChainPosition { get; set; } = "";

    public LeadChannel Channel { get; set; }
    public decimal IntendedInvestmentWanYuan { get; set; }
    public int? ResponsibleUnitId { get; set; }
    public Unit? ResponsibleUnit { get; set; }
    public string? Contact { get; set; }
    public string? Notes { get; set; }

    public LeadStage Stage { get; set; } = LeadStage.Negotiating;
    public DateOnly FirstContactOn { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? LandedOn { get; set; }
    public string? DropReason { get; set; }

    /// <summary>The key project the lead became when it landed.</summary>
    public int? KeyProjectId { get; set; }

    public bool IsDemo { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public void Sign(DateOnly on, DateOnly today)
    {
        if (Stage != LeadStage.Negotiating) throw new ProjectRuleException($"只有洽谈中的项目可以签约，此项目现为“{LeadTerms.Chinese(Stage)}”");
        Check(on, today, FirstContactOn, "签约");
        Stage = LeadStage.Signed;
        SignedOn = on;
    }

    /// <summary>Refuses a landing the lead's own state forbids: before signing, or on a day before the signing or after today.</summary>
    public void CheckLanding(DateOnly on, DateOnly today)
    {
        if (Stage != LeadStage.Signed) throw new ProjectRuleException($"签约后才能落地，此项目现为“{LeadTerms.Chinese(Stage)}”");
        Check(on, today, SignedOn!.Value, "落地");
    }

    /// <summary>
    /// Lands the lead and returns the key project it becomes: signed on the lead's signing date, to be started next, with the
    /// owner and plan the office gave on landing (<see cref="LandingPlan"/>) so that the library watches it from the first day.
    /// The project keeps the landing date (<see cref="KeyProject.LandedOn"/>).
    /// </summary>
    public KeyProject Land(DateOnly on, DateOnly today, DateTime atUtc, LandingPlan plan)
    {
        CheckLanding(on, today);
        Stage = LeadStage.Landed;
        LandedOn = on;
        return new KeyProject
        {
            Name = Name, SpecializedTownId = SpecializedTownId, CountyId = CountyId, OwnerName = plan.OwnerName,
            Kind = ProjectKind.New, Role = ProjectRole.ShortBoard, TotalInvestmentWanYuan = IntendedInvestmentWanYuan,
            AnnualPlannedInvestmentWanYuan = plan.AnnualPlannedInvestmentWanYuan, PlanYear = LandingPlan.PlanYearFor(on, plan.PlannedStartOn),
            ResponsibleUnitId = ResponsibleUnitId, Stage = ProjectStage.Signed, PlannedSignedOn = SignedOn, SignedOn = SignedOn,
            PlannedStartOn = plan.PlannedStartOn, PlannedProductionOn = plan.PlannedProductionOn, LandedOn = on,
            Description = $"招商引资项目落地（{LeadTerms.Chinese(Channel)}，{LeadTerms.Chinese(ChainLink)}：{ChainPosition}）",
            CreatedAtUtc = atUtc,
        };
    }

    public void Drop(string reason)
    {
        if (Stage is LeadStage.Landed or LeadStage.Dropped) throw new ProjectRuleException($"此项目已{LeadTerms.Chinese(Stage)}，不能终止");
        if (string.IsNullOrWhiteSpace(reason)) throw new ProjectRuleException("请说明终止洽谈的原因", "reason");
        Stage = LeadStage.Dropped;
        DropReason = reason.Trim();
    }

    private static void Check(DateOnly on, DateOnly today, DateOnly notBefore, string step)
    {
        if (on > today) throw new ProjectRuleException($"{step}日期不能晚于今天", "on");
        if (on < notBefore) throw new ProjectRuleException($"{step}日期不能早于 {notBefore.Year}年{notBefore.Month}月{notBefore.Day}日", "on");
    }
}

/// <summary>
/// What the office gives when a lead lands, so that the key project it becomes is not a blank the warnings never see: the
/// real owner (the lead names only a target, often "福建某食品有限公司"), the year's planned investment and the planned 开工
/// date, and the planned 投产 date when known.
/// </summary>
public sealed record LandingPlan(string OwnerName, decimal AnnualPlannedInvestmentWanYuan, DateOnly PlannedStartOn, DateOnly? PlannedProductionOn)
{
    /// <summary>The year the plan is for: the landing year, or the year of the planned start when that is later (a lead landing in December to start in spring plans for spring's year).</summary>
    public static int PlanYearFor(DateOnly landedOn, DateOnly plannedStartOn) => Math.Max(landedOn.Year, plannedStartOn.Year);
}
