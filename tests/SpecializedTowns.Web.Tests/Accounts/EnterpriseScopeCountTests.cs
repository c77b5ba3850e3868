using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Dashboard;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// Counts select an office's enterprises by the ids of the jurisdictions under its path, the pages by joining on the path
/// (UserScope.EnterprisesByCountyIds): both must name the same enterprises, or "共 N 家" disagrees with the pages behind it.
/// </summary>
public class EnterpriseScopeCountTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_count_of_an_office_s_enterprises_agrees_with_the_enterprises_its_pages_list(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        // A county whose path begins with another county's path: "under 垣曲县" must not take it in.
        var yuanqu = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
        var lookalike = new Jurisdiction { Name = "垣曲县外", Level = JurisdictionLevel.County, ParentId = yuanqu.ParentId, Path = "山西省/运城市/垣曲县外" };
        db.Jurisdictions.Add(lookalike);
        await db.SaveChangesAsync();
        db.Enterprises.Add(new Enterprise { Name = "路径相近测试有限公司", Uscc = "91140000TESTPATH1X", CountyId = lookalike.Id, Role = EnterpriseRole.Supporting });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var paths = await db.Enterprises.AsNoTracking().Select(e => new { e.Id, e.Name, e.County!.Path }).ToListAsync();
        int Under(string path) => paths.Count(e => e.Path == path || e.Path.StartsWith(path + "/", StringComparison.Ordinal));

        foreach (var path in new[] { "山西省", "山西省/运城市", "山西省/运城市/垣曲县", "山西省/朔州市/怀仁市" })
        {
            var scope = new UserScope(1, Roles.Office, path, null);
            var expected = Under(path);
            expected.ShouldBeGreaterThan(0, path);

            (await scope.EnterprisesByCountyIds(db).CountAsync()).ShouldBe(expected, path);
            (await scope.Enterprises(db).CountAsync()).ShouldBe(expected, path);
            var list = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { PageSize = 200 }, scope);
            list.Total.ShouldBe(expected, path);
            list.Items.Count.ShouldBe(Math.Min(expected, 200), path);
            (await DashboardQueries.LoadAsync(db, Catalog, scope, new DateOnly(2026, 6, 30))).Enterprises.ShouldBe(expected, path);

            // Sorted by output or by name, the pages of a city or county and any search select by county id: the same
            // enterprises, at every level.
            var under = paths.Where(e => e.Path == path || e.Path.StartsWith(path + "/", StringComparison.Ordinal)).ToList();
            foreach (var sort in new[] { "output", "name" })
            {
                var sorted = await EnterpriseQueries.AllAsync(db, new EnterpriseFilter { Sort = sort }, scope).Select(e => e.Id).ToListAsync();
                sorted.Order().ShouldBe(under.Select(e => e.Id).Order(), $"{path} {sort}");
                (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Sort = sort, PageSize = 200 }, scope)).Items.Select(e => e.Id)
                    .ShouldBe(sorted.Take(200), $"{path} {sort}");
                var found = await EnterpriseQueries.AllAsync(db, new EnterpriseFilter { Sort = sort, Search = "有限" }, scope).Select(e => e.Id).ToListAsync();
                found.Order().ShouldBe(under.Where(e => e.Name.Contains("有限")).Select(e => e.Id).Order(), $"{path} {sort} 有限");
                found.Count.ShouldBeGreaterThan(0, path);
            }
        }

        // A township account: its own town's enterprises, counted the same by the dashboard as by the list.
        var town = await db.Enterprises.Where(e => e.SpecializedTownId != null).GroupBy(e => e.SpecializedTownId!.Value)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var township = new UserScope(1, Roles.Township, "山西省/不存在的乡镇", town);
        var own = await db.Enterprises.CountAsync(e => e.SpecializedTownId == town);
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { PageSize = 200 }, township)).Total.ShouldBe(own);
        (await DashboardQueries.LoadAsync(db, Catalog, township, new DateOnly(2026, 6, 30))).Enterprises.ShouldBe(own);

        // The province office narrowed to a county by the filter, and a search (which counts by the path join).
        var province = new UserScope(1, Roles.Office, "山西省", null);
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { JurisdictionPath = "山西省/运城市/垣曲县" }, province)).Total
            .ShouldBe(Under("山西省/运城市/垣曲县"));
        var word = paths.First(e => e.Path.StartsWith("山西省/运城市/垣曲县/", StringComparison.Ordinal) || e.Path == "山西省/运城市/垣曲县").Name[..2];
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { JurisdictionPath = "山西省/运城市/垣曲县", Search = word }, province)).Total
            .ShouldBe(paths.Count(e => e.Path == "山西省/运城市/垣曲县" && e.Name.Contains(word)));
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "路径相近" }, new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null))).Total
            .ShouldBe(0);
    }
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_list_s_total_from_the_kept_tallies_agrees_with_counting_the_enterprises_for_every_filter(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        // A change after loading, so the tallies are tested as kept up, not only as loaded: one enterprise moves town and role.
        var moved = await db.Enterprises.FirstAsync(e => e.SpecializedTownId != null && e.Role == EnterpriseRole.Supporting);
        var otherTown = await db.Towns.Where(t => t.Id != moved.SpecializedTownId).Select(t => t.Id).FirstAsync();
        moved.SpecializedTownId = otherTown;
        moved.Role = EnterpriseRole.Leading;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var rows = await db.Enterprises.AsNoTracking().Select(e => new { e.County!.Path, e.SpecializedTownId, e.Role, e.IsAboveScale }).ToListAsync();
        var town = rows.Where(e => e.SpecializedTownId != null).GroupBy(e => e.SpecializedTownId!.Value).OrderByDescending(g => g.Count()).First().Key;
        var scopes = new[]
        {
            new UserScope(1, Roles.Office, "山西省", null), new UserScope(1, Roles.Office, "山西省/运城市", null),
            new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null), new UserScope(1, Roles.Township, "山西省/不存在的乡镇", town),
            // The other roles whose enterprises are those under their path, and the expert, who sees none even with a place filter.
            new UserScope(1, Roles.Leader, "山西省/运城市", null), new UserScope(1, Roles.MemberUnit, "山西省/运城市/垣曲县", null) { UnitId = 1 },
            new UserScope(1, Roles.Expert, "山西省", null),
        };
        var filters = new[]
        {
            new EnterpriseFilter(), new EnterpriseFilter { TownId = town }, new EnterpriseFilter { TownId = otherTown, Role = EnterpriseRole.Leading },
            new EnterpriseFilter { Role = EnterpriseRole.Supporting }, new EnterpriseFilter { JurisdictionPath = "山西省/运城市" },
            new EnterpriseFilter { JurisdictionPath = "山西省/运城市/垣曲县", Role = EnterpriseRole.Leading },
            new EnterpriseFilter { AboveScale = true }, new EnterpriseFilter { TownId = town, AboveScale = false },
        };
        var checkedNonZero = 0;
        foreach (var scope in scopes)
            foreach (var filter in filters)
            {
                var expected = rows.Count(e =>
                    (scope.Role == Roles.Township ? e.SpecializedTownId == scope.TownId : scope.Role != Roles.Expert && scope.Covers(e.Path))
                    && (filter.JurisdictionPath is not { } p || e.Path == p || e.Path.StartsWith(p + "/", StringComparison.Ordinal))
                    && (filter.TownId is not { } t || e.SpecializedTownId == t)
                    && (filter.Role is not { } r || e.Role == r)
                    && (filter.AboveScale is not { } a || e.IsAboveScale == a));
                foreach (var sort in new string?[] { null, "output" })
                {
                    // A place filter outside the person's scope keeps both conditions (垣曲县 filtering by 运城市 sees 垣曲县).
                    var page = await EnterpriseQueries.ListAsync(db, filter with { PageSize = 5, Sort = sort }, scope);
                    page.Total.ShouldBe(expected, $"{scope.JurisdictionPath} {filter} {sort}");
                    page.Items.Count.ShouldBe(Math.Min(5, expected), $"{scope.JurisdictionPath} {filter} {sort}");
                }
                if (expected > 0) checkedNonZero++;
            }
        checkedNonZero.ShouldBeGreaterThan(20);
        (await TownDetails.FindAsync(db, otherTown, null))!.Enterprises.ShouldBe(rows.Count(e => e.SpecializedTownId == otherTown));
    }
    [Theory]
    [InlineData(300_000, 1, 50, false, 0, 50)]
    [InlineData(300_000, 3_000, 50, false, 149_950, 50)]
    [InlineData(300_000, 3_002, 50, true, 149_900, 50)]
    [InlineData(300_000, 6_000, 50, true, 0, 50)]
    [InlineData(300_010, 6_001, 50, true, 0, 10)]
    [InlineData(300_000, 6_001, 50, false, 0, 0)]
    public void The_province_s_last_pages_skip_a_few_rows_from_the_other_end_not_the_whole_list(int total, int page, int size, bool backwards, int skip, int take) =>
        EnterpriseQueries.Slice(total, page, size).ShouldBe((backwards, skip, take));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Pages_in_the_latter_half_read_from_the_other_end_hold_the_same_rows_in_the_same_order(StorageProvider provider)
    {
        // The latter half of a list is read backwards (a page near the end no longer walks every row before it): page by page
        // it must be the list read forwards, for every order, with ties (same name, same output, no output) broken the same way.
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var county = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
        for (var i = 0; i < 3; i++)
            db.Enterprises.Add(new Enterprise { Name = "同名测试有限公司", Uscc = $"91140000TESTTIE{i}0X", CountyId = county.Id, Role = EnterpriseRole.Supporting });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var town = await db.Enterprises.Where(e => e.SpecializedTownId != null).GroupBy(e => e.SpecializedTownId!.Value)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();

        var pagesChecked = 0;
        foreach (var scope in new[] { new UserScope(1, Roles.Office, "山西省", null), new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null) })
            foreach (var filter in new[] { new EnterpriseFilter(), new EnterpriseFilter { TownId = town }, new EnterpriseFilter { AboveScale = false } })
                foreach (var sort in new string?[] { null, "name", "-name", "output", "-output" })
                {
                    var f = filter with { Sort = sort, PageSize = 7 };
                    var all = await EnterpriseQueries.AllAsync(db, f, scope).Select(e => e.Id).ToListAsync();
                    var paged = new List<int>();
                    for (var page = 1; ; page++)
                    {
                        var p = await EnterpriseQueries.ListAsync(db, f with { Page = page }, scope);
                        p.Total.ShouldBe(all.Count);
                        if (p.Items.Count == 0) break;
                        paged.AddRange(p.Items.Select(e => e.Id));
                        pagesChecked++;
                    }
                    paged.ShouldBe(all, $"{scope.JurisdictionPath} {f}");
                }
        pagesChecked.ShouldBeGreaterThan(50);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Pages_in_place_order_found_from_the_tallies_hold_the_rows_the_walk_would(StorageProvider provider)
    {
        // From page 51 a page in place order starts where the tallies say its county and role begin (a middle page no longer
        // walks half the province). Jumping from the first row on, every page must still be the list read in order: groups
        // of one row, a page across several counties and roles, the last page short, a town's list in role order.
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var county = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
        for (var i = 0; i < 3; i++)
            db.Enterprises.Add(new Enterprise { Name = "同名测试有限公司", Uscc = $"91140000TESTJMP{i}0X", CountyId = county.Id, Role = EnterpriseRole.Supporting });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var town = await db.Enterprises.Where(e => e.SpecializedTownId != null).GroupBy(e => e.SpecializedTownId!.Value)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();

        var pagesChecked = 0;
        foreach (var scope in new[]
                 {
                     new UserScope(1, Roles.Office, "山西省", null), new UserScope(1, Roles.Office, "山西省/运城市", null),
                     new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null), new UserScope(1, Roles.Township, "山西省/不存在的乡镇", town),
                 })
            foreach (var filter in new[]
                     {
                         new EnterpriseFilter(), new EnterpriseFilter { TownId = town }, new EnterpriseFilter { Role = EnterpriseRole.Supporting },
                         new EnterpriseFilter { JurisdictionPath = "山西省/运城市/垣曲县" },
                     })
                foreach (var size in new[] { 3, 7 })
                {
                    var f = filter with { PageSize = size };
                    var all = await EnterpriseQueries.AllAsync(db, f, scope).Select(e => e.Id).ToListAsync();
                    var paged = new List<int>();
                    for (var page = 1; ; page++)
                    {
                        var p = await EnterpriseQueries.ListAsync(db, f with { Page = page }, scope, jumpFrom: 0);
                        p.Total.ShouldBe(all.Count);
                        if (p.Items.Count == 0) break;
                        p.Items.Count.ShouldBe(Math.Min(size, all.Count - paged.Count));
                        paged.AddRange(p.Items.Select(e => e.Id));
                        pagesChecked++;
                    }
                    paged.ShouldBe(all, $"{scope.JurisdictionPath} {f}");
                }
        pagesChecked.ShouldBeGreaterThan(100);
    }
}
