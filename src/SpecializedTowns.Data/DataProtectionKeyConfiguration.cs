using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpecializedTowns.Data;

/// <summary>
/// The data-protection key ring in the database (schema step 0020), so a cookie or antiforgery token made by one web
/// process is read by any other behind the same load balancer.
/// </summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.ToTable("data_protection_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.FriendlyName).HasColumnName("friendly_name");
        e.Property(x => x.Xml).HasColumnName("xml");
    }
}
