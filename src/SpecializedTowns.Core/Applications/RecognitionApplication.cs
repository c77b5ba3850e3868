using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Applications;

/// <summary>Where an application for recognition stands (认定申报).</summary>
public enum ApplicationState
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    ExpertReview = 4,
    AwaitingDecision = 5,
    Publicity = 6,
    Recognized = 7,
    Reserved = 8,
    Rejected = 9,
}

public enum Decision { Recognize = 1, Reserve = 2, Reject = 3 }

public static class ApplicationStates
{
    public static string Chinese(Decision decision) => decision switch
    {
        Decision.Recognize => "认定",
        Decision.Reserve => "列入储备",
        _ => "不予认定",
    };

    public static string Chinese(ApplicationState state) => state switch
    {
        ApplicationState.Draft => "草稿",
        ApplicationState.Submitted => "待形式审查",
        ApplicationState.Returned => "退回修改",
        ApplicationState.ExpertReview => "专家评审中",
        ApplicationState.AwaitingDecision => "待领导小组审定",
        ApplicationState.Publicity => "公示中",
        ApplicationState.Recognized => "已认定",
        ApplicationState.Reserved => "列入储备",
        _ => "不予认定",
    };

    public static bool IsClosed(ApplicationState state) => state is ApplicationState.Recognized or ApplicationState.Reserved or ApplicationState.Rejected;
}

/// <summary>One step taken on an application: who, when, what and why. Never changed once written.</summary>
public sealed class ApplicationEvent
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public DateTime AtUtc { get; set; }
    public int UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public ApplicationState From { get; set; }
    public ApplicationState To { get; set; }
    public string? Reason { get; set; }
}

public sealed class ExpertAssignment
{
    public int ApplicationId { get; set; }
    public int ExpertUserId { get; set; }
}

/// <summary>An expert's conclusion on one criterion the text leaves to judgement, with a comment.</summary>
public sealed class ExpertScore
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int ExpertUserId { get; set; }
    public string CriterionKey { get; set; } = "";
    public bool Met { get; set; }
    public string Comment { get; set; } = "";

    /// <summary>
    /// The key of an expert's overall opinion (意见, 建议认定 or not): kept beside the criteria so that an expert always has
    /// something to give, also when the figures settle every condition. <see cref="Met"/> is 建议认定.
    /// </summary>
    public const string Overall = "overall";

    public const string OverallTitle = "总体意见";

    public static string Verdict(string key, bool met) => key == Overall ? (met ? "建议认定" : "不建议认定") : met ? "符合" : "不符合";
}

/// <summary>
/// 认定申报: an applicant (county government or township, as the standard says) submits a town's facts;
/// the office reviews the form, experts score what the text leaves to judgement, the leading group decides,
/// and after the publicity period without an upheld objection the town takes the tier.
/// Every transition is a method here; an illegal step throws <see cref="ApplicationRuleException"/>.
/// </summary>
public sealed class RecognitionApplication
{
    public int Id { get; set; }
    public int SpecializedTownId { get; set; }
    public string StandardId { get; set; } = "";
    public Tier TargetTier { get; set; }
    public ApplicationState State { get; set; } = ApplicationState.Draft;

    /// <summary>The facts as the applicant states them (recognition-check contract JSON).</summary>
    public string FactsJson { get; set; } = "{}";
    public string? PreCheckOutcome { get; set; }
    public int CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public Decision? Decision { get; set; }
    public string? DecisionDocumentNumber { get; set; }
    public DateOnly? PublicityEndsOn { get; set; }
    public string? PanelConclusionJson { get; set; }

    public List<ApplicationEvent> Events { get; set; } = [];
    public List<ExpertAssignment> Experts { get; set; } = [];
    public List<ExpertScore> Scores { get; set; } = [];
    public List<ApplicationAttachment> Attachments { get; set; } = [];

    public const int MaxAttachments = 20;

