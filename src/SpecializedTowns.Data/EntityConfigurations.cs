using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data;

// Table and column names are snake_case and explicit so the hand-written migration scripts
// (Schema/Migrations) read the same on SQLite and PostgreSQL.

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> e)
    {
        e.ToTable("jurisdictions");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(x => x.Level).HasColumnName("level");
        e.Property(x => x.Code).HasColumnName("code").HasMaxLength(12);
        e.Property(x => x.ParentId).HasColumnName("parent_id");
        e.Property(x => x.Path).HasColumnName("path").HasMaxLength(400);
        e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.Path).IsUnique().HasDatabaseName("ix_jurisdictions_path");
        // The places below a path as one range compared byte by byte (UserScope.CountiesUnder; schema version 38).
        e.HasIndex(x => x.Path, "ix_jurisdictions_path_c").UseCollation("C", null!);
        e.HasIndex(x => x.ParentId).HasDatabaseName("ix_jurisdictions_parent_id");
        e.HasIndex(x => new { x.Level, x.Path }).HasDatabaseName("ix_jurisdictions_level_path");
    }
}

internal sealed class PolicyDocumentConfiguration : IEntityTypeConfiguration<PolicyDocumentRecord>
{
    public void Configure(EntityTypeBuilder<PolicyDocumentRecord> e)
    {
        e.ToTable("policy_documents");
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(80);
        e.Property(x => x.Number).HasColumnName("number").HasMaxLength(80);
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
        e.Property(x => x.JurisdictionName).HasColumnName("jurisdiction_name").HasMaxLength(100);
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.Level).HasColumnName("level").HasMaxLength(20);
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20);
        e.Property(x => x.IssuedOn).HasColumnName("issued_on");
        e.Property(x => x.PackYaml).HasColumnName("pack_yaml");
        e.Property(x => x.LoadedAtUtc).HasColumnName("loaded_at_utc");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.JurisdictionId).HasDatabaseName("ix_policy_documents_jurisdiction_id");
    }
}

internal sealed class SpecializedTownConfiguration : IEntityTypeConfiguration<SpecializedTown>
{
    public void Configure(EntityTypeBuilder<SpecializedTown> e)
    {
        e.ToTable("specialized_towns");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.Category).HasColumnName("category").HasMaxLength(40);
        e.Property(x => x.LeadingIndustry).HasColumnName("leading_industry").HasMaxLength(100);
        e.Property(x => x.LeadingProducts).HasColumnName("leading_products").HasMaxLength(400);
        e.Property(x => x.Tier).HasColumnName("tier");
        e.Property(x => x.PolicyId).HasColumnName("policy_id").HasMaxLength(80);
        e.Property(x => x.HistoricalOriginOrGeographicalIndication).HasColumnName("historical_origin_or_gi");
        e.Property(x => x.LargeNationalMarketSpace).HasColumnName("large_national_market_space");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne(x => x.County).WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Townships).WithOne().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.TierHistory).WithOne().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Statistics).WithOne().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Brands).WithOne().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.IndustryStandards).WithOne().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CountyId, x.Name }).IsUnique().HasDatabaseName("ix_specialized_towns_county_id_name");
        e.HasIndex(x => x.Tier).HasDatabaseName("ix_specialized_towns_tier");
    }
}

internal sealed class TownTownshipConfiguration : IEntityTypeConfiguration<TownTownship>
{
    public void Configure(EntityTypeBuilder<TownTownship> e)
    {
        e.ToTable("specialized_town_townships");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.TownshipId).HasColumnName("township_id");
        e.HasKey(x => new { x.SpecializedTownId, x.TownshipId });
        e.HasOne(x => x.Township).WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.TownshipId).HasDatabaseName("ix_specialized_town_townships_township_id");
    }
}

internal sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> e)
    {
        e.ToTable("tier_changes");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Tier).HasColumnName("tier");
        e.Property(x => x.StandardId).HasColumnName("standard_id").HasMaxLength(80);
        e.Property(x => x.EffectiveOn).HasColumnName("effective_on");
        e.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(80);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(400);
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_tier_changes_specialized_town_id");
    }
}

