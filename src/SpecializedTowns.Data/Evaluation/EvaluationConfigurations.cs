using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Evaluation;

namespace SpecializedTowns.Data.Evaluation;

// snake_case and explicit, as in EntityConfigurations.cs, so the migration step reads the same on both providers.

internal sealed class AnnualEvaluationConfiguration : IEntityTypeConfiguration<AnnualEvaluation>
{
    public void Configure(EntityTypeBuilder<AnnualEvaluation> e)
    {
        e.ToTable("evaluations");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.AreaPath).HasColumnName("area_path").HasMaxLength(200);
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.PackId).HasColumnName("pack_id").HasMaxLength(100);
        e.Property(x => x.SchemeId).HasColumnName("scheme_id").HasMaxLength(100);
        e.Property(x => x.SchemeName).HasColumnName("scheme_name").HasMaxLength(200);
        e.Property(x => x.SchemeIsPlatformDefault).HasColumnName("scheme_is_platform_default");
        e.Property(x => x.SchemeJson).HasColumnName("scheme_json");
        e.Property(x => x.State).HasColumnName("state");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(60);
        e.Property(x => x.CalculatedAtUtc).HasColumnName("calculated_at_utc");
        e.Property(x => x.PublishedAtUtc).HasColumnName("published_at_utc");
        e.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(60);
        e.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(Core.Documents.DocumentNumber.MaxLength);
        e.Property(x => x.DocumentDate).HasColumnName("document_date");
        // Two offices working on one draft: the second save finds the version moved and is told so.
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.HasOne(x => x.Jurisdiction).WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Results).WithOne().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.ManualScores).WithOne().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JurisdictionId, x.Year, x.Kind }).IsUnique().HasDatabaseName("ux_evaluations_area_year_kind");
        e.HasIndex(x => x.AreaPath).HasDatabaseName("ix_evaluations_area_path");
    }
}

internal sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> e)
    {
        e.ToTable("evaluation_results");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.EvaluationId).HasColumnName("evaluation_id");
        e.Property(x => x.SubjectKey).HasColumnName("subject_key").HasMaxLength(40);
        e.Property(x => x.SubjectId).HasColumnName("subject_id");
        e.Property(x => x.SubjectName).HasColumnName("subject_name").HasMaxLength(200);
        e.Property(x => x.Place).HasColumnName("place").HasMaxLength(100);
        e.Property(x => x.Rank).HasColumnName("rank");
        e.Property(x => x.Total).HasColumnName("total").HasPrecision(8, 2);
        e.Property(x => x.Band).HasColumnName("band").HasMaxLength(40);
        e.Property(x => x.Commended).HasColumnName("commended");
        e.Property(x => x.Supervised).HasColumnName("supervised");
        e.Property(x => x.DetailJson).HasColumnName("detail_json");
        e.HasIndex(x => new { x.EvaluationId, x.SubjectKey }).IsUnique().HasDatabaseName("ux_evaluation_results_subject");
    }
}

internal sealed class ManualScoreConfiguration : IEntityTypeConfiguration<ManualScore>
{
    public void Configure(EntityTypeBuilder<ManualScore> e)
    {
        e.ToTable("evaluation_manual_scores");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.EvaluationId).HasColumnName("evaluation_id");
        e.Property(x => x.SubjectKey).HasColumnName("subject_key").HasMaxLength(40);
        e.Property(x => x.IndicatorKey).HasColumnName("indicator_key").HasMaxLength(60);
        e.Property(x => x.Points).HasColumnName("points").HasPrecision(5, 2);
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(AnnualEvaluation.MaxReason);
        e.Property(x => x.GivenBy).HasColumnName("given_by").HasMaxLength(60);
        e.Property(x => x.GivenAtUtc).HasColumnName("given_at_utc");
        e.HasIndex(x => new { x.EvaluationId, x.SubjectKey, x.IndicatorKey }).IsUnique().HasDatabaseName("ux_evaluation_manual_scores");
    }
}
