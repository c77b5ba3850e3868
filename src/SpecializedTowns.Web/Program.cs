using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Platform;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolder.ContentRoot(args) });
// A build, unlike a publish, leaves wwwroot in the project folder and names it in a manifest beside the dll, which only
// Development reads by itself: started from its build folder in Production, every page came without its styles and scripts.
if (!Directory.Exists(Path.Combine(builder.Environment.ContentRootPath, "wwwroot"))) builder.WebHost.UseStaticWebAssets();

// contracts/web-and-api.md: port 5080 unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls("http://localhost:5080");

var storage = StorageSettings.From(builder.Configuration["Storage:Provider"], builder.Configuration.GetConnectionString("Main"));
builder.Services.AddSingleton(storage);
builder.Services.AddHostedService<SpecializedTowns.Web.Platform.PresenceHold>();
// The options are built once: built per request they cost a parse of the connection string and EF's lookup of its
// internal services by comparing every option, on each of the platform's requests.
builder.Services.AddDbContext<TownsDbContext>(storage.Configure, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped(sp => new SpecializedTowns.Data.Audit.AuditActorSource(() => AuditActors.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext)));
builder.Services.AddSingleton(_ => PolicyCatalog.Load(PolicyCatalog.LocateDirectory(builder.Configuration["Policies:Directory"])));
builder.Services.AddSingleton<DatabaseInitializer>();
// 储备培育's years, kept while the data they are added up from is unchanged (see ClusterYears).
builder.Services.AddSingleton<SpecializedTowns.Data.Reserve.ClusterYears>();
builder.Services.AddHostedService<SpecializedTowns.Web.Platform.KeepReserveWarm>();
// 重点项目库's summary cards, likewise (see ProjectSummaries).
builder.Services.AddSingleton<SpecializedTowns.Data.Projects.ProjectSummaries>();
// The audit page's name search index, built after the entries are written (see AuditLabelIndex).
builder.Services.AddHostedService<SpecializedTowns.Web.Platform.IndexAuditLabels>();
// The enterprise list's name search index on PostgreSQL, likewise (see EnterpriseNameIndex).
builder.Services.AddHostedService<SpecializedTowns.Web.Platform.IndexEnterpriseNames>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<SpecializedTowns.Data.Applications.ApplicationService>();
builder.Services.AddScoped<SpecializedTowns.Data.Projects.ProjectService>();
builder.Services.AddScoped<SpecializedTowns.Data.Projects.LeadService>();
builder.Services.AddScoped<SpecializedTowns.Data.Projects.BatchService>();
builder.Services.AddScoped<SpecializedTowns.Data.Accounts.UserDirectory>();
builder.Services.AddScoped<SpecializedTowns.Data.Notifications.ReminderCentre>();
builder.Services.AddSingleton(builder.Configuration.GetSection("Projects").Get<SpecializedTowns.Core.Projects.ProjectWarningSettings>() ?? new());
builder.Services.AddScoped<SpecializedTowns.Data.Problems.ProblemService>();
builder.Services.AddSingleton(SpecializedTowns.Data.Problems.ProblemSettings.From(builder.Configuration.GetValue<int?>("Problems:DueSoonDays")));
builder.Services.AddScoped<SpecializedTowns.Data.Tasks.TaskService>();
var dueSoonDays = builder.Configuration.GetValue("Tasks:DueSoonDays", SpecializedTowns.Core.Tasks.TaskLights.DefaultDueSoonDays);
if (dueSoonDays is < 0 or > 365) throw new InvalidOperationException($"配置 Tasks:DueSoonDays 应在 0 到 365 之间（现为 {dueSoonDays}）");
builder.Services.AddSingleton(new SpecializedTowns.Data.Tasks.TaskSettings(dueSoonDays));
builder.Services.AddScoped<SpecializedTowns.Data.Reports.ReportService>();
builder.Services.AddScoped<SpecializedTowns.Data.Reports.TaskForceService>();
builder.Services.AddScoped<SpecializedTowns.Data.Evaluation.MeasureGatherer>();
builder.Services.AddScoped<SpecializedTowns.Data.Evaluation.EvaluationService>();
builder.Services.AddScoped<SpecializedTowns.Data.Evaluation.EvaluationNotices>();
var reportSettings = builder.Configuration.GetSection("Reports").Get<SpecializedTowns.Core.Reports.ReportSettings>() ?? new();
if (reportSettings.Problems() is { Count: > 0 } reportProblems) throw new InvalidOperationException("配置有误：" + string.Join("；", reportProblems));
builder.Services.AddSingleton(reportSettings);
var adjustmentSettings = builder.Configuration.GetSection("Adjustments").Get<SpecializedTowns.Core.Towns.AdjustmentSettings>() ?? new();
if (adjustmentSettings.Problems() is { Count: > 0 } adjustmentProblems) throw new InvalidOperationException("配置有误：" + string.Join("；", adjustmentProblems));
builder.Services.AddSingleton(adjustmentSettings);
builder.Services.AddScoped<SpecializedTowns.Data.Commendations.MarketRankService>();
builder.Services.AddScoped<SpecializedTowns.Data.Notices.NoticeService>();
builder.Services.AddSingleton<SpecializedTowns.Web.Imports.ImportJobs>();
// Issue 6 documents: 认定决定/证书, 月报汇总, 一镇一档.
builder.Services.AddScoped<SpecializedTowns.Data.Applications.RecognitionDocuments>();
builder.Services.AddScoped<SpecializedTowns.Data.Reports.ReportSummary>();
builder.Services.AddScoped<SpecializedTowns.Data.Towns.TownDossier>();
builder.Services.AddSingleton(SpecializedTowns.Data.Notices.NoticeSettings.From(builder.Configuration.GetValue<int?>("Notices:DueSoonDays"),
    builder.Configuration.GetSection("Notices:NumberPrefixes").Get<Dictionary<string, string>>()));