internal sealed class TownStatisticsConfiguration : IEntityTypeConfiguration<TownAnnualStatistics>
{
    public void Configure(EntityTypeBuilder<TownAnnualStatistics> e)
    {
        e.ToTable("town_annual_statistics");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.OutputValueWanYuan).HasColumnName("output_value_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.RevenueWanYuan).HasColumnName("revenue_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.TaxWanYuan).HasColumnName("tax_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.Employment).HasColumnName("employment");
        e.Property(x => x.ProvincialMarketSharePercent).HasColumnName("provincial_market_share_percent").HasPrecision(5, 2);
        e.Property(x => x.CityMarketSharePercent).HasColumnName("city_market_share_percent").HasPrecision(5, 2);
        e.Property(x => x.NationalMarketSharePercent).HasColumnName("national_market_share_percent").HasPrecision(5, 2);
        e.Property(x => x.ExportWanYuan).HasColumnName("export_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.Patents).HasColumnName("patents");
        e.Property(x => x.PublicServicePlatforms).HasColumnName("public_service_platforms");
        e.Property(x => x.LeadingEnterprises).HasColumnName("leading_enterprises");
        e.Property(x => x.SupportingEnterprises).HasColumnName("supporting_enterprises");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasIndex(x => new { x.SpecializedTownId, x.Year }).IsUnique().HasDatabaseName("ix_town_annual_statistics_town_year");
    }
}

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> e)
    {
        e.ToTable("brands");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Level).HasColumnName("level");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Honour).HasColumnName("honour");
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_brands_specialized_town_id");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_brands_enterprise_id");
    }
}

internal sealed class IndustryStandardConfiguration : IEntityTypeConfiguration<IndustryStandardRecord>
{
    public void Configure(EntityTypeBuilder<IndustryStandardRecord> e)
    {
        e.ToTable("industry_standards");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.Code).HasColumnName("code").HasMaxLength(60);
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Role).HasColumnName("role");
        e.Property(x => x.Year).HasColumnName("year");
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_industry_standards_specialized_town_id");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_industry_standards_enterprise_id");
    }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        e.ToTable("enterprises");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.Uscc).HasColumnName("uscc").HasMaxLength(18).IsFixedLength(false);
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.TownshipId).HasColumnName("township_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Role).HasColumnName("role");
        e.Property(x => x.IsAboveScale).HasColumnName("is_above_scale");
        e.Property(x => x.Industry).HasColumnName("industry").HasMaxLength(Enterprise.MaxIndustry);
        e.Property(x => x.IndustryCategory).HasColumnName("industry_category").HasMaxLength(40);
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne(x => x.County).WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Designations).WithOne().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Statistics).WithOne().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.Uscc).IsUnique().HasDatabaseName("ix_enterprises_uscc");
        e.HasIndex(x => new { x.SpecializedTownId, x.Role, x.Name, x.Id, x.CountyId }).HasDatabaseName("ix_enterprises_specialized_town_id_role_name");
        e.HasIndex(x => new { x.CountyId, x.Role, x.Name, x.Id }).HasDatabaseName("ix_enterprises_county_id_role_name");
        e.HasIndex(x => x.TownshipId).HasDatabaseName("ix_enterprises_township_id");
        Enterprises.OutputOrder.Configure(e);
    }
}

internal sealed class EnterpriseDesignationConfiguration : IEntityTypeConfiguration<EnterpriseDesignation>
{
    public void Configure(EntityTypeBuilder<EnterpriseDesignation> e)
    {
        e.ToTable("enterprise_designations");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.Key).HasColumnName("key").HasMaxLength(60);
        e.Property(x => x.Year).HasColumnName("year");
        e.HasIndex(x => new { x.EnterpriseId, x.Key }).IsUnique().HasDatabaseName("ix_enterprise_designations_enterprise_key");
        Enterprises.DesignationTown.Configure(e);
    }
}

internal sealed class EnterpriseStatisticsConfiguration : IEntityTypeConfiguration<EnterpriseAnnualStatistics>
{
    public void Configure(EntityTypeBuilder<EnterpriseAnnualStatistics> e)
    {
        e.ToTable("enterprise_annual_statistics");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.OutputValueWanYuan).HasColumnName("output_value_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.RevenueWanYuan).HasColumnName("revenue_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.TaxWanYuan).HasColumnName("tax_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.Employment).HasColumnName("employment");
        e.Property(x => x.ExportWanYuan).HasColumnName("export_wan_yuan").HasPrecision(18, 2);
        e.Property(x => x.Patents).HasColumnName("patents");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasIndex(x => new { x.EnterpriseId, x.Year }).IsUnique().HasDatabaseName("ix_enterprise_annual_statistics_enterprise_year");
        e.HasIndex(x => x.Year).HasDatabaseName("ix_enterprise_annual_statistics_year");
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        // Identity keeps its own table and column names; only the platform's columns are added.
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(60);
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.UnitId).HasColumnName("unit_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.DisabledAtUtc).HasColumnName("disabled_at_utc");
        e.Property(x => x.MustChangePassword).HasColumnName("must_change_password");
        e.HasOne(x => x.Jurisdiction).WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.JurisdictionId).HasDatabaseName("ix_users_jurisdiction_id");
        e.HasIndex(x => x.UnitId).HasDatabaseName("ix_users_unit_id");
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("units");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(UnitNames.MaxLength);
        e.HasOne(x => x.Jurisdiction).WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.JurisdictionId, x.Name }).IsUnique().HasDatabaseName("ix_units_jurisdiction_name");
    }
}

