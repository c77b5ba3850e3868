using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>The 下发督办通知书 form of an evaluation: every mistake named in one round, nothing issued while any remains.</summary>
public class NoticeIssueFormTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_deadline_it_cannot_read_is_named_with_a_missing_contact_and_a_bad_phone_and_nothing_is_issued(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _ = factory;
        // A published ranking with towns to supervise: 运城市's 2023 (four below 60); its 2024 ranking has none.
        int id;
        using (var setup = factory.Services.CreateScope())
        {
            var evaluations = setup.ServiceProvider.GetRequiredService<EvaluationService>();
            var cityId = await setup.ServiceProvider.GetRequiredService<TownsDbContext>().Users.Where(u => u.UserName == "yuncheng-office").Select(u => u.Id).SingleAsync();
            var city = new UserScope(cityId, Roles.Office, "山西省/运城市", null);
            id = await evaluations.CreateAsync(city, "运城市专业镇办", 2023, SubjectKind.Town, null);
            await evaluations.PublishAsync(city, "运城市专业镇办", id, null, coverageReason: "已结合各单位工作职责核实");
        }
        var url = $"/Evaluations/Detail/{id}";
        var token = new HtmlParser().ParseDocument(await office.GetStringAsync(url))
            .QuerySelector("#issue-notices input[name=__RequestVerificationToken], input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var notices = await db.Notices.CountAsync();

        var response = await office.PostAsync(url + "?handler=Notices", new FormUrlEncodedContent(
        [
            new("Issue.Deadline", "下个月"), new("Issue.ContactName", ""), new("Issue.ContactPhone", "12ab"), new("__RequestVerificationToken", token),
        ]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var beside = page.QuerySelectorAll("#issue-notices .text-danger.small").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        // The date the form could not read, and the contact's mistakes: all in one round, each beside its field.
        beside.ShouldContain("“下个月”不是有效的日期，请写成 2025-03-05 的格式");
        beside.ShouldContain("请填写联系人");
        beside.ShouldContain("联系电话“12ab”格式不对，如 0359-6021234 或 13812345678");
        page.QuerySelector(".alert-danger")!.TextContent.ShouldContain("整改期限请按 年-月-日 填写；请填写联系人");

        (await db.Notices.CountAsync()).ShouldBe(notices);
    }
}
