using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>Sign-in, tokens and the data scope of every role, through the API and the pages, on both providers.</summary>
public class AccessTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<int> TownIdAsync(StorageProvider provider, string name)
    {
        var admin = await SeededPlatforms.ClientAsync(provider, "admin");
        var list = await JsonAsync(await admin.GetAsync($"/api/v1/towns?search={Uri.EscapeDataString(name)}"));
        return list.GetProperty("items")[0].GetProperty("id").GetInt32();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Without_credentials_every_api_path_answers_401(StorageProvider provider)
    {
        var client = await SeededPlatforms.ClientAsync(provider, null);
        foreach (var path in new[] { "/api/v1/towns", "/api/v1/towns/1", "/api/v1/enterprises", "/api/v1/policies", "/api/v1/jurisdictions" })
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        var page = await client.GetAsync("/Towns");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [PostgresTheory]
    [InlineData("admin", 18)]
    [InlineData("shanxi-office", 18)]
    [InlineData("yuncheng-office", 11)]
    [InlineData("yuncheng-leader", 11)]
    [InlineData("yuanqu-office", 3)]
    [InlineData("yuanqu-member", 3)]
    [InlineData("lishan-township", 1)]
    [InlineData("yangquan-office", 3)]
    [InlineData("expert-zhang", 0)]
    public async Task Each_role_sees_the_towns_of_its_own_scope(string userName, int towns)
    {
        foreach (var provider in new[] { StorageProvider.Sqlite, StorageProvider.PostgreSql })
        {
            var client = await SeededPlatforms.ClientAsync(provider, userName);
            var list = await JsonAsync(await client.GetAsync("/api/v1/towns?pageSize=100"));
            list.GetProperty("total").GetInt32().ShouldBe(towns, $"{userName} on {provider}");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_record_outside_the_scope_answers_404_like_one_that_does_not_exist(StorageProvider provider)
    {
        var liShan = await TownIdAsync(provider, "历山镇蜂蜜");
        (await (await SeededPlatforms.ClientAsync(provider, "yuanqu-office")).GetAsync($"/api/v1/towns/{liShan}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await SeededPlatforms.ClientAsync(provider, "lishan-township")).GetAsync($"/api/v1/towns/{liShan}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var yangquan = await SeededPlatforms.ClientAsync(provider, "yangquan-office");
        var outside = await yangquan.GetAsync($"/api/v1/towns/{liShan}");
        var missing = await yangquan.GetAsync("/api/v1/towns/999999");
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        static async Task<string> Body(HttpResponseMessage r) =>
            System.Text.RegularExpressions.Regex.Replace(await r.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");
        (await Body(outside)).ShouldBe(await Body(missing));
        (await Body(outside)).ShouldContain("未找到专业镇");

        var xinjiangTown = await TownIdAsync(provider, "万安钻石");
        (await (await SeededPlatforms.ClientAsync(provider, "lishan-township")).GetAsync($"/api/v1/towns/{xinjiangTown}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Enterprises_and_jurisdictions_follow_the_same_scope(StorageProvider provider)
    {
        var yuanqu = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var enterprises = await JsonAsync(await yuanqu.GetAsync("/api/v1/enterprises?pageSize=500"));
        enterprises.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        enterprises.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("county").GetString() == "垣曲县");

        var township = await SeededPlatforms.ClientAsync(provider, "lishan-township");
        var own = await JsonAsync(await township.GetAsync("/api/v1/enterprises?pageSize=500"));
        own.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("town").GetString() == "历山镇蜂蜜专业镇");

        var places = await JsonAsync(await yuanqu.GetAsync("/api/v1/jurisdictions?pageSize=500"));
        places.GetProperty("items").EnumerateArray().ShouldAllBe(j => j.GetProperty("path").GetString()!.StartsWith("山西省/运城市/垣曲县"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_page_outside_the_scope_is_a_chinese_404(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var liShan = await TownIdAsync(provider, "历山镇蜂蜜");
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yangquan-office", SeededPlatforms.Password);
        var response = await client.GetAsync($"/Towns/Detail/{liShan}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("不在您的数据范围内");
    }

    [Fact]
    public async Task Wrong_passwords_get_401_and_five_in_a_row_lock_the_account()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-lock-{Guid.NewGuid():N}.db");
        await using var factory = new PlatformFactory("Sqlite", $"Data Source={file};Pooling=False", demo: true, password: SeededPlatforms.Password);
        var client = factory.CreateClient();
        var missing = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "", password = "" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "yongji-office", password = "not-the-password1" });
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await wrong.Content.ReadAsStringAsync()).ShouldContain(i < 4 ? "用户名或密码错误" : "锁定");
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "yongji-office", password = SeededPlatforms.Password });
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("锁定");

        var ok = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "xinjiang-office", password = SeededPlatforms.Password });
        var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Without_a_configured_password_the_administrator_gets_a_generated_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-gen-{Guid.NewGuid():N}.db");
        var console = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(console);
        try
        {
            await using var factory = new PlatformFactory("Sqlite", $"Data Source={file};Pooling=False", demo: false);
            factory.CreateClient().Dispose();
        }
        finally { Console.SetOut(previous); }
        var line = console.ToString().Split('\n').Single(l => l.Contains("管理员账号 admin"));
        var password = System.Text.RegularExpressions.Regex.Match(line, "初始密码：(\\S+?)（").Groups[1].Value;
        password.Length.ShouldBe(16);
        password.ShouldMatch("[a-z]");
        password.ShouldMatch("[0-9]");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    public async Task OpenApi_lists_the_collections_and_responses_carry_security_headers(StorageProvider provider)
    {
        var client = await SeededPlatforms.ClientAsync(provider, null);
        var doc = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/towns", "/api/v1/enterprises", "/api/v1/policies", "/api/v1/jurisdictions",
            "/api/v1/applications", "/api/v1/projects", "/api/v1/investment-leads", "/api/v1/tasks", "/api/v1/reports", "/api/v1/problems" })
            doc.ShouldContain($"\"{path}\"");
        var login = await client.GetAsync("/Account/Login");
        login.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        login.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        (await client.GetAsync("/swagger/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>
/// The pages' security policy (script-src 'self') blocks inline event handlers: an `onsubmit="return confirm(…)"` is then
/// silently skipped and a deletion happens without being asked (it did on 全国市场占有率排名). Pages ask with data-confirm.
/// </summary>
public class InlineScriptTests
{
    [Fact]
    public void No_page_carries_an_inline_event_handler_or_a_javascript_link()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) dir = dir.Parent;
        var pages = Path.Combine(dir!.FullName, "src", "SpecializedTowns.Web", "Pages");
        var handler = new System.Text.RegularExpressions.Regex(@"\s(on[a-z]+)\s*=\s*[""']|javascript:", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var found = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(pages, f), Line: i + 1, Text: line)))
            .Where(l => handler.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories).Count().ShouldBeGreaterThan(50);
        found.ShouldBeEmpty();
    }
}

/// <summary>
/// A form that posts to an address of its own (action="…", to keep a list's filters) gets no antiforgery token from the form
/// tag helper unless it asks (asp-antiforgery="true"): the browser's post is then refused as 请求无法处理. Tests that post
/// with a token taken from another form of the page never see it; 行政区划's row form for a code was such a form.
/// </summary>
public class AntiforgeryFormTests
{
    [Fact]
    public void Every_form_posting_to_its_own_address_carries_an_antiforgery_token()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) dir = dir.Parent;
        var pages = Path.Combine(dir!.FullName, "src", "SpecializedTowns.Web", "Pages");
        var form = new System.Text.RegularExpressions.Regex(@"<form\b[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match m in form.Matches(text))
            {
                var tag = m.Value;
                if (!tag.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase) || !tag.Contains(" action=", StringComparison.Ordinal)) continue;
                if (tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal)) continue;
                var end = text.IndexOf("</form>", m.Index, StringComparison.OrdinalIgnoreCase);
                if (end > 0 && text[m.Index..end].Contains("AntiForgeryToken", StringComparison.Ordinal)) continue;
                missing.Add($"{Path.GetRelativePath(pages, file)}:{text[..m.Index].Count(c => c == '\n') + 1}: {tag}");
            }
        }
        missing.ShouldBeEmpty();
    }
}
