using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Data.Reports;

/// <summary>What a reporter types into the form or sends to the API.</summary>
public sealed record ReportInput
{
    public decimal? OutputWanYuan { get; init; }
    public decimal? OutputYearToDateWanYuan { get; init; }
    public decimal? InvestmentYearToDateWanYuan { get; init; }
    public int? Employees { get; init; }
    public int? NewMarketEntities { get; init; }
    public int? NewAboveScaleEnterprises { get; init; }
    public string? Progress { get; init; }
    public string? NextMonthPlan { get; init; }
    public string? Difficulties { get; init; }
    public string? OutputExplanation { get; init; }
    public string? OutputYearToDateExplanation { get; init; }
    public string? InvestmentYearToDateExplanation { get; init; }

    /// <summary>The version the form or API body was loaded at (<see cref="Core.IVersioned"/>); null saves without the check.</summary>
    public int? Version { get; init; }

    /// <summary>
    /// The form was read while the month had no report: a report found at saving was started since (in another tab, or by
    /// someone else) and is refused like a changed version, never overwritten by this first save.
    /// </summary>
    public bool ReadBeforeStart { get; init; }

    public ReportContent ToContent() => new(
        new FigureValues(OutputWanYuan, OutputYearToDateWanYuan, InvestmentYearToDateWanYuan, Employees, NewMarketEntities, NewAboveScaleEnterprises),
        Progress, NextMonthPlan, Difficulties, OutputExplanation, OutputYearToDateExplanation, InvestmentYearToDateExplanation);

    public static ReportInput From(MonthlyReport r) => new()
    {
        OutputWanYuan = r.OutputWanYuan, OutputYearToDateWanYuan = r.OutputYearToDateWanYuan, InvestmentYearToDateWanYuan = r.InvestmentYearToDateWanYuan,
        Employees = r.Employees, NewMarketEntities = r.NewMarketEntities, NewAboveScaleEnterprises = r.NewAboveScaleEnterprises,
        Progress = r.Progress, NextMonthPlan = r.NextMonthPlan, Difficulties = r.Difficulties,
        OutputExplanation = r.OutputExplanation, OutputYearToDateExplanation = r.OutputYearToDateExplanation, InvestmentYearToDateExplanation = r.InvestmentYearToDateExplanation,
        Version = r.Version,
    };
}

/// <summary>The outcome of saving: the report's id when written, the refused fields otherwise, and the figures flagged either way.</summary>
public sealed record SaveResult(int? Id, FieldErrors Errors, IReadOnlyList<FigureFlag> Flags);

