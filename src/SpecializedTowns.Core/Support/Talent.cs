namespace SpecializedTowns.Core.Support;

/// <summary>
/// The people 朔政办发〔2023〕19号 四（二） 强化专业镇企业领军人才支撑保障 speaks of: 领军企业家, 在专业镇工作的高层次人才, the
/// 管理、技术、营销 talents a county may put forward for the city's 表彰奖励, 工艺美术大师 and 非物质文化遗产代表性项目代表性传承人
/// (学历提升), and the members of the 科技专家服务团 that helps a town "一对一".
/// </summary>
public enum TalentCategory
{
    LeadingEntrepreneur = 1,
    HighLevel = 2,
    Management = 3,
    Technical = 4,
    Marketing = 5,
    CraftMaster = 6,
    HeritageInheritor = 7,
    ExpertServiceMember = 8,
}

public static class TalentNames
{
    public static string Chinese(TalentCategory category) => category switch
    {
        TalentCategory.LeadingEntrepreneur => "领军企业家",
        TalentCategory.HighLevel => "高层次人才",
        TalentCategory.Management => "管理人才",
        TalentCategory.Technical => "技术人才",
        TalentCategory.Marketing => "营销人才",
        TalentCategory.CraftMaster => "工艺美术大师",
        TalentCategory.HeritageInheritor => "非遗代表性传承人",
        _ => "科技专家服务团成员",
    };

    public static IReadOnlyList<TalentCategory> All { get; } = Enum.GetValues<TalentCategory>();
}

/// <summary>
/// One person of the talent register. The town is where the person works, or for a member of the 科技专家服务团 the town
/// they help "一对一"; the county (for scope) is that town's. Only what the clause needs is kept: no identity numbers or phones.
/// </summary>
public sealed class Talent
{
    public const int MaxName = 40;
    public const int MaxEmployer = 100;
    public const int MaxJobTitle = 60;
    public const int MaxHonours = 300;
    public const int MaxNote = 500;
    public const int MinYear = 2015;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int CountyId { get; set; }
    public int? SpecializedTownId { get; set; }
    public int? EnterpriseId { get; set; }
    public TalentCategory Kind { get; set; }

    /// <summary>工作单位 when it is not an enterprise of the register (a university for an expert, a studio for a master).</summary>
    public string? Employer { get; set; }

    /// <summary>职务/职称, e.g. 董事长、高级工程师、中国陶瓷艺术大师.</summary>
    public string? JobTitle { get; set; }

    /// <summary>荣誉与表彰, e.g. 2024年提请市委、市政府表彰.</summary>
    public string? Honours { get; set; }

    /// <summary>The year the person was entered (认定/推荐/聘任年度).</summary>
    public int Year { get; set; }
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }
}

public sealed record TalentInput
{
    public string? Name { get; init; }
    public TalentCategory? Category { get; init; }
    public int? CountyId { get; init; }
    public int? SpecializedTownId { get; init; }
    public int? EnterpriseId { get; init; }
    public string? Employer { get; init; }
    public string? JobTitle { get; init; }
    public string? Honours { get; init; }
    public int? Year { get; init; }
    public string? Note { get; init; }
}

public static class TalentRules
{
    public const string Clause = SupportClauses.LeadingTalent;

    /// <summary>A member of the 科技专家服务团 is registered against the town they help; without it the "一对一" is not recorded.</summary>
    public static bool NeedsTown(TalentCategory category) => category == TalentCategory.ExpertServiceMember;

    public static Dictionary<string, string> Check(TalentInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写姓名";
        else if (name.Length > Talent.MaxName) errors[nameof(input.Name)] = $"姓名不超过 {Talent.MaxName} 字";
        if (input.Category is null || !Enum.IsDefined(input.Category.Value)) errors[nameof(input.Category)] = "请选择人才类别";
        if (input.CountyId is null) errors[nameof(input.CountyId)] = "请选择所在县（市、区）";
        if (input.Category is { } c && NeedsTown(c) && input.SpecializedTownId is null)
            errors[nameof(input.SpecializedTownId)] = "科技专家服务团成员请选择“一对一”帮扶的专业镇";
        if (input.Year is not { } year) errors[nameof(input.Year)] = "请选择年度";
        else if (year < Talent.MinYear || year > today.Year) errors[nameof(input.Year)] = $"年度应在 {Talent.MinYear}—{today.Year} 年之间";
        if (input.Employer?.Trim().Length > Talent.MaxEmployer) errors[nameof(input.Employer)] = $"工作单位不超过 {Talent.MaxEmployer} 字";
        if (input.Category == TalentCategory.ExpertServiceMember && input.EnterpriseId is null && string.IsNullOrWhiteSpace(input.Employer))
            errors[nameof(input.Employer)] = "请填写专家的工作单位（如高校、科研院所）";
        if (input.JobTitle?.Trim().Length > Talent.MaxJobTitle) errors[nameof(input.JobTitle)] = $"职务/职称不超过 {Talent.MaxJobTitle} 字";
        if (input.Honours?.Trim().Length > Talent.MaxHonours) errors[nameof(input.Honours)] = $"荣誉与表彰不超过 {Talent.MaxHonours} 字";
        if (input.Note?.Trim().Length > Talent.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {Talent.MaxNote} 字";
        return errors;
    }
}
