using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Support;
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

    /// <summary>The statements of a save that read a record's name or title: the audit's places read ids and paths, never these.</summary>
    private static DatabaseCommands NameReads(StorageSettings storage) => new(storage.ConnectionString, sql =>
        sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(sql, @"\.""?(name|title)\b"));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_save_names_its_unnamed_parts_in_one_query_whatever_their_kinds_and_in_none_when_it_holds_their_records(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        using var reads = NameReads(storage);
        await using var db = storage.CreateContext();
        var before = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "yuncheng-office");
        db.Actor = new AuditActor(user.Id, "yuncheng-office", user.DisplayName, "山西省/运城市", "10.1.2.3");

        // Nothing the parts belong to is tracked: the save reads every name, of six kinds, at once.
        var project = await db.Projects.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Name }).FirstAsync();
        var task = await db.PlanTasks.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Title }).FirstAsync();
        var force = await db.TaskForces.AsNoTracking().OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.CountyId, Town = f.Town!.Name, Units = f.Units.Select(u => u.UnitId).ToList() }).FirstAsync();
        var linked = await db.TaskForceTownships.AsNoTracking().Where(t => t.TaskForceId == force.Id).Select(t => t.TownshipId).ToListAsync();
        var unit = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == force.CountyId && !force.Units.Contains(u.Id)).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync();
        var township = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == force.CountyId && j.Level == JurisdictionLevel.Township && !linked.Contains(j.Id))
            .OrderBy(j => j.Id).Select(j => new { j.Id, j.Name }).FirstAsync();
        var white = await db.WhiteListEntries.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.Year, w.EnterpriseId }).FirstAsync();
        var whiteEnterprise = await db.Enterprises.Where(e => e.Id == white.EnterpriseId).Select(e => e.Name).SingleAsync();
        var listing = await db.ListingCandidates.AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.EnterpriseId }).FirstAsync();
        var listingEnterprise = await db.Enterprises.Where(e => e.Id == listing.EnterpriseId).Select(e => e.Name).SingleAsync();
        db.ChangeTracker.Entries().ShouldBeEmpty();

        ProjectProgress Progress(int month) => new()
        {
            ProjectId = project.Id, Year = 2031, Month = month, InvestmentCompletedWanYuan = 10, PhysicalProgress = "土建施工",
            ReportedByUserId = user.Id, ReportedBy = user.DisplayName, ReportedAtUtc = DateTime.UtcNow,
        };
        Milestone Step(string title, int order) =>
            new() { TaskId = task.Id, SortOrder = order, Title = title, Deadline = new DateOnly(2031, 12, 31), OriginalDeadline = new DateOnly(2031, 12, 31) };
        Financing Loan(string bank) =>
            new() { WhiteListEntryId = white.Id, Kind = FinancingKind.Loan, Institution = bank, AmountWanYuan = 100, GrantedOn = new DateOnly(2031, 1, 5), TermMonths = 12 };
        db.AddRange(Progress(1), Step("年底前完成验收", 99), Loan("某农商银行"),
            new TaskForceUnit { TaskForceId = force.Id, UnitId = unit.Id, Role = TaskForceRole.Supporting },
            new TaskForceTownship { TaskForceId = force.Id, TownshipId = township.Id },
            new ListingStageChange { ListingCandidateId = listing.Id, To = ListingStage.SmallToAboveScale, On = new DateOnly(2031, 1, 5), By = "运城市专业镇办" });
        reads.Clear();
        await db.SaveChangesAsync();
        reads.Count.ShouldBe(1, reads.Texts);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync();
        string Label(string type) => entries.Single(e => e.EntityType == type).EntityLabel!;
        Label("ProjectProgress").ShouldBe($"{project.Name} · 2031年1月");
        Label("Milestone").ShouldBe($"{task.Title} · 年底前完成验收");
        Label("TaskForceUnit").ShouldBe($"{force.Town}专班 · {unit.Name}");
        Label("TaskForceTownship").ShouldBe($"{force.Town}专班 · {township.Name}");
        Label("Financing").ShouldStartWith($"{whiteEnterprise} · {white.Year}年融资白名单");
        Label("ListingStageChange").ShouldStartWith($"{listingEnterprise} · 上市后备");

        // The records tracked (as a page loads them before adding to them): named from them, with no query.
        await db.Projects.SingleAsync(p => p.Id == project.Id);
        await db.PlanTasks.SingleAsync(t => t.Id == task.Id);
        await db.WhiteListEntries.SingleAsync(w => w.Id == white.Id);
        await db.Enterprises.SingleAsync(e => e.Id == white.EnterpriseId);
        before = entries.Max(e => e.Id);
        db.AddRange(Progress(2), Step("年中完成主体工程", 98), Loan("某城商银行"));
        reads.Clear();
        await db.SaveChangesAsync();
        reads.Count.ShouldBe(0, reads.Texts);
        entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync();
        Label("ProjectProgress").ShouldBe($"{project.Name} · 2031年2月");
        Label("Milestone").ShouldBe($"{task.Title} · 年中完成主体工程");
        Label("Financing").ShouldStartWith($"{whiteEnterprise} · {white.Year}年融资白名单");
    }
}
