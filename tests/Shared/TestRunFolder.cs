using System.Runtime.CompilerServices;

namespace SpecializedTowns.Tests.Shared;

/// <summary>
/// Every temporary file of a test run goes into one folder of its own, removed when the run ends: the tests make a SQLite
/// file (or a copy of the demo's) for each test, thousands per run, and a developer's /tmp held 8,551 of them (16 GB) after a
/// few days. Pointing TMPDIR at the folder before any test runs catches them all, including the PostgreSQL server and the
/// browser folders the fixtures make, without each test having to clean up after itself.
/// </summary>
internal static class TestRunFolder
{
    private const string Prefix = "st-run-";

    [ModuleInitializer]
    internal static void Use()
    {
        var root = Path.GetTempPath();
        // Short on purpose: PostgreSQL's socket lives under it, and a socket path may not exceed 107 bytes.
        var folder = Path.Combine(root, Prefix + Environment.ProcessId);
        SweepFinishedRuns(root);
        Directory.CreateDirectory(folder);
        Environment.SetEnvironmentVariable("TMPDIR", folder);
        WatchOver(folder);
    }

    /// <summary>
    /// A detached shell waits for this process to end, stops any PostgreSQL server the run started under the folder and removes
    /// it. Not ProcessExit: the test platform ends its host without raising it (a run's own PostgreSQL server outlived it).
    /// </summary>
    private static void WatchOver(string folder)
    {
        if (!File.Exists("/usr/bin/setsid")) return; // left to the next run's sweep
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {StopServersAndRemove(folder)}";
        var info = new System.Diagnostics.ProcessStartInfo("/usr/bin/setsid", ["/bin/sh", "-c", script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var watcher = System.Diagnostics.Process.Start(info);
    }

    /// <summary>
    /// Shell commands that end the run's PostgreSQL servers (SIGQUIT to the postmaster is pg_ctl's immediate stop) and then
    /// remove the folder.
    /// </summary>
    private static string StopServersAndRemove(string folder) =>
        $"for f in '{folder}'/st-pg-*/db/postmaster.pid; do pid=$(head -n 1 \"$f\" 2>/dev/null) && grep -qs postgres /proc/$pid/comm && kill -QUIT $pid; done; "
        + $"sleep 1; rm -rf '{folder}'";

    /// <summary>Folders of runs whose process is gone and whose watcher did not finish (the machine restarted, say).</summary>
    internal static void SweepFinishedRuns(string root)
    {
        if (!Directory.Exists("/proc/self")) return; // no way to tell a finished run from a running one
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)[Prefix.Length..], out var pid) || pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}"))
                continue;
            using var sweep = System.Diagnostics.Process.Start("/bin/sh", ["-c", StopServersAndRemove(folder)]);
            sweep.WaitForExit();
        }
    }
}
