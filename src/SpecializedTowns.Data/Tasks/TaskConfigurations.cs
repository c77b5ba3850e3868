using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Data.Tasks;

// Responsibility lists (责任清单): snake_case like the rest, so Schema/Migrations/*/0006_tasks.sql reads the same on both providers.

internal sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> e)
    {
        e.ToTable("action_plans");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(ActionPlan.MaxTitle);
        e.Property(x => x.PolicyId).HasColumnName("policy_id").HasMaxLength(80);
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.CreatedByUserId).HasColumnName("created_by_user_id");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.Ignore(x => x.AllTasks);
        e.HasOne(x => x.Jurisdiction).WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SpecializedTown).WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Groups).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JurisdictionId, x.Year }).HasDatabaseName("ix_action_plans_jurisdiction_year");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_action_plans_town");
    }
}

internal sealed class TaskGroupConfiguration : IEntityTypeConfiguration<TaskGroup>
{
    public void Configure(EntityTypeBuilder<TaskGroup> e)
    {
        e.ToTable("task_groups");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.PlanId).HasColumnName("plan_id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(ActionPlan.MaxTitle);
        e.Property(x => x.SortOrder).HasColumnName("sort_order");
        e.Property(x => x.Weight).HasColumnName("weight").HasPrecision(9, 2);
        e.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.PlanId).HasDatabaseName("ix_task_groups_plan");
    }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> e)
    {
        e.ToTable("plan_tasks");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.PlanId).HasColumnName("plan_id");
        e.Property(x => x.GroupId).HasColumnName("group_id");
        e.Property(x => x.SortOrder).HasColumnName("sort_order");
        e.Property(x => x.Number).HasColumnName("number").HasMaxLength(20);
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(PlanTask.MaxTitle);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(PlanTask.MaxTitle);
        e.Property(x => x.Measures).HasColumnName("measures").HasMaxLength(PlanTask.MaxText);
        e.Property(x => x.TargetValue).HasColumnName("target_value").HasPrecision(18, 2);
        e.Property(x => x.TargetUnit).HasColumnName("target_unit").HasMaxLength(20);
        e.Property(x => x.CurrentValue).HasColumnName("current_value").HasPrecision(18, 2);
        e.Property(x => x.Weight).HasColumnName("weight").HasPrecision(9, 2);
        e.Property(x => x.Deadline).HasColumnName("deadline");
        e.Property(x => x.OriginalDeadline).HasColumnName("original_deadline");
        e.Property(x => x.OwnProgress).HasColumnName("own_progress");
        e.Property(x => x.DoneOn).HasColumnName("done_on");
        e.Ignore(x => x.IsDone);
        e.Ignore(x => x.IsStarted);
        e.Ignore(x => x.Progress);
        e.Ignore(x => x.LeadUnits);
        e.Ignore(x => x.CooperatingUnits);
        e.HasOne(x => x.Plan).WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Notes).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Extensions).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.PlanId).HasDatabaseName("ix_plan_tasks_plan");
        e.HasIndex(x => x.GroupId).HasDatabaseName("ix_plan_tasks_group");
    }
}

internal sealed class TaskUnitConfiguration : IEntityTypeConfiguration<TaskUnit>
{
    public void Configure(EntityTypeBuilder<TaskUnit> e)
    {
        e.ToTable("task_units");
        e.Property(x => x.TaskId).HasColumnName("task_id");
        e.Property(x => x.UnitId).HasColumnName("unit_id");
        e.Property(x => x.Role).HasColumnName("role");
        e.Property(x => x.SortOrder).HasColumnName("sort_order");
        e.HasKey(x => new { x.TaskId, x.UnitId });
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        // A member unit's own tasks are found through this index.
        e.HasIndex(x => x.UnitId).HasDatabaseName("ix_task_units_unit");
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> e)
    {
        e.ToTable("task_milestones");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.TaskId).HasColumnName("task_id");
        e.Property(x => x.SortOrder).HasColumnName("sort_order");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(PlanTask.MaxTitle);
        e.Property(x => x.Deadline).HasColumnName("deadline");
        e.Property(x => x.OriginalDeadline).HasColumnName("original_deadline");
        e.Property(x => x.Weight).HasColumnName("weight").HasPrecision(9, 2);
        e.Property(x => x.Progress).HasColumnName("progress");
        e.Property(x => x.DoneOn).HasColumnName("done_on");
        e.Ignore(x => x.IsDone);
        e.HasIndex(x => x.TaskId).HasDatabaseName("ix_task_milestones_task");
    }
}

internal sealed class ProgressNoteConfiguration : IEntityTypeConfiguration<ProgressNote>
{
    public void Configure(EntityTypeBuilder<ProgressNote> e)
    {
        e.ToTable("task_notes");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.TaskId).HasColumnName("task_id");
        e.Property(x => x.MilestoneId).HasColumnName("milestone_id");
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(256);
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(UnitNames.MaxLength);
        // Generated notes quote the reporter's own text after the change summary.
        e.Property(x => x.Text).HasColumnName("text").HasMaxLength(4000);
        e.HasIndex(x => x.TaskId).HasDatabaseName("ix_task_notes_task");
    }
}

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> e)
    {
        e.ToTable("task_extensions");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.TaskId).HasColumnName("task_id");
        e.Property(x => x.MilestoneId).HasColumnName("milestone_id");
        e.Property(x => x.PreviousDeadline).HasColumnName("previous_deadline");
        e.Property(x => x.RequestedDeadline).HasColumnName("requested_deadline");
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(PlanTask.MaxText);
        e.Property(x => x.RequestedAtUtc).HasColumnName("requested_at_utc");
        e.Property(x => x.RequestedByUserId).HasColumnName("requested_by_user_id");
        e.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(256);
        e.Property(x => x.RequestedByUnit).HasColumnName("requested_by_unit").HasMaxLength(UnitNames.MaxLength);
        e.Property(x => x.State).HasColumnName("state");
        e.Property(x => x.DecidedAtUtc).HasColumnName("decided_at_utc");
        e.Property(x => x.DecidedByUserId).HasColumnName("decided_by_user_id");
        e.Property(x => x.DecidedBy).HasColumnName("decided_by").HasMaxLength(256);
        e.Property(x => x.DecisionNote).HasColumnName("decision_note").HasMaxLength(PlanTask.MaxText);
        // A milestone with an extension request is never deleted (PlanTask.RemoveMilestone), so the reference holds.
        e.HasOne<Milestone>().WithMany().HasForeignKey(x => x.MilestoneId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(x => x.TaskId).HasDatabaseName("ix_task_extensions_task");
        e.HasIndex(x => x.MilestoneId).HasDatabaseName("ix_task_extensions_milestone");
    }
}
