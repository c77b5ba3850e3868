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
        // 80 waiting to be accepted and late, 100 waiting and not yet due: more than the list holds, late ones among the rest too.
        db.Problems.AddRange(Enumerable.Range(1, 180).Select(i => new Problem
        {
            Title = i <= 80 ? $"逾期待受理{i:000}" : $"待受理{i:000}", Description = "测试", Source = ProblemSource.Survey, Kind = ProblemKind.Common,
            Category = ProblemCategory.Financing, JurisdictionId = county, RaisedBy = "测试", RaisedAtUtc = DateTime.UtcNow,
            Deadline = i <= 80 ? today.AddDays(-90 + i) : today.AddDays(i), State = ProblemState.Registered,
        }));
        await db.SaveChangesAsync();

        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        // What the office is asked to do: accept what is registered, press on what is late in a unit's hands.
        var due = await (await service.VisibleAsync(office)).CountAsync(p => p.State == ProblemState.Registered
            || ((p.State == ProblemState.Accepted || p.State == ProblemState.Handling) && p.Deadline < today)
            || (p.RaisedByUserId == office.UserId && p.State == ProblemState.Answered));
        due.ShouldBeGreaterThanOrEqualTo(180);
        var late = await (await service.VisibleAsync(office)).CountAsync(p => p.Deadline < today && (p.State == ProblemState.Registered
            || p.State == ProblemState.Accepted || p.State == ProblemState.Handling));
        late.ShouldBeGreaterThan(ProblemReminders.Listed);
        var reminders = await ProblemReminders.ForAsync(service, office, default);

        reminders.Count.ShouldBe(ProblemReminders.Listed + 1);
        reminders.Total().ShouldBe(due, "the bell counts every problem the reminders stand for");
        var listed = reminders.Take(ProblemReminders.Listed).ToList();
        // The late ones first (ours and the demo's), the longest overdue at the top; then those not yet due.
        listed.ShouldAllBe(r => r.Level == ReminderLevel.Red, "more are late than the list holds");
        listed[0].Text.ShouldBe("逾期待受理001：待受理");
        var rest = reminders[^1];
        rest.Count.ShouldBe(reminders.Total() - ProblemReminders.Listed);
        (rest.Area, rest.Link).ShouldBe(("问题台账", "/Problems"));
        rest.Text.ShouldBe($"另有 {rest.Count:N0} 个问题待办（其中 {late - ProblemReminders.Listed:N0} 个已逾期），请在问题台账中查看");
        rest.Level.ShouldBe(ReminderLevel.Red);

        // Unlisted (the dashboard's card), they are one red reminder that counts them all; the bell counts only as far as it shows.
        (await ProblemReminders.ForAsync(service, office, default, listed: 0)).Select(r => (r.Count, r.Level)).ShouldBe([(due, ReminderLevel.Red)]);
        (await ProblemReminders.CountAsync(service, office, 100, default)).ShouldBe(100);
        (await ProblemReminders.CountAsync(service, office, due + 1, default)).ShouldBe(due);
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
        // Nothing else waits for the two units, the user or the county's office: the demo's problems they hold are closed first.
        await db.Problems.Where(p => p.LeadUnitId == ours || p.LeadUnitId == theirs || p.RaisedByUserId == user || p.JurisdictionId == county)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ProblemState.Closed));
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
            New("未定时限待受理", ProblemState.Registered, null),
            New("限期待受理", ProblemState.Registered, 10));
        await db.SaveChangesAsync();

        var member = new UserScope(user, Roles.MemberUnit, "山西省/运城市/垣曲县", null) { UnitId = ours };
        (await ProblemReminders.ForAsync(service, member, default)).Select(r => (r.Level, r.Text)).ShouldBe([
            (ReminderLevel.Red, "我办已逾期：已逾期 3 天，请尽快办理答复"),
            (ReminderLevel.Yellow, "我提已答复：已答复，请确认是否解决"),
            (ReminderLevel.Yellow, "我办未到期：请办理并答复")], "the unit's own, late first, then by deadline; not another unit's");

        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        (await ProblemReminders.ForAsync(service, office, default)).Select(r => (r.Level, r.Text)).ShouldBe([
            (ReminderLevel.Red, "他办已逾期：逾期 7 天未答复，请督办"),
            (ReminderLevel.Red, "我办已逾期：逾期 3 天未答复，请督办"),
            (ReminderLevel.Yellow, "限期待受理：待受理"),
            (ReminderLevel.Yellow, "未定时限待受理：待受理")],
            "what is late in a unit's hands, longest first, then what waits to be accepted, a problem without a deadline last; not a unit's problem still in time, nor another's answer");
    }
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Township_staff_see_the_problems_of_their_towns_and_those_they_raised(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAccountsAsync(provider)).CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var user = await db.Users.Where(u => u.UserName == "lishan-township").Select(u => new { u.Id, u.SpecializedTownId }).SingleAsync();
        const string township = "山西省/运城市/垣曲县/历山镇";
        var towns = (await db.TownTownships.Where(x => x.Township!.Path == township).Select(x => x.SpecializedTownId).ToListAsync())
            .Append(user.SpecializedTownId!.Value).ToHashSet();
        var others = await db.Towns.Where(t => !towns.Contains(t.Id)).Select(t => new { t.Id, t.CountyId }).Take(2).ToListAsync();
        others.Count.ShouldBe(2);
        // Problems in its town, in another town (one of them raised by the township's own account), and with no town.
        var county = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => j.Id).SingleAsync();
        Problem New(string title, int? town, int? raiser) => new()
        {
            Title = title, Description = "测试", Source = ProblemSource.Survey, Kind = ProblemKind.Common, Category = ProblemCategory.Financing,
            JurisdictionId = county, SpecializedTownId = town, RaisedBy = "测试", RaisedByUserId = raiser, RaisedAtUtc = DateTime.UtcNow, State = ProblemState.Registered,
        };
        db.Problems.AddRange(New("本镇的问题", towns.First(), null), New("别镇的问题", others[0].Id, null), New("本人提的别镇问题", others[1].Id, user.Id), New("无镇的问题", null, null));
        await db.SaveChangesAsync();

        var scope = new UserScope(user.Id, Roles.Township, township, user.SpecializedTownId);
        var expected = (await db.Problems.Select(p => new { p.Id, p.SpecializedTownId, p.RaisedByUserId }).ToListAsync())
            .Where(p => p.SpecializedTownId is { } t && towns.Contains(t) || p.RaisedByUserId == user.Id).Select(p => p.Id).Order().ToList();
        expected.Count.ShouldBeGreaterThanOrEqualTo(2);
        (await (await service.VisibleAsync(scope)).Select(p => p.Id).ToListAsync()).Order().ShouldBe(expected);
        var titles = await (await service.VisibleAsync(scope)).Select(p => p.Title).ToListAsync();
        titles.ShouldContain("本镇的问题");
        titles.ShouldContain("本人提的别镇问题");
        titles.ShouldNotContain("别镇的问题");
        titles.ShouldNotContain("无镇的问题");
    }
}
