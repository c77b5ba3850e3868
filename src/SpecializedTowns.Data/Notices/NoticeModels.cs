using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Notices;

/// <summary>
/// Notices:DueSoonDays (how many days before the deadline a notice turns yellow and reminds) and Notices:NumberPrefixes
/// (the 发文字号 prefix per issuing jurisdiction, keyed by its name or path, e.g. 垣曲县 = 垣专办督).
/// </summary>
public sealed record NoticeSettings
{
    public const int DefaultDueSoonDays = 7;

    public int DueSoonDays { get; init; } = DefaultDueSoonDays;
    public IReadOnlyDictionary<string, string> Prefixes { get; init; } = new Dictionary<string, string>();

    /// <summary>The configured values, refused at start when they make no sense rather than numbering or colouring wrongly.</summary>
    public static NoticeSettings From(int? dueSoonDays, IReadOnlyDictionary<string, string>? prefixes)
    {
        if (dueSoonDays is < 0 or > 365) throw new ArgumentException($"配置项 Notices:DueSoonDays 应为 0 到 365 之间的天数（现为 {dueSoonDays}）");
        var map = new Dictionary<string, string>();
        foreach (var (key, value) in prefixes ?? new Dictionary<string, string>())
        {
            if (NoticeRules.CheckPrefix(value) is { } problem) throw new ArgumentException($"配置项 Notices:NumberPrefixes:{key} 有误：{problem}");
            map[key.Trim()] = value.Trim();
        }
        return new NoticeSettings { DueSoonDays = dueSoonDays ?? DefaultDueSoonDays, Prefixes = map };
    }

    /// <summary>The configured prefix, else the place's short name among the others' (<see cref="OfficeShortNames"/>) and 专办督.</summary>
    public string PrefixFor(string name, string path, IReadOnlyList<PolicyPack> packs) =>
        Configured(name, path) ?? NoticeRules.DefaultPrefix(OfficeShortNames.Of(packs).For(path));

    /// <summary>The prefix configuration names for the place (by path, then by name); null when it names none.</summary>
    public string? Configured(string name, string path) =>
        Prefixes.TryGetValue(path, out var byPath) ? byPath : Prefixes.TryGetValue(name, out var byName) ? byName : null;
}

/// <summary>
/// What it takes to issue a notice: the recipient, what it rests on, the findings and the deadline, who to call and who gets a
/// copy. Subject and addressee may be left out: they follow from the recipient. The issue date is the day it is created.
/// </summary>
public sealed record NoticeDraft
{
    public RecipientKind? RecipientKind { get; init; }
    public int? RecipientId { get; init; }

    /// <summary>Completes "关于{Subject}的督办通知书"; default: the town's 建设工作, or 专业镇建设工作.</summary>
    public string? Subject { get; init; }

    /// <summary>主送机关; default: the township government(s) of a town or township, the unit's name.</summary>
    public string? Addressee { get; init; }
    public string? Basis { get; init; }
    public int? EvaluationId { get; init; }
    public IReadOnlyList<NoticeFinding> Findings { get; init; } = [];
    public DateOnly? Deadline { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public IReadOnlyList<string> CopyTo { get; init; } = [];
}

/// <summary>The draft cannot be issued: field name (as in <see cref="NoticeDraft"/>) → Chinese message. Nothing was written.</summary>
public sealed class NoticeInputException(FieldErrors errors) : Exception(string.Join("；", errors.Values))
{
    public FieldErrors Errors { get; } = errors;
}

/// <summary>Some drafts of a batch cannot be issued: their position in the batch → their errors. None of the batch was written.</summary>
public sealed class NoticeBatchException(IReadOnlyDictionary<int, FieldErrors> errors)
    : Exception(string.Join("；", errors.Select(e => $"第 {e.Key + 1} 份：{string.Join("，", e.Value.Values)}")))
{
    public IReadOnlyDictionary<int, FieldErrors> Errors { get; } = errors;
}

public sealed class NoticeNotFoundException() : Exception("督办通知书不存在，或不在您的数据范围内");

public sealed record NoticeFilter
{
    public NoticeStatus? Status { get; init; }
    public RecipientKind? RecipientKind { get; init; }

    /// <summary>The year the notice was issued.</summary>
    public int? Year { get; init; }

    /// <summary>Deadline missed and not yet rectified (逾期).</summary>
    public bool Overdue { get; init; }
    public int? EvaluationId { get; init; }

    /// <summary>From any of these evaluations (the others of a year, whose notices one evaluation's 督办 should not repeat unseen).</summary>
    public IReadOnlyCollection<int>? EvaluationIds { get; init; }
    public string? Search { get; init; }

    /// <summary>issued (newest first, the default), deadline (soonest first) or number.</summary>
    public string? Sort { get; init; }

