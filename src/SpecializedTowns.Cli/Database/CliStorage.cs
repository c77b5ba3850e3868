using System.CommandLine;
using Microsoft.Extensions.Configuration;
using SpecializedTowns.Data;

namespace SpecializedTowns.Cli.Database;

/// <summary>The database the CLI works on: options first, then the same configuration keys as the web app.</summary>
public static class CliStorage
{
    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "存储类型：Sqlite（默认）或 PostgreSql；也可用环境变量 Storage__Provider",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "连接字符串；也可用环境变量 ConnectionStrings__Main。默认 data/specialized-towns.db",
        Recursive = true,
    };

    public static StorageSettings Resolve(ParseResult parse)
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        try
        {
            return StorageSettings.From(
                parse.GetValue(ProviderOption) ?? config["Storage:Provider"],
                parse.GetValue(ConnectionOption) ?? config.GetConnectionString("Main"));
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }
}
