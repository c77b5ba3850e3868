using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Projects;

namespace SpecializedTowns.Data.Projects;

/// <summary>
/// A project's warning level and next planned date as <see cref="ProjectWarnings.LevelFor"/> gave them on the day and under
/// the settings written in <see cref="Basis"/>. Kept so that the library sorts, filters and counts by warning in SQL.
/// </summary>
public sealed class StoredProjectWarning
{
    public int ProjectId { get; set; }
    public WarningLevel Level { get; set; }
    public DateOnly? NextPlannedOn { get; set; }
    public string Basis { get; set; } = "";

    /// <summary>
    /// <see cref="NextPlannedOn"/>, or the last day there is when none: the list's order (most urgent level first, then the
    /// nearest next date, those without one last) is then three plain columns, which one index gives in order (schema
    /// version 35). Computed by the database.
    /// </summary>
    public DateOnly NextInOrder { get; private set; }
}

internal sealed class StoredProjectWarningConfiguration : IEntityTypeConfiguration<StoredProjectWarning>
{
    public void Configure(EntityTypeBuilder<StoredProjectWarning> e)
    {
        e.ToTable("project_warnings");
        e.HasKey(x => x.ProjectId);
        e.Property(x => x.ProjectId).HasColumnName("project_id").ValueGeneratedNever();
        e.Property(x => x.Level).HasColumnName("level");
        e.Property(x => x.NextPlannedOn).HasColumnName("next_planned_on");
        e.Property(x => x.Basis).HasColumnName("basis").HasMaxLength(60);
        e.HasIndex(x => x.Basis).HasDatabaseName("ix_project_warnings_basis");
        e.Property(x => x.NextInOrder).HasColumnName("next_in_order");
        e.HasIndex(x => new { x.Level, x.NextInOrder, x.ProjectId }).IsDescending(true, false, false).HasDatabaseName("ix_project_warnings_order");
        e.HasOne<KeyProject>().WithOne().HasForeignKey<StoredProjectWarning>(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal static class StoredProjectWarningOrder
{
    /// <summary>Stored on PostgreSQL, which has no other kind (before 18); virtual on SQLite, which cannot add a stored column to a table.</summary>
    public static void Configure(ModelBuilder b, bool postgres) =>
        b.Entity<StoredProjectWarning>().Property(x => x.NextInOrder).HasComputedColumnSql("COALESCE(next_planned_on, '9999-12-31')", stored: postgres);
}

/// <summary>
/// Keeps <see cref="StoredProjectWarning"/> true. A warning moves with the date, the settings, the project and its monthly
/// progress: a row whose basis is not today's under today's settings is recomputed before it is read, and a save that
/// changes a project or its progress marks the project's row out of date (<see cref="OutOfDate"/>) in the same
/// transaction. Every project has its row: the database adds one, out of date, to each project inserted (schema version
/// 26), and deleting the project deletes it. Refreshes and such saves take one lock (PostgreSQL advisory lock; SQLite has a
/// single writer), so a refresh never writes a level computed from data that a save is replacing.
/// </summary>
public static class ProjectWarningStore
{
    private const long LockKey = 0x5057_4152_4E; // "PWARN"

    /// <summary>The basis of a row no day's basis matches: the project's row as the database adds it, or after a save.</summary>
    public const string OutOfDate = "";

    /// <summary>
    /// Raised when <see cref="ProjectWarnings"/> itself changes, so that rows an older rule computed today are computed again
    /// (2: the plan is owed from the month the project can start, and 计划未完善 is flagged; 3: from the day it really
    /// started or signed, which the rows were computed without; 4: the month under way no longer counts against the plan to
    /// last month's end).
    /// </summary>
    private const int RuleVersion = 4;

    public static string Basis(DateOnly today, ProjectWarningSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"r{RuleVersion};{today:yyyy-MM-dd};{s.DueSoonDays};{s.InvestmentYellowBelow};{s.InvestmentRedBelow}");

    /// <summary>The entities of a save that change some project's warning (read again after the save, when new ids are known).</summary>
    internal static List<object>? Touching(ChangeTracker tracker)
    {
        List<object>? touching = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            // A new project's row is added out of date by the database; a deleted one loses its row with it.
            if (entry.Entity is ProjectProgress || (entry.Entity is KeyProject && entry.State == EntityState.Modified))
                (touching ??= []).Add(entry.Entity);
        }
        return touching;
    }

    internal static Task LockAsync(TownsDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql() ? db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct) : Task.CompletedTask;

    internal static async Task ForgetAsync(TownsDbContext db, List<object> touching, CancellationToken ct)
    {
        var ids = touching.Select(e => e switch { KeyProject p => p.Id, ProjectProgress g => g.ProjectId, _ => 0 }).Distinct().ToList();
        await db.ProjectWarnings.Where(w => ids.Contains(w.ProjectId)).ExecuteUpdateAsync(s => s.SetProperty(w => w.Basis, OutOfDate), ct);
    }

    /// <summary>Recomputes every row that is missing or out of date for <paramref name="today"/>; usually finds none.</summary>
    public static async Task RefreshAsync(TownsDbContext db, DateOnly today, ProjectWarningSettings settings, CancellationToken ct)
    {
        var basis = Basis(today, settings);
        IQueryable<KeyProject> Stale() => db.Projects.AsNoTracking().Where(p => !db.ProjectWarnings.Any(w => w.ProjectId == p.Id && w.Basis == basis));
        // Every project has its row, so every level is today's when the smallest and the largest basis are today's: each is
        // one end of the index on basis (an empty table holds no project either). Counting today's rows against the projects
        // took 3–6 ms at province scale, and looking for a project without a row of today's basis 10–30 ms, on every request
        // that reads the warnings. Written as MIN and MAX because a prepared "basis < $1" is planned for a third of the rows
        // matching, and PostgreSQL then scans the table; SQLite reads one end of an index only for a lone MIN or MAX.
        var fresh = await db.Database.SqlQuery<bool>(
            $"SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = {basis} AND (SELECT MAX(basis) FROM project_warnings) = {basis}, TRUE) AS \"Value\"").SingleAsync(ct);
        if (fresh) return;

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await LockAsync(db, ct);
            var projects = await Stale().Select(p => new KeyProject
            {
                Id = p.Id, Stage = p.Stage, Kind = p.Kind, PlanYear = p.PlanYear, AnnualPlannedInvestmentWanYuan = p.AnnualPlannedInvestmentWanYuan,
                PlannedSignedOn = p.PlannedSignedOn, PlannedStartOn = p.PlannedStartOn, PlannedProductionOn = p.PlannedProductionOn, PlannedTargetOn = p.PlannedTargetOn,
                SignedOn = p.SignedOn, StartedOn = p.StartedOn,
            }).ToListAsync(ct);
            var completed = await ProjectQueries.CompletedInPlanYearAsync(db, Stale(), today, ct);
            var rows = projects.Select(p => (p.Id, ProjectWarnings.LevelFor(p, completed.GetValueOrDefault(p.Id), today, settings), ProjectQueries.NextPlannedOn(p)));
            foreach (var chunk in rows.Chunk(200)) await UpsertAsync(db, chunk, basis, ct);
            // The first filling of the table (an upgraded or generated database): until autovacuum gets to it, PostgreSQL
            // plans the reminder queries for an empty table and takes seconds over them (4.5 s each for a minute, measured).
            if (projects.Count >= 1000 && db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE project_warnings", ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static async Task UpsertAsync(TownsDbContext db, (int Id, WarningLevel Level, DateOnly? Next)[] rows, string basis, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        DbParameter Add(object? value, DbType type)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + command.Parameters.Count;
            p.DbType = type;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
            return p;
        }
        var sql = new StringBuilder("INSERT INTO project_warnings (project_id, level, next_planned_on, basis) VALUES ");
        var b = Add(basis, DbType.String).ParameterName;
        for (var i = 0; i < rows.Length; i++)
        {
            var (id, level, next) = rows[i];
            if (i > 0) sql.Append(',');
            sql.Append(CultureInfo.InvariantCulture,
                $"({Add(id, DbType.Int32).ParameterName}, {Add((int)level, DbType.Int32).ParameterName}, {Add(next, DbType.Date).ParameterName}, {b})");
        }
        sql.Append(" ON CONFLICT (project_id) DO UPDATE SET level = excluded.level, next_planned_on = excluded.next_planned_on, basis = excluded.basis");
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }
}
