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

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_person_hears_of_the_problems_that_wait_for_them_and_the_late_ones_first(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAccountsAsync(provider)).CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var today = service.Today;
        var county = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => j.Id).SingleAsync();
        var units = await db.Units.Select(u => u.Id).Take(2).ToListAsync();
        var (ours, theirs) = (units[0], units[1]);
        var user = await db.Users.Where(u => u.UserName == "yuanqu-member").Select(u => u.Id).SingleAsync();
        // Nothing else waits for the two units or the user: the demo's problems they hold are closed first.
        await db.Problems.Where(p => p.LeadUnitId == ours || p.LeadUnitId == theirs).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ProblemState.Closed));
        await db.Problems.Where(p => p.RaisedByUserId == user).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ProblemState.Closed));
        Problem New(string title, ProblemState state, int? deadline, int? lead = null, int? raiser = null) => new()
        {
            Title = title, Description = "测试", Source = ProblemSource.Survey, Kind = ProblemKind.Common, Category = ProblemCategory.Financing,
            JurisdictionId = county, RaisedBy = "测试", RaisedAtUtc = DateTime.UtcNow, RaisedByUserId = raiser,
            Deadline = deadline is { } d ? today.AddDays(d) : null, State = state, LeadUnitId = lead,
        };
        db.Problems.AddRange(
            New("我办未到期", ProblemState.Accepted, 5, ours),
            New("我办已逾期", ProblemState.Handling, -3, ours),
            New("他办未到期", ProblemState.Accepted, 5, theirs),
            New("他办已逾期", ProblemState.Handling, -7, theirs),
            New("我提已答复", ProblemState.Answered, -1, theirs, raiser: user),
            New("未定时限待受理", ProblemState.Registered, null));
        await db.SaveChangesAsync();

        var member = new UserScope(user, Roles.MemberUnit, "山西省/运城市/垣曲县", null) { UnitId = ours };
        (await ProblemReminders.ForAsync(service, member, default)).Select(r => (r.Level, r.Text)).ShouldBe([
            (ReminderLevel.Red, "我办已逾期：已逾期 3 天，请尽快办理答复"),
            (ReminderLevel.Yellow, "我提已答复：已答复，请确认是否解决"),
            (ReminderLevel.Yellow, "我办未到期：请办理并答复")], "the unit's own, late first, then by deadline; not another unit's");

        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        var texts = (await ProblemReminders.ForAsync(service, office, default)).Select(r => r.Text).ToList();
        texts.ShouldContain("他办已逾期：逾期 7 天未答复，请督办");
        texts.ShouldContain("我办已逾期：逾期 3 天未答复，请督办");
        texts.ShouldContain("未定时限待受理：待受理");
        texts.ShouldNotContain(t => t.StartsWith("我办未到期") || t.StartsWith("他办未到期") || t.StartsWith("我提已答复"), "a unit's problem not yet late, another's answer");
        texts.IndexOf("他办已逾期：逾期 7 天未答复，请督办").ShouldBeLessThan(texts.IndexOf("我办已逾期：逾期 3 天未答复，请督办"));
        texts[^1].ShouldBe("未定时限待受理：待受理", "a problem without a deadline comes last");
    }
}
