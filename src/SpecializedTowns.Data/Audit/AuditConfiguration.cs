using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpecializedTowns.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(100);
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(100);
        e.Property(x => x.ActorPath).HasColumnName("actor_path").HasMaxLength(200);
        e.Property(x => x.RecordPath).HasColumnName("record_path").HasMaxLength(200);
        e.Property(x => x.Address).HasColumnName("address").HasMaxLength(64);
        e.Property(x => x.Action).HasColumnName("action");
        e.Property(x => x.EntityType).HasColumnName("entity_type").HasMaxLength(60);
        e.Property(x => x.EntityId).HasColumnName("entity_id").HasMaxLength(60);
        e.Property(x => x.EntityLabel).HasColumnName("entity_label").HasMaxLength(200);
        e.Property(x => x.RootType).HasColumnName("root_type").HasMaxLength(60);
        e.Property(x => x.RootId).HasColumnName("root_id").HasMaxLength(60);
        e.Property(x => x.Changes).HasColumnName("changes");
        // The audit page lists newest first, filtered by time, person or kind of record; a history tab reads one record's entries.
        // Newest first is by time and then id: an import writes all its entries at one moment.
        e.HasIndex(x => new { x.AtUtc, x.Id }).HasDatabaseName("ix_audit_entries_at");
        e.HasIndex(x => new { x.RootType, x.RootId, x.AtUtc }).HasDatabaseName("ix_audit_entries_root");
        // An account's newest, in order from the index alone (AuditQueries.NewestByAccountAsync).
        e.HasIndex(x => new { x.UserId, x.AtUtc, x.Id }).HasDatabaseName("ix_audit_entries_user");
        e.HasIndex(x => new { x.EntityType, x.AtUtc }).HasDatabaseName("ix_audit_entries_type");
        // A kind of record with its parts, newest first (AuditQueries: the filter by kind).
        e.HasIndex(x => new { x.RootType, x.AtUtc, x.Id }).HasDatabaseName("ix_audit_entries_root_time");
        // An office reads by place: a range of paths compared byte by byte (AuditQueries.Visible), on PostgreSQL in the "C"
        // collation whatever the database's locale, so the range is one stretch of these indexes; or each place newest first
        // (AuditQueries.NewestByPlaceAsync), from the index alone, which the id makes whole.
        e.HasIndex(x => new { x.RecordPath, x.AtUtc, x.Id }).HasDatabaseName("ix_audit_entries_record_path").UseCollation("C", null!, null!);
        e.HasIndex(x => new { x.Action, x.AtUtc }).HasDatabaseName("ix_audit_entries_action");
        e.HasIndex(x => new { x.ActorPath, x.AtUtc, x.Id }).HasDatabaseName("ix_audit_entries_actor_path").UseCollation("C", null!, null!);
    }
}
