using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>The audit trail as people meet it: recorded from their requests, on the audit page, the history section, the API and the export.</summary>
public class AuditPageTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A problem raised by the township and accepted by the county office: two people, two changes.</summary>
    private static async Task<(int Id, string Title)> ProblemAsync(StorageProvider provider)
    {
        var township = await WritingPlatforms.ClientAsync(provider, "lishan-township");
        var options = await JsonAsync(await township.GetAsync("/api/v1/problems/form-options"));
        var town = options.GetProperty("towns").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "历山镇蜂蜜专业镇").GetProperty("id").GetInt32();
        var title = $"审计测试：蜂蜜冷链仓储不足 {Guid.NewGuid():N}"[..30];
        var created = await JsonAsync(await township.PostAsJsonAsync("/api/v1/problems", new
        {
            title, description = "旺季冷库不够用。", source = "调研走访", kind = "common", category = "market",
            countyId = options.GetProperty("countyId").GetInt32(), townId = town,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var office = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var units = options.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!, u => u.GetProperty("id").GetInt32());
        await JsonAsync(await office.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new
        {
            action = "accept", leadUnitId = units["县农业农村局"], deadline = DateTime.UtcNow.AddHours(8).AddDays(20).ToString("yyyy-MM-dd"), note = "请牵头解决",
        }));
        return (id, title);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_change_names_its_author_and_fields_and_is_read_within_scope(StorageProvider provider)
    {
        var (id, title) = await ProblemAsync(provider);
        var office = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");

        var list = await JsonAsync(await office.GetAsync($"/api/v1/audit?entityType=Problem&entityId={id}&pageSize=100"));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        var raised = items.Single(e => e.GetProperty("entityType").GetString() == "Problem" && e.GetProperty("action").GetString() == "created");
        (raised.GetProperty("userName").GetString(), raised.GetProperty("actionName").GetString(), raised.GetProperty("entityLabel").GetString())
            .ShouldBe(("lishan-township", "新增", title));
        raised.GetProperty("changes").EnumerateArray().ShouldContain(c => c.GetProperty("fieldName").GetString() == "标题" && c.GetProperty("new").GetString() == title);
        var accepted = items.Single(e => e.GetProperty("entityType").GetString() == "Problem" && e.GetProperty("action").GetString() == "updated");
        accepted.GetProperty("userName").GetString().ShouldBe("yuanqu-office");
        var state = accepted.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "State");
        (state.GetProperty("old").GetString(), state.GetProperty("new").GetString()).ShouldBe(("待受理", "已受理"));
        // The events of the problem are parts of it: listed with it.
        items.ShouldContain(e => e.GetProperty("entityType").GetString() == "ProblemEvent" && e.GetProperty("rootId").GetString() == id.ToString());
        // Each is known by what was done (受理), not by its author's name, which the entry gives apart.
        items.Where(e => e.GetProperty("entityType").GetString() == "ProblemEvent").Select(e => e.GetProperty("entityLabel").GetString())
            .ShouldBe(["受理", "登记问题"], ignoreOrder: true);
        // A step keeps the name of whoever acted, as people are shown it: 操作人, not 用户名 (a sign-in name, the entry's own).
        var acceptStep = items.Single(e => e.GetProperty("entityType").GetString() == "ProblemEvent" && e.GetProperty("entityLabel").GetString() == "受理");
        var actedBy = acceptStep.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "UserName");
        (actedBy.GetProperty("fieldName").GetString(), actedBy.GetProperty("new").GetString()).ShouldBe(("操作人", acceptStep.GetProperty("displayName").GetString()));

        // One entry by its number; another county's office sees none of it, the township only its own.
        var one = await JsonAsync(await office.GetAsync($"/api/v1/audit/{raised.GetProperty("id").GetInt64()}"));
        one.GetProperty("entityTypeName").GetString().ShouldBe("问题");
        var xinjiang = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        (await JsonAsync(await xinjiang.GetAsync($"/api/v1/audit?entityType=Problem&entityId={id}"))).GetProperty("total").GetInt32().ShouldBe(0);
        (await xinjiang.GetAsync($"/api/v1/audit/{raised.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var township = await WritingPlatforms.ClientAsync(provider, "lishan-township");
        var own = await JsonAsync(await township.GetAsync($"/api/v1/audit?entityType=Problem&entityId={id}&pageSize=100"));
        own.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("userName").GetString() == "lishan-township");

        // The history on the problem's page shows both people's changes; the page says it cannot be edited.
        var page = await new HtmlParser().ParseDocumentAsync(await office.GetStringAsync($"/Problems/Detail/{id}"));
        var history = page.QuerySelector("#tab-audit")!;
        history.TextContent.ShouldContain("修改记录");
        history.TextContent.ShouldContain("lishan-township");
        history.TextContent.ShouldContain("yuanqu-office");
        history.TextContent.ShouldContain("已受理");
        history.TextContent.ShouldContain("任何人都不能修改或删除");
        // A reference is shown by its record's name, on the record's page and on the audit page: not the unit's number.
        var lead = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var unitId = (await JsonAsync(await lead.GetAsync($"/api/v1/problems/{id}"))).GetProperty("leadUnitId").GetInt32();
        static string[] LeadRow(AngleSharp.Dom.IElement scope) => scope.QuerySelectorAll(".audit-changes tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).Single(cells => cells.Length > 0 && cells[0] == "牵头单位");
        LeadRow(history).ShouldBe(["牵头单位", "（空）", "县农业农村局"]);
        // Part of the name, not its opening: every problem this class raises opens with the same words, and the other test's
        // would also be found (and its 牵头单位 row with it) when it ran first.
        var audit = await new HtmlParser().ParseDocumentAsync(await office.GetStringAsync($"/Audit?type=Problem&search={Uri.EscapeDataString(title[5..])}"));
        LeadRow(audit.Body!).ShouldBe(["牵头单位", "（空）", "县农业农村局"]);
        audit.Body!.TextContent.ShouldNotContain($"（空） {unitId}");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_audit_page_filters_and_exports_what_it_shows(StorageProvider provider)
    {
        var (id, title) = await ProblemAsync(provider);
        var office = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var query = $"type=Problem&entityId={id}&user=yuanqu-office&from={today}&to={today}";

        var page = await new HtmlParser().ParseDocumentAsync(await office.GetStringAsync($"/Audit?{query}"));
        var rows = page.QuerySelectorAll("#audit-table > tbody > tr");
        rows.Length.ShouldBeGreaterThan(0);
        rows.ShouldAllBe(r => r.TextContent.Contains("yuanqu-office"));
        rows.ShouldContain(r => r.TextContent.Contains(title) && r.QuerySelector("a")!.GetAttribute("href") == $"/Problems/Detail/{id}#tab-audit");

        // Nothing before the entry's day.
        var earlier = await new HtmlParser().ParseDocumentAsync(await office.GetStringAsync($"/Audit?type=Problem&entityId={id}&to=2020-01-01"));
        earlier.QuerySelectorAll("#audit-table > tbody > tr").Length.ShouldBe(0);
        earlier.QuerySelector(".empty")!.TextContent.ShouldContain("没有符合条件的记录");

        var xlsx = await office.GetAsync($"/Audit?handler=Export&format=xlsx&{query}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var table = new List<object?[]>();
        while (reader.Read()) table.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        table[0].ShouldBe(["时间", "操作人", "用户名", "来源地址", "操作", "对象类型", "对象", "编号", "字段", "原值", "新值"]);
        table.Skip(1).ShouldAllBe(r => (string?)r[2] == "yuanqu-office");
        var stateRow = table.Skip(1).Single(r => (string?)r[8] == "状态");
        (stateRow[9], stateRow[10]).ShouldBe(("待受理", "已受理"));
        // The step's actor is a name as people see it (the row's 操作人), not a sign-in name.
        table.Skip(1).ShouldContain(r => (string?)r[5] == "问题处理记录" && (string?)r[8] == "操作人" && (string?)r[10] == (string?)r[1]);
        table.Skip(1).ShouldNotContain(r => (string?)r[8] == "用户名");

        var csv = await office.GetStringAsync($"/Audit?handler=Export&format=csv&{query}");
        csv.ShouldContain("待受理,已受理");
    }

    /// <summary>
    /// The 操作 filter reads its 字典 list (审计操作) as every other filter does: the code in any letter case or the Chinese name;
    /// on the page a value that names none is said above the list, which is shown whole; the API refuses it naming action.
    /// </summary>
    [Fact]
    public async Task The_action_filter_reads_the_code_in_any_case_or_the_name()
    {
        var (id, _) = await ProblemAsync(StorageProvider.Sqlite);
        var office = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var query = $"type=Problem&entityId={id}";
        async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string action) =>
            await new HtmlParser().ParseDocumentAsync(await office.GetStringAsync($"/Audit?{query}&action={Uri.EscapeDataString(action)}"));
        static int Rows(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#audit-table > tbody > tr").Length;

        var all = Rows(await PageAsync(""));
        var created = await PageAsync("created");
        Rows(created).ShouldBeGreaterThan(0);
        Rows(created).ShouldBeLessThan(all, "the problem was also changed");
        foreach (var word in new[] { "CREATED", "Created", "新增" })
        {
            var page = await PageAsync(word);
            Rows(page).ShouldBe(Rows(created), word);
            page.QuerySelectorAll("#audit-table > tbody > tr .badge").ShouldAllBe(b => b.TextContent == "新增");
            page.QuerySelector("#action option[selected]")!.TextContent.ShouldBe("新增", word);
            page.Body!.TextContent.ShouldNotContain("未知的操作", customMessage: word);
        }
        var unknown = await PageAsync("rewrite");
        unknown.Body!.TextContent.ShouldContain("未知的操作“rewrite”，已显示全部");
        Rows(unknown).ShouldBe(all);

        foreach (var word in new[] { "UPDATED", "修改", "Updated" })
        {
            var list = await JsonAsync(await office.GetAsync($"/api/v1/audit?entityType=Problem&entityId={id}&action={Uri.EscapeDataString(word)}"));
            list.GetProperty("items").EnumerateArray().ShouldNotBeEmpty(word);
            list.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("action").GetString() == "updated");
        }
        (await JsonAsync(await office.GetAsync("/api/v1/audit?action=SignInFailed"))).GetProperty("items").EnumerateArray()
            .ShouldAllBe(e => e.GetProperty("action").GetString() == "sign-in-failed");
        var refused = await JsonAsync(await office.GetAsync("/api/v1/audit?action=3"), HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("action")[0].GetString()!.ShouldContain("created（新增）");
    }

    /// <summary>
    /// The export and the API name what the page names (AuditValueNames): a link by what it links, a 字典 code and a reference
    /// by their names. The API keeps the recorded values (old, new, entityLabel) and gives the names beside them.
    /// </summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_export_and_the_api_name_what_the_page_names(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int townId, placeId;
        string town, township, before, after;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "yuanqu-office");
            db.Actor = new AuditActor(user.Id, "yuanqu-office", user.DisplayName, "山西省/运城市/垣曲县", "10.1.2.3");
            var record = await db.Towns.Include(t => t.Townships).FirstAsync(t => t.PolicyId == "yuanqu-2023-19");
            var linked = record.Townships.Select(t => t.TownshipId).ToList();
            var place = await db.Jurisdictions.FirstAsync(j => j.Level == JurisdictionLevel.Township && j.Path.StartsWith("山西省/运城市/垣曲县/") && !linked.Contains(j.Id));
            before = CodeLists.IndustryCategory.Find(record.Category)!.Name;
            record.Category = record.Category == IndustryCategories.SpecialtyAgriculture ? IndustryCategories.Manufacturing : IndustryCategories.SpecialtyAgriculture;
            after = CodeLists.IndustryCategory.Find(record.Category)!.Name;
            record.Townships.Add(new TownTownship { SpecializedTownId = record.Id, TownshipId = place.Id });
            await db.SaveChangesAsync();
            (townId, placeId, town, township) = (record.Id, place.Id, record.Name, place.Name);
        }
        var query = $"type=SpecializedTown&entityId={townId}&user=yuanqu-office";

        var xlsx = await office.GetAsync($"/Audit?handler=Export&format=xlsx&{query}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var table = new List<object?[]>();
        while (reader.Read()) table.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        var (what, field, old, @new, number) = (Array.IndexOf(table[0], "对象"), Array.IndexOf(table[0], "字段"), Array.IndexOf(table[0], "原值"), Array.IndexOf(table[0], "新值"), Array.IndexOf(table[0], "编号"));
        var rows = table.Skip(1).ToList();
        rows.ShouldNotBeEmpty();
        // The link as the page shows it, its number kept in 编号.
        var link = rows.Where(r => (string?)r[number] == $"{townId},{placeId}").ToList();
        link.ShouldNotBeEmpty();
        link.ShouldAllBe(r => (string?)r[what] == $"{town} · {township}");
        link.ShouldContain(r => (string?)r[field] == AuditNames.Field("TownTownship", "TownshipId") && (string?)r[@new] == township);
        rows.ShouldNotContain(r => ((string?)r[what] ?? "").StartsWith("编号"));
        var category = rows.Single(r => (string?)r[field] == AuditNames.Field("SpecializedTown", "Category"));
        (category[old], category[@new]).ShouldBe((before, after));

        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var items = (await JsonAsync(await api.GetAsync($"/api/v1/audit?entityType=SpecializedTown&entityId={townId}&pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        var linkEntry = items.Single(e => e.GetProperty("entityType").GetString() == "TownTownship");
        linkEntry.GetProperty("entityLabel").ValueKind.ShouldBe(JsonValueKind.Null);
        linkEntry.GetProperty("entityName").GetString().ShouldBe($"{town} · {township}");
        linkEntry.GetProperty("changes").EnumerateArray().ShouldContain(c => c.GetProperty("newName").GetString() == township && c.GetProperty("new").GetString() != township);
        var change = items.Where(e => e.GetProperty("entityType").GetString() == "SpecializedTown").SelectMany(e => e.GetProperty("changes").EnumerateArray())
            .Single(c => c.GetProperty("field").GetString() == "Category");
        (change.GetProperty("old").GetString(), change.GetProperty("oldName").GetString()).ShouldBe((CodeLists.IndustryCategory.Entries.Single(x => x.Name == before).Code, before));
        (change.GetProperty("new").GetString(), change.GetProperty("newName").GetString()).ShouldBe((CodeLists.IndustryCategory.Entries.Single(x => x.Name == after).Code, after));
    }

    /// <summary>
    /// An application has no name of its own: its entries read as its town and what it applies for, its standard by its title,
    /// and its parts (流转记录) name it so too — never “编号 N” or yuncheng-municipal.
    /// </summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_application_is_named_by_its_town_and_what_it_applies_for_on_the_page_the_export_and_the_api(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "yuanqu-office");
            db.Actor = new AuditActor(user.Id, "yuanqu-office", user.DisplayName, "山西省/运城市/垣曲县", "10.1.2.3");
            var town = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
            var application = new SpecializedTowns.Core.Applications.RecognitionApplication
            {
                SpecializedTownId = town.Id, StandardId = "yuncheng-municipal", TargetTier = Tier.Municipal, CreatedByUserId = user.Id, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            db.ApplicationEvents.Add(new SpecializedTowns.Core.Applications.ApplicationEvent
            {
                ApplicationId = application.Id, AtUtc = DateTime.UtcNow, UserId = user.Id, UserName = user.DisplayName, Action = "审计测试：提交申报",
            });
            db.Add(new SpecializedTowns.Core.Applications.ApplicationAttachment
            {
                ApplicationId = application.Id, FileName = "审计测试材料.pdf", ContentType = "application/pdf", Content = [1, 2, 3], Size = 3,
                UploadedByUserId = user.Id, UploadedBy = user.DisplayName, UploadedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            id = application.Id;
        }
        const string name = "历山镇蜂蜜专业镇 · 申报运城市级";
        const string standard = "运城市级专业镇认定标准";
        var query = $"type=RecognitionApplication&entityId={id}";

        var page = new HtmlParser().ParseDocument(await office.GetStringAsync($"/Audit?{query}"));
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldContain(r => r.Contains(name) && r.Contains("认定申报"));
        rows.ShouldNotContain(r => r.Contains($"编号 {id}") || r.Contains("yuncheng-municipal"));

        var xlsx = await office.GetAsync($"/Audit?handler=Export&format=xlsx&{query}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var table = new List<object?[]>();
        while (reader.Read()) table.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        var (what, type, field, @new) = (Array.IndexOf(table[0], "对象"), Array.IndexOf(table[0], "对象类型"), Array.IndexOf(table[0], "字段"), Array.IndexOf(table[0], "新值"));
        var exported = table.Skip(1).ToList();
        exported.Where(r => (string?)r[type] == "认定申报").ShouldAllBe(r => (string?)r[what] == name);
        // A part with no name of its own (申报附件) by the application it belongs to.
        exported.Where(r => (string?)r[type] == "申报附件").ShouldNotBeEmpty();
        exported.Where(r => (string?)r[type] == "申报附件").ShouldAllBe(r => (string?)r[what] == name);
        exported.ShouldContain(r => (string?)r[field] == "认定标准" && (string?)r[@new] == standard);
        exported.ShouldContain(r => (string?)r[type] == "申报流转记录" && (string?)r[field] == "认定申报" && (string?)r[@new] == name);

        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var items = (await JsonAsync(await api.GetAsync($"/api/v1/audit?entityType=RecognitionApplication&entityId={id}&pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        var created = items.Single(e => e.GetProperty("entityType").GetString() == "RecognitionApplication");
        created.GetProperty("entityName").GetString().ShouldBe(name);
        var standardChange = created.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "StandardId");
        (standardChange.GetProperty("fieldName").GetString(), standardChange.GetProperty("new").GetString(), standardChange.GetProperty("newName").GetString())
            .ShouldBe(("认定标准", "yuncheng-municipal", standard));
        var step = items.Single(e => e.GetProperty("entityType").GetString() == "ApplicationEvent").GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("field").GetString() == "ApplicationId");
        (step.GetProperty("fieldName").GetString(), step.GetProperty("newName").GetString()).ShouldBe(("认定申报", name));
    }

    [Fact]
    public async Task The_api_answers_401_without_credentials_and_names_a_bad_filter_in_chinese()
    {
        var anonymous = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, null);
        (await anonymous.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var office = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var bad = await JsonAsync(await office.GetAsync("/api/v1/audit?action=rewrite"), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("action")[0].GetString()!.ShouldContain("未知的操作");
        var badDate = await JsonAsync(await office.GetAsync("/api/v1/audit?from=2025/3/5"), HttpStatusCode.BadRequest);
        badDate.GetProperty("errors").GetProperty("from")[0].GetString()!.ShouldContain("应为 yyyy-MM-dd");
        // There is no way to write to the trail through the API.
        (await office.DeleteAsync("/api/v1/audit/1")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await office.PostAsJsonAsync("/api/v1/audit", new { })).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }
}
