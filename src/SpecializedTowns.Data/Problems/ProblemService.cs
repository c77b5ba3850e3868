using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Units;

namespace SpecializedTowns.Data.Problems;

/// <summary>Problems:DueSoonDays — how many days before its time limit a problem turns yellow.</summary>
public sealed record ProblemSettings(int DueSoonDays = ProblemDeadline.DefaultDueSoonDays)
{
    /// <summary>The configured value, refused at start when it makes no sense rather than colouring every problem wrongly.</summary>
    public static ProblemSettings From(int? dueSoonDays) => dueSoonDays switch
    {
        null => new ProblemSettings(),
        >= 0 and <= 365 => new ProblemSettings(dueSoonDays.Value),
        _ => throw new ArgumentException($"配置项 Problems:DueSoonDays 应为 0 到 365 之间的天数（现为 {dueSoonDays}）"),
    };
}

/// <summary>What a person types to register a problem; checked by <see cref="ProblemService.RaiseAsync"/>.</summary>
public sealed record ProblemInput
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public ProblemSource? Source { get; init; }
    public ProblemKind? Kind { get; init; }
    public ProblemCategory? Category { get; init; }
    public int? CountyId { get; init; }
    public int? TownId { get; init; }
    public int? EnterpriseId { get; init; }
    public int? LeadUnitId { get; init; }
    public IReadOnlyList<int> CooperatingUnitIds { get; init; } = [];
    public DateOnly? Deadline { get; init; }

    /// <summary>
    /// The person was told they registered the same problem a moment ago (<see cref="ProblemRepeatException"/>) and means
    /// to register another one; problems raised from a project or a report row set it, since that row is raised once.
    /// </summary>
    public bool RepeatConfirmed { get; init; }
}

/// <summary>
/// The same person registered the same title for the same county and town a short time ago
/// (<see cref="ProblemService.RepeatWindow"/>): most often the form sent again after 返回, or an API call retried. Nothing was
/// written; the problem already registered is named so that the caller can go to it, or confirm a second one.
/// </summary>
public sealed class ProblemRepeatException(int existingId, string message) : Exception(message)
{
    public int ExistingId { get; } = existingId;
}

/// <summary>The office's acceptance: null keeps what the problem already names.</summary>
public sealed record AcceptInput(int? LeadUnitId, IReadOnlyList<int>? CooperatingUnitIds, DateOnly? Deadline, string? Note);

/// <summary>The input cannot be saved: field name (as in <see cref="ProblemInput"/>) → Chinese message. Nothing was written.</summary>
public sealed class ProblemInputException(FieldErrors errors) : Exception(string.Join("；", errors.Values))
{
    public FieldErrors Errors { get; } = errors;
}

public sealed class ProblemNotFoundException() : Exception("问题不存在，或不在您的数据范围内");

public sealed record ProblemFilter
{
    public ProblemState? State { get; init; }

    /// <summary>Everything not yet 办结 or 不予受理.</summary>
    public bool OpenOnly { get; init; }
    public ProblemCategory? Category { get; init; }
    public ProblemSource? Source { get; init; }
    public ProblemKind? Kind { get; init; }
    public int? TownId { get; init; }

    /// <summary>Problems the unit leads or cooperates on.</summary>
    public int? UnitId { get; init; }
    public bool Overdue { get; init; }
    public string? JurisdictionPath { get; init; }
    public string? Search { get; init; }

    /// <summary>raised (newest first, the default), deadline (soonest first), overdue (longest overdue first), state.</summary>
    public string? Sort { get; init; }

