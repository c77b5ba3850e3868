using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Demo;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// On start: bring the schema up to date, register the policy packs, and on an empty database load the
/// demo data unless Seed:Demo is false. A database that cannot be reached is logged, not fatal:
/// /healthz then answers 503 until it can.
/// </summary>
public static class StartupInitializer
{
    public static async Task RunAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("启动");
        var storage = app.Services.GetRequiredService<StorageSettings>();
        var catalog = app.Services.GetRequiredService<PolicyCatalog>();
        foreach (var problem in catalog.Problems) logger.LogWarning("政策包问题：{Problem}", problem);
        try
        {
            var report = await DatabaseSetup.InitializeAsync(storage, catalog);
            logger.LogInformation("{Storage}：结构版本 {From} → {To}，登记政策文件 {Count} 份", storage.Describe(), report.FromVersion, report.ToVersion, report.PolicyDocuments);
            if (app.Configuration.GetValue("Seed:Demo", true))
            {
                await using var db = storage.CreateContext();
                var demo = await DemoData.LoadAsync(db);
                if (!demo.AlreadyLoaded)
                    logger.LogInformation("已载入演示数据：专业镇 {Towns} 个、企业 {Enterprises} 家", demo.Towns, demo.Enterprises);
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            logger.LogError(ex, "数据库初始化失败（{Storage}）", storage.Describe());
        }
    }
}
