using System.CommandLine;
using SpecializedTowns.Data.Backup;

namespace SpecializedTowns.Cli.Database;

/// <summary>backup and restore: thin over Data.Backup.DatabaseBackup; see docs/operations.md.</summary>
public static class BackupCommands
{
    private static Option<string?> PgBinOption() => new("--pg-bin")
    {
        Description = "pg_dump/pg_restore 所在目录（PostgreSQL；默认在 PATH 和 /usr/lib/postgresql/*/bin 中找最新版本）",
    };

    public static Command CreateBackup(CliContext ctx)
    {
        var command = new Command("backup", "备份数据库：SQLite 用在线备份（平台运行时也可备份），PostgreSQL 用 pg_dump");
        var file = new Argument<string>("文件") { Description = "备份文件；给出目录时在其中按日期时间命名" };
        var force = new Option<bool>("--force") { Description = "文件已存在时覆盖" };
        var pgBin = PgBinOption();
        command.Arguments.Add(file);
        command.Options.Add(force);
        command.Options.Add(pgBin);
        command.Options.Add(CliStorage.ProviderOption);
        command.Options.Add(CliStorage.ConnectionOption);
        command.SetAction(async (parse, ct) =>
        {
            var storage = CliStorage.Resolve(parse);
            var report = await Guard(storage, () => DatabaseBackup.BackupAsync(storage, parse.GetValue(file)!, parse.GetValue(force), parse.GetValue(pgBin), ct));
            ctx.Out.WriteLine($"已备份 {report.Source}");
            ctx.Out.WriteLine($"  → {report.File}（{ByteSize.Format(report.SizeBytes)}）");
            ctx.Out.WriteLine($"  结构版本 {report.Contents.SchemaVersion}，{report.Contents.Describe()}");
            ctx.Out.WriteLine($"  方式：{report.Method}");
            return Cli.Ok;
        });
        return command;
    }

    public static Command CreateRestore(CliContext ctx)
    {
        var command = new Command("restore", "从备份恢复数据库（会替换现有全部数据；请先停止平台）");
        var file = new Argument<string>("文件") { Description = "backup 命令生成的备份文件" };
        var force = new Option<bool>("--force", "--yes") { Description = "数据库已有数据时仍然恢复（替换现有全部数据）" };
        var pgBin = PgBinOption();
        command.Arguments.Add(file);
        command.Options.Add(force);
        command.Options.Add(pgBin);
        command.Options.Add(CliStorage.ProviderOption);
        command.Options.Add(CliStorage.ConnectionOption);
        command.SetAction(async (parse, ct) =>
        {
            var storage = CliStorage.Resolve(parse);
            var report = await Guard(storage, () => DatabaseBackup.RestoreAsync(storage, parse.GetValue(file)!, parse.GetValue(force), parse.GetValue(pgBin), ct));
            ctx.Out.WriteLine($"已从 {report.File} 恢复到 {report.Target}");
            ctx.Out.WriteLine(report.BackupVersion == report.FinalVersion
                ? $"  结构版本 {report.FinalVersion}"
                : $"  备份的结构版本 {report.BackupVersion}，已升级到 {report.FinalVersion}");
            ctx.Out.WriteLine($"  {report.Contents.Describe()}");
            ctx.Out.WriteLine($"  方式：{report.Method}");
            return Cli.Ok;
        });
        return command;
    }

    private static async Task<T> Guard<T>(Data.StorageSettings storage, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (BackupException ex)
        {
            throw new UserInputException(ex.Message);
        }
        catch (Exception ex) when (Data.DatabaseErrors.IsDatabaseError(ex))
        {
            // Which database could not be reached matters here: backups often run against another server.
            throw new UserInputException(Data.DatabaseErrors.Describe(ex, storage));
        }
    }
}
