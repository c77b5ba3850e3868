namespace SpecializedTowns.Core.Notices;

/// <summary>Who must put things right: a specialized town, a township (乡镇、街道) or a unit (成员单位, a township government …).</summary>
public enum RecipientKind { Town = 1, Township = 2, Unit = 3 }

/// <summary>What is stored. 逾期 is not a state of its own: it is read from the deadline and the items each day (<see cref="Notice.Status"/>).</summary>
public enum NoticeState { Issued = 1, Rectified = 2, Handled = 3 }

/// <summary>What a person is shown: 已下发, 逾期 (deadline missed, not yet rectified), 已整改, 已处理 (the office recorded what it did).</summary>
public enum NoticeStatus { Issued = 1, Overdue = 2, Rectified = 3, Handled = 4 }

/// <summary>One finding's rectification: 待整改 → 已填报 → (报送) 待核验 → 已通过, or back to 已退回 with the office's reason.</summary>
public enum ItemState { Open = 1, Drafted = 2, Submitted = 3, Accepted = 4, Returned = 5 }

/// <summary>What the office did about a missed deadline: 通报批评, 约谈, or something else it names.</summary>
public enum NoticeActionKind { PublicCriticism = 1, Interview = 2, Other = 3 }

/// <summary>The steps a person may take on a notice.</summary>
public enum NoticeStep { Record = 1, Submit = 2, Verify = 3, RecordAction = 4 }

public static class NoticeNames
{
    public static string Chinese(RecipientKind kind) => kind switch
    {
        RecipientKind.Town => "专业镇",
        RecipientKind.Township => "乡镇（街道）",
        _ => "单位",
    };

    /// <summary>The stored state as the audit shows it: a notice past its deadline is 逾期 only when read on a day (see Notice.Status).</summary>
    public static string Chinese(NoticeState state) => Chinese(state switch
    {
        NoticeState.Handled => NoticeStatus.Handled,
        NoticeState.Rectified => NoticeStatus.Rectified,
        _ => NoticeStatus.Issued,
    });

    public static string Chinese(NoticeStatus status) => status switch
    {
        NoticeStatus.Issued => "已下发",
        NoticeStatus.Overdue => "逾期",
        NoticeStatus.Rectified => "已整改",
        _ => "已处理",
    };

    public static string Chinese(ItemState state) => state switch
    {
        ItemState.Open => "待整改",
        ItemState.Drafted => "已填报，未报送",
        ItemState.Submitted => "待核验",
        ItemState.Accepted => "已通过",
        _ => "已退回",
    };

    public static string Chinese(NoticeActionKind kind) => kind switch
    {
        NoticeActionKind.PublicCriticism => "通报批评",
        NoticeActionKind.Interview => "约谈",
        _ => "其他",
    };

    public static string Chinese(NoticeStep step) => step switch
    {
        NoticeStep.Record => "填报整改情况",
        NoticeStep.Submit => "报送整改情况",
        NoticeStep.Verify => "核验",
        _ => "记录处理结果",
    };

    /// <summary>The key a pack's consequence uses for the action (docs/policy-pack-format.md).</summary>
    public static string? PackKind(NoticeActionKind kind) => kind switch
    {
        NoticeActionKind.PublicCriticism => "public-criticism",
        NoticeActionKind.Interview => "interview",
        _ => null,
    };

    /// <summary>The recipient's part is still to do: not reported, or returned by the office.</summary>
    public static bool AwaitsRecipient(ItemState state) => state is ItemState.Open or ItemState.Drafted or ItemState.Returned;
}

/// <summary>
/// Who takes a step, and in what capacity — decided outside, because Core knows no jurisdictions or accounts.
/// <see cref="IsRecipient"/>: an account of the recipient (its township staff, its unit). <see cref="ActsForRecipient"/>: an
/// office whose area holds the recipient, which may enter the rectification for it (a report that came on paper).
/// <see cref="Oversees"/>: the issuing office or one above it, or the administrator: it verifies and records what was done.
/// UserId is null only for entries kept before the platform (demo data).
/// </summary>
public sealed record NoticeActor(int? UserId, string Name, string Role, bool IsRecipient, bool ActsForRecipient, bool Oversees)
{
    public bool MayRecord => IsRecipient || ActsForRecipient || Oversees;
}

