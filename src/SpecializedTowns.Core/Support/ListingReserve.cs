namespace SpecializedTowns.Core.Support;

/// <summary>
/// The steps of 阳政办发〔2023〕24号 五（二） "积极推动‘个转企、小升规、规改股、股上市’": the step an enterprise of the
/// 上市后备企业资源库 (朔政办发〔2023〕19号 四（十三） "对有上市意愿的专业镇主导产业企业纳入市级上市后备企业资源库") is working
/// through, and finally 已上市 (挂牌上市, which the same clause supports).
/// </summary>
public enum ListingStage
{
    IndividualToEnterprise = 1,
    SmallToAboveScale = 2,
    AboveScaleToJointStock = 3,
    JointStockToListed = 4,
    Listed = 5,
}

public static class ListingStages
{
    public static string Chinese(ListingStage stage) => stage switch
    {
        ListingStage.IndividualToEnterprise => "个转企",
        ListingStage.SmallToAboveScale => "小升规",
        ListingStage.AboveScaleToJointStock => "规改股",
        ListingStage.JointStockToListed => "股上市",
        _ => "已上市（挂牌）",
    };

    public static IReadOnlyList<ListingStage> All { get; } = Enum.GetValues<ListingStage>();
}

public sealed class ListingCandidate
{
    public const int MaxBoard = 40;
    public const int MaxNote = 500;

    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public int CountyId { get; set; }

    /// <summary>The enterprise's town when it entered the pool, for the counts per town.</summary>
    public int? SpecializedTownId { get; set; }
    public ListingStage Stage { get; set; }
    public DateOnly AdmittedOn { get; set; }

    /// <summary>拟上市（挂牌）板块: 主板、创业板、科创板、北交所、新三板、山西股权交易中心.</summary>
    public string? TargetBoard { get; set; }
    public string? Note { get; set; }
    public List<ListingStageChange> History { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }

    public static readonly IReadOnlyList<string> Boards = ["主板", "创业板", "科创板", "北交所", "新三板", "山西股权交易中心"];

    /// <summary>
    /// Moves the enterprise to another step on <paramref name="on"/>; a step back is allowed (a reform that failed) but
    /// must be explained. Returns the problem when refused.
    /// </summary>
    public string? Move(ListingStage to, DateOnly on, DateOnly today, string? note, string who)
    {
        if (!Enum.IsDefined(to)) return "请选择阶段";
        if (to == Stage) return $"企业已处于“{ListingStages.Chinese(to)}”阶段";
        if (on > today) return "变更日期不能晚于今天";
        var last = History.Count == 0 ? AdmittedOn : History.Max(h => h.On);
        if (on < last) return $"变更日期不能早于上一次变更（{last.Year}年{last.Month}月{last.Day}日）";
        var text = note?.Trim();
        if (to < Stage && string.IsNullOrEmpty(text)) return "退回前一阶段，请说明原因";
        if (text?.Length > MaxNote) return $"说明不超过 {MaxNote} 字";
        History.Add(new ListingStageChange { From = Stage, To = to, On = on, Note = text, By = who });
        Stage = to;
        return null;
    }
}

public sealed class ListingStageChange
{
    public int Id { get; set; }
    public int ListingCandidateId { get; set; }
    public ListingStage? From { get; set; }
    public ListingStage To { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public string By { get; set; } = "";
}
