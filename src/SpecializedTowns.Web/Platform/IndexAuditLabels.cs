using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Indexes the audit entries' record names after they are written (<see cref="AuditLabelIndex"/>): a save's few entries
/// within a couple of seconds, an import's 100,000 in some seconds a batch at a time, a province's existing trail after
/// the upgrade that adds the index in a minute or two. Until then the search tests the entries not yet indexed one by one,
/// so it is exact throughout and only slower. Several web processes share the work.
/// </summary>
public sealed class IndexAuditLabels(StorageSettings storage, ILogger<IndexAuditLabels> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite has one writer: smaller batches keep the lock short for the people saving meanwhile.
        var batch = storage.Provider == StorageProvider.Sqlite ? 2_000 : 5_000;
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
                    read = await AuditLabelIndex.IndexSomeAsync(db, batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogDebug(e, "审计日志名称索引未完成，下一轮再试");
                }
                if (read is { } entries)
                {
                    // A pause between batches leaves the cores to the people using the platform.
                    if ((total += entries) / 100_000 != (total - entries) / 100_000) log.LogInformation("审计日志名称索引：已编入 {Entries:N0} 条", total);
                    await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
                }
                else await Task.Delay(Idle, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