/// <summary>A rule refused in Chinese; <see cref="Field"/> names the input at fault (measures, reason, actions …), null for the state or the person's part.</summary>
public sealed class NoticeRuleException(string message, string? field = null) : Exception(message), IRefusal
{
    public string? Field { get; } = field;

    public RefusalKind Kind { get; init; } = field is null ? RefusalKind.Conflict : RefusalKind.Invalid;
}

/// <summary>One problem the notice lists, with where it was found (an evaluation indicator, a 督查, a ledger entry).</summary>
public sealed record NoticeFinding(string Text, string Source);

/// <summary>发文字号: the office's prefix, the year in 〔〕 and the number within the year, e.g. 垣专办督〔2025〕3号.</summary>
public sealed record NoticeNumber(string Prefix, int Year, int Sequence)
{
    public override string ToString() => $"{Prefix}〔{Year}〕{Sequence}号";
}

/// <summary>What a notice says, checked by <see cref="NoticeRules.Check"/> before <see cref="Notice.Issue"/>.</summary>
public sealed record NoticeContent(
    RecipientKind RecipientKind, int RecipientId, string RecipientName, string Addressee, int RecipientAreaId,
    string Subject, string Basis, int? EvaluationId, IReadOnlyList<NoticeFinding> Findings, DateOnly IssuedOn, DateOnly Deadline,
    string ContactName, string ContactPhone, IReadOnlyList<string> CopyTo);

/// <summary>What the office records it did about a missed deadline.</summary>
public sealed record ActionInput(NoticeActionKind Kind, DateOnly? TakenOn, string? DocumentNumber, string? Note);

/// <summary>One finding of a notice and its rectification: what the recipient reported, and the office's verification.</summary>
public sealed class NoticeItem
{
    public int Id { get; set; }
    public int NoticeId { get; set; }

    /// <summary>1, 2, 3 … as the notice numbers its findings （一）（二）（三）.</summary>
    public int Position { get; set; }
    public string Finding { get; set; } = "";
    public string Source { get; set; } = "";
    public ItemState State { get; set; } = ItemState.Open;

    /// <summary>整改措施: what was done; kept when the office returns the item (the history keeps each version).</summary>
    public string? Measures { get; set; }

    /// <summary>佐证材料: what shows it, in words; files may go with it (<see cref="NoticeFile.NoticeItemId"/>, at most <see cref="NoticeFile.MaxPerItem"/>).</summary>
    public string? Evidence { get; set; }
    public DateTime? RecordedAtUtc { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }

    /// <summary>The China date of the submission that stands: whether it met the deadline is read from it.</summary>
    public DateOnly? SubmittedOn { get; set; }
    public DateTime? VerifiedAtUtc { get; set; }
    public string? VerifiedBy { get; set; }
    public string? ReturnReason { get; set; }

    /// <summary>Reported by the deadline and not returned since: the recipient has done its part in time.</summary>
    public bool MetDeadline(DateOnly deadline) =>
        State is ItemState.Submitted or ItemState.Accepted && SubmittedOn is { } on && on <= deadline;
}

/// <summary>One step on a notice: who, when, what, on which finding. Never changed once written.</summary>
public sealed class NoticeEvent
{
    public int Id { get; set; }
    public int NoticeId { get; set; }

    /// <summary>The finding the step concerns; null for the notice as a whole.</summary>
    public int? ItemPosition { get; set; }
    public DateTime AtUtc { get; set; }
    public int? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>An office entered it for the recipient.</summary>
    public bool OnBehalf { get; set; }
}

