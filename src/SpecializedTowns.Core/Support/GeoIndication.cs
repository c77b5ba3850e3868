namespace SpecializedTowns.Core.Support;

/// <summary>
/// The ways a product is protected as a geographical indication: as a 证明商标 or 集体商标 registered with the
/// 国家知识产权局商标局, as a 地理标志保护产品 (国家知识产权局), or as a 农产品地理标志 (农业农村部).
/// </summary>
public enum GeoIndicationKind { CertificationMark = 1, CollectiveMark = 2, ProtectedProduct = 3, AgriculturalProduct = 4 }

/// <summary>Where an application stands: 筹备中 → 已提交 → 已受理 → 已公告 → 已获批, or 驳回 / 撤回 (then it may start again).</summary>
public enum GeoIndicationStatus { Preparing = 1, Submitted = 2, Accepted = 3, Published = 4, Approved = 5, Rejected = 6, Withdrawn = 7 }

public static class GeoIndicationNames
{
    /// <summary>朔政办发〔2023〕19号 三（七）: "加快申请注册‘朔州陶瓷’‘怀仁羔羊肉’等一批地理标志保护品牌".</summary>
    public const string Clause = "朔政办发〔2023〕19号 三（七）";

    public static string Chinese(GeoIndicationKind kind) => kind switch
    {
        GeoIndicationKind.CertificationMark => "地理标志证明商标",
        GeoIndicationKind.CollectiveMark => "地理标志集体商标",
        GeoIndicationKind.ProtectedProduct => "地理标志保护产品",
        _ => "农产品地理标志",
    };

    public static string Authority(GeoIndicationKind kind) => kind == GeoIndicationKind.AgriculturalProduct ? "农业农村部" : "国家知识产权局";

    public static string Chinese(GeoIndicationStatus status) => status switch
    {
        GeoIndicationStatus.Preparing => "筹备中",
        GeoIndicationStatus.Submitted => "已提交",
        GeoIndicationStatus.Accepted => "已受理",
        GeoIndicationStatus.Published => "已公告",
        GeoIndicationStatus.Approved => "已获批",
        GeoIndicationStatus.Rejected => "驳回",
        _ => "撤回",
    };

    public static bool IsClosed(GeoIndicationStatus status) => status is GeoIndicationStatus.Approved or GeoIndicationStatus.Rejected or GeoIndicationStatus.Withdrawn;
}

public sealed class GeoIndicationApplication
{
    public const int MaxName = 60;
    public const int MaxText = 100;
    public const int MaxNote = 500;

    public int Id { get; set; }
    public int CountyId { get; set; }
    public int? SpecializedTownId { get; set; }

    /// <summary>The name to be protected, e.g. 朔州陶瓷.</summary>
    public required string Name { get; set; }
    public required string Product { get; set; }
    public GeoIndicationKind Kind { get; set; }

    /// <summary>申请人: usually a 行业协会 or a 县级人民政府 designated body.</summary>
    public required string Applicant { get; set; }
    public GeoIndicationStatus Status { get; set; }
    public DateOnly StatusSince { get; set; }
    public DateOnly? SubmittedOn { get; set; }
    public DateOnly? ApprovedOn { get; set; }

    /// <summary>注册号 / 公告号, required once approved.</summary>
    public string? RegistrationNumber { get; set; }

    /// <summary>The brand recorded on the town when the indication was granted, so that it counts as a 地理标志 everywhere.</summary>
    public int? BrandId { get; set; }
    public string ClauseSource { get; set; } = GeoIndicationNames.Clause;
    public string? Note { get; set; }
    public List<GeoIndicationStatusChange> History { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }

    /// <summary>
    /// Moves the application on <paramref name="on"/>. Forward steps may skip (a 受理 learned late), backward ones may not;
    /// after 驳回 or 撤回 it may only start again at 筹备中 or 已提交; a granted indication is final. Returns the problem when refused.
    /// </summary>
    public string? Move(GeoIndicationStatus to, DateOnly on, DateOnly today, string? number, string? note, string who)
    {
        if (!Enum.IsDefined(to)) return "请选择新的状态";
        if (to == Status) return $"申请已是“{GeoIndicationNames.Chinese(to)}”";
        if (Status == GeoIndicationStatus.Approved) return "地理标志已获批，状态不能再变更";
        if (on > today) return "变更日期不能晚于今天";
        if (on < StatusSince) return $"变更日期不能早于当前状态的日期（{StatusSince.Year}年{StatusSince.Month}月{StatusSince.Day}日）";
        var restart = Status is GeoIndicationStatus.Rejected or GeoIndicationStatus.Withdrawn;
        if (restart && to is not (GeoIndicationStatus.Preparing or GeoIndicationStatus.Submitted))
            return "已驳回或撤回的申请只能重新筹备或重新提交";
        if (!restart && to < Status && to is not (GeoIndicationStatus.Rejected or GeoIndicationStatus.Withdrawn))
            return $"不能从“{GeoIndicationNames.Chinese(Status)}”退回“{GeoIndicationNames.Chinese(to)}”";
        if (to == GeoIndicationStatus.Rejected && Status == GeoIndicationStatus.Preparing) return "尚未提交的申请不会被驳回，请选择“撤回”";
        var text = note?.Trim();
        if (to is GeoIndicationStatus.Rejected or GeoIndicationStatus.Withdrawn && string.IsNullOrEmpty(text)) return "驳回或撤回，请说明原因";
        if (text?.Length > MaxNote) return $"说明不超过 {MaxNote} 字";
        var reg = number?.Trim();
        if (to == GeoIndicationStatus.Approved && string.IsNullOrEmpty(reg)) return "获批时请填写注册号或公告号";
        if (reg?.Length > MaxText) return $"注册号不超过 {MaxText} 字";

        History.Add(new GeoIndicationStatusChange { From = Status, To = to, On = on, Note = text, By = who });
        if (to >= GeoIndicationStatus.Submitted && to <= GeoIndicationStatus.Approved && (SubmittedOn is null || restart)) SubmittedOn = on;
        if (to == GeoIndicationStatus.Approved) { ApprovedOn = on; RegistrationNumber = reg; }
        Status = to;
        StatusSince = on;
        return null;
    }
}

public sealed class GeoIndicationStatusChange
{
    public int Id { get; set; }
    public int GeoIndicationApplicationId { get; set; }
    public GeoIndicationStatus? From { get; set; }
    public GeoIndicationStatus To { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public string By { get; set; } = "";
}
