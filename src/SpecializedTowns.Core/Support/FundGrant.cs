namespace SpecializedTowns.Core.Support;

/// <summary>What kind of money: 专项资金 (朔政办发〔2023〕19号 四（一）), 奖补资金 (四（十）), 奖励 (四（九）（十二）（十四）), 贷款贴息.</summary>
public enum FundKind { SpecialFund = 1, Subsidy = 2, Award = 3, InterestSubsidy = 4 }

/// <summary>Whose budget the money comes from (阳政办发〔2023〕24号 五（一） "省、市两级专项资金").</summary>
public enum FundLevel { Provincial = 1, Municipal = 2, County = 3 }

public enum RecipientKind { Town = 1, Enterprise = 2 }

public static class FundNames
{
    public static string Chinese(FundKind kind) => kind switch
    {
        FundKind.SpecialFund => "专项资金",
        FundKind.Subsidy => "奖补资金",
        FundKind.Award => "奖励",
        _ => "贷款贴息",
    };

    public static string Chinese(FundLevel level) => level switch
    {
        FundLevel.Provincial => "省级",
        FundLevel.Municipal => "市级",
        _ => "县级",
    };

    /// <summary>A pack's word for a level (<c>fundLevels</c>: provincial, municipal, county); null for any other.</summary>
    public static FundLevel? ParseKey(string? key) => key switch
    {
        "provincial" => FundLevel.Provincial,
        "municipal" => FundLevel.Municipal,
        "county" => FundLevel.County,
        _ => null,
    };

    public static string Chinese(RecipientKind kind) => kind == RecipientKind.Town ? "专业镇" : "企业";
}

/// <summary>
/// One grant of support money (资金奖补): which clause it rests on, who received it, how much, when, what for, and what it
/// was meant to achieve, so that the fund-performance review can set the money beside the town's results.
/// </summary>
public sealed class FundGrant
{
    public const int MaxName = 100;
    public const int MaxPurpose = 500;
    public const int MaxOutcome = 1000;
    public const int MaxUnit = 20;
    public const int MaxDocumentNumber = 60;

    /// <summary>No single grant to a town or enterprise comes near 10亿元; more is a slip of the keyboard.</summary>
    public const decimal MaxAmountWanYuan = 100_000m;

    public const int MinYear = 2015;

    public int Id { get; set; }

    /// <summary>The fund the money comes from, e.g. 朔州市专业镇发展专项资金.</summary>
    public string FundName { get; set; } = "";
    public FundKind Kind { get; set; }
    public FundLevel Level { get; set; }

    /// <summary>The policy pack and the clause (its source text) the grant rests on.</summary>
    public string PolicyPackId { get; set; } = "";
    public string ClauseSource { get; set; } = "";

    public RecipientKind RecipientKind { get; set; }

    /// <summary>The county of the recipient, for scope and roll-up.</summary>
    public int CountyId { get; set; }

    /// <summary>
    /// The town that received the money, or the town the enterprise belonged to when it was granted: an enterprise's money
    /// counts towards its town's review even if the enterprise is later registered elsewhere. Null for an enterprise outside any town.
    /// </summary>
    public int? SpecializedTownId { get; set; }
    public int? EnterpriseId { get; set; }

    public decimal AmountWanYuan { get; set; }
    public DateOnly GrantedOn { get; set; }

    /// <summary>拨付文号, where the office has one.</summary>
    public string? DocumentNumber { get; set; }
    public string Purpose { get; set; } = "";
    public string ExpectedOutcome { get; set; } = "";