builder.Services.AddIdentity<AppUser, IdentityRole<int>>(o =>
    {
        o.Password.RequiredLength = 8;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<TownsDbContext>()
    .AddErrorDescriber<ChineseIdentityErrors>()
    .AddClaimsPrincipalFactory<AppClaimsFactory>()
    .AddSignInManager<AccountSignInManager>()
    .AddDefaultTokenProviders();

// Several web processes on one database (behind nginx) must read each other's cookies, antiforgery tokens and TempData:
// the key ring lives in the database, under one application name whatever the process's path.
builder.Services.AddDataProtection()
    .PersistKeysToDbContext<TownsDbContext>()
    .SetApplicationName("SpecializedTowns");

builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "st.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    // The API answers 401/403; only pages redirect to the sign-in page.
    o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
    // A session whose account was disabled or given a new stamp ends at its next request, whichever process renewed the
    // stamp (SessionStamps), before Identity's own stamp check.
    o.Events.OnValidatePrincipal = SessionStamps.Before(o.Events.OnValidatePrincipal);
});

const string smart = "CookieOrBearer";
builder.Services.AddAuthentication()
    .AddBearerToken(TokenApi.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
    .AddPolicyScheme(smart, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
        ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? TokenApi.BearerScheme : IdentityConstants.ApplicationScheme);
builder.Services.Configure<AuthenticationOptions>(o =>
{
    o.DefaultScheme = smart;
    o.DefaultAuthenticateScheme = smart;
    o.DefaultChallengeScheme = smart;
    o.DefaultForbidScheme = smart;
});
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

// Sessions end at once through SessionStamps; Identity's own check, every minute, renews the claims the cookie carries.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

builder.Services.AddRazorPages(o => o.Conventions
    .AllowAnonymousToPage("/Account/Login").AllowAnonymousToPage("/Account/Logout").AllowAnonymousToPage("/Account/AccessDenied")
    .AllowAnonymousToPage("/Error").AllowAnonymousToPage("/Status"))
    .AddMvcOptions(o =>
    {
        // Chinese for what model binding says about a wrongly typed field (BindingMessagesByType says it per type).
        var m = o.ModelBindingMessageProvider;
        m.SetValueMustNotBeNullAccessor(_ => "此项为必填");
        m.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{value}”不是有效的值");
        m.SetValueIsInvalidAccessor(value => $"“{value}”不是有效的值");
        m.SetValueMustBeANumberAccessor(_ => "请填写数字");
        m.SetMissingBindRequiredValueAccessor(_ => "此项为必填");
        m.SetMissingKeyOrValueAccessor(() => "此项为必填");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容为空");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”不是有效的值");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效");
        m.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字");
        o.ModelBinderProviders.Insert(0, new SpecializedTowns.Web.Platform.CheckboxBinderProvider());
        o.ModelBinderProviders.Insert(0, new SpecializedTowns.Web.Platform.NumberBinderProvider());
        o.ModelBinderProviders.Insert(0, new SpecializedTowns.Web.Platform.FilterEnumBinderProvider());
        o.ModelBinderProviders.Insert(0, new SpecializedTowns.Web.Platform.OptionListBinderProvider());
        o.Filters.Add(new SpecializedTowns.Web.Platform.PostWithoutHandler());
        o.Filters.Add(new SpecializedTowns.Web.Platform.OversizedUploads());
        o.ModelMetadataDetailsProviders.Add(new SpecializedTowns.Web.Platform.RequiredInChinese());
        o.ModelMetadataDetailsProviders.Add(new SpecializedTowns.Web.Platform.BindingMessagesByType());
    });
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(o => o.ClientModelValidatorProviders.Add(new SpecializedTowns.Web.Platform.RequiredInChinese()));
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
});
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
{
    // Chinese titles for the framework's own problems; never a stack trace.
    ctx.ProblemDetails.Title = ctx.ProblemDetails.Status switch
    {
        400 when ctx.ProblemDetails.Title is null or "Bad Request" or "One or more validation errors occurred." => "请求参数有误",
        401 when ctx.ProblemDetails.Title is null or "Unauthorized" => "未登录或登录已过期",
        403 when ctx.ProblemDetails.Title is null or "Forbidden" => "没有权限",
        404 when ctx.ProblemDetails.Title is null or "Not Found" => "未找到",
        405 => "不支持的请求方法",
        413 => "请求内容过大",
        415 => "请求内容格式不对：请以 JSON（application/json）提交",
        500 => "服务器内部错误，请稍后重试或联系管理员",
        _ => ctx.ProblemDetails.Title,
    };
    // The framework's 413 says nothing of the limit: the API says which one the request met and what to do instead.
    if (ctx.ProblemDetails.Status == 413 && ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
        ctx.ProblemDetails.Detail = SpecializedTowns.Web.Api.JsonBodyProblems.TooLarge(ctx.HttpContext);
    ctx.ProblemDetails.Type = null;
    ctx.ProblemDetails.Extensions.Remove("exception");
});
// Binding failures reach JsonBodyProblems, which names the field in Chinese, rather than ending as a bare 400.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<SpecializedTowns.Web.Api.JsonBodyProblems>();
builder.Services.AddExceptionHandler<SpecializedTowns.Web.Platform.DatabaseUnavailable>();
builder.Services.AddOpenApi("v1", o =>
{
    o.AddDocumentTransformer((doc, _, _) =>
    {
        doc.Info.Title = "专业镇高质量发展管理平台 API";
        doc.Info.Version = "v1";
        doc.Info.Description = $"取字典值的参数和字段，其可选值、中文名称和用途见[系统 → 字典]({SpecializedTowns.Core.Dictionaries.CodeLists.PagePath})，也可读取 /api/v1/dictionaries。";
        return Task.CompletedTask;
    });
    ApiDocumentation.Describe(o);
    // After the general descriptions: a field that takes a code list is described by its list, with the link to 字典.
    o.AddOperationTransformer(SpecializedTowns.Web.Api.ApiCodeFields.DescribeAsync);
});

