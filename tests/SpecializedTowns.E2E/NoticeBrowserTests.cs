using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class NoticeBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => BrowserFixture.ScreenshotPath(name);

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
}