internal sealed class RecognitionApplicationConfiguration : IEntityTypeConfiguration<RecognitionApplication>
{
    public void Configure(EntityTypeBuilder<RecognitionApplication> e)
    {
        e.ToTable("recognition_applications");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.StandardId).HasColumnName("standard_id").HasMaxLength(80);
        e.Property(x => x.TargetTier).HasColumnName("target_tier");
        e.Property(x => x.State).HasColumnName("state");
        e.Property(x => x.FactsJson).HasColumnName("facts_json");
        e.Property(x => x.PreCheckOutcome).HasColumnName("pre_check_outcome").HasMaxLength(20);
        e.Property(x => x.CreatedByUserId).HasColumnName("created_by_user_id");
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.SubmittedAtUtc).HasColumnName("submitted_at_utc");
        e.Property(x => x.Decision).HasColumnName("decision");
        e.Property(x => x.DecisionDocumentNumber).HasColumnName("decision_document_number").HasMaxLength(80);
        e.Property(x => x.PublicityEndsOn).HasColumnName("publicity_ends_on");
        e.Property(x => x.PanelConclusionJson).HasColumnName("panel_conclusion_json");
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Experts).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_recognition_applications_town");
        e.HasIndex(x => x.State).HasDatabaseName("ix_recognition_applications_state");
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> e)
    {
        e.ToTable("application_events");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ApplicationId).HasColumnName("application_id");
        e.Property(x => x.AtUtc).HasColumnName("at_utc");
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(256);
        e.Property(x => x.Action).HasColumnName("action").HasMaxLength(60);
        e.Property(x => x.From).HasColumnName("from_state");
        e.Property(x => x.To).HasColumnName("to_state");
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
        e.HasIndex(x => x.ApplicationId).HasDatabaseName("ix_application_events_application");
    }
}

internal sealed class ExpertAssignmentConfiguration : IEntityTypeConfiguration<ExpertAssignment>
{
    public void Configure(EntityTypeBuilder<ExpertAssignment> e)
    {
        e.ToTable("application_experts");
        e.Property(x => x.ApplicationId).HasColumnName("application_id");
        e.Property(x => x.ExpertUserId).HasColumnName("expert_user_id");
        e.HasKey(x => new { x.ApplicationId, x.ExpertUserId });
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ExpertUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ExpertUserId).HasDatabaseName("ix_application_experts_expert");
    }
}

internal sealed class ExpertScoreConfiguration : IEntityTypeConfiguration<ExpertScore>
{
    public void Configure(EntityTypeBuilder<ExpertScore> e)
    {
        e.ToTable("expert_scores");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ApplicationId).HasColumnName("application_id");
        e.Property(x => x.ExpertUserId).HasColumnName("expert_user_id");
        e.Property(x => x.CriterionKey).HasColumnName("criterion_key").HasMaxLength(60);
        e.Property(x => x.Met).HasColumnName("met");
        e.Property(x => x.Comment).HasColumnName("comment").HasMaxLength(2000);
        e.HasIndex(x => new { x.ApplicationId, x.ExpertUserId, x.CriterionKey }).IsUnique().HasDatabaseName("ix_expert_scores_unique");
    }
}

internal sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> e)
    {
        e.ToTable("application_attachments");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ApplicationId).HasColumnName("application_id");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(255);
        e.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(120);
        e.Property(x => x.Size).HasColumnName("size");
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.UploadedByUserId).HasColumnName("uploaded_by_user_id");
        e.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(256);
        e.Property(x => x.UploadedAtUtc).HasColumnName("uploaded_at_utc");
        e.HasIndex(x => x.ApplicationId).HasDatabaseName("ix_application_attachments_application");
    }
}