var app = builder.Build();

app.UseSecurityHeaders();
// Which process answered (Instance:Name, e.g. env Instance__Name=web-a), for an operator behind a load balancer.
if (builder.Configuration["Instance:Name"] is { Length: > 0 } instance)
    app.Use((ctx, next) => { ctx.Response.Headers["X-Instance"] = instance; return next(ctx); });
app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"),
    api => api.UseExceptionHandler().UseStatusCodePages());
app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseExceptionHandler("/Error").UseStatusCodePagesWithReExecute("/Status", "?code={0}"));
app.UseStaticFiles();
// API documentation is readable without signing in; calling the API still needs a token.
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "专业镇平台 API v1");
    o.RoutePrefix = "swagger";
    o.DocumentTitle = "专业镇平台 API";
});
app.UseRouting();
app.Use(async (ctx, next) =>
{
    if (ctx.GetEndpoint()?.DisplayName == SpecializedTowns.Web.Api.JsonBodyProblems.UnsupportedMediaTypeEndpoint && ctx.Request.Path.StartsWithSegments("/api"))
        await SpecializedTowns.Web.Api.JsonBodyProblems.UnsupportedMediaTypeAsync(ctx, ctx.RequestServices.GetRequiredService<IProblemDetailsService>());
    else
        await next(ctx);
});
// Not while showing the error page: when the database is what failed, checking the cookie's security stamp would fail again
// and leave the user a bare 500 instead of the page saying so.
app.UseWhen(ctx => ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null, a => a.UseAuthentication());
app.UseBearerRevocation();
app.UseFirstPasswordChange();
app.UseJurisdictionFocus();
app.UseAuthorization();
app.UseFreshThresholds();
app.UseOutOfRangeYears();
app.UseUploadForms();

