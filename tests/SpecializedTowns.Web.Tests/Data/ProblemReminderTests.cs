using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class ProblemReminderTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Hundreds_of_open_problems_are_listed_overdue_first_and_the_rest_counted_in_one_reminder(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var today = service.Today;
        var county = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => j.Id).SingleAsync();
        // 30 waiting to be accepted and late, 100 waiting and not yet due: more than the list holds.
        db.Problems.AddRange(Enumerable.Range(1, 130).Select(i => new Problem
        {
            Title = i <= 30 ? $"逾期待受理{i:000}" : $"待受理{i:000}", Description = "测试", Source = ProblemSource.Survey, Kind = ProblemKind.Common,
            Category = ProblemCategory.Financing, JurisdictionId = county, RaisedBy = "测试", RaisedAtUtc = DateTime.UtcNow,
            Deadline = i <= 30 ? today.AddDays(-40 + i) : today.AddDays(i), State = ProblemState.Registered,
        }));
        await db.SaveChangesAsync();

        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        // What the office is asked to do: accept what is registered, press on what is late in a unit's hands.
        var due = await service.Visible(office).CountAsync(p => p.State == ProblemState.Registered
            || ((p.State == ProblemState.Accepted || p.State == ProblemState.Handling) && p.Deadline < today)
            || (p.RaisedByUserId == office.UserId && p.State == ProblemState.Answered));
        due.ShouldBeGreaterThanOrEqualTo(130);
        var reminders = await ProblemReminders.ForAsync(service, office, default);

        reminders.Count.ShouldBe(ProblemReminders.Listed + 1);
        reminders.Total().ShouldBe(due, "the bell counts every problem the reminders stand for");
        var listed = reminders.Take(ProblemReminders.Listed).ToList();
        // The late ones first (ours and the demo's), the longest overdue at the top; then those not yet due.
        listed.TakeWhile(r => r.Level == ReminderLevel.Red).Count().ShouldBeGreaterThanOrEqualTo(30);
        listed.SkipWhile(r => r.Level == ReminderLevel.Red).ShouldAllBe(r => r.Level == ReminderLevel.Yellow);
        listed[0].Text.ShouldBe("逾期待受理001：待受理");
        var rest = reminders[^1];
        rest.Count.ShouldBe(reminders.Total() - ProblemReminders.Listed);
        (rest.Area, rest.Link).ShouldBe(("问题台账", "/Problems"));
        rest.Text.ShouldStartWith($"另有 {rest.Count} 个问题待办");
    }
}
