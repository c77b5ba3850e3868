using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;

namespace SpecializedTowns.Data.Evaluation;

/// <summary>
/// The supervised of a published evaluation with the notice each already has (or none yet), and the notices it got from the
/// other evaluations of the same year (a county's and its city's both rank the county's towns), which the office should see
/// before it supervises the same town twice for one year.
/// </summary>
public sealed record SupervisedSubject(ResultView Result, NoticeListItem? Notice, IReadOnlyList<NoticeListItem> SameYear);

/// <summary>
/// From a published ranking to 督办通知书: one notice per subject marked 拟督办, listing the indicators it fell short on
/// with their explanation, due the scheme's 限期整改 days after today. Issued in one all-or-nothing batch through the
/// notices feature, which numbers them and adds the pack's consequence for a missed deadline.
/// </summary>
public sealed class EvaluationNotices(NoticeService notices, TownsDbContext db)
{
    public static string Basis(EvaluationView view) => $"{view.Area}{view.Evaluation.Year}年度{SubjectKinds.Chinese(view.Evaluation.Kind)}评估结果";

    public static bool CanIssue(UserScope scope, EvaluationView view) =>
        view.Evaluation.IsPublished && NoticeService.CanIssue(scope) && EvaluationService.CanEdit(scope, view.Evaluation.AreaPath);

    public async Task<IReadOnlyList<SupervisedSubject>> SupervisedAsync(UserScope scope, EvaluationView view, CancellationToken ct)
    {
        var issued = (await notices.ListAsync(scope, new NoticeFilter { EvaluationId = view.Evaluation.Id, PageSize = Paged<object>.MaxPageSize }, ct)).Items;
        var e = view.Evaluation;
        // The other evaluations of the year whose area holds this one's or lies in it: only they rank the same subjects.
        var (under, above) = (e.AreaPath + "/", Ancestors(e.AreaPath));
        var others = await db.Evaluations.Where(o => o.Id != e.Id && o.Year == e.Year && o.Kind == e.Kind
                && (o.AreaPath.StartsWith(under) || above.Contains(o.AreaPath)))
            .Select(o => o.Id).ToListAsync(ct);
        var sameYear = others.Count == 0 ? [] : (await notices.ListAsync(scope,
            new NoticeFilter { EvaluationIds = others, RecipientKind = KindOf(e.Kind), PageSize = Paged<object>.MaxPageSize }, ct)).Items;
        bool Of(NoticeListItem n, ResultView r) => n.RecipientKind == KindOf(e.Kind) && n.RecipientName == r.Row.SubjectName;
        return view.Results.Where(r => r.Row.Supervised)
            .Select(r => new SupervisedSubject(r, issued.FirstOrDefault(n => Of(n, r)), sameYear.Where(n => Of(n, r)).ToList()))
            .ToList();
    }

    public DateOnly DefaultDeadline(EvaluationView view) => notices.Today.AddDays(view.Scheme.RectificationDays);

    /// <summary>Issues the notices not yet issued; returns how many. Refused as a whole if any draft is bad.</summary>
    /// <param name="coverageReason">The office's written confirmation when the ranking scored less than half the weight
    /// (<see cref="EvaluationCoverage.IsLow"/>): a notice resting on one growth figure is not “评估结果，结合各单位工作职责”.</param>
    public async Task<int> IssueAsync(UserScope scope, string user, EvaluationView view, DateOnly? deadline, string? contactName, string? contactPhone, CancellationToken ct,
        string? coverageReason = null)
    {
        if (!CanIssue(scope, view))
            throw view.Evaluation.IsPublished
                ? new EvaluationRuleException("只有本级专业镇办公室可以下发督办通知书") { Kind = RefusalKind.Forbidden }
                : new EvaluationRuleException("评估发布后才能下发督办通知书");
        var pending = (await SupervisedAsync(scope, view, ct)).Where(s => s.Notice is null).ToList();
        if (pending.Count == 0) throw new EvaluationRuleException("拟督办对象均已下发督办通知书");
        if (view.Coverage.ReasonProblem(coverageReason, "下发督办通知书") is { } unconfirmed)
            throw new EvaluationInputException(new Enterprises.FieldErrors { [EvaluationCoverage.ReasonField] = unconfirmed });
        // Written with the notices, in their save: a refused batch leaves no confirmation behind.
        if (view.Coverage.NeedsReason) EvaluationService.AddNote(db, view.Evaluation, view.Coverage.Confirmation($"下发督办通知书 {pending.Count} 份", coverageReason!));
        var basis = Basis(view);
        var drafts = pending.Select(s => new NoticeDraft
        {
            RecipientKind = KindOf(view.Evaluation.Kind),
            RecipientId = s.Result.Row.SubjectId,
            Basis = basis,
            EvaluationId = view.Evaluation.Id,
            Findings = EvaluationReport.Findings(view.Scheme, s.Result, basis).Select(f => new NoticeFinding(f.Text, f.Source)).ToList(),
            Deadline = deadline,
            ContactName = contactName,
            ContactPhone = contactPhone,
        }).ToList();
        try
        {
            try { return (await notices.CreateManyAsync(scope, user, drafts, ct)).Count; }
            // The platform made the batch from the evaluation, not the caller: a batch it refuses is no field of theirs to correct.
            catch (NoticeRuleException ex) { throw new EvaluationRuleException(ex.Message) { Kind = ex.Kind == RefusalKind.Invalid ? RefusalKind.Conflict : ex.Kind }; }
            catch (NoticeBatchException ex)
            {
                // The same deadline and contact go on every notice, so the first refusal speaks for all.
                throw new EvaluationInputException(ex.Errors.Values.First());
            }
        }
        catch
        {
            // Nothing was issued, so nothing was confirmed: the note must not ride on a later save.
            foreach (var added in db.ChangeTracker.Entries<Audit.AuditEntry>().Where(x => x.State == EntityState.Added).ToList()) added.State = EntityState.Detached;
            throw;
        }
    }

    private static List<string> Ancestors(string path)
    {
        var parts = path.Split('/');
        return [.. Enumerable.Range(1, parts.Length - 1).Select(n => string.Join('/', parts.Take(n)))];
    }

    private static RecipientKind KindOf(SubjectKind kind) => kind switch
    {
        SubjectKind.Town => RecipientKind.Town,
        SubjectKind.Township => RecipientKind.Township,
        _ => RecipientKind.Unit,
    };
}
