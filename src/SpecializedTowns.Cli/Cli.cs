using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

using SpecializedTowns.Cli.Policies;



using SpecializedTowns.Cli.Database;
using SpecializedTowns.Cli.Recognition;
using SpecializedTowns.Cli.Towns;

namespace SpecializedTowns.Cli;

/// <summary>Thrown for bad input a person can mend; the message is shown as it is and the exit code is 2.</summary>
public sealed class UserInputException(string message) : Exception(message);

public static class Cli
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    // The parser's own Chinese resources miss a few messages.
    private static string Translate(string message)
    {
        var required = System.Text.RegularExpressions.Regex.Match(message, "^Option '(.+)' is required\\.$");
        if (required.Success) return $"缺少必填参数 {required.Groups[1].Value}";
        var parseFail = System.Text.RegularExpressions.Regex.Match(message, "^Cannot parse argument '(.*)' for option '(.+)' as expected type '(.+)'\\.$");
        if (parseFail.Success) return $"参数 {parseFail.Groups[2].Value} 的值“{parseFail.Groups[1].Value}”无效{(parseFail.Groups[3].Value.Contains("Int32") ? "，应为整数" : "")}";
        return message;
    }

    public static readonly Option<string?> PoliciesOption = new("--policies")
    {
        Description = "政策包目录（默认：仓库中的 policies/ 或程序旁的 policies/）",
        Recursive = true,
    };

    /// <summary>Runs a command line; writers are parameters so tests can run the CLI in-process.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // System.CommandLine ships Chinese texts for its help and parse errors.
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-Hans");
        var root = new RootCommand("专业镇高质量发展管理平台 命令行工具");
        root.Options.Add(PoliciesOption);
        var context = new CliContext(stdout, stderr);
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(PolicyCommands.Create(context));
        root.Subcommands.Add(DbCommands.Create(context));
        root.Subcommands.Add(DemoCommands.Create(context));
        root.Subcommands.Add(BackupCommands.CreateBackup(context));
        root.Subcommands.Add(BackupCommands.CreateRestore(context));
        root.Subcommands.Add(TownCommands.CreateTowns(context));
        root.Subcommands.Add(TownCommands.CreateRecognize(context));

        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>()) help.Description = "显示帮助和用法";
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine("命令参数有误：");
            foreach (var error in parse.Errors) stderr.WriteLine("  " + Translate(error.Message));
            stderr.WriteLine("用 --help 查看用法。");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException ex)
        {
            stderr.WriteLine(ex.Message);
            return BadInput;
        }
        catch (Exception ex) when (Data.DatabaseErrors.IsDatabaseError(ex))
        {
            stderr.WriteLine(Data.DatabaseErrors.Describe(ex));
            return BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never a stack trace for a person: the message, and where to look if it is ours.
            stderr.WriteLine($"出错了：{ex.Message}");
            return 1;
        }
    }
}

/// <summary>What every command needs: where to write, and the policy packs once loaded.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    public Core.Policies.PolicyCatalog LoadPolicies(ParseResult parse) =>
        Core.Policies.PolicyCatalog.Load(Core.Policies.PolicyCatalog.LocateDirectory(parse.GetValue(Cli.PoliciesOption)));

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Cli.Json));
}
