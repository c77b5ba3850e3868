using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Units;

namespace SpecializedTowns.Data.Reports;

public sealed class ReportNotFoundException(string what = "月报") : Exception($"{what}不存在，或不在您的数据范围内");

public sealed record TaskForceInput
{
    public int? TownId { get; init; }
    public IReadOnlyList<int> LeadUnitIds { get; init; } = [];
    public IReadOnlyList<int> SupportingUnitIds { get; init; } = [];
    public IReadOnlyList<int> TownshipIds { get; init; } = [];
    public string? ResponsibleLeader { get; init; }
    public string? Source { get; init; }

    /// <summary>The first month reports are owed for, as yyyy-MM.</summary>
    public string? ReportsFrom { get; init; }

    /// <summary>The office records a 专班 that existed before it was entered, so 起报月份 may go back (see <see cref="TaskForceStart"/>).</summary>
    public bool RecordsExisting { get; init; }
}

public sealed record NamedRef(int Id, string Name);

public sealed record TaskForceListItem(
    int Id, int TownId, string Town, string County, IReadOnlyList<NamedRef> LeadUnits, IReadOnlyList<NamedRef> SupportingUnits,
    IReadOnlyList<NamedRef> Townships, string? ResponsibleLeader, string? Source, ReportMonth ReportsFrom, bool IsDemo)
{
    /// <summary>The path of the county, whose office alone sets up and changes the task force.</summary>
    public string CountyPath { get; init; } = "";
}

/// <summary>Registering task forces (专班): the office names a town's lead and supporting units, townships and leader.</summary>
public sealed class TaskForceService(TownsDbContext db, TimeProvider time, SpecializedTowns.Core.Policies.PolicyCatalog? catalog = null)
{
    public IQueryable<TaskForce> Visible(UserScope scope) => ReportScope.TaskForces(db, scope);

    /// <summary>The refusal when someone other than the county's office sets up or changes a 专班: another role, or an office above.</summary>
    private static string NotManager(UserScope scope) => scope.Role == Roles.Office
        ? "专班由专业镇所在县的领导小组办公室设立和调整，上级办公室只能查看"
        : "只有领导小组办公室可以设立或调整专班";