    /// <summary>Evidence is attached while the applicant prepares the application. The count is passed in: the files themselves are not loaded.</summary>
    public void Attach(Actor actor, DateTime now, ApplicationAttachment attachment, int existingCount)
    {
        Require(actor, "上传申报材料", Roles.Office, Roles.Township, Roles.Admin);
        RequireState("上传申报材料", ApplicationState.Draft, ApplicationState.Returned);
        if (existingCount >= MaxAttachments) throw new ApplicationRuleException($"每份申报最多 {MaxAttachments} 个附件");
        attachment.UploadedByUserId = actor.UserId;
        attachment.UploadedBy = actor.UserName;
        attachment.UploadedAtUtc = now;
        Attachments.Add(attachment);
        Record(actor, now, "上传申报材料", attachment.FileName);
    }

    /// <summary>
    /// The applicant corrects the stated figures while the application is theirs: a draft, or returned for 修改. The history
    /// says so, for the reviewer who returned it to see what changed since. <paramref name="outcome"/> is the pre-check on the new facts.
    /// </summary>
    public void ReviseFacts(Actor actor, DateTime now, string factsJson, string outcome)
    {
        Require(actor, "修改申报事实", Roles.Office, Roles.Township, Roles.Admin);
        RequireState("修改申报事实", ApplicationState.Draft, ApplicationState.Returned);
        if (factsJson == FactsJson) return;
        FactsJson = factsJson;
        PreCheckOutcome = outcome;
        Record(actor, now, "修改申报事实", $"预检：{Results.Chinese.GetValueOrDefault(outcome, outcome)}");
    }

    public void Submit(Actor actor, DateTime now)
    {
        Require(actor, "提交申报", Roles.Office, Roles.Township, Roles.Admin);
        RequireState("提交申报", ApplicationState.Draft, ApplicationState.Returned);
        SubmittedAtUtc = now;
        Move(actor, now, "提交申报", ApplicationState.Submitted, null);
    }

    public void Return(Actor actor, DateTime now, string reasons)
    {
        Require(actor, "退回修改", Roles.Office, Roles.Admin);
        RequireState("退回修改", ApplicationState.Submitted);
        if (string.IsNullOrWhiteSpace(reasons)) throw new ApplicationRuleException("退回修改须写明理由", ApplicationFields.Reason);
        Move(actor, now, "退回修改", ApplicationState.Returned, Text(reasons, "退回理由", ApplicationFields.Reason));
    }

    /// <summary>
    /// What the office and the experts are told when the pre-check already fails a hard criterion: the panel settles only the
    /// open criteria, so such an application cannot be recognized whatever the experts find (qa105 #8). Null when none fails.
    /// </summary>
    public static string? FailedPreCheck(RecognitionResult? preCheck) =>
        preCheck?.Criteria.Where(c => c.Result == Results.NotMet).Select(c => c.Title.Length > 0 ? c.Title : c.Key).ToList() is { Count: > 0 } failed
            ? $"预检有不符合项（{string.Join("、", failed)}），送专家评审后也不能认定；可先退回补正"
            : null;

    /// <param name="failedPreCheck">The <see cref="FailedPreCheck"/> warning of the application, if any: sent to experts only when confirmed.</param>
    public void Accept(Actor actor, DateTime now, IReadOnlyCollection<int> expertUserIds, string? failedPreCheck = null, bool confirmed = false)
    {
        Require(actor, "形式审查通过", Roles.Office, Roles.Admin);
        RequireState("形式审查通过", ApplicationState.Submitted);
        if (failedPreCheck is not null && !confirmed) throw new ApplicationRuleException(failedPreCheck);
        if (expertUserIds.Count == 0) throw new ApplicationRuleException("形式审查通过时须指定至少一名评审专家", ApplicationFields.Experts);
        Experts = expertUserIds.Distinct().Select(id => new ExpertAssignment { ApplicationId = Id, ExpertUserId = id }).ToList();
        Move(actor, now, "形式审查通过，交专家评审", ApplicationState.ExpertReview, $"评审专家 {Experts.Count} 名");
    }

