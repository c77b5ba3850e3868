using System.Runtime.CompilerServices;

namespace SpecializedTowns.Tests.Shared;

/// <summary>
/// Every temporary file of a test run goes into one folder of its own, removed when the run ends: the tests make a SQLite
/// file (or a copy of the demo's) for each test, thousands per run, and a developer's /tmp held 8,551 of them (16 GB) after a
/// few days. Pointing TMPDIR at the folder before any test runs catches them all, including the server and browser folders
/// the fixtures make, without each test having to clean up after itself.
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
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder, ownRun: true);
    }

    /// <summary>Folders of runs that were killed before they could remove their own: their process is gone.</summary>
    internal static void SweepFinishedRuns(string root)
    {
        if (!Directory.Exists("/proc/self")) return; // no way to tell a finished run from a running one
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(folder)[Prefix.Length..], out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                Remove(folder, ownRun: false);
        }
    }

    private static void Remove(string folder, bool ownRun)
    {
        // A PostgreSQL server of the run stops on the same signal and removes its own folder (PostgresServer.Stop); deleting
        // it first would leave the server running with nothing under it.
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            if (ownRun && Path.GetFileName(entry).StartsWith("st-pg-", StringComparison.Ordinal)) continue;
            try
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            catch (Exception)
            {
                // Owned by another user or still open elsewhere: what remains is swept by a later run.
            }
        }
        try { Directory.Delete(folder); } catch (Exception) { /* not empty yet: a later run sweeps it */ }
    }
}
