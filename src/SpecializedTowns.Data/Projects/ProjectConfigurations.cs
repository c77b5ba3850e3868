using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Projects;

namespace SpecializedTowns.Data.Projects;

internal sealed class KeyProjectConfiguration : IEntityTypeConfiguration<KeyProject>
{
    public void Configure(EntityTypeBuilder<KeyProject> e)
    {
        e.ToTable("key_projects");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.OwnerEnterpriseId).HasColumnName("owner_enterprise_id");
        e.Property(x => x.OwnerName).HasColumnName("owner_name").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Role).HasColumnName("role");
        e.Property(x => x.Description).HasColumnName("description").HasMaxLength(ProjectLimits.Text);
        e.Property(x => x.TotalInvestmentWanYuan).HasColumnName("total_investment_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.AnnualPlannedInvestmentWanYuan).HasColumnName("annual_planned_investment_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.PlanYear).HasColumnName("plan_year");
        e.Property(x => x.ResponsibleUnitId).HasColumnName("responsible_unit_id");
        e.Property(x => x.ResponsibleLeader).HasColumnName("responsible_leader").HasMaxLength(60);
        e.Property(x => x.Stage).HasColumnName("stage");
        e.Property(x => x.PlannedSignedOn).HasColumnName("planned_signed_on");
        e.Property(x => x.SignedOn).HasColumnName("signed_on");
        e.Property(x => x.PlannedStartOn).HasColumnName("planned_start_on");
        e.Property(x => x.StartedOn).HasColumnName("started_on");
        e.Property(x => x.PlannedProductionOn).HasColumnName("planned_production_on");
        e.Property(x => x.InProductionOn).HasColumnName("in_production_on");
        e.Property(x => x.PlannedTargetOn).HasColumnName("planned_target_on");
        e.Property(x => x.AtTargetOn).HasColumnName("at_target_on");
        e.Property(x => x.LandedOn).HasColumnName("landed_on");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.County).WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.OwnerEnterprise).WithMany().HasForeignKey(x => x.OwnerEnterpriseId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.ResponsibleUnit).WithMany().HasForeignKey(x => x.ResponsibleUnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Progress).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Guarantees).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.StageChanges).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CountyId, x.Stage }).HasDatabaseName("ix_key_projects_county_stage");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_key_projects_town");
        e.HasIndex(x => x.ResponsibleUnitId).HasDatabaseName("ix_key_projects_unit");
    }
}

internal sealed class ProjectProgressConfiguration : IEntityTypeConfiguration<ProjectProgress>
{
    public void Configure(EntityTypeBuilder<ProjectProgress> e)
    {
        e.ToTable("project_progress");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Month).HasColumnName("month");
        e.Property(x => x.InvestmentCompletedWanYuan).HasColumnName("investment_completed_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.PhysicalProgress).HasColumnName("physical_progress").HasMaxLength(ProjectLimits.Text);
        e.Property(x => x.Difficulties).HasColumnName("difficulties").HasMaxLength(ProjectLimits.Text);
        e.Property(x => x.ProblemId).HasColumnName("problem_id");
        e.Property(x => x.ReportedByUserId).HasColumnName("reported_by_user_id");
        e.Property(x => x.ReportedBy).HasColumnName("reported_by").HasMaxLength(60);
        e.Property(x => x.ReportedAtUtc).HasColumnName("reported_at_utc");
        e.HasIndex(x => new { x.ProjectId, x.Year, x.Month }).IsUnique().HasDatabaseName("ix_project_progress_project_month");
        // The library's card adds up a year's completed investment month by month (ProjectQueries.SummaryAsync) from this
        // index alone. The project before the month: SQLite, which keeps no statistics, also takes it for a project's figures
        // of its plan year (CompletedInPlanYearAsync), and with the month second it read the whole year for each project
        // (the API's page of 50: 75–400 ms against under 1).
        e.HasIndex(x => new { x.Year, x.ProjectId, x.Month, x.InvestmentCompletedWanYuan }).HasDatabaseName("ix_project_progress_year_month");
    }
}