    /// <summary>
    /// An assigned expert's conclusions on the open criteria; scoring again replaces the earlier scores. <paramref name="title"/>
    /// names a criterion in messages as its standard does (龙头企业 for leading-enterprise).
    /// </summary>
    public void Score(Actor actor, DateTime now, IReadOnlyDictionary<string, (bool Met, string Comment)> scores, IReadOnlyCollection<string> openCriteria,
        Func<string, string>? title = null)
    {
        title ??= key => key;
        Require(actor, "专家评分", Roles.Expert);
        RequireState("专家评分", ApplicationState.ExpertReview);
        if (Experts.All(e => e.ExpertUserId != actor.UserId)) throw new ApplicationRuleException("您不是本申报的评审专家") { Kind = RefusalKind.Forbidden };
        var missing = openCriteria.Where(k => !scores.ContainsKey(k)).ToList();
        var empty = scores.Where(s => openCriteria.Contains(s.Key) && string.IsNullOrWhiteSpace(s.Value.Comment)).Select(s => s.Key).ToList();
        var overall = scores.TryGetValue(ExpertScore.Overall, out var o) ? o : ((bool Met, string Comment)?)null;
        if (missing.Count > 0 || empty.Count > 0 || overall is null || string.IsNullOrWhiteSpace(overall.Value.Comment))
            throw new ApplicationRuleException(string.Join("；", new[]
            {
                missing.Count > 0 ? $"请对每项待评审条件选择“符合”或“不符合”：{string.Join("、", missing.Select(title))}" : null,
                empty.Count > 0 ? $"每项结论须附评审意见：{string.Join("、", empty.Select(title))}" : null,
                overall is null ? "请在“总体意见”中选择“建议认定”或“不建议认定”" : null,
                overall is null || string.IsNullOrWhiteSpace(overall.Value.Comment) ? "请填写总体评审意见" : null,
            }.OfType<string>()), ApplicationFields.Scores)
            {
                // Each by its criterion, for the form to show beside it (qa86 3).
                Problems = openCriteria.Append(ExpertScore.Overall).Distinct()
                    .Select(k => (Key: k, Problem: ScoreProblem(k, missing.Contains(k) || k == ExpertScore.Overall && overall is null,
                        empty.Contains(k) || k == ExpertScore.Overall && (overall is null || string.IsNullOrWhiteSpace(overall.Value.Comment)))))
                    .Where(p => p.Problem is not null).ToDictionary(p => p.Key, p => p.Problem!),
            };
        foreach (var s in scores) Text(s.Value.Comment, "评审意见", ApplicationFields.Scores);
        Scores.RemoveAll(s => s.ExpertUserId == actor.UserId);
        foreach (var (key, (met, comment)) in scores.Where(s => openCriteria.Contains(s.Key) || s.Key == ExpertScore.Overall))
            Scores.Add(new ExpertScore { ApplicationId = Id, ExpertUserId = actor.UserId, CriterionKey = key, Met = met, Comment = comment.Trim() });
        Record(actor, now, "专家评分", $"{openCriteria.Count} 项条件；{ExpertScore.Verdict(ExpertScore.Overall, overall!.Value.Met)}");
    }

    private static string? ScoreProblem(string key, bool unchosen, bool uncommented)
    {
        var choice = key == ExpertScore.Overall ? "请选择“建议认定”或“不建议认定”" : "请选择“符合”或“不符合”";
        var comment = key == ExpertScore.Overall ? "填写总体评审意见" : "填写评审意见";
        return (unchosen, uncommented) switch
        {
            (true, true) => $"{choice}，并{comment}",
            (true, false) => choice,
            (false, true) => "请" + comment,
            _ => null,
        };
    }

