namespace SpecializedTowns.Core.Support;

/// <summary>
/// 融资“白名单”: 朔政办发〔2023〕19号 四（十三） "根据产业特性和融资需求建立‘白名单’，搭建金融综合服务平台，推动金融要素与
/// 市场主体精准对接". An entry is one enterprise on one year's list, with the office that recommended it.
/// </summary>
public enum WhiteListStatus { Recommended = 1, Admitted = 2, Removed = 3 }

/// <summary>What came of the list: a bank loan, or a guarantee by a (government) financing-guarantee institution (银担合作).</summary>
public enum FinancingKind { Loan = 1, Guarantee = 2 }

public static class WhiteListNames
{
    public static string Chinese(WhiteListStatus status) => status switch
    {
        WhiteListStatus.Recommended => "已推荐",
        WhiteListStatus.Admitted => "已入库",
        _ => "已移出",
    };

    public static string Chinese(FinancingKind kind) => kind == FinancingKind.Loan ? "贷款" : "担保";
}

public sealed class WhiteListEntry
{
    public const int MaxOffice = 100;
    public const int MaxNote = 500;

    public int Id { get; set; }
    public int EnterpriseId { get; set; }

    /// <summary>The enterprise's county, kept for scope and roll-up.</summary>
    public int CountyId { get; set; }
    public int Year { get; set; }

    /// <summary>推荐单位, e.g. 怀仁市工信局 or 县金融服务中心.</summary>
    public string RecommendedBy { get; set; } = "";
    public DateOnly RecommendedOn { get; set; }
    public WhiteListStatus Status { get; set; } = WhiteListStatus.Recommended;

    /// <summary>The financing the enterprise asked for (融资需求), 万元.</summary>
    public decimal? FinancingNeedWanYuan { get; set; }
    public string? Note { get; set; }
    public List<Financing> Financings { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }

    public decimal LoansWanYuan => Financings.Where(f => f.Kind == FinancingKind.Loan).Sum(f => f.AmountWanYuan);
    public decimal GuaranteesWanYuan => Financings.Where(f => f.Kind == FinancingKind.Guarantee).Sum(f => f.AmountWanYuan);
}

/// <summary>A loan or guarantee that came of a white-list entry: the bank or institution, amount, date and term.</summary>
public sealed class Financing
{
    public const int MaxInstitution = 100;
    public const int MaxTermMonths = 360;

    public int Id { get; set; }
    public int WhiteListEntryId { get; set; }
    public FinancingKind Kind { get; set; }
    public string Institution { get; set; } = "";
    public decimal AmountWanYuan { get; set; }
    public DateOnly GrantedOn { get; set; }
    public int TermMonths { get; set; }
    public string? Note { get; set; }
}

public sealed record WhiteListInput
{
    public int? EnterpriseId { get; init; }
    public int? Year { get; init; }
    public string? RecommendedBy { get; init; }
    public DateOnly? RecommendedOn { get; init; }
    public WhiteListStatus? Status { get; init; }
    public decimal? FinancingNeedWanYuan { get; init; }
    public string? Note { get; init; }
}

public sealed record FinancingInput
{
    public FinancingKind? Kind { get; init; }
    public string? Institution { get; init; }
    public decimal? AmountWanYuan { get; init; }
    public DateOnly? GrantedOn { get; init; }
    public int? TermMonths { get; init; }
    public string? Note { get; init; }
}

public static class WhiteListRules
{
    public static Dictionary<string, string> Check(WhiteListInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (input.EnterpriseId is null) errors[nameof(input.EnterpriseId)] = "请选择企业";
        if (input.Year is not { } year) errors[nameof(input.Year)] = "请填写名单年度";
        else if (year < FundGrant.MinYear || year > today.Year + 1) errors[nameof(input.Year)] = $"名单年度应在 {FundGrant.MinYear} 年到 {today.Year + 1} 年之间";
        var office = input.RecommendedBy?.Trim() ?? "";
        if (office.Length == 0) errors[nameof(input.RecommendedBy)] = "请填写推荐单位";
        else if (office.Length > WhiteListEntry.MaxOffice) errors[nameof(input.RecommendedBy)] = $"推荐单位不超过 {WhiteListEntry.MaxOffice} 字";
        if (input.RecommendedOn is not { } on) errors[nameof(input.RecommendedOn)] = "请填写推荐日期";
        else if (on > today) errors[nameof(input.RecommendedOn)] = "推荐日期不能晚于今天";
        if (input.Status is null || !Enum.IsDefined(input.Status.Value)) errors[nameof(input.Status)] = "请选择状态";
        if (input.FinancingNeedWanYuan is { } need && (need <= 0 || need > FundGrant.MaxAmountWanYuan * 10))
            errors[nameof(input.FinancingNeedWanYuan)] = "融资需求应大于 0 且不超过 100 亿元（单位：万元）";
        if (input.Note?.Trim().Length > WhiteListEntry.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {WhiteListEntry.MaxNote} 字";
        return errors;
    }

    public static Dictionary<string, string> Check(FinancingInput input, DateOnly today, DateOnly recommendedOn)
    {
        var errors = new Dictionary<string, string>();
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors[nameof(input.Kind)] = "请选择贷款或担保";
        var institution = input.Institution?.Trim() ?? "";
        if (institution.Length == 0) errors[nameof(input.Institution)] = "请填写银行或担保机构";
        else if (institution.Length > Financing.MaxInstitution) errors[nameof(input.Institution)] = $"机构名称不超过 {Financing.MaxInstitution} 字";
        if (input.AmountWanYuan is not { } amount) errors[nameof(input.AmountWanYuan)] = "请填写金额（万元）";
        else if (amount <= 0) errors[nameof(input.AmountWanYuan)] = "金额应大于 0 万元";
        else if (amount > FundGrant.MaxAmountWanYuan * 10) errors[nameof(input.AmountWanYuan)] = "金额超过 100 亿元，请核对单位是否为万元";
        if (input.GrantedOn is not { } on) errors[nameof(input.GrantedOn)] = "请填写放款（担保）日期";
        else if (on > today) errors[nameof(input.GrantedOn)] = "日期不能晚于今天";
        else if (on < recommendedOn) errors[nameof(input.GrantedOn)] = "放款（担保）日期不能早于列入白名单的推荐日期";
        if (input.TermMonths is not { } term) errors[nameof(input.TermMonths)] = "请填写期限（月）";
        else if (term is < 1 or > Financing.MaxTermMonths) errors[nameof(input.TermMonths)] = $"期限应在 1 到 {Financing.MaxTermMonths} 个月之间";
        if (input.Note?.Trim().Length > WhiteListEntry.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {WhiteListEntry.MaxNote} 字";
        return errors;
    }
}
