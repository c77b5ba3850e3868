using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notifications;

/// <summary>
/// The header bell and the dashboard's card count reminders without listing them (ReminderCentre.CountAsync, TallyAsync):
/// what they count must be what the list adds up to.
/// </summary>
public partial class ReminderCountTests
{
    // Its own demo platform: each test compares two readings of the same reminders, and in CI a test writing to the shared
    // one (an application, a problem or a report) ran between them, one reminder apart (23 listed, 22 counted).
    private static readonly DemoPlatforms Platforms = new();

    [GeneratedRegex("查看全部（([0-9,]+)）")]
    private static partial Regex SeeAll();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Every_demo_account_s_bell_counts_what_its_reminder_list_adds_up_to(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        var withReminders = 0;
        foreach (var account in AccountSeeder.DemoAccounts)
        {
            var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await PageSignIn.SignInAsync(client, account.UserName, SeededPlatforms.Password);
            var bell = await client.GetStringAsync("/Notifications?handler=Bell");
            var list = await client.GetStringAsync("/Notifications?handler=BellItems");
            var total = int.Parse(SeeAll().Match(list).Groups[1].Value, NumberStyles.AllowThousands);
            total.ShouldBeLessThan(100, "the demo's accounts have fewer reminders than the bell counts");
            if (total == 0) bell.ShouldContain("title=\"没有提醒\"", customMessage: account.UserName);
            else
            {
                bell.ShouldContain($"aria-label=\"通知提醒 {total} 条\"", customMessage: account.UserName);
                bell.ShouldContain($">{total}</span>", customMessage: account.UserName);
                withReminders++;
            }
        }
        withReminders.ShouldBeGreaterThanOrEqualTo(6, "offices, member units, a township and a leader have something to do in the demo");
    }

    [Fact]
    public async Task The_overdue_tasks_line_counts_as_the_tasks_it_stands_for()
    {
        // "10 项任务已逾期" is one line standing for ten matters: the 责任清单 button and the bell count ten, as they count a
        // "另有 N 个" line as N (the button said 1 项 beside the line's 10).
        var factory = await Platforms.GetAsync(StorageProvider.Sqlite);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-office", SeededPlatforms.Password);
        var page = await client.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("责任清单"));
        var overdue = int.Parse(Regex.Match(page, "(\\d+) 项任务已逾期").Groups[1].Value);
        overdue.ShouldBeGreaterThan(1, "the demo's 垣曲 plan has several overdue tasks");
        var button = int.Parse(Regex.Match(page, "data-items=\"(\\d+)\"[^>]*>责任清单（").Groups[1].Value);
        button.ShouldBeGreaterThanOrEqualTo(overdue);
        var bell = await client.GetStringAsync("/Notifications?handler=Bell");
        var all = int.Parse(Regex.Match(page, "data-items=\"(\\d+)\"[^>]*>全部（").Groups[1].Value);
        bell.ShouldContain($"aria-label=\"通知提醒 {all} 条\"");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_count_stops_at_the_cap_and_is_exact_below_it(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        using var services = factory.Services.CreateScope();
        var centre = services.ServiceProvider.GetRequiredService<ReminderCentre>();
        var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
        foreach (var (name, path) in new[] { ("yuanqu-office", "山西省/运城市/垣曲县"), ("yuncheng-office", "山西省/运城市"), ("shanxi-office", "山西省") })
        {
            var id = await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync();
            var scope = new UserScope(id, Roles.Office, path, null);
            var total = (await centre.ListAsync(scope)).Total();
            total.ShouldBeGreaterThan(3, name);
            // Each source is counted only as far as the rest of the way: 1 and 2 stop inside the first sources that have any.
            foreach (var upTo in new[] { 1, 2, total - 1, total, total + 1, ReminderCentre.BellCounts })
                (await centre.CountAsync(scope, upTo)).ShouldBe(Math.Min(total, upTo), $"{name}, up to {upTo}");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_dashboard_card_counts_each_area_as_the_list_adds_it_up(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        using var services = factory.Services.CreateScope();
        var centre = services.ServiceProvider.GetRequiredService<ReminderCentre>();
        var users = services.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var claims = services.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var areas = new HashSet<string>();
        foreach (var account in AccountSeeder.DemoAccounts)
        {
            // The scope as a signed-in session carries it: unit and town included.
            var scope = UserScope.From(await claims.CreateAsync((await users.FindByNameAsync(account.UserName))!))!;
            var list = await centre.ListAsync(scope);
            var expected = list.GroupBy(r => r.Area).Select(g => new ReminderTally(g.Key, g.Total(), g.Max(r => r.Level))).ToList();
            (await centre.TallyAsync(scope)).ShouldBe(expected, account.UserName);
            (await centre.CountAsync(scope)).ShouldBe(Math.Min(list.Total(), ReminderCentre.BellCounts), account.UserName);
            areas.UnionWith(expected.Select(t => t.Area));
        }
        new[] { "重点项目", "问题台账", "责任清单", "专班月报", "督办通知书" }.ShouldBeSubsetOf(areas);
    }
}