    /// <summary>
    /// The panel concludes by majority of the assigned experts; a tie is not met. Every expert must have scored, when there is
    /// anything to judge: with every condition settled by the figures, an expert's scores hold nothing, and waiting for them
    /// left the application in 专家评审 for good.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Conclude(Actor actor, DateTime now, IReadOnlyCollection<string> openCriteria, Func<string, string>? title = null)
    {
        title ??= key => key;
        Require(actor, "汇总专家结论", Roles.Office, Roles.Admin);
        RequireState("汇总专家结论", ApplicationState.ExpertReview);
        var pending = Experts.Where(e => Scores.All(s => s.ExpertUserId != e.ExpertUserId)).ToList();
        if (pending.Count > 0 && openCriteria.Count > 0) throw new ApplicationRuleException($"还有 {pending.Count} 名专家未评分");
        var conclusion = openCriteria.ToDictionary(k => k, k =>
        {
            var votes = Scores.Where(s => s.CriterionKey == k).ToList();
            return votes.Count(v => v.Met) * 2 > votes.Count;
        });
        PanelConclusionJson = System.Text.Json.JsonSerializer.Serialize(conclusion);
        var opinions = Scores.Where(s => s.CriterionKey == ExpertScore.Overall).ToList();
        var votes = opinions.Count == 0 ? [] : new[] { $"{ExpertScore.OverallTitle}：建议认定 {opinions.Count(v => v.Met)} 人，不建议认定 {opinions.Count(v => !v.Met)} 人" };
        Move(actor, now, "汇总专家结论", ApplicationState.AwaitingDecision,
            string.Join("；", conclusion.Select(c => $"{title(c.Key)}：{(c.Value ? "符合" : "不符合")}").Concat(votes)));
        return conclusion;
    }

    /// <summary>
    /// The leading group's decision on the application as <paramref name="check"/> judges it (the pre-check with the panel's
    /// conclusions applied). The texts make the standard's conditions requirements — “申请市级专业镇需满足以下要求”
    /// (阳政办发〔2023〕24号 四), “对符合条件、培育成熟的纳入市级重点专业镇名单” (朔政办发〔2023〕19号 三（一）) — and the only latitude
    /// they give, “可适当放宽认定条件” above a floor for a traditional product, is already part of the criterion's reading and
    /// settled by the experts. So a condition still 不符合 here refuses 认定; 列入储备 or 不予认定 remain.
    /// A town already at 储备 (<paramref name="townInReserve"/>) cannot be 列入储备: the ladder has one 储备 tier (朔政办发〔2023〕19号
    /// 三（一） “省级+市级+储备”), the texts issue a document for a recognition (纳入名单), none for keeping a town where it is, and
    /// recognition rolls by cycle (“按一定周期滚动认定培育”), so the town may apply again. Deciding 列入储备 with a 文号 changed
    /// nothing (qa86 12); such a town is 不予认定（保留储备）: no 文号, the reason in the application's history, the tier as it was.
    /// For a town already recognised below the tier it applied for (县级 for 市级), 列入储备 is the reserve of that tier — 列入市级培育
    /// （储备）, 阳泉's “市级重点培育发展对象” — and leaves its tier as it is (<see cref="ReserveLabel"/>, decision 0020).
    /// </summary>
    /// <param name="toSettle">The declared figures that differ from the platform's (<see cref="DeclaredFacts.ToSettle"/>).</param>
    /// <param name="settlement">How 审定 settled or explains them: required to recognise or reserve when there are any.</param>
    public void Decide(Actor actor, DateTime now, Decision decision, string? documentNumber, string? reason, DateOnly? publicityEndsOn, RecognitionResult check,
        bool townInReserve = false, string? toSettle = null, string? settlement = null)
    {
        Require(actor, "领导小组审定", Roles.Office, Roles.Admin);
        RequireState("领导小组审定", ApplicationState.AwaitingDecision);
        var otherwise = townInReserve ? $"可选择“{KeepInReserve}”" : $"可选择“{ReserveLabel(TargetTier)}”或“不予认定”";
        // Before the unmet conditions: a standard without its numbers is the reason, and no expert's 符合 can stand in for them.
        if (decision == Applications.Decision.Recognize && check.NotConfigured is { } notConfigured)
            throw new ApplicationRuleException($"{notConfigured}。本申报{otherwise}，或待标准配置后再审定");
        if (decision == Applications.Decision.Recognize && Unmet(check) is { Count: > 0 } unmet)
            throw new ApplicationRuleException($"以下认定条件不符合，不能认定：{string.Join("；", unmet)}。认定标准的条件须全部符合，{otherwise}");
        if (decision == Applications.Decision.Reserve && townInReserve)
            throw new ApplicationRuleException($"该专业镇已在储备梯次，列入储备不会改变其梯次；未予认定时请选择“{KeepInReserve}”并写明理由", ApplicationFields.Decision);
        if (string.IsNullOrWhiteSpace(documentNumber) && decision != Applications.Decision.Reject)
            throw new ApplicationRuleException("认定或列入储备须填写文号", ApplicationFields.DocumentNumber);
        if (decision == Applications.Decision.Reject && string.IsNullOrWhiteSpace(reason))
            throw new ApplicationRuleException("不予认定须写明理由", ApplicationFields.Reason);
        var number = global::SpecializedTowns.Core.Documents.DocumentNumber.Written(documentNumber, out var numberProblem);
        if (numberProblem is not null) throw new ApplicationRuleException(numberProblem, ApplicationFields.DocumentNumber);
        var why = Text(reason, "理由", ApplicationFields.Reason);
        var (first, last) = PublicityWindow(now);
        if (decision == Applications.Decision.Recognize && (publicityEndsOn is not { } end || end < first || end > last))
            throw new ApplicationRuleException(
                $"公示截止日期应在 {first:yyyy年M月d日} 至 {last:yyyy年M月d日} 之间（晚于今天，公示期不超过 {MaxPublicityDays} 天）", ApplicationFields.PublicityEndsOn);
        // 形式审查 showed the difference; recognising on figures the platform does not hold needs them settled or explained.
        var settled = Text(settlement, "核定说明", ApplicationFields.Settlement);
        if (toSettle is not null && decision != Applications.Decision.Reject && settled.Length == 0)
            throw new ApplicationRuleException($"申报与平台登记不一致（{toSettle}），审定须核定或说明：写明以哪个数为准及理由，如“申报 12 家含 8 家尚未录入企业库的合作社，已核对名单”", ApplicationFields.Settlement);
        var settledText = toSettle is null || settled.Length == 0 ? null : $"申报与平台登记核定：{toSettle}。说明：{settled}";
        Decision = decision;
        DecisionDocumentNumber = number;
        switch (decision)
        {
            case Applications.Decision.Recognize:
                PublicityEndsOn = publicityEndsOn;
                Move(actor, now, "审定：拟认定，进入公示", ApplicationState.Publicity, Joined(DecisionDocumentNumber, $"公示至 {publicityEndsOn:yyyy年M月d日}", why, settledText));
                break;
            case Applications.Decision.Reserve:
                Move(actor, now, $"审定：{ReserveLabel(TargetTier)}", ApplicationState.Reserved, Joined(DecisionDocumentNumber, why, settledText));
                break;
            default:
                Move(actor, now, townInReserve ? $"审定：{KeepInReserve}" : "审定：不予认定", ApplicationState.Rejected, why);
                break;
        }
    }