    public async Task<TaskForce> FindAsync(UserScope scope, int id, CancellationToken ct = default) =>
        await Visible(scope).AsNoTracking()
            .Include(f => f.Town).Include(f => f.County)
            .Include(f => f.Units).ThenInclude(u => u.Unit)
            .Include(f => f.Townships).ThenInclude(t => t.Township)
            .AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, ct)
        ?? throw new ReportNotFoundException("专班");

    /// <param name="placePath">A city or county within the scope (专班名录's 行政区划 filter): the task forces of its towns.</param>
    public async Task<Paged<TaskForceListItem>> ListAsync(UserScope scope, int? townId, int page, int pageSize, CancellationToken ct = default, string? placePath = null)
    {
        (page, pageSize) = Paged<TaskForceListItem>.Normalize(page, pageSize);
        var q = Visible(scope).AsNoTracking();
        if (townId is { } t) q = q.Where(f => f.SpecializedTownId == t);
        if (placePath is { } place)
        {
            var under = place + "/";
            q = q.Where(f => f.County!.Path == place || f.County.Path.StartsWith(under));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByCounty(f => f.County).ThenBy(f => f.Town!.Name).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(f => f.Town).Include(f => f.County).Include(f => f.Units).ThenInclude(u => u.Unit).Include(f => f.Townships).ThenInclude(x => x.Township)
            .AsSplitQuery().ToListAsync(ct);
        return new Paged<TaskForceListItem>(rows.Select(Item).ToList(), total, page, pageSize);
    }

    public static TaskForceListItem Item(TaskForce f) => new(
        f.Id, f.SpecializedTownId, f.Town?.Name ?? "", f.County?.Name ?? "",
        f.Units.Where(u => u.Role == TaskForceRole.Lead).Select(u => new NamedRef(u.UnitId, u.Unit?.Name ?? "")).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
        f.Units.Where(u => u.Role == TaskForceRole.Supporting).Select(u => new NamedRef(u.UnitId, u.Unit?.Name ?? "")).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
        f.Townships.Select(t => new NamedRef(t.TownshipId, t.Township?.Name ?? "")).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
        f.ResponsibleLeader, f.Source, ReportMonth.Of(f.ReportsFrom), f.IsDemo) { CountyPath = f.County?.Path ?? "" };

    /// <summary>The towns in scope that have no task force yet, for a new one.</summary>
    public async Task<IReadOnlyList<(int Id, string Name, string County)>> TownsWithoutAsync(UserScope scope, CancellationToken ct = default)
    {
        var taken = db.TaskForces.Select(f => f.SpecializedTownId);
        var towns = scope.Towns(db).AsNoTracking().Where(Core.Towns.SpecializedTown.Listed).Where(t => !taken.Contains(t.Id));
        // Only the county's own office sets up its 专班 (ReportScope.CanManage).
        if (!scope.IsAdmin) towns = towns.Where(t => t.County!.Path == scope.HomePath);
        var rows = await towns
            .OrderByCounty(t => t.County).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name, County = t.County!.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name, r.County)).ToList();
    }

    /// <summary>The townships of a county, for 助推乡镇.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> TownshipsAsync(string countyPath, CancellationToken ct = default)
    {
        var under = countyPath + "/";
        var rows = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township && j.Path.StartsWith(under))
            .OrderBy(j => j.Name).Select(j => new { j.Id, j.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public async Task<(int? Id, FieldErrors Errors)> SaveAsync(UserScope scope, int? id, TaskForceInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!ReportScope.CanSetUp(scope)) { errors.Forbidden(NotManager(scope)); return (null, errors); }
        TaskForce? force = null;
        if (id is { } editId)
        {
            force = await Visible(scope).Include(f => f.County).Include(f => f.Units).Include(f => f.Townships).SingleOrDefaultAsync(f => f.Id == editId, ct)
                ?? throw new ReportNotFoundException("专班");
            if (!ReportScope.CanManage(scope, force)) { errors.Forbidden(NotManager(scope)); return (null, errors); }
        }

        var townId = force?.SpecializedTownId ?? input.TownId;
        var town = townId is { } tid
            ? await scope.Towns(db).AsNoTracking().Include(t => t.County).SingleOrDefaultAsync(t => t.Id == tid, ct) : null;
        if (force is not null && input.TownId is { } changed && changed != force.SpecializedTownId)
            errors[nameof(input.TownId)] = "专班所属的专业镇不能更改";
        else if (town is null) errors[nameof(input.TownId)] = input.TownId is null ? "请选择专业镇" : "所选专业镇不在您的数据范围内";
        else if (await global::SpecializedTowns.Data.Towns.DelistedTowns.RefusalAsync(db, town.Id, "专班", force?.SpecializedTownId, ct) is { } offList) errors[nameof(input.TownId)] = offList;
        else if (force is null && !ReportScope.CanManage(scope, town.County!.Path)) { errors.Forbidden(NotManager(scope)); return (null, errors); }
        else if (force is null && await db.TaskForces.AnyAsync(f => f.SpecializedTownId == town.Id, ct))
            errors[nameof(input.TownId)] = "该专业镇已设立专班，请修改原专班";

        var leads = input.LeadUnitIds.Distinct().ToList();
        var supporting = input.SupportingUnitIds.Distinct().ToList();
        var townships = input.TownshipIds.Distinct().ToList();
        if (leads.Count == 0) errors[nameof(input.LeadUnitIds)] = "请至少选择一个牵头单位";
        if (town?.County is { } county)
        {
            var allowed = (await UnitRegistry.ForPathAsync(db, county.Path, ct)).Select(u => u.Id).ToHashSet();
            if (leads.Any(u => !allowed.Contains(u))) errors[nameof(input.LeadUnitIds)] = "所选牵头单位不在专业镇所在县或其上级";
            if (supporting.Any(u => !allowed.Contains(u))) errors[nameof(input.SupportingUnitIds)] = "所选配合单位不在专业镇所在县或其上级";
            else if (supporting.Intersect(leads).Any()) errors[nameof(input.SupportingUnitIds)] = "同一单位不能既是牵头单位又是配合单位";
            var inCounty = (await TownshipsAsync(county.Path, ct)).Select(t => t.Id).ToHashSet();
            if (townships.Any(t => !inCounty.Contains(t))) errors[nameof(input.TownshipIds)] = "所选助推乡镇不在专业镇所在县";
        }
        var leader = input.ResponsibleLeader?.Trim();
        if (leader?.Length > ReportLimits.Leader) errors[nameof(input.ResponsibleLeader)] = $"分管{CountyWords.Leader(town?.County?.Name)}不超过 {ReportLimits.Leader} 字";
        var source = input.Source?.Trim();
        if (source?.Length > ReportLimits.Source) errors[nameof(input.Source)] = $"依据不超过 {ReportLimits.Source} 字";
        var today = ReportDeadline.ChinaDate(time.GetUtcNow().UtcDateTime);
        if (!ReportMonth.TryParse(input.ReportsFrom, out var from)) errors[nameof(input.ReportsFrom)] = "请选择起报月份";
        // An unchanged start stands: a 专班 recorded with its past months keeps them when other fields are edited.
        else if (force?.ReportsFrom != from.FirstDay
                 && TaskForceStart.Problem(from, ReportMonth.Of(force is null ? today : ReportDeadline.ChinaDate(force.CreatedAtUtc)), today,
                     input.RecordsExisting, town?.County is { } area ? await DocumentIssuedOnAsync(area.Path, ct) : null) is { } problem)
            errors[nameof(input.ReportsFrom)] = problem;
        // Moving the start past a month already reported would hide that report and its history.
        else if (force is not null && await db.MonthlyReports.Where(r => r.TaskForceId == force.Id).OrderBy(r => r.Year).ThenBy(r => r.Month)
                     .Select(r => new { r.Year, r.Month }).FirstOrDefaultAsync(ct) is { } first && new ReportMonth(first.Year, first.Month) < from)
            errors[nameof(input.ReportsFrom)] = $"本专班已有 {new ReportMonth(first.Year, first.Month).Chinese}的月报，起报月份不能晚于该月";
        if (!errors.Ok) return (null, errors);

        var now = time.GetUtcNow().UtcDateTime;
        if (force is null)
        {
            force = new TaskForce { SpecializedTownId = town!.Id, CountyId = town.CountyId, CreatedAtUtc = now };
            db.TaskForces.Add(force);
        }
        force.ResponsibleLeader = string.IsNullOrEmpty(leader) ? null : leader;
        // A new 专班 with no 依据 written rests on its county's own clause setting up task forces, where there is one (TaskForceSource).
        if (string.IsNullOrEmpty(source) && id is null && catalog is not null) source = DefaultSource(town!.County!.Path);
        force.Source = string.IsNullOrEmpty(source) ? null : source;
        force.ReportsFrom = from.FirstDay;
        force.UpdatedAtUtc = now;
        // A unit keeps its row when it moves between lead and supporting: the key is the unit, the role a column.
        foreach (var u in force.Units.ToList())
        {
            if (leads.Contains(u.UnitId)) u.Role = TaskForceRole.Lead;
            else if (supporting.Contains(u.UnitId)) u.Role = TaskForceRole.Supporting;
            else force.Units.Remove(u);
        }
        foreach (var (ids, role) in new[] { (leads, TaskForceRole.Lead), (supporting, TaskForceRole.Supporting) })
            foreach (var unit in ids.Where(u => force.Units.All(x => x.UnitId != u)))
                force.Units.Add(new TaskForceUnit { UnitId = unit, Role = role });
        force.Townships.RemoveAll(t => !townships.Contains(t.TownshipId));
        foreach (var t in townships.Where(t => force.Townships.All(x => x.TownshipId != t)))
            force.Townships.Add(new TaskForceTownship { TownshipId = t });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) when (id is null)
        {
            // Another office person set up the same town's task force a moment ago.
            errors[nameof(input.TownId)] = "该专业镇已设立专班，请修改原专班";
            db.ChangeTracker.Clear();
            return (null, errors);
        }
        return (force.Id, errors);
    }

    /// <summary>The 依据 a new 专班 of the county gets when none is written (TaskForceSource); null without a catalog or a clause.</summary>
    public string? DefaultSource(string countyPath) => catalog is null ? null : TaskForceSource.Default(catalog, countyPath);

    /// <summary>
    /// A town moved to another county (its record corrected) takes its 专班 along, in the town's save: the 专班's county decides
    /// which office manages it and its reports (<see cref="ReportScope.CanManage(UserScope, TaskForce)"/>), and left behind,
    /// the old county's office kept that work for a town it no longer sees while the new one could not take it up. Its 助推乡镇
    /// can only be townships of the town's county, so those of the old county are let go. Its units stay until the new
    /// county's office chooses its own: the 专班 form offers only the units of the new county and above.
    /// </summary>
    public static async Task FollowTownAsync(TownsDbContext db, int townId, int countyId, CancellationToken ct = default)
    {
        var force = await db.TaskForces.Include(f => f.Townships).SingleOrDefaultAsync(f => f.SpecializedTownId == townId, ct);
        if (force is null || force.CountyId == countyId) return;
        force.CountyId = countyId;
        var inCounty = await db.Jurisdictions.Where(j => j.ParentId == countyId && j.Level == JurisdictionLevel.Township).Select(j => j.Id).ToListAsync(ct);
        force.Townships.RemoveAll(t => !inCounty.Contains(t.TownshipId));
    }

    /// <summary>
    /// The date of the county's own policy document (the one that sets up its 专班), or of the nearest level above that has
    /// one: the earliest a 专班 recorded after the fact may report from.
    /// </summary>
    public async Task<DateOnly?> DocumentIssuedOnAsync(string countyPath, CancellationToken ct = default)
    {
        var documents = await (from d in db.PolicyDocuments.AsNoTracking()
                               join j in db.Jurisdictions.AsNoTracking() on d.JurisdictionId equals (int?)j.Id
                               where d.IssuedOn != null
                               select new { j.Path, d.IssuedOn }).ToListAsync(ct);
        return documents.Where(d => d.Path == countyPath || countyPath.StartsWith(d.Path + "/", StringComparison.Ordinal))
            .GroupBy(d => d.Path.Length).OrderByDescending(g => g.Key).Select(g => g.Min(d => d.IssuedOn)).FirstOrDefault();
    }
}
