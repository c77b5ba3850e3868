using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Tests.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Dictionaries;

/// <summary>系统 → 字典 on the shared demo platform: the page, its export, and the links to it from imports and templates. Reads only.</summary>
public class DictionaryPageTests
{
    private static readonly HtmlParser Html = new();

    private static async Task<IDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.Length > 400 ? body[..400] : body);
        return Html.ParseDocument(body);
    }

    private static IElement Section(IDocument page, CodeList list) =>
        page.QuerySelector($"section#{list.Id}") ?? throw new ShouldAssertException($"no section #{list.Id}");

    /// <summary>The values the page says an import cell takes (its 导入时填写 column).</summary>
    private static List<string> ImportValues(IDocument page, CodeList list) =>
        Section(page, list).QuerySelectorAll("tbody td.import").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Every_signed_in_person_reads_every_value_of_every_list_with_its_name_and_code()
    {
        var township = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "lishan-township");
        var page = await PageAsync(township, "/Admin/Dictionaries");
        page.QuerySelectorAll("section.dictionary").Length.ShouldBe(CodeLists.All.Count);
        foreach (var list in CodeLists.All)
        {
            var section = Section(page, list);
            section.QuerySelector("h2")!.TextContent.Trim().ShouldBe(list.Title);
            page.QuerySelector($"nav.dictionary-index a[href='#{list.Id}']").ShouldNotBeNull(list.Id);
            var rows = section.QuerySelectorAll("tbody tr").ToList();
            rows.Select(r => r.QuerySelector("td.name")!.TextContent.Trim()).ShouldBe(list.Entries.Select(e => e.Name), list.Id);
            rows.Select(r => r.QuerySelector("td.code")!.TextContent.Trim()).ShouldBe(list.Entries.Select(e => e.Code), list.Id);
            if (list.EnumType is { } type)
                rows.Count.ShouldBe(Enum.GetValues(type).Length, list.Id);
            foreach (var source in list.Sources) section.TextContent.ShouldContain(source);
        }

        // Where each is used: the import column and the API field, as the tables of uses say.
        var role = Section(page, CodeLists.EnterpriseRole);
        role.QuerySelector(".uses")!.TextContent.ShouldContain("企业名录模板“企业类型”列");
        role.QuerySelector(".uses")!.TextContent.ShouldContain("GET /api/v1/enterprises");
        ImportValues(page, CodeLists.EnterpriseRole).ShouldBe(["龙头企业", "配套企业", "家庭农场", "专业合作社"]);
        Section(page, CodeLists.StandardKind).QuerySelector(".uses")!.TextContent.ShouldContain("只在页面表单中选择");
        // A list of the recognition standards is read from the policy packs: 文旅康养 is the 永济 standard's only.
        Section(page, CodeLists.IndustryCategory).QuerySelectorAll("tbody tr").Last().TextContent.ShouldContain("永济");

        // In the administrator's menu (系统), not in anyone else's; the page itself is open to all.
        (await township.GetStringAsync("/")).ShouldNotContain("href=\"/Admin/Dictionaries\"");
        var admin = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "admin");
        var menu = await PageAsync(admin, "/Admin/Dictionaries");
        menu.QuerySelector("nav.sidebar a.menu-item.active[href='/Admin/Dictionaries']")!.TextContent.ShouldContain("字典");
    }

    [Fact]
    public async Task The_names_are_those_the_forms_show()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var page = await PageAsync(office, "/Admin/Dictionaries");
        var forms = new (string Url, string Select, CodeList List)[]
        {
            ("/Problems/New", "Input_Source", CodeLists.ProblemSource),
            ("/Problems/New", "Input_Category", CodeLists.ProblemCategory),
            ("/Enterprises/Edit", "Input_Role", CodeLists.EnterpriseRole),
            ("/Enterprises/Edit", "Input_IndustryCategory", CodeLists.IndustryCategory),
            ("/Leads/Edit", "Input_Channel", CodeLists.LeadChannel),
            ("/Support/Brands/Edit", "Input_Kind", CodeLists.BrandKind),
            ("/Support/Brands/Edit", "Input_Level", CodeLists.BrandLevel),
            ("/Support/Brands/Edit", "Input_Honour", CodeLists.BrandHonour),
            ("/Support/Funds/Edit", "Input_Kind", CodeLists.FundKind),
            ("/Support/Platforms", "function", CodeLists.PlatformFunction),
            ("/Support/Platforms", "level", CodeLists.PlatformLevel),
            ("/Applications", "state", CodeLists.ApplicationState),
            ("/Notices", "status", CodeLists.NoticeStatus),
            ("/Notices", "kind", CodeLists.NoticeRecipientKind),
        };
        foreach (var group in forms.GroupBy(f => f.Url))
        {
            var form = await PageAsync(office, group.Key);
            foreach (var (url, select, list) in group)
            {
                var shown = form.QuerySelectorAll($"select#{select} option").Where(o => o.GetAttribute("value") is { Length: > 0 })
                    .Select(o => o.TextContent.Trim()).ToList();
                var named = Section(page, list).QuerySelectorAll("tbody td.name").Select(td => td.TextContent.Trim()).ToList();
                named.ShouldBe(shown, ignoreOrder: true, $"{url} #{select}");
            }
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_import_cell_holding_the_value_the_page_states_is_accepted(StorageProvider provider)
    {
        var office = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        var api = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var page = await PageAsync(office, "/Admin/Dictionaries");
        var coded = ImportKinds.All.Where(k => k.Columns.Any(c => c.Codes is not null)).ToList();
        coded.Select(k => k.Key).ShouldBe(["enterprises", "projects"], ignoreOrder: true);
        foreach (var kind in coded)
        {
            // The template's own example row, taken over: every other cell is one the person could import.
            var template = await (await api.GetAsync($"/api/v1/imports/{kind.Key}/template")).Content.ReadAsByteArrayAsync();
            var (text, _) = TestFiles.ReadBack(template, kind.SheetName);
            var example = kind.Columns.Select((c, i) => (c.Key, Text: TestFiles.Unmarked(text.GetValueOrDefault(TemplateWriter.Letter(i) + "2")) ?? ""))
                .ToDictionary(x => x.Key, x => x.Text);
            var rows = new List<string?[]> { TestFiles.Header(kind) };
            foreach (var column in kind.Columns.Where(c => c.Codes is not null))
            {
                var values = ImportValues(page, column.Codes!);
                values.ShouldBe(column.Codes!.Entries.Select(e => e.Name), column.Key);
                // A list of several is written in one cell, as the template says; a single choice one value a row.
                foreach (var value in column.Type == ColumnType.EnumerationList ? [string.Join("、", values)] : values)
                {
                    var row = new Dictionary<string, string>(example) { [column.Key] = value };
                    var n = rows.Count;
                    if (kind.Key == "enterprises") (row["uscc"], row["name"]) = (Core.Enterprises.Uscc.Demo("140827", 880_000 + n), $"字典核对企业{n}");
                    else row["name"] = $"字典核对项目{n}";
                    rows.Add(TestFiles.Row(kind, row));
                }
            }
            var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestFiles.Xlsx(rows.ToArray()));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "file", $"{kind.Title}.xlsx");
            var response = await api.PostAsync($"/api/v1/imports/{kind.Key}?dryRun=true", content);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            var result = JsonDocument.Parse(body).RootElement;
            result.GetProperty("errorCount").GetInt32().ShouldBe(0, body);
            result.GetProperty("rows").GetInt32().ShouldBe(rows.Count - 1);
        }
    }

    [Fact]
    public async Task The_export_has_a_sheet_for_every_list_that_reads_back_as_the_page()
    {
        var member = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-member");
        var page = await PageAsync(member, "/Admin/Dictionaries");
        var link = page.QuerySelector("a#dictionary-export")!.GetAttribute("href")!;
        var response = await member.GetAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("字典");
        var sheets = Sheets(await response.Content.ReadAsByteArrayAsync());
        sheets.Keys.ShouldBe(CodeLists.All.Select(l => l.Title).Prepend("目录"));

        var contents = sheets["目录"];
        contents[0].ShouldBe(["字典", "代码", "分组", "说明", "依据", "用于"]);
        contents.Skip(1).Select(r => (r[0], r[1])).ShouldBe(CodeLists.All.Select(l => ((string?)l.Title, (string?)l.Id)));
        contents.ShouldContain(r => r[5]!.Contains("导入：企业名录模板“企业类型”列") && r[5]!.Contains("接口：GET /api/v1/enterprises 查询参数 role"));

        foreach (var list in CodeLists.All)
        {
            var sheet = sheets[list.Title];
            // The same columns as the table on the page, a row for each value.
            var header = sheet[0].ToList();
            header.ShouldBe(Section(page, list).QuerySelectorAll("thead th").Select(th => (string?)th.TextContent.Trim()), list.Id);
            sheet.Count.ShouldBe(list.Entries.Count + 1, list.Id);
            for (var r = 0; r < list.Entries.Count; r++)
            {
                var row = sheet[r + 1];
                row[0].ShouldBe(list.Entries[r].Name, list.Id);
                row[header.IndexOf("接口代码")].ShouldBe(list.Entries[r].Code, list.Id);
                if (header.Contains("导入时填写")) row[header.IndexOf("导入时填写")].ShouldBe(list.Entries[r].Name, list.Id);
                if (header.Contains("编号")) row[header.IndexOf("编号")].ShouldBe(list.Entries[r].Number.ToString(), list.Id);
            }
        }
    }

    /// <summary>Every sheet of a workbook by name, read as another program reads it (ExcelDataReader), each cell as text.</summary>
    private static Dictionary<string, List<string?[]>> Sheets(byte[] xlsx)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(xlsx));
        var sheets = new Dictionary<string, List<string?[]>>();
        do
        {
            var rows = new List<string?[]>();
            while (reader.Read())
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null).ToArray());
            sheets[reader.Name] = rows;
        } while (reader.NextResult());
        return sheets;
    }

    [Fact]
    public async Task The_import_page_and_the_template_link_each_choice_column_to_its_list()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var imports = await PageAsync(office, "/Imports?kind=enterprises");
        foreach (var column in ImportKinds.Find("enterprises")!.Columns.Where(c => c.Codes is not null))
            imports.QuerySelector($"#dictionary-note a[href='/Admin/Dictionaries#{column.Codes!.Id}']")!.TextContent.ShouldBe(column.Header);
        imports.QuerySelectorAll("a.dictionary-link").Select(a => a.GetAttribute("href")).ShouldContain("/Admin/Dictionaries#industry-category");
        // A kind with no choice column says nothing of the 字典.
        (await PageAsync(office, "/Imports?kind=town-statistics")).QuerySelector("#dictionary-note").ShouldBeNull();

        var template = await (await office.GetAsync("/Imports?handler=Template&kind=enterprises")).Content.ReadAsByteArrayAsync();
        var (notes, _) = TestFiles.ReadBack(template, TemplateWriter.InstructionsSheet);
        notes.Values.ShouldContain(v => v.Contains("系统 → 字典"));
        var kind = ImportKinds.Find("enterprises")!;
        var headerRow = notes.Single(p => p.Value == "字典").Key[1..];
        notes[$"G{int.Parse(headerRow) + 1 + kind.IndexOf("role")}"].ShouldBe("企业类型：http://localhost/Admin/Dictionaries#enterprise-role");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(template), false);
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == TemplateWriter.InstructionsSheet);
        var part = (WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!);
        part.HyperlinkRelationships.Select(r => r.Uri.ToString()).ShouldBe(
            kind.Columns.Where(c => c.Codes is not null).Select(c => $"http://localhost/Admin/Dictionaries#{c.Codes!.Id}"), ignoreOrder: true);
    }

    [Fact]
    public async Task The_openapi_document_and_the_dictionaries_api_point_at_the_same_lists()
    {
        var anonymous = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, null);
        var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        openApi.GetProperty("info").GetProperty("description").GetString()!.ShouldContain("/Admin/Dictionaries");
        foreach (var field in ApiCodeFields.All.Where(f => f.Place != ApiFieldPlace.Body))
        {
            var operation = openApi.GetProperty("paths").GetProperty(field.Path).GetProperty(field.Method.ToLowerInvariant());
            var parameter = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == field.Field);
            parameter.GetProperty("description").GetString()!.ShouldContain(CodeLists.Link(field.List), Case.Sensitive, $"{field.Method} {field.Path} {field.Field}");
        }
        foreach (var field in ApiCodeFields.All.Where(f => f.Place == ApiFieldPlace.Body))
            openApi.GetProperty("paths").GetProperty(field.Path).GetProperty(field.Method.ToLowerInvariant()).GetProperty("description").GetString()!
                .ShouldContain($"{field.Field}：{field.List.Title}");

        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-member");
        var all = JsonDocument.Parse(await api.GetStringAsync("/api/v1/dictionaries")).RootElement.EnumerateArray().ToList();
        all.Select(d => d.GetProperty("id").GetString()).ShouldBe(CodeLists.All.Select(l => l.Id));
        var category = JsonDocument.Parse(await api.GetStringAsync("/api/v1/dictionaries/problem-category")).RootElement;
        category.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("name").GetString()))
            .ShouldBe(CodeLists.ProblemCategory.Entries.Select(e => ((string?)e.Code, (string?)e.Name)));
        category.GetProperty("api").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ShouldContain("/api/v1/problems");
        var missing = await api.GetAsync("/api/v1/dictionaries/nothing");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("未找到");
    }
}
