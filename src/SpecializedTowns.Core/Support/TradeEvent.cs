namespace SpecializedTowns.Core.Support;

/// <summary>
/// The kinds of market events the documents ask towns to hold or attend: 朔政办发〔2023〕19号 三（八） (博览会, 促销活动,
/// 国内各类重大展会, 产供销对接活动), 四（十六） ("手拉手"活动: 产品推介、互采互购、项目供需对接、"抱团"营销), 四（十七）
/// (新闻发布会、特色产品博览会、境外展会); 阳政办发〔2023〕24号 五（七） (博览会、展销会、推介会).
/// </summary>
public enum EventKind
{
    Expo = 1,
    TradeFair = 2,
    Promotion = 3,
    PressConference = 4,
    SupplyMatching = 5,
    HandInHand = 6,
    OverseasExhibition = 7,
    NationalExhibition = 8,
    Other = 9,
}

/// <summary>Whether the town (its county or city) held the event or its enterprises went to someone else's.</summary>
public enum EventRole { Organised = 1, Attended = 2 }

/// <summary>The event's reach: 四（十七） speaks of 国际性、全国性、行业性 exhibitions and conferences.</summary>
public enum EventLevel { International = 1, National = 2, Provincial = 3, Municipal = 4, County = 5 }

public sealed record EventKindInfo(EventKind Kind, string Name, string Basis);

public static class EventNames
{
    private const string Sz = "朔政办发〔2023〕19号 ";

    public static IReadOnlyList<EventKindInfo> Kinds { get; } =
    [
        new(EventKind.Expo, "博览会", Sz + "三（八） 举办和参加专业镇博览会；四（十七） 特色产品博览会"),
        new(EventKind.TradeFair, "展销会", Sz + "三（八） 举办各类促销活动；阳政办发〔2023〕24号 五（七） 展销会"),
        new(EventKind.Promotion, "推介会", Sz + "四（十六） 产品推介；四（十七） 推介朔州优势产品"),
        new(EventKind.PressConference, "新闻发布会", Sz + "四（十七） 市级每年组织开展专业镇新闻发布会"),
        new(EventKind.SupplyMatching, "产供销对接会", Sz + "三（八） 举办产供销对接活动"),
        new(EventKind.HandInHand, "“手拉手”活动", Sz + "四（十六） 互采互购、上下游协作配套、项目供需对接、“抱团”营销"),
        new(EventKind.OverseasExhibition, "境外展会", Sz + "四（十七） 支持专业镇特色产业企业参加境外展会"),
        new(EventKind.NationalExhibition, "国内重大展会", Sz + "三（八） 鼓励专业镇企业积极参加国内各类重大展会"),
        new(EventKind.Other, "其他", ""),
    ];

    public static string Chinese(EventKind kind) => Kinds.FirstOrDefault(k => k.Kind == kind)?.Name ?? kind.ToString();

    public static string Chinese(EventRole role) => role == EventRole.Organised ? "举办" : "参加";

    public static string Chinese(EventLevel level) => level switch
    {
        EventLevel.International => "国际",
        EventLevel.National => "全国",
        EventLevel.Provincial => "省级",
        EventLevel.Municipal => "市级",
        _ => "县级",
    };

    /// <summary>
    /// The clauses an event may cite: those that ask for 会展、博览、展销、推介 or 对接 events. Each is looked up in the policy
    /// catalogue for its title and the area it governs.
    /// </summary>
    public static IReadOnlyList<string> Clauses { get; } =
    [
        SupportClauses.TwoMarkets, SupportClauses.HandInHand, SupportClauses.DomesticAndForeignMarkets,
        "阳政办发〔2023〕24号 五（七）",
        "垣政办发〔2023〕19号 四（七）",
        "新政办发〔2023〕33号 三（四）11",
        "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 四（四）11",
    ];
}

/// <summary>
/// 展会活动: an exhibition, fair, promotion or matching event held or attended for one or more towns, with the enterprises
/// that took part and what they signed.
/// </summary>
public sealed class TradeEvent
{
    public const int MaxName = 100;
    public const int MaxPlace = 60;
    public const int MaxOrganiser = 100;
    public const int MaxNote = 500;
    public const int MaxDays = 366;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public EventKind Kind { get; set; }
    public EventRole Role { get; set; }
    public EventLevel Level { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly EndOn { get; set; }

    /// <summary>举办地: a city, or the country for an event abroad.</summary>
    public string Place { get; set; } = "";
    public string Organiser { get; set; } = "";
    public string? PolicyPackId { get; set; }
    public string? ClauseSource { get; set; }

    /// <summary>The smallest jurisdiction holding all the event's towns (a county, or the city when it spans counties), for the audit and the place of the record.</summary>
    public int JurisdictionId { get; set; }
    public List<TradeEventTown> Towns { get; set; } = [];
    public List<EventParticipant> Participants { get; set; } = [];
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }

    public void SetTowns(IEnumerable<int> wanted)
    {
        var set = wanted.ToHashSet();
        Towns.RemoveAll(t => !set.Contains(t.SpecializedTownId));
        foreach (var id in set.Where(id => Towns.All(t => t.SpecializedTownId != id)).Order()) Towns.Add(new TradeEventTown { SpecializedTownId = id });
    }

