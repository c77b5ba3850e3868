using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Demo;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class EnterpriseRegistryTests
{
    private static Task<StorageSettings> LoadedAsync(StorageProvider provider) => TestDatabases.WithDemoAsync(provider);

    private static async Task<EnterpriseInput> ValidInputAsync(TownsDbContext db, string county = "垣曲县", string? town = "历山镇蜂蜜专业镇") => new()
    {
        Name = "测试企业有限公司",
        Uscc = Uscc.Demo("140827", Random.Shared.Next()),
        CountyId = await db.Jurisdictions.Where(j => j.Name == county).Select(j => j.Id).SingleAsync(),
        SpecializedTownId = town is null ? null : await db.Towns.Where(t => t.Name == town).Select(t => (int?)t.Id).SingleAsync(),
        Role = EnterpriseRole.Supporting,
        Designations = ["specialized-sophisticated"],
    };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_office_registers_an_enterprise_in_its_county_and_nowhere_else(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var yuanqu = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        var input = await ValidInputAsync(db);

        var (id, errors) = await EnterpriseRegistry.SaveAsync(db, yuanqu, null, input);
        errors.ShouldBeEmpty();
        var saved = await db.Enterprises.Include(e => e.Designations).SingleAsync(e => e.Id == id);
        saved.Uscc.ShouldBe(input.Uscc);
        saved.Designations.Select(d => d.Key).ShouldBe(["specialized-sophisticated"]);

        var yangquan = new UserScope(2, Roles.Office, "山西省/阳泉市", null);
        var other = await ValidInputAsync(db);
        var (none, refused) = await EnterpriseRegistry.SaveAsync(db, yangquan, null, other);
        none.ShouldBeNull();
        refused[nameof(EnterpriseInput.CountyId)].ShouldContain("不在您的数据范围内");
        refused[nameof(EnterpriseInput.SpecializedTownId)].ShouldContain("不在您的数据范围内");
        (await db.Enterprises.CountAsync(e => e.Uscc == other.Uscc)).ShouldBe(0);

        var (_, editOutside) = await EnterpriseRegistry.SaveAsync(db, yangquan, id, other);
        editOutside[""].ShouldContain("不在您的数据范围内");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_written(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var scope = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        var existing = await db.Enterprises.FirstAsync();
        var count = await db.Enterprises.CountAsync();
        var input = await ValidInputAsync(db) with
        {
            Name = " ", Uscc = existing.Uscc, Role = null,
            SpecializedTownId = await db.Towns.Where(t => t.Name == "万安钻石专业镇").Select(t => (int?)t.Id).SingleAsync(),
        };
        var (id, errors) = await EnterpriseRegistry.SaveAsync(db, scope, null, input);
        id.ShouldBeNull();
        errors.Keys.ShouldBe([nameof(EnterpriseInput.Name), nameof(EnterpriseInput.Uscc), nameof(EnterpriseInput.Role), nameof(EnterpriseInput.SpecializedTownId)], ignoreOrder: true);
        errors[nameof(EnterpriseInput.Uscc)].ShouldContain("已登记为");
        (await db.Enterprises.CountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task Leaders_experts_and_member_units_cannot_edit()
    {
        var storage = await LoadedAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        foreach (var role in new[] { Roles.Leader, Roles.Expert, Roles.MemberUnit })
        {
            var (_, errors) = await EnterpriseRegistry.SaveAsync(db, new UserScope(1, role, "山西省/运城市/垣曲县", null), null, await ValidInputAsync(db));
            errors[""].ShouldContain("不能修改");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_s_registry_figures_count_its_own_enterprises_by_role_and_name_each_designation_they_hold_once(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var county = await db.Jurisdictions.Where(j => j.Name == "垣曲县").Select(j => j.Id).SingleAsync();
        var honey = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var other = await db.Towns.Where(t => t.Id != honey).Select(t => t.Id).FirstAsync();
        var before = (await StoredTownRecognition.RegistryAsync(db, [honey, other], default))[honey];

        Enterprise New(int? town, EnterpriseRole role, params string[] keys) => new()
        {
            Name = $"登记测试{Guid.NewGuid():N}"[..12], Uscc = Uscc.Demo("140827", Random.Shared.Next()), CountyId = county, SpecializedTownId = town, Role = role,
            Designations = keys.Select(k => new EnterpriseDesignation { Key = k }).ToList(),
        };
        db.Enterprises.AddRange(
            New(honey, EnterpriseRole.Leading, "test-gazelle", "test-little-giant"),
            New(honey, EnterpriseRole.Supporting, "test-gazelle"),
            New(honey, EnterpriseRole.Supporting),
            New(other, EnterpriseRole.Leading, "test-elsewhere"),
            New(null, EnterpriseRole.Leading, "test-no-town"));
        await db.SaveChangesAsync();

        var figures = await StoredTownRecognition.RegistryAsync(db, [honey], default);
        figures.Keys.ShouldBe([honey]);
        var after = figures[honey];
        after.Leading.ShouldBe(before.Leading + 1);
        after.Supporting.ShouldBe(before.Supporting + 2);
        after.Designations.ShouldBe(before.Designations.Concat(["test-gazelle", "test-little-giant"]).Distinct().Order(StringComparer.Ordinal));
        after.Designations.ShouldNotContain("test-elsewhere");
        after.Designations.ShouldNotContain("test-no-town");

        // Read for many towns (the demo's 18 and ids of none, past the 50 from which the designations are read the other
        // way round), the same figures.
        var many = (await db.Towns.Select(t => t.Id).ToListAsync()).Concat(Enumerable.Range(1_000_000, 60)).ToList();
        var everyTown = await StoredTownRecognition.RegistryAsync(db, many, default);
        (everyTown[1_000_000].Leading, everyTown[1_000_000].Supporting, everyTown[1_000_000].Designations.Count).ShouldBe((0, 0, 0));
        everyTown[honey].ShouldBeEquivalentTo(after);
        everyTown[other].Designations.ShouldContain("test-elsewhere");
        everyTown.Values.ShouldAllBe(f => !f.Designations.Contains("test-no-town"));
    }
}
