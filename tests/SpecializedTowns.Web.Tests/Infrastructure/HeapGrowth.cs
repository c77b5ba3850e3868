namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// How far the managed heap rises above where it stood, while some work runs: for the memory-bound tests, which run alone
/// (the heap sampled is the whole process's, so no other test may allocate meanwhile).
/// </summary>
public static class HeapGrowth
{
    public static async Task<long> PeakDuringAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        using var done = new CancellationTokenSource();
        // Samples the heap as it stands, garbage included: the bound holds even between collections.
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try { await Task.Delay(5, done.Token); } catch (OperationCanceledException) { }
            }
        });
        await work();
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        await done.CancelAsync();
        await sampler;
        return peak - baseline;
    }
}
