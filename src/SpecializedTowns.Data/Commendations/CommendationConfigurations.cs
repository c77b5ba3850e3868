using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Commendations;

namespace SpecializedTowns.Data.Commendations;

internal sealed class ProductMarketRankConfiguration : IEntityTypeConfiguration<ProductMarketRank>
{
    public void Configure(EntityTypeBuilder<ProductMarketRank> e)
    {
        e.ToTable("product_market_ranks");
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.SpecializedTownId).HasColumnName("specialized_town_id");
        e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id");
        e.Property(x => x.Product).HasColumnName("product").HasMaxLength(MarketRankLimits.Product);
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Rank).HasColumnName("rank");
        e.Property(x => x.RankingSource).HasColumnName("ranking_source").HasMaxLength(MarketRankLimits.Source);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(MarketRankLimits.Note);
        e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(MarketRankLimits.RecordedBy);
        e.Property(x => x.RecordedAtUtc).HasColumnName("recorded_at_utc");
        e.Property(x => x.IsDemo).HasColumnName("is_demo");
        e.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.SpecializedTownId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SpecializedTownId, x.Year }).HasDatabaseName("ix_product_market_ranks_town_year");
        e.HasIndex(x => x.EnterpriseId).HasDatabaseName("ix_product_market_ranks_enterprise");
    }
}