var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
initializer.LogPackProblems();
if (await initializer.EnsureAsync())
{
    // After the schema's own lock is released (advisory locks are per connection: never nest them), another for the accounts.
    await using var setup = await SetupLock.TakeAsync(storage);
    await app.EnsureAccountsAsync();
    // The key ring's first key too, under the same lock: two processes started together on an empty ring would each make
    // a key and, once past the ring's short start-up refresh window, refuse the cookies sealed by the other.
    app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SpecializedTowns.Startup").Protect("ready");
}

app.MapGet("/healthz", async (DatabaseInitializer init, TownsDbContext db, ILogger<DatabaseInitializer> log, CancellationToken ct) =>
    {
        var healthy = false;
        try
        {
            // The first setup of a database that appeared after the start (schema, demo data) takes as long as it takes, once.
            if (await init.EnsureAsync(ct))
            {
                // Then a probe answers within seconds whatever the database does (a server that does not answer is down), and
                // makes a real round trip: opening a pooled connection proves nothing once the server restarted under it.
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeSpan.FromSeconds(3));
                await db.Database.ExecuteSqlRawAsync("SELECT 1", limit.Token);
                healthy = true;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            SpecializedTowns.Web.Platform.DatabaseUnavailable.Forget(ex, log);
        }
        return healthy
            ? Results.Text("正常", "text/plain; charset=utf-8")
            : Results.Text("数据库不可用", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
    })
    .AllowAnonymous().ExcludeFromDescription();

// Liveness without the database: the process answers. /healthz is readiness (the database too).
app.MapGet("/livez", () => Results.Text("正常", "text/plain; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

app.MapTokenApi();
app.MapTownsApi();
app.MapEnterprisesApi();
app.MapPoliciesApi();
app.MapJurisdictionsApi();
app.MapApplicationsApi();
app.MapProjectsApi();
app.MapProblemsApi();
app.MapTasksApi();
app.MapReportsApi();
app.MapEvaluationsApi();
app.MapTargetsApi();
app.MapNoticesApi();
app.MapAuditApi();
app.MapImportsApi();
app.MapDocumentsApi();
app.MapSupportApi();
app.MapBrandsApi();
app.MapDictionariesApi();
app.MapRazorPages();

app.Run();

static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api"))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}