    /// <summary>An optional figure the grant was meant to reach (e.g. 新增产值 5000 万元), with its unit.</summary>
    public decimal? TargetValue { get; set; }
    public string? TargetUnit { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>A grant as typed in the form or sent to the API, before it is checked.</summary>
public sealed record FundGrantInput
{
    public string? FundName { get; init; }
    public FundKind? Kind { get; init; }
    public FundLevel? Level { get; init; }
    public string? ClauseSource { get; init; }
    public RecipientKind? RecipientKind { get; init; }
    public int? SpecializedTownId { get; init; }
    public int? EnterpriseId { get; init; }
    public decimal? AmountWanYuan { get; init; }
    public DateOnly? GrantedOn { get; init; }
    public string? DocumentNumber { get; init; }
    public string? Purpose { get; init; }
    public string? ExpectedOutcome { get; init; }
    public decimal? TargetValue { get; init; }
    public string? TargetUnit { get; init; }
}

public static class FundGrantRules
{
    /// <summary>
    /// The checks that need no database: every required field, lengths, the amount and the date. Keys are the input's
    /// property names; the messages are what the clerk reads beside the field.
    /// </summary>
    public static Dictionary<string, string> Check(FundGrantInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var name = input.FundName?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(input.FundName)] = "请填写资金名称（如“朔州市专业镇发展专项资金”）";
        else if (name.Length > FundGrant.MaxName) errors[nameof(input.FundName)] = $"资金名称不超过 {FundGrant.MaxName} 字";
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors[nameof(input.Kind)] = "请选择资金类型";
        if (input.Level is null || !Enum.IsDefined(input.Level.Value)) errors[nameof(input.Level)] = "请选择资金来源级次";
        if (string.IsNullOrWhiteSpace(input.ClauseSource)) errors[nameof(input.ClauseSource)] = "请选择所依据的政策条款";
        switch (input.RecipientKind)
        {
            case RecipientKind.Town when input.SpecializedTownId is null:
                errors[nameof(input.SpecializedTownId)] = "请选择受支持的专业镇";
                break;
            case RecipientKind.Enterprise when input.EnterpriseId is null:
                errors[nameof(input.EnterpriseId)] = "请选择受支持的企业";
                break;
            case null:
                errors[nameof(input.RecipientKind)] = "请选择支持对象类型（专业镇或企业）";
                break;
        }
        if (input.AmountWanYuan is not { } amount) errors[nameof(input.AmountWanYuan)] = "请填写金额（万元）";
        else if (amount <= 0) errors[nameof(input.AmountWanYuan)] = "金额应大于 0 万元";
        else if (amount > FundGrant.MaxAmountWanYuan) errors[nameof(input.AmountWanYuan)] = $"金额超过 {FundGrant.MaxAmountWanYuan:#,0} 万元（10亿元），请核对单位是否为万元";
        else if (decimal.Round(amount, 4) != amount) errors[nameof(input.AmountWanYuan)] = "金额最多保留 4 位小数（万元）";
        if (input.GrantedOn is not { } on) errors[nameof(input.GrantedOn)] = "请填写拨付日期";
        else if (on.Year < FundGrant.MinYear) errors[nameof(input.GrantedOn)] = $"拨付日期不早于 {FundGrant.MinYear} 年";
        else if (on > today) errors[nameof(input.GrantedOn)] = "拨付日期不能晚于今天";
        if (Documents.DocumentNumber.Check(input.DocumentNumber, out _) is { } numberProblem) errors[nameof(input.DocumentNumber)] = numberProblem;
        var purpose = input.Purpose?.Trim() ?? "";
        if (purpose.Length == 0) errors[nameof(input.Purpose)] = "请填写资金用途";
        else if (purpose.Length > FundGrant.MaxPurpose) errors[nameof(input.Purpose)] = $"资金用途不超过 {FundGrant.MaxPurpose} 字（现为 {purpose.Length} 字）";
        var outcome = input.ExpectedOutcome?.Trim() ?? "";
        if (outcome.Length == 0) errors[nameof(input.ExpectedOutcome)] = "请填写预期成效，绩效评价据此对照";
        else if (outcome.Length > FundGrant.MaxOutcome) errors[nameof(input.ExpectedOutcome)] = $"预期成效不超过 {FundGrant.MaxOutcome} 字（现为 {outcome.Length} 字）";
        var unit = input.TargetUnit?.Trim();
        if (input.TargetValue is { } target)
        {
            if (target < 0) errors[nameof(input.TargetValue)] = "目标值不能为负";
            else if (target >= 1_000_000_000m) errors[nameof(input.TargetValue)] = "目标值过大，请核对";
            if (string.IsNullOrEmpty(unit)) errors[nameof(input.TargetUnit)] = "填写了目标值，请同时填写单位（如 万元、人、个）";
        }
        else if (!string.IsNullOrEmpty(unit)) errors[nameof(input.TargetValue)] = "填写了单位，请同时填写目标值";
        if (unit?.Length > FundGrant.MaxUnit) errors[nameof(input.TargetUnit)] = $"单位不超过 {FundGrant.MaxUnit} 字";
        return errors;
    }
}
