using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>The audit trail at the level of the context's save, on both providers: what is recorded, and that it cannot be rewritten.</summary>
public class AuditTrailTests
{
    private static readonly AuditActor Clerk = new(42, "yuanqu-office", "垣曲县专业镇办", "山西省/运城市/垣曲县", "10.1.2.3");
    private static readonly UserScope Yuanqu = new(42, Roles.Office, "山西省/运城市/垣曲县", null);

    private static async Task<EnterpriseInput> InputAsync(TownsDbContext db) => new()
    {
        Name = "审计测试蜂业有限公司",
        Uscc = Uscc.Demo("140827", Random.Shared.Next()),
        CountyId = await db.Jurisdictions.Where(j => j.Name == "垣曲县").Select(j => j.Id).SingleAsync(),
        SpecializedTownId = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => (int?)t.Id).SingleAsync(),
        Role = EnterpriseRole.Supporting,
        Designations = ["specialized-sophisticated"],
    };

    private static Task<List<AuditEntry>> EntriesAsync(TownsDbContext db, string rootType, string rootId) =>
        db.AuditEntries.AsNoTracking().Where(e => e.RootType == rootType && e.RootId == rootId).OrderBy(e => e.Id).ToListAsync();

    [Fact]
    public void Changes_written_by_hand_are_the_json_the_serializer_writes_and_read_back()
    {
        List<AuditChange> changes = [
            new("Name", null, "太谷\"饼\"业 <有限> & 公司\n第二行"), new("Amount", "1.5", null), new("Note", "\\路径\t制表", "emoji 🐝"), new("Empty", "", ""),
        ];
        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };
        var written = AuditTrail.Write(changes);
        written.ShouldBe(System.Text.Json.JsonSerializer.Serialize(changes, options));
        new AuditEntry { UserName = "", DisplayName = "", EntityType = "", EntityId = "", RootType = "", RootId = "", Changes = written }.ReadChanges().ShouldBe(changes);
        AuditTrail.Write([]).ShouldBe("[]");
    }

    [Fact]
    public void Changes_of_plain_text_written_without_the_encoder_are_still_the_json_the_serializer_writes()
    {
        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };
        // Every printable ASCII character alone and inside a name, the ends of the ideographs written as they are and just past them.
        var texts = Enumerable.Range(0x20, 0x7F - 0x20).Select(c => ((char)c).ToString())
            .Concat(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => $"太谷{(char)c}饼业"))
            .Concat(["\u4E00", "\u9FA5", "\u9FA6", "\u9FFF", "\u4DFF", "（集团）", "性能测试企业099999有限公司", "91140000MA0K123456", "1.5", ""]);
        foreach (var text in texts)
        {
            List<AuditChange> changes = [new("Name", null, text), new("Uscc", text, "否")];
            AuditTrail.Write(changes).ShouldBe(System.Text.Json.JsonSerializer.Serialize(changes, options), $"“{text}”");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Create_change_and_delete_each_leave_an_entry_naming_the_person_and_every_field_before_and_after(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        db.Actor = Clerk;
        var input = await InputAsync(db);

        var (id, errors) = await EnterpriseRegistry.SaveAsync(db, Yuanqu, null, input);
        errors.ShouldBeEmpty();
        var key = id!.Value.ToString();
        var onCreate = await EntriesAsync(db, "Enterprise", key);
        // The enterprise and its designation, a part filed under the enterprise so its history tab shows both.
        onCreate.Select(e => (e.EntityType, e.Action)).ShouldBe([("Enterprise", AuditAction.Created), ("EnterpriseDesignation", AuditAction.Created)], ignoreOrder: true);
        var created = onCreate.Single(e => e.EntityType == "Enterprise");
        (created.Action, created.EntityType, created.EntityId, created.EntityLabel).ShouldBe((AuditAction.Created, "Enterprise", key, "审计测试蜂业有限公司"));
        (created.UserId, created.UserName, created.DisplayName, created.ActorPath, created.Address).ShouldBe((42, "yuanqu-office", "垣曲县专业镇办", "山西省/运城市/垣曲县", "10.1.2.3"));
        created.AtUtc.ShouldBeInRange(DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        var fields = created.ReadChanges().ToDictionary(c => c.Field);
        fields["Name"].ShouldBe(new AuditChange("Name", null, "审计测试蜂业有限公司"));
        fields["Uscc"].New.ShouldBe(input.Uscc);
        fields["Role"].New.ShouldBe(EnumNames.Chinese(EnterpriseRole.Supporting));
        fields.ShouldNotContainKey("Id");

        var changed = input with { Name = "审计测试蜂业股份有限公司", IsAboveScale = true };
        (await EnterpriseRegistry.SaveAsync(db, Yuanqu, id, changed)).Errors.ShouldBeEmpty();
        var update = (await EntriesAsync(db, "Enterprise", key)).Last();
        update.Action.ShouldBe(AuditAction.Updated);
        update.ReadChanges().OrderBy(c => c.Field).ShouldBe([
            new AuditChange("IsAboveScale", "否", "是"),
            new AuditChange("Name", "审计测试蜂业有限公司", "审计测试蜂业股份有限公司"),
        ]);

        // Saving the same values again changes nothing, and so records nothing.
        (await EnterpriseRegistry.SaveAsync(db, Yuanqu, id, changed)).Errors.ShouldBeEmpty();
        (await EntriesAsync(db, "Enterprise", key)).Count.ShouldBe(3);

        db.ChangeTracker.Clear();
        var enterprise = await db.Enterprises.Include(e => e.Designations).SingleAsync(e => e.Id == id);
        db.Enterprises.Remove(enterprise);
        await db.SaveChangesAsync();
        var history = await EntriesAsync(db, "Enterprise", key);
        var deleted = history.Single(e => e.EntityType == "Enterprise" && e.Action == AuditAction.Deleted);
        deleted.ReadChanges().Single(c => c.Field == "Name").ShouldBe(new AuditChange("Name", "审计测试蜂业股份有限公司", null));
        // Its designation went with it, recorded as a part of the enterprise.
        history.ShouldContain(e => e.EntityType == "EnterpriseDesignation" && e.Action == AuditAction.Deleted
            && e.ReadChanges().Any(c => c.Field == "Key" && c.Old == "specialized-sophisticated"));
        // Every entry says where the record lies, the deleted ones too (from the enterprise's last values).
        history.ShouldAllBe(e => e.RecordPath == "山西省/运城市/垣曲县");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_reads_the_changes_the_province_made_to_its_records_and_no_other_county_does(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        db.Actor = new AuditActor(1, "admin", "系统管理员", "山西省", "10.9.9.9");
        var project = await db.Projects.Include(p => p.Town).FirstAsync(p => p.Town!.Name == "历山镇蜂蜜专业镇");
        project.Name += "（调整）";
        await db.SaveChangesAsync();
        var entry = (await EntriesAsync(db, "KeyProject", project.Id.ToString())).Last();
        (entry.UserName, entry.ActorPath, entry.RecordPath).ShouldBe(("admin", "山西省", "山西省/运城市/垣曲县"));

        bool Reads(UserScope scope) => AuditQueries.Visible(db, scope).Any(e => e.Id == entry.Id);
        Reads(Yuanqu).ShouldBeTrue("垣曲县 reads the change to its project although a province account made it");
        Reads(new UserScope(43, Roles.Leader, "山西省/运城市", null)).ShouldBeTrue("运城市 is above 垣曲县");
        Reads(new UserScope(44, Roles.Office, "山西省/阳泉市", null)).ShouldBeFalse();
        Reads(new UserScope(45, Roles.Office, "山西省/运城市/新绛县", null)).ShouldBeFalse();
        Reads(new UserScope(46, Roles.MemberUnit, "山西省/运城市/垣曲县", null)).ShouldBeFalse("a member unit reads only its own entries");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Enumerations_show_in_chinese_and_parts_are_filed_under_their_record(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        db.Actor = Clerk;
        var town = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var before = town.Tier;
        town.Tier = before == Tier.Municipal ? Tier.Provincial : Tier.Municipal;
        db.TierChanges.Add(new TierChange { SpecializedTownId = town.Id, Tier = town.Tier, EffectiveOn = new DateOnly(2025, 3, 5), DocumentNumber = "垣政发〔2025〕1号" });
        await db.SaveChangesAsync();

        var history = await EntriesAsync(db, "SpecializedTown", town.Id.ToString());
        history.Select(e => e.EntityType).Order().ShouldBe(["SpecializedTown", "TierChange"]);
        history.Single(e => e.EntityType == "SpecializedTown").ReadChanges().ShouldBe([new AuditChange("Tier", Tiers.Chinese(before), Tiers.Chinese(town.Tier))]);
        var change = history.Single(e => e.EntityType == "TierChange").ReadChanges().ToDictionary(c => c.Field, c => c.New);
        (change["EffectiveOn"], change["DocumentNumber"], change["Tier"]).ShouldBe(("2025-03-05", "垣政发〔2025〕1号", Tiers.Chinese(town.Tier)));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        db.Actor = Clerk;
        var town = await db.Towns.FirstAsync();
        town.LeadingProducts = "审计测试产品";
        await db.SaveChangesAsync();
        var entry = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();

        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET user_name = 'someone-else' WHERE id = {0}", entry.Id));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE id = {0}", entry.Id));
        // Through EF as well: the platform cannot do it by accident either.
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == entry.Id));
        await Should.ThrowAsync<Exception>(() => db.SaveChangesAsync());

        await using var fresh = storage.CreateContext();
        var kept = await fresh.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id);
        (kept.UserName, kept.Changes).ShouldBe((entry.UserName, entry.Changes));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_save_that_fails_writes_neither_the_change_nor_its_entry(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        db.Actor = Clerk;
        var entriesBefore = await db.AuditEntries.CountAsync();
        var town = await db.Towns.FirstAsync();
        town.LeadingProducts = "不应保存的产品";
        // A second row that breaks a foreign key makes the whole save fail after the first row has been sent.
        db.TierChanges.Add(new TierChange { SpecializedTownId = 999_999, Tier = Tier.County, EffectiveOn = new DateOnly(2025, 1, 1) });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var fresh = storage.CreateContext();
        (await fresh.AuditEntries.CountAsync()).ShouldBe(entriesBefore);
        (await fresh.Towns.SingleAsync(t => t.Id == town.Id)).LeadingProducts.ShouldNotBe("不应保存的产品");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Loading_the_demo_and_reference_data_records_nothing_as_a_change(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        (await db.AuditEntries.CountAsync(e => e.EntityType == "SpecializedTown" || e.EntityType == "Enterprise" || e.EntityType == "Jurisdiction")).ShouldBe(0);
        (await db.Towns.CountAsync()).ShouldBeGreaterThan(0);
    }
}
