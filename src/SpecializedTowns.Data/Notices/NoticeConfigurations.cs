using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Notices;

// snake_case and explicit, as in EntityConfigurations.cs, so the migration step reads the same on both providers.

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.ToTable("notices");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.IssuingJurisdictionId).HasColumnName("issuing_jurisdiction_id");
        e.Property(x => x.IssuingOffice).HasColumnName("issuing_office").HasMaxLength(100);
        e.Property(x => x.NumberPrefix).HasColumnName("number_prefix").HasMaxLength(20);
        e.Property(x => x.NumberYear).HasColumnName("number_year");
        e.Property(x => x.NumberSequence).HasColumnName("number_sequence");
        e.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(40);
        e.Property(x => x.RecipientKind).HasColumnName("recipient_kind");
        e.Property(x => x.RecipientTownId).HasColumnName("recipient_town_id");
        e.Property(x => x.RecipientTownshipId).HasColumnName("recipient_township_id");
        e.Property(x => x.RecipientUnitId).HasColumnName("recipient_unit_id");
        e.Property(x => x.RecipientName).HasColumnName("recipient_name").HasMaxLength(100);
        e.Property(x => x.Addressee).HasColumnName("addressee").HasMaxLength(Notice.MaxAddressee);
        e.Property(x => x.RecipientAreaId).HasColumnName("recipient_area_id");
        e.Property(x => x.Subject).HasColumnName("subject").HasMaxLength(Notice.MaxSubject);
        e.Property(x => x.Basis).HasColumnName("basis").HasMaxLength(Notice.MaxBasis);
        e.Property(x => x.EvaluationId).HasColumnName("evaluation_id");
        e.Property(x => x.IssuedOn).HasColumnName("issued_on");
        e.Property(x => x.Deadline).HasColumnName("deadline");
        e.Property(x => x.ContactName).HasColumnName("contact_name").HasMaxLength(Notice.MaxContactName);
        e.Property(x => x.ContactPhone).HasColumnName("contact_phone").HasMaxLength(Notice.MaxPhone);
        // 抄送机关, one a line: a short list read and written with the notice, never queried on its own.
        e.Property(x => x.CopyTo).HasColumnName("copy_to")
            .HasConversion(v => string.Join("\n", v), v => v.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())), v => v.ToList()));
        e.Property(x => x.PolicyPackId).HasColumnName("policy_pack_id").HasMaxLength(100);
        e.Property(x => x.OverdueConsequence).HasColumnName("overdue_consequence").HasMaxLength(300);
        e.Property(x => x.State).HasColumnName("state");
        e.Property(x => x.RectifiedAtUtc).HasColumnName("rectified_at_utc");
        e.Property(x => x.HandledAtUtc).HasColumnName("handled_at_utc");
        e.Property(x => x.CreatedByUserId).HasColumnName("created_by_user_id");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(60);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        // Every step raises it: the second of two people acting at once finds it changed and is told so.
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.IssuingJurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.RecipientAreaId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.RecipientTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.RecipientTownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.RecipientUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Actions).WithOne().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        // A number is never given twice: per issuing office and year, the sequence is unique (and notices are never deleted).
        e.HasIndex(x => new { x.IssuingJurisdictionId, x.NumberYear, x.NumberSequence }).IsUnique().HasDatabaseName("ix_notices_number");
        e.HasIndex(x => x.RecipientAreaId).HasDatabaseName("ix_notices_recipient_area");
        e.HasIndex(x => x.RecipientTownId).HasDatabaseName("ix_notices_recipient_town");
        e.HasIndex(x => x.RecipientTownshipId).HasDatabaseName("ix_notices_recipient_township");
        e.HasIndex(x => x.RecipientUnitId).HasDatabaseName("ix_notices_recipient_unit");
        e.HasIndex(x => x.EvaluationId).HasDatabaseName("ix_notices_evaluation");
        e.HasIndex(x => x.CreatedByUserId).HasDatabaseName("ix_notices_created_by");
    }
}

