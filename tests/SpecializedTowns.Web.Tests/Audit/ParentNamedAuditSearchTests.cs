using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>
/// The audit page's 对象名称 search finds the entries of parts with no name of their own by their record's name (a project's
/// monthly progress by the project, a task's milestone by the task, a 专班's unit by the town), and the 融资白名单 and 上市后备
/// entries by the enterprise's: before the name index has them and through it. Their recorded name is the page's.
/// </summary>
public class ParentNamedAuditSearchTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Unnamed_parts_and_enterprise_registers_are_found_by_their_records_name(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var db = storage.CreateContext();
        var before = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var user = await db.Users.SingleAsync(u => u.UserName == "yuncheng-office");
        db.Actor = new AuditActor(user.Id, "yuncheng-office", user.DisplayName, "山西省/运城市", "10.1.2.3");

        var project = await db.Projects.OrderBy(p => p.Id).FirstAsync();
        var progress = new ProjectProgress
        {
            ProjectId = project.Id, Year = 2031, Month = 1, InvestmentCompletedWanYuan = 10, PhysicalProgress = "土建施工",
            ReportedByUserId = user.Id, ReportedBy = user.DisplayName, ReportedAtUtc = DateTime.UtcNow,
        };
        db.Add(progress);
        var task = await db.PlanTasks.OrderBy(t => t.Id).FirstAsync();
        var milestone = new Milestone { TaskId = task.Id, SortOrder = 99, Title = "年底前完成验收", Deadline = new DateOnly(2031, 12, 31), OriginalDeadline = new DateOnly(2031, 12, 31) };
        db.Add(milestone);
        var force = await db.TaskForces.Include(f => f.Town).Include(f => f.Units).OrderBy(f => f.Id).FirstAsync();
        var unit = await db.Units.Where(u => u.JurisdictionId == force.CountyId).OrderBy(u => u.Id).FirstAsync(u => !force.Units.Select(x => x.UnitId).Contains(u.Id));
        force.Units.Add(new TaskForceUnit { TaskForceId = force.Id, UnitId = unit.Id, Role = TaskForceRole.Supporting });
        var white = await db.WhiteListEntries.OrderBy(w => w.Id).FirstAsync();
        white.Note = "审计检索测试";
        var listing = await db.ListingCandidates.OrderBy(l => l.Id).FirstAsync();
        listing.Note = "审计检索测试";
        await db.SaveChangesAsync();

        var whiteEnterprise = await db.Enterprises.Where(e => e.Id == white.EnterpriseId).Select(e => e.Name).SingleAsync();
        var listingEnterprise = await db.Enterprises.Where(e => e.Id == listing.EnterpriseId).Select(e => e.Name).SingleAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync();
        long Of(string type) => entries.Single(e => e.EntityType == type).Id;
        var wanted = new (string Term, long Entry, string Label)[]
        {
            (project.Name, Of("ProjectProgress"), $"{project.Name} · 2031年1月"),
            (task.Title, Of("Milestone"), $"{task.Title} · 年底前完成验收"),
            (force.Town!.Name, Of("TaskForceUnit"), $"{force.Town.Name}专班 · {unit.Name}"),
            (whiteEnterprise, Of("WhiteListEntry"), $"{whiteEnterprise} · {white.Year}年融资白名单"),
            (listingEnterprise, Of("ListingCandidate"), $"{listingEnterprise} · 上市后备"),
        };
        var names = await AuditValueNames.ForAsync(db, Catalog, entries);
        foreach (var (_, id, label) in wanted)
        {
            var entry = entries.Single(e => e.Id == id);
            entry.EntityLabel.ShouldBe(label);
            names.Label(entry).ShouldBe(label, "the page shows what the entry records");
        }

        var scopes = new[] { new UserScope(9_999, Roles.Admin, "山西省", null), new UserScope(user.Id, Roles.Office, "山西省/运城市", null) };
        async Task ShouldFindAsync(string state)
        {
            foreach (var (term, id, _) in wanted)
                foreach (var scope in scopes)
                {
                    var page = await AuditQueries.ListAsync(db, Catalog, scope, new AuditFilter { Search = term, PageSize = 100 });
                    page.Items.Select(e => e.Id).ShouldContain(id, $"{state}: {scope.JurisdictionPath} “{term}”");
                }
        }
        await ShouldFindAsync("not indexed");
        while (await AuditLabelIndex.IndexSomeAsync(db, 1_000) is not null) { }
        await ShouldFindAsync("indexed");
    }
}
