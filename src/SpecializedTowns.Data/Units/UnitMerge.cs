using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Data.Units;

/// <summary>
/// A merge as it would be done (the preview the administrator confirms) or as it was done: the two units and what moves,
/// or why it is refused (<see cref="Problem"/>).
/// </summary>
public sealed record UnitMergePlan(UnitListItem? From, UnitListItem? Into, UnitMergeCounts? Counts, string? Problem)
{
    public bool Ok => Problem is null && From is not null && Into is not null && Counts is not null;

    /// <summary>The merge in one sentence (合并单位：县工业科技局 → 县工科局，转移任务 3 项…), as the audit trail keeps it.</summary>
    public string Summary => Ok ? UnitMerging.Summary(From!.Name, From.PlaceName, Into!.Name, Into.PlaceName, Counts!) : Problem ?? "";

    public static UnitMergePlan Refused(UnitListItem? from, UnitListItem? into, string problem) => new(from, into, null, problem);
}

/// <summary>
/// Folds a duplicate unit (县工业科技局, registered beside 县工科局) into the unit it repeats: every record that names it names
/// the other instead, a task, problem or task force that named both keeps one of them, the duplicate is deleted and its name
/// stays the other's former name. All of it in one transaction, with the rows' own audit entries and one sentence for the whole.
/// </summary>
public static class UnitMerge
{
    public static async Task<UnitMergePlan> PlanAsync(TownsDbContext db, int fromId, int? intoId, CancellationToken ct = default)
    {
        var from = await UnitCatalog.FindAsync(db, fromId, ct);
        if (from is null) return UnitMergePlan.Refused(null, null, "要合并的单位不存在，可能已被删除或合并");
        if (intoId is not { } iid) return UnitMergePlan.Refused(from, null, "请选择要合并到哪个单位");
        var into = await UnitCatalog.FindAsync(db, iid, ct);
        if (into is null) return UnitMergePlan.Refused(from, null, "所选单位不存在，可能已被删除或合并");
        if (into.Id == from.Id) return UnitMergePlan.Refused(from, into, "不能把单位合并到它自己，请选择另一个单位");
        if (!UnitMerging.MayMergeInto(from.Path, into.Path))
            return UnitMergePlan.Refused(from, into,
                $"“{into.Name}”是{into.Place}的单位，不在{from.PlaceName}或其上级：只能合并到同一地方或上级的单位，否则{from.PlaceName}的任务、问题等记录会指向本地以外的单位");

        var (a, b) = (from.Id, into.Id);
        var subject = $"unit:{a}";
        var counts = new UnitMergeCounts(from.Uses,
            SharedTasks: await db.TaskUnits.CountAsync(t => t.UnitId == b && db.TaskUnits.Any(x => x.TaskId == t.TaskId && x.UnitId == a), ct),
            SharedProblems: await Problems(db, a).CountAsync(p => p.LeadUnitId == b || p.CooperatingUnits.Any(c => c.UnitId == b), ct),
            SharedTaskForces: await db.TaskForceUnits.CountAsync(f => f.UnitId == b && db.TaskForceUnits.Any(x => x.TaskForceId == f.TaskForceId && x.UnitId == a), ct),
            FormerNames: await db.UnitFormerNames.CountAsync(f => f.UnitId == a, ct),
            EvaluationResults: await db.EvaluationResults.CountAsync(r => r.SubjectKey == subject, ct));
        return new UnitMergePlan(from, into, counts, null);
    }

    /// <summary>The units a unit may be merged into: those of its place and the places above it, the alike names first.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name, string Place, bool Alike)>> TargetsAsync(TownsDbContext db, UnitListItem from, CancellationToken ct = default) =>
        (await UnitRegistry.ForPathAsync(db, from.Path, ct)).Where(u => u.Id != from.Id)
            .Select(u => (u.Id, u.Name, u.Place, Alike: UnitLikeness.Alike(from.Name, u.Name, from.Path)))
            .OrderByDescending(u => u.Alike).ToList();

