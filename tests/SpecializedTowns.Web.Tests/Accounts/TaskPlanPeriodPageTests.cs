using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// 新建年度行动计划 for a year outside the document's 执行期 (QA 96 #5: plans for 2030 were made from a 2024–2025 draft
/// without a word): the form says the period and offers 延用; ticked, the plan is made.
/// </summary>
public class TaskPlanPeriodPageTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_year_outside_the_documents_period_is_planned_only_when_the_office_carries_the_document_on(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yongji-office");
        await using var _ = factory;
        var form = await client.GetStringAsync("/Tasks/New");
        var target = Regex.Match(form, "value=\"(j\\d+)\"[^>]*selected").Groups[1].Value;
        target.ShouldNotBeEmpty();
        int Plans()
        {
            using var scope = factory.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<TownsDbContext>().ActionPlans.Count(p => p.Year == 2030);
        }
        Dictionary<string, string> Fields(bool carryOn)
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PageSignIn.Antiforgery(form), ["Input.PolicyId"] = "yongji-2024-2025",
                ["Input.Year"] = "2030", ["Input.Target"] = target,
            };
            if (carryOn) fields["Input.CarryOn"] = "true";
            return fields;
        }

        var refused = await client.PostAsync("/Tasks/New", new FormUrlEncodedContent(Fields(carryOn: false)));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("的执行期为2024—2025年，2030年不在其中");
        page.ShouldContain("id=\"carry-on\"");
        Plans().ShouldBe(0);

        var made = await client.PostAsync("/Tasks/New", new FormUrlEncodedContent(Fields(carryOn: true)));
        made.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        made.Headers.Location!.ToString().ShouldStartWith("/Tasks/Plan/");
        Plans().ShouldBe(1);
    }
}
