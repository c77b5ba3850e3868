using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpecializedTowns.Core.Enterprises;

namespace SpecializedTowns.Data.Enterprises;

/// <summary>
/// enterprises.output_order: the output of the enterprise's latest year, -1 when it has no figure, kept by triggers on the
/// yearly figures (schema version 31) so that 企业名录 sorted by output walks one index instead of looking up every
/// enterprise's latest year. Only for ordering; never written by the platform.
/// </summary>
public static class OutputOrder
{
    public const string Property = "OutputOrder";

    public const double NoFigure = -1;

    internal static void Configure(EntityTypeBuilder<Enterprise> e)
    {
        // Never written nor read back by EF (SQLite's RETURNING would give the value from before the trigger ran).
        var order = e.Property<double>(Property).HasColumnName("output_order").HasDefaultValue(NoFigure).ValueGeneratedNever();
        order.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        order.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        e.HasIndex(Property, nameof(Enterprise.Id)).IsDescending(true, false).HasDatabaseName("ix_enterprises_output_order");
        e.HasIndex(nameof(Enterprise.CountyId), Property, nameof(Enterprise.Id)).IsDescending(false, true, false).HasDatabaseName("ix_enterprises_county_output_order");
    }

    public static IQueryable<Enterprise> LargestFirst(IQueryable<Enterprise> query) =>
        query.OrderByDescending(e => EF.Property<double>(e, Property)).ThenBy(e => e.Id);

    /// <summary>The same order backwards (the indexes read from their other end): those without a figure come first.</summary>
    public static IQueryable<Enterprise> SmallestFirst(IQueryable<Enterprise> query) =>
        query.OrderBy(e => EF.Property<double>(e, Property)).ThenByDescending(e => e.Id);
}
