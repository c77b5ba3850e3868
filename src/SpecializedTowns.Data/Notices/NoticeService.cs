using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Notices;

/// <summary>
/// 督办通知书 and 限期整改 as use cases shared by pages and API, and by the annual evaluation, which issues its notices through
/// <see cref="CreateManyAsync"/> in one call: the data scope, the checks before issuing, the numbering per office and year,
/// each step saved with its event in one transaction, the proposal of the governing pack after a missed deadline, and the
/// notice as a .docx in the GB/T 9704 layout.
/// </summary>
public sealed class NoticeService(TownsDbContext db, TimeProvider time, NoticeSettings settings, PolicyCatalog catalog)
{
    /// <summary>The most notices one batch may issue: an evaluation's laggards, not a mail merge.</summary>
    public const int MaxBatch = 200;

    public int DueSoonDays => settings.DueSoonDays;

    public DateOnly Today => NoticeRules.ChinaDate(Now);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Offices issue notices (and the administrator, for the office of the recipient's county); everyone else reads or reports.</summary>
    public static bool CanIssue(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    /// <summary>
    /// Offices and leaders: the notices their jurisdiction or one below it issued, and those sent to a recipient in their area.
    /// Township staff: those sent to their township, their towns or their township's unit. A member unit: those sent to it, and
    /// those of its own office whose 抄送 names it (<see cref="NoticeRules.CopiesTo"/>), to read only. Experts: none.
    /// </summary>
    public IQueryable<Notice> Visible(UserScope scope)
    {
        var addressed = Addressed(scope);
        if (scope.Role != Roles.MemberUnit || scope.UnitId is not { } unitId) return addressed;
        var copied = CopiedTo(unitId);
        return db.Notices.Where(n => addressed.Any(a => a.Id == n.Id) || copied.Contains(n.Id));
    }

    /// <summary>
    /// The notices of the unit's own office that copy it. 抄送 is free text kept one a line, so the few notices of that office
    /// are read and matched here rather than in SQL. A township's government is not a member unit of the leading group.
    /// </summary>
    private List<int> CopiedTo(int unitId)
    {
        var unit = db.Units.AsNoTracking().Where(u => u.Id == unitId && !TownshipUnits.Any(t => t.UnitId == u.Id))
            .Select(u => new { u.Name, u.JurisdictionId, Area = u.Jurisdiction!.Name })
            .SingleOrDefault();
        if (unit is null) return [];
        return db.Notices.AsNoTracking().Where(n => n.IssuingJurisdictionId == unit.JurisdictionId && n.RecipientUnitId != unitId)
            .Select(n => new { n.Id, n.CopyTo }).AsEnumerable()
            .Where(n => NoticeRules.CopiesTo(n.CopyTo, unit.Name, unit.Area)).Select(n => n.Id).ToList();
    }

    /// <summary>The notices the account answers for, or oversees: <see cref="Visible"/> without those it is only copied on, for the reminders.</summary>
    public IQueryable<Notice> Addressed(UserScope scope)
    {
        switch (scope.Role)
        {
            case Roles.Admin:
                return db.Notices;
            case Roles.Office or Roles.Leader:
                var area = UserScope.CountiesUnder(db, scope.JurisdictionPath);
                return db.Notices.Where(n => area.Contains(n.IssuingJurisdictionId) || area.Contains(n.RecipientAreaId));
            case Roles.MemberUnit:
                var unit = scope.UnitId ?? -1;
                // A township government's own account: the notices to its township are its notices too.
                var itsTownship = TownshipsOfUnit(unit);
                return db.Notices.Where(n => n.RecipientUnitId == unit || (n.RecipientTownshipId != null && itsTownship.Contains(n.RecipientTownshipId.Value)));
            case Roles.Township:
                var towns = scope.Towns(db).Select(t => t.Id);
                var path = scope.JurisdictionPath;
                var township = db.Jurisdictions.Where(j => j.Path == path && j.Level == JurisdictionLevel.Township).Select(j => j.Id);
                var own = scope.UnitId ?? -1;
                var townshipUnits = TownshipUnits.Where(u => township.Contains(u.TownshipId)).Select(u => u.UnitId);
                return db.Notices.Where(n => (n.RecipientTownId != null && towns.Contains(n.RecipientTownId.Value))
                                             || (n.RecipientTownshipId != null && township.Contains(n.RecipientTownshipId.Value))
                                             || n.RecipientUnitId == own
                                             || (n.RecipientUnitId != null && townshipUnits.Contains(n.RecipientUnitId.Value)));
            default:
                return db.Notices.Where(_ => false);
        }
    }

    /// <summary>
    /// A notice opened by its number: <see cref="Visible"/> over the account's own jurisdiction. The top bar's county narrows the
    /// lists; it does not put out of reach a notice the office issued or oversees (one it has just sent to a 市直 unit, say).
    /// </summary>
    private IQueryable<Notice> Reachable(UserScope scope) => Visible(scope.Unnarrowed);

    private sealed class TownshipUnit
    {
        public int UnitId { get; init; }
        public int TownshipId { get; init; }
    }

    /// <summary>
    /// The units that are a township's government: a county's unit named exactly as one of its townships (华峰乡 of 垣曲县, as the
    /// documents' "各乡（镇）人民政府" are registered one by one, and as a township's staff account belongs to it). A notice to
    /// such a unit is a notice to the township: the form offers the township only, one issued to the unit is made out to the
    /// township, and those issued before are found under the township as well.
    /// </summary>
    private IQueryable<TownshipUnit> TownshipUnits =>
        from u in db.Units
        join j in db.Jurisdictions on u.Name equals j.Name
        where j.ParentId == u.JurisdictionId && j.Level == JurisdictionLevel.Township
        select new TownshipUnit { UnitId = u.Id, TownshipId = j.Id };

    private IQueryable<int> TownshipsOfUnit(int unitId) => TownshipUnits.Where(t => t.UnitId == unitId).Select(t => t.TownshipId);

    /// <summary>For the reminders, which read an issuing office's path beside each notice.</summary>
    internal IQueryable<Jurisdiction> Jurisdictions => db.Jurisdictions;

    // ---- lists ----

    public async Task<Paged<NoticeListItem>> ListAsync(UserScope scope, NoticeFilter filter, CancellationToken ct = default)
    {
        var (page, pageSize) = Paged<NoticeListItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(scope, filter, Today);
        var total = await query.CountAsync(ct);
        var items = await ProjectAsync(query.Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new Paged<NoticeListItem>(items, total, page, pageSize);
    }

    /// <summary>Every notice the filter selects (paging ignored, up to <paramref name="max"/>), for the CSV export.</summary>
    public async Task<IReadOnlyList<NoticeListItem>> ExportAsync(UserScope scope, NoticeFilter filter, int max = 10_000, CancellationToken ct = default) =>
        await ProjectAsync(Filtered(scope, filter, Today).Take(max), ct);

    /// <summary>The list rows of these notices (those the person may see), e.g. of a batch just issued.</summary>
    public Task<IReadOnlyList<NoticeListItem>> ItemsAsync(UserScope scope, IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        ProjectAsync(Visible(scope).AsNoTracking().Where(n => ids.Contains(n.Id)), ct);

    public Task<int> OverdueCountAsync(UserScope scope, CancellationToken ct = default) =>
        WhereMissed(Visible(scope), Today).CountAsync(ct);

    private IQueryable<Notice> Filtered(UserScope scope, NoticeFilter filter, DateOnly today)
    {
        var query = Visible(scope).AsNoTracking();
        query = filter.Status switch
        {
            NoticeStatus.Issued => WhereInTime(query, today),
            NoticeStatus.Overdue => WhereMissed(query, today),
            NoticeStatus.Rectified => query.Where(n => n.State == NoticeState.Rectified),
            NoticeStatus.Handled => query.Where(n => n.State == NoticeState.Handled),
            _ => query,
        };
        if (filter.Overdue) query = WhereMissed(query, today);
        if (filter.RecipientKind is { } kind)
        {
            // A township's government as a unit is the township (TownshipUnits): listed with the townships, not with the units.
            var townshipUnits = TownshipUnits.Select(t => t.UnitId);
            query = kind switch
            {
                RecipientKind.Township => query.Where(n => n.RecipientKind == kind || (n.RecipientUnitId != null && townshipUnits.Contains(n.RecipientUnitId.Value))),
                RecipientKind.Unit => query.Where(n => n.RecipientKind == kind && !townshipUnits.Contains(n.RecipientUnitId!.Value)),
                _ => query.Where(n => n.RecipientKind == kind),
            };
        }
        if (filter.Year is { } year and >= 1 and <= 9998)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(n => n.IssuedOn >= from && n.IssuedOn <= to);
        }
        if (filter.EvaluationId is { } evaluation) query = query.Where(n => n.EvaluationId == evaluation);
        if (filter.EvaluationIds is { } evaluations) query = query.Where(n => n.EvaluationId != null && evaluations.Contains(n.EvaluationId.Value));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            query = query.Where(n => n.DocumentNumber.Contains(text) || n.RecipientName.Contains(text) || n.Addressee.Contains(text)
                                     || n.Subject.Contains(text) || n.Basis.Contains(text));
        }
        var sort = ListSort.Parse(filter.Sort);
        return sort.Key switch
        {
            "deadline" => query.OrderBy(n => n.Deadline, sort.Descending()).ThenBy(n => n.Id, sort.Descending()),
            // Reversed as a whole: the offices too, not only each office's numbers.
            "number" => query.OrderBy(n => n.IssuingOffice, sort.Descending()).ThenBy(n => n.NumberYear, sort.Descending(usuallyDescending: true))
                .ThenBy(n => n.NumberSequence, sort.Descending(usuallyDescending: true)),
            _ => query.OrderBy(n => n.IssuedOn, sort.Descending(usuallyDescending: true)).ThenBy(n => n.Id, sort.Descending(usuallyDescending: true)),
        };
    }

    /// <summary>逾期: still open, past the deadline, with an item the recipient had not reported in time (or that was returned).</summary>
    private static IQueryable<Notice> WhereMissed(IQueryable<Notice> query, DateOnly today) =>
        query.Where(n => n.State == NoticeState.Issued && n.Deadline < today
                         && n.Items.Any(i => !((i.State == ItemState.Submitted || i.State == ItemState.Accepted) && i.SubmittedOn != null && i.SubmittedOn <= n.Deadline)));

    private static IQueryable<Notice> WhereInTime(IQueryable<Notice> query, DateOnly today) =>
        query.Where(n => n.State == NoticeState.Issued && !(n.Deadline < today
                         && n.Items.Any(i => !((i.State == ItemState.Submitted || i.State == ItemState.Accepted) && i.SubmittedOn != null && i.SubmittedOn <= n.Deadline))));

    private async Task<IReadOnlyList<NoticeListItem>> ProjectAsync(IQueryable<Notice> query, CancellationToken ct)
    {
        var today = Today;
        var rows = await query.Select(n => new NoticeListItem(
                n.Id, n.DocumentNumber, n.IssuingOffice, n.RecipientKind, n.RecipientName, n.Addressee,
                // A township's notices are listed under its county, as everything else is.
                db.Jurisdictions.Where(j => j.Id == n.RecipientAreaId).Select(j => j.Level == JurisdictionLevel.Township ? j.Parent!.Name : j.Name).First(),
                n.Subject, n.Basis, n.EvaluationId, n.IssuedOn, n.Deadline, n.State,
                n.Items.Count(), n.Items.Count(i => i.State == ItemState.Accepted), n.Items.Count(i => i.State == ItemState.Submitted),
                n.State != NoticeState.Handled && n.Deadline < today
                    && n.Items.Any(i => !((i.State == ItemState.Submitted || i.State == ItemState.Accepted) && i.SubmittedOn != null && i.SubmittedOn <= n.Deadline)),
                n.IsDemo))
            .ToListAsync(ct);
        return rows.Select(r => r with { Today = today, DueSoonDays = DueSoonDays }).ToList();
    }

    // ---- one notice ----

    public async Task<NoticeView> ViewAsync(UserScope scope, int id, string userName, CancellationToken ct = default)
    {
        var notice = await Reachable(scope).AsNoTracking().Include(n => n.Items).Include(n => n.Events).Include(n => n.Actions)
            .AsSplitQuery().SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new NoticeNotFoundException();
        var places = await PlacesAsync(notice, ct);
        var actor = await ActorAsync(scope, userName, notice, places, ct);
        var files = await FilesAsync(notice, ct);
        var today = Today;
        notice.Items.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new NoticeView(notice, places.IssuingPath, places.AreaPath, places.AreaName, today, notice.Status(today),
            NoticeDeadline.Light(notice.State, notice.MissedDeadline(today), notice.Deadline, today, DueSoonDays),
            notice.StepsFor(actor, today), notice.Items.Where(i => notice.MayRecord(actor, i)).Select(i => i.Position).ToHashSet(),
            notice.Items.Where(i => notice.MayVerify(actor, i)).Select(i => i.Position).ToHashSet(), files, ProposalFor(notice.PolicyPackId, places.IssuingPath))
        {
            RecordsOnBehalf = !actor.IsRecipient && actor.MayRecord,
            AnsweredBy = AnsweredBy(notice, places),
            CopiedOnly = scope.Role == Roles.MemberUnit && !actor.MayRecord,
            UnattachedRemovable = notice.MayRemoveUnattached(actor),
        };
    }

    /// <summary>Who reports the rectification of a notice to a county government, with the clause that addresses it there; null otherwise.</summary>
    private string? AnsweredBy(Notice notice, Places places)
    {
        if (!NoticeAddressee.ToCountyGovernment(notice.RecipientKind, notice.Addressee, places.AreaName)) return null;
        var rule = CountyRule(places.AreaPath);
        var basis = rule is null ? "" : $"按{rule.Source}“{rule.Text}”，";
        return $"{basis}主送{notice.Addressee}；整改情况由{OfficeName(places.AreaPath)}填报和报送";
    }

    /// <summary>
    /// The pack the notice was issued under (or, if it is gone, the one governing the issuing office's area now), read for what
    /// follows a missed deadline.
    /// </summary>
    public ConsequenceProposal ProposalFor(string? packId, string issuingPath) =>
        OverdueConsequences.For((packId is null ? null : catalog.FindPack(packId)) ?? OverdueConsequences.GoverningPack(catalog.Packs, issuingPath));

    /// <summary>The notice as the recipient receives it: a .docx in the layout of GB/T 9704-2012.</summary>
    public async Task<(byte[] Content, string FileName)> DocumentAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        var n = await Reachable(scope).AsNoTracking().Include(x => x.Items).SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NoticeNotFoundException();
        var document = SupervisionNotice.Build(new SupervisionNoticeInput
        {
            IssuingOffice = n.IssuingOffice, DocumentNumber = n.DocumentNumber, Recipient = n.Addressee, Subject = n.Subject, Basis = n.Basis,
            Findings = n.Items.OrderBy(i => i.Position).Select(i => new SupervisionFinding(i.Finding, i.Source)).ToList(),
            Deadline = n.Deadline, OverdueConsequence = n.OverdueConsequence, Contact = new NoticeContact(n.ContactName, n.ContactPhone),
            CopyTo = n.CopyTo, IssuedOn = n.IssuedOn,
        });
        using var stream = new MemoryStream();
        OfficialDocumentWriter.Write(document, stream);
        return (stream.ToArray(), $"督办通知书-{n.DocumentNumber}.docx");
    }

    // ---- issuing ----

    /// <summary>Issues one notice: checks every field and saves it numbered, or throws <see cref="NoticeInputException"/> having written nothing.</summary>
    public async Task<int> CreateAsync(UserScope scope, string userDisplayName, NoticeDraft draft, CancellationToken ct = default)
    {
        try { return (await CreateManyAsync(scope, userDisplayName, [draft], ct))[0]; }
        catch (NoticeBatchException ex) { throw new NoticeInputException(ex.Errors[0]); }
    }

    /// <summary>
    /// Issues several notices at once — the annual evaluation's laggards in one call. All or nothing: every draft is checked
    /// first and a single bad one refuses the batch (<see cref="NoticeBatchException"/> names each by its position); the
    /// notices are then numbered and saved in one transaction. Returns their ids in the order of the drafts.
    /// </summary>
    public async Task<IReadOnlyList<int>> CreateManyAsync(UserScope scope, string userDisplayName, IReadOnlyList<NoticeDraft> drafts, CancellationToken ct = default)
    {
        if (!CanIssue(scope)) throw new NoticeRuleException($"{Roles.Chinese.GetValueOrDefault(scope.Role, scope.Role)}不能下发督办通知书") { Kind = RefusalKind.Forbidden };
        if (drafts.Count == 0) throw new NoticeRuleException("没有要下发的督办通知书", "notices");
        if (drafts.Count > MaxBatch) throw new NoticeRuleException($"一次最多下发 {MaxBatch} 份督办通知书（现为 {drafts.Count} 份）", "notices");
        var today = Today;
        var now = Now;
        var ready = new List<Checked>();
        var failures = new Dictionary<int, FieldErrors>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var (errors, c) = await CheckAsync(scope, drafts[i], today, ct);
            if (errors.Ok) ready.Add(c!);
            else failures[i] = errors;
        }
        if (failures.Count > 0) throw new NoticeBatchException(failures);

        var actor = new NoticeActor(scope.UserId, userDisplayName, scope.Role, IsRecipient: false, ActsForRecipient: true, Oversees: true);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var next = new Dictionary<int, int>();
                var notices = new List<Notice>();
                foreach (var c in ready)
                {
                    if (!next.TryGetValue(c.IssuingId, out var sequence))
                        sequence = (await db.Notices.Where(n => n.IssuingJurisdictionId == c.IssuingId && n.NumberYear == today.Year)
                            .MaxAsync(n => (int?)n.NumberSequence, ct) ?? 0) + 1;
                    next[c.IssuingId] = sequence + 1;
                    var notice = Notice.Issue(actor, now, c.IssuingId, c.IssuingOffice, new NoticeNumber(c.Prefix, today.Year, sequence),
                        c.Content, c.PackId, c.Consequence);
                    db.Notices.Add(notice);
                    notices.Add(notice);
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return notices.Select(n => n.Id).ToList();
            }
            catch (DbUpdateException ex) when (attempt < 3 && IsUniqueViolation(ex))
            {
                // Another office worker took the same number a moment ago: number again from what is stored now.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>What <see cref="CreateAsync"/> would refuse, without saving anything.</summary>
    public async Task<FieldErrors> ValidateAsync(UserScope scope, NoticeDraft draft, CancellationToken ct = default) =>
        (await CheckAsync(scope, draft, Today, ct)).Errors;

    private sealed record Checked(int IssuingId, string IssuingOffice, string Prefix, NoticeContent Content, string? PackId, string? Consequence);

    private sealed record Resolved(RecipientKind Kind, int Id, string Name, string Addressee, string Subject, int AreaId, string AreaPath, Jurisdiction Issuing);

    private async Task<(FieldErrors Errors, Checked? Ready)> CheckAsync(UserScope scope, NoticeDraft draft, DateOnly today, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Resolved? recipient = null;
        if (draft.RecipientKind is not { } kind || !Enum.IsDefined(kind) || draft.RecipientId is not { } recipientId)
            errors[nameof(NoticeDraft.RecipientId)] = "请选择整改对象（专业镇、乡镇或单位）";
        else if ((recipient = await ResolveAsync(scope, kind, recipientId, ct)) is null)
            errors[nameof(NoticeDraft.RecipientId)] = await NotRecipientAsync(scope, kind, recipientId, ct) ?? "所选整改对象不存在，或不在您的数据范围内";

        var subject = string.IsNullOrWhiteSpace(draft.Subject) ? recipient?.Subject : NoticeRules.Subject(draft.Subject);
        var addressee = string.IsNullOrWhiteSpace(draft.Addressee) ? recipient?.Addressee : draft.Addressee;
        var findings = draft.Findings ?? [];
        foreach (var (field, message) in NoticeRules.Check(subject ?? "—", addressee ?? "—", draft.Basis, draft.EvaluationId, findings,
                     today, draft.Deadline, draft.ContactName, draft.ContactPhone, draft.CopyTo))
            errors[field] = message;
        if (!errors.Ok || recipient is null) return (errors, null);

        var issuing = recipient.Issuing;
        // The issuing office's own document (or the one above it): a city's notice never invokes a county's text.
        var pack = OverdueConsequences.GoverningPack(catalog.Packs, issuing.Path);
        var content = new NoticeContent(recipient.Kind, recipient.Id, recipient.Name, addressee!, recipient.AreaId, subject!, draft.Basis!,
            draft.EvaluationId, findings.Select(f => new NoticeFinding(f.Text.Trim(), f.Source.Trim())).ToList(), today, draft.Deadline!.Value,
            draft.ContactName!, draft.ContactPhone!, draft.CopyTo ?? []);
        return (errors, new Checked(issuing.Id, IssuingOfficeOf(issuing), settings.PrefixFor(issuing.Name, issuing.Path, catalog.Packs), content,
            pack?.Id, OverdueConsequences.For(pack).DocumentSentence));
    }

    /// <summary>
    /// The recipient if it exists and lies in the person's own jurisdiction (not merely the county the top bar narrows the view
    /// to), with what follows from it: its area, the default wording, and the issuing jurisdiction (an office issues as its own;
    /// the administrator as the office of the recipient's county).
    /// </summary>
    private async Task<Resolved?> ResolveAsync(UserScope scope, RecipientKind kind, int id, CancellationToken ct)
    {
        if (await FindRecipientAsync(kind, id, ct) is not { } found) return null;
        var (f, area) = found;
        if (!scope.HomeCovers(area.Path)) return null;
        Jurisdiction? issuing;
        if (scope.IsAdmin)
        {
            issuing = area.Level == JurisdictionLevel.Township ? await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == area.ParentId, ct) : area;
        }
        else
        {
            issuing = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Path == scope.HomePath, ct);
            if (issuing is null || issuing.Level == JurisdictionLevel.Township) return null;
        }
        // A city's or the province's notice about a town goes where the town's own document sends it: 阳泉 and 朔州 name the
        // county government. The county's own notices stay with its townships, whom it supervises itself.
        var addressee = f.Kind == RecipientKind.Town && NoticeAddressee.ToCountyFrom(issuing.Path, area.Path, CountyRule(area.Path))
            ? NoticeAddressee.Government(area.Name) : f.Addressee;
        return new Resolved(f.Kind, f.Id, f.Name, addressee, f.Subject, f.AreaId, area.Path, issuing);
    }

