using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Support;

// As SupportConfigurations.cs: a programme or a person names its county, town and enterprise, and deleting those is
// refused while it does, so a year's 培训后就业率 does not change behind the office's back.

internal sealed class TrainingProgrammeConfiguration : IEntityTypeConfiguration<TrainingProgramme>
{
    public void Configure(EntityTypeBuilder<TrainingProgramme> e)
    {
        e.ToTable("training_programmes");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(TrainingProgramme.MaxTitle);
        e.Property(x => x.Mode).HasColumnName("mode");
        e.Property(x => x.Organiser).HasColumnName("organiser").HasMaxLength(TrainingProgramme.MaxOrganiser);
        e.Property(x => x.OrganiserKind).HasColumnName("organiser_kind");
        e.Property(x => x.StartOn).HasColumnName("start_on");
        e.Property(x => x.EndOn).HasColumnName("end_on");
        e.Property(x => x.Trainees).HasColumnName("trainees");
        e.Property(x => x.Employed).HasColumnName("employed");
        e.Property(x => x.SubsidyWanYuan).HasColumnName("subsidy_wan_yuan").HasPrecision(18, 4);
        e.Property(x => x.PolicyPackId).HasColumnName("policy_pack_id").HasMaxLength(80);
        e.Property(x => x.ClauseSource).HasColumnName("clause_source").HasMaxLength(120);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(TrainingProgramme.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CountyId, x.EndOn }).HasDatabaseName("ix_training_programmes_county_end");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_training_programmes_town");
    }
}

internal sealed class TalentConfiguration : IEntityTypeConfiguration<Talent>
{
    public void Configure(EntityTypeBuilder<Talent> e)
    {
        e.ToTable("talents");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(Talent.MaxName);
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Employer).HasColumnName("employer").HasMaxLength(Talent.MaxEmployer);
        e.Property(x => x.JobTitle).HasColumnName("job_title").HasMaxLength(Talent.MaxJobTitle);
        e.Property(x => x.Honours).HasColumnName("honours").HasMaxLength(Talent.MaxHonours);
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(Talent.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CountyId, x.Kind }).HasDatabaseName("ix_talents_county_kind");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_talents_town");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_talents_enterprise");
    }
}