/// <summary>What the office did about a missed deadline (通报批评, 约谈 …): the date, the document that carried it, a note.</summary>
public sealed class NoticeAction
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public NoticeActionKind Kind { get; set; }
    public DateOnly TakenOn { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Note { get; set; }
    public int? RecordedByUserId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// 督办通知书 and 限期整改: an office issues a notice to a town, township or unit listing findings and a deadline; the recipient
/// reports what it did for each finding and submits; the office accepts each item or returns it with a reason; when every item
/// is accepted the notice is 已整改. A deadline missed (逾期) leads to the office recording what it did (通报批评, 约谈 …),
/// after which the notice is 已处理. Every step is a method here; an illegal one throws <see cref="NoticeRuleException"/>.
/// </summary>
public sealed class Notice
{
    public const int MaxFindings = 30;
    public const int MaxFindingText = 500;
    public const int MaxSource = 100;
    public const int MaxBasis = 200;
    public const int MaxSubject = 100;
    public const int MaxAddressee = 100;
    public const int MaxText = 2000;
    public const int MaxCopyTo = 10;
    public const int MaxCopyToName = 60;
    public const int MaxContactName = 30;
    public const int MaxPhone = 30;
    public const int MaxDocumentNumber = 50;

    public int Id { get; set; }

    /// <summary>The jurisdiction of the office that issued it (a county, city or the province); its numbers run per year.</summary>
    public int IssuingJurisdictionId { get; set; }
    public string IssuingOffice { get; set; } = "";
    public string NumberPrefix { get; set; } = "";
    public int NumberYear { get; set; }
    public int NumberSequence { get; set; }
    public string DocumentNumber { get; set; } = "";

    public RecipientKind RecipientKind { get; set; }
    public int? RecipientTownId { get; set; }
    public int? RecipientTownshipId { get; set; }
    public int? RecipientUnitId { get; set; }

    /// <summary>The recipient's own name (the town, township or unit), as it was when the notice was issued.</summary>
    public string RecipientName { get; set; } = "";

    /// <summary>主送机关 as printed, e.g. 历山镇人民政府.</summary>
    public string Addressee { get; set; } = "";

    /// <summary>Where the recipient is: the town's county, the township, the unit's jurisdiction. Offices above it see the notice.</summary>
    public int RecipientAreaId { get; set; }

    public string Subject { get; set; } = "";
    public string Basis { get; set; } = "";

    /// <summary>The annual evaluation the findings come from, when they do (no foreign key: the evaluation is its own feature).</summary>
    public int? EvaluationId { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly Deadline { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public List<string> CopyTo { get; set; } = [];

    /// <summary>The policy pack of the issuing office's area when the notice was issued (its own or the one above), and the consequence it printed.</summary>
    public string? PolicyPackId { get; set; }
    public string? OverdueConsequence { get; set; }

    public NoticeState State { get; set; } = NoticeState.Issued;
    public DateTime? RectifiedAtUtc { get; set; }
    public DateTime? HandledAtUtc { get; set; }

    public int? CreatedByUserId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Raised by every step: two people acting on the same notice at once, the second is told it changed.</summary>
    public int Version { get; set; }
    public bool IsDemo { get; set; }

    public List<NoticeItem> Items { get; set; } = [];
    public List<NoticeEvent> Events { get; set; } = [];
    public List<NoticeAction> Actions { get; set; } = [];

    public static Notice Issue(NoticeActor actor, DateTime now, int issuingJurisdictionId, string issuingOffice, NoticeNumber number,
        NoticeContent content, string? policyPackId, string? overdueConsequence)
    {
        if (!actor.Oversees) throw new NoticeRuleException("只有领导小组办公室可以下发督办通知书") { Kind = RefusalKind.Forbidden };
        if (content.Findings.Count == 0) throw new NoticeRuleException("督办通知书至少列出一个问题", "Findings");
        var notice = new Notice
        {
            IssuingJurisdictionId = issuingJurisdictionId, IssuingOffice = issuingOffice.Trim(),
            NumberPrefix = number.Prefix, NumberYear = number.Year, NumberSequence = number.Sequence, DocumentNumber = number.ToString(),
            RecipientKind = content.RecipientKind,
            RecipientTownId = content.RecipientKind == RecipientKind.Town ? content.RecipientId : null,
            RecipientTownshipId = content.RecipientKind == RecipientKind.Township ? content.RecipientId : null,
            RecipientUnitId = content.RecipientKind == RecipientKind.Unit ? content.RecipientId : null,
            RecipientName = content.RecipientName.Trim(), Addressee = content.Addressee.Trim(), RecipientAreaId = content.RecipientAreaId,
            Subject = content.Subject.Trim(), Basis = content.Basis.Trim(), EvaluationId = content.EvaluationId,
            IssuedOn = content.IssuedOn, Deadline = content.Deadline,
            ContactName = content.ContactName.Trim(), ContactPhone = content.ContactPhone.Trim(),
            CopyTo = content.CopyTo.Select(c => c.Trim()).Where(c => c.Length > 0).ToList(),
            PolicyPackId = policyPackId, OverdueConsequence = overdueConsequence,
            CreatedByUserId = actor.UserId, CreatedBy = actor.Name, CreatedAtUtc = now,
            Items = content.Findings.Select((f, i) => new NoticeItem { Position = i + 1, Finding = f.Text.Trim(), Source = f.Source.Trim() }).ToList(),
        };
        notice.Record(actor, now, null, "下发督办通知书",
            $"{notice.DocumentNumber}，主送{notice.Addressee}，列出问题 {notice.Items.Count} 个，限 {NoticeRules.Date(notice.Deadline)}前完成整改", onBehalf: false);
        return notice;
    }

    /// <summary>The deadline passed with an item the recipient had not reported in time (or that was returned): the office decides what follows.</summary>
    public bool MissedDeadline(DateOnly today) =>
        State != NoticeState.Handled && today > Deadline && Items.Any(i => !i.MetDeadline(Deadline));

    public NoticeStatus Status(DateOnly today) => State switch
    {
        NoticeState.Handled => NoticeStatus.Handled,
        NoticeState.Rectified => NoticeStatus.Rectified,
        _ => MissedDeadline(today) ? NoticeStatus.Overdue : NoticeStatus.Issued,
    };

    /// <summary>Every item accepted, but some reported after the deadline (逾期完成): the office may still record a consequence.</summary>
    public bool RectifiedLate(DateOnly today) => State == NoticeState.Rectified && MissedDeadline(today);

    public NoticeItem Item(int position) =>
        Items.SingleOrDefault(i => i.Position == position) ?? throw new NoticeRuleException($"督办通知书没有第 {position} 项问题", "item");

    public bool MayRecord(NoticeActor actor, NoticeItem item) =>
        State == NoticeState.Issued && actor.MayRecord && NoticeNames.AwaitsRecipient(item.State);

    public bool MayVerify(NoticeActor actor, NoticeItem item) =>
        State == NoticeState.Issued && actor.Oversees && item.State == ItemState.Submitted;

    /// <summary>The steps this person may take now: what the detail page offers, and nothing else is accepted.</summary>
    public IReadOnlyList<NoticeStep> StepsFor(NoticeActor actor, DateOnly today)
    {
        var steps = new List<NoticeStep>();
        if (Items.Any(i => MayRecord(actor, i))) steps.Add(NoticeStep.Record);
        if (State == NoticeState.Issued && actor.MayRecord && Items.Any(i => i.State == ItemState.Drafted)) steps.Add(NoticeStep.Submit);
        if (Items.Any(i => MayVerify(actor, i))) steps.Add(NoticeStep.Verify);
        if (actor.Oversees && MissedDeadline(today)) steps.Add(NoticeStep.RecordAction);
        return steps;
    }

    /// <summary>
    /// The recipient (or an office for it) writes down what was done for one finding; it may change it until it is submitted.
    /// <paramref name="files"/>: how many evidence files the item will hold, those added with this step (<paramref name="added"/>) included.
    /// </summary>
    public void RecordRectification(NoticeActor actor, DateTime now, int position, string? measures, string? evidence, int files = 0, IReadOnlyList<string>? added = null)
    {
        RequireIssued(NoticeStep.Record);
        if (!actor.MayRecord) throw new NoticeRuleException("只有整改对象或领导小组办公室可以填报整改情况") { Kind = RefusalKind.Forbidden };
        var item = Item(position);
        if (!NoticeNames.AwaitsRecipient(item.State))
            throw new NoticeRuleException($"第 {position} 项当前为“{NoticeNames.Chinese(item.State)}”，不能再填报");
        var m = Required(measures, "请填写整改措施和完成情况", "整改措施", "measures");
        var e = Text(evidence, "佐证材料说明", "evidence");
        if (e is null && files == 0) throw new NoticeRuleException("请说明佐证材料，或上传佐证文件", "evidence");
        RequireRoomFor(position, files);
        item.Measures = m;
        item.Evidence = e;
        item.RecordedAtUtc = now;
        item.RecordedBy = actor.Name;
        item.State = ItemState.Drafted;
        var note = m + (e is null ? "" : $"\n佐证：{e}") + (added is { Count: > 0 } ? $"\n上传佐证文件：{string.Join("、", added)}" : "");
        Record(actor, now, position, "填报整改情况", note, onBehalf: !actor.IsRecipient);
    }

    /// <summary>
    /// One more evidence file for a finding, outside a rectification (the API): while the item awaits the recipient, as a
    /// rectification may be changed; once submitted its files are the ones the office verifies, read only.
    /// <paramref name="files"/>: how many the item holds with this one.
    /// </summary>
    public void AddEvidenceFile(NoticeActor actor, DateTime now, int position, string fileName, int files)
    {
        EvidenceEditable(actor, position, "上传");
        RequireRoomFor(position, files);
        Record(actor, now, position, "上传佐证文件", fileName, onBehalf: !actor.IsRecipient);
    }

    /// <summary>
    /// Takes a file off a finding before it is submitted. A drafted item keeps something that shows the rectification: its last
    /// file goes only when the item says in words what the evidence is. <paramref name="filesLeft"/>: how many stay.
    /// </summary>
    public void RemoveEvidenceFile(NoticeActor actor, DateTime now, int position, string fileName, int filesLeft)
    {
        var item = EvidenceEditable(actor, position, "删除");
        if (item.State == ItemState.Drafted && item.Evidence is null && filesLeft == 0)
            throw new NoticeRuleException($"“{fileName}”是第 {position} 项唯一的佐证，且未填写佐证材料说明：请先上传其他文件或补充说明，再删除");
        Record(actor, now, position, "删除佐证文件", fileName, onBehalf: !actor.IsRecipient);
    }

    /// <summary>
    /// A file uploaded to the notice (the API's …/files) and named by no finding may be taken off while the notice is open,
    /// whatever the findings' states: it is not among what the office verifies. Without this it held one of the notice's
    /// <see cref="NoticeFile.MaxFiles"/> places for good. Removable rather than no longer counted after some days: a clerk who
    /// meets the limit expects to see what fills it and delete what is not wanted, as in any list of attachments; a file that
    /// stopped counting would still be listed and could still be named, and the limit would move with nobody doing anything.
    /// A file a finding names goes only as that finding's (<see cref="RemoveEvidenceFile"/>), so nothing submitted can be
    /// taken off this way.
    /// </summary>
    public bool MayRemoveUnattached(NoticeActor actor) => State == NoticeState.Issued && actor.MayRecord;

    /// <summary>Takes off a file given to no finding (<see cref="MayRemoveUnattached"/>); the step is kept in the history.</summary>
    public void RemoveUnattachedFile(NoticeActor actor, DateTime now, string fileName)
    {
        if (State != NoticeState.Issued) throw new NoticeRuleException("督办通知书已整改或已处理，不能再删除佐证文件");
        if (!actor.MayRecord) throw new NoticeRuleException("只有整改对象或领导小组办公室可以删除佐证文件") { Kind = RefusalKind.Forbidden };
        Record(actor, now, null, "删除未对应问题的佐证文件", fileName, onBehalf: !actor.IsRecipient);
    }

    private NoticeItem EvidenceEditable(NoticeActor actor, int position, string verb)
    {
        if (State != NoticeState.Issued) throw new NoticeRuleException($"督办通知书已整改或已处理，不能再{verb}佐证文件");
        if (!actor.MayRecord) throw new NoticeRuleException($"只有整改对象或领导小组办公室可以{verb}佐证文件") { Kind = RefusalKind.Forbidden };
        var item = Item(position);
        if (!NoticeNames.AwaitsRecipient(item.State))
            throw new NoticeRuleException($"第 {position} 项当前为“{NoticeNames.Chinese(item.State)}”，佐证文件已随整改情况报送，不能再{verb}");
        return item;
    }

    private static void RequireRoomFor(int position, int files)
    {
        if (files > NoticeFile.MaxPerItem)
            throw new NoticeRuleException($"第 {position} 项最多 {NoticeFile.MaxPerItem} 个佐证文件（现为 {files} 个），请先删除不需要的文件", "file");
    }

    /// <summary>Sends every item written down and not yet sent to the office for verification. Returns how many were sent.</summary>
    public int Submit(NoticeActor actor, DateTime now)
    {
        RequireIssued(NoticeStep.Submit);
        if (!actor.MayRecord) throw new NoticeRuleException("只有整改对象或领导小组办公室可以报送整改情况") { Kind = RefusalKind.Forbidden };
        var drafted = Items.Where(i => i.State == ItemState.Drafted).OrderBy(i => i.Position).ToList();
        if (drafted.Count == 0) throw new NoticeRuleException("没有已填报待报送的整改事项，请先逐项填报整改情况");
        var today = NoticeRules.ChinaDate(now);
        foreach (var item in drafted)
        {
            item.State = ItemState.Submitted;
            item.SubmittedAtUtc = now;
            item.SubmittedOn = today;
            item.ReturnReason = null;
        }
        var late = today > Deadline ? $"（已超过整改期限 {NoticeRules.Date(Deadline)}）" : "";
        Record(actor, now, null, "报送整改情况", $"报送第 {string.Join("、", drafted.Select(i => i.Position))} 项{late}", onBehalf: !actor.IsRecipient);
        return drafted.Count;
    }

    /// <summary>The office accepts one submitted item, or returns it with the reason; the last acceptance makes the notice 已整改.</summary>
    public void Verify(NoticeActor actor, DateTime now, int position, bool accept, string? reason)
    {
        RequireIssued(NoticeStep.Verify);
        if (!actor.Oversees) throw new NoticeRuleException("只有下发通知书的领导小组办公室（或上级办公室）可以核验整改情况") { Kind = RefusalKind.Forbidden };
        var item = Item(position);
        if (item.State != ItemState.Submitted)
            throw new NoticeRuleException($"第 {position} 项当前为“{NoticeNames.Chinese(item.State)}”，不能核验");
        var text = accept ? Text(reason, "核验意见", "reason") : Required(reason, "请写明退回的理由", "退回理由", "reason");
        item.VerifiedAtUtc = now;
        item.VerifiedBy = actor.Name;
        if (accept)
        {
            item.State = ItemState.Accepted;
            Record(actor, now, position, "核验通过", text, onBehalf: false);
            if (Items.All(i => i.State == ItemState.Accepted))
            {
                State = NoticeState.Rectified;
                RectifiedAtUtc = now;
                Record(actor, now, null, "全部整改通过，已整改", null, onBehalf: false);
            }
        }
        else
        {
            item.State = ItemState.Returned;
            item.ReturnReason = text;
            Record(actor, now, position, "退回重新整改", text, onBehalf: false);
        }
    }

    /// <summary>After a missed deadline the office records what it actually did (one line per action); the notice is then 已处理.</summary>
    public void RecordActions(NoticeActor actor, DateTime now, IReadOnlyList<ActionInput> actions)
    {
        var today = NoticeRules.ChinaDate(now);
        if (State == NoticeState.Handled) throw new NoticeRuleException("已记录处理结果，不能重复记录");
        if (!actor.Oversees) throw new NoticeRuleException("只有下发通知书的领导小组办公室（或上级办公室）可以记录处理结果") { Kind = RefusalKind.Forbidden };
        if (!MissedDeadline(today))
            throw new NoticeRuleException(today <= Deadline
                ? $"整改期限（{NoticeRules.Date(Deadline)}）未到，不能记录逾期处理"
                : "各项整改均已按期报送，没有逾期，不需处理");
        if (actions.Count == 0) throw new NoticeRuleException("请至少记录一项处理（通报批评、约谈或其他）", "actions");
        if (actions.Select(a => a.Kind).Distinct().Count() != actions.Count) throw new NoticeRuleException("同一种处理只记录一次", "actions");
        var rows = new List<NoticeAction>();
        foreach (var a in actions)
        {
            var what = NoticeNames.Chinese(a.Kind);
            if (!Enum.IsDefined(a.Kind)) throw new NoticeRuleException("未知的处理方式", "actions");
            if (a.TakenOn is not { } on) throw new NoticeRuleException($"请填写{what}的日期", "takenOn");
            if (on < IssuedOn) throw new NoticeRuleException($"{what}的日期不能早于发文日期（{NoticeRules.Date(IssuedOn)}）", "takenOn");
            if (on > today) throw new NoticeRuleException($"{what}的日期不能晚于今天：这里记录已经做了的处理", "takenOn");
            var number = global::SpecializedTowns.Core.Documents.DocumentNumber.Written(a.DocumentNumber, out var numberProblem);
            if (numberProblem is not null) throw new NoticeRuleException(numberProblem, "documentNumber");
            var note = Text(a.Note, "说明", "note");
            if (a.Kind == NoticeActionKind.Other && note is null) throw new NoticeRuleException("“其他”处理请写明做了什么", "note");
            rows.Add(new NoticeAction
            {
                NoticeId = Id, Kind = a.Kind, TakenOn = on, DocumentNumber = number, Note = note,
                RecordedByUserId = actor.UserId, RecordedBy = actor.Name, RecordedAtUtc = now,
            });
        }
        Actions.AddRange(rows);
        State = NoticeState.Handled;
        HandledAtUtc = now;
        Record(actor, now, null, "记录逾期处理，已处理", string.Join("；", rows.Select(r =>
            $"{NoticeNames.Chinese(r.Kind)}（{NoticeRules.Date(r.TakenOn)}{(r.DocumentNumber is null ? "" : "，" + r.DocumentNumber)}）{(r.Note is null ? "" : "：" + r.Note)}")), onBehalf: false);
    }

    private void RequireIssued(NoticeStep step)
    {
        if (State != NoticeState.Issued)
            throw new NoticeRuleException($"督办通知书当前为“{NoticeNames.Chinese(State == NoticeState.Rectified ? NoticeStatus.Rectified : NoticeStatus.Handled)}”，不能“{NoticeNames.Chinese(step)}”");
    }

    private static string? Text(string? text, string what, string field, int max = MaxText)
    {
        var t = text?.Trim() ?? "";
        if (t.Length > max) throw new NoticeRuleException($"{what}不超过 {max} 字（现为 {t.Length} 字）", field);
        return t.Length == 0 ? null : t;
    }

    private static string Required(string? text, string missing, string what, string field) =>
        Text(text, what, field) ?? throw new NoticeRuleException(missing, field);

    private void Record(NoticeActor actor, DateTime now, int? position, string action, string? note, bool onBehalf)
    {
        Version++;
        Events.Add(new NoticeEvent
        {
            NoticeId = Id, ItemPosition = position, AtUtc = now, UserId = actor.UserId, UserName = actor.Name, Action = action, Note = note, OnBehalf = onBehalf,
        });
    }
}