    /// <summary>The columns <see cref="Sort"/> names (<see cref="ListSort"/>), each either way.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["issued", "deadline", "number"];
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record NoticeListItem(
    int Id, string DocumentNumber, string IssuingOffice, RecipientKind RecipientKind, string RecipientName, string Addressee, string Area,
    string Subject, string Basis, int? EvaluationId, DateOnly IssuedOn, DateOnly Deadline, NoticeState State,
    int Items, int Accepted, int AwaitingVerification, bool Missed, bool IsDemo)
{
    public DateOnly Today { get; init; }
    public int DueSoonDays { get; init; } = NoticeSettings.DefaultDueSoonDays;

    public NoticeStatus Status => State switch
    {
        NoticeState.Handled => NoticeStatus.Handled,
        NoticeState.Rectified => NoticeStatus.Rectified,
        _ => Missed ? NoticeStatus.Overdue : NoticeStatus.Issued,
    };

    public DeadlineLight Light => NoticeDeadline.Light(State, Missed, Deadline, Today, DueSoonDays);
}

/// <summary>红 deadline missed, 黄 due within the configured days, 绿 on track; none once rectified or handled.</summary>
public enum DeadlineLight { None = 0, OnTrack = 1, DueSoon = 2, Overdue = 3 }

public static class NoticeDeadline
{
    public static DeadlineLight Light(NoticeState state, bool missed, DateOnly deadline, DateOnly today, int dueSoonDays) =>
        state != NoticeState.Issued ? DeadlineLight.None
        : missed ? DeadlineLight.Overdue
        : today > deadline ? DeadlineLight.None // every item reported in time, waiting for the office
        : deadline.DayNumber - today.DayNumber <= dueSoonDays ? DeadlineLight.DueSoon
        : DeadlineLight.OnTrack;

    /// <summary>逾期 3 天, 今天到期, 剩 5 天.</summary>
    public static string Describe(DeadlineLight light, DateOnly deadline, DateOnly today) => light switch
    {
        DeadlineLight.Overdue => $"逾期 {today.DayNumber - deadline.DayNumber} 天",
        DeadlineLight.DueSoon when deadline == today => "今天到期",
        DeadlineLight.DueSoon or DeadlineLight.OnTrack => $"剩 {deadline.DayNumber - today.DayNumber} 天",
        _ => "",
    };
}

/// <summary>Someone a notice may be sent to, for the form: kind, record id, name and where it is.</summary>
public sealed record NoticeRecipient(RecipientKind Kind, int Id, string Name, string Place)
{
    /// <summary>The form's value for it, e.g. Town:12.</summary>
    public string Key => $"{Kind}:{Id}";

    public static bool TryParse(string? key, out RecipientKind kind, out int id)
    {
        kind = default;
        id = 0;
        var parts = key?.Split(':') ?? [];
        return parts.Length == 2 && Enum.TryParse(parts[0], out kind) && Enum.IsDefined(kind) && int.TryParse(parts[1], out id);
    }
}

/// <summary>What a notice to this recipient would say before it is issued: who signs it, how it is numbered, what a missed deadline brings.</summary>
public sealed record NoticePreview(
    string IssuingOffice, string NextNumber, string DefaultAddressee, string DefaultSubject, ConsequenceProposal Consequence);

/// <summary>An evidence file as listed: <see cref="Item"/> is the finding's number (1, 2 …), null for one uploaded to the notice and given to no finding.</summary>
public sealed record NoticeFileInfo(int Id, string FileName, long Size, string UploadedBy, DateTime UploadedAtUtc, int? Item = null);

/// <summary>A file as it came from the form or the API, before <see cref="NoticeFile.Check"/>.</summary>
public sealed record EvidenceUpload(string FileName, byte[] Content);

/// <summary>
/// One finding's rectification as typed: files may come with it (the page) or one uploaded before to the notice may be named
/// (the API's attachmentId); the files the item already holds stay (they are taken off one by one).
/// </summary>
public sealed record RectificationInput(string? Measures, string? Evidence, int? AttachmentId = null, IReadOnlyList<EvidenceUpload>? Files = null);

public sealed record NoticeView(
    Notice Notice, string IssuingPath, string AreaPath, string Area, DateOnly Today, NoticeStatus Status, DeadlineLight Light,
    IReadOnlyList<NoticeStep> Steps, IReadOnlySet<int> Recordable, IReadOnlySet<int> Verifiable, IReadOnlyList<NoticeFileInfo> Files,
    ConsequenceProposal Proposal)
{
    /// <summary>The person is an office entering the recipient's part for it.</summary>
    public bool RecordsOnBehalf { get; init; }

    /// <summary>For a notice to a county government: whose account answers it and the clause that addresses it there.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>A unit that reads the notice because its 抄送 names it: it follows the 整改, the recipient reports.</summary>
    public bool CopiedOnly { get; init; }

    /// <summary>The person may take off files uploaded to the notice and given to no finding (<see cref="Notice.MayRemoveUnattached"/>).</summary>
    public bool UnattachedRemovable { get; init; }

    /// <summary>The evidence files of one finding, in the order they were uploaded.</summary>
    public IReadOnlyList<NoticeFileInfo> FilesOf(int position) => Files.Where(f => f.Item == position).ToList();
}
