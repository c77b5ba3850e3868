namespace SpecializedTowns.Core.Tests.Cli;

/// <summary>Runs the CLI in-process, capturing what a person or a script would see.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static Run Invoke(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SpecializedTowns.Cli.Cli.Run(["--policies", Packs.Directory, .. args], stdout, stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    public static string TempFile(string content, string extension = ".json")
    {
        var path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