internal sealed class ElementGuaranteeConfiguration : IEntityTypeConfiguration<ElementGuarantee>
{
    public void Configure(EntityTypeBuilder<ElementGuarantee> e)
    {
        e.ToTable("project_guarantees");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Status).HasColumnName("status");
        e.Property(x => x.UnitId).HasColumnName("unit_id");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(ProjectLimits.Note);
        e.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at_utc");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.ProjectId, x.Kind }).IsUnique().HasDatabaseName("ix_project_guarantees_project_kind");
        e.HasIndex(x => x.UnitId).HasDatabaseName("ix_project_guarantees_unit");
    }
}

internal sealed class ProjectStageChangeConfiguration : IEntityTypeConfiguration<ProjectStageChange>
{
    public void Configure(EntityTypeBuilder<ProjectStageChange> e)
    {
        e.ToTable("project_stage_changes");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.Property(x => x.From).HasColumnName("from_stage");
        e.Property(x => x.To).HasColumnName("to_stage");
        e.Property(x => x.On).HasColumnName("reached_on");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(60);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(ProjectLimits.Note);
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.HasIndex(x => x.ProjectId).HasDatabaseName("ix_project_stage_changes_project");
    }
}

internal sealed class ProjectBatchConfiguration : IEntityTypeConfiguration<ProjectBatch>
{
    public void Configure(EntityTypeBuilder<ProjectBatch> e)
    {
        e.ToTable("project_batches");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.HeldOn).HasColumnName("held_on");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.Location).HasColumnName("location").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Core.Jurisdictions.Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JurisdictionId, x.HeldOn }).HasDatabaseName("ix_project_batches_jurisdiction_date");
    }
}

internal sealed class ProjectBatchItemConfiguration : IEntityTypeConfiguration<ProjectBatchItem>
{
    public void Configure(EntityTypeBuilder<ProjectBatchItem> e)
    {
        e.ToTable("project_batch_items");
        e.HasKey(x => new { x.BatchId, x.ProjectId });
        e.Property(x => x.BatchId).HasColumnName("batch_id");
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.HasOne<KeyProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.ProjectId).HasDatabaseName("ix_project_batch_items_project");
    }
}

internal sealed class InvestmentLeadConfiguration : IEntityTypeConfiguration<InvestmentLead>
{
    public void Configure(EntityTypeBuilder<InvestmentLead> e)
    {
        e.ToTable("investment_leads");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.TargetEnterprise).HasColumnName("target_enterprise").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.ChainLink).HasColumnName("chain_link");
        e.Property(x => x.ChainPosition).HasColumnName("chain_position").HasMaxLength(ProjectLimits.Name);
        e.Property(x => x.Channel).HasColumnName("channel");
        e.Property(x => x.IntendedInvestmentWanYuan).HasColumnName("intended_investment_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.ResponsibleUnitId).HasColumnName("responsible_unit_id");
        e.Property(x => x.Contact).HasColumnName("contact").HasMaxLength(100);
        e.Property(x => x.Notes).HasColumnName("notes").HasMaxLength(ProjectLimits.Text);
        e.Property(x => x.Stage).HasColumnName("stage");
        e.Property(x => x.FirstContactOn).HasColumnName("first_contact_on");
        e.Property(x => x.SignedOn).HasColumnName("signed_on");
        e.Property(x => x.LandedOn).HasColumnName("landed_on");
        e.Property(x => x.DropReason).HasColumnName("drop_reason").HasMaxLength(ProjectLimits.Note);
        e.Property(x => x.KeyProjectId).HasColumnName("key_project_id");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.County).WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ResponsibleUnit).WithMany().HasForeignKey(x => x.ResponsibleUnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<KeyProject>().WithMany().HasForeignKey(x => x.KeyProjectId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.CountyId, x.Stage }).HasDatabaseName("ix_investment_leads_county_stage");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_investment_leads_town");
    }
}