    /// <summary>The columns <see cref="Sort"/> names (<see cref="ListSort"/>), each either way.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["raised", "deadline", "overdue", "state"];
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record ProblemListItem(
    int Id, string Title, ProblemSource Source, ProblemKind Kind, ProblemCategory Category, ProblemState State,
    string County, int? TownId, string? Town, int? EnterpriseId, string? Enterprise, int? LeadUnitId, string? LeadUnit,
    DateOnly? Deadline, string RaisedBy, DateTime RaisedAtUtc, bool IsDemo, DateTime? AnsweredAtUtc)
{
    public DeadlineStatus DeadlineStatus { get; init; }
    public int DaysOverdue { get; init; }

    /// <summary>Answered (or closed) after the time limit: by how many days, kept once the 逾期 badge has gone (0 otherwise).</summary>
    public int DaysLateAtAnswer { get; init; }

    /// <summary>The answer's day, while the problem stands answered or closed.</summary>
    public DateOnly? AnsweredOn => ProblemDeadline.AnsweredOn(State, AnsweredAtUtc);
}

public sealed record ProblemView(
    Problem Problem, string County, string CountyPath, string? Town, string? Enterprise, string? LeadUnit,
    IReadOnlyList<UnitRef> CooperatingUnits, DateOnly Today, DeadlineStatus DeadlineStatus, IReadOnlyList<ProblemStep> Steps)
{
    /// <summary>The person acts for the raiser when confirming or reopening (the office, not the raiser).</summary>
    public bool ConfirmsOnBehalf { get; init; }
}

/// <summary>
/// A row of the ledger as the office reports it to leaders: the list's columns with what a reader needs without opening each
/// problem (问题描述, 配合单位, the current answer, the dates of acceptance and closing).
/// </summary>
public sealed record ProblemExportRow(ProblemListItem Item, string Description, string? CooperatingUnits, string? LatestAnswer, DateOnly? AcceptedOn, DateOnly? ClosedOn);

public sealed record UnitFiguresRow(string County, string CountyPath, int UnitId, string Unit, UnitFigures Figures);

public sealed record ProblemOption(int Id, string Name, int? GroupId = null);

/// <summary>The choices of the registration form for one county: towns and enterprises in the person's scope there, and the units of the county and above.</summary>
public sealed record ProblemFormOptions(
    IReadOnlyList<ProblemOption> Counties, int? CountyId, IReadOnlyList<ProblemOption> Towns,
    IReadOnlyList<ProblemOption> Enterprises, IReadOnlyList<(int Id, string Name, string Place)> Units);

/// <summary>
/// 问题台账 as use cases shared by pages and API (and by the key-project and monthly-report features, which raise
/// problems through <see cref="RaiseAsync"/>): the data scope, the checks at registration, each step saved with its
/// event in one transaction, the overdue list that escalates to the office, and the figures by unit.
/// </summary>
public sealed class ProblemService(TownsDbContext db, TimeProvider time, ProblemSettings settings)
{
    public int DueSoonDays => settings.DueSoonDays;

    /// <summary>How long after registering a problem the same title from the same person is taken for a repeat.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(1);

