using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notifications;

/// <summary>
/// 通知提醒 counts in one unit: the pager's total is the matters the area buttons count, a reminder for “另有 N 个…” being
/// N of them, not the rows it pages.
/// </summary>
public partial class ReminderPagerTests
{
    [GeneratedRegex("共 ([0-9,]+) 项，第 (\\d+) / (\\d+) 页")]
    private static partial Regex Pager();

    [GeneratedRegex("data-items=\"(\\d+)\" class=\"btn btn-sm btn-primary\"")]
    private static partial Regex Chosen();

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page's pager and its chosen button: (matters counted by the pager, by the button, rows on the page, pages).</summary>
    private static (int Pager, int Button, int Rows, int Pages) Read(string page, string url)
    {
        var pager = Pager().Match(page);
        pager.Success.ShouldBeTrue($"{url} has no pager");
        return (int.Parse(pager.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands), int.Parse(Chosen().Match(page).Groups[1].Value),
            Regex.Matches(page, ">(?:去处理|查看)</a>").Count, int.Parse(pager.Groups[3].Value));
    }

    [Fact]
    public async Task The_pager_counts_the_matters_the_area_buttons_count()
    {
        foreach (var user in new[] { "shanxi-office", "yuncheng-office", "yuanqu-office", "lishan-township" })
        {
            var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, user);
            var all = await PageAsync(office, "/Notifications");
            var areas = Regex.Matches(all, "href=\"/Notifications\\?area=([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            foreach (var url in areas.Select(a => "/Notifications?area=" + a).Prepend("/Notifications"))
            {
                var (pager, button, _, _) = Read(url == "/Notifications" ? all : await PageAsync(office, url), url);
                pager.ShouldBe(button, $"{user} {url}");
            }
        }
    }

    /// <summary>More registered problems than are listed one by one: the rest are one row standing for many, counted as many.</summary>
    [Fact]
    public async Task A_row_that_stands_for_the_rest_counts_as_its_matters_in_the_pager()
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuanqu-office");
        await using var _ = factory;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var county = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县");
            var model = await db.Problems.AsNoTracking().Where(p => p.JurisdictionId == county.Id).OrderBy(p => p.Id).FirstAsync();
            for (var i = 0; i < SpecializedTowns.Data.Problems.ProblemReminders.Listed + 15; i++)
                db.Problems.Add(new SpecializedTowns.Core.Problems.Problem
                {
                    Title = $"提醒分页测试问题 {i + 1}", Description = model.Description, Source = model.Source, Kind = model.Kind, Category = model.Category,
                    JurisdictionId = county.Id, SpecializedTownId = model.SpecializedTownId, LeadUnitId = model.LeadUnitId, Deadline = model.Deadline,
                    RaisedByUserId = model.RaisedByUserId, RaisedBy = model.RaisedBy, RaisedAtUtc = DateTime.UtcNow, State = SpecializedTowns.Core.Problems.ProblemState.Registered,
                });
            await db.SaveChangesAsync();
        }
        var url = "/Notifications?area=" + Uri.EscapeDataString("问题台账");
        var (pager, button, _, pages) = Read(await PageAsync(office, url), url);
        var last = Read(await PageAsync(office, $"{url}&page={pages}"), url);
        var rows = (pages - 1) * 20 + last.Rows;
        rows.ShouldBe(SpecializedTowns.Data.Problems.ProblemReminders.Listed + 1);
        pager.ShouldBe(button);
        pager.ShouldBeGreaterThan(rows);
        var (allPager, allButton, _, _) = Read(await PageAsync(office, "/Notifications"), "/Notifications");
        allPager.ShouldBe(allButton);
    }
}
