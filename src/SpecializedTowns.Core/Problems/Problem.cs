using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Problems;

/// <summary>Where a problem came to light (问题来源).</summary>
public enum ProblemSource { Survey = 1, MonthlyReport = 2, EnterpriseReport = 3, ProjectProgress = 4 }

/// <summary>
/// 共性问题 of an industry or 个性问题 of one enterprise: the documents ask for both
/// (垣政办发〔2023〕19号 五（二）, 新政办发〔2023〕33号 四（三）).
/// </summary>
public enum ProblemKind { Common = 1, Individual = 2 }

public enum ProblemCategory { Land = 1, Financing = 2, Talent = 3, Approval = 4, Energy = 5, Environment = 6, Market = 7, Other = 8 }

public enum ProblemState
{
    Registered = 1,
    Accepted = 2,
    Handling = 3,
    Answered = 4,
    Closed = 5,
    Declined = 6,
}

/// <summary>The steps of the life cycle a person can take on a problem.</summary>
public enum ProblemStep { Accept = 1, Decline = 2, Handle = 3, Answer = 4, Confirm = 5, Reopen = 6, Urge = 7 }

public static class ProblemNames
{
    public static string Chinese(ProblemSource source) => source switch
    {
        ProblemSource.Survey => "调研走访",
        ProblemSource.MonthlyReport => "月报",
        ProblemSource.EnterpriseReport => "企业反映",
        _ => "项目推进",
    };

    public static string Chinese(ProblemKind kind) => kind == ProblemKind.Common ? "共性" : "个性";

    public static string Chinese(ProblemCategory category) => category switch
    {
        ProblemCategory.Land => "用地",
        ProblemCategory.Financing => "融资",
        ProblemCategory.Talent => "人才",
        ProblemCategory.Approval => "审批",
        ProblemCategory.Energy => "用能",
        ProblemCategory.Environment => "环评",
        ProblemCategory.Market => "市场",
        _ => "其他",
    };

    public static string Chinese(ProblemState state) => state switch
    {
        ProblemState.Registered => "待受理",
        ProblemState.Accepted => "已受理",
        ProblemState.Handling => "办理中",
        ProblemState.Answered => "已答复",
        ProblemState.Closed => "已办结",
        _ => "不予受理",
    };

    public static string Chinese(ProblemStep step) => step switch
    {
        ProblemStep.Accept => "受理",
        ProblemStep.Decline => "不予受理",
        ProblemStep.Handle => "办理",
        ProblemStep.Answer => "答复",
        ProblemStep.Confirm => "确认解决",
        ProblemStep.Urge => "督办",
        _ => "重新办理",
    };

    public static bool IsFinished(ProblemState state) => state is ProblemState.Closed or ProblemState.Declined;

    /// <summary>Not yet answered: the lead unit's time limit still runs.</summary>
    public static bool AwaitsAnswer(ProblemState state) => state is ProblemState.Registered or ProblemState.Accepted or ProblemState.Handling;
}

/// <summary>
/// Who takes a step, and in what capacity: <see cref="Oversees"/> is decided outside (the office of the problem's
/// county or above, or the administrator), because Core knows no jurisdictions. UserId is null only for entries
/// kept before the platform (demo data, paper ledgers).
/// </summary>
public sealed record ProblemActor(int? UserId, string Name, string Role, int? UnitId, bool Oversees)
{
    /// <summary>
    /// The problem's raiser has an account that is disabled (停用): it can no longer sign in to confirm or reopen, so the problem
    /// would wait for nobody. Decided outside, as <see cref="Oversees"/> is, because Core knows no accounts.
    /// </summary>
    public bool RaiserDisabled { get; init; }
}

public sealed record UnitRef(int Id, string Name);

/// <summary>
/// A rule refused in Chinese. <see cref="Field"/> names the input at fault (note, leadUnitId, deadline) so that
/// a form can show the message beside it; null when it is the state or the person's role.
/// </summary>
public sealed class ProblemRuleException(string message, string? field = null) : Exception(message), IRefusal
{
    public string? Field { get; } = field;

    public RefusalKind Kind { get; init; } = field is null ? RefusalKind.Conflict : RefusalKind.Invalid;
}