/// <summary>
/// Monthly reports' use cases for pages and API alike: scope first (out of scope is not found), then rights, then the
/// state machine and the lock in <see cref="MonthlyReport"/>, then the fields. One SaveChanges per use case, so a refused
/// step writes nothing.
/// </summary>
public sealed class ReportService(TownsDbContext db, TimeProvider time, ReportSettings settings)
{
    public ReportSettings Settings => settings;
    public DateOnly Today => ReportDeadline.ChinaDate(Now);
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<TaskForce> TaskForceAsync(UserScope scope, int id, CancellationToken ct = default) =>
        await ReportScope.TaskForces(db, scope).AsNoTracking()
            .Include(f => f.Town).Include(f => f.County)
            .Include(f => f.Units).ThenInclude(u => u.Unit)
            .Include(f => f.Townships).ThenInclude(t => t.Township)
            .AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, ct)
        ?? throw new ReportNotFoundException("专班");

    /// <summary>The report of a task force the person sees for the month, or null when none was started.</summary>
    public async Task<MonthlyReport?> FindAsync(UserScope scope, int taskForceId, ReportMonth month, CancellationToken ct = default)
    {
        await TaskForceAsync(scope, taskForceId, ct);
        return await db.MonthlyReports.AsNoTracking().Include(r => r.Steps)
            .SingleOrDefaultAsync(r => r.TaskForceId == taskForceId && r.Year == month.Year && r.Month == month.Month, ct);
    }

    public async Task<MonthlyReport> FindAsync(UserScope scope, int id, CancellationToken ct = default) =>
        await ReportScope.Reports(db, scope).AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new ReportNotFoundException();

    /// <summary>
    /// The earlier report as the office has it (submitted or accepted) that this month is compared with: last month's, or the
    /// latest reported earlier in the year when months were missed (<see cref="PreviousReport.Latest"/>).
    /// </summary>
    public async Task<PreviousReport?> PreviousAsync(int taskForceId, ReportMonth month, CancellationToken ct = default)
    {
        var (lo, hi) = (PreviousReport.SearchFrom(month).Index, month.Index - 1);
        var rows = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.TaskForceId == taskForceId && r.Year * 12 + r.Month - 1 >= lo && r.Year * 12 + r.Month - 1 <= hi
                && (r.State == ReportState.Submitted || r.State == ReportState.Accepted))
            .ToListAsync(ct);
        return PreviousReport.Latest(month, rows.Select(r => new PreviousReport(r.Period, r.Figures)));
    }

    public async Task<IReadOnlyList<FigureFlag>> FlagsAsync(int taskForceId, ReportMonth month, FigureValues figures, CancellationToken ct = default)
    {
        var town = await db.TaskForces.Where(f => f.Id == taskForceId).Select(f => f.SpecializedTownId).SingleAsync(ct);
        var enterprises = await db.Enterprises.CountAsync(e => e.SpecializedTownId == town, ct);
        return ReportPlausibility.Check(month, figures, await PreviousAsync(taskForceId, month, ct), settings.OutputDropShare, settings.OutputRiseFactor, enterprises);
    }

    /// <summary>
    /// Saves the typed report as a draft, or saves and submits it. The month must be open and the report still the
    /// reporter's; a submission also needs every figure, the work done and an explanation for each flagged figure.
    /// </summary>
    public async Task<SaveResult> SaveAsync(UserScope scope, string userName, int taskForceId, ReportMonth month, ReportInput input, bool submit, CancellationToken ct = default)
    {
        var force = await TaskForceAsync(scope, taskForceId, ct);
        var errors = new FieldErrors();
        if (!ReportScope.CanWrite(scope, force))
        {
            errors.Forbidden($"只有专班牵头单位、所在乡镇或本{CountyWords.Any}领导小组办公室可以填报此专班的月报");
            return new SaveResult(null, errors, []);
        }
        EnsureOwed(force, month);
        var report = await db.MonthlyReports.Include(r => r.Steps)
            .SingleOrDefaultAsync(r => r.TaskForceId == taskForceId && r.Year == month.Year && r.Month == month.Month, ct);
        // The state and the lock come before the fields: nothing typed matters on a report that cannot be changed.
        if (report is null) ReportDeadline.EnsureOpen(month, Today, null, settings);
        else report.EnsureEditable(Today, settings);

        var content = input.ToContent();
        var flags = await FlagsAsync(taskForceId, month, content.Figures, ct);
        foreach (var (field, message) in content.Problems(submit, flags)) errors[field] = message;
        if (!errors.Ok) return new SaveResult(report?.Id, errors, flags);

        var now = Now;
        var actor = new Actor(scope.UserId, userName, scope.Role);
        if (report is not null && input.ReadBeforeStart) throw await EditConflicts.ConflictAsync(db, report, ct);
        if (report is not null) await EditConflicts.GuardAsync(db, report, input.Version, ct);
        if (report is null)
        {
            report = MonthlyReport.Start(taskForceId, month, actor, now, settings);
            db.MonthlyReports.Add(report);
        }
        report.Write(content, userName, now, settings);
        if (submit) report.Submit(actor, now, flags, settings);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) when (report.Id != 0) { throw await EditConflicts.ConflictAsync(db, report, ct); }
        catch (DbUpdateException) when (report.Id == 0)
        {
            db.ChangeTracker.Clear();
            throw new ReportRuleException($"{month.Chinese}月报刚刚已在另一窗口或由他人创建，您填写的内容未保存，请刷新后核对再保存");
        }
        return new SaveResult(report.Id, errors, flags);
    }

    /// <summary>Submits a report as it stands (the API's step; the form saves and submits in one go).</summary>
    public async Task SubmitAsync(UserScope scope, string userName, int id, CancellationToken ct = default)
    {
        var (report, force) = await TrackedAsync(scope, id, ct);
        if (!ReportScope.CanWrite(scope, force)) throw new ReportRuleException($"只有专班牵头单位、所在乡镇或本{CountyWords.Any}领导小组办公室可以报送此专班的月报") { Kind = RefusalKind.Forbidden };
        var flags = await FlagsAsync(report.TaskForceId, report.Period, report.Figures, ct);
        report.Submit(new Actor(scope.UserId, userName, scope.Role), Now, flags, settings);
        await db.SaveChangesAsync(ct);
    }

    public async Task AcceptAsync(UserScope scope, string userName, int id, string? note, CancellationToken ct = default)
    {
        var (report, force) = await TrackedAsync(scope, id, ct);
        EnsureManages(scope, force, "审核");
        report.Accept(new Actor(scope.UserId, userName, scope.Role), Now, note);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(UserScope scope, string userName, int id, string? reason, CancellationToken ct = default)
    {
        var (report, force) = await TrackedAsync(scope, id, ct);
        EnsureManages(scope, force, "退回");
        report.Return(new Actor(scope.UserId, userName, scope.Role), Now, reason, settings);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reopens a locked month of a task force: its draft or returned report, or a month nobody reported (the row is made then).</summary>
    public async Task<int> ReopenAsync(UserScope scope, string userName, int taskForceId, ReportMonth month, string? reason, CancellationToken ct = default)
    {
        var force = await TaskForceAsync(scope, taskForceId, ct);
        EnsureManages(scope, force, "重新开放");
        EnsureOwed(force, month);
        var actor = new Actor(scope.UserId, userName, scope.Role);
        var now = Now;
        var report = await db.MonthlyReports.Include(r => r.Steps)
            .SingleOrDefaultAsync(r => r.TaskForceId == taskForceId && r.Year == month.Year && r.Month == month.Month, ct);
        var created = report is null;
        report ??= MonthlyReport.Empty(taskForceId, month, actor, now);
        report.Reopen(actor, now, reason, settings);
        if (created) db.MonthlyReports.Add(report);
        await db.SaveChangesAsync(ct);
        return report.Id;
    }

    private async Task<(MonthlyReport Report, TaskForce Force)> TrackedAsync(UserScope scope, int id, CancellationToken ct)
    {
        var report = await ReportScope.Reports(db, scope).Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new ReportNotFoundException();
        return (report, await TaskForceAsync(scope, report.TaskForceId, ct));
    }

    /// <summary>Accepting, returning and reopening are the county office's (ReportScope.CanManage); an office above reads.</summary>
    /// Other roles are refused by the report's own steps (MonthlyReport), which name the office.
    private static void EnsureManages(UserScope scope, TaskForce force, string step)
    {
        if (scope.Role == Roles.Office && !ReportScope.CanManage(scope, force))
            throw new ReportRuleException($"本专班的月报由{force.County?.Name}领导小组办公室{step}，上级办公室只能查看") { Kind = RefusalKind.Forbidden };
    }

    private void EnsureOwed(TaskForce force, ReportMonth month)
    {
        if (NotOwed(force, month.Year, month.Month, Today) is { } why)
            throw new ReportRuleException(why, ReportMonth.IsValid(month.Year, month.Month) ? null : "month");
    }

    /// <summary>
    /// Why the task force has no report for this month — no such month, not begun yet, or before it started reporting — or
    /// null when it has one: the API's refusal and the page opened at such a month (a bookmark, a typed address) say the same.
    /// </summary>
    public static string? NotOwed(TaskForce force, int year, int month, DateOnly today)
    {
        if (!ReportMonth.IsValid(year, month)) return $"月份不正确：没有{year}年{month}月";
        var m = new ReportMonth(year, month);
        if (m > ReportMonth.Of(today)) return $"{m.Chinese}尚未开始，不能填报";
        var from = ReportMonth.Of(force.ReportsFrom);
        return m < from ? $"本专班自 {from.Chinese} 起报送月报，{m.Chinese}无需报送" : null;
    }
}
