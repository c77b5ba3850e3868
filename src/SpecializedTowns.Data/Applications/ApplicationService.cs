using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Applications;

public sealed record ApplicationListItem(int Id, int TownId, string Town, string County, string StandardId, Tier TargetTier, ApplicationState State, string? PreCheckOutcome, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc);

public sealed record ApplicationView(
    RecognitionApplication Application, string Town, string CountyPath, Tier CurrentTier, RecognitionStandard? Standard,
    TownFacts? Facts, RecognitionResult? PreCheck, IReadOnlyList<string> OpenCriteria,
    IReadOnlyDictionary<int, string> ExpertNames)
{
    public IReadOnlyList<AttachmentInfo> Attachments { get; init; } = [];

    /// <summary>The pre-check with the expert panel's conclusions applied, once the panel has concluded.</summary>
    public RecognitionResult? WithPanel { get; init; }

    /// <summary>
    /// Numbers the office entered (or replaced) after the experts scored (for an expert, after their own scores): the checks above
    /// use them, the panel did not have them (decision 0021).
    /// </summary>
    public IReadOnlyList<EnteredThresholds.Since> EnteredSinceScoring { get; init; } = [];

    public string CriterionTitle(string key) =>
        key == ExpertScore.Overall ? ExpertScore.OverallTitle : PreCheck?.Criteria.FirstOrDefault(c => c.Key == key)?.Title ?? key;

    /// <summary>The town's facts as the platform holds them (latest reported statistics, enterprise library); null when it holds none.</summary>
    public TownFacts? Registered { get; init; }

    /// <summary>The year of the statistics <see cref="Registered"/> is read from; null when none is reported.</summary>
    public int? RegisteredYear { get; init; }

    /// <summary>Each declared figure beside the registered one (<see cref="DeclaredFacts"/>).</summary>
    public IReadOnlyList<FactComparison> Comparison => Facts is { } f ? DeclaredFacts.Compare(Registered, f) : [];

    /// <summary>The standard as users read it: its name, also when no pack defines it any more (<see cref="PolicyCatalog.StandardName"/>).</summary>
    public string StandardName { get; init; } = "";

    /// <summary>Why nothing can be checked or done on the application, when no loaded pack defines its standard any more; else null.</summary>
    public string? StandardMissing { get; init; }

    /// <summary>The application's version for an edit sent back with it (<see cref="ApplicationService.VersionOf"/>).</summary>
    public int Version => ApplicationService.VersionOf(Application);

    /// <summary>
    /// What the application lacks when it is submitted: no materials uploaded, criteria the pre-check cannot settle for want
    /// of a figure. None of the five policy texts lists the materials an application must carry (垣政办发〔2023〕19号 三,
    /// 阳政办发〔2023〕24号 四 and 朔政办发〔2023〕19号 二 give the conditions and the applicant only; the procedure is the office's,
    /// by the 管理办法 it issues, 朔政办发〔2023〕19号 附件 三、工作机构), so these are warned of and confirmed, not refused:
    /// the office's 形式审查 may still return the application for them (docs/decisions/0016).
    /// </summary>
    public IReadOnlyList<string> SubmissionGaps =>
    [
        .. Attachments.Count == 0 ? ["尚未上传申报材料"] : Array.Empty<string>(),
        .. (PreCheck?.Criteria ?? []).Where(c => c.Result == Results.MissingData).Select(c => $"“{c.Title}”缺数据"),
    ];
}

public sealed record ToDo(int Id, string Town, ApplicationState State, string What);

public sealed record AttachmentInfo(int Id, string FileName, long Size, string UploadedBy, DateTime UploadedAtUtc);

public sealed class ApplicationNotFoundException() : Exception("申报不存在，或不在您的数据范围内");

/// <summary>
/// The recognition workflow as use cases shared by pages and API: who may file for which town under which
/// standard, the pre-check on the stated facts, each transition saved with its event, and the town's tier
/// and history changed on recognition — all in one transaction per step.
/// </summary>
public sealed class ApplicationService(TownsDbContext db, PolicyCatalog catalog, TimeProvider time)
{
    /// <summary>Applications the person may see: experts only those assigned to them.</summary>
    public IQueryable<RecognitionApplication> Visible(UserScope scope)
    {
        if (scope.Role == Roles.Expert)
            return db.Applications.Where(a => a.Experts.Any(e => e.ExpertUserId == scope.UserId));
        var towns = scope.Towns(db).Select(t => t.Id);
        return db.Applications.Where(a => towns.Contains(a.SpecializedTownId));
    }

