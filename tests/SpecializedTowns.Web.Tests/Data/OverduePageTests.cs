using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Pages.Tasks;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>逾期清单 pages its lead units (a province has a thousand with something overdue), the most overdue first, with the totals of all.</summary>
public class OverduePageTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_overdue_list_shows_a_page_of_units_and_the_totals_of_all(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using (var db = storage.CreateContext())
        {
            // 25 more units of 垣曲县, the i-th leading i overdue tasks of a 垣曲 plan.
            var plan = await db.ActionPlans.Where(p => p.Jurisdiction!.Path == "山西省/运城市/垣曲县").OrderBy(p => p.Id).FirstAsync();
            var group = await db.TaskGroups.Where(g => g.PlanId == plan.Id).OrderBy(g => g.Id).FirstAsync();
            for (var i = 1; i <= 25; i++)
            {
                var unit = new Unit { JurisdictionId = plan.JurisdictionId, Name = $"逾期测试单位{i:D2}" };
                db.Units.Add(unit);
                for (var k = 0; k < i; k++)
                    db.PlanTasks.Add(new PlanTask
                    {
                        PlanId = plan.Id, GroupId = group.Id, SortOrder = 100 + i * 30 + k, Title = $"逾期测试任务{i}-{k}",
                        Deadline = new DateOnly(2024, 1, 31), OriginalDeadline = new DateOnly(2024, 1, 31),
                        Units = [new TaskUnit { Unit = unit, Role = UnitRole.Lead, SortOrder = 1 }],
                    });
            }
            await db.SaveChangesAsync();
        }
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-office", TestDatabases.DemoPassword);

        static List<string> Units(string page) => Regex.Matches(page, "<span class=\"fw-bold\">([^<]*)</span>").Select(m => m.Groups[1].Value).ToList();
        var first = await client.GetStringAsync("/Tasks/Overdue");
        var shown = Units(first);
        shown.Count.ShouldBe(OverdueModel.PageSize);
        shown.Take(3).ShouldBe(["逾期测试单位25", "逾期测试单位24", "逾期测试单位23"], "the most overdue first");
        var total = int.Parse(Regex.Match(first, "涉及 (\\d+) 个牵头单位").Groups[1].Value);
        total.ShouldBeGreaterThan(25);
        var rest = new List<string>();
        for (var page = 2; (page - 1) * OverdueModel.PageSize < total; page++) rest.AddRange(Units(await client.GetStringAsync($"/Tasks/Overdue?page={page}")));
        shown.Concat(rest).Count().ShouldBe(total);
        shown.Concat(rest).ShouldBeUnique();
        rest.ShouldContain("逾期测试单位01");
        // The totals are of every unit: 1 + 2 + … + 25 = 325 of the tasks added, with those the demo had.
        var tasks = int.Parse(Regex.Match(first, "逾期任务 (\\d+) 项").Groups[1].Value);
        tasks.ShouldBeGreaterThanOrEqualTo(325);
    }
}
