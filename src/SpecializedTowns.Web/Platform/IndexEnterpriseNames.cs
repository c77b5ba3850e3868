using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Indexes the enterprises' names after they are written, on PostgreSQL (<see cref="EnterpriseNameIndex"/>): a rename within
/// a couple of seconds, an import's 100,000 in some seconds a batch at a time, a province's 300,000 after the upgrade that
/// adds the index in a minute or so. Until then the enterprise list's search tests the enterprises not yet indexed, so it
/// is exact throughout and only slower. Several web processes take turns (one indexes at a time).
/// </summary>
public sealed class IndexEnterpriseNames(StorageSettings storage, ILogger<IndexEnterpriseNames> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);
    private const int Batch = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.Provider != StorageProvider.PostgreSql) return;
        try
        {
            // After the start-up work (schema, accounts) has had the database to itself.
            await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
            long total = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                int? read = null;
                try
                {
                    await using var db = storage.CreateContext();
                    read = await EnterpriseNameIndex.IndexSomeAsync(db, Batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogDebug(e, "企业名称索引未完成，下一轮再试");
                }
                if (read is { } names)
                {
                    // A pause between batches leaves the cores to the people using the platform.
                    if ((total += names) / 100_000 != (total - names) / 100_000) log.LogInformation("企业名称索引：已编入 {Names:N0} 家", total);
                    await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
                }
                else await Task.Delay(Idle, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