    public async Task<Paged<ApplicationListItem>> ListAsync(UserScope scope, ApplicationState? state, int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Paged<ApplicationListItem>.Normalize(page, pageSize);
        var query = Visible(scope).AsNoTracking();
        if (state is { } s) query = query.Where(a => a.State == s);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Towns, a => a.SpecializedTownId, t => t.Id, (a, t) => new ApplicationListItem(
                a.Id, t.Id, t.Name, t.County!.Name, a.StandardId, a.TargetTier, a.State, a.PreCheckOutcome, a.CreatedAtUtc, a.SubmittedAtUtc))
            .ToListAsync(ct);
        return new Paged<ApplicationListItem>(items, total, page, pageSize);
    }

    /// <summary>The standards a town may apply under: higher than its tier, applying where it lies.</summary>
    public IReadOnlyList<RecognitionStandard> StandardsFor(string countyPath, Tier tier) =>
        catalog.Standards
            .Where(s => Tiers.Parse(s.Tier) is { } t && t > tier)
            .Where(s => catalog.AreaOf(s) is var area && (countyPath == area || countyPath.StartsWith(area + "/")))
            .OrderBy(s => Tiers.Parse(s.Tier)).ToList();

    /// <summary>
    /// The one rule of who prepares an application (creates it, corrects its facts, uploads materials, submits it): the side
    /// the standard names as applicant. 垣政办发〔2023〕19号 三、阳政办发〔2023〕24号 四 and 运政办发〔2023〕8号 name the county
    /// government (县（区）政府), so its office — the office of the county the town lies in, by the account's own jurisdiction and
    /// not a narrowed view — prepares; the city or province office whose standard it is reviews and decides and does not prepare
    /// a county's application for it (docs/decisions/0004). Where the standard names the township (永济, 镇（街道）) its staff
    /// prepare, and the county office may prepare with them as before.
    /// </summary>
    public static bool CanFile(UserScope scope, RecognitionStandard standard, string townCountyPath) =>
        scope.IsAdmin
        || scope.Role == Roles.Office && scope.HomePath == townCountyPath
        || scope.Role == Roles.Township && standard.Applicant == "township";

    /// <summary>Whether the person prepares applications at all: a county office, township staff, the administrator — not a city or province office.</summary>
    public static bool PreparesApplications(UserScope scope) =>
        scope.IsAdmin || scope.Role == Roles.Township || scope.Role == Roles.Office && scope.HomePath.Count(c => c == '/') >= 2;

    /// <summary>
    /// For one who may file under none of <paramref name="standards"/> (a township where the standard names the county
    /// government, 垣政办发〔2023〕19号 三): which standard exists, who applies, and whom to ask; null when there is none.
    /// </summary>
    public static string? WhoFiles(UserScope scope, IEnumerable<RecognitionStandard> standards, string countyPath, string countyName)
    {
        var others = standards.Where(s => !CanFile(scope, s, countyPath)).ToList();
        if (others.Count == 0) return null;
        var byApplicant = others.GroupBy(s => ApplicantOf(s, countyName)).Select(g => $"{string.Join("、", g.Select(s => s.Name))}由{g.Key}申报");
        return $"{string.Join("；", byApplicant)}，请联系{CountyWords.NamedOffice(countyName)}";
    }

    /// <summary>
    /// The applicant as the standard's text names it, for a town of <paramref name="countyName"/>. A county government is
    /// named as that place calls it (运政办发〔2023〕8号 as 垣曲 quotes it says 县政府, but 永济's is the 市政府): the text's
    /// own word stands only where no county is known, and 县（市、区）政府 where the text names none.
    /// </summary>
    public static string ApplicantOf(RecognitionStandard standard, string? countyName = null) =>
        standard.Applicant == "township" ? standard.ApplicantText ?? "镇（街道）"
        : countyName is not null ? CountyWords.Government(countyName)
        : standard.ApplicantText ?? CountyWords.Government(null);

    public async Task<int> CreateAsync(UserScope scope, string userName, int townId, string standardId, string factsJson, CancellationToken ct = default)
    {
        var town = await scope.Towns(db).Include(t => t.County).SingleOrDefaultAsync(t => t.Id == townId, ct)
                   ?? throw new ApplicationRuleException("专业镇不存在，或不在您的数据范围内", "townId");
        if (!Tiers.IsListed(town.Tier))
            throw new ApplicationRuleException($"{town.Name}已不再列入专业镇名录，不能新建认定申报", "townId");
        var standard = StandardsFor(town.County!.Path, town.Tier).FirstOrDefault(s => s.Id == standardId)
                       ?? throw new ApplicationRuleException(NotApplicable(town, standardId), "standardId");
        if (!CanFile(scope, standard, town.County.Path))
            throw NotApplicant(scope, standard, town.County.Name, "新建申报");
        if (await db.Applications.AnyAsync(a => a.SpecializedTownId == townId && a.StandardId == standardId
                && a.State != ApplicationState.Recognized && a.State != ApplicationState.Reserved && a.State != ApplicationState.Rejected, ct))
            throw new ApplicationRuleException("本专业镇已有一份同一标准的在办申报");
        var application = new RecognitionApplication
        {
            SpecializedTownId = townId, StandardId = standardId, TargetTier = Tiers.Parse(standard.Tier)!.Value,
            CreatedByUserId = scope.UserId, CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        SetFacts(application, standard, factsJson, town.Category);
        db.Applications.Add(application);
        await db.SaveChangesAsync(ct);
        return application.Id;
    }

    /// <summary>Why a standard is not one the town may apply under, naming it as users read it and those it may.</summary>
    private string NotApplicable(SpecializedTown town, string standardId)
    {
        var open = StandardsFor(town.County!.Path, town.Tier).Select(s => s.Name).ToList();
        var those = open.Count == 0 ? "当前没有可申报的认定标准" : $"可申报：{string.Join("、", open)}";
        return catalog.KnownStandardName(standardId) is { } name
            ? $"{name}不是本专业镇可申报的认定标准（{town.Name}现为{Tiers.Chinese(town.Tier)}，{those}）"
            : $"“{standardId}”不是本专业镇可申报的认定标准：没有这个编号的认定标准（{those}）";
    }

    /// <summary>
    /// Corrects a draft's or a returned application's facts, checked as on filing; the pre-check follows the new figures.
    /// <paramref name="version"/> is the one the facts were read at (<see cref="VersionOf"/>): when the application has moved on
    /// since, nothing is written (<see cref="EditConflictException"/>); null corrects whatever is there, as the page does.
    /// </summary>
    public async Task UpdateFactsAsync(UserScope scope, string user, int id, string factsJson, int? version = null, CancellationToken ct = default)
    {
        var visible = Visible(scope).Where(a => a.Id == id);
        var category = await db.Towns.Where(t => visible.Any(a => a.SpecializedTownId == t.Id)).Select(t => t.Category).SingleOrDefaultAsync(ct)
                       ?? throw new ApplicationNotFoundException();
        var county = await CountyOfAsync(scope, id, ct);
        await StepAsync(scope, id, ct, a =>
        {
            RequireApplicant(scope, a, county, "修改申报事实");
            if (version is { } v && v != VersionOf(a)) throw Conflict(a, scope.UserId);
            var (json, outcome) = CheckedFacts(Standard(a), factsJson, category);
            a.ReviseFacts(Actor(scope, user), Now, json, outcome);
        }, exclusive: version is not null);
    }

    /// <summary>
    /// An application's version: how many steps it has had. Every change to it is a step with its event (facts corrected,
    /// materials uploaded, each transition), so whoever read it at n finds n + 1 after anybody's change — without a column
    /// of its own, and the last event says who made it.
    /// </summary>
    public static int VersionOf(RecognitionApplication a) => a.Events.Count;

    private static EditConflictException Conflict(RecognitionApplication a, int saver)
    {
        var last = a.Events.MaxBy(e => e.Id);
        // "他人" only when it was somebody else (EditConflicts.Conflict); the same account in another window is told so.
        var same = EditConflicts.SameAccount(saver, last?.UserId);
        var by = last is null ? "" : same ? $"（{EditConflicts.When(last.AtUtc)}：{last.Action}）" : $"（{last.UserName} 于 {EditConflicts.When(last.AtUtc)}：{last.Action}）";
        var what = same ? "该申报已在另一窗口中办理或修改" : "该申报已被他人办理或修改";
        return new EditConflictException($"{what}{by}，您提交的内容未保存，请重新读取后核对再提交。", VersionOf(a), last?.UserName, last?.AtUtc, same);
    }

    public async Task SubmitAsync(UserScope scope, string user, int id, CancellationToken ct = default)
    {
        var county = await CountyOfAsync(scope, id, ct);
        await StepAsync(scope, id, ct, a => { RequireApplicant(scope, a, county, "提交申报"); a.Submit(Actor(scope, user), Now); });
    }

    public Task ReturnAsync(UserScope scope, string user, int id, string reasons, CancellationToken ct = default) =>
        StepAsync(scope, id, ct, a => { RequireReviewer(scope, a); a.Return(Actor(scope, user), Now, reasons); });

    /// <summary>
    /// The standard's own office reviews and decides: 运城's city standard by the 运城 office, not by the county
    /// that filed. The filing side may only prepare and submit.
    /// </summary>
    private void RequireReviewer(UserScope scope, RecognitionApplication a)
    {
        if (scope.Role != Roles.Office) return; // admin may; other roles are refused by the application itself
        if (!CanReview(scope, a))
        {
            var area = catalog.AreaOf(Standard(a));
            throw new ApplicationRuleException($"本申报由{area[(area.LastIndexOf('/') + 1)..]}领导小组办公室审查、审定，您可以查看办理进度") { Kind = RefusalKind.Forbidden };
        }
    }

    public bool CanReview(UserScope scope, RecognitionApplication a) => CanReview(scope, a.StandardId);

    /// <summary>The standard's own office, by the account's own jurisdiction: a city office looking at one county still reviews under the city's standard.</summary>
    private bool CanReview(UserScope scope, string standardId) =>
        scope.IsAdmin || catalog.FindStandard(standardId) is { } s && scope.IsOfficeOf(catalog.AreaOf(s));

    /// <summary>Only those the standard names as applicant prepare and submit (<see cref="CanFile"/>).</summary>
    public bool CanPrepare(UserScope scope, RecognitionApplication a, string townCountyPath) =>
        catalog.FindStandard(a.StandardId) is { } s && CanFile(scope, s, townCountyPath);

    /// <summary>The county the application's town lies in, for the applicant rule; the application must be one the person sees.</summary>
    private async Task<(string Path, string Name)> CountyOfAsync(UserScope scope, int id, CancellationToken ct)
    {
        var visible = Visible(scope).Where(a => a.Id == id);
        var county = await db.Towns.Where(t => visible.Any(a => a.SpecializedTownId == t.Id))
            .Select(t => new { t.County!.Path, t.County.Name }).SingleOrDefaultAsync(ct) ?? throw new ApplicationNotFoundException();
        return (county.Path, county.Name);
    }

    private void RequireApplicant(UserScope scope, RecognitionApplication a, (string Path, string Name) county, string what)
    {
        var standard = Standard(a);
        if (!CanFile(scope, standard, county.Path)) throw NotApplicant(scope, standard, county.Name, what);
    }

    /// <summary>Who prepares instead, and what the person may do: the reviewing office is told it reviews, others whom to ask.</summary>
    private ApplicationRuleException NotApplicant(UserScope scope, RecognitionStandard standard, string countyName, string what)
    {
        var preparer = standard.Applicant == "township" ? ApplicantOf(standard) : CountyWords.NamedOffice(countyName);
        var tail = scope.Role == Roles.Office && scope.HomePath == catalog.AreaOf(standard)
            ? "；您的办公室负责形式审查和审定，可以查看办理进度"
            : "";
        return new ApplicationRuleException($"不能{what}：{standard.Name}由{ApplicantOf(standard, countyName)}申报，申报事实、申报材料和提交由{preparer}办理{tail}") { Kind = RefusalKind.Forbidden };
    }

    public async Task AcceptAsync(UserScope scope, string user, int id, IReadOnlyCollection<int> experts, bool confirmFailedPreCheck = false, CancellationToken ct = default)
    {
        var candidates = (await ExpertCandidatesAsync(id, scope, ct)).Select(e => e.Id).ToHashSet();
        if (experts.Any(e => !candidates.Contains(e))) throw new ApplicationRuleException("所选专家不在可选范围内", ApplicationFields.Experts);
        var failed = RecognitionApplication.FailedPreCheck((await ViewAsync(scope, id, ct)).PreCheck);
        await StepAsync(scope, id, ct, a => { RequireReviewer(scope, a); a.Accept(Actor(scope, user), Now, experts, failed, confirmFailedPreCheck); });
    }

    public async Task ScoreAsync(UserScope scope, string user, int id, IReadOnlyDictionary<string, (bool Met, string Comment)> scores, CancellationToken ct = default)
    {
        var view = await ViewAsync(scope, id, ct);
        await StepAsync(scope, id, ct, a => a.Score(Actor(scope, user), Now, scores, view.OpenCriteria, view.CriterionTitle));
    }

    public async Task ConcludeAsync(UserScope scope, string user, int id, CancellationToken ct = default)
    {
        var view = await ViewAsync(scope, id, ct);
        await StepAsync(scope, id, ct, a => { RequireReviewer(scope, a); a.Conclude(Actor(scope, user), Now, view.OpenCriteria, view.CriterionTitle); });
    }

    public async Task DecideAsync(UserScope scope, string user, int id, Decision decision, string? number, string? reason, DateOnly? publicityEndsOn, CancellationToken ct = default,
        string? settlement = null)
    {
        var view = await ViewAsync(scope, id, ct);
        if (decision != Decision.Reject && await global::SpecializedTowns.Data.Towns.DelistedTowns.DecisionRefusalAsync(db, view.Application.SpecializedTownId, ct) is { } offList)
            throw new ApplicationRuleException(offList, "decision");
        var check = view.WithPanel ?? view.PreCheck ?? throw StandardGone(view.Application.StandardId);
        await StepAsync(scope, id, ct, a => { RequireReviewer(scope, a); a.Decide(Actor(scope, user), Now, decision, number, reason, publicityEndsOn, check,
            townInReserve: view.CurrentTier == Tier.Reserve, toSettle: DeclaredFacts.ToSettle(view.Comparison), settlement: settlement); });
    }

    public Task ObjectAsync(UserScope scope, string user, int id, string objection, CancellationToken ct = default) =>
        StepAsync(scope, id, ct, a => { RequireReviewer(scope, a); a.RecordObjection(Actor(scope, user), Now, objection); });

    public async Task EndPublicityAsync(UserScope scope, string user, int id, bool upheld, string? reason, CancellationToken ct = default)
    {
        var view = await ViewAsync(scope, id, ct);
        if (upheld && await global::SpecializedTowns.Data.Towns.DelistedTowns.DecisionRefusalAsync(db, view.Application.SpecializedTownId, ct) is { } offList)
            throw new ApplicationRuleException(offList, "upheld");
        var notConfigured = (view.WithPanel ?? view.PreCheck)?.NotConfigured;
        await StepAsync(scope, id, ct, a => { RequireReviewer(scope, a); a.EndPublicity(Actor(scope, user), Now, upheld, reason, notConfigured); }, async a =>
        {
            if (a.State != ApplicationState.Recognized) return;
            // On recognition the town takes the tier, and its history says by which standard and document.
            var town = await db.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Id == a.SpecializedTownId, ct);
            town.Tier = a.TargetTier;
            town.TierHistory.Add(new TierChange
            {
                Tier = a.TargetTier, StandardId = a.StandardId, EffectiveOn = ChinaTime.Date(Now),
                DocumentNumber = a.DecisionDocumentNumber, Note = $"认定申报第 {a.Id} 号，公示期满无异议",
            });
        });
    }

    public async Task AttachAsync(UserScope scope, string user, int id, string fileName, byte[] content, CancellationToken ct = default)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (name.Length > 200) name = name[..(200 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
        var (contentType, problem) = ApplicationAttachment.Check(name, content);
        if (problem is not null) throw new ApplicationRuleException($"“{name}”不能上传：{problem}", ApplicationFields.File);
        var count = await db.Set<ApplicationAttachment>().CountAsync(x => x.ApplicationId == id, ct);
        var county = await CountyOfAsync(scope, id, ct);
        await StepAsync(scope, id, ct, a =>
        {
            RequireApplicant(scope, a, county, "上传申报材料");
            a.Attach(Actor(scope, user), Now, new ApplicationAttachment { ApplicationId = id, FileName = name, ContentType = contentType!, Size = content.Length, Content = content }, count);
        });
    }

    /// <summary>A file of an application the person may see; null otherwise.</summary>
    public async Task<ApplicationAttachment?> AttachmentAsync(UserScope scope, int id, int attachmentId, CancellationToken ct = default)
    {
        if (!await Visible(scope).AnyAsync(a => a.Id == id, ct)) return null;
        return await db.Set<ApplicationAttachment>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == attachmentId && x.ApplicationId == id, ct);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> ExpertCandidatesAsync(int id, UserScope scope, CancellationToken ct = default)
    {
        var application = await LoadAsync(scope, id, ct);
        RequireReviewer(scope, application);
        var countyPath = await db.Towns.Where(t => t.Id == application.SpecializedTownId).Select(t => t.County!.Path).SingleAsync(ct);
        var expertRole = await db.Roles.Where(r => r.Name == Roles.Expert).Select(r => r.Id).SingleAsync(ct);
        var experts = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == expertRole))
            .Select(u => new { u.Id, u.DisplayName, Path = u.Jurisdiction!.Path }).ToListAsync(ct);
        // Experts of the town's own area or any area above it.
        return experts.Where(e => countyPath == e.Path || countyPath.StartsWith(e.Path + "/")).Select(e => (e.Id, e.DisplayName)).ToList();
    }

    public async Task<ApplicationView> ViewAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        var application = await Visible(scope).AsNoTracking()
            .Include(a => a.Events).Include(a => a.Experts).Include(a => a.Scores)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new ApplicationNotFoundException();
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == application.SpecializedTownId)
            .Select(t => new { t.Name, t.Tier, t.Category, Path = t.County!.Path }).SingleAsync(ct);
        var standard = catalog.FindStandard(application.StandardId);
        TownFacts? facts = null;
        RecognitionResult? check = null;
        if (standard is not null)
        {
            facts = ParseFacts(application.FactsJson, town.Category);
            check = RecognitionEngine.Evaluate(standard, facts);
        }
        // Experts decide what the text leaves open: criteria the pre-check could not settle. Not a number the office has yet to
        // enter (decision 0021): that is the office's to supply, and a panel's 符合 against no number would settle nothing.
        var open = check?.Criteria.Where(c => c.Result is Results.NeedsReview or Results.MissingData && !c.Unset).Select(c => c.Key).ToList() ?? [];
        var userIds = application.Experts.Select(e => e.ExpertUserId).Concat(application.Scores.Select(s => s.ExpertUserId)).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        RecognitionResult? withPanel = null;
        if (standard is not null && facts is not null && application.PanelConclusionJson is { } panel)
            withPanel = RecognitionEngine.Evaluate(standard, facts with { ExpertConclusions = JsonSerializer.Deserialize<Dictionary<string, bool>>(panel)! });
        IReadOnlyList<EnteredThresholds.Since> enteredSince = [];
        if (standard is not null && catalog.PackStandard(application.StandardId) is { } pack && EnteredThresholds.Slots(pack).Count > 0)
        {
            // An expert is shown what they had before them at their latest scores; others what the first expert to score had, so
            // that a number entered while the panel was still scoring is named too.
            var scored = application.Events.Where(e => e.Action == "专家评分" && (scope.Role != Roles.Expert || e.UserId == scope.UserId)).Select(e => e.AtUtc).ToList();
            if (scored.Count > 0)
                enteredSince = EnteredThresholds.EnteredSince(pack, await Recognition.ThresholdValueStore.HistoryAsync(db, pack.Id, ct),
                    scope.Role == Roles.Expert ? scored.Max() : scored.Min(), facts?.Category ?? town.Category);
        }
        var attachments = await db.Set<ApplicationAttachment>().AsNoTracking().Where(x => x.ApplicationId == id).OrderBy(x => x.Id)
            .Select(x => new AttachmentInfo(x.Id, x.FileName, x.Size, x.UploadedBy, x.UploadedAtUtc)).ToListAsync(ct);
        var registered = (await Recognition.StoredTownRecognition.LoadAsync(db, db.Towns.Where(t => t.Id == application.SpecializedTownId), ct)).SingleOrDefault();
        return new ApplicationView(application, town.Name, town.Path, town.Tier, standard, facts, check, open, names)
        {
            Registered = registered?.Facts, RegisteredYear = registered?.Year,
            WithPanel = withPanel, EnteredSinceScoring = enteredSince, Attachments = attachments, StandardName = catalog.StandardName(application.StandardId),
            StandardMissing = standard is null ? StandardGone(application.StandardId).Message : null,
        };
    }

    /// <summary>What waits for this person: the step their role takes next.</summary>
    public async Task<IReadOnlyList<ToDo>> ToDoAsync(UserScope scope, CancellationToken ct = default)
    {
        var rows = await Visible(scope).AsNoTracking()
            .Where(a => a.State != ApplicationState.Recognized && a.State != ApplicationState.Reserved && a.State != ApplicationState.Rejected)
            .Select(a => new { a.Id, a.State, a.StandardId, Town = db.Towns.Where(t => t.Id == a.SpecializedTownId).Select(t => t.Name).First(),
                CountyPath = db.Towns.Where(t => t.Id == a.SpecializedTownId).Select(t => t.County!.Path).First(),
                Scored = a.Scores.Select(s => s.ExpertUserId).Distinct().Count(), Experts = a.Experts.Count,
                MineScored = a.Scores.Any(s => s.ExpertUserId == scope.UserId) })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var office = CanReview(scope, r.StandardId);
            return r.State switch
            {
            ApplicationState.Draft or ApplicationState.Returned when catalog.FindStandard(r.StandardId) is { } st && CanFile(scope, st, r.CountyPath) =>
                new ToDo(r.Id, r.Town, r.State, r.State == ApplicationState.Returned ? "已退回，请修改后重新提交" : "草稿，尚未提交"),
            ApplicationState.Submitted when office => new ToDo(r.Id, r.Town, r.State, "待形式审查"),
            ApplicationState.ExpertReview when scope.Role == Roles.Expert && !r.MineScored => new ToDo(r.Id, r.Town, r.State, "请评审打分"),
            ApplicationState.ExpertReview when office && r.Scored == r.Experts => new ToDo(r.Id, r.Town, r.State, "专家已全部评分，待汇总结论"),
            ApplicationState.AwaitingDecision when office => new ToDo(r.Id, r.Town, r.State, "待领导小组审定"),
            ApplicationState.Publicity when office => new ToDo(r.Id, r.Town, r.State, "公示中，期满后确认"),
            _ => null,
            };
        }).OfType<ToDo>().ToList();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static Actor Actor(UserScope scope, string userName) => new(scope.UserId, userName, scope.Role);

    private RecognitionStandard Standard(RecognitionApplication a) =>
        catalog.FindStandard(a.StandardId) ?? throw StandardGone(a.StandardId);

    /// <summary>A step on an application whose standard no loaded pack defines: said by the standard's name where it is known.</summary>
    private ApplicationRuleException StandardGone(string standardId) => new(
        (catalog.KnownStandardName(standardId) is { } name ? $"本申报依据的{name}" : $"本申报依据的认定标准（编号“{standardId}”）")
        + "已不在现行政策包中，不能继续办理；请系统管理员核对政策包目录");

    private static TownFacts ParseFacts(string json, string category)
    {
        try { return FactsReader.Read(json); }
        catch (FactsFormatException) { return new TownFacts { Category = category }; }
    }

    private static void SetFacts(RecognitionApplication application, RecognitionStandard standard, string factsJson, string category) =>
        (application.FactsJson, application.PreCheckOutcome) = CheckedFacts(standard, factsJson, category);

    /// <summary>The facts as an application keeps them, and the pre-check's outcome on them; refused in Chinese when they cannot stand.</summary>
    private static (string Json, string Outcome) CheckedFacts(RecognitionStandard standard, string factsJson, string category)
    {
        // Figures out of range first, in the words the page uses for them (年产值不能为负数), ahead of the facts file's own
        // refusal of some of them in its words; then the file's format, the category, and the ranges of what was read.
        if (StatedFigureProblems(factsJson) is { Count: > 0 } stated) throw Refused(stated);
        TownFacts facts;
        try { facts = FactsReader.Read(factsJson); }
        catch (FactsFormatException ex) { throw Refused(new Dictionary<string, string> { [ex.Field ?? ""] = ex.Message }); }
        if (facts.Category != category)
            throw Refused(new Dictionary<string, string> { ["category"] = $"申报领域应与专业镇登记的领域一致（{IndustryCategories.NameOf(category)}）" });
        // The facts file format takes any number; an application states its town's figures, in the ranges they have everywhere else.
        if (FactProblems(facts) is { Count: > 0 } problems) throw Refused(problems);
        return (factsJson, RecognitionEngine.Evaluate(standard, facts).Outcome);
    }

    private static ApplicationRuleException Refused(IReadOnlyDictionary<string, string> problems) =>
        new(string.Join("；", problems.Values)) { Problems = problems };

    /// <summary>The numeric facts of a facts JSON out of their range, by fact key, as typed (before the facts file is read).</summary>
    private static Dictionary<string, string> StatedFigureProblems(string factsJson)
    {
        var problems = new Dictionary<string, string>();
        try
        {
            using var doc = JsonDocument.Parse(factsJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return problems;
            foreach (var (key, name) in FactNames.Numeric)
            {
                if (!doc.RootElement.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.Number) continue;
                var rule = FigureLimits.ForFact(key);
                if ((value.TryGetDecimal(out var d) ? rule.Problem(name, d) : rule.Problem(name, value.GetRawText())) is { } problem)
                    problems[key] = problem;
            }
        }
        catch (JsonException) { } // the facts reader says what is wrong with the JSON
        return problems;
    }

    /// <summary>The stated figures out of their range, by fact key, each message naming the fact as the standards do.</summary>
    public static IReadOnlyDictionary<string, string> FactProblems(TownFacts facts) =>
        FactNames.Numeric.Select(f => (f.Key, Problem: FigureLimits.ForFact(f.Key).Problem(f.Value, facts.Number(f.Key))))
            .Where(p => p.Problem is not null).ToDictionary(p => p.Key, p => p.Problem!);

    private async Task<RecognitionApplication> LoadAsync(UserScope scope, int id, CancellationToken ct) =>
        await Visible(scope).Include(a => a.Events).Include(a => a.Experts).Include(a => a.Scores)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new ApplicationNotFoundException();

    /// <summary>
    /// One step in one transaction. <paramref name="exclusive"/>: the application's row is written first, so that a step checked
    /// against the version it was read at waits for any other step under way on the application (PostgreSQL holds the row,
    /// SQLite the database) and then reads what that step left, instead of both passing the same check.
    /// </summary>
    private async Task StepAsync(UserScope scope, int id, CancellationToken ct, Action<RecognitionApplication> step, Func<RecognitionApplication, Task>? after = null,
        bool exclusive = false)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (exclusive) await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.State, a => a.State), ct);
        var application = await LoadAsync(scope, id, ct);
        step(application);
        if (after is not null) await after(application);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static string FactsJsonFrom(TownFacts f) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["name"] = f.Name, ["category"] = f.Category,
        ["annualOutputValueWanYuan"] = f.AnnualOutputValueWanYuan, ["leadingEnterprises"] = f.LeadingEnterprises,
        ["supportingEnterprises"] = f.SupportingEnterprises, ["localEmployment"] = f.LocalEmployment,
        ["provincialMarketSharePercent"] = f.ProvincialMarketSharePercent, ["cityMarketSharePercent"] = f.CityMarketSharePercent,
        ["largeNationalMarketSpace"] = f.LargeNationalMarketSpace, ["historicalOriginOrGeographicalIndication"] = f.HistoricalOriginOrGeographicalIndication,
        ["industryWithinOneCounty"] = f.IndustryWithinOneCounty, ["designations"] = f.Designations,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value),
        FactsJson);

    // One instance for every call: options hold the serializer's cache of each type's shape, rebuilt by reflection when new.
    private static readonly JsonSerializerOptions FactsJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
