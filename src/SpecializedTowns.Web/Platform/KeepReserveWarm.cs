using SpecializedTowns.Data;
using SpecializedTowns.Data.Reserve;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Works 储备培育's years out in the background (<see cref="ClusterYears.RefreshAsync"/>): a province database's latest
/// year soon after the process starts, a kept year again after its data has changed and settled. Without it the first person to open the page
/// after a start or an import waited 1–5 s at province scale. A database that is down is tried again at the next round.
/// </summary>
public sealed class KeepReserveWarm(StorageSettings storage, ClusterYears years, ILogger<KeepReserveWarm> log) : BackgroundService
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the start-up work (schema, accounts) has had the database to itself.
            await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var db = storage.CreateContext();
                    var worked = await years.RefreshAsync(db, stoppingToken);
                    if (worked.Count > 0)
                        log.LogInformation("储备培育：已在后台汇总 {Years}", string.Join("、", worked.Select(w => $"{w.Province ?? "全部"}{w.Year}年度")));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogDebug(e, "储备培育后台汇总未完成，下一轮再试");
                }
                await Task.Delay(Round, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