/// <summary>One step taken on a problem: who, when, what. Never changed once written.</summary>
public sealed class ProblemEvent
{
    public int Id { get; set; }
    public int ProblemId { get; set; }
    public DateTime AtUtc { get; set; }
    public int? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public ProblemState From { get; set; }
    public ProblemState To { get; set; }
    public string? Note { get; set; }

    /// <summary>The office confirmed or reopened for the raiser.</summary>
    public bool OnBehalf { get; set; }
}

public sealed class ProblemCooperatingUnit
{
    public int ProblemId { get; set; }
    public int UnitId { get; set; }
}

/// <summary>
/// 问题台账: a problem raised in a county is accepted by the office (which names the lead unit and the time limit),
/// handled and answered by the lead unit, and closed only when the person who raised it confirms it solved — or
/// reopened by them with a reason. The office may refuse it at the start. Every step is a method here; an illegal
/// step throws <see cref="ProblemRuleException"/>.
/// </summary>
public sealed class Problem
{
    public const int MaxTitle = 100;
    public const int MaxText = 2000;
    public const int MaxCooperatingUnits = 20;

    /// <summary>The history's name for the office's 督办, by which the lead unit's reminder and the overdue list find it.</summary>
    public const string UrgeAction = "督办";

    /// <summary>A problem is followed "until it is solved", not for ever: a time limit years away is a typing slip.</summary>
    public const int MaxDeadlineYears = 2;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public ProblemSource Source { get; set; }
    public ProblemKind Kind { get; set; }
    public ProblemCategory Category { get; set; }

    /// <summary>The county the problem belongs to; its office accepts it.</summary>
    public int JurisdictionId { get; set; }
    public int? SpecializedTownId { get; set; }
    public int? EnterpriseId { get; set; }
    public int? LeadUnitId { get; set; }
    public List<ProblemCooperatingUnit> CooperatingUnits { get; set; } = [];
    public DateOnly? Deadline { get; set; }

    public int? RaisedByUserId { get; set; }
    public string RaisedBy { get; set; } = "";
    public DateTime RaisedAtUtc { get; set; }

    public ProblemState State { get; set; } = ProblemState.Registered;
    public DateTime? AcceptedAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>The lead unit's current answer; cleared when the raiser reopens (the history keeps it).</summary>
    public string? LatestAnswer { get; set; }
    public bool IsDemo { get; set; }

    public List<ProblemEvent> Events { get; set; } = [];

    /// <summary>A new problem as registered; the fields are checked by the caller (scope, units) and by <see cref="CheckText"/>.</summary>
    public static Problem Raise(ProblemActor actor, DateTime now, string title, string description, ProblemSource source, ProblemKind kind,
        ProblemCategory category, int jurisdictionId, int? townId, int? enterpriseId, UnitRef? leadUnit, IReadOnlyCollection<UnitRef> cooperating, DateOnly? deadline)
    {
        if (actor.Role is Roles.Expert or Roles.Leader)
            throw new ProblemRuleException($"{Roles.Chinese.GetValueOrDefault(actor.Role, actor.Role)}不能登记问题") { Kind = RefusalKind.Forbidden };
        var problem = new Problem
        {
            Title = title.Trim(), Description = description.Trim(), Source = source, Kind = kind, Category = category,
            JurisdictionId = jurisdictionId, SpecializedTownId = townId, EnterpriseId = enterpriseId, LeadUnitId = leadUnit?.Id,
            CooperatingUnits = cooperating.Select(u => new ProblemCooperatingUnit { UnitId = u.Id }).ToList(), Deadline = deadline,
            RaisedByUserId = actor.UserId, RaisedBy = actor.Name, RaisedAtUtc = now,
        };
        problem.Record(actor, now, "登记问题", problem.State, Assignment(leadUnit, cooperating, deadline), onBehalf: false);
        return problem;
    }