internal sealed class NoticeItemConfiguration : IEntityTypeConfiguration<NoticeItem>
{
    public void Configure(EntityTypeBuilder<NoticeItem> e)
    {
        e.ToTable("notice_items");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.NoticeId).HasColumnName("notice_id");
        e.Property(x => x.Position).HasColumnName("position");
        e.Property(x => x.Finding).HasColumnName("finding").HasMaxLength(Notice.MaxFindingText);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(Notice.MaxSource);
        e.Property(x => x.State).HasColumnName("state");
        e.Property(x => x.Measures).HasColumnName("measures").HasMaxLength(Notice.MaxText);
        e.Property(x => x.Evidence).HasColumnName("evidence").HasMaxLength(Notice.MaxText);
        e.Property(x => x.RecordedAtUtc).HasColumnName("recorded_at_utc");
        e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(60);
        e.Property(x => x.SubmittedAtUtc).HasColumnName("submitted_at_utc");
        e.Property(x => x.SubmittedOn).HasColumnName("submitted_on");
        e.Property(x => x.VerifiedAtUtc).HasColumnName("verified_at_utc");
        e.Property(x => x.VerifiedBy).HasColumnName("verified_by").HasMaxLength(60);
        e.Property(x => x.ReturnReason).HasColumnName("return_reason").HasMaxLength(Notice.MaxText);
        e.HasIndex(x => new { x.NoticeId, x.Position }).IsUnique().HasDatabaseName("ix_notice_items_position");
    }
}

internal sealed class NoticeEventConfiguration : IEntityTypeConfiguration<NoticeEvent>
{
    public void Configure(EntityTypeBuilder<NoticeEvent> e)
    {
        e.ToTable("notice_events");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.NoticeId).HasColumnName("notice_id");
        e.Property(x => x.ItemPosition).HasColumnName("item_position");
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(60);
        e.Property(x => x.Action).HasColumnName("action").HasMaxLength(40);
        // A step's text is limited where it is typed; a summary written with it (the actions taken) is not.
        e.Property(x => x.Note).HasColumnName("note");
        e.Property(x => x.OnBehalf).HasColumnName("on_behalf");
        e.HasIndex(x => x.NoticeId).HasDatabaseName("ix_notice_events_notice");
    }
}

internal sealed class NoticeActionConfiguration : IEntityTypeConfiguration<NoticeAction>
{
    public void Configure(EntityTypeBuilder<NoticeAction> e)
    {
        e.ToTable("notice_actions");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.NoticeId).HasColumnName("notice_id");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.TakenOn).HasColumnName("taken_on");
        e.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(Notice.MaxDocumentNumber);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(Notice.MaxText);
        e.Property(x => x.RecordedByUserId).HasColumnName("recorded_by_user_id");
        e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(60);
        e.Property(x => x.RecordedAtUtc).HasColumnName("recorded_at_utc");
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.RecordedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.NoticeId).HasDatabaseName("ix_notice_actions_notice");
        e.HasIndex(x => x.RecordedByUserId).HasDatabaseName("ix_notice_actions_recorded_by");
    }
}

internal sealed class NoticeFileConfiguration : IEntityTypeConfiguration<NoticeFile>
{
    public void Configure(EntityTypeBuilder<NoticeFile> e)
    {
        e.ToTable("notice_files");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.NoticeId).HasColumnName("notice_id");
        e.Property(x => x.NoticeItemId).HasColumnName("notice_item_id");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(200);
        e.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(100);
        e.Property(x => x.Size).HasColumnName("size");
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.UploadedByUserId).HasColumnName("uploaded_by_user_id");
        e.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(60);
        e.Property(x => x.UploadedAtUtc).HasColumnName("uploaded_at_utc");
        e.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UploadedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<NoticeItem>().WithMany().HasForeignKey(x => x.NoticeItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.NoticeId).HasDatabaseName("ix_notice_files_notice");
        e.HasIndex(x => x.NoticeItemId).HasDatabaseName("ix_notice_files_item");
        e.HasIndex(x => x.UploadedByUserId).HasDatabaseName("ix_notice_files_uploaded_by");
    }
}
