using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>The notice pages as a browser posts them (antiforgery token, form fields, a file), on both providers.</summary>
[Collection("notice-platform")]
public class NoticePagesTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static Task<HttpClient> SignedInAsync(StorageProvider provider, string user) => NoticePlatforms.SignedInAsync(provider, user);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handlerUrl, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
        return await client.PostAsync(handlerUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a reader sees of some HTML: the text without tags, entities decoded, spaces run together.</summary>
    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();

    /// <summary>The text of the element with this id: from its tag to the first of the end markers after it.</summary>
    private static string Section(string html, string id, string end)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no element {id}");
        var stop = html.IndexOf(end, start, StringComparison.Ordinal);
        return html[(html.IndexOf('>', start) + 1)..(stop < 0 ? html.Length : stop)];
    }

    private static string Inner(string html, string id, string tag) => Text(Section(html, id, $"</{tag}>"));

    private static bool Has(string html, string id) => html.Contains($"id=\"{id}\"", StringComparison.Ordinal);

    private static string Message(string html, string field) =>
        Text(Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline).Groups[1].Value);

    private static List<string> Rows(string html) =>
        Regex.Split(Section(html, "notice-list", "</tbody>"), "<tr>").Skip(2).Select(Text).ToList();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_lists_filters_and_exports_and_issues_a_notice_through_the_form(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var list = await office.GetStringAsync("/Notices");
        list.ShouldMatch("<a class=\"menu-item active\" href=\"/Notices\"><i class=\"[^\"]+\"></i> 督办通知书/整改</a>");
        var rows = Rows(list);
        rows.ShouldContain(r => r.Contains("古城镇") && r.Contains("逾期"));
        rows.ShouldNotContain(r => r.Contains("平定砂器刻花瓷专业镇"), "阳泉's notice is not 垣曲's");
        var overdue = Rows(await office.GetStringAsync("/Notices?overdue=true"));
        overdue.ShouldNotBeEmpty();
        overdue.ShouldAllBe(r => r.Contains("逾期"));
        Text(await office.GetStringAsync($"/Notices?kind=Unit&year={Today.Year - 5}")).ShouldContain("没有符合条件的督办通知书");

        var csv = await office.GetAsync("/Notices?handler=Csv&status=Overdue");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("发文字号,发文日期,发文机关,整改对象");
        lines.Skip(1).ShouldNotBeEmpty();
        lines.Skip(1).ShouldAllBe(l => l.Contains(",逾期,"));

        // The form: what was typed stays, each message beside its field.
        var form = await office.GetStringAsync("/Notices/New");
        var recipient = Regex.Match(form, "<option value=\"(Township:\\d+)\"[^>]*>古城镇（垣曲县）</option>").Groups[1].Value;
        recipient.ShouldNotBeEmpty();
        var fields = new Dictionary<string, string>
        {
            ["Input.Recipient"] = recipient, ["Input.Basis"] = "2025年度专业镇发展评估结果",
            ["Input.Findings[0].Text"] = "渔业专业镇重点项目开工率为 40%", ["Input.Findings[0].Source"] = "",
            ["Input.Findings[1].Text"] = "", ["Input.Findings[1].Source"] = "",
            ["Input.Deadline"] = Today.ToString("yyyy-MM-dd"), ["Input.ContactName"] = "李明", ["Input.ContactPhone"] = "0359-6022135",
            ["Input.CopyTo"] = "县专业镇发展领导小组各成员单位\n县人民政府办公室",
        };
        var refused = await PostAsync(office, "/Notices/New", "/Notices/New", new(fields));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        Message(page, "Input.Deadline").ShouldBe($"整改期限须晚于发文日期（{Today.Year}年{Today.Month}月{Today.Day}日）");
        Message(page, "Input.Findings[0].Source").ShouldStartWith("请注明第 1 个问题的来源");
        Inner(page, "Input_Findings_0__Text", "textarea").ShouldBe("渔业专业镇重点项目开工率为 40%");
        Section(page, "notice-preview", "</form>").ShouldContain("逾期未完成整改的，将依照垣政办发〔2023〕19号进行通报批评和约谈。");

        fields["Input.Findings[0].Source"] = "2025年度评估·项目开工率";
        fields["Input.Deadline"] = Today.AddDays(30).ToString("yyyy-MM-dd");
        var issued = await PostAsync(office, "/Notices/New", "/Notices/New", fields);
        issued.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detailUrl = issued.Headers.Location!.ToString();
        detailUrl.ShouldMatch("^/Notices/Detail/\\d+$");
        var detail = await office.GetStringAsync(detailUrl);
        Inner(detail, "notice-status", "span").ShouldBe("已下发");
        Inner(detail, "notice-number", "h1").ShouldMatch($"^垣专办督〔{Today.Year}〕\\d+号$");
        Text(detail).ShouldContain("督办通知书已下发");
        Text(detail).ShouldContain("县专业镇发展领导小组各成员单位、县人民政府办公室");
        var docx = await office.GetAsync(detailUrl + "?handler=Document");
        docx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        (await docx.Content.ReadAsByteArrayAsync()).Take(2).ShouldBe("PK"u8.ToArray());
    }

    /// <summary>A notice 垣曲县办公室 issues to 历山镇蜂蜜专业镇 through the API, due in 15 days: its page's address.</summary>
    private static async Task<string> NoticeToLishanAsync(StorageProvider provider)
    {
        var api = await NoticePlatforms.ClientAsync(provider, "yuanqu-office");
        var town = await NoticesApiTests.RecipientAsync(api, "town", "历山镇蜂蜜专业镇");
        var created = JsonDocument.Parse(await (await api.PostAsJsonAsync("/api/v1/notices", NoticesApiTests.Body("town", town, Today.AddDays(15)))).Content.ReadAsStringAsync()).RootElement;
        return $"/Notices/Detail/{created.GetProperty("id").GetInt32()}";
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_township_reports_with_a_file_on_the_page_and_the_office_verifies_there(StorageProvider provider)
    {
        var url = await NoticeToLishanAsync(provider);

        var township = await SignedInAsync(provider, "lishan-township");
        var html = await township.GetStringAsync(url);
        Text(html).ShouldContain("填报整改情况");
        Text(html).ShouldNotContain("核验通过");
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageSignIn.Antiforgery(html)), "__RequestVerificationToken" },
            { new StringContent("冷链仓储项目用地已纳入年度用地计划调整方案"), "Measures" },
            { new StringContent("用地计划调整方案"), "Evidence" },
        };
        var file = new ByteArrayContent([.. "%PDF-1.4 用地计划"u8]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "用地计划.pdf");
        (await township.PostAsync(url + "?handler=Record&item=1", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A post naming no handler is sent back to the page (Razor Pages rendered it with nothing loaded: a 500).
        var unnamed = await PostAsync(township, url, url, new() { ["Measures"] = "x" });
        unnamed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        unnamed.Headers.Location!.ToString().ShouldEndWith(url);
        var refused = await PostAsync(township, url, url + "?handler=Record&item=2", new() { ["Measures"] = "", ["Evidence"] = "x" });
        Text(Section(await refused.Content.ReadAsStringAsync(), "item-2", "notice-history")).ShouldContain("请填写整改措施和完成情况");
        (await PostAsync(township, url, url + "?handler=Submit", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterSubmit = Section(await township.GetStringAsync(url), "item-1", "id=\"item-2\"");
        Regex.Match(afterSubmit, "data-item-state>(.*?)</span>").Groups[1].Value.ShouldBe("待核验");
        var link = WebUtility.HtmlDecode(Regex.Match(afterSubmit, "href=\"([^\"]*handler=File[^\"]*)\"").Groups[1].Value);
        link.ShouldNotBeEmpty();
        Text(afterSubmit).ShouldContain("用地计划.pdf");

        var office = await SignedInAsync(provider, "yuanqu-office");
        (await office.GetByteArrayAsync(link)).ShouldBe([.. "%PDF-1.4 用地计划"u8]);
        (await PostAsync(office, url, url + "?handler=Return&item=1", new() { ["Reason"] = "" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(office, url, url + "?handler=Accept&item=1", new() { ["Reason"] = "同意" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var verified = await office.GetStringAsync(url);
        Regex.Match(Section(verified, "item-1", "id=\"item-2\""), "data-item-state>(.*?)</span>").Groups[1].Value.ShouldBe("已通过");
        Inner(verified, "notice-history", "ol").ShouldMatch("核验通过 ?（第 1 项） · 垣曲县专业镇办");

        // Steps not offered to a person are refused when posted anyway.
        var other = await SignedInAsync(provider, "xinjiang-office");
        (await other.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var leader = await SignedInAsync(provider, "yuncheng-leader");
        var asLeader = await PostAsync(leader, url, url + "?handler=Record&item=2", new() { ["Measures"] = "代填", ["Evidence"] = "x" });
        Text(await asLeader.Content.ReadAsStringAsync()).ShouldContain("只有整改对象或领导小组办公室可以填报整改情况");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_subject_typed_as_the_whole_phrase_gives_one_关于_and_one_督办_in_the_page_and_the_docx(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var form = await office.GetStringAsync("/Notices/New");
        var recipient = Regex.Match(form, "<option value=\"(Township:\\d+)\"[^>]*>古城镇（垣曲县）</option>").Groups[1].Value;
        recipient.ShouldNotBeEmpty();
        var issued = await PostAsync(office, "/Notices/New", "/Notices/New", new()
        {
            ["Input.Recipient"] = recipient, ["Input.Subject"] = "关于蜂蜜冷链项目滞后的督办", ["Input.Basis"] = "2025年度专业镇发展评估结果",
            ["Input.Findings[0].Text"] = "蜂蜜冷链仓储项目未按期开工", ["Input.Findings[0].Source"] = "2025年度评估·项目开工率",
            ["Input.Deadline"] = Today.AddDays(30).ToString("yyyy-MM-dd"), ["Input.ContactName"] = "李明", ["Input.ContactPhone"] = "0359-6022135",
        });
        issued.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detailUrl = issued.Headers.Location!.ToString();

        Text(await office.GetStringAsync(detailUrl)).ShouldContain("关于蜂蜜冷链项目滞后的督办通知书");
        var docx = await Documents.Docx.DownloadAsync(office, detailUrl + "?handler=Document");
        docx.Texts.ShouldContain("关于蜂蜜冷链项目滞后的督办通知书");
        docx.AllText.ShouldNotContain("关于关于");
        docx.AllText.ShouldNotContain("的督办的督办");
        docx.AllText.ShouldContain("你单位在蜂蜜冷链项目滞后中存在以下问题");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_file_over_the_limit_is_refused_beside_the_field_and_the_measures_typed_are_kept(StorageProvider provider)
    {
        var url = await NoticeToLishanAsync(provider);

        var township = await SignedInAsync(provider, "lishan-township");
        var html = await township.GetStringAsync(url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageSignIn.Antiforgery(html)), "__RequestVerificationToken" },
            { new StringContent("冷链仓储项目用地已纳入调整方案"), "Measures" },
            { new StringContent("用地计划调整方案"), "Evidence" },
        };
        // 10.6 MB: over the 10MB a file may have, well under what a request may carry.
        var big = new byte[(int)(10.6 * 1024 * 1024)];
        "%PDF-1.4 "u8.CopyTo(big);
        var file = new ByteArrayContent(big);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "用地计划.pdf");
        var refused = await township.PostAsync(url + "?handler=Record&item=1", form);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = Section(await refused.Content.ReadAsStringAsync(), "item-1", "id=\"item-2\"");
        Text(item).ShouldContain("“用地计划.pdf”超过 10MB，不能上传");
        Text(item).ShouldContain("冷链仓储项目用地已纳入调整方案");
    }

    private static async Task<HttpResponseMessage> RecordWithFileAsync(HttpClient client, string url, string measures, string fileName, byte[] content)
    {
        var html = await client.GetStringAsync(url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageSignIn.Antiforgery(html)), "__RequestVerificationToken" },
            { new StringContent(measures), "Measures" },
            { new StringContent("现场照片"), "Evidence" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "files", fileName);
        return await client.PostAsync(url + "?handler=Record&item=1", form);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_empty_file_or_a_zip_that_is_no_word_file_is_refused_and_a_file_of_no_item_is_shown(StorageProvider provider)
    {
        var url = await NoticeToLishanAsync(provider);
        var id = int.Parse(url[(url.LastIndexOf('/') + 1)..]);
        var township = await SignedInAsync(provider, "lishan-township");

        // qa105 #6: a 0-byte file was dropped in silence and the item said "已填报".
        var empty = await RecordWithFileAsync(township, url, "冷链仓储项目用地已纳入调整方案", "empty.pdf", []);
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = Text(Section(await empty.Content.ReadAsStringAsync(), "item-1", "id=\"item-2\""));
        item.ShouldContain("“empty.pdf”是空文件（0 字节），请检查后重新选择");
        item.ShouldContain("冷链仓储项目用地已纳入调整方案");

        var junk = await RecordWithFileAsync(township, url, "冷链仓储项目用地已纳入调整方案", "notreal.docx", "PK\u0003\u0004junkjunk"u8.ToArray());
        junk.StatusCode.ShouldBe(HttpStatusCode.OK);
        Text(Section(await junk.Content.ReadAsStringAsync(), "item-1", "id=\"item-2\"")).ShouldContain("不是可以打开的Word文件");

        using (var scope = (await NoticePlatforms.GetAsync(provider)).Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.NoticeFiles.CountAsync(f => f.NoticeId == id)).ShouldBe(0);
            (await db.Notices.Where(n => n.Id == id).SelectMany(n => n.Items).CountAsync(i => i.Measures != null)).ShouldBe(0, "nothing half-written");
        }

        // A file uploaded through the API and named by no item is kept with the notice: the page lists it.
        var api = await NoticePlatforms.ClientAsync(provider, "lishan-township");
        (await api.PostAsJsonAsync($"/api/v1/notices/{id}/files", new { fileName = "x.pdf", content = Convert.ToBase64String("%PDF-1.4 x"u8.ToArray()) }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var office = await (await SignedInAsync(provider, "yuanqu-office")).GetStringAsync(url);
        Inner(office, "notice-loose-files", "div").ShouldContain("x.pdf");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_overdue_notice_shows_the_packs_proposal_and_the_office_records_the_action_on_the_page(StorageProvider provider)
    {
        var api = await NoticePlatforms.ClientAsync(provider, "xinjiang-office");
        var unit = await NoticesApiTests.RecipientAsync(api, "unit", "县农业农村局");
        var id = JsonDocument.Parse(await (await api.PostAsJsonAsync("/api/v1/notices", NoticesApiTests.Body("unit", unit, Today.AddDays(15), "专班牵头工作"))).Content.ReadAsStringAsync())
            .RootElement.GetProperty("id").GetInt32();
        using (var scope = (await NoticePlatforms.GetAsync(provider)).Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var n = await db.Notices.SingleAsync(x => x.Id == id);
            (n.IssuedOn, n.Deadline) = (Today.AddDays(-30), Today.AddDays(-3));
            await db.SaveChangesAsync();
        }
        var url = $"/Notices/Detail/{id}";
        var office = await SignedInAsync(provider, "xinjiang-office");
        var page = await office.GetStringAsync(url);
        Inner(page, "notice-status", "span").ShouldBe("逾期");
        Inner(page, "overdue-alert", "div").ShouldContain("3 天");
        Inner(page, "proposal-explanation", "div").ShouldContain("未规定逾期未完成整改的处理");
        Regex.Split(Section(page, "proposal-actions", "</ul>"), "<li>").Skip(1).Select(li => Text(li).Replace(" ", "")).ShouldBe(["通报批评平台默认", "约谈平台默认"]);
        Has(page, "actions-form").ShouldBeTrue();
        // The unit itself is told it is late, and gets no say in the consequence.
        var member = await (await SignedInAsync(provider, "xinjiang-member")).GetStringAsync(url);
        Has(member, "actions-form").ShouldBeFalse();
        Inner(member, "overdue-alert", "div").ShouldContain("已提请下发通知书的领导小组办公室处理");

        var empty = await PostAsync(office, url, url + "?handler=Actions", new()
        {
            ["Actions[0].Kind"] = "PublicCriticism", ["Actions[1].Kind"] = "Interview", ["Actions[1].TakenOn"] = Today.ToString("yyyy-MM-dd"),
        });
        Text(await empty.Content.ReadAsStringAsync()).ShouldContain("请至少记录一项处理（通报批评、约谈或其他）");
        var recorded = await PostAsync(office, url, url + "?handler=Actions", new()
        {
            ["Actions[0].Kind"] = "PublicCriticism", ["Actions[1].Kind"] = "Interview", ["Actions[1].Taken"] = "true",
            ["Actions[1].TakenOn"] = Today.ToString("yyyy-MM-dd"), ["Actions[1].Note"] = "约谈县农业农村局分管负责同志",
        });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var handled = await office.GetStringAsync(url);
        Inner(handled, "notice-status", "span").ShouldBe("已处理");
        Inner(handled, "notice-actions", "ul").ShouldContain("约谈县农业农村局分管负责同志");
        Has(handled, "actions-form").ShouldBeFalse();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_bell_carries_the_notices_to_the_recipient_and_to_the_office(StorageProvider provider)
    {
        // The demo's notice to 历山镇蜂蜜专业镇 is due in five days with one item still to report and one waiting for the office.
        var township = await SignedInAsync(provider, "lishan-township");
        var mine = Text(await township.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("督办通知书")));
        mine.ShouldContain("整改期限还剩 5 天");
        mine.ShouldNotContain("古城镇");
        var office = await SignedInAsync(provider, "yuanqu-office");
        var theirs = Text(await office.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("督办通知书")));
        theirs.ShouldContain("（古城镇）：逾期");
        theirs.ShouldContain("（历山镇蜂蜜专业镇）：1 项整改情况待核验");
    }
}