    /// <summary>
    /// The longest publicity period. None of the five texts mentions 公示 at all, let alone its length; a date far ahead would
    /// hold the application in publicity for years (结束公示 waits for it), so the platform bounds it. 平台默认: 30 days covers the
    /// usual 5 to 7 working days with room to spare.
    /// </summary>
    public const int MaxPublicityDays = 30;

    /// <summary>
    /// What 列入储备 records for a town recognised below the tier it applied for: it is named a 培育对象 of that tier (the tier's
    /// reserve: 朔政办发〔2023〕19号 三（一） “省级+市级+储备……对符合条件、培育成熟的纳入市级重点专业镇名单”; 阳政办发〔2023〕24号 二
    /// “作为市级重点培育发展对象”) and keeps the tier it holds, which no application lowers (decision 0020). The town's page shows it
    /// while the town stays below that tier.
    /// </summary>
    public static string ReserveLabel(Tier target) => $"列入{Tiers.Chinese(target)}培育（储备）";

    /// <summary>不予认定 for a town already at 储备, which stays there (see <see cref="Decide"/>).</summary>
    public const string KeepInReserve = "不予认定（保留储备）";

    /// <summary>The days a publicity period may end on, by China's calendar: from tomorrow to <see cref="MaxPublicityDays"/> ahead.</summary>
    public static (DateOnly First, DateOnly Last) PublicityWindow(DateTime nowUtc)
    {
        var today = ChinaTime.Date(nowUtc);
        return (today.AddDays(1), today.AddDays(MaxPublicityDays));
    }

