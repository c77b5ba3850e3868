using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>
/// The official order of places (PlaceOrder) in its three forms, on a real database: the stored column official_order
/// (schema version 46), the key of a query over places of any level, and the same key worked out in memory.
/// </summary>
public class PlaceOrderTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Places_go_by_division_code_a_city_s_districts_first_and_the_three_forms_of_the_key_agree(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using (var db = storage.CreateContext())
        {
            var taiyuan = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/太原市");
            var qingxu = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/太原市/清徐县");
            var added = new Jurisdiction { Name = "新区", Level = JurisdictionLevel.County, ParentId = taiyuan.Id, Path = "山西省/太原市/新区" };
            db.Jurisdictions.AddRange(
                added,
                new Jurisdiction { Name = "清源镇", Level = JurisdictionLevel.Township, ParentId = qingxu.Id, Path = "山西省/太原市/清徐县/清源镇", Code = "140121100" },
                new Jurisdiction { Name = "徐沟镇", Level = JurisdictionLevel.Township, ParentId = qingxu.Id, Path = "山西省/太原市/清徐县/徐沟镇" },
                new Jurisdiction { Name = "东于镇", Level = JurisdictionLevel.Township, ParentId = qingxu.Id, Path = "山西省/太原市/清徐县/东于镇" });
            await db.SaveChangesAsync();
            db.Jurisdictions.Add(new Jurisdiction { Name = "甲镇", Level = JurisdictionLevel.Township, ParentId = added.Id, Path = "山西省/太原市/新区/甲镇" });
            await db.SaveChangesAsync();
        }

        await using var read = storage.CreateContext();
        var ordered = await read.Jurisdictions.AsNoTracking().OrderByPlace(j => j).ThenBy(j => j.Id).Select(j => j.Path).ToListAsync();
        string[] watched =
        [
            "山西省", "山西省/太原市", "山西省/太原市/迎泽区", "山西省/太原市/清徐县",
            // Townships with codes first, then those without by name; all before the next county.
            "山西省/太原市/清徐县/清源镇", "山西省/太原市/清徐县/东于镇", "山西省/太原市/清徐县/徐沟镇", "山西省/太原市/阳曲县",
            "山西省/大同市", "山西省/运城市", "山西省/运城市/垣曲县", "山西省/临汾市", "山西省/临汾市/尧都区", "山西省/吕梁市",
            // A county without a code after every coded place, its township after it.
            "山西省/太原市/新区", "山西省/太原市/新区/甲镇",
        ];
        ordered.Where(watched.Contains).ShouldBe(watched);
        ordered[^2..].ShouldBe(["山西省/太原市/新区", "山西省/太原市/新区/甲镇"]);

        // The column is the code, else the path, as KeyOf works it out in memory.
        var stored = await read.Jurisdictions.AsNoTracking().Select(j => new { j.Code, j.Path, Column = EF.Property<string>(j, PlaceOrder.Column) }).ToListAsync();
        stored.ShouldAllBe(j => j.Column == PlaceOrder.KeyOf(j.Code, j.Path));

        // The query's key of every place is what KeyOf gives for the place read with its county.
        var keys = await read.Jurisdictions.AsNoTracking().Select(PlaceOrder.Key).ToListAsync();
        var whole = await read.Jurisdictions.AsNoTracking().Include(j => j.Parent).ToListAsync();
        keys.Order(StringComparer.Ordinal).ShouldBe(whole.Select(PlaceOrder.KeyOf).Order(StringComparer.Ordinal));

        // The paths of rows read without their codes sort the same.
        var byPaths = await PlaceOrder.OfPathsAsync(read, ordered);
        ordered.Order(byPaths).ShouldBe(ordered);
        whole.OrderBy(PlaceOrder.KeyOf, StringComparer.Ordinal).Select(j => j.Path).ShouldBe(ordered);
        // A path that names no place keeps its own text, after the places.
        new[] { "（未分区）", "山西省/临汾市" }.Order(byPaths).ShouldBe(["山西省/临汾市", "（未分区）"]);
    }
}
