using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

/// <summary>The platform on a real port (SQLite file, demo data) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-e2e-2024";
    private WebApplicationFactory<SpecializedTowns.Web.Platform.DatabaseInitializer>? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The platform's clock: tests move it on to pass a publicity period.</summary>
    public TestClock Clock { get; } = new();
    public string BaseUrl { get; private set; } = "";

    /// <summary>The platform's services, for a test that must read what the demo holds to build a realistic file.</summary>
    public IServiceProvider Services => _factory!.Services;

    public static string? Unavailable =>
        File.Exists(ChromiumPath) ? null : $"未找到 {ChromiumPath}（apt-get install chromium）";

    public const string ChromiumPath = "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-e2e-{Guid.NewGuid():N}.db");
        _factory = new WebApplicationFactory<SpecializedTowns.Web.Platform.DatabaseInitializer>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            // Any free port: without this the platform also binds its default 5080, and two test runs on one machine collide.
            b.UseSetting("urls", "http://127.0.0.1:0");
            b.UseSetting("Storage:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Main", $"Data Source={file}");
            b.UseSetting("Seed:AdminPassword", DemoPassword);
            b.UseSetting("Seed:DemoPassword", DemoPassword);
            b.UseSetting("Policies:Directory", Path.Combine(AppContext.BaseDirectory, "policies"));
            b.UseStaticWebAssets();
            b.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string userName, int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", DemoPassword);
        await page.ClickAsync("button[type=submit]");
        // The first page after signing in can take a cold host more than Playwright's 30 s when the test projects start
        // side by side on two cores (CI 12-06: one sign-in of 64 timed out in the first minute, none after). CI 12-07: one
        // sign-in still waited 90 s, with no word of where the browser stood; now only the document is awaited, not
        // every image and lazy script of the home page, and a timeout says the address and any alert on the screen.
        try
        {
            await page.WaitForURLAsync(BaseUrl + "/", new() { Timeout = 90_000, WaitUntil = WaitUntilState.Commit });
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 90_000 });
        }
        catch (TimeoutException e)
        {
            var alert = await page.Locator(".alert").AllInnerTextsAsync();
            throw new TimeoutException($"{userName} 登录后停在 {page.Url}：{string.Join(" / ", alert)}", e);
        }
        return page;
    }

    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
    }
}

public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;
    public void Advance(TimeSpan by) => _offset += by;
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>A browser test: skipped with its reason where Chromium is missing, but never under CI (CI=true).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && BrowserFixture.Unavailable is { } reason) Skip = reason;
    }
}