    /// <summary>The conditions that stand in the way of 认定, each with the reason as the check gives it.</summary>
    public static IReadOnlyList<string> Unmet(RecognitionResult check) =>
        check.Criteria.Where(c => c.Result != Results.Met)
            .Select(c => $"{(c.Title == "" ? c.Key : c.Title)}{(c.Result == Results.NotMet ? "不符合" : "尚未评定")}（{c.Explanation}）").ToList();

    private static string? Joined(params string?[] parts) => string.Join("；", parts.Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } s ? s : null;

    public void RecordObjection(Actor actor, DateTime now, string objection)
    {
        Require(actor, "登记公示异议", Roles.Office, Roles.Admin);
        RequireState("登记公示异议", ApplicationState.Publicity);
        if (string.IsNullOrWhiteSpace(objection)) throw new ApplicationRuleException("请填写异议内容", ApplicationFields.Reason);
        Record(actor, now, "登记公示异议", Text(objection, "异议内容", ApplicationFields.Reason));
    }

    /// <summary>
    /// Ends the publicity period: with an upheld objection the town is not recognised. <paramref name="notConfigured"/> is why the
    /// standard cannot recognise anyone (<see cref="RecognitionResult.NotConfigured"/>): an application sent to 公示 before that
    /// was refused at 审定 is not confirmed either; an upheld objection may still close it.
    /// </summary>
    public void EndPublicity(Actor actor, DateTime now, bool objectionUpheld, string? reason, string? notConfigured = null)
    {
        Require(actor, "公示结束", Roles.Office, Roles.Admin);
        RequireState("公示结束", ApplicationState.Publicity);
        if (!objectionUpheld && notConfigured is not null)
            throw new ApplicationRuleException($"{notConfigured}。公示期满也不能确认认定，请待标准配置后再办理");
        // The period's last day is a China calendar day: at 03:00 Beijing time on it, the UTC date is still the day before.
        if (!objectionUpheld && PublicityEndsOn is { } end && ChinaTime.Date(now) < end)
            throw new ApplicationRuleException($"公示期至 {end:yyyy年M月d日}，期满后方可确认认定");
        if (objectionUpheld)
        {
            if (string.IsNullOrWhiteSpace(reason)) throw new ApplicationRuleException("异议成立须写明理由", ApplicationFields.Reason);
            Move(actor, now, "公示异议成立，不予认定", ApplicationState.Rejected, Text(reason, "理由", ApplicationFields.Reason));
        }
        else
        {
            Move(actor, now, "公示期满无异议，正式认定", ApplicationState.Recognized, DecisionDocumentNumber);
        }
    }

    public const int MaxText = 2000;

    // Reasons, comments and objections are kept whole; past the limit the person is asked to shorten them.
    private static string Text(string? text, string what, string field, int max = MaxText)
    {
        var t = text?.Trim() ?? "";
        if (t.Length > max) throw new ApplicationRuleException($"{what}不超过 {max} 字（现为 {t.Length} 字）", field);
        return t;
    }

    private void Require(Actor actor, string action, params string[] roles)
    {
        if (!roles.Contains(actor.Role))
            throw new ApplicationRuleException($"{Roles.Chinese.GetValueOrDefault(actor.Role, actor.Role)}不能执行“{action}”") { Kind = RefusalKind.Forbidden };
    }

    private void RequireState(string action, params ApplicationState[] allowed)
    {
        if (!allowed.Contains(State))
            throw new ApplicationRuleException($"申报当前为“{ApplicationStates.Chinese(State)}”，不能“{action}”");
    }

    private void Move(Actor actor, DateTime now, string action, ApplicationState to, string? reason)
    {
        Events.Add(new ApplicationEvent { ApplicationId = Id, AtUtc = now, UserId = actor.UserId, UserName = actor.UserName, Action = action, From = State, To = to, Reason = reason });
        State = to;
    }