    public DateOnly Today => ProblemDeadline.ChinaDate(Now);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static bool CanRaise(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.MemberUnit or Roles.Township;

    /// <summary>
    /// Office and leaders: the problems of their jurisdiction and below. A member unit: those its unit leads or
    /// cooperates on. Township staff: those of their towns. Everyone also sees what they raised, since they must
    /// confirm it. Experts: none.
    /// </summary>
    public async Task<IQueryable<Problem>> VisibleAsync(UserScope scope, CancellationToken ct = default)
    {
        var raiser = scope.UserId;
        switch (scope.Role)
        {
            case Roles.Admin:
                return db.Problems;
            case Roles.Office or Roles.Leader:
                // The jurisdictions' ids go in as a list, not as a subquery: "jurisdiction in (subquery) or raised by me" has
                // PostgreSQL test every one of 20,000 problems against the subquery (6 ms for a county's 271), while
                // "jurisdiction = any(list) or raised by me" goes through the two indexes (0.4 ms). An office over every
                // jurisdiction there is needs no condition at all (see JurisdictionsUnderAsync).
                var jurisdictions = await JurisdictionsUnderAsync(scope.JurisdictionPath, ct);
                if (jurisdictions is null) return db.Problems;
                // And those its own units still lead after their town moved to another county (decision 0022): the office that
                // assigned the work keeps sight of it. The units' ids go in as a list for the same reason as the jurisdictions'.
                var ownUnits = await OwnUnitsAsync(jurisdictions, ct);
                return db.Problems.Where(p => jurisdictions.Contains(p.JurisdictionId) || p.RaisedByUserId == raiser
                                              || (p.LeadUnitId != null && ownUnits.Contains(p.LeadUnitId.Value)));
            case Roles.MemberUnit:
                var unit = scope.UnitId ?? -1;
                return db.Problems.Where(p => p.LeadUnitId == unit || p.CooperatingUnits.Any(c => c.UnitId == unit) || p.RaisedByUserId == raiser);
            case Roles.Township:
                // The town ids as a list too, for the same reason: with the subquery PostgreSQL read all 20,000 problems for
                // each of the ledger's statements (3.7 ms each); with the list, the town and raiser indexes give them.
                if (_towns is not { } towns || towns.Scope != scope) _towns = towns = (scope, await scope.Towns(db).Select(t => t.Id).ToListAsync(ct));
                var townIds = towns.Ids;
                return db.Problems.Where(p => (p.SpecializedTownId != null && townIds.Contains(p.SpecializedTownId.Value)) || p.RaisedByUserId == raiser);
            default:
                return db.Problems.Where(_ => false);
        }
    }

    private (List<int> Under, List<int> Units)? _ownUnits;

    private async Task<List<int>> OwnUnitsAsync(List<int> jurisdictions, CancellationToken ct)
    {
        if (_ownUnits is { } known && ReferenceEquals(known.Under, jurisdictions)) return known.Units;
        var units = await db.Units.Where(u => jurisdictions.Contains(u.JurisdictionId)).Select(u => u.Id).ToListAsync(ct);
        _ownUnits = (jurisdictions, units);
        return units;
    }

    // A request asks for the same scope several times (the ledger: its page, the overdue count, two filter lists).
    private (string Path, List<int>? Ids)? _under;
    private (UserScope Scope, List<int> Ids)? _towns;

    /// <summary>
    /// The ids of the jurisdictions at or below the path; null when that is every jurisdiction there is (the province's own
    /// office in a province's deployment): its ledger then needs no condition, and reads the latest problems from the index
    /// instead of testing each of 20,000 against 1,329 ids.
    /// </summary>
    private async Task<List<int>?> JurisdictionsUnderAsync(string path, CancellationToken ct)
    {
        if (_under is { } known && known.Path == path) return known.Ids;
        List<int>? ids = await UserScope.CountiesUnder(db, path).ToListAsync(ct);
        // Any jurisdiction outside it, rather than all of them counted: in a national database the first row read is another
        // province's, where counting the 44,000 took 2 ms on every page that reads the ledger or the bell.
        var under = path + "/";
        if (!path.Contains('/') && !await db.Jurisdictions.AnyAsync(j => j.Path != path && !j.Path.StartsWith(under), ct)) ids = null;
        _under = (path, ids);
        return ids;
    }

    public async Task<Paged<ProblemListItem>> ListAsync(UserScope scope, ProblemFilter filter, CancellationToken ct = default)
    {
        var (page, pageSize) = Paged<ProblemListItem>.Normalize(filter.Page, filter.PageSize);
        var today = Today;
        var query = (await VisibleAsync(scope, ct)).AsNoTracking();
        if (filter.State is { } state) query = query.Where(p => p.State == state);
        if (filter.OpenOnly) query = query.Where(p => p.State != ProblemState.Closed && p.State != ProblemState.Declined);
        if (filter.Category is { } category) query = query.Where(p => p.Category == category);
        if (filter.Source is { } source) query = query.Where(p => p.Source == source);
        if (filter.Kind is { } kind) query = query.Where(p => p.Kind == kind);
        if (filter.TownId is { } town) query = query.Where(p => p.SpecializedTownId == town);
        if (filter.UnitId is { } unit) query = query.Where(p => p.LeadUnitId == unit || p.CooperatingUnits.Any(c => c.UnitId == unit));
        if (filter.Overdue) query = WhereOverdue(query, today);
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath);
            query = query.Where(p => counties.Contains(p.JurisdictionId));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            query = query.Where(p => p.Title.Contains(text) || p.Description.Contains(text));
        }
        var sort = ListSort.Parse(filter.Sort);
        query = sort.Key switch
        {
            // Those without a deadline last either way.
            "deadline" => query.OrderBy(p => p.Deadline == null).ThenBy(p => p.Deadline, sort.Descending()).ThenByDescending(p => p.Id),
            "overdue" => query.OrderBy(p => p.Deadline).ThenBy(p => p.Id),
            "state" => query.OrderBy(p => p.State, sort.Descending()).ThenByDescending(p => p.Id),
            _ => query.OrderBy(p => p.RaisedAtUtc, sort.Descending(usuallyDescending: true)).ThenBy(p => p.Id, sort.Descending(usuallyDescending: true)),
        };
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                Item = new ProblemListItem(
                    p.Id, p.Title, p.Source, p.Kind, p.Category, p.State,
                    db.Jurisdictions.Where(j => j.Id == p.JurisdictionId).Select(j => j.Name).First(),
                    p.SpecializedTownId, db.Towns.Where(t => t.Id == p.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
                    p.EnterpriseId, db.Enterprises.Where(e => e.Id == p.EnterpriseId).Select(e => e.Name).FirstOrDefault(),
                    p.LeadUnitId, db.Units.Where(u => u.Id == p.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
                    p.Deadline, p.RaisedBy, p.RaisedAtUtc, p.IsDemo, p.AnsweredAtUtc),
                // The lead unit's place, only when it is not the problem's county (UnitLabel).
                LeadPlace = db.Units.Where(u => u.Id == p.LeadUnitId && u.JurisdictionId != p.JurisdictionId).Select(u => u.Jurisdiction!.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(x => x.Item with { LeadUnit = x.Item.LeadUnit is { } lead ? UnitLabel.Of(lead, x.LeadPlace) : null }).Select(r => r with
        {
            DeadlineStatus = ProblemDeadline.Of(r.State, r.Deadline, today, DueSoonDays),
            DaysOverdue = r.Deadline is { } d && ProblemNames.AwaitsAnswer(r.State) ? ProblemDeadline.DaysOverdue(d, today) : 0,
            DaysLateAtAnswer = ProblemDeadline.DaysLateAtAnswer(r.State, r.Deadline, r.AnsweredAtUtc),
        }).ToList();
        return new Paged<ProblemListItem>(items, total, page, pageSize);
    }

    /// <summary>
    /// One page of the export: the list's page (the same filter, order and scope) with each problem's description, cooperating
    /// units, answer and dates read for that page's problems only, so that the export holds one page at a time however large.
    /// </summary>
    public async Task<Paged<ProblemExportRow>> ExportPageAsync(UserScope scope, ProblemFilter filter, CancellationToken ct = default)
    {
        var page = await ListAsync(scope, filter, ct);
        var ids = page.Items.Select(i => i.Id).ToList();
        var details = await db.Problems.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Description, p.LatestAnswer, p.AcceptedAtUtc, p.ClosedAtUtc, p.State })
            .ToDictionaryAsync(p => p.Id, ct);
        var cooperating = (await db.Set<ProblemCooperatingUnit>().AsNoTracking().Where(c => ids.Contains(c.ProblemId))
                .Join(db.Units, c => c.UnitId, u => u.Id, (c, u) => new { Id = c.ProblemId, u.Name, u.JurisdictionId, Place = u.Jurisdiction!.Name,
                    County = db.Problems.Where(p => p.Id == c.ProblemId).Select(p => p.JurisdictionId).First() }).ToListAsync(ct))
            .GroupBy(c => c.Id).ToDictionary(g => g.Key, g => string.Join("、", g.Select(c => UnitLabel.Of(c.Name, c.JurisdictionId, c.Place, c.County)).Order(StringComparer.Ordinal)));
        var rows = page.Items.Select(i =>
        {
            var d = details[i.Id];
            return new ProblemExportRow(i, d.Description, cooperating.GetValueOrDefault(i.Id), d.LatestAnswer,
                d.AcceptedAtUtc is { } a ? ProblemDeadline.ChinaDate(a) : null,
                // 办结 is the raiser's confirmation; a problem not accepted (不予受理) has no date of closing.
                d.State == ProblemState.Closed && d.ClosedAtUtc is { } c ? ProblemDeadline.ChinaDate(c) : null);
        }).ToList();
        return new Paged<ProblemExportRow>(rows, page.Total, page.Page, page.PageSize);
    }

