using SpecializedTowns.Tests.Shared;

namespace SpecializedTowns.Core.Tests.Infrastructure;

public class TestRunFolderTests
{
    [Fact]
    public void Temporary_files_of_this_run_go_into_its_own_folder()
    {
        var temp = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        Path.GetFileName(temp).ShouldBe($"st-run-{Environment.ProcessId}");
        Directory.Exists(temp).ShouldBeTrue();
    }

    [Fact]
    public void A_finished_runs_folder_is_swept_and_a_running_ones_is_kept()
    {
        var root = Directory.CreateTempSubdirectory("sweep-").FullName;
        // No process can have this number (Linux caps them at 4,194,304).
        var finished = Directory.CreateDirectory(Path.Combine(root, "st-run-999999999")).FullName;
        File.WriteAllText(Path.Combine(finished, "st-1.db"), "x");
        Directory.CreateDirectory(Path.Combine(finished, "st-pg-1", "db"));
        var running = Directory.CreateDirectory(Path.Combine(root, "st-run-1")).FullName; // init: always running
        File.WriteAllText(Path.Combine(running, "st-2.db"), "x");
        var unrelated = Directory.CreateDirectory(Path.Combine(root, "st-runner")).FullName;

        TestRunFolder.SweepFinishedRuns(root);

        Directory.Exists(finished).ShouldBeFalse();
        File.Exists(Path.Combine(running, "st-2.db")).ShouldBeTrue();
        Directory.Exists(unrelated).ShouldBeTrue();
    }
}