    private void Record(Actor actor, DateTime now, string action, string? reason) =>
        Events.Add(new ApplicationEvent { ApplicationId = Id, AtUtc = now, UserId = actor.UserId, UserName = actor.UserName, Action = action, From = State, To = State, Reason = reason });
}

/// <summary>Who takes a step.</summary>
public sealed record Actor(int UserId, string UserName, string Role);

/// <summary>
/// The inputs of the steps, as the page's form and the API's body name them (the API in camelCase): a refusal that names one
/// is input to correct (400 in the API, beside that field on the page), one that names none is the application's state.
/// </summary>
public static class ApplicationFields
{
    public const string Reason = "Reason";
    public const string Experts = "Experts";
    public const string Scores = "Scores";
    public const string Decision = "Decision";
    public const string DocumentNumber = "DocumentNumber";
    public const string PublicityEndsOn = "PublicityEndsOn";
    public const string Settlement = "Settlement";
    public const string File = "File";
}

/// <summary>A step refused; <see cref="Field"/> names the input at fault (the step's parameter) when one is, for the form to show it there.</summary>
public sealed class ApplicationRuleException(string message, string? field = null) : Exception(message), IRefusal
{
    public string? Field { get; } = field;

    /// <summary>
    /// For stated facts that cannot stand: each problem by the fact's field as the facts JSON names it (category,
    /// localEmployment; "" for the facts as a whole), for an API to name them one by one; for an expert's review, each
    /// criterion left without a choice or comment by its key (<see cref="ExpertScore.Overall"/> for 总体意见). Empty for any other refusal.
    /// </summary>
    public IReadOnlyDictionary<string, string> Problems { get; init; } = new Dictionary<string, string>();

    /// <summary>Refused for the application's state by default; <see cref="RefusalKind.Forbidden"/> when the step belongs to another side or role.</summary>
    public RefusalKind Kind { get; init; } = field is null ? RefusalKind.Conflict : RefusalKind.Invalid;
}

/// <summary>Evidence attached to an application (申报材料): a few document and image types, limited in size.</summary>
public sealed class ApplicationAttachment
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public int UploadedByUserId { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAtUtc { get; set; }

    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", "%PDF"u8.ToArray()),
        [".png"] = ("image/png", [0x89, 0x50, 0x4E, 0x47]),
        [".jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"u8.ToArray()),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"u8.ToArray()),
    };

    public static string AllowedList => "PDF、JPG、PNG、Word（.docx）、Excel（.xlsx）";

    /// <summary>The content type to store, or a Chinese reason the file is refused. The bytes must match the extension.</summary>
    public static (string? ContentType, string? Problem) Check(string fileName, ReadOnlySpan<byte> content)
    {
        if (content.Length == 0) return (null, "文件为空");
        if (content.Length > MaxBytes) return (null, $"文件超过 {MaxBytes / 1024 / 1024}MB");
        var extension = Path.GetExtension(fileName);
        if (!Allowed.TryGetValue(extension, out var kind)) return (null, $"不支持的文件类型“{extension}”，可上传 {AllowedList}");
        if (!content.StartsWith(kind.Magic)) return (null, $"文件内容与扩展名“{extension}”不符");
        if (OfficeFolders.TryGetValue(extension, out var folder) && !IsOfficeZip(content, folder))
            return (null, $"文件内容与扩展名“{extension}”不符，不是可以打开的{(folder == "word/" ? "Word" : "Excel")}文件");
        return (kind.ContentType, null);
    }

    /// <summary>Where a Word or Excel file keeps its parts: "PK" alone is any zip, and the office would receive a file Word cannot open.</summary>
    private static readonly Dictionary<string, string> OfficeFolders = new(StringComparer.OrdinalIgnoreCase) { [".docx"] = "word/", [".xlsx"] = "xl/" };

    private static bool IsOfficeZip(ReadOnlySpan<byte> content, string folder)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content.ToArray(), writable: false), System.IO.Compression.ZipArchiveMode.Read);
            return zip.Entries.Any(e => e.FullName.StartsWith(folder, StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException) { return false; }
    }
}
