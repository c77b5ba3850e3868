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

public static class CliDatabase
{
    /// <summary>A context on a database whose schema is current; a Chinese hint otherwise.</summary>
    public static async Task<TownsDbContext> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var storage = CliStorage.Resolve(parse);
        RequireExisting(storage);
        var db = storage.CreateContext();
        db.Actor = Data.Audit.AuditActor.CommandLine();
        int version;
        try
        {
            version = await new Data.Schema.SchemaMigrator(db, storage.Provider).CurrentVersionAsync(ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            await db.DisposeAsync();
            throw new UserInputException(DatabaseErrors.Describe(ex, storage));
        }
        var latest = Data.Schema.SchemaMigrator.LatestVersion(storage.Provider);
        if (version == 0 || version < latest)
        {
            await db.DisposeAsync();
            throw new UserInputException(version == 0
                ? $"数据库（{storage.Describe()}）尚未初始化：请先运行 db init 或 demo load。"
                : $"数据库结构版本 {version} 较旧（最新 {latest}）：请先运行 db upgrade。");
        }
        return db;
    }

    /// <summary>Commands that only read must not leave an empty database file behind.</summary>
    public static void RequireExisting(StorageSettings storage)
    {
        if (!storage.DatabaseExists())
            throw new UserInputException($"数据库（{storage.Describe()}）不存在：请先运行 db init 或 demo load。");
    }
}