    /// <summary>
    /// Does the merge the plan describes, as it is when the transaction reads it. Refused as the plan would be; a failure of the
    /// database halfway (someone deleted the other unit a moment before) leaves everything as it was and says so.
    /// </summary>
    public static async Task<UnitMergePlan> MergeAsync(TownsDbContext db, int fromId, int? intoId, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var plan = await PlanAsync(db, fromId, intoId, ct);
            if (!plan.Ok) return plan;
            var (a, b) = (plan.From!.Id, plan.Into!.Id);

            await MoveTasksAsync(db, a, b, ct);
            await MoveProblemsAsync(db, a, b, ct);
            await MoveTaskForcesAsync(db, a, b, ct);
            foreach (var p in await db.Projects.Where(p => p.ResponsibleUnitId == a).ToListAsync(ct)) p.ResponsibleUnitId = b;
            foreach (var l in await db.InvestmentLeads.Where(l => l.ResponsibleUnitId == a).ToListAsync(ct)) l.ResponsibleUnitId = b;
            foreach (var g in await db.ProjectGuarantees.Where(g => g.UnitId == a).ToListAsync(ct)) g.UnitId = b;
            foreach (var n in await db.Notices.Where(n => n.RecipientUnitId == a).ToListAsync(ct)) n.RecipientUnitId = b;
            foreach (var user in await db.Users.Where(u => u.UnitId == a).ToListAsync(ct))
            {
                user.UnitId = b;
                // As when an administrator changes an account's unit: the sessions and tokens carrying the old one end, and
                // the person signs in again to the merged unit's work.
                user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
            }
            foreach (var f in await db.UnitFormerNames.Where(f => f.UnitId == a).ToListAsync(ct)) f.UnitId = b;
            // The records first: the duplicate can go only once nothing names it.
            await db.SaveChangesAsync(ct);

            var gone = await db.Units.SingleAsync(u => u.Id == a, ct);
            db.UnitFormerNames.Add(new UnitFormerName { UnitId = b, JurisdictionId = gone.JurisdictionId, Name = gone.Name, MergedUnitId = a });
            db.Units.Remove(gone);
            // Filed where the duplicate was, so the offices of that place read it (the unit kept may be a city's).
            AuditNote.Add(db, nameof(Unit), b, plan.Into.Name, plan.From.Path, plan.Summary);
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return plan;
        }
        catch (DbUpdateException e) when (own is not null)
        {
            await own.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var why = DatabaseErrors.IsForeignKeyViolation(e) || DatabaseErrors.IsUniqueViolation(e) ? "其间有人修改了这两个单位或其记录" : "数据库拒绝了这次修改";
            return UnitMergePlan.Refused(null, null, $"合并没有完成（{why}），所有记录保持原样。请刷新后重新预览、确认");
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>The problems the unit leads or cooperates on.</summary>
    private static IQueryable<Problem> Problems(TownsDbContext db, int unit) =>
        db.Problems.Where(p => p.LeadUnitId == unit || p.CooperatingUnits.Any(c => c.UnitId == unit));

    private static async Task MoveTasksAsync(TownsDbContext db, int a, int b, CancellationToken ct)
    {
        var rows = await db.TaskUnits.Where(t => t.UnitId == a || (t.UnitId == b && db.TaskUnits.Any(x => x.TaskId == t.TaskId && x.UnitId == a))).ToListAsync(ct);
        foreach (var row in rows.Where(r => r.UnitId == a).ToList())
        {
            // The key holds the unit: the row is replaced, or merged into the other unit's row of the same task.
            db.TaskUnits.Remove(row);
            if (rows.FirstOrDefault(r => r.UnitId == b && r.TaskId == row.TaskId) is { } kept)
            {
                kept.Role = UnitMerging.Kept(kept.Role, row.Role);
                kept.SortOrder = Math.Min(kept.SortOrder, row.SortOrder);
            }
            else db.TaskUnits.Add(new TaskUnit { TaskId = row.TaskId, UnitId = b, Role = row.Role, SortOrder = row.SortOrder });
        }
    }

    private static async Task MoveProblemsAsync(TownsDbContext db, int a, int b, CancellationToken ct)
    {
        foreach (var p in await Problems(db, a).Include(p => p.CooperatingUnits).ToListAsync(ct))
        {
            if (p.LeadUnitId == a) p.LeadUnitId = b;
            var withA = p.CooperatingUnits.FirstOrDefault(c => c.UnitId == a);
            var withB = p.CooperatingUnits.FirstOrDefault(c => c.UnitId == b);
            if (withA is not null) db.ProblemCooperatingUnits.Remove(withA);
            // A unit does not cooperate on what it leads; otherwise it cooperates once.
            if (p.LeadUnitId == b) { if (withB is not null) db.ProblemCooperatingUnits.Remove(withB); }
            else if (withA is not null && withB is null) db.ProblemCooperatingUnits.Add(new ProblemCooperatingUnit { ProblemId = p.Id, UnitId = b });
        }
    }

    private static async Task MoveTaskForcesAsync(TownsDbContext db, int a, int b, CancellationToken ct)
    {
        var rows = await db.TaskForceUnits.Where(f => f.UnitId == a || (f.UnitId == b && db.TaskForceUnits.Any(x => x.TaskForceId == f.TaskForceId && x.UnitId == a))).ToListAsync(ct);
        foreach (var row in rows.Where(r => r.UnitId == a).ToList())
        {
            db.TaskForceUnits.Remove(row);
            if (rows.FirstOrDefault(r => r.UnitId == b && r.TaskForceId == row.TaskForceId) is { } kept) kept.Role = UnitMerging.Kept(kept.Role, row.Role);
            else db.TaskForceUnits.Add(new TaskForceUnit { TaskForceId = row.TaskForceId, UnitId = b, Role = row.Role });
        }
    }
}