    /// <summary>Makes the participants those of <paramref name="wanted"/>, changing the amounts of those who stay.</summary>
    public void SetParticipants(IEnumerable<ParticipantInput> wanted)
    {
        var byEnterprise = wanted.Where(p => p.EnterpriseId is not null).GroupBy(p => p.EnterpriseId!.Value).ToDictionary(g => g.Key, g => g.First());
        Participants.RemoveAll(p => !byEnterprise.ContainsKey(p.EnterpriseId));
        foreach (var (enterprise, input) in byEnterprise)
        {
            var row = Participants.FirstOrDefault(p => p.EnterpriseId == enterprise);
            if (row is null) Participants.Add(row = new EventParticipant { EnterpriseId = enterprise });
            row.IntendedWanYuan = input.IntendedWanYuan;
            row.DealWanYuan = input.DealWanYuan;
        }
    }
}

public sealed class TradeEventTown
{
    public int TradeEventId { get; set; }
    public int SpecializedTownId { get; set; }
}

/// <summary>参展（参会）企业 and what it signed: 意向签约额 and 成交额, 万元.</summary>
public sealed class EventParticipant
{
    public int Id { get; set; }
    public int TradeEventId { get; set; }
    public int EnterpriseId { get; set; }
    public decimal? IntendedWanYuan { get; set; }
    public decimal? DealWanYuan { get; set; }
}

public sealed record ParticipantInput
{
    public int? EnterpriseId { get; init; }
    public decimal? IntendedWanYuan { get; init; }
    public decimal? DealWanYuan { get; init; }
}

public sealed record EventInput
{
    public string? Name { get; init; }
    public EventKind? Kind { get; init; }
    public EventRole? Role { get; init; }
    public EventLevel? Level { get; init; }
    public DateOnly? StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    public string? Place { get; init; }
    public string? Organiser { get; init; }
    public string? ClauseSource { get; init; }
    public IReadOnlyList<int>? TownIds { get; init; }
    public IReadOnlyList<ParticipantInput>? Participants { get; init; }
    public string? Note { get; init; }
}

public static class EventRules
{
    /// <summary>A sum above this is a 元/万元 mistake rather than a deal (100亿元).</summary>
    public const decimal MaxAmountWanYuan = 1_000_000m;

    public static Dictionary<string, string> Check(EventInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写活动名称";
        else if (name.Length > TradeEvent.MaxName) errors[nameof(input.Name)] = $"活动名称不超过 {TradeEvent.MaxName} 字";
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.Kind)] = "请选择活动类型";
        if (input.Role is not { } role || !Enum.IsDefined(role)) errors[nameof(input.Role)] = "请选择举办或参加";
        if (input.Level is not { } level || !Enum.IsDefined(level)) errors[nameof(input.Level)] = "请选择活动级别";
        if (input.StartOn is not { } start) errors[nameof(input.StartOn)] = "请填写开始日期";
        else if (start < new DateOnly(2000, 1, 1) || start > today.AddYears(1)) errors[nameof(input.StartOn)] = "开始日期应在 2000 年以后、一年以内";
        if (input.EndOn is not { } end) errors[nameof(input.EndOn)] = "请填写结束日期";
        else if (input.StartOn is { } s && end < s) errors[nameof(input.EndOn)] = "结束日期不能早于开始日期";
        else if (input.StartOn is { } s2 && end.DayNumber - s2.DayNumber >= TradeEvent.MaxDays) errors[nameof(input.EndOn)] = "活动不能超过一年，请分次登记";
        var place = input.Place?.Trim() ?? "";
        if (place.Length == 0) errors[nameof(input.Place)] = input.Kind == EventKind.OverseasExhibition ? "请填写举办国家（地区）" : "请填写举办城市";
        else if (place.Length > TradeEvent.MaxPlace) errors[nameof(input.Place)] = $"举办地不超过 {TradeEvent.MaxPlace} 字";
        var organiser = input.Organiser?.Trim() ?? "";
        if (organiser.Length == 0) errors[nameof(input.Organiser)] = "请填写主办单位";
        else if (organiser.Length > TradeEvent.MaxOrganiser) errors[nameof(input.Organiser)] = $"主办单位不超过 {TradeEvent.MaxOrganiser} 字";
        if ((input.TownIds ?? []).Count == 0) errors[nameof(input.TownIds)] = "请至少选择一个相关专业镇";
        var participants = input.Participants ?? [];
        var seen = new HashSet<int>();
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            var key = $"{nameof(input.Participants)}[{i}]";
            if (p.EnterpriseId is not { } id) { errors[$"{key}.{nameof(p.EnterpriseId)}"] = "请选择企业"; continue; }
            if (!seen.Add(id)) errors[$"{key}.{nameof(p.EnterpriseId)}"] = "该企业已在参展企业中";
            if (Amount(p.IntendedWanYuan) is { } a) errors[$"{key}.{nameof(p.IntendedWanYuan)}"] = "意向签约额" + a;
            if (Amount(p.DealWanYuan) is { } d) errors[$"{key}.{nameof(p.DealWanYuan)}"] = "成交额" + d;
            else if (p.DealWanYuan is not null && input.StartOn is { } st && st > today) errors[$"{key}.{nameof(p.DealWanYuan)}"] = "活动尚未举办，不能填写成交额";
        }
        if (input.Note?.Trim().Length > TradeEvent.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {TradeEvent.MaxNote} 字";
        return errors;

        static string? Amount(decimal? value) => value switch
        {
            null => null,
            < 0 => "不能为负数（单位：万元）",
            > MaxAmountWanYuan => "超过 100 亿元，请核对单位是否为万元",
            _ => null,
        };
    }
}
