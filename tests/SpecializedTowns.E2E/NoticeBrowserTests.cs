using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class NoticeBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => BrowserFixture.ScreenshotPath(name);

    /// <summary>Waits for the page the step redirects to: the old page's message would otherwise be read.</summary>
    private static Task Done(IPage page, string message) =>
        page.Locator(".alert-success[role=status]", new() { HasText = message }).WaitForAsync();

    [BrowserFact]
    public async Task The_office_issues_a_notice_from_the_form_and_reads_the_overdue_one_with_its_proposal()
    {
        var errors = new List<string>();
        var office = await fixture.SignedInPageAsync("yuanqu-office", 1366, 900);
        office.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        // Issuing and recording ask for a confirmation first.
        office.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await office.ClickAsync("nav.sidebar >> text=督办通知书/整改");
        (await office.InnerTextAsync("h1")).ShouldBe("督办通知书/整改");
        var list = await office.InnerTextAsync("#notice-list");
        list.ShouldContain("古城镇");
        list.ShouldContain("历山镇蜂蜜专业镇");
        // The province's office sees every programme's notices. (Another test may have moved the platform's clock on, so the
        // notice due in five days may be overdue by now; the others keep their state.)
        var province = await fixture.SignedInPageAsync("shanxi-office", 1366, 768);
        await province.GotoAsync(fixture.BaseUrl + "/Notices");
        var all = await province.InnerTextAsync("#notice-list");
        foreach (var status in new[] { "逾期", "已整改", "已处理" }) all.ShouldContain(status);
        foreach (var place in new[] { "垣曲县", "新绛县", "平定县" }) all.ShouldContain(place);
        await province.ScreenshotAsync(new() { Path = Shot("notices.png"), FullPage = true });

        // The demo's overdue notice: 垣曲's document proposes 通报批评 and 约谈.
        await office.Locator("#notice-list tbody tr", new() { HasText = "古城镇" }).Locator("a").First.ClickAsync();
        (await office.InnerTextAsync("#notice-status")).ShouldBe("逾期");
        (await office.InnerTextAsync("#proposal-explanation")).ShouldContain("垣政办发〔2023〕19号 五（四）");
        (await office.InnerTextAsync("#proposal-actions")).ShouldContain("约谈");
        (await office.Locator("#actions-form").CountAsync()).ShouldBe(1);
        await office.ScreenshotAsync(new() { Path = Shot("notice-detail.png"), FullPage = true });

        // A new notice: the preview follows the recipient; a fourth finding row is added in the page.
        await office.GotoAsync(fixture.BaseUrl + "/Notices/New");
        await office.SelectOptionAsync("#Input_Recipient", new SelectOptionValue { Label = "皋落乡食用菌专业镇（垣曲县）" });
        await office.WaitForSelectorAsync("#next-number");
        (await office.InnerTextAsync("#notice-preview")).ShouldContain("逾期未完成整改的，将依照垣政办发〔2023〕19号进行通报批评和约谈。");
        await office.ClickAsync("[data-add-finding]");
        (await office.Locator("[data-finding-row]").CountAsync()).ShouldBe(4);
        await office.FillAsync("#Input_Findings_0__Text", "菌种场专业技术人员不足，母种、原种依赖外地");
        await office.FillAsync("#Input_Findings_0__Source", "2025年度评估·人才支撑");
        await office.FillAsync("#Input_Findings_3__Text", "食用菌区域公用品牌推广措施未落实");
        await office.FillAsync("#Input_Findings_3__Source", "2025年度评估·品牌建设");
        var number = await office.InnerTextAsync("#next-number");
        await office.ClickAsync("#notice-form button[type=submit]");
        await office.WaitForURLAsync(u => u.Contains("/Notices/Detail/"));
        (await office.InnerTextAsync("#notice-number")).ShouldBe(number);
        (await office.InnerTextAsync("#notice-items")).ShouldContain("（2）");
        (await office.InnerTextAsync("#notice-items")).ShouldContain("食用菌区域公用品牌推广措施未落实");
        await office.ScreenshotAsync(new() { Path = Shot("notice-issued.png"), FullPage = true });

        // The download is the .docx.
        var download = await office.RunAndWaitForDownloadAsync(() => office.ClickAsync("#notice-download"));
        download.SuggestedFilename.ShouldBe($"督办通知书-{number}.docx");
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task The_township_uploads_two_files_for_a_finding_removes_one_submits_and_the_office_sees_the_one_left()
    {
        int id;
        using (var scope = fixture.Services.CreateScope())
        {
            // A notice of its own: the demo's notices are other tests' too.
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var notices = scope.ServiceProvider.GetRequiredService<NoticeService>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "yuanqu-office");
            var issuer = new UserScope(user.Id, Roles.Office, "山西省/运城市/垣曲县", null) { UnitId = user.UnitId };
            var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
            id = await notices.CreateAsync(issuer, user.DisplayName, new NoticeDraft
            {
                RecipientKind = RecipientKind.Town, RecipientId = town, Basis = "2025年度专业镇发展评估结果",
                Findings = [new NoticeFinding("蜂蜜冷链仓储项目用地未落实", "2025年度评估·要素保障")],
                Deadline = notices.Today.AddDays(30), ContactName = "李明", ContactPhone = "0359-6022135",
            });
        }
        var errors = new List<string>();
        var township = await fixture.SignedInPageAsync("lishan-township", 1366, 900);
        township.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        // Removing a file and submitting ask for a confirmation first.
        township.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await township.GotoAsync($"{fixture.BaseUrl}/Notices/Detail/{id}");

        await township.FillAsync("#measures-1", "用地已纳入本年度土地利用计划调整方案");
        await township.SetInputFilesAsync("#file-1", new[]
        {
            new FilePayload { Name = "用地计划.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.4 用地计划"u8] },
            new FilePayload { Name = "现场照片.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0] },
        });
        await township.ClickAsync("#item-1 form[enctype] button[type=submit]");
        await Done(township, "第 1 项整改情况已填报");
        var files = township.Locator("#files-1 [data-evidence-file]");
        (await files.AllInnerTextsAsync()).Select(t => t.Split('（')[0].Trim()).ShouldBe(["用地计划.pdf", "现场照片.png"]);
        await township.ScreenshotAsync(new() { Path = Shot("notice-two-files.png"), FullPage = true });

        await files.Filter(new() { HasText = "现场照片.png" }).Locator("[data-remove-file]").ClickAsync();
        await Done(township, "已删除第 1 项的一个佐证文件");
        (await files.CountAsync()).ShouldBe(1);

        await township.ClickAsync("#notice-submit");
        await Done(township, "整改情况已报送");
        (await files.AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldStartWith("用地计划.pdf");
        (await township.Locator("#files-1 [data-remove-file]").CountAsync()).ShouldBe(0, "submitted, the files are read only");

        var office = await fixture.SignedInPageAsync("yuanqu-office", 1366, 900);
        await office.GotoAsync($"{fixture.BaseUrl}/Notices/Detail/{id}");
        var seen = office.Locator("#files-1 [data-evidence-file]");
        (await seen.CountAsync()).ShouldBe(1);
        (await seen.InnerTextAsync()).ShouldContain("用地计划.pdf");
        (await office.InnerTextAsync("#notice-history")).ShouldContain("删除佐证文件");
        await office.ScreenshotAsync(new() { Path = Shot("notice-one-file-left.png"), FullPage = true });
        errors.ShouldBeEmpty();
    }
}
