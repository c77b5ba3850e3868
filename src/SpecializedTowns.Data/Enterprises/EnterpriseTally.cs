using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Enterprises;

namespace SpecializedTowns.Data.Enterprises;

/// <summary>
/// How many registered enterprises of one role a county holds in one specialized town (<see cref="NoTown"/>: in none).
/// The database keeps these rows itself: triggers on the enterprise table (Schema/Migrations, version 24) add and take away
/// within the same statement, whatever writes the enterprise (a form, an import, a bulk load, a town deleted). The
/// dashboard and the recognition checks read these few thousand rows instead of counting a province's 300,000 enterprises.
/// Never written by the platform.
/// </summary>
public sealed class EnterpriseTally
{
    public const int NoTown = 0;

    public int CountyId { get; set; }
    public int TownId { get; set; }
    public EnterpriseRole Role { get; set; }
    public int Enterprises { get; set; }
}

internal sealed class EnterpriseTallyConfiguration : IEntityTypeConfiguration<EnterpriseTally>
{
    public void Configure(EntityTypeBuilder<EnterpriseTally> e)
    {
        e.ToTable("enterprise_tallies");
        e.HasKey(x => new { x.CountyId, x.TownId, x.Role });
        e.Property(x => x.CountyId).HasColumnName("county_id").ValueGeneratedNever();
        e.Property(x => x.TownId).HasColumnName("town_id").ValueGeneratedNever();
        e.Property(x => x.Role).HasColumnName("role").ValueGeneratedNever();
        e.Property(x => x.Enterprises).HasColumnName("enterprises");
    }
}

/// <summary>
/// The town of a designation's enterprise, copied onto the designation by triggers (version 24) so that the designations a
/// town's enterprises hold come from one index, not from a lookup of each designation's enterprise.
/// </summary>
public static class DesignationTown
{
    public const string Property = "SpecializedTownId";

    internal static void Configure(EntityTypeBuilder<EnterpriseDesignation> e)
    {
        // Never written nor read back by EF (SQLite's RETURNING would give the value from before the trigger ran).
        var town = e.Property<int?>(Property).HasColumnName("specialized_town_id").ValueGeneratedNever();
        town.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        town.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        e.HasIndex(Property, nameof(EnterpriseDesignation.Key)).HasDatabaseName("ix_enterprise_designations_town_key");
    }
}
