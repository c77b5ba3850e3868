using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Data;

public sealed class TownsDbContext(DbContextOptions<TownsDbContext> options, AuditActorSource? actors = null, TimeProvider? time = null)
    : IdentityDbContext<AppUser, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    private AuditActor? actor;

    /// <summary>Who the audit entries of this context's saves name: set here (the command line), else the request's signed-in person, else the platform.</summary>
    public AuditActor Actor
    {
        get => actor ?? actors?.Current ?? AuditActor.System;
        set => actor = value;
    }

    /// <summary>Off only while the platform loads its own seed and demo data, which nobody changed.</summary>
    public bool AuditEnabled { get; set; } = true;

    /// <summary>Inside <see cref="PlansPerRun.PlannedPerRunAsync"/>: work nested in it (the bell lists projects) runs as part of it.</summary>
    internal bool PlanningPerRun { get; set; }

    private readonly TimeProvider time = time ?? TimeProvider.System;

    internal DateTime UtcNow => this.time.GetUtcNow().UtcDateTime;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>The keys that sign cookies and antiforgery tokens, shared by every web process on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Imports.ImportJobRecord> ImportJobs => Set<Imports.ImportJobRecord>();
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<PolicyDocumentRecord> PolicyDocuments => Set<PolicyDocumentRecord>();
    public DbSet<SpecializedTown> Towns => Set<SpecializedTown>();
    public DbSet<TownTownship> TownTownships => Set<TownTownship>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<TownAnnualStatistics> TownStatistics => Set<TownAnnualStatistics>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<IndustryStandardRecord> IndustryStandards => Set<IndustryStandardRecord>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<EnterpriseDesignation> EnterpriseDesignations => Set<EnterpriseDesignation>();
    /// <summary>Read only: the database keeps them (see <see cref="Enterprises.EnterpriseTally"/>).</summary>
    public DbSet<Enterprises.EnterpriseTally> EnterpriseTallies => Set<Enterprises.EnterpriseTally>();

    /// <summary>Written by triggers only (see <see cref="Reserve.ClusterYears"/>).</summary>
    public DbSet<Reserve.DataChange> DataChanges => Set<Reserve.DataChange>();

    /// <summary>Written by triggers only (see <see cref="Projects.ProjectSummaries"/>).</summary>
    public DbSet<Projects.ProjectChange> ProjectChanges => Set<Projects.ProjectChange>();
    public DbSet<Exports.ExportProgressRecord> ExportProgress => Set<Exports.ExportProgressRecord>();
    public DbSet<EnterpriseAnnualStatistics> EnterpriseStatistics => Set<EnterpriseAnnualStatistics>();
    public DbSet<RecognitionApplication> Applications => Set<RecognitionApplication>();
    public DbSet<Core.Recognition.ThresholdValue> ThresholdValues => Set<Core.Recognition.ThresholdValue>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitFormerName> UnitFormerNames => Set<UnitFormerName>();
    public DbSet<KeyProject> Projects => Set<KeyProject>();
    public DbSet<ProjectProgress> ProjectProgress => Set<ProjectProgress>();
    public DbSet<Data.Projects.StoredProjectWarning> ProjectWarnings => Set<Data.Projects.StoredProjectWarning>();
    public DbSet<ElementGuarantee> ProjectGuarantees => Set<ElementGuarantee>();
    public DbSet<ProjectStageChange> ProjectStageChanges => Set<ProjectStageChange>();
    public DbSet<ProjectBatch> ProjectBatches => Set<ProjectBatch>();
    public DbSet<ProjectBatchItem> ProjectBatchItems => Set<ProjectBatchItem>();
    public DbSet<InvestmentLead> InvestmentLeads => Set<InvestmentLead>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<ProblemCooperatingUnit> ProblemCooperatingUnits => Set<ProblemCooperatingUnit>();
    public DbSet<ProblemEvent> ProblemEvents => Set<ProblemEvent>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();
    public DbSet<TaskGroup> TaskGroups => Set<TaskGroup>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<TaskUnit> TaskUnits => Set<TaskUnit>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ProgressNote> ProgressNotes => Set<ProgressNote>();
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();
    public DbSet<Core.Reports.TaskForce> TaskForces => Set<Core.Reports.TaskForce>();
    public DbSet<TaskForceUnit> TaskForceUnits => Set<TaskForceUnit>();
    public DbSet<TaskForceTownship> TaskForceTownships => Set<TaskForceTownship>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<ReportStep> ReportSteps => Set<ReportStep>();
    public DbSet<Core.Evaluation.AnnualEvaluation> Evaluations => Set<Core.Evaluation.AnnualEvaluation>();
    public DbSet<Core.Evaluation.EvaluationResult> EvaluationResults => Set<Core.Evaluation.EvaluationResult>();
    public DbSet<Core.Evaluation.ManualScore> ManualScores => Set<Core.Evaluation.ManualScore>();
    public DbSet<Core.Commendations.ProductMarketRank> MarketRanks => Set<Core.Commendations.ProductMarketRank>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeItem> NoticeItems => Set<NoticeItem>();
    public DbSet<NoticeEvent> NoticeEvents => Set<NoticeEvent>();
    public DbSet<NoticeAction> NoticeActions => Set<NoticeAction>();
    public DbSet<NoticeFile> NoticeFiles => Set<NoticeFile>();
    public DbSet<Core.Support.FundGrant> FundGrants => Set<Core.Support.FundGrant>();
    public DbSet<Core.Support.WhiteListEntry> WhiteListEntries => Set<Core.Support.WhiteListEntry>();
    public DbSet<Core.Support.Financing> Financings => Set<Core.Support.Financing>();
    public DbSet<Core.Support.ListingCandidate> ListingCandidates => Set<Core.Support.ListingCandidate>();
    public DbSet<Core.Support.ListingStageChange> ListingStageChanges => Set<Core.Support.ListingStageChange>();
    public DbSet<Core.Support.GeoIndicationApplication> GeoIndications => Set<Core.Support.GeoIndicationApplication>();
    public DbSet<Core.Support.GeoIndicationStatusChange> GeoIndicationStatusChanges => Set<Core.Support.GeoIndicationStatusChange>();
    public DbSet<Core.Support.TrainingProgramme> TrainingProgrammes => Set<Core.Support.TrainingProgramme>();
    public DbSet<Core.Support.Talent> Talents => Set<Core.Support.Talent>();
    public DbSet<Core.Support.ServicePlatform> ServicePlatforms => Set<Core.Support.ServicePlatform>();
    public DbSet<Core.Support.ServicePlatformFunction> ServicePlatformFunctions => Set<Core.Support.ServicePlatformFunction>();
    public DbSet<Core.Support.TradeEvent> TradeEvents => Set<Core.Support.TradeEvent>();
    public DbSet<Core.Support.TradeEventTown> TradeEventTowns => Set<Core.Support.TradeEventTown>();
    public DbSet<Core.Support.EventParticipant> EventParticipants => Set<Core.Support.EventParticipant>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves the changes and, in the same transaction, one audit entry per changed row: a change without its record
    /// (or a record without its change) is never left behind. A change to a project or its progress also drops the
    /// project's stored warning (see <see cref="Data.Projects.ProjectWarningStore"/>) in that transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EditConflicts.MoveVersionsOn(ChangeTracker);
        var warningsTouched = Data.Projects.ProjectWarningStore.Touching(ChangeTracker);
        var pending = AuditEnabled ? AuditTrail.Capture(ChangeTracker, Actor) : [];
        if (pending.Count == 0 && warningsTouched is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (warningsTouched is not null) await Data.Projects.ProjectWarningStore.LockAsync(this, cancellationToken);
            var saved = await base.SaveChangesAsync(true, cancellationToken);
            if (pending.Count > 0)
            {
                var at = time.GetUtcNow().UtcDateTime;
                var who = Actor;
                var entries = pending.Select(p => p.Complete(who, at)).ToList();
                var places = new Dictionary<AuditEntry, int?>(ReferenceEqualityComparer.Instance);
                for (var i = 0; i < entries.Count; i++) places[entries[i]] = pending[i].OwnRootPlace;
                await AuditPlaces.FillAsync(this, entries, e => places[e], cancellationToken);
                await AuditParentLabels.FillAsync(this, entries, cancellationToken);
                AuditEntries.AddRange(entries);
                await base.SaveChangesAsync(true, cancellationToken);
                // The entries are written; nobody reads them back through this context, and a long import must not keep them tracked.
                foreach (var entry in entries) Entry(entry).State = EntityState.Detached;
            }
            if (warningsTouched is not null) await Data.Projects.ProjectWarningStore.ForgetAsync(this, warningsTouched, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(TownsDbContext).Assembly);
        Data.Projects.StoredProjectWarningOrder.Configure(b, Database.IsNpgsql());
        Data.Jurisdictions.PlaceOrder.Configure(b.Entity<Core.Jurisdictions.Jurisdiction>(), Database.IsNpgsql());
        AuditLabelIndex.Configure(b, Database.IsNpgsql());
        Data.Enterprises.EnterpriseNameIndex.Configure(b, Database.IsNpgsql());
        // The records edited in forms carry a version the database checks on every update (step 0020); see EditConflicts.
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(Core.IVersioned).IsAssignableFrom(t.ClrType)).ToList())
            b.Entity(type.ClrType).Property(nameof(Core.IVersioned.Version)).HasColumnName("version").IsConcurrencyToken();
    }
}
