using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Platform;

var builder = WebApplication.CreateBuilder(args);

// contracts/web-and-api.md: port 5080 unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls("http://localhost:5080");

var storage = StorageSettings.From(builder.Configuration["Storage:Provider"], builder.Configuration.GetConnectionString("Main"));
builder.Services.AddSingleton(storage);
builder.Services.AddDbContext<TownsDbContext>(storage.Configure);
builder.Services.AddSingleton(_ => PolicyCatalog.Load(PolicyCatalog.LocateDirectory(builder.Configuration["Policies:Directory"])));
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
builder.Services.AddSingleton<DatabaseInitializer>();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
initializer.LogPackProblems();
await initializer.EnsureAsync();

app.MapGet("/healthz", async (DatabaseInitializer init, TownsDbContext db, CancellationToken ct) =>
    await init.EnsureAsync(ct) && await db.Database.CanConnectAsync(ct)
        ? Results.Text("正常", "text/plain; charset=utf-8")
        : Results.Text("数据库不可用", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable));

// Until sign-in and the pages arrive (issue 3), the host shows only what it is.
app.MapGet("/", () => Results.Content("""
    <!doctype html>
    <html lang="zh-CN"><head><meta charset="utf-8"><title>专业镇高质量发展管理平台</title></head>
    <body style="font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; margin: 3rem;">
    <h1>专业镇高质量发展管理平台</h1>
    <p>平台已启动。登录与业务页面将在后续版本提供；当前可用命令行工具（见 README）。</p>
    </body></html>
    """, "text/html; charset=utf-8"));

app.Run();

public partial class Program;