    /// <summary>Title and description: required and length-limited. Field name → Chinese message.</summary>
    public static IReadOnlyDictionary<string, string> CheckText(string? title, string? description)
    {
        var errors = new Dictionary<string, string>();
        var t = title?.Trim() ?? "";
        var d = description?.Trim() ?? "";
        if (t.Length == 0) errors["Title"] = "请填写问题标题";
        else if (t.Length > MaxTitle) errors["Title"] = $"问题标题不超过 {MaxTitle} 字（现为 {t.Length} 字）";
        if (d.Length == 0) errors["Description"] = "请填写问题描述";
        else if (d.Length > MaxText) errors["Description"] = $"问题描述不超过 {MaxText} 字（现为 {d.Length} 字）";
        return errors;
    }

    public bool IsRaiser(ProblemActor actor) => RaisedByUserId is { } raiser && actor.UserId == raiser;

    public bool IsLeadUnit(ProblemActor actor) => actor.Role == Roles.MemberUnit && LeadUnitId is { } lead && actor.UnitId == lead;

    /// <summary>The steps this person may take now: what the detail page offers, and nothing else is accepted.</summary>
    public IReadOnlyList<ProblemStep> StepsFor(ProblemActor actor)
    {
        var steps = new List<ProblemStep>();
        switch (State)
        {
            case ProblemState.Registered when actor.Oversees:
                steps.Add(ProblemStep.Accept);
                steps.Add(ProblemStep.Decline);
                break;
            case ProblemState.Accepted or ProblemState.Handling when actor.Oversees || IsLeadUnit(actor):
                if (!IsLeadUnit(actor)) steps.Add(ProblemStep.Urge);
                steps.Add(ProblemStep.Handle);
                if (State == ProblemState.Handling) steps.Add(ProblemStep.Answer);
                break;
            case ProblemState.Answered when IsRaiser(actor) || MayActForRaiser(actor):
                steps.Add(ProblemStep.Confirm);
                steps.Add(ProblemStep.Reopen);
                break;
        }
        return steps;
    }

    /// <summary>The office accepts, naming (or changing) the lead unit, the cooperating units and the time limit.</summary>
    public void Accept(ProblemActor actor, DateTime now, UnitRef? leadUnit, IReadOnlyCollection<UnitRef>? cooperating, DateOnly? deadline, string? note)
    {
        RequireState(ProblemStep.Accept, ProblemState.Registered);
        if (!actor.Oversees) throw new ProblemRuleException($"只有本{CountyWords.Any}或上级领导小组办公室可以受理问题") { Kind = RefusalKind.Forbidden };
        var coop = cooperating ?? [];
        var problems = AcceptProblems(now, leadUnit?.Id, coop.Select(c => c.Id).ToList(), deadline, note);
        if (problems.Count > 0) throw new ProblemRuleException(problems.First().Value, problems.First().Key);
        var lead = leadUnit?.Id ?? LeadUnitId;
        var limit = deadline ?? Deadline;
        var text = Text(note, "受理意见");
        LeadUnitId = lead;
        if (cooperating is not null)
        {
            // Changed in place, so that a stored row that stays is not removed and added again.
            CooperatingUnits.RemoveAll(c => coop.All(u => u.Id != c.UnitId));
            foreach (var u in coop.Where(u => CooperatingUnits.All(c => c.UnitId != u.Id)))
                CooperatingUnits.Add(new ProblemCooperatingUnit { ProblemId = Id, UnitId = u.Id });
        }
        Deadline = limit;
        AcceptedAtUtc = now;
        var assignment = Assignment(leadUnit, cooperating, deadline);
        Move(actor, now, "受理", ProblemState.Accepted, Join(assignment, text), onBehalf: false);
    }

