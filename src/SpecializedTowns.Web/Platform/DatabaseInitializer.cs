using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Demo;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Brings the database to the current schema, registers the policy packs and, on an empty database,
/// loads the demo data unless Seed:Demo is false. Runs at start; when the database cannot be reached
/// then, /healthz tries again, so a server that comes up later is set up before it is called healthy.
/// </summary>
public sealed class DatabaseInitializer(StorageSettings storage, PolicyCatalog catalog, IConfiguration configuration, ILogger<DatabaseInitializer> logger, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool Ready { get; private set; }

    public async Task<bool> EnsureAsync(CancellationToken ct = default)
    {
        if (Ready) return true;
        await _gate.WaitAsync(ct);
        try
        {
            if (Ready) return true;
            await using var setup = await SetupLock.TakeAsync(storage, ct);
            var report = await DatabaseSetup.InitializeAsync(storage, catalog, ct);
            if (report.FromVersion != report.ToVersion)
                logger.LogInformation("{Storage}：数据库结构版本 {From} → {To}，登记政策文件 {Count} 份", storage.Describe(), report.FromVersion, report.ToVersion, report.PolicyDocuments);
            if (configuration.GetValue("Seed:Demo", true))
            {
                await using var db = storage.CreateContext();
                var demo = await DemoData.LoadAsync(db, ct, time);
                if (!demo.AlreadyLoaded)
                    logger.LogInformation("已载入演示数据：专业镇 {Towns} 个、企业 {Enterprises} 家", demo.Towns, demo.Enterprises);
            }
            Ready = true;
            return true;
        }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            // One line, no stack trace: the cause is the database, not the program.
            logger.LogError("数据库暂不可用，稍后重试：{Reason}", DatabaseErrors.Describe(ex, storage));
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void LogPackProblems()
    {
        foreach (var problem in catalog.Problems) logger.LogWarning("政策包问题：{Problem}", problem);
    }
}
