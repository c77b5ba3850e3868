using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// An uploaded file being checked or written, kept in the database (schema step 0020) so that the page's progress polls and
/// the confirmation may reach any web process behind the load balancer, not only the one that took the upload. Removed an
/// hour after it was made. Machinery, not a record anybody edits: not audited.
/// </summary>
public sealed class ImportJobRecord
{
    public Guid Id { get; set; }
    public int UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Written by the process running the job about every second; a running job not touched for long lost its process.</summary>
    public DateTime TouchedAtUtc { get; set; }

    public string Phase { get; set; } = "";
    public int Done { get; set; }
    public int Total { get; set; }
    public bool Running { get; set; }
    public bool Committing { get; set; }

    /// <summary>Checked without an error and not yet written: the only state a confirmation may start from.</summary>
    public bool CanCommit { get; set; }

    /// <summary>The check's or the write's <see cref="ImportResult"/> as JSON (the preview cut to its first rows).</summary>
    public string? Result { get; set; }

    public string? Failure { get; set; }
}

internal sealed class ImportJobRecordConfiguration : IEntityTypeConfiguration<ImportJobRecord>
{
    public void Configure(EntityTypeBuilder<ImportJobRecord> e)
    {
        e.ToTable("import_jobs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(100);
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(40);
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(260);
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.TouchedAtUtc).HasColumnName("touched_at_utc");
        e.Property(x => x.Phase).HasColumnName("phase").HasMaxLength(100);
        e.Property(x => x.Done).HasColumnName("done");
        e.Property(x => x.Total).HasColumnName("total");
        e.Property(x => x.Running).HasColumnName("running");
        e.Property(x => x.Committing).HasColumnName("committing");
        e.Property(x => x.CanCommit).HasColumnName("can_commit");
        e.Property(x => x.Result).HasColumnName("result");
        e.Property(x => x.Failure).HasColumnName("failure").HasMaxLength(500);
        e.HasIndex(x => x.CreatedAtUtc).HasDatabaseName("ix_import_jobs_created");
    }
}