    /// <summary>
    /// Everything wrong with an acceptance, field by field (a unit or deadline not given falls back to what the raiser
    /// proposed), so that a form names it all at once; <see cref="Accept"/> refuses with the first.
    /// </summary>
    public Dictionary<string, string> AcceptProblems(DateTime now, int? leadUnitId, IReadOnlyCollection<int> cooperating, DateOnly? deadline, string? note)
    {
        var problems = new Dictionary<string, string>();
        var lead = leadUnitId ?? LeadUnitId;
        if (lead is null) problems["leadUnitId"] = "受理时须指定牵头单位";
        var limit = deadline ?? Deadline;
        var today = ProblemDeadline.ChinaDate(now);
        if (limit is null) problems["deadline"] = "受理时须确定办理时限";
        else if (limit < today) problems["deadline"] = "办理时限不能早于今天";
        else if (limit > today.AddYears(MaxDeadlineYears)) problems["deadline"] = $"办理时限不能超过 {MaxDeadlineYears} 年";
        var length = note?.Trim().Length ?? 0;
        if (length > MaxText) problems["note"] = $"受理意见不超过 {MaxText} 字（现为 {length} 字）";
        if (lead is not null && cooperating.Contains(lead.Value)) problems["cooperatingUnitIds"] = "牵头单位不必再列为配合单位";
        else if (cooperating.Count > MaxCooperatingUnits) problems["cooperatingUnitIds"] = $"配合单位最多 {MaxCooperatingUnits} 个";
        return problems;
    }

    public void Decline(ProblemActor actor, DateTime now, string? reason)
    {
        RequireState(ProblemStep.Decline, ProblemState.Registered);
        if (!actor.Oversees) throw new ProblemRuleException($"只有本{CountyWords.Any}或上级领导小组办公室可以决定不予受理") { Kind = RefusalKind.Forbidden };
        var text = Required(reason, "请写明不予受理的理由", "理由");
        ClosedAtUtc = now;
        Move(actor, now, "不予受理", ProblemState.Declined, text, onBehalf: false);
    }

    /// <summary>
    /// The lead unit records what it has done; the first note starts the handling, later ones add to it. The office may record
    /// it only for the lead unit (a unit that reports on paper or has no account), and the history says so: the office's own
    /// means of pressing a unit is <see cref="Urge"/>, which moves nothing.
    /// </summary>
    public void Handle(ProblemActor actor, DateTime now, string? note)
    {
        RequireState(ProblemStep.Handle, ProblemState.Accepted, ProblemState.Handling);
        var onBehalf = RequireHandler(actor, ProblemStep.Handle);
        var text = Required(note, "请填写办理情况", "办理情况");
        Move(actor, now, onBehalf ? "代牵头单位登记办理情况" : "办理", ProblemState.Handling, text, onBehalf);
    }

    public void Answer(ProblemActor actor, DateTime now, string? answer)
    {
        // An answer follows at least one 办理情况 (decision 0006): an accepted problem has none yet, and the unit is told what comes first.
        if (State == ProblemState.Accepted)
        {
            RequireHandler(actor, ProblemStep.Answer);
            throw new ProblemRuleException("请先登记办理情况，再答复");
        }
        RequireState(ProblemStep.Answer, ProblemState.Handling);
        var onBehalf = RequireHandler(actor, ProblemStep.Answer);
        var text = Required(answer, "请填写答复内容", "答复内容");
        LatestAnswer = text;
        AnsweredAtUtc = now;
        Move(actor, now, onBehalf ? "代牵头单位答复" : "答复", ProblemState.Answered, text, onBehalf);
    }

    /// <summary>
    /// 督办 (新政办发〔2023〕33号 四（五）“对存在的问题督查督办督导”; 垣曲 附件“督促……落实落地”): the office of the county or above
    /// presses the lead unit of a problem still in its hands, with a note of what it asks. It is kept in the history under the
    /// office's name and reminds the lead unit; the problem stays where it is, since nothing has been done on it yet.
    /// </summary>
    public void Urge(ProblemActor actor, DateTime now, string? note)
    {
        RequireState(ProblemStep.Urge, ProblemState.Accepted, ProblemState.Handling);
        if (!actor.Oversees || IsLeadUnit(actor)) throw new ProblemRuleException($"只有本{CountyWords.Any}或上级领导小组办公室可以督办") { Kind = RefusalKind.Forbidden };
        var text = Required(note, "请填写督办意见（督办的事项和要求）", "督办意见");
        Record(actor, now, UrgeAction, State, text, onBehalf: false);
    }

