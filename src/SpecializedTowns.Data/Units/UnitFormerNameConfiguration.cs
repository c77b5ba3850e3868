using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Data.Units;

internal sealed class UnitFormerNameConfiguration : IEntityTypeConfiguration<UnitFormerName>
{
    public void Configure(EntityTypeBuilder<UnitFormerName> e)
    {
        e.ToTable("unit_former_names");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.UnitId).HasColumnName("unit_id");
        e.Property(x => x.JurisdictionId).HasColumnName("jurisdiction_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(UnitNames.MaxLength);
        e.Property(x => x.MergedUnitId).HasColumnName("merged_unit_id");
        // A unit deleted takes its former names along; nothing else refers to them.
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        // A name at a place is one unit's: its current name (units) or a former one, never both (UnitCatalog checks the pair).
        e.HasIndex(x => new { x.JurisdictionId, x.Name }).IsUnique().HasDatabaseName("ix_unit_former_names_jurisdiction_name");
        e.HasIndex(x => x.UnitId).HasDatabaseName("ix_unit_former_names_unit");
    }
}
