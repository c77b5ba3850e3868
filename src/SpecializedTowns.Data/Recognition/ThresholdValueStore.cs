using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Recognition;

internal sealed class ThresholdValueConfiguration : IEntityTypeConfiguration<ThresholdValue>
{
    public void Configure(EntityTypeBuilder<ThresholdValue> e)
    {
        e.ToTable("threshold_values");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.StandardId).HasColumnName("standard_id").HasMaxLength(80);
        e.Property(x => x.CriterionKey).HasColumnName("criterion_key").HasMaxLength(80);
        e.Property(x => x.Category).HasColumnName("category").HasMaxLength(40);
        e.Property(x => x.Value).HasColumnName("value").HasPrecision(18, 4);
        e.Property(x => x.Unit).HasColumnName("unit").HasMaxLength(20);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(ThresholdValue.MaxSource);
        e.Property(x => x.EnteredBy).HasColumnName("entered_by").HasMaxLength(100);
        e.Property(x => x.EnteredAtUtc).HasColumnName("entered_at_utc");
        e.Property(x => x.SupersededBy).HasColumnName("superseded_by").HasMaxLength(100);
        e.Property(x => x.SupersededAtUtc).HasColumnName("superseded_at_utc");
        e.HasIndex(x => new { x.StandardId, x.CriterionKey }).HasDatabaseName("ix_threshold_values_standard");
    }
}

/// <summary>A number entered, or why it was not (by form field).</summary>
public sealed record ThresholdChange(ThresholdValue? Saved, IReadOnlyDictionary<string, string> Problems, RefusalKind Kind = RefusalKind.Invalid)
{
    public bool Ok => Saved is not null;

    public static ThresholdChange Refused(string field, string problem, RefusalKind kind = RefusalKind.Invalid) =>
        new(null, new Dictionary<string, string> { [field] = problem }, kind);
}

/// <summary>
/// The numbers offices enter where a standard's text gives none (decision 0021): kept in threshold_values, superseded rather
/// than changed, and applied to the catalog's standards on the next request of every web process (<see cref="RefreshAsync"/>).
/// </summary>
public static class ThresholdValueStore
{
    /// <summary>
    /// Brings the catalog's entered numbers up to the database's: one indexed MAX when nothing changed, the current rows when
    /// something did. Run before a request reads a standard; another process's save counts from the next request on.
    /// </summary>
    public static async Task RefreshAsync(TownsDbContext db, PolicyCatalog catalog, CancellationToken ct = default)
    {
        var version = await db.ThresholdValues.MaxAsync(v => (long?)v.Id, ct) ?? 0;
        // Superseding a row updates it without a new id, but always comes with the new row that does.
        if (version == catalog.AppliedVersion) return;
        catalog.UseEnteredValues(version, await Current(db).ToListAsync(ct));
    }

    /// <summary>
    /// <see cref="RefreshAsync"/> for a request's first read of a standard (<see cref="PolicyCatalog.CheckEnteredOnFirstRead"/>),
    /// which happens inside a property: on a context of its own, never one a page may be reading from at that moment.
    /// </summary>
    public static void Refresh(TownsDbContext db, PolicyCatalog catalog)
    {
        var version = db.ThresholdValues.Max(v => (long?)v.Id) ?? 0;
        if (version == catalog.AppliedVersion) return;
        catalog.UseEnteredValues(version, Current(db).ToList());
    }

    private static IQueryable<ThresholdValue> Current(TownsDbContext db) =>
        db.ThresholdValues.AsNoTracking().Where(v => v.SupersededAtUtc == null).OrderBy(v => v.Id);

    /// <summary>Who may enter a standard's numbers: its own jurisdiction's office (as for 审查 and 审定), and the administrator.</summary>
    public static bool CanEnter(UserScope scope, PolicyCatalog catalog, RecognitionStandard standard) =>
        scope.IsAdmin || scope.IsOfficeOf(catalog.AreaOf(standard));

    /// <summary>Every number entered for the standard, the current ones and those they superseded, latest first.</summary>
    public static Task<List<ThresholdValue>> HistoryAsync(TownsDbContext db, string standardId, CancellationToken ct = default) =>
        db.ThresholdValues.AsNoTracking().Where(v => v.StandardId == standardId).OrderByDescending(v => v.Id).ToListAsync(ct);

    /// <summary>
    /// Enters a number for a criterion the standard's pack leaves unset, superseding the current one in the same save (audited),
    /// and applies it to the catalog at once. Refused: a number the text gives, a criterion that takes none, another's standard.
    /// </summary>
    public static async Task<ThresholdChange> SetAsync(TownsDbContext db, PolicyCatalog catalog, TimeProvider time, UserScope scope, string userName,
        string standardId, string? criterionKey, string? category, decimal? value, string? source, CancellationToken ct = default)
    {
        if (catalog.PackStandard(standardId) is not { } pack) return ThresholdChange.Refused("", "没有这个认定标准", RefusalKind.NotFound);
        if (!CanEnter(scope, catalog, pack))
        {
            var area = catalog.AreaOf(pack);
            return ThresholdChange.Refused("", $"{pack.Name}的数值标准由{area[(area.LastIndexOf('/') + 1)..]}专业镇发展领导小组办公室或系统管理员录入", RefusalKind.Forbidden);
        }
        category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        var sources = EnteredThresholds.RulesFor(catalog, pack, Jurisdictions.OfficeShortNames.Of(catalog.Packs), ChinaTime.Today(time).Year);
        if (EnteredThresholds.Problems(pack, sources, criterionKey, category, value, source) is { Count: > 0 } problems)
            return new ThresholdChange(null, problems);

        var criterion = pack.Criteria.Single(c => c.Key == criterionKey);
        var now = time.GetUtcNow().UtcDateTime;
        var saved = new ThresholdValue
        {
            StandardId = pack.Id, CriterionKey = criterion.Key, Category = category, Value = value!.Value, Unit = criterion.Unit ?? "",
            Source = source!.Trim(), EnteredBy = userName, EnteredAtUtc = now,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var current = await db.ThresholdValues
                .Where(v => v.StandardId == pack.Id && v.CriterionKey == criterion.Key && v.Category == category && v.SupersededAtUtc == null)
                .ToListAsync(ct);
            foreach (var old in current) (old.SupersededBy, old.SupersededAtUtc) = (userName, now);
            db.Add(saved);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await RefreshAsync(db, catalog, ct);
        return new ThresholdChange(saved, new Dictionary<string, string>());
    }
}
