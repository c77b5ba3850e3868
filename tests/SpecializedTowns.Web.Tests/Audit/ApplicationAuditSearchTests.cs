using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>
/// The audit page's 对象名称 search finds a 认定申报 by the name the page shows it under (历山镇蜂蜜专业镇 · 申报运城市级), which
/// its entries do not record: through the name index or without it, for the administrator and for offices, in the export,
/// and by the town's new name once the town is renamed.
/// </summary>
public class ApplicationAuditSearchTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_name_search_finds_an_application_by_the_name_the_page_shows(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var before = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var user = await db.Users.SingleAsync(u => u.UserName == "yuanqu-office");
        db.Actor = new AuditActor(user.Id, "yuanqu-office", user.DisplayName, "山西省/运城市/垣曲县", "10.1.2.3");
        var town = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var application = new RecognitionApplication
        {
            SpecializedTownId = town.Id, StandardId = "yuncheng-municipal", TargetTier = Tier.Municipal, CreatedByUserId = user.Id, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        db.ApplicationEvents.Add(new ApplicationEvent { ApplicationId = application.Id, AtUtc = DateTime.UtcNow, UserId = user.Id, UserName = user.DisplayName, Action = "提交申报" });
        db.Add(new ApplicationAttachment
        {
            ApplicationId = application.Id, FileName = "申报材料.pdf", ContentType = "application/pdf", Content = [1, 2, 3], Size = 3,
            UploadedByUserId = user.Id, UploadedBy = user.DisplayName, UploadedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        var own = await db.AuditEntries.Where(e => e.Id > before && e.RootType == nameof(RecognitionApplication) && e.EntityLabel == null).Select(e => e.Id).ToListAsync();
        own.Count.ShouldBe(2, "the application and its attachment record no name");

        var scopes = new[]
        {
            new UserScope(9_999, Roles.Admin, "山西省", null),
            new UserScope(user.Id, Roles.Office, "山西省/运城市/垣曲县", null),
            new UserScope(9_998, Roles.Office, "山西省/运城市", null),
        };

        // What the page shows for every entry of this test, the one thing the search is held to.
        async Task ShouldFindAsync(string term, string state, bool found = true)
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync();
            var names = await AuditValueNames.ForAsync(db, Catalog, entries);
            var expected = entries.Where(e => names.Label(e).Contains(term, StringComparison.Ordinal))
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
            if (found) own.ShouldBeSubsetOf(expected, $"{state}: “{term}”");
            else expected.ShouldNotContain(own[0], $"{state}: “{term}”");
            foreach (var scope in scopes)
            {
                var page = await AuditQueries.ListAsync(db, Catalog, scope, new AuditFilter { Search = term, PageSize = 50 });
                page.Items.Where(e => e.Id > before).Select(e => e.Id).ShouldBe(expected, $"{state}: {scope.JurisdictionPath} “{term}”");
                var exported = await (await AuditQueries.FilteredAsync(db, Catalog, scope, new AuditFilter { Search = term })).Where(e => e.Id > before).Select(e => e.Id).ToListAsync();
                exported.ShouldBe(expected, true, $"{state}: {scope.JurisdictionPath} “{term}” export");
            }
        }

        // Before the index has them, through it, and by one character (which the index cannot narrow).
        foreach (var term in new[] { "历山镇蜂蜜专业镇 · 申报运城市级", "申报运城市级", "蜂蜜专业镇", "蜜" })
            await ShouldFindAsync(term, "not indexed");
        while (await AuditLabelIndex.IndexSomeAsync(db, 1_000) is not null) { }
        foreach (var term in new[] { "历山镇蜂蜜专业镇 · 申报运城市级", "申报运城市级", "蜂蜜专业镇", "蜜" })
            await ShouldFindAsync(term, "indexed");
        await ShouldFindAsync("申报阳泉市级", "another standard", found: false);

        // The town renamed: its application is found by the new name, as the page now shows it, and no longer by the old one.
        town.Name = "历山镇土蜂蜜专业镇";
        await db.SaveChangesAsync();
        while (await AuditLabelIndex.IndexSomeAsync(db, 1_000) is not null) { }
        await ShouldFindAsync("历山镇土蜂蜜专业镇 · 申报运城市级", "renamed");
        await ShouldFindAsync("历山镇蜂蜜专业镇 · 申报", "old name", found: false);
    }
}
