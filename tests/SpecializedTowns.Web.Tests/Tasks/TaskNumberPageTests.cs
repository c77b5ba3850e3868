using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>垣曲's plan shows its task numbers in one form: （一） beside （三）, on the plan and in the reminders.</summary>
public partial class TaskNumberPageTests
{
    [GeneratedRegex("href=\"/Tasks/Plan/(\\d+)\"")]
    private static partial Regex PlanLink();

    [Fact]
    public async Task The_plan_and_the_reminders_write_every_task_number_full_width()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var plans = PlanLink().Matches(await office.GetStringAsync("/Tasks")).Select(m => m.Groups[1].Value).Distinct().ToList();
        plans.ShouldNotBeEmpty();
        var plan = WebUtility.HtmlDecode(await office.GetStringAsync($"/Tasks/Plan/{plans[0]}"));
        plan.ShouldContain("（一）");
        plan.ShouldContain("（二）");
        plan.ShouldNotContain("(一)");
        plan.ShouldNotContain("(二)");

        foreach (var user in new[] { "yuanqu-office", "yuanqu-member" })
        {
            var client = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, user);
            var reminders = WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications"));
            reminders.ShouldNotContain("(一)", customMessage: user);
            reminders.ShouldNotContain("(二)", customMessage: user);
        }
    }
}
