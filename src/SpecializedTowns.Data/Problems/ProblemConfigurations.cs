using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Problems;

// snake_case and explicit, as in EntityConfigurations.cs, so the migration step reads the same on both providers.

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> e)
    {
        e.ToTable("problems");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(Problem.MaxTitle);
        e.Property(x => x.Description).HasColumnName("description").HasMaxLength(Problem.MaxText);
        e.Property(x => x.Source).HasColumnName("source");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Category).HasColumnName("category");
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.LeadUnitId).HasColumnName("lead_unit_id");
        e.Property(x => x.Deadline).HasColumnName("deadline");
        e.Property(x => x.RaisedByUserId).HasColumnName("raised_by_user_id");
        e.Property(x => x.RaisedBy).HasColumnName("raised_by").HasMaxLength(60);
        e.Property(x => x.RaisedAtUtc).HasColumnName("raised_at_utc");
        // Two people taking a step on the same problem at once: the second finds the state changed and is told so.
        e.Property(x => x.State).HasColumnName("state").IsConcurrencyToken();
        e.Property(x => x.AcceptedAtUtc).HasColumnName("accepted_at_utc");
        e.Property(x => x.AnsweredAtUtc).HasColumnName("answered_at_utc");
        e.Property(x => x.ClosedAtUtc).HasColumnName("closed_at_utc");
        e.Property(x => x.LatestAnswer).HasColumnName("latest_answer").HasMaxLength(Problem.MaxText);
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        // A problem outlives the town or enterprise record it named; the history says what it was about.
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.RaisedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.CooperatingUnits).WithOne().HasForeignKey(x => x.ProblemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ProblemId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.JurisdictionId).HasDatabaseName("ix_problems_jurisdiction");
        // By state, then deadline: the overdue count on every page's bell reads one range of it per open state (schema 36).
        e.HasIndex(x => new { x.State, x.Deadline }).HasDatabaseName("ix_problems_state_deadline");
        e.HasIndex(x => x.LeadUnitId).HasDatabaseName("ix_problems_lead_unit");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_problems_town");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_problems_enterprise");
        e.HasIndex(x => x.RaisedByUserId).HasDatabaseName("ix_problems_raised_by");
        e.HasIndex(x => new { x.RaisedAtUtc, x.Id }).HasDatabaseName("ix_problems_raised_at");
    }
}

internal sealed class ProblemCooperatingUnitConfiguration : IEntityTypeConfiguration<ProblemCooperatingUnit>
{
    public void Configure(EntityTypeBuilder<ProblemCooperatingUnit> e)
    {
        e.ToTable("problem_cooperating_units");
        e.Property(x => x.ProblemId).HasColumnName("problem_id");
        e.Property(x => x.UnitId).HasColumnName("unit_id");
        e.HasKey(x => new { x.ProblemId, x.UnitId });
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.UnitId).HasDatabaseName("ix_problem_cooperating_units_unit");
    }
}

internal sealed class ProblemEventConfiguration : IEntityTypeConfiguration<ProblemEvent>
{
    public void Configure(EntityTypeBuilder<ProblemEvent> e)
    {
        e.ToTable("problem_events");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ProblemId).HasColumnName("problem_id");
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(60);
        e.Property(x => x.Action).HasColumnName("action").HasMaxLength(40);
        e.Property(x => x.From).HasColumnName("from_state");
        e.Property(x => x.To).HasColumnName("to_state");
        // A step's text is limited where it is typed; the assignment written before it (units, time limit) is not.
        e.Property(x => x.Note).HasColumnName("note");
        e.Property(x => x.OnBehalf).HasColumnName("on_behalf");
        e.HasIndex(x => x.ProblemId).HasDatabaseName("ix_problem_events_problem");
    }
}
