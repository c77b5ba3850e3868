using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Support;

// 公共服务平台 and 展会活动. A platform or an event names the towns and enterprises it concerns; deleting those is refused
// while it does (the record would lose its meaning), but deleting the platform or event takes its own rows with it.

internal sealed class ServicePlatformConfiguration : IEntityTypeConfiguration<ServicePlatform>
{
    public void Configure(EntityTypeBuilder<ServicePlatform> e)
    {
        e.ToTable("service_platforms");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(ServicePlatform.MaxName);
        e.Property(x => x.CountyId).HasColumnName("county_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.Operator).HasColumnName("operator").HasMaxLength(ServicePlatform.MaxOperator);
        e.Property(x => x.OperatorKind).HasColumnName("operator_kind");
        e.Property(x => x.Level).HasColumnName("level");
        e.Property(x => x.EstablishedYear).HasColumnName("established_year");
        e.Property(x => x.Mode).HasColumnName("mode");
        e.Property(x => x.ServedYear).HasColumnName("served_year");
        e.Property(x => x.EnterprisesServed).HasColumnName("enterprises_served");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(ServicePlatform.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Functions).WithOne().HasForeignKey(x => x.ServicePlatformId).OnDelete(DeleteBehavior.Cascade);
        // A town does not register the same platform twice.
        e.HasIndex(x => new { x.SpecializedTownId, x.Name }).IsUnique().HasDatabaseName("ix_service_platforms_town_name");
        e.HasIndex(x => x.CountyId).HasDatabaseName("ix_service_platforms_county");
    }
}

internal sealed class ServicePlatformFunctionConfiguration : IEntityTypeConfiguration<ServicePlatformFunction>
{
    public void Configure(EntityTypeBuilder<ServicePlatformFunction> e)
    {
        e.ToTable("service_platform_functions");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.ServicePlatformId).HasColumnName("service_platform_id");
        e.Property(x => x.Function).HasColumnName("function");
        e.HasIndex(x => new { x.ServicePlatformId, x.Function }).IsUnique().HasDatabaseName("ix_service_platform_functions_platform_function");
        e.HasIndex(x => x.Function).HasDatabaseName("ix_service_platform_functions_function");
    }
}

internal sealed class TradeEventConfiguration : IEntityTypeConfiguration<TradeEvent>
{
    public void Configure(EntityTypeBuilder<TradeEvent> e)
    {
        e.ToTable("trade_events");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(TradeEvent.MaxName);
        e.Property(x => x.Kind).HasColumnName("kind");
        e.Property(x => x.Role).HasColumnName("role");
        e.Property(x => x.Level).HasColumnName("level");
        e.Property(x => x.StartOn).HasColumnName("start_on");
        e.Property(x => x.EndOn).HasColumnName("end_on");
        e.Property(x => x.Place).HasColumnName("place").HasMaxLength(TradeEvent.MaxPlace);
        e.Property(x => x.Organiser).HasColumnName("organiser").HasMaxLength(TradeEvent.MaxOrganiser);
        e.Property(x => x.PolicyPackId).HasColumnName("policy_pack_id").HasMaxLength(80);
        e.Property(x => x.ClauseSource).HasColumnName("clause_source").HasMaxLength(120);
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(TradeEvent.MaxNote);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.CreatedAtUtc).HasColumnName("created_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Towns).WithOne().HasForeignKey(x => x.TradeEventId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.TradeEventId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.StartOn).HasDatabaseName("ix_trade_events_start");
        e.HasIndex(x => x.JurisdictionId).HasDatabaseName("ix_trade_events_jurisdiction");
    }
}

internal sealed class TradeEventTownConfiguration : IEntityTypeConfiguration<TradeEventTown>
{
    public void Configure(EntityTypeBuilder<TradeEventTown> e)
    {
        e.ToTable("trade_event_towns");
        e.HasKey(x => new { x.TradeEventId, x.SpecializedTownId });
        e.Property(x => x.TradeEventId).HasColumnName("trade_event_id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.HasOne<SpecializedTown>().WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.SpecializedTownId).HasDatabaseName("ix_trade_event_towns_town");
    }
}

internal sealed class EventParticipantConfiguration : IEntityTypeConfiguration<EventParticipant>
{
    public void Configure(EntityTypeBuilder<EventParticipant> e)
    {
        e.ToTable("trade_event_participants");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.TradeEventId).HasColumnName("trade_event_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.IntendedWanYuan).HasColumnName("intended_wan_yuan").HasPrecision(18, 4);
        e.Property(x => x.DealWanYuan).HasColumnName("deal_wan_yuan").HasPrecision(18, 4);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        // An enterprise takes part in an event once.
        e.HasIndex(x => new { x.TradeEventId, x.EnterpriseId }).IsUnique().HasDatabaseName("ix_trade_event_participants_event_enterprise");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_trade_event_participants_enterprise");
    }
}
