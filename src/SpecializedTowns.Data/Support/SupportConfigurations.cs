using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Support;

// snake_case and explicit, as in EntityConfigurations.cs, so the migration step reads the same on both providers.
// A grant, an entry or a candidate names the town and enterprise it concerns; deleting those is refused while it does,
// because the money paid out must stay accounted for.

internal sealed class FundGrantConfiguration : IEntityTypeConfiguration<FundGrant>
{
    public void Configure(EntityTypeBuilder<FundGrant> e)
    {
        e.ToTable("fund_grants");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.FundName).HasColumnName("fund_name").HasMaxLength(FundGrant.MaxName);
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Level).HasColumnName("level");
        e.Property(x => x.PolicyPackId).HasColumnName("policy_pack_id").HasMaxLength(80);
        e.Property(x => x.ClauseSource).HasColumnName("clause_source").HasMaxLength(120);
        e.Property(x => x.RecipientKind).HasColumnName("recipient_kind");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.AmountWanYuan).HasColumnName("amount_wan_yuan").HasPrecision(18, 4);
        e.Property(x => x.GrantedOn).HasColumnName("granted_on");
        e.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(FundGrant.MaxDocumentNumber);
        e.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(FundGrant.MaxPurpose);
        e.Property(x => x.ExpectedOutcome).HasColumnName("expected_outcome").HasMaxLength(FundGrant.MaxOutcome);
        e.Property(x => x.TargetValue).HasColumnName("target_value").HasPrecision(18, 4);
        e.Property(x => x.TargetUnit).HasColumnName("target_unit").HasMaxLength(FundGrant.MaxUnit);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CountyId, x.GrantedOn }).HasDatabaseName("ix_fund_grants_county_date");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_fund_grants_town");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_fund_grants_enterprise");
        e.HasIndex(x => x.ClauseSource).HasDatabaseName("ix_fund_grants_clause");
    }
}

internal sealed class WhiteListEntryConfiguration : IEntityTypeConfiguration<WhiteListEntry>
{
    public void Configure(EntityTypeBuilder<WhiteListEntry> e)
    {
        e.ToTable("white_list_entries");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.RecommendedBy).HasColumnName("recommended_by").HasMaxLength(WhiteListEntry.MaxOffice);
        e.Property(x => x.RecommendedOn).HasColumnName("recommended_on");
        e.Property(x => x.Status).HasColumnName("status");
        e.Property(x => x.FinancingNeedWanYuan).HasColumnName("financing_need_wan_yuan").HasPrecision(18, 4);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(WhiteListEntry.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.Ignore(x => x.LoansWanYuan);
        e.Ignore(x => x.GuaranteesWanYuan);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Financings).WithOne().HasForeignKey(x => x.WhiteListEntryId).OnDelete(DeleteBehavior.Cascade);
        // One enterprise once on a year's list.
        e.HasIndex(x => new { x.EnterpriseId, x.Year }).IsUnique().HasDatabaseName("ix_white_list_entries_enterprise_year");
        e.HasIndex(x => new { x.CountyId, x.Year }).HasDatabaseName("ix_white_list_entries_county_year");
    }
}

internal sealed class FinancingConfiguration : IEntityTypeConfiguration<Financing>
{
    public void Configure(EntityTypeBuilder<Financing> e)
    {
        e.ToTable("white_list_financings");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.WhiteListEntryId).HasColumnName("white_list_entry_id");
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Institution).HasColumnName("institution").HasMaxLength(Financing.MaxInstitution);
        e.Property(x => x.AmountWanYuan).HasColumnName("amount_wan_yuan").HasPrecision(18, 4);
        e.Property(x => x.GrantedOn).HasColumnName("granted_on");
        e.Property(x => x.TermMonths).HasColumnName("term_months");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(WhiteListEntry.MaxNote);
        e.HasIndex(x => x.WhiteListEntryId).HasDatabaseName("ix_white_list_financings_entry");
    }
}

