using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// qa110 10: what the administrator's and the office's pages left without a word — a town dropped from an expert's account, a
/// second 停用, an export format the platform does not write, an account that is not there, audit filters that are not dates or
/// numbers, and a published evaluation with no one commended.
/// </summary>
public class AdminSlipTests
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string url, Dictionary<string, string> fields) =>
        Applications.ApplicationDecisionTests.PostAsync(client, page, url, fields);

    [Fact]
    public async Task The_administrators_pages_say_what_they_did_not_do()
    {
        var (_, factory, admin) = await PageSignIn.AdminPlatformAsync(StorageProvider.Sqlite);
        await using var _f = factory;
        var page = await admin.GetStringAsync("/Admin/Users");
        var yuanqu = Regex.Match(page, "<option value=\"(\\d+)\">(?:&#x3000;)*垣曲县</option>").Groups[1].Value;
        var lishan = Regex.Match(page, "<option value=\"(\\d+)\">历山镇蜂蜜专业镇</option>").Groups[1].Value;

        // An expert saved with 负责的专业镇: the town is not kept, and the message says why.
        (await PostAsync(admin, "/Admin/Users", "/Admin/Users?handler=Create", new()
        {
            ["Input.UserName"] = "yq-expert", ["Input.DisplayName"] = "垣曲县评审专家", ["Input.Role"] = "expert", ["Input.JurisdictionId"] = yuanqu, ["Input.TownId"] = lishan,
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/Admin/Users")).ShouldContain("所选的负责专业镇“历山镇蜂蜜专业镇”未保存：只有乡镇/专班账号负责一个专业镇，评审专家账号按所属行政区划使用");

        // 停用 twice: the second says the account already is.
        int member;
        using (var scope = factory.Services.CreateScope())
            member = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Users.Where(u => u.UserName == "yuanqu-member").Select(u => u.Id).SingleAsync();
        (await PostAsync(admin, "/Admin/Users", $"/Admin/Users?handler=Disable&id={member}", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/Admin/Users")).ShouldContain("已停用 yuanqu-member");
        (await PostAsync(admin, "/Admin/Users", $"/Admin/Users?handler=Disable&id={member}", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/Admin/Users")).ShouldContain("yuanqu-member 已是停用状态，无需再次停用");

        // A format the platform does not write is refused, in Chinese, rather than answered with an .xlsx.
        var pdf = await admin.GetAsync("/Admin/Users?handler=Export&format=pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pdf.Content.ReadAsStringAsync()).ShouldContain("不支持导出为“pdf”格式");
        (await admin.GetAsync("/Admin/Users?handler=Export&format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.GetStringAsync("/Admin/Users?edit=9999")).ShouldContain("账号不存在（编号 9999）");

        // 审计日志: a date that is not one, an entity number that is not one, and an export whose start is after its end.
        (await admin.GetStringAsync("/Audit?from=abc")).ShouldContain("开始日期“abc”不是有效日期，请写成 2024-03-05");
        (await admin.GetStringAsync("/Audit?to=2026-13-01")).ShouldContain("结束日期“2026-13-01”不是有效日期");
        (await admin.GetStringAsync("/Audit?type=KeyProject&entityId=abc")).ShouldContain("对象编号“abc”不是有效的记录编号");
        var backwards = await admin.GetAsync("/Audit?handler=Export&format=csv&from=2026-12-01&to=2026-11-01");
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync()).ShouldContain("开始日期不能晚于结束日期");
    }

    [Fact]
    public async Task A_published_evaluation_with_no_one_commended_is_said_so_and_cites_no_other_citys_clause()
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yuncheng-office");
        await using var _ = factory;
        // 运城's 2024 town evaluation is published in the demo; here nobody in it reached 表扬.
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TownsDbContext>().EvaluationResults.ExecuteUpdateAsync(s => s.SetProperty(r => r.Commended, false));
        var page = Applications.ApplicationDecisionTests.Text(await city.GetStringAsync("/Commendations?year=2024"));
        page.ShouldContain("运城市2024年度专业镇评估已发布，没有达到表扬条件的专业镇");
        page.ShouldNotContain("朔政办发〔2023〕19号 五（五）");
    }
}
