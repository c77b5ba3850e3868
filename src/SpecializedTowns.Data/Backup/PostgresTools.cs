using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace SpecializedTowns.Data.Backup;

public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    // A tool that dies on a damaged file may say nothing: its exit code is then all there is to report.
    public string ErrorText => !string.IsNullOrWhiteSpace(Error) ? Error.Trim() : !string.IsNullOrWhiteSpace(Output) ? Output.Trim() : $"没有输出，退出码 {ExitCode}";
}

/// <summary>
/// pg_dump and pg_restore, PostgreSQL's documented way to back up and restore. The newest installed version is
/// used because pg_dump refuses a server newer than itself but handles older ones.
/// </summary>
public static partial class PostgresTools
{
    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionText();

    /// <summary>The tool's full path: from <paramref name="directory"/> if given, else the newest on PATH or under /usr/lib/postgresql/*/bin.</summary>
    public static string Locate(string tool, string? directory = null)
    {
        var exe = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        IEnumerable<string> folders;
        if (!string.IsNullOrWhiteSpace(directory))
            folders = [directory];
        else
        {
            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            folders = path.Concat(Installed("/usr/lib/postgresql"))
                .Concat(OperatingSystem.IsWindows() ? Installed(@"C:\Program Files\PostgreSQL") : []);
        }
        var found = folders.Select(f => Path.Combine(f, exe)).Where(File.Exists).Distinct()
            .Select(f => (File: f, Version: VersionOf(f))).Where(f => f.Version is not null)
            .OrderByDescending(f => f.Version).FirstOrDefault();
        return found.File ?? throw new BackupException(string.IsNullOrWhiteSpace(directory)
            ? $"找不到 {tool}：请安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client），或用 --pg-bin 指定它所在的目录。"
            : $"目录 {directory} 中没有可用的 {tool}。");
    }

    private static IEnumerable<string> Installed(string root) =>
        Directory.Exists(root) ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")) : [];

    private static Version? VersionOf(string file)
    {
        try
        {
            var result = RunAsync(file, ["--version"], connection: null, CancellationToken.None).GetAwaiter().GetResult();
            var match = VersionText().Match(result.Output);
            if (result.ExitCode != 0 || !match.Success) return null;
            return new Version(int.Parse(match.Groups[1].Value), match.Groups[2].Success ? int.Parse(match.Groups[2].Value) : 0);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>-h -p -U -d from the Npgsql connection string; the password never goes on the command line.</summary>
    public static IReadOnlyList<string> ConnectionArguments(NpgsqlConnectionStringBuilder b)
    {
        var args = new List<string>();
        if (!string.IsNullOrEmpty(b.Host)) args.AddRange(["--host", b.Host]);
        if (b.Port != 0) args.AddRange(["--port", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (!string.IsNullOrEmpty(b.Username)) args.AddRange(["--username", b.Username]);
        if (!string.IsNullOrEmpty(b.Database)) args.AddRange(["--dbname", b.Database]);
        args.Add("--no-password"); // never wait for a prompt nobody will answer
        return args;
    }

    /// <summary>Runs a tool to its end; with a connection, its password goes in PGPASSWORD.</summary>
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, NpgsqlConnectionStringBuilder? connection, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The environment, not the command line: other users can read a process's arguments.
        if (connection is not null)
        {
            if (!string.IsNullOrEmpty(connection.Password)) info.Environment["PGPASSWORD"] = connection.Password;
            info.Environment["PGCONNECT_TIMEOUT"] = Math.Max(connection.Timeout, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sslMode = connection.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            };
            info.Environment["PGSSLMODE"] = sslMode;
        }
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ToolResult(process.ExitCode, await output, await error);
    }
}
