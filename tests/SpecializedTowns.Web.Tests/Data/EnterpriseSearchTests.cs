using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// A name search reads its matches once and counts them itself (EnterpriseQueries.ListAsync); a term matching more than it
/// reads at once is counted and paged by the database. Both must give the same count and the same pages as the list without
/// a search, filtered by hand.
/// </summary>
public class EnterpriseSearchTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_search_counts_and_pages_its_matches_in_the_list_s_order(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var yuncheng = new UserScope(1, Roles.Office, "山西省/运城市", null);
        var county = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
        var elsewhere = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/朔州市/怀仁市");
        // More matches than a search reads at once (5,000), in two roles, and a few outside the office's scope.
        db.Enterprises.AddRange(Enumerable.Range(0, 5_003).Select(i => new Enterprise
        {
            Name = $"批量检索{i:D5}有限公司", Uscc = $"91140000SRCH{i:D5}X", CountyId = county.Id,
            Role = i % 3 == 0 ? EnterpriseRole.Leading : EnterpriseRole.Supporting,
        }));
        db.Enterprises.AddRange(Enumerable.Range(0, 3).Select(i => new Enterprise
        {
            Name = $"批量检索外地{i}有限公司", Uscc = $"91140000SRCHOUT{i}X", CountyId = elsewhere.Id, Role = EnterpriseRole.Supporting,
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        async Task<List<int>> Expected(Func<EnterpriseListItem, bool> match)
        {
            var all = new List<int>();
            await foreach (var item in EnterpriseQueries.AllAsync(db, new EnterpriseFilter(), yuncheng))
                if (match(item)) all.Add(item.Id);
            return all;
        }

        async Task Check(string term, Func<EnterpriseListItem, bool> match, int pageSize)
        {
            var expected = await Expected(match);
            expected.ShouldNotBeEmpty(term);
            var first = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = term, PageSize = pageSize }, yuncheng);
            first.Total.ShouldBe(expected.Count, term);
            first.Items.Select(i => i.Id).ShouldBe(expected.Take(pageSize), term);
            var last = (expected.Count - 1) / pageSize + 1;
            var end = await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = term, PageSize = pageSize, Page = last }, yuncheng);
            end.Total.ShouldBe(expected.Count, term);
            end.Items.Select(i => i.Id).ShouldBe(expected.Skip((last - 1) * pageSize), term);
        }

        // More than it reads at once: counted and paged by the database.
        await Check("批量检索", i => i.Name.Contains("批量检索"), 200);
        // A few: read once and counted.
        await Check("批量检索0001", i => i.Name.Contains("批量检索0001"), 3);
        // A credit-code fragment in small letters finds the codes; a Chinese term is not looked for in them.
        await Check("srch0004", i => i.Uscc.Contains("SRCH0004"), 4);
        var demo = await db.Enterprises.AsNoTracking().Where(e => e.County!.Path.StartsWith("山西省/运城市/")).Select(e => e.Name).FirstAsync();
        await Check(demo[..2], i => i.Name.Contains(demo[..2]), 20);

        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "批量检索外地" }, yuncheng)).Total.ShouldBe(0);
        var leading = await Expected(i => i.Name.Contains("批量检索") && i.Role == EnterpriseRole.Leading);
        (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { Search = "批量检索", JurisdictionPath = "山西省/运城市/垣曲县", Role = EnterpriseRole.Leading },
            yuncheng)).Total.ShouldBe(leading.Count);
    }
}
