using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>系统 → 行政区划: the whole province's counties in the official order, and the townships a deployment adds.</summary>
public class PlacesAdminTests
{
    private static string Option(string html, string name) =>
        Regex.Match(html, $"<option value=\"(\\d+)\"[^>]*>(?:&#x3000;)*{name}</option>").Groups[1].Value;

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), "\\s+", " ");

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_administrator_adds_a_township_the_county_then_finds_in_its_forms_and_every_mistake_is_named_at_once(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;

        // Every city of Shanxi in the order of its division code, and all 117 counties, not only those of the five documents.
        var cities = await admin.GetStringAsync("/Admin/Places?level=City");
        Regex.Matches(cities, "<td>([^<]+)</td><td>市</td>").Select(m => m.Groups[1].Value)
            .ShouldBe(["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"]);
        (await admin.GetStringAsync("/Admin/Places?level=County")).ShouldContain("共 117 个");

        var page = await admin.GetStringAsync("/Admin/Places");
        var yuanqu = Option(page, "垣曲县");
        yuanqu.ShouldNotBeEmpty();
        async Task<HttpResponseMessage> Add(string parent, string name, string code) =>
            await admin.PostAsync("/Admin/Places?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.ParentId"] = parent, ["Input.Name"] = name, ["Input.Code"] = code, ["__RequestVerificationToken"] = PageSignIn.Antiforgery(page),
            }));

        var both = Text(await (await Add(yuanqu, "同善 镇", "14082510")).Content.ReadAsStringAsync());
        both.ShouldContain("乡镇（街道）名称中不能有空格或“/”");
        both.ShouldContain("乡镇（街道）的代码是 9 位（乡级代码）或 12 位（统计用区划代码）数字，“14082510”是 8 位");
        Text(await (await Add(yuanqu, "历山镇", "")).Content.ReadAsStringAsync()).ShouldContain("垣曲县已有“历山镇”");
        var lishan = await Scalar(storage, db => db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县/历山镇").Select(j => j.Id).SingleAsync());
        Text(await (await Add(lishan.ToString(), "历山村", "")).Content.ReadAsStringAsync())
            .ShouldContain("只能在市下添加县（市、区），在县（市、区）下添加乡镇（街道）");

        var added = await Add(yuanqu, "同善镇", "140827108");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Text(await admin.GetStringAsync(added.Headers.Location!.ToString())).ShouldContain("已添加乡镇（街道）“山西省 / 运城市 / 垣曲县 / 同善镇”");
        Text(await (await Add(yuanqu, "王茅村", "140827108")).Content.ReadAsStringAsync())
            .ShouldContain("代码“140827108”已是山西省运城市垣曲县同善镇的代码");

        // The county's office finds the new township where it files an enterprise.
        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", TestDatabases.DemoPassword);
        (await office.GetStringAsync("/Enterprises/Edit")).ShouldContain(">同善镇</option>");
        // … and may not open the administrator's page.
        var denied = await office.GetAsync("/Admin/Places");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");

        // A code is corrected in its row; a wrong one is named there and changes nothing.
        var tongshan = await Scalar(storage, db => db.Jurisdictions.Where(j => j.Name == "同善镇").Select(j => j.Id).SingleAsync());
        // The field's name as the row's form has it, so that the test posts what the browser posts.
        var rows = await admin.GetStringAsync($"/Admin/Places?under={yuanqu}");
        var field = Regex.Match(rows, "<input[^>]*name=\"([^\"]+)\"[^>]*aria-label=\"同善镇的行政区划代码\"").Groups[1].Value;
        field.ShouldNotBeEmpty();
        async Task<HttpResponseMessage> SetCode(string code) =>
            await admin.PostAsync($"/Admin/Places?handler=Code&id={tongshan}&under={yuanqu}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [field] = code, ["__RequestVerificationToken"] = PageSignIn.Antiforgery(page),
            }));
        var refusedRow = await (await SetCode("140825108")).Content.ReadAsStringAsync();
        Text(refusedRow).ShouldContain("代码“140825108”不在所属县（140827）之下：应以 140827 开头");
        // The row keeps what was typed; the add form beside it stays empty and unflagged.
        var addCode = Regex.Match(refusedRow, "<input[^>]*id=\"Input_Code\"[^>]*>").Value;
        addCode.ShouldNotBeEmpty();
        addCode.ShouldNotContain("140825108");
        addCode.ShouldNotContain("input-validation-error");
        Regex.Matches(Text(refusedRow), "不在所属县").Count.ShouldBe(1);
        (await Scalar(storage, db => db.Jurisdictions.Where(j => j.Id == tongshan).Select(j => j.Code).SingleAsync())).ShouldBe("140827108");
        var corrected = await SetCode("140827108000");
        corrected.StatusCode.ShouldBe(HttpStatusCode.Redirect, Text(await corrected.Content.ReadAsStringAsync()));
        (await Scalar(storage, db => db.Jurisdictions.Where(j => j.Id == tongshan).Select(j => j.Code).SingleAsync())).ShouldBe("140827108000");

        // Both changes are in the audit trail under the place's name.
        Text(await admin.GetStringAsync("/Audit?type=Jurisdiction")).ShouldContain("同善镇");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_office_imports_its_townships_all_or_nothing_and_only_under_its_own_counties(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var kind = ImportKinds.Find("townships")!;
        var yuanqu = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        string?[] Row(string county, string name, string? code = null) =>
            TestFiles.Row(kind, new Dictionary<string, string?> { ["county"] = county, ["name"] = name, ["code"] = code }
                .Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));
        Task<ImportResult> Run(params string?[][] rows) =>
            ImportEngine.RunAsync(db, yuanqu, "测试", kind, "乡镇.xlsx", TestFiles.Xlsx(rows.Prepend(TestFiles.Header(kind)).ToArray()), commit: true, TimeProvider.System);
        var before = await db.Jurisdictions.CountAsync();

        var refused = await Run(Row("垣曲县", "同善镇", "140827108"), Row("新绛县", "泽掌镇二"), Row("垣曲县", "同善镇"),
            Row("垣曲县", "长直乡", "140825101"), Row("垣曲县", "Town"));
        refused.Committed.ShouldBeFalse();
        refused.Errors.Select(e => (e.Row, e.Message)).ShouldBe([
            (3, "“新绛县”不在您的数据范围内"),
            (4, "第 4 行与第 2 行的乡镇（垣曲县同善镇）相同，但行政区划代码不同：请核对后只保留一行"),
            (5, "代码“140825101”不在所属县（140827）之下：应以 140827 开头"),
            (6, "“Town”不像乡镇（街道）名称，请填写中文名称，如“历山镇”"),
        ]);
        (await db.Jurisdictions.CountAsync()).ShouldBe(before);

        var written = await Run(Row("垣曲县", "同善镇", "140827108"), Row("垣曲县", "长直乡", "140827101"), Row("垣曲县", "历山镇"));
        written.Errors.ShouldBeEmpty();
        (written.Created, written.Updated, written.Unchanged).ShouldBe((1, 1, 1));
        db.ChangeTracker.Clear();
        var places = await db.Jurisdictions.AsNoTracking().Where(j => j.Name == "同善镇" || j.Name == "长直乡").ToDictionaryAsync(j => j.Name);
        (places["同善镇"].Path, places["同善镇"].Code, places["同善镇"].Level).ShouldBe(("山西省/运城市/垣曲县/同善镇", "140827108", JurisdictionLevel.Township));
        places["同善镇"].ParentId.ShouldBe(await db.Jurisdictions.Where(j => j.Path == "山西省/运城市/垣曲县").Select(j => (int?)j.Id).SingleAsync());
        places["长直乡"].Code.ShouldBe("140827101");
        (await db.AuditEntries.CountAsync(a => a.EntityType == "Jurisdiction" && a.EntityLabel == "同善镇")).ShouldBe(1);

        // A code another place holds is named with its holder.
        var taken = await Run(Row("垣曲县", "皋落乡", "140827108"));
        taken.Errors.Single().Message.ShouldBe("代码“140827108”已是山西省运城市垣曲县同善镇的代码");
    }

    private static async Task<T> Scalar<T>(StorageSettings storage, Func<TownsDbContext, Task<T>> read)
    {
        await using var db = storage.CreateContext();
        return await read(db);
    }
}