    /// <summary>The latest 督办 of each of these problems (those never pressed are absent): the overdue list shows it.</summary>
    public async Task<IReadOnlyDictionary<int, DateTime>> LastUrgedAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        await db.Set<ProblemEvent>().AsNoTracking().Where(e => ids.Contains(e.ProblemId) && e.Action == Problem.UrgeAction)
            .GroupBy(e => e.ProblemId).Select(g => new { g.Key, At = g.Max(e => e.AtUtc) }).ToDictionaryAsync(x => x.Key, x => x.At, ct);

    /// <summary>Not answered by the time limit: these escalate to the office (已逾期).</summary>
    private static IQueryable<Problem> WhereOverdue(IQueryable<Problem> query, DateOnly today) =>
        query.Where(p => (p.State == ProblemState.Registered || p.State == ProblemState.Accepted || p.State == ProblemState.Handling)
                         && p.Deadline != null && p.Deadline < today);

    public async Task<int> OverdueCountAsync(UserScope scope, CancellationToken ct = default) =>
        await WhereOverdue(await VisibleAsync(scope, ct), Today).CountAsync(ct);

    public async Task<ProblemView> ViewAsync(UserScope scope, int id, string userName, CancellationToken ct = default)
    {
        var problem = await (await VisibleAsync(scope, ct)).AsNoTracking().Include(p => p.Events).Include(p => p.CooperatingUnits)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new ProblemNotFoundException();
        var county = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == problem.JurisdictionId).Select(j => new { j.Name, j.Path }).SingleAsync(ct);
        var unitIds = problem.CooperatingUnits.Select(c => c.UnitId).Append(problem.LeadUnitId ?? 0).ToList();
        var unitRows = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.JurisdictionId, Place = u.Jurisdiction!.Name, PlacePath = u.Jurisdiction.Path }).ToListAsync(ct);
        var units = unitRows.ToDictionary(u => u.Id, u => UnitLabel.Of(u.Name, u.JurisdictionId, u.Place, problem.JurisdictionId));
        var leadPath = unitRows.FirstOrDefault(u => u.Id == problem.LeadUnitId)?.PlacePath;
        var town = problem.SpecializedTownId is { } t ? await db.Towns.Where(x => x.Id == t).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var enterprise = problem.EnterpriseId is { } e ? await db.Enterprises.Where(x => x.Id == e).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var actor = Actor(scope, userName, county.Path, leadPath) with { RaiserDisabled = await RaiserDisabledAsync(problem, ct) };
        var today = Today;
        return new ProblemView(problem, county.Name, county.Path, town, enterprise,
            problem.LeadUnitId is { } lead ? units.GetValueOrDefault(lead) : null,
            problem.CooperatingUnits.Select(c => new UnitRef(c.UnitId, units.GetValueOrDefault(c.UnitId, ""))).OrderBy(u => u.Name).ToList(),
            today, ProblemDeadline.Of(problem.State, problem.Deadline, today, DueSoonDays), problem.StepsFor(actor))
        {
            ConfirmsOnBehalf = !problem.IsRaiser(actor) && problem.MayActForRaiser(actor),
        };
    }

    /// <summary>
    /// Registers a problem in one step: checks every field (scope, county, town, enterprise, units, time limit) and
    /// saves the problem with its first event, or throws <see cref="ProblemInputException"/> having written nothing.
    /// </summary>
    public async Task<int> RaiseAsync(UserScope scope, string userDisplayName, ProblemInput input, CancellationToken ct = default)
    {
        var (errors, county, lead, cooperating) = await CheckAsync(scope, input, ct);
        if (!errors.Ok) throw new ProblemInputException(errors);
        if (!input.RepeatConfirmed)
        {
            var raiser = scope.UserId;
            var title = input.Title!.Trim();
            var since = Now - RepeatWindow;
            var earlier = await db.Problems.AsNoTracking()
                .Where(p => p.RaisedByUserId == raiser && p.JurisdictionId == county!.Id && p.SpecializedTownId == input.TownId
                            && p.Title == title && p.RaisedAtUtc >= since)
                .OrderByDescending(p => p.RaisedAtUtc).Select(p => new { p.Id, p.RaisedAtUtc }).FirstOrDefaultAsync(ct);
            if (earlier is not null)
            {
                var minutes = (int)Math.Floor((Now - earlier.RaisedAtUtc).TotalMinutes);
                var ago = minutes < 1 ? "刚刚" : $"在 {minutes} 分钟前";
                throw new ProblemRepeatException(earlier.Id, $"您{ago}已登记相同的问题（第 {earlier.Id} 号），如确需再登记一条请勾选确认");
            }
        }
        var problem = Problem.Raise(Actor(scope, userDisplayName, county!.Path), Now, input.Title!, input.Description!, input.Source!.Value, input.Kind!.Value,
            input.Category!.Value, county.Id, input.TownId, input.EnterpriseId, lead, cooperating, input.Deadline);
        db.Problems.Add(problem);
        await db.SaveChangesAsync(ct);
        return problem.Id;
    }

    /// <summary>What <see cref="RaiseAsync"/> would refuse, without saving anything.</summary>
    public async Task<FieldErrors> ValidateAsync(UserScope scope, ProblemInput input, CancellationToken ct = default) =>
        (await CheckAsync(scope, input, ct)).Errors;

    private async Task<(FieldErrors Errors, Jurisdiction? County, UnitRef? Lead, List<UnitRef> Cooperating)> CheckAsync(UserScope scope, ProblemInput input, CancellationToken ct)
    {
        if (!CanRaise(scope)) throw new ProblemRuleException($"{Roles.Chinese.GetValueOrDefault(scope.Role, scope.Role)}不能登记问题") { Kind = RefusalKind.Forbidden };
        var errors = new FieldErrors();
        foreach (var (field, message) in Problem.CheckText(input.Title, input.Description)) errors[field] = message;
        if (input.Source is null || !Enum.IsDefined(input.Source.Value)) errors[nameof(input.Source)] = "请选择问题来源";
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors[nameof(input.Kind)] = "请选择共性或个性问题";
        if (input.Category is null || !Enum.IsDefined(input.Category.Value)) errors[nameof(input.Category)] = "请选择问题类别";

        Jurisdiction? county = null;
        if (input.CountyId is null) errors[nameof(input.CountyId)] = "请选择问题所在县（市、区）";
        else
        {
            county = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == input.CountyId && j.Level == JurisdictionLevel.County, ct);
            if (county is null || !MayRaiseIn(scope, county.Path)) { errors[nameof(input.CountyId)] = "所选县不在您的数据范围内"; county = null; }
        }

        int? enterpriseTown = null;
        if (county is not null)
        {
            if (input.TownId is { } townId
                && !await scope.Towns(db).AnyAsync(t => t.Id == townId && t.CountyId == county.Id, ct))
                errors[nameof(input.TownId)] = "所选专业镇不在该县或不在您的数据范围内";
            else if (await global::SpecializedTowns.Data.Towns.DelistedTowns.RefusalAsync(db, input.TownId, "问题", ct: ct) is { } offList)
                errors[nameof(input.TownId)] = offList;
            if (input.EnterpriseId is { } enterpriseId)
            {
                var enterprise = await scope.Enterprises(db).AsNoTracking()
                    .Where(e => e.Id == enterpriseId && e.CountyId == county.Id).Select(e => new { e.SpecializedTownId }).SingleOrDefaultAsync(ct);
                if (enterprise is null) errors[nameof(input.EnterpriseId)] = "所选企业不在该县或不在您的数据范围内";
                else enterpriseTown = enterprise.SpecializedTownId;
            }
            if (input.TownId is { } town && enterpriseTown is { } own && own != town && !errors.ContainsKey(nameof(input.TownId)))
                errors[nameof(input.EnterpriseId)] = "所选企业不属于所选专业镇";
        }
        if (input.Kind == ProblemKind.Individual && input.EnterpriseId is null)
            errors[nameof(input.EnterpriseId)] = "个性问题请选择所涉企业";

        UnitRef? lead = null;
        var cooperating = new List<UnitRef>();
        if (county is not null)
        {
            var units = (await UnitRegistry.ForPathAsync(db, county.Path, ct)).ToDictionary(u => u.Id, u => u.Name);
            if (input.LeadUnitId is { } leadId)
            {
                if (units.TryGetValue(leadId, out var name)) lead = new UnitRef(leadId, name);
                else errors[nameof(input.LeadUnitId)] = "所选牵头单位不是该县可选的单位";
            }
            var coop = input.CooperatingUnitIds.Distinct().ToList();
            if (coop.Any(id => !units.ContainsKey(id))) errors[nameof(input.CooperatingUnitIds)] = "所选配合单位中有不是该县可选的单位";
            else if (input.LeadUnitId is { } l && coop.Contains(l)) errors[nameof(input.CooperatingUnitIds)] = "牵头单位不必再列为配合单位";
            else if (coop.Count > Problem.MaxCooperatingUnits) errors[nameof(input.CooperatingUnitIds)] = $"配合单位最多 {Problem.MaxCooperatingUnits} 个";
            else cooperating = coop.Select(id => new UnitRef(id, units[id])).ToList();
        }
        if (input.Deadline is { } deadline && deadline < Today) errors[nameof(input.Deadline)] = "办理时限不能早于今天";
        else if (input.Deadline is { } far && far > Today.AddYears(Problem.MaxDeadlineYears)) errors[nameof(input.Deadline)] = $"办理时限不能超过 {Problem.MaxDeadlineYears} 年";
        return (errors, county, lead, cooperating);
    }

    /// <summary>Office, member unit, admin: counties at or below their jurisdiction; township staff: their own county.</summary>
    private static bool MayRaiseIn(UserScope scope, string countyPath) =>
        scope.Role == Roles.Township ? scope.JurisdictionPath.StartsWith(countyPath + "/", StringComparison.Ordinal) : scope.HomeCovers(countyPath);

    public async Task AcceptAsync(UserScope scope, string user, int id, AcceptInput input, CancellationToken ct = default)
    {
        await StepAsync(scope, user, id, ct, async (problem, actor, countyPath) =>
        {
            var units = (await UnitRegistry.ForPathAsync(db, countyPath, ct)).ToDictionary(u => u.Id, u => u.Name);
            var (leadId, coopIds, unknown) = AcceptUnits(problem, units, input);
            if (unknown.Count > 0) throw new ProblemRuleException(unknown.First().Value, unknown.First().Key);
            var lead = leadId is { } l ? new UnitRef(l, units[l]) : null;
            problem.Accept(actor, Now, lead, coopIds.Select(c => new UnitRef(c, units[c])).ToList(), input.Deadline ?? problem.Deadline, input.Note);
        });
    }

    /// <summary>
    /// Everything wrong with an acceptance as typed, every field at once, taking no step: for a form some of whose fields
    /// could not be read (those come as null and the form says so itself).
    /// </summary>
    public async Task<Dictionary<string, string>> AcceptProblemsAsync(UserScope scope, int id, AcceptInput input, CancellationToken ct = default)
    {
        var problem = await (await VisibleAsync(scope, ct)).AsNoTracking().Include(p => p.CooperatingUnits)
            .SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new ProblemNotFoundException();
        var countyPath = await db.Jurisdictions.Where(j => j.Id == problem.JurisdictionId).Select(j => j.Path).SingleAsync(ct);
        var units = (await UnitRegistry.ForPathAsync(db, countyPath, ct)).ToDictionary(u => u.Id, u => u.Name);
        var (leadId, coopIds, errors) = AcceptUnits(problem, units, input);
        foreach (var (field, message) in problem.AcceptProblems(Now, leadId, coopIds, input.Deadline, input.Note)) errors.TryAdd(field, message);
        return errors;
    }

    /// <summary>The units an acceptance names (the raiser's proposal where the form gives none), and those not of the county.</summary>
    private static (int? Lead, List<int> Cooperating, Dictionary<string, string> Unknown) AcceptUnits(Problem problem, Dictionary<int, string> units, AcceptInput input)
    {
        var unknown = new Dictionary<string, string>();
        var leadId = input.LeadUnitId ?? problem.LeadUnitId;
        if (leadId is { } l && !units.ContainsKey(l)) unknown["leadUnitId"] = "所选牵头单位不是该县可选的单位";
        var coopIds = (input.CooperatingUnitIds ?? problem.CooperatingUnits.Select(c => c.UnitId).ToList()).Distinct().ToList();
        if (coopIds.Any(c => !units.ContainsKey(c))) unknown["cooperatingUnitIds"] = "所选配合单位中有不是该县可选的单位";
        return (leadId, coopIds, unknown);
    }

    public Task DeclineAsync(UserScope scope, string user, int id, string? reason, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (p, a, _) => { p.Decline(a, Now, reason); return Task.CompletedTask; });

    public Task HandleAsync(UserScope scope, string user, int id, string? note, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (p, a, _) => { p.Handle(a, Now, note); return Task.CompletedTask; });

    public Task AnswerAsync(UserScope scope, string user, int id, string? answer, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (p, a, _) => { p.Answer(a, Now, answer); return Task.CompletedTask; });

    /// <summary>The office presses the lead unit (<see cref="Problem.Urge"/>): recorded, reminded, the state unchanged.</summary>
    public Task UrgeAsync(UserScope scope, string user, int id, string? note, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (p, a, _) => { p.Urge(a, Now, note); return Task.CompletedTask; });

    public Task ConfirmAsync(UserScope scope, string user, int id, string? note, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (p, a, _) => { p.Confirm(a, Now, note); return Task.CompletedTask; });

    public Task ReopenAsync(UserScope scope, string user, int id, string? reason, CancellationToken ct = default) =>
        StepAsync(scope, user, id, ct, (p, a, _) => { p.Reopen(a, Now, reason); return Task.CompletedTask; });

    /// <summary>Open, solved, overdue, answered late and average days to close per county and lead unit, over the problems the person may see.</summary>
    public async Task<IReadOnlyList<UnitFiguresRow>> FiguresByUnitAsync(UserScope scope, string? jurisdictionPath = null, CancellationToken ct = default)
    {
        var query = (await VisibleAsync(scope, ct)).AsNoTracking().Where(p => p.LeadUnitId != null);
        if (!string.IsNullOrWhiteSpace(jurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, jurisdictionPath);
            query = query.Where(p => counties.Contains(p.JurisdictionId));
        }
        var rows = await query.Select(p => new ProblemFigureRow(p.JurisdictionId, p.LeadUnitId!.Value, p.State, p.Deadline, p.RaisedAtUtc, p.ClosedAtUtc, p.AnsweredAtUtc)).ToListAsync(ct);
        var figures = ProblemFigures.ByUnit(rows, Today);
        var unitIds = figures.Select(f => f.LeadUnitId).Distinct().ToList();
        var countyIds = figures.Select(f => f.JurisdictionId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.JurisdictionId, Place = u.Jurisdiction!.Name }).ToDictionaryAsync(u => u.Id, ct);
        var counties2 = await db.Jurisdictions.AsNoTracking().Where(j => countyIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => new { j.Name, j.Path, j.Code }, ct);
        return figures
            .Select(f => (Order: PlaceOrder.KeyOf(counties2[f.JurisdictionId].Code, counties2[f.JurisdictionId].Path),
                Row: new UnitFiguresRow(counties2[f.JurisdictionId].Name, counties2[f.JurisdictionId].Path, f.LeadUnitId,
                    UnitLabel.Of(units[f.LeadUnitId].Name, units[f.LeadUnitId].JurisdictionId, units[f.LeadUnitId].Place, f.JurisdictionId), f)))
            .OrderBy(x => x.Order, StringComparer.Ordinal).ThenByDescending(x => x.Row.Figures.Overdue).ThenByDescending(x => x.Row.Figures.Open)
            .ThenBy(x => x.Row.Unit, StringComparer.Ordinal).Select(x => x.Row)
            .ToList();
    }

    /// <summary>The form's choices; the county is preselected when the person has only one.</summary>
    public async Task<ProblemFormOptions> FormOptionsAsync(UserScope scope, int? countyId, CancellationToken ct = default)
    {
        var all = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County)
            .OrderByCounty(j => j).Select(j => new { j.Id, j.Name, j.Path }).ToListAsync(ct);
        var counties = all.Where(j => MayRaiseIn(scope, j.Path)).Select(j => new ProblemOption(j.Id, j.Name)).ToList();
        if (counties.Count == 1) countyId ??= counties[0].Id;
        var county = all.FirstOrDefault(j => j.Id == countyId && counties.Any(c => c.Id == j.Id));
        if (county is null) return new ProblemFormOptions(counties, null, [], [], []);
        var towns = await scope.Towns(db).AsNoTracking().Where(t => t.CountyId == county.Id).OrderBy(t => t.Name)
            .Select(t => new ProblemOption(t.Id, t.Name, null)).ToListAsync(ct);
        var enterprises = await scope.Enterprises(db).AsNoTracking().Where(e => e.CountyId == county.Id).OrderBy(e => e.Name)
            .Select(e => new ProblemOption(e.Id, e.Name, e.SpecializedTownId)).ToListAsync(ct);
        var units = await UnitRegistry.ForPathAsync(db, county.Path, ct);
        return new ProblemFormOptions(counties, county.Id, towns, enterprises, units);
    }

    /// <summary>The units that lead or cooperate on a problem the person may see: the unit filter of the list.</summary>
    public async Task<IReadOnlyList<ProblemOption>> FilterUnitsAsync(UserScope scope, CancellationToken ct = default)
    {
        var visible = await VisibleAsync(scope, ct);
        var leads = visible.Where(p => p.LeadUnitId != null).Select(p => p.LeadUnitId!.Value);
        var cooperating = visible.SelectMany(p => p.CooperatingUnits).Select(c => c.UnitId);
        // The leading and the cooperating units found apart, each a semi-join the database plans for the scope: over a
        // province it looks each unit up in the problems' unit index. As one union it hashed every problem in scope on every
        // page of the ledger (PostgreSQL, the province's 20,000: 11 ms against 3).
        var ids = (await db.Units.Where(u => leads.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct))
            .Union(await db.Units.Where(u => cooperating.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToList();
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderByPlace(u => u.Jurisdiction).ThenBy(u => u.Name)
            .Select(u => new ProblemOption(u.Id, u.Name + "（" + u.Jurisdiction!.Name + "）", null)).ToListAsync(ct);
    }

    /// <summary>
    /// The towns of the problems the person may see, and of their scope: the town filter of the list. A town of the scope
    /// with no problem yet is offered too, so that its page's link to the ledger is a filter the bar shows (an empty list,
    /// not a town dropped as out of scope).
    /// </summary>
    public async Task<IReadOnlyList<ProblemOption>> FilterTownsAsync(UserScope scope, CancellationToken ct = default)
    {
        var ids = (await VisibleAsync(scope, ct)).Where(p => p.SpecializedTownId != null).Select(p => p.SpecializedTownId!.Value);
        var own = scope.Towns(db).Select(t => t.Id);
        return await db.Towns.AsNoTracking().Where(t => ids.Contains(t.Id) || own.Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new ProblemOption(t.Id, t.Name, null)).ToListAsync(ct);
    }

    /// <summary>The units that may be picked for a problem's county (acceptance form).</summary>
    public Task<IReadOnlyList<(int Id, string Name, string Place)>> UnitsForAsync(string countyPath, CancellationToken ct = default) =>
        UnitRegistry.ForPathAsync(db, countyPath, ct);

    /// <summary>
    /// The office oversees the problems of its county, and those its own county's unit still leads after the town moved to
    /// another county (decision 0022): it assigned that unit the work and may still press it (督办).
    /// </summary>
    private static ProblemActor Actor(UserScope scope, string userName, string countyPath, string? leadUnitPath = null) =>
        new(scope.UserId, userName, scope.Role, scope.UnitId,
            scope.IsAdmin || scope.Role == Roles.Office && (scope.HomeCovers(countyPath) || leadUnitPath is not null && scope.HomeCovers(leadUnitPath)));

    /// <summary>Whether the raiser's account is disabled (停用), so that the office may confirm or reopen for them.</summary>
    private async Task<bool> RaiserDisabledAsync(Problem problem, CancellationToken ct) =>
        problem.RaisedByUserId is { } raiser && await db.Users.AnyAsync(u => u.Id == raiser && u.DisabledAtUtc != null, ct);

    private async Task StepAsync(UserScope scope, string user, int id, CancellationToken ct, Func<Problem, ProblemActor, string, Task> step)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var problem = await (await VisibleAsync(scope, ct)).Include(p => p.Events).Include(p => p.CooperatingUnits)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new ProblemNotFoundException();
        var countyPath = await db.Jurisdictions.Where(j => j.Id == problem.JurisdictionId).Select(j => j.Path).SingleAsync(ct);
        var leadPath = problem.LeadUnitId is { } lead ? await db.Units.Where(u => u.Id == lead).Select(u => u.Jurisdiction!.Path).SingleOrDefaultAsync(ct) : null;
        await step(problem, Actor(scope, user, countyPath, leadPath) with { RaiserDisabled = await RaiserDisabledAsync(problem, ct) }, countyPath);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProblemRuleException("该问题刚刚已由他人办理，请刷新页面后查看最新状态");
        }
        await tx.CommitAsync(ct);
    }
}
