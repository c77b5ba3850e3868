using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// The loop that builds an index after the writes it covers (<see cref="IndexAuditLabels"/>, <see cref="IndexEnterpriseNames"/>):
/// a batch at a time while there is work, with a short pause between batches that leaves the cores to the people using the
/// platform, and every couple of seconds when there is none. A failed batch is tried again in the next round.
/// </summary>
public abstract class IndexInBatches(StorageSettings storage, ILogger log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    /// <summary>What is indexed, in the log's words (“企业名称”), and the word its rows are counted in (“家”).</summary>
    protected abstract (string What, string Unit) Names { get; }

    /// <summary>Rows per batch on this database; null where this index is not kept.</summary>
    protected abstract int? BatchSize(StorageProvider provider);

    /// <summary>Indexes up to <paramref name="batch"/> rows; the rows read, or null when nothing waited.</summary>
    protected abstract Task<int?> IndexSomeAsync(TownsDbContext db, int batch, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (BatchSize(storage.Provider) is not { } batch) return;
        var (what, unit) = Names;
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
                    read = await IndexSomeAsync(db, batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogDebug(e, "{What}索引未完成，下一轮再试", what);
                }
                if (read is { } rows)
                {
                    if ((total += rows) / 100_000 != (total - rows) / 100_000) log.LogInformation("{What}索引：已编入 {Rows:N0} {Unit}", what, total, unit);
                    await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
                }
                else await Task.Delay(Idle, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
