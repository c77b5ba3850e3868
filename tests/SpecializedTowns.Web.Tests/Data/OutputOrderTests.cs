using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// enterprises.output_order (schema version 31), which 企业名录 sorts by: after every kind of write to the yearly figures it
/// is the output of the enterprise's latest year, -1 without one; the list sorted by output follows it.
/// </summary>
public class OutputOrderTests
{
    private static async Task ShouldFollowTheFiguresAsync(StorageSettings storage, string when)
    {
        await using var db = storage.CreateContext();
        var latest = (await db.EnterpriseStatistics.AsNoTracking().Select(s => new { s.EnterpriseId, s.Year, s.OutputValueWanYuan }).ToListAsync())
            .GroupBy(s => s.EnterpriseId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Year)!.OutputValueWanYuan is { } output ? (double)output : OutputOrder.NoFigure);
        var kept = await db.Enterprises.AsNoTracking().Select(e => new { e.Id, Order = EF.Property<double>(e, OutputOrder.Property) }).ToListAsync();
        var wrong = kept.Where(e => Math.Abs(e.Order - latest.GetValueOrDefault(e.Id, OutputOrder.NoFigure)) > 0.001)
            .Select(e => $"{e.Id}: {e.Order} ≠ {latest.GetValueOrDefault(e.Id, OutputOrder.NoFigure)}").ToList();
        wrong.ShouldBeEmpty($"output_order {when}");
    }

    private static async Task<double> OrderOfAsync(StorageSettings storage, int enterprise)
    {
        await using var db = storage.CreateContext();
        return await db.Enterprises.Where(e => e.Id == enterprise).Select(e => EF.Property<double>(e, OutputOrder.Property)).SingleAsync();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Is_the_latest_years_output_through_every_kind_of_write(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await ShouldFollowTheFiguresAsync(storage, "after the demo load");
        int created;
        await using (var db = storage.CreateContext())
        {
            var county = await db.Towns.OrderBy(t => t.Id).Select(t => t.CountyId).FirstAsync();
            var code = await db.Jurisdictions.Where(j => j.Id == county).Select(j => j.Code).SingleAsync();
            var enterprise = new Enterprise
            {
                Name = "排序测试企业", Uscc = Uscc.Demo(code!, 987_321), CountyId = county, Role = EnterpriseRole.Supporting,
                Statistics = [new EnterpriseAnnualStatistics { Year = 2023, OutputValueWanYuan = 500.5m }, new EnterpriseAnnualStatistics { Year = 2024, OutputValueWanYuan = 300m }],
            };
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            created = enterprise.Id;
        }
        (await OrderOfAsync(storage, created)).ShouldBe(300, "a form's enterprise with two years: the later one's output");

        await using (var db = storage.CreateContext())
        {
            // A new year without an output figure: the latest year says nothing, so the enterprise sorts after every figure.
            db.EnterpriseStatistics.Add(new EnterpriseAnnualStatistics { EnterpriseId = created, Year = 2025, Employment = 12 });
            await db.SaveChangesAsync();
            (await OrderOfAsync(storage, created)).ShouldBe(OutputOrder.NoFigure);

            var y2025 = await db.EnterpriseStatistics.SingleAsync(s => s.EnterpriseId == created && s.Year == 2025);
            y2025.OutputValueWanYuan = 12_345.67m;
            await db.SaveChangesAsync();
            (await OrderOfAsync(storage, created)).ShouldBe(12_345.67, 0.001);

            db.EnterpriseStatistics.Remove(y2025);
            await db.SaveChangesAsync();
            (await OrderOfAsync(storage, created)).ShouldBe(300, "the latest year deleted: the one before it");

            // An earlier year moved past the latest.
            await db.Database.ExecuteSqlRawAsync("UPDATE enterprise_annual_statistics SET year = 2026 WHERE enterprise_id = {0} AND year = 2023", created);
            (await OrderOfAsync(storage, created)).ShouldBe(500.5, 0.001);
        }
        await ShouldFollowTheFiguresAsync(storage, "after a form's writes");

        await using (var db = storage.CreateContext())
        {
            // Statements an operator or an import might run over many rows at once.
            await db.Database.ExecuteSqlRawAsync("UPDATE enterprise_annual_statistics SET output_value_wan_yuan = output_value_wan_yuan * 3 + 1");
            await ShouldFollowTheFiguresAsync(storage, "after every figure is changed");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO enterprise_annual_statistics (enterprise_id, year, output_value_wan_yuan, is_demo) " +
                "SELECT enterprise_id, 2030, output_value_wan_yuan / 2, is_demo FROM enterprise_annual_statistics WHERE year = 2024");
            await ShouldFollowTheFiguresAsync(storage, "after a year is added for many enterprises");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprise_annual_statistics WHERE year = 2030");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprise_annual_statistics WHERE enterprise_id = {0}", created);
            (await OrderOfAsync(storage, created)).ShouldBe(OutputOrder.NoFigure);
            // Figures handed to another enterprise: both are set again.
            var other = await db.Enterprises.Where(e => e.Id != created && e.Statistics.Any()).Select(e => e.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE enterprise_annual_statistics SET enterprise_id = {0} WHERE enterprise_id = {1}", created, other);
            (await OrderOfAsync(storage, other)).ShouldBe(OutputOrder.NoFigure);
            (await OrderOfAsync(storage, created)).ShouldBeGreaterThan(0);

            var before = await OrderOfAsync(storage, created);
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprise_annual_statistics WHERE enterprise_id = {0}", created);
                (await db.Enterprises.Where(e => e.Id == created).Select(e => EF.Property<double>(e, OutputOrder.Property)).SingleAsync()).ShouldBe(OutputOrder.NoFigure);
                await tx.RollbackAsync();
            }
            (await OrderOfAsync(storage, created)).ShouldBe(before, "a rolled-back write leaves the order as it was");
        }
        await ShouldFollowTheFiguresAsync(storage, "after statements over many rows");

        if (provider == StorageProvider.PostgreSql)
        {
            await using var db = storage.CreateContext();
            await db.Database.ExecuteSqlRawAsync("TRUNCATE enterprise_annual_statistics");
            await ShouldFollowTheFiguresAsync(storage, "after TRUNCATE");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_directory_by_output_lists_the_largest_first_and_those_without_a_figure_last(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        // Decimals above 1,000 and below, so that an order of the text ("999" after "1000") would show.
        var some = await db.Enterprises.OrderBy(e => e.Id).Select(e => e.Id).Take(3).ToListAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE enterprise_annual_statistics SET output_value_wan_yuan = 999.5 WHERE enterprise_id = {0}", some[0]);
        await db.Database.ExecuteSqlRawAsync("UPDATE enterprise_annual_statistics SET output_value_wan_yuan = 1000 WHERE enterprise_id = {0}", some[1]);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprise_annual_statistics WHERE enterprise_id = {0}", some[2]);

        var listed = await EnterpriseQueries.AllAsync(db, new EnterpriseFilter { Sort = "output" }, null).ToListAsync();
        listed.Count.ShouldBe(await db.Enterprises.CountAsync());
        var withFigure = listed.TakeWhile(e => e.OutputValueWanYuan is not null).ToList();
        withFigure.Select(e => e.OutputValueWanYuan).ShouldBeInOrder(SortDirection.Descending);
        listed.Skip(withFigure.Count).ShouldAllBe(e => e.OutputValueWanYuan == null, "those without a figure come last");
        listed.Last().Id.ShouldBe(listed.Where(e => e.OutputValueWanYuan == null).Max(e => e.Id), "ties in id order");
        listed.FindIndex(e => e.Id == some[1]).ShouldBeLessThan(listed.FindIndex(e => e.Id == some[0]));
        listed.ShouldContain(e => e.Id == some[2] && e.OutputValueWanYuan == null);

        var page = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Sort = "output", PageSize = 20, Page = 2 }, null);
        page.Items.Select(e => e.Id).ShouldBe(listed.Skip(20).Take(20).Select(e => e.Id));
    }
}