    private sealed record Found(RecipientKind Kind, int Id, string Name, string Addressee, string Subject, int AreaId);

    /// <summary>The recipient as listed (<see cref="ListedRecipientAsync"/>) and the jurisdiction it belongs to; null when there is none.</summary>
    private async Task<(Found Recipient, Jurisdiction Area)?> FindRecipientAsync(RecipientKind kind, int id, CancellationToken ct)
    {
        (kind, id) = await ListedRecipientAsync(kind, id, ct);
        (string Name, string Addressee, string Subject, int AreaId)? found = kind switch
        {
            RecipientKind.Town => await db.Towns.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new { t.Name, t.CountyId, County = t.County!.Name, Townships = t.Townships.Select(x => x.Township!.Name).ToList() })
                .SingleOrDefaultAsync(ct) is { } t
                ? (t.Name, NoticeAddressee.ForTown(t.Townships, t.County, toCountyGovernment: false), $"{t.Name}建设工作", t.CountyId)
                : null,
            RecipientKind.Township => await db.Jurisdictions.AsNoTracking().Where(j => j.Id == id && j.Level == JurisdictionLevel.Township)
                .Select(j => new { j.Name, j.Id }).SingleOrDefaultAsync(ct) is { } j
                ? (j.Name, Government(j.Name), "专业镇建设工作", j.Id)
                : null,
            _ => await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Name, u.JurisdictionId }).SingleOrDefaultAsync(ct) is { } u
                ? (u.Name, u.Name, "专业镇建设有关工作", u.JurisdictionId)
                : null,
        };
        if (found is not { } f) return null;
        var area = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == f.AreaId, ct);
        return (new Found(kind, id, f.Name, f.Addressee, f.Subject, f.AreaId), area);
    }

    /// <summary>
    /// Why the person cannot send this recipient a notice, in words for the form; null when they can, when there is no such
    /// recipient, or when it lies outside the person's area (another county's, which is simply not theirs to see). A leading group's office supervises the towns, townships (镇) and departments (单位/部门) of its own
    /// jurisdiction and those below it (新政办发〔2023〕33号 四（五）"对……镇和单位，发出督办通知书"; 阳政办发〔2023〕24号
    /// 六（五）and 朔政办发〔2023〕19号 五（五）"各县（区）、各部门"): a unit of the city or the province, such as a problem's
    /// 市直 lead unit, is above a county office, which asks the office of that unit's level to act instead.
    /// </summary>
    public async Task<string?> NotRecipientAsync(UserScope scope, RecipientKind kind, int id, CancellationToken ct = default)
    {
        if (!CanIssue(scope) || await FindRecipientAsync(kind, id, ct) is not { } found || await ResolveAsync(scope, kind, id, ct) is not null) return null;
        var (f, area) = found;
        var home = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Path == scope.HomePath, ct);
        if (home is null || home.Level == JurisdictionLevel.Township) return "只有领导小组办公室可以下发督办通知书";
        // Another county's recipient is out of the person's data scope: not named, as a missing one would not be.
        if (!Jurisdiction.IsWithin(home.Path, area.Path)) return null;
        return $"“{f.Name}”是{area.Name}的{NoticeNames.Chinese(f.Kind)}，在{home.Name}之上：督办通知书由领导小组办公室发给本级和下级的专业镇、乡镇（街道）和单位，"
               + $"{IssuingOfficeOf(home)}不能向上级单位下发。请报请{IssuingOfficeOf(area)}督办，或在问题台账中继续督办。";
    }

    /// <summary>
    /// The recipient as the form lists it, when the person may send it a notice: for one a link chose (a problem's lead unit)
    /// that the list, narrowed to the county the top bar looks at, leaves out.
    /// </summary>
    public async Task<NoticeRecipient?> RecipientAsync(UserScope scope, RecipientKind kind, int id, CancellationToken ct = default)
    {
        if (!CanIssue(scope) || await ResolveAsync(scope, kind, id, ct) is not { } r) return null;
        var place = r.Kind switch
        {
            RecipientKind.Township => await db.Jurisdictions.Where(j => j.Id == r.AreaId).Select(j => j.Parent!.Name).SingleAsync(ct),
            _ => await db.Jurisdictions.Where(j => j.Id == r.AreaId).Select(j => j.Name).SingleAsync(ct),
        };
        return new NoticeRecipient(r.Kind, r.Id, r.Name, place);
    }

    private static string Government(string township) => NoticeAddressee.Government(township);

    /// <summary>The clause of the document governing the place that sends a town's notice to the county government, if any.</summary>
    private Consequence? CountyRule(string areaPath) => NoticeAddressee.CountyGovernmentRule(OverdueConsequences.GoverningPack(catalog.Packs, areaPath));

    /// <summary>发文机关: the leading group's office as the jurisdiction's own document names the group, else the usual name.</summary>
    private string IssuingOfficeOf(Jurisdiction issuing) => OfficeName(issuing.Path);

    // One rule for the name on every document of an area (Documents.Offices): the 认定决定, the evaluation report, this notice.
    private string OfficeName(string path) => Offices.Office(catalog, path);

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19 };

    /// <summary>Who and what can be chosen on the form: towns, townships and units in the person's area.</summary>
    public async Task<IReadOnlyList<NoticeRecipient>> RecipientsAsync(UserScope scope, CancellationToken ct = default)
    {
        if (!CanIssue(scope)) return [];
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        var all = scope.IsAdmin;
        var towns = await db.Towns.AsNoTracking().Where(t => all || t.County!.Path == path || t.County.Path.StartsWith(under))
            .OrderByCounty(t => t.County).ThenBy(t => t.Name).Select(t => new NoticeRecipient(RecipientKind.Town, t.Id, t.Name, t.County!.Name)).ToListAsync(ct);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township && (all || j.Path.StartsWith(under)))
            .OrderByPlace(j => j).Select(j => new NoticeRecipient(RecipientKind.Township, j.Id, j.Name, j.Parent!.Name)).ToListAsync(ct);
        var townshipUnits = TownshipUnits.Select(t => t.UnitId);
        var units = await db.Units.AsNoTracking().Where(u => all || u.Jurisdiction!.Path == path || u.Jurisdiction.Path.StartsWith(under))
            .Where(u => !townshipUnits.Contains(u.Id))
            .OrderByPlace(u => u.Jurisdiction).ThenBy(u => u.Name).Select(u => new NoticeRecipient(RecipientKind.Unit, u.Id, u.Name, u.Jurisdiction!.Name)).ToListAsync(ct);
        return [.. towns, .. townships, .. units];
    }

    /// <summary>The recipient as the form lists it: a township's government as a unit (TownshipUnits) is the township.</summary>
    public async Task<(RecipientKind Kind, int Id)> ListedRecipientAsync(RecipientKind kind, int id, CancellationToken ct = default) =>
        kind == RecipientKind.Unit && await TownshipsOfUnit(id).Cast<int?>().FirstOrDefaultAsync(ct) is { } township
            ? (RecipientKind.Township, township) : (kind, id);

    /// <summary>What a notice to this recipient would carry, before it is issued; null when the recipient is not the person's to choose.</summary>
    public async Task<NoticePreview?> PreviewAsync(UserScope scope, RecipientKind kind, int id, CancellationToken ct = default)
    {
        if (!CanIssue(scope) || await ResolveAsync(scope, kind, id, ct) is not { } r) return null;
        var year = Today.Year;
        var next = (await db.Notices.Where(n => n.IssuingJurisdictionId == r.Issuing.Id && n.NumberYear == year).MaxAsync(n => (int?)n.NumberSequence, ct) ?? 0) + 1;
        return new NoticePreview(IssuingOfficeOf(r.Issuing), new NoticeNumber(settings.PrefixFor(r.Issuing.Name, r.Issuing.Path, catalog.Packs), year, next).ToString(),
            r.Addressee, r.Subject, OverdueConsequences.For(OverdueConsequences.GoverningPack(catalog.Packs, r.Issuing.Path)));
    }

    /// <summary>The contact of the office's latest notice: the form starts from it.</summary>
    public async Task<(string Name, string Phone)?> LastContactAsync(UserScope scope, CancellationToken ct = default)
    {
        var home = scope.HomePath;
        var last = await db.Notices.AsNoTracking().Where(n => db.Jurisdictions.Any(j => j.Id == n.IssuingJurisdictionId && j.Path == home))
            .OrderByDescending(n => n.Id).Select(n => new { n.ContactName, n.ContactPhone }).FirstOrDefaultAsync(ct);
        return last is null ? null : (last.ContactName, last.ContactPhone);
    }

    // ---- steps ----

    public Task RecordAsync(UserScope scope, string user, int id, int item, RectificationInput input, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, async (notice, actor) =>
        {
            var target = notice.Item(item);
            if (!notice.MayRecord(actor, target))
            {
                // Let the rule say why (state, role), in its words.
                notice.RecordRectification(actor, Now, item, input.Measures, input.Evidence);
                return;
            }
            // Every file is checked before any is kept: when one is refused, none of them is.
            var uploads = (input.Files ?? []).Select(f => CheckedUpload(f.FileName, f.Content)).ToList();
            NoticeFile? named = null;
            if (input.AttachmentId is { } a)
            {
                named = await db.NoticeFiles.SingleOrDefaultAsync(f => f.Id == a && f.NoticeId == id, ct)
                        ?? throw new NoticeRuleException("所选佐证文件不属于本督办通知书", "attachmentId");
                if (named.NoticeItemId is { } other && other != target.Id)
                    throw new NoticeRuleException($"所选佐证文件已是第 {notice.Items.Single(i => i.Id == other).Position} 项的佐证", "attachmentId");
                if (named.NoticeItemId == target.Id) named = null;
            }
            await RequireRoomAsync(notice, uploads.Count, ct);
            var held = await db.NoticeFiles.CountAsync(f => f.NoticeItemId == target.Id, ct);
            var added = uploads.Select(u => u.Name).Concat(named is null ? [] : [named.FileName]).ToList();
            notice.RecordRectification(actor, Now, item, input.Measures, input.Evidence, held + added.Count, added);
            if (named is not null) named.NoticeItemId = target.Id;
            foreach (var upload in uploads) db.NoticeFiles.Add(NewFile(notice, target, actor, upload));
        });

    public async Task<int> SubmitAsync(UserScope scope, string user, int id, CancellationToken ct = default)
    {
        var sent = 0;
        await StepAsync(scope, user, id, ct, (notice, actor) => { sent = notice.Submit(actor, Now); return Task.CompletedTask; });
        return sent;
    }

    public Task VerifyAsync(UserScope scope, string user, int id, int item, bool accept, string? reason, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (notice, actor) => { notice.Verify(actor, Now, item, accept, reason); return Task.CompletedTask; });

    public Task RecordActionsAsync(UserScope scope, string user, int id, IReadOnlyList<ActionInput> actions, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (notice, actor) => { notice.RecordActions(actor, Now, actions); return Task.CompletedTask; });

    /// <summary>
    /// A file of evidence kept with the notice and given to no finding yet, to be named by a rectification (the API's
    /// attachmentId); by those who may report for the recipient. Files for a finding go through <see cref="AddItemFileAsync"/>.
    /// </summary>
    public async Task<NoticeFileInfo> UploadAsync(UserScope scope, string user, int id, string fileName, byte[] content, CancellationToken ct = default)
    {
        NoticeFile? file = null;
        await StepAsync(scope, user, id, ct, async (notice, actor) =>
        {
            if (notice.State != NoticeState.Issued) throw new NoticeRuleException("督办通知书已整改或已处理，不能再上传佐证材料");
            if (!actor.MayRecord) throw new NoticeRuleException("只有整改对象或领导小组办公室可以上传佐证材料") { Kind = RefusalKind.Forbidden };
            var upload = CheckedUpload(fileName, content);
            await RequireRoomAsync(notice, 1, ct);
            db.NoticeFiles.Add(file = NewFile(notice, null, actor, upload));
        }, raisesVersion: false);
        return Info(file!, null);
    }

    /// <summary>The evidence files of one finding, to anyone who may read the notice.</summary>
    public async Task<IReadOnlyList<NoticeFileInfo>> ItemFilesAsync(UserScope scope, int id, int item, CancellationToken ct = default)
    {
        var notice = await Reachable(scope).AsNoTracking().Include(n => n.Items).SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new NoticeNotFoundException();
        // A finding the notice does not list is refused as every step on it is.
        notice.Item(item);
        return (await FilesAsync(notice, ct)).Where(f => f.Item == item).ToList();
    }

    /// <summary>One more evidence file for a finding, while the finding awaits the recipient (<see cref="Notice.AddEvidenceFile"/>).</summary>
    public async Task<NoticeFileInfo> AddItemFileAsync(UserScope scope, string user, int id, int item, string fileName, byte[] content, CancellationToken ct = default)
    {
        NoticeFile? file = null;
        await StepAsync(scope, user, id, ct, async (notice, actor) =>
        {
            var target = notice.Item(item);
            // The person's part and the finding's state first, in the rule's words: a file for a submitted finding is refused as such.
            if (!notice.MayRecord(actor, target)) notice.AddEvidenceFile(actor, Now, item, fileName, 0);
            var upload = CheckedUpload(fileName, content);
            await RequireRoomAsync(notice, 1, ct);
            notice.AddEvidenceFile(actor, Now, item, upload.Name, await db.NoticeFiles.CountAsync(f => f.NoticeItemId == target.Id, ct) + 1);
            db.NoticeFiles.Add(file = NewFile(notice, target, actor, upload));
        });
        return Info(file!, item);
    }

    /// <summary>Takes one evidence file off a finding before it is submitted (<see cref="Notice.RemoveEvidenceFile"/>); the file is deleted.</summary>
    public Task RemoveItemFileAsync(UserScope scope, string user, int id, int item, int fileId, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, async (notice, actor) =>
        {
            var target = notice.Item(item);
            var file = await db.NoticeFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.NoticeItemId == target.Id, ct)
                       ?? throw new NoticeRuleException($"第 {item} 项没有这个佐证文件（可能已被删除），请刷新页面后查看") { Kind = RefusalKind.NotFound };
            await RemoveFromItemAsync(notice, actor, target, file, ct);
        });

    /// <summary>
    /// Takes one evidence file off the notice: one given to no finding (<see cref="Notice.RemoveUnattachedFile"/>), or one a
    /// finding holds, under that finding's rule (<see cref="Notice.RemoveEvidenceFile"/>: not once it is submitted).
    /// </summary>
    public Task RemoveFileAsync(UserScope scope, string user, int id, int fileId, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, async (notice, actor) =>
        {
            var file = await db.NoticeFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.NoticeId == id, ct)
                       ?? throw new NoticeRuleException("本督办通知书没有这个佐证文件（可能已被删除），请刷新页面后查看") { Kind = RefusalKind.NotFound };
            if (file.NoticeItemId is { } itemId)
            {
                await RemoveFromItemAsync(notice, actor, notice.Items.Single(i => i.Id == itemId), file, ct);
                return;
            }
            notice.RemoveUnattachedFile(actor, Now, file.FileName);
            db.NoticeFiles.Remove(file);
        });

    private async Task RemoveFromItemAsync(Notice notice, NoticeActor actor, NoticeItem item, NoticeFile file, CancellationToken ct)
    {
        var left = await db.NoticeFiles.CountAsync(f => f.NoticeItemId == item.Id && f.Id != file.Id, ct);
        notice.RemoveEvidenceFile(actor, Now, item.Position, file.FileName, left);
        db.NoticeFiles.Remove(file);
    }

    /// <summary>Every evidence file of the notice, those given to no finding with a null item, to anyone who may read the notice.</summary>
    public async Task<IReadOnlyList<NoticeFileInfo>> NoticeFilesAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        var notice = await Reachable(scope).AsNoTracking().Include(n => n.Items).SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new NoticeNotFoundException();
        return await FilesAsync(notice, ct);
    }

    public async Task<NoticeFile?> FileAsync(UserScope scope, int id, int fileId, CancellationToken ct = default)
    {
        if (!await Reachable(scope).AnyAsync(n => n.Id == id, ct)) return null;
        return await db.NoticeFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.NoticeId == id, ct);
    }

    private sealed record CheckedFile(string Name, string ContentType, byte[] Content);

    /// <summary>The one check of an evidence file's name, type, size and bytes (<see cref="NoticeFile.Check"/>), for the page and the API alike.</summary>
    private static CheckedFile CheckedUpload(string fileName, byte[] content)
    {
        var (name, contentType, problem) = NoticeFile.Check(fileName, content);
        if (problem is not null) throw new NoticeRuleException($"“{name}”不能上传：{problem}", "file");
        return new CheckedFile(name, contentType!, content);
    }

    private async Task RequireRoomAsync(Notice notice, int adding, CancellationToken ct)
    {
        if (adding <= 0) return;
        var held = await db.NoticeFiles.CountAsync(f => f.NoticeId == notice.Id, ct);
        if (held + adding <= NoticeFile.MaxFiles) return;
        var unattached = await db.NoticeFiles.Where(f => f.NoticeId == notice.Id && f.NoticeItemId == null).OrderBy(f => f.Id).Select(f => f.FileName).ToListAsync(ct);
        throw new NoticeRuleException(NoticeFile.RoomProblem(held, adding, unattached)!, "file");
    }

    private NoticeFile NewFile(Notice notice, NoticeItem? item, NoticeActor actor, CheckedFile upload) => new()
    {
        NoticeId = notice.Id, NoticeItemId = item?.Id, FileName = upload.Name, ContentType = upload.ContentType, Size = upload.Content.Length,
        Content = upload.Content, UploadedByUserId = actor.UserId, UploadedBy = actor.Name, UploadedAtUtc = Now,
    };

    private static NoticeFileInfo Info(NoticeFile f, int? item) => new(f.Id, f.FileName, f.Size, f.UploadedBy, f.UploadedAtUtc, item);

    /// <summary>Every evidence file of the notice without its content, each with the number of the finding it belongs to.</summary>
    private async Task<IReadOnlyList<NoticeFileInfo>> FilesAsync(Notice notice, CancellationToken ct)
    {
        var positions = notice.Items.ToDictionary(i => i.Id, i => i.Position);
        var rows = await db.NoticeFiles.AsNoTracking().Where(f => f.NoticeId == notice.Id).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.FileName, f.Size, f.UploadedBy, f.UploadedAtUtc, f.NoticeItemId }).ToListAsync(ct);
        return rows.Select(f => new NoticeFileInfo(f.Id, f.FileName, f.Size, f.UploadedBy, f.UploadedAtUtc,
            f.NoticeItemId is { } i && positions.TryGetValue(i, out var p) ? p : null)).ToList();
    }

    private sealed record Places(string IssuingPath, string AreaPath, string AreaName);

    private async Task<Places> PlacesAsync(Notice notice, CancellationToken ct)
    {
        var rows = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == notice.IssuingJurisdictionId || j.Id == notice.RecipientAreaId)
            .Select(j => new { j.Id, j.Path, j.Name }).ToListAsync(ct);
        var area = rows.Single(r => r.Id == notice.RecipientAreaId);
        return new Places(rows.Single(r => r.Id == notice.IssuingJurisdictionId).Path, area.Path, area.Name);
    }

    /// <summary>
    /// The person's part: the issuing office or one above it oversees (verifies, records actions); an office whose area holds the
    /// recipient may report for it; the recipient's own accounts report. Rights follow the account's own jurisdiction, not the
    /// top-bar switch, which only narrows what is listed.
    /// </summary>
    private async Task<NoticeActor> ActorAsync(UserScope scope, string userName, Notice notice, Places places, CancellationToken ct)
    {
        var office = scope.Role == Roles.Office;
        // A notice to the county government is answered by the county's leading-group office, not by the town's township.
        var toCounty = NoticeAddressee.ToCountyGovernment(notice.RecipientKind, notice.Addressee, places.AreaName);
        var recipient = scope.Role switch
        {
            Roles.Office => toCounty && scope.HomePath == places.AreaPath,
            Roles.Township => notice.RecipientKind switch
            {
                RecipientKind.Town => !toCounty && await scope.Towns(db).AnyAsync(t => t.Id == notice.RecipientTownId, ct),
                RecipientKind.Township => places.AreaPath == scope.JurisdictionPath,
                _ => scope.UnitId is { } u && u == notice.RecipientUnitId
                     || await TownshipsOfUnit(notice.RecipientUnitId ?? -1).AnyAsync(t => db.Jurisdictions.Any(j => j.Id == t && j.Path == scope.JurisdictionPath), ct),
            },
            Roles.MemberUnit => scope.UnitId is { } unit && (unit == notice.RecipientUnitId
                                || notice.RecipientTownshipId is { } ts && await TownshipsOfUnit(unit).AnyAsync(t => t == ts, ct)),
            _ => false,
        };
        return new NoticeActor(scope.UserId, userName, scope.Role, recipient,
            ActsForRecipient: office && scope.HomeCovers(places.AreaPath),
            Oversees: scope.IsAdmin || office && scope.HomeCovers(places.IssuingPath));
    }

    private async Task StepAsync(UserScope scope, string user, int id, CancellationToken ct, Func<Notice, NoticeActor, Task> step, bool raisesVersion = true)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var notice = await Reachable(scope).Include(n => n.Items).Include(n => n.Actions).AsSplitQuery()
            .SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new NoticeNotFoundException();
        var actor = await ActorAsync(scope, user, notice, await PlacesAsync(notice, ct), ct);
        var version = notice.Version;
        await step(notice, actor);
        if (raisesVersion && notice.Version == version) notice.Version++;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new NoticeRuleException("该督办通知书刚刚已由他人办理，请刷新页面后查看最新状态");
        }
        await tx.CommitAsync(ct);
    }
}