    /// <summary>
    /// Only the raiser says it is solved. The office may do it for them (marked 代提出人) only when the raiser has no account
    /// to do it with — a problem taken from a paper ledger, an enterprise that phoned: a raiser who can sign in answers for
    /// themselves, and the office cannot close the problem over their head.
    /// </summary>
    public void Confirm(ProblemActor actor, DateTime now, string? note)
    {
        RequireState(ProblemStep.Confirm, ProblemState.Answered);
        var onBehalf = RequireRaiser(actor, ProblemStep.Confirm);
        var text = Text(note, "确认意见");
        ClosedAtUtc = now;
        Move(actor, now, onBehalf ? "代提出人确认解决，办结" : "提出人确认解决，办结", ProblemState.Closed, text, onBehalf);
    }

    public void Reopen(ProblemActor actor, DateTime now, string? reason)
    {
        RequireState(ProblemStep.Reopen, ProblemState.Answered);
        var onBehalf = RequireRaiser(actor, ProblemStep.Reopen);
        var text = Required(reason, "请写明问题未解决的原因", "原因");
        LatestAnswer = null;
        AnsweredAtUtc = null;
        Move(actor, now, onBehalf ? "代提出人退回，重新办理" : "提出人退回，重新办理", ProblemState.Handling, text, onBehalf);
    }

    /// <summary>True when the office acts for the lead unit.</summary>
    private bool RequireHandler(ProblemActor actor, ProblemStep step)
    {
        if (IsLeadUnit(actor)) return false;
        if (actor.Oversees) return true;
        throw new ProblemRuleException($"只有牵头单位或领导小组办公室可以{ProblemNames.Chinese(step)}") { Kind = RefusalKind.Forbidden };
    }

    private bool RequireRaiser(ProblemActor actor, ProblemStep step)
    {
        if (IsRaiser(actor)) return false;
        if (MayActForRaiser(actor)) return true;
        throw new ProblemRuleException(actor.Oversees
            ? $"提出人（{RaisedBy}）有平台账号，须由提出人本人{ProblemNames.Chinese(step)}；领导小组办公室仅在提出人没有账号或账号已停用时代其办理"
            : $"只有问题提出人（{RaisedBy}）可以{ProblemNames.Chinese(step)}") { Kind = RefusalKind.Forbidden };
    }

    /// <summary>
    /// The office stands in for a raiser only when the raiser cannot act: no account (registered from paper, or the account
    /// removed), or an account disabled, which would otherwise leave an answered problem waiting for someone who cannot sign in.
    /// </summary>
    public bool MayActForRaiser(ProblemActor actor) => actor.Oversees && (RaisedByUserId is null || actor.RaiserDisabled);

    private void RequireState(ProblemStep step, params ProblemState[] allowed)
    {
        if (!allowed.Contains(State))
            throw new ProblemRuleException($"问题当前为“{ProblemNames.Chinese(State)}”，不能“{ProblemNames.Chinese(step)}”");
    }

    private static string? Text(string? text, string what)
    {
        var t = text?.Trim() ?? "";
        if (t.Length > MaxText) throw new ProblemRuleException($"{what}不超过 {MaxText} 字（现为 {t.Length} 字）", "note");
        return t.Length == 0 ? null : t;
    }

    private static string Required(string? text, string missing, string what) =>
        Text(text, what) ?? throw new ProblemRuleException(missing, "note");

    private static string? Assignment(UnitRef? lead, IReadOnlyCollection<UnitRef>? cooperating, DateOnly? deadline)
    {
        var parts = new List<string>();
        if (lead is not null) parts.Add($"牵头单位：{lead.Name}");
        if (cooperating is { Count: > 0 }) parts.Add($"配合单位：{string.Join("、", cooperating.Select(c => c.Name))}");
        if (deadline is { } d) parts.Add($"办理时限：{d.Year}年{d.Month}月{d.Day}日");
        return parts.Count == 0 ? null : string.Join("；", parts);
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}。{b}";

    private void Move(ProblemActor actor, DateTime now, string action, ProblemState to, string? note, bool onBehalf)
    {
        Record(actor, now, action, to, note, onBehalf);
        State = to;
    }

    private void Record(ProblemActor actor, DateTime now, string action, ProblemState to, string? note, bool onBehalf) =>
        Events.Add(new ProblemEvent
        {
            ProblemId = Id, AtUtc = now, UserId = actor.UserId, UserName = actor.Name, Action = action, From = State, To = to, Note = note, OnBehalf = onBehalf,
        });
}
