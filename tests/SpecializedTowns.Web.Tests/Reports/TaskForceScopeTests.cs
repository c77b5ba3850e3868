using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// 调整专班 by another county's office: refused as every out-of-scope write is (403 where the record is in sight, 404 where it
/// is not), on the post as on the form, never a message on a form the office may not fill in; nothing is written.
/// </summary>
public class TaskForceScopeTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_task_force_another_county_manages_is_refused_403_on_the_post_as_on_its_form_and_nothing_changes(StorageProvider provider)
    {
        var (factory, xinjiang) = await PageSignIn.OwnPlatformAsync(provider, "xinjiang-office");
        await using var _ = factory;
        int force, unit, entries;
        string? leader;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            // An office above moved 历山's town to 新绛县 (专业镇名录 → 编辑): 新绛 now sees its 专班, which is still 垣曲县's to manage.
            var town = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
            town.CountyId = await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/新绛县").Select(j => j.Id).SingleAsync();
            await db.SaveChangesAsync();
            var record = await db.TaskForces.AsNoTracking().SingleAsync(f => f.SpecializedTownId == town.Id);
            (force, leader) = (record.Id, record.ResponsibleLeader);
            unit = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/运城市/新绛县").Select(u => u.Id).FirstAsync();
            entries = await db.AuditEntries.CountAsync(e => e.RootType == "TaskForce" && e.RootId == force.ToString());
        }
        var url = $"/Reports/TaskForceEdit/{force}";

        var form = await xinjiang.GetAsync(url);
        form.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        form.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");

        var newForm = await xinjiang.GetStringAsync("/Reports/TaskForceEdit");
        var post = await PageSignIn.PostAsync(xinjiang, url, newForm, new()
        {
            ["Input.LeadUnitIds"] = unit.ToString(), ["Input.ResponsibleLeader"] = "新绛县改写测试", ["Input.ReportsFrom"] = "2024-01", ["Input.RecordsExisting"] = "true",
        });
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect, await post.Content.ReadAsStringAsync());
        post.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.TaskForces.AsNoTracking().SingleAsync(f => f.Id == force)).ResponsibleLeader.ShouldBe(leader);
            (await db.AuditEntries.CountAsync(e => e.RootType == "TaskForce" && e.RootId == force.ToString())).ShouldBe(entries, "nothing was written");
        }
    }
}