internal sealed class ListingCandidateConfiguration : IEntityTypeConfiguration<ListingCandidate>
{
    public void Configure(EntityTypeBuilder<ListingCandidate> e)
    {
        e.ToTable("listing_candidates");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Stage).HasColumnName("stage");
        e.Property(x => x.AdmittedOn).HasColumnName("admitted_on");
        e.Property(x => x.TargetBoard).HasColumnName("target_board").HasMaxLength(ListingCandidate.MaxBoard);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(ListingCandidate.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ListingCandidateId).OnDelete(DeleteBehavior.Cascade);
        // An enterprise is in the pool once.
        e.HasIndex(x => x.EnterpriseId).IsUnique().HasDatabaseName("ix_listing_candidates_enterprise");
        e.HasIndex(x => new { x.CountyId, x.Stage }).HasDatabaseName("ix_listing_candidates_county_stage");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_listing_candidates_town");
    }
}

internal sealed class ListingStageChangeConfiguration : IEntityTypeConfiguration<ListingStageChange>
{
    public void Configure(EntityTypeBuilder<ListingStageChange> e)
    {
        e.ToTable("listing_stage_changes");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ListingCandidateId).HasColumnName("listing_candidate_id");
        e.Property(x => x.From).HasColumnName("from_stage");
        e.Property(x => x.To).HasColumnName("to_stage");
        e.Property(x => x.On).HasColumnName("changed_on");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(ListingCandidate.MaxNote);
        e.Property(x => x.By).HasColumnName("changed_by").HasMaxLength(100);
        e.HasIndex(x => x.ListingCandidateId).HasDatabaseName("ix_listing_stage_changes_candidate");
    }
}

internal sealed class GeoIndicationConfiguration : IEntityTypeConfiguration<GeoIndicationApplication>
{
    public void Configure(EntityTypeBuilder<GeoIndicationApplication> e)
    {
        e.ToTable("geo_indication_applications");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(GeoIndicationApplication.MaxName);
        e.Property(x => x.Product).HasColumnName("product").HasMaxLength(GeoIndicationApplication.MaxText);
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Applicant).HasColumnName("applicant").HasMaxLength(GeoIndicationApplication.MaxText);
        e.Property(x => x.Status).HasColumnName("status");
        e.Property(x => x.StatusSince).HasColumnName("status_since");
        e.Property(x => x.SubmittedOn).HasColumnName("submitted_on");
        e.Property(x => x.ApprovedOn).HasColumnName("approved_on");
        e.Property(x => x.RegistrationNumber).HasColumnName("registration_number").HasMaxLength(GeoIndicationApplication.MaxText);
        e.Property(x => x.BrandId).HasColumnName("brand_id");
        e.Property(x => x.ClauseSource).HasColumnName("clause_source").HasMaxLength(120);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(GeoIndicationApplication.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        // The brand a grant produced outlives the application's record of it.
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.GeoIndicationApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CountyId, x.Status }).HasDatabaseName("ix_geo_indications_county_status");
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_geo_indications_town");
        e.HasIndex(x => x.BrandId).HasDatabaseName("ix_geo_indications_brand");
    }
}

internal sealed class GeoIndicationStatusChangeConfiguration : IEntityTypeConfiguration<GeoIndicationStatusChange>
{
    public void Configure(EntityTypeBuilder<GeoIndicationStatusChange> e)
    {
        e.ToTable("geo_indication_status_changes");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.GeoIndicationApplicationId).HasColumnName("application_id");
        e.Property(x => x.From).HasColumnName("from_status");
        e.Property(x => x.To).HasColumnName("to_status");
        e.Property(x => x.On).HasColumnName("changed_on");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(GeoIndicationApplication.MaxNote);
        e.Property(x => x.By).HasColumnName("changed_by").HasMaxLength(100);
        e.HasIndex(x => x.GeoIndicationApplicationId).HasDatabaseName("ix_geo_indication_status_changes_application");
    }
}
