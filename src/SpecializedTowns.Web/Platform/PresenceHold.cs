using SpecializedTowns.Data;
using SpecializedTowns.Data.Backup;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Keeps this process's shared <see cref="PlatformPresence"/> on the database for as long as it runs, so `restore` refuses
/// to replace the data under it. Taken again after a PostgreSQL restart (its session is gone) and after a restore finishes.
/// </summary>
public sealed class PresenceHold(StorageSettings storage, ILogger<PresenceHold> log) : BackgroundService
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PlatformPresence? held = null;
        var warned = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (held is { Alive: false })
                {
                    await held.DisposeAsync();
                    held = null;
                }
                if (held is null)
                {
                    held = await PlatformPresence.TryShareAsync(storage, stoppingToken);
                    if (held is null && !warned) log.LogWarning("暂时无法登记平台对数据库的占用（数据库不可用或正在恢复），稍后重试");
                    warned = held is null;
                }
                await Task.Delay(Check, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (held is not null) await held.DisposeAsync();
        }
    }
}
