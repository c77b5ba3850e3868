using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Reports;

namespace SpecializedTowns.Data.Reports;

internal sealed class TaskForceConfiguration : IEntityTypeConfiguration<TaskForce>
{
    public void Configure(EntityTypeBuilder<TaskForce> e)
    {
        e.ToTable("task_forces");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.ResponsibleLeader).HasColumnName("responsible_leader").HasMaxLength(ReportLimits.Leader);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(ReportLimits.Source);
        e.Property(x => x.ReportsFrom).HasColumnName("reports_from");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at_utc");
        e.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.County).WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.TaskForceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Townships).WithOne().HasForeignKey(x => x.TaskForceId).OnDelete(DeleteBehavior.Cascade);
        // One task force per town (附件1: 每个专业镇一个专班).
        e.HasIndex(x => x.SpecializedTownId).IsUnique().HasDatabaseName("ix_task_forces_town");
        e.HasIndex(x => x.CountyId).HasDatabaseName("ix_task_forces_county");
    }
}

internal sealed class TaskForceUnitConfiguration : IEntityTypeConfiguration<TaskForceUnit>
{
    public void Configure(EntityTypeBuilder<TaskForceUnit> e)
    {
        e.ToTable("task_force_units");
        e.HasKey(x => new { x.TaskForceId, x.UnitId });
        e.Property(x => x.TaskForceId).HasColumnName("task_force_id");
        e.Property(x => x.UnitId).HasColumnName("unit_id");
        e.Property(x => x.Role).HasColumnName("role");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.UnitId).HasDatabaseName("ix_task_force_units_unit");
    }
}

internal sealed class TaskForceTownshipConfiguration : IEntityTypeConfiguration<TaskForceTownship>
{
    public void Configure(EntityTypeBuilder<TaskForceTownship> e)
    {
        e.ToTable("task_force_townships");
        e.HasKey(x => new { x.TaskForceId, x.TownshipId });
        e.Property(x => x.TaskForceId).HasColumnName("task_force_id");
        e.Property(x => x.TownshipId).HasColumnName("township_id");
        e.HasOne(x => x.Township).WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.TownshipId).HasDatabaseName("ix_task_force_townships_township");
    }
}

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> e)
    {
        e.ToTable("monthly_reports");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.TaskForceId).HasColumnName("task_force_id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Month).HasColumnName("month");
        e.Property(x => x.State).HasColumnName("state");
        e.Property(x => x.OutputWanYuan).HasColumnName("output_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.OutputYearToDateWanYuan).HasColumnName("output_ytd_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.InvestmentYearToDateWanYuan).HasColumnName("investment_ytd_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.Employees).HasColumnName("employees");
        e.Property(x => x.NewMarketEntities).HasColumnName("new_market_entities");
        e.Property(x => x.NewAboveScaleEnterprises).HasColumnName("new_above_scale_enterprises");
        e.Property(x => x.Progress).HasColumnName("progress").HasMaxLength(ReportLimits.Progress);
        e.Property(x => x.NextMonthPlan).HasColumnName("next_month_plan").HasMaxLength(ReportLimits.Text);
        e.Property(x => x.Difficulties).HasColumnName("difficulties").HasMaxLength(ReportLimits.Text);
        e.Property(x => x.ProblemId).HasColumnName("problem_id");
        e.Property(x => x.OutputExplanation).HasColumnName("output_explanation").HasMaxLength(ReportLimits.Explanation);
        e.Property(x => x.OutputYearToDateExplanation).HasColumnName("output_ytd_explanation").HasMaxLength(ReportLimits.Explanation);
        e.Property(x => x.InvestmentYearToDateExplanation).HasColumnName("investment_ytd_explanation").HasMaxLength(ReportLimits.Explanation);
        e.Property(x => x.FirstSubmittedAtUtc).HasColumnName("first_submitted_at_utc");
        e.Property(x => x.SubmittedAtUtc).HasColumnName("submitted_at_utc");
        e.Property(x => x.AcceptedAtUtc).HasColumnName("accepted_at_utc");
        e.Property(x => x.ReopenedUntil).HasColumnName("reopened_until");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at_utc");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(60);
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.Ignore(x => x.Period);
        e.Ignore(x => x.Figures);
        e.Ignore(x => x.Content);
        e.HasOne(x => x.TaskForce).WithMany().HasForeignKey(x => x.TaskForceId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.TaskForceId, x.Year, x.Month }).IsUnique().HasDatabaseName("ix_monthly_reports_task_force_month");
        e.HasIndex(x => new { x.Year, x.Month, x.State }).HasDatabaseName("ix_monthly_reports_month_state");
        e.HasIndex(x => x.ProblemId).HasDatabaseName("ix_monthly_reports_problem");
    }
}

internal sealed class ReportStepConfiguration : IEntityTypeConfiguration<ReportStep>
{
    public void Configure(EntityTypeBuilder<ReportStep> e)
    {
        e.ToTable("monthly_report_steps");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ReportId).HasColumnName("report_id");
        e.Property(x => x.Action).HasColumnName("action");
        e.Property(x => x.From).HasColumnName("from_state");
        e.Property(x => x.To).HasColumnName("to_state");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(60);
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(ReportLimits.Reason + 40);
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.HasIndex(x => x.ReportId).HasDatabaseName("ix_monthly_report_steps_report");
    }
}
