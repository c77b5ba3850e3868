using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>A project's small forms (要素保障, 阶段) posted with values their lists and date fields cannot give.</summary>
public class ProjectFormTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_status_not_in_the_list_or_an_unreadable_date_changes_nothing_and_says_why(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int projectId;
        GuaranteeStatus before;
        ProjectStage stage;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var guarantee = await db.Projects.Where(p => p.County!.Name == "垣曲县").SelectMany(p => p.Guarantees)
                .Where(g => g.Kind == GuaranteeKind.Land && g.Status != GuaranteeStatus.NotNeeded).OrderBy(g => g.ProjectId).FirstAsync();
            (projectId, before) = (guarantee.ProjectId, guarantee.Status);
            stage = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Stage).SingleAsync();
        }
        var url = $"/Projects/Detail/{projectId}";
        async Task<string> PostAsync(string handler, Dictionary<string, string> fields)
        {
            var html = await client.GetStringAsync(url);
            fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
            var response = await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(fields));
            // The stage form is shown again with its error beside the field (h95); the others say it after the redirect.
            if (handler == "Stage")
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            }
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return WebUtility.HtmlDecode(await client.GetStringAsync(url));
        }

        // Bound as its default, “Maybe” had set the land guarantee to 无需办理. The message names the field and its options,
        // not the code word that came, which the clerk never saw.
        var page = await PostAsync("Guarantee", new() { ["kind"] = "Land", ["status"] = "Maybe", ["note"] = "" });
        page.ShouldContain("“保障状态”只能从列表中选择（无需办理、待落实、办理中、已保障、受阻）");
        page.ShouldNotContain("Maybe");
        page.ShouldNotContain("保障已更新为");
        // A unit is chosen from a list: said as a choice, not as a number badly written.
        (await PostAsync("Guarantee", new() { ["kind"] = "Land", ["status"] = "Secured", ["unitId"] = "abc" }))
            .ShouldContain("“abc”不是可选的项，请从列表中选择");
        var dated = await PostAsync("Stage", new() { ["stage"] = (stage + 1).ToString(), ["on"] = "明天" });
        dated.ShouldContain("“明天”不是有效的日期，请写成 2025-03-05 的格式");

        using var after = factory.Services.CreateScope();
        var check = after.ServiceProvider.GetRequiredService<TownsDbContext>();
        (await check.Projects.Where(p => p.Id == projectId).SelectMany(p => p.Guarantees).Where(g => g.Kind == GuaranteeKind.Land).Select(g => g.Status).SingleAsync())
            .ShouldBe(before);
        (await check.Projects.Where(p => p.Id == projectId).Select(p => p.Stage).SingleAsync()).ShouldBe(stage);
    }
}
