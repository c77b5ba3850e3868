using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Evaluation;

public sealed class EvaluationInputException(FieldErrors errors) : Exception(string.Join("；", errors.Values))
{
    public FieldErrors Errors { get; } = errors;
}

/// <summary>发文字号 and 成文日期 of an evaluation's report as the office typed them (blank = none).</summary>
public sealed record DocumentInput(string? Number, DateOnly? Date);

public sealed class EvaluationNotFoundException() : Exception("评估不存在，或不在您的数据范围内");

public sealed record EvaluationFilter
{
    public int? Year { get; init; }
    public SubjectKind? Kind { get; init; }
    public EvaluationState? State { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <param name="RankedOf">For an evaluation of an area above the person: how many subjects it ranked, while Subjects, Commended and
/// Supervised count the person's own; null otherwise.</param>
public sealed record EvaluationListItem(int Id, string Area, string AreaPath, int Year, SubjectKind Kind, EvaluationState State,
    string SchemeName, bool SchemeIsPlatformDefault, int Subjects, int Commended, int Supervised, DateTime CalculatedAtUtc, DateTime? PublishedAtUtc,
    int? RankedOf = null);

public sealed record CommendedItem(int EvaluationId, string Area, int Year, SubjectKind Kind, string Subject, string Place, int Rank, decimal Total,
    string? Band, DateTime? PublishedAtUtc)
{
    /// <summary>How many subjects the evaluation ranked, when it is an area's above the person (only their own rows are listed).</summary>
    public int? RankedOf { get; init; }

    /// <summary>To whom the commendation is addressed (主送), by the rule notices follow (<see cref="CommendationAddressee"/>).</summary>
    public CommendationAddressee? Addressee { get; init; }
}

/// <summary>
/// 主送 of a commendation: the subject's government or the subject itself, as <see cref="NoticeAddressee"/> addresses a 督办通知书
/// about it, read from the commendation consequence of the town's own document (阳政办发〔2023〕24号 六（五） "对评价排名靠前、
/// 成效突出的专业镇所在县政府予以表扬奖励": 郊区人民政府). <paramref name="Basis"/> quotes the clause that names the addressee,
/// when the document names one. Read from the records, not stored: a published list shows it as its documents say today.
/// </summary>
public sealed record CommendationAddressee(string Name, string? Basis);

/// <summary>One subject's row as read back: the stored detail parsed, nothing recalculated.</summary>
/// <summary>One town's place in a published evaluation: its rank among <paramref name="RankedOf"/>, score and band.</summary>
public sealed record TownEvaluationRow(int EvaluationId, string Area, int Year, int Rank, int RankedOf, decimal Total, string? Band, bool Commended, bool Supervised);

public sealed record ResultView(EvaluationResult Row, IReadOnlyList<IndicatorDetail> Indicators);

/// <param name="Nobody">Why there is nobody to rank, when there is nobody (<see cref="EvaluatedTowns.Nobody"/>).</param>
public sealed record EvaluationView(AnnualEvaluation Evaluation, string Area, SchemeSnapshot Scheme, IReadOnlyList<ResultView> Results, bool CanEdit,
    string? Nobody = null)
{
    /// <summary>
    /// For a published evaluation of an area above the person (运城's, read by 新绛): how many subjects it ranked, while
    /// <see cref="Results"/> holds only the person's own; null when the person reads the whole evaluation.
    /// </summary>
    public int? RankedOf { get; init; }

    /// <summary>Only the person's own rows of another area's evaluation: read-only, and the report of the whole stays with its office.</summary>
    public bool IsExcerpt => RankedOf is not null;

    /// <summary>
    /// For an excerpt: what the reader's own document says to do with the results (its consequences, with its clause), or null when
    /// it says nothing. The reader's, not the issuing office's nor another county's: 垣曲 acts under 垣政办发〔2023〕19号 五（四）.
    /// </summary>
    public string? ReaderBasis { get; init; }

    /// <summary>
    /// The area's leading group as its own document names it (阳泉市专业镇高质量发展领导小组, 阳政办发〔2023〕24号 六（一）), by the one
    /// rule every document of the platform takes it from (<see cref="Documents.Offices"/>): the report's 发文机关 and 主送.
    /// </summary>
    public string LeadingGroup { get; init; } = "";

    /// <summary>主送 of each commended row, by subject key (<see cref="CommendationAddressee"/>).</summary>
    public IReadOnlyDictionary<string, CommendationAddressee> Addressees { get; init; } = new Dictionary<string, CommendationAddressee>();

    /// <summary>How much of the indicator system the rows shown were scored on (本次计分指标 5/15 项，权重 35/100).</summary>
    public EvaluationCoverage Coverage => coverage ??= (EvaluationCoverage.Of(Results.Select(r => r.Indicators), Results.Select(r => r.Row.SubjectName).ToList()) with { ResultsUse = ResultsUse })
        // An excerpt holds the reader's own rows only, which say nothing of the whole ranking's first or all.
        .WithSweep(IsExcerpt ? [] : Results.Select(r => (r.Row.Rank, r.Row.Supervised)).ToList());

    /// <summary>
    /// What the reader's documents say the results are used with (<see cref="EvaluationCoverage.ResultsUse"/>): the evaluation
    /// area's, read by its office; for an excerpt, the reader's own, as <see cref="ReaderBasis"/>.
    /// </summary>
    public BasisQuote? ResultsUse { get; init; }

    private EvaluationCoverage? coverage;
}

/// <summary>
/// 年度评估: create a draft for an office's own area, recalculate it from the records, give manual scores with a reason,
/// publish (freeze). Only the area's office (or the administrator) changes an evaluation; leaders read it.
/// </summary>
public sealed class EvaluationService(TownsDbContext db, PolicyCatalog catalog, MeasureGatherer gatherer, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => ProblemDeadline.ChinaDate(Now);

    /// <summary>
    /// Why the report and tables of another area's evaluation are not given: they rank every subject of that area, and the texts
    /// have the issuing office 通报 its results; a county acts on its own towns' rows (新政办发〔2023〕33号 四（五）).
    /// </summary>
    public const string ReportStaysWithOffice = "评估报告和全部明细由发布评估的专业镇办公室出具；您可以在本页查看辖区内评估对象的名次、得分和等次";

    public static bool CanRead(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.Leader;

    /// <summary>
    /// Who reads their own rows of a published evaluation above them: besides those who read whole evaluations, township staff,
    /// who receive the 督办通知书 that cites the evaluation (新政办发〔2023〕33号 四（五）: “发出督办通知书” to the towns ranked low)
    /// and must be able to see the ranking it rests on, as a county reads a city's.
    /// </summary>
    public static bool CanReadOwnRows(UserScope scope) => CanRead(scope) || scope.Role == Roles.Township;

    public static bool CanEdit(UserScope scope, string areaPath) => scope.IsAdmin || scope.IsOfficeOf(areaPath);

    private IQueryable<AnnualEvaluation> Visible(UserScope scope)
    {
        if (!CanRead(scope)) return db.Evaluations.Where(_ => false);
        if (scope.IsAdmin) return db.Evaluations;
        var under = scope.JurisdictionPath + "/";
        return db.Evaluations.Where(e => e.AreaPath == scope.JurisdictionPath || e.AreaPath.StartsWith(under));
    }

    /// <summary>
    /// The person's own subjects in evaluations of areas above them: towns in their scope, townships within their area. A unit
    /// evaluation ranks the area's own member units, none of which is a county's. Null for whom no area lies above (or who
    /// reads everything).
    /// </summary>
    private sealed record Own(string[] Above, int[] Towns, int[] Townships)
    {
        public bool Holds(SubjectKind kind, int subjectId) => kind switch
        {
            SubjectKind.Town => Towns.Contains(subjectId),
            SubjectKind.Township => Townships.Contains(subjectId),
            _ => false,
        };
    }

    private async Task<Own?> OwnAsync(UserScope scope, CancellationToken ct)
    {
        if (!CanReadOwnRows(scope) || scope.IsAdmin) return null;
        var parts = scope.JurisdictionPath.Split('/');
        var above = Enumerable.Range(1, parts.Length - 1).Select(n => string.Join('/', parts[..n])).ToArray();
        if (above.Length == 0) return null;
        var under = scope.JurisdictionPath + "/";
        return new Own(above, await scope.Towns(db).Select(t => t.Id).ToArrayAsync(ct),
            await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township && (j.Path == scope.JurisdictionPath || j.Path.StartsWith(under)))
                .Select(j => j.Id).ToArrayAsync(ct));
    }

    /// <summary>
    /// Published evaluations of the areas above the person that rank some of their own: 新政办发〔2023〕33号 四（五） has the county act
    /// “根据省市开展的专业镇年度评估结果” — commend its towns ranked high, send 督办通知书 to those ranked low — so the county reads
    /// the province's and city's results about its towns. Drafts stay with their office until published.
    /// </summary>
    private IQueryable<AnnualEvaluation> Above(Own own) =>
        db.Evaluations.Where(e => own.Above.Contains(e.AreaPath) && e.State == EvaluationState.Published
            && db.EvaluationResults.Any(r => r.EvaluationId == e.Id
                && (e.Kind == SubjectKind.Town && own.Towns.Contains(r.SubjectId) || e.Kind == SubjectKind.Township && own.Townships.Contains(r.SubjectId))));

    /// <summary>What the person reads: evaluations of their area and below, whole; published ones above that rank their own, in excerpt.</summary>
    private IQueryable<AnnualEvaluation> Readable(UserScope scope, Own? own)
    {
        if (own is null) return Visible(scope);
        var whole = Visible(scope).Select(e => e.Id);
        var above = Above(own).Select(e => e.Id);
        return db.Evaluations.Where(e => whole.Contains(e.Id) || above.Contains(e.Id));
    }

    public async Task<Paged<EvaluationListItem>> ListAsync(UserScope scope, EvaluationFilter filter, CancellationToken ct = default)
    {
        var own = await OwnAsync(scope, ct);
        var query = Readable(scope, own);
        if (filter.Year is { } year) query = query.Where(e => e.Year == year);
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.State is { } state) query = query.Where(e => e.State == state);
        var (page, size) = Paged<EvaluationListItem>.Normalize(filter.Page, filter.PageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Year).ThenByPlace(e => e.Jurisdiction).ThenBy(e => e.AreaPath).ThenBy(e => e.Kind)
            .Skip((page - 1) * size).Take(size)
            .Select(e => new EvaluationListItem(e.Id, e.Jurisdiction!.Name, e.AreaPath, e.Year, e.Kind, e.State, e.SchemeName, e.SchemeIsPlatformDefault,
                e.Results.Count, e.Results.Count(r => r.Commended), e.Results.Count(r => r.Supervised), e.CalculatedAtUtc, e.PublishedAtUtc))
            .ToListAsync(ct);
        if (own is not null && items.Any(i => own.Above.Contains(i.AreaPath)))
        {
            // Another area's evaluation counts the person's own subjects, and says how many it ranked in all.
            var ids = items.Where(i => own.Above.Contains(i.AreaPath)).Select(i => i.Id).ToList();
            var rows = await db.EvaluationResults.Where(r => ids.Contains(r.EvaluationId))
                .Select(r => new { r.EvaluationId, r.SubjectId, r.Commended, r.Supervised }).ToListAsync(ct);
            items = items.Select(i =>
            {
                if (!own.Above.Contains(i.AreaPath)) return i;
                var all = rows.Where(r => r.EvaluationId == i.Id).ToList();
                var mine = all.Where(r => own.Holds(i.Kind, r.SubjectId)).ToList();
                return i with { Subjects = mine.Count, Commended = mine.Count(r => r.Commended), Supervised = mine.Count(r => r.Supervised), RankedOf = all.Count };
            }).ToList();
        }
        return new Paged<EvaluationListItem>(items, total, page, size);
    }

    /// <summary>
    /// A town's rows in the published town evaluations the person reads (their own area's, and those above that rank their
    /// towns), newest year first, for the town's page. Drafts are left out: their figures may still change.
    /// </summary>
    public async Task<IReadOnlyList<TownEvaluationRow>> TownRowsAsync(UserScope scope, int townId, CancellationToken ct = default)
    {
        if (!CanReadOwnRows(scope)) return [];
        var evaluations = Readable(scope, await OwnAsync(scope, ct)).Where(e => e.State == EvaluationState.Published && e.Kind == SubjectKind.Town);
        // Ordered before the rows become records: EF cannot order by a member of a record it constructs.
        var rows = await db.EvaluationResults.AsNoTracking()
            .Where(r => r.SubjectId == townId && evaluations.Any(e => e.Id == r.EvaluationId))
            .Join(db.Evaluations, r => r.EvaluationId, e => e.Id, (r, e) => new
            {
                e.Id, Area = e.Jurisdiction!.Name, e.Year, r.Rank, Of = db.EvaluationResults.Count(x => x.EvaluationId == e.Id),
                r.Total, r.Band, r.Commended, r.Supervised,
            })
            .OrderByDescending(x => x.Year).ThenBy(x => x.Id).ToListAsync(ct);
        return rows.Select(x => new TownEvaluationRow(x.Id, x.Area, x.Year, x.Rank, x.Of, x.Total, x.Band, x.Commended, x.Supervised)).ToList();
    }

    /// <summary>
    /// The published evaluations the person reads in which no one reached 表扬, newest year first, said as the page says it
    /// (阳泉市2024年度专业镇评估已发布，没有达到表扬条件的专业镇): the list then says they were published with no one commended, rather than that results will come
    /// (qa110 10). Of an area's above the person, only those ranking their own are read (<see cref="Readable"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishedWithoutCommendedAsync(UserScope scope, int? year, CancellationToken ct = default)
    {
        var query = Readable(scope, await OwnAsync(scope, ct)).Where(e => e.State == EvaluationState.Published && !e.Results.Any(r => r.Commended));
        if (year is { } y) query = query.Where(e => e.Year == y);
        var rows = await query.OrderByDescending(e => e.Year).ThenBy(e => e.Id).Select(e => new { Area = e.Jurisdiction!.Name, e.Year, e.Kind }).ToListAsync(ct);
        return rows.Select(e => $"{e.Area}{e.Year}年度{SubjectKinds.Chinese(e.Kind)}评估已发布，没有达到表扬条件的{SubjectKinds.Chinese(e.Kind)}").ToList();
    }

    /// <summary>表扬名单: the commended of every published evaluation the person may read, newest year first.</summary>
    public async Task<IReadOnlyList<CommendedItem>> CommendedAsync(UserScope scope, int? year, CancellationToken ct = default)
    {
        var own = await OwnAsync(scope, ct);
        var query = Readable(scope, own).Where(e => e.State == EvaluationState.Published);
        if (year is { } y) query = query.Where(e => e.Year == y);
        // A join rather than SelectMany over the navigation: SQLite has no APPLY.
        var rows = await (from e in query
                          join r in db.EvaluationResults on e.Id equals r.EvaluationId
                          where r.Commended
                          select new { e.Id, e.AreaPath, Area = e.Jurisdiction!.Name, e.Year, e.Kind, r.SubjectId, r.SubjectName, r.Place, r.Rank, r.Total, r.Band, e.PublishedAtUtc,
                              Ranked = db.EvaluationResults.Count(x => x.EvaluationId == e.Id) })
            .ToListAsync(ct);
        // Of an area's above the person, only their own commended are listed, with the size of the ranking they stand in.
        bool above(string path) => own is not null && own.Above.Contains(path);
        var listed = rows.Where(x => !above(x.AreaPath) || own!.Holds(x.Kind, x.SubjectId)).ToList();
        var addressees = new Dictionary<(int, int), CommendationAddressee>();
        foreach (var g in listed.GroupBy(x => (x.Id, x.AreaPath, x.Kind)))
            foreach (var (id, a) in await AddresseesAsync(g.Key.AreaPath, g.Key.Kind, g.Select(x => (x.SubjectId, x.SubjectName, x.Place)).ToList(), ct))
                addressees[(g.Key.Id, id)] = a;
        return listed
            .OrderByDescending(x => x.Year).ThenBy(x => x.Id).ThenBy(x => x.Rank)
            .Select(x => new CommendedItem(x.Id, x.Area, x.Year, x.Kind, x.SubjectName, x.Place, x.Rank, x.Total, x.Band, x.PublishedAtUtc)
            {
                RankedOf = above(x.AreaPath) ? x.Ranked : null,
                Addressee = addressees.GetValueOrDefault((x.Id, x.SubjectId)),
            }).ToList();
    }

    /// <summary>
    /// 主送 of each subject of an evaluation of <paramref name="areaPath"/>, by subject id: a town's as its own document addresses a
    /// notice about it (<see cref="NoticeAddressee"/>, with the document's commendation clause), a township's government, a unit itself.
    /// </summary>
    private async Task<Dictionary<int, CommendationAddressee>> AddresseesAsync(string areaPath, SubjectKind kind,
        IReadOnlyList<(int Id, string Name, string Place)> subjects, CancellationToken ct)
    {
        if (kind != SubjectKind.Town)
            return subjects.DistinctBy(s => s.Id).ToDictionary(s => s.Id,
                s => new CommendationAddressee(kind == SubjectKind.Township ? NoticeAddressee.Government(s.Name) : s.Name, null));
        var ids = subjects.Select(s => s.Id).Distinct().ToList();
        var towns = await db.Towns.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, County = t.County!.Name, CountyPath = t.County.Path, Townships = t.Townships.Select(x => x.Township!.Name).ToList() })
            .ToListAsync(ct);
        var result = new Dictionary<int, CommendationAddressee>();
        foreach (var t in towns)
        {
            var pack = OverdueConsequences.GoverningPack(catalog.Packs, t.CountyPath);
            var toCounty = NoticeAddressee.ToCountyFrom(areaPath, t.CountyPath, NoticeAddressee.CountyGovernmentRule(pack, NoticeAddressee.Commendation));
            // The clause that names whom it goes to: the county government's, else the one naming the township, if the document has one.
            var clause = pack?.Mechanisms.Evaluation.SelectMany(e => e.Consequences).FirstOrDefault(c => c.Kind == NoticeAddressee.Commendation
                && (toCounty ? c.Addressee == NoticeAddressee.CountyGovernment : c.Addressee is not null && c.Addressee != NoticeAddressee.CountyGovernment));
            result[t.Id] = new CommendationAddressee(NoticeAddressee.ForTown(t.Townships, t.County, toCounty),
                clause?.Text is { } text ? $"{text.Trim().TrimEnd('。')}（{(clause.Source is { } source ? pack!.Document.Quote(source) : pack!.Document.Number ?? pack.Document.Title)}）" : null);
        }
        // A town deleted since the evaluation: its county's government, where its row says it lay.
        foreach (var s in subjects.Where(s => !result.ContainsKey(s.Id))) result[s.Id] = new CommendationAddressee(NoticeAddressee.Government(s.Place), null);
        return result;
    }

    /// <summary>主送 of the commended rows of an evaluation as read, by subject key.</summary>
    private async Task<EvaluationView> WithAddresseesAsync(EvaluationView view, CancellationToken ct)
    {
        var commended = view.Results.Where(r => r.Row.Commended).Select(r => r.Row).ToList();
        if (commended.Count == 0) return view;
        var byId = await AddresseesAsync(view.Evaluation.AreaPath, view.Evaluation.Kind, commended.Select(r => (r.SubjectId, r.SubjectName, r.Place)).ToList(), ct);
        return view with { Addressees = commended.ToDictionary(r => r.SubjectKey, r => byId[r.SubjectId]) };
    }

    public async Task<EvaluationView> GetAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        // Opened by its number, as the office's own jurisdiction reads it: the top bar's county narrows the list, and must not
        // hide (or cut to an excerpt) the city's own evaluation the office has just started or runs.
        scope = scope.Unnarrowed;
        var own = await OwnAsync(scope, ct);
        var path = await Readable(scope, own).Where(x => x.Id == id).Select(x => x.AreaPath).FirstOrDefaultAsync(ct) ?? throw new EvaluationNotFoundException();
        var excerpt = own is not null && own.Above.Contains(path);
        var query = Readable(scope, own).Include(x => x.Jurisdiction).Include(x => x.Results).Include(x => x.ManualScores).AsSplitQuery();
        // An excerpt's rows are cut below: untracked, so that nothing saved later in the request could take the cut for a deletion.
        if (excerpt) query = query.AsNoTracking();
        var e = await query.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new EvaluationNotFoundException();
        if (excerpt)
        {
            // Read as an excerpt: the person's own rows with their rank, never another county's rows, scores or reasons.
            var ranked = e.Results.Count;
            e.Results = e.Results.Where(r => own!.Holds(e.Kind, r.SubjectId)).ToList();
            var keys = e.Results.Select(r => r.SubjectKey).ToHashSet();
            e.ManualScores = e.ManualScores.Where(m => keys.Contains(m.SubjectKey)).ToList();
            return await WithAddresseesAsync(View(scope, e) with
            {
                RankedOf = ranked, ReaderBasis = ReaderBasis(catalog.PackGoverning(scope.JurisdictionPath)), ResultsUse = ResultsUseAt(scope.JurisdictionPath),
                LeadingGroup = Documents.Offices.LeadingGroup(catalog, e.AreaPath),
            }, ct);
        }
        var view = View(scope, e) with { ResultsUse = ResultsUseAt(e.AreaPath), LeadingGroup = Documents.Offices.LeadingGroup(catalog, e.AreaPath) };
        if (view.Results.Count > 0) return await WithAddresseesAsync(view, ct);
        var pack = e.PackId is null ? null : catalog.FindPack(e.PackId);
        return view with
        {
            Nobody = EvaluatedTowns.Nobody(e.Kind, view.Area, e.Year, await gatherer.TownsAtYearEndAsync(e.AreaPath, e.Year, ct), PolicyCatalog.AnnualEvaluation(pack)),
        };
    }

    /// <summary>The area's own words on what evaluation results are used with, by <see cref="PolicyBasis"/>'s rule; never a county's for the city or province.</summary>
    private BasisQuote? ResultsUseAt(string areaPath) => PolicyBasis.For(catalog, areaPath, Clauses.ResultsUse).Own.FirstOrDefault();

    /// <summary>The consequences of a pack's annual evaluation in its own words, each with its clause: 对…予以表扬；对…进行通报批评和约谈（垣政办发〔2023〕19号 五（四））.</summary>
    public static string? ReaderBasis(PolicyPack? pack)
    {
        if (PolicyCatalog.AnnualEvaluation(pack) is not { } rule) return null;
        var said = rule.Consequences.Where(c => !string.IsNullOrWhiteSpace(c.Text))
            .GroupBy(c => c.Text!.Trim().TrimEnd('。'))
            .Select(g => (Text: g.Key, Source: g.Select(c => c.Source ?? rule.Source).FirstOrDefault(x => x is not null)))
            .ToList();
        if (said.Count == 0)
            return rule.Source is { } only && (rule.Text ?? rule.What) is { } words ? $"{words.Trim().TrimEnd('。')}（{pack!.Document.Quote(only)}）" : null;
        // One clause for all reads once at the end; several, each after its own words.
        var sources = said.Select(x => x.Source).Distinct().ToList();
        return sources.Count == 1
            ? $"{string.Join("；", said.Select(x => x.Text))}{(sources[0] is { } one ? $"（{pack!.Document.Quote(one)}）" : "")}"
            : string.Join("；", said.Select(x => x.Source is { } s ? $"{x.Text}（{pack!.Document.Quote(s)}）" : x.Text));
    }

    private static EvaluationView View(UserScope scope, AnnualEvaluation e)
    {
        var scheme = JsonSerializer.Deserialize<SchemeSnapshot>(e.SchemeJson, Json)!;
        var results = e.Results.OrderBy(r => r.Rank).ThenBy(r => r.SubjectName, StringComparer.Ordinal)
            .Select(r => new ResultView(r, JsonSerializer.Deserialize<List<IndicatorDetail>>(r.DetailJson, Json)!)).ToList();
        return new EvaluationView(e, e.Jurisdiction?.Name ?? e.AreaPath, scheme, results, CanEdit(scope, e.AreaPath) && !e.IsPublished);
    }

    /// <summary>The areas an account may evaluate: its own (an office), or any city or county (the administrator).</summary>
    public async Task<IReadOnlyList<Jurisdiction>> AreasAsync(UserScope scope, CancellationToken ct = default)
    {
        var query = db.Jurisdictions.Where(j => j.Level != JurisdictionLevel.Township);
        var home = scope.HomePath;
        query = scope.IsAdmin ? query : scope.Role == Roles.Office ? query.Where(j => j.Path == home) : query.Where(_ => false);
        return await query.OrderByPlace(j => j).ToListAsync(ct);
    }

    public async Task<int> CreateAsync(UserScope scope, string actorName, int? year, SubjectKind? kind, int? jurisdictionId, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (year is null) errors["year"] = "请选择评估年度";
        else if (year < 2000 || year > Today.Year) errors["year"] = $"评估年度应在 2000 年到 {Today.Year} 年之间";
        if (kind is null) errors["kind"] = "请选择评估对象（专业镇、乡镇或成员单位）";

        var areas = await AreasAsync(scope, ct);
        if (areas.Count == 0) throw new EvaluationInputException(new FieldErrors().Forbidden("只有专业镇办公室可以发起评估"));
        var area = jurisdictionId is null ? areas.FirstOrDefault(a => a.Path == scope.HomePath) : areas.FirstOrDefault(a => a.Id == jurisdictionId);
        if (area is null) errors["jurisdictionId"] = "请选择评估范围（本级行政区）";

        var pack = area is null ? null : catalog.PackGoverning(area.Path);
        var scheme = catalog.SchemeFor(pack);
        if (area is not null && scheme is null)
            errors["kind"] = $"找不到指标体系“{PolicyCatalog.AnnualEvaluation(pack)?.Scheme ?? PolicyCatalog.DefaultScheme}”（policies/schemes/）";
        else if (scheme is not null && kind is { } k && scheme.IndicatorsFor(k).Count == 0)
            errors["kind"] = $"指标体系“{scheme.Name}”没有{SubjectKinds.Chinese(k)}的指标";
        if (errors.Count == 0 && await db.Evaluations.AnyAsync(e => e.JurisdictionId == area!.Id && e.Year == year && e.Kind == kind, ct))
            errors["year"] = $"{area!.Name}{year}年度{SubjectKinds.Chinese(kind!.Value)}评估已存在，请在列表中打开它";
        if (errors.Count > 0) throw new EvaluationInputException(errors);

        var evaluation = new AnnualEvaluation
        {
            JurisdictionId = area!.Id, AreaPath = area.Path, Year = year!.Value, Kind = kind!.Value, PackId = pack?.Id,
            SchemeId = scheme!.Id, SchemeName = scheme.Name, SchemeIsPlatformDefault = scheme.IsPlatformDefault,
            CreatedAtUtc = Now, CreatedBy = actorName,
        };
        await CalculateAsync(evaluation, ct);
        db.Evaluations.Add(evaluation);
        await db.SaveChangesAsync(ct);
        return evaluation.Id;
    }

    private async Task<AnnualEvaluation> EditableAsync(UserScope scope, int id, int? version, CancellationToken ct)
    {
        var e = await Visible(scope.Unnarrowed).Include(x => x.Results).Include(x => x.ManualScores).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new EvaluationNotFoundException();
        if (!CanEdit(scope, e.AreaPath)) throw new EvaluationRuleException("只有本级专业镇办公室可以修改本级评估") { Kind = RefusalKind.Forbidden };
        e.EnsureDraft();
        if (version is { } v && v != e.Version) throw new EvaluationRuleException("评估已被他人修改，请刷新页面后重试");
        return e;
    }

    public async Task RecalculateAsync(UserScope scope, int id, int? version, CancellationToken ct = default)
    {
        var e = await EditableAsync(scope, id, version, ct);
        await CalculateAsync(e, ct);
        await SaveAsync(ct);
    }

    public async Task SetManualScoreAsync(UserScope scope, string actorName, int id, int? version, string? subjectKey, string? indicatorKey,
        decimal? points, string? reason, CancellationToken ct = default)
    {
        var e = await EditableAsync(scope, id, version, ct);
        var scheme = JsonSerializer.Deserialize<SchemeSnapshot>(e.SchemeJson, Json)!;
        var errors = new FieldErrors();
        var rule = scheme.Rules.FirstOrDefault(r => r.Key == indicatorKey);
        if (rule is null || rule.Method != ScoringMethod.Manual) errors["indicatorKey"] = "该指标不是人工评分指标";
        if (e.Results.All(r => r.SubjectKey != subjectKey)) errors["subjectKey"] = "评估对象不在本次评估中";
        if (points is null) errors["points"] = "请填写得分";
        else if (points is < 0 or > 100) errors["points"] = "得分应在 0 到 100 之间";
        else if (decimal.Round(points.Value, 2) != points) errors["points"] = "得分最多保留两位小数";
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) errors["reason"] = "请写明评分理由（如督查发现的问题）";
        else if (reason.Length > AnnualEvaluation.MaxReason) errors["reason"] = $"评分理由不能超过 {AnnualEvaluation.MaxReason} 字";
        if (errors.Count > 0) throw new EvaluationInputException(errors);

        var existing = e.ManualScores.FirstOrDefault(m => m.SubjectKey == subjectKey && m.IndicatorKey == indicatorKey);
        if (existing is null) e.ManualScores.Add(existing = new ManualScore { SubjectKey = subjectKey!, IndicatorKey = indicatorKey! });
        existing.Points = points!.Value;
        existing.Reason = reason!;
        existing.GivenBy = actorName;
        existing.GivenAtUtc = Now;
        await CalculateAsync(e, ct);
        await SaveAsync(ct);
    }

    /// <summary>
    /// Publishes the draft as the office reviewed it. Publishing recalculates once more, and the records may have moved since
    /// the draft was calculated (a monthly report came in, a task was closed): then nothing is published. An office publishes
    /// the figures it has seen — the published ranking is the ground for commendations and 督办通知书 (朔政办发〔2023〕19号 五（五）),
    /// and the person publishing answers for it — yet the figures it freezes should be what the records say when it is
    /// frozen, not an older reading. So the draft is brought up to date, the changes are returned to be shown (who, old → new
    /// total, rank, band), and the office publishes the new figures by publishing again, with the new version.
    /// </summary>
    /// <param name="document">The 发文字号 and 成文日期 to keep with it, when the publishing form carries them; null leaves them as they are.</param>
    /// <returns>The ranking's changes since the draft was calculated: empty when published, otherwise what to confirm.</returns>
    /// <param name="coverageReason">The office's written confirmation, required when the draft as reviewed scored less than half the
    /// weight (<see cref="EvaluationCoverage.IsLow"/>); kept in the evaluation's history.</param>
    public async Task<IReadOnlyList<RankingChange>> PublishAsync(UserScope scope, string actorName, int id, int? version,
        DocumentInput? document = null, CancellationToken ct = default, string? coverageReason = null)
    {
        var e = await EditableAsync(scope, id, version, ct);
        if (e.Results.Count == 0) throw new EvaluationRuleException("本次评估没有评估对象，不能发布");
        if (AnnualEvaluation.PublishingTooEarly(e.Year, Today) is { } early) throw new EvaluationRuleException(early);
        // The draft as the office reviewed it: a recalculation that moves the coverage moves the figures too, and publishes nothing.
        var coverage = EvaluationCoverage.Of(e.Results.Select(r => JsonSerializer.Deserialize<List<IndicatorDetail>>(r.DetailJson, Json)!), e.Results.Select(r => r.SubjectName).ToList())
            .WithSweep(e.Results.Select(r => (r.Rank, r.Supervised)).ToList());
        // Refused together with what is wrong with the 发文字号, so that one correction is enough.
        var errors = new FieldErrors();
        if (coverage.ReasonProblem(coverageReason, "发布评估") is { } unconfirmed) errors[EvaluationCoverage.ReasonField] = unconfirmed;
        if (document is not null)
            foreach (var (field, message) in AnnualEvaluation.DocumentProblems(e.Year, document.Number, document.Date, Today, out _)) errors[field] = message;
        if (errors.Count > 0) throw new EvaluationInputException(errors);
        if (document is not null) ApplyDocument(e, document);

        var reviewed = Figures(e);
        await CalculateAsync(e, ct);
        var changes = RankingChanges.Between(reviewed, Figures(e));
        if (changes.Count == 0)
        {
            e.State = EvaluationState.Published;
            e.PublishedAtUtc = Now;
            e.PublishedBy = actorName;
            if (coverage.NeedsReason) AddNote(db, e, coverage.Confirmation("发布评估", coverageReason!));
        }
        await SaveAsync(ct);
        return changes;
    }

    /// <summary>A sentence in the evaluation's history (修改记录), written with the caller's next save.</summary>
    internal static void AddNote(TownsDbContext db, AnnualEvaluation e, string text) =>
        Audit.AuditNote.Add(db, nameof(AnnualEvaluation), e.Id, $"{e.AreaPath.Split('/')[^1]}{e.Year}年度{SubjectKinds.Chinese(e.Kind)}评估", e.AreaPath, text);

    private static List<(string Key, string Subject, string Place, RankingFigures Figures)> Figures(AnnualEvaluation e) => e.Results
        .Select(r => (r.SubjectKey, r.SubjectName, r.Place, RankingFigures.Of(r, JsonSerializer.Deserialize<List<IndicatorDetail>>(r.DetailJson, Json)!)))
        .ToList();

    /// <summary>
    /// Gives the evaluation's report its 发文字号 and 成文日期 (blank clears them), draft or published: a number is usually
    /// assigned when the report goes out, after the figures were frozen, and it changes nothing in them. So it does not move
    /// the draft's version either — a page that downloads the report keeps its other forms valid.
    /// </summary>
    public async Task SetDocumentAsync(UserScope scope, int id, DocumentInput document, CancellationToken ct = default)
    {
        var e = await Visible(scope.Unnarrowed).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new EvaluationNotFoundException();
        if (!CanEdit(scope, e.AreaPath)) throw new EvaluationRuleException("只有本级专业镇办公室可以填写评估报告的发文字号") { Kind = RefusalKind.Forbidden };
        ApplyDocument(e, document);
        await SaveAsync(ct);
    }

    private void ApplyDocument(AnnualEvaluation e, DocumentInput document)
    {
        var errors = AnnualEvaluation.DocumentProblems(e.Year, document.Number, document.Date, Today, out var number);
        if (errors.Count > 0)
        {
            var fields = new FieldErrors();
            foreach (var (field, message) in errors) fields[field] = message;
            throw new EvaluationInputException(fields);
        }
        e.DocumentNumber = number?.ToString();
        e.DocumentDate = document.Date;
    }

    public async Task DeleteAsync(UserScope scope, int id, int? version, CancellationToken ct = default)
    {
        var e = await EditableAsync(scope, id, version, ct);
        db.Evaluations.Remove(e);
        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new EvaluationRuleException("评估已被他人修改，请刷新页面后重试"); }
    }

    private async Task CalculateAsync(AnnualEvaluation e, CancellationToken ct)
    {
        var pack = e.PackId is null ? null : catalog.FindPack(e.PackId);
        var scheme = catalog.Schemes.FirstOrDefault(s => s.Id == e.SchemeId)
            ?? throw new EvaluationRuleException($"指标体系“{e.SchemeId}”已不存在，无法重新计算");
        var gathered = await gatherer.GatherAsync(e.AreaPath, e.Year, e.Kind, scheme.IndicatorsFor(e.Kind), e.ManualScores, Today, ct, pack);
        var snapshot = SchemeSnapshot.Of(scheme, e.Kind, pack, gathered.Ladder);
        var subjects = gathered.Subjects.ToDictionary(s => s.Key);
        var scores = gathered.Measures.Count == 0 ? [] : Scoring.Evaluate(snapshot.Rules, gathered.Measures, snapshot.Bands);

        e.SchemeJson = JsonSerializer.Serialize(snapshot, Json);
        e.SchemeName = scheme.Name;
        e.SchemeIsPlatformDefault = scheme.IsPlatformDefault;
        e.Results.Clear();
        foreach (var s in scores)
        {
            var subject = subjects[s.Subject];
            e.Results.Add(new EvaluationResult
            {
                SubjectKey = s.Subject, SubjectId = subject.Id, SubjectName = subject.Name, Place = subject.Place,
                Rank = s.Rank, Total = s.Total, Band = s.Band,
                Commended = snapshot.Commends(s.Rank, scores.Count, s.Total),
                Supervised = snapshot.Supervises(s.Rank, scores.Count, s.Total, scores.Count(x => x.Rank == s.Rank)),
                DetailJson = JsonSerializer.Serialize(s.Indicators.Select(i => new IndicatorDetail(i.Rule.Key, i.Rule.Name, i.Rule.Weight,
                    EvaluationVocabulary.Methods.First(m => m.Value == i.Rule.Method).Key, i.Value, i.Rule.Unit, i.Points, i.Weighted, i.Explanation, i.Evidence, i.Reading)).ToList(), Json),
            });
        }
        e.CalculatedAtUtc = Now;
        e.Version++;
    }
}
