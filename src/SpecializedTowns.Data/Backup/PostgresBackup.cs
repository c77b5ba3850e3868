using System.Data;
using System.Text.RegularExpressions;
using Npgsql;
using SpecializedTowns.Data.Schema;

namespace SpecializedTowns.Data.Backup;

/// <summary>
/// PostgreSQL the documented way: pg_dump --format=custom to back up, pg_restore to restore. The row counts shown
/// for a backup are read in the very snapshot pg_dump dumps (pg_export_snapshot), so they describe the file exactly.
/// </summary>
internal static partial class PostgresBackup
{
    [GeneratedRegex(@"^\d+;\s+\d+\s+\d+\s+TABLE\s+(\S+)\s+(\S+)\s", RegexOptions.Multiline)]
    private static partial Regex TableEntry();

    public static async Task<BackupReport> BackupAsync(StorageSettings storage, string file, string? binDirectory, CancellationToken ct)
    {
        var pgDump = PostgresTools.Locate("pg_dump", binDirectory);
        var pgRestore = PostgresTools.Locate("pg_restore", binDirectory);
        var settings = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        var temp = BackupFiles.TempBeside(file, "backup");
        try
        {
            DatabaseContents contents;
            await using (var connection = new NpgsqlConnection(storage.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
                string snapshot;
                await using (var export = connection.CreateCommand())
                {
                    export.CommandText = "SELECT pg_export_snapshot()";
                    snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
                }
                contents = await DatabaseTables.ReadAsync(connection, StorageProvider.PostgreSql, ct);
                if (contents.SchemaVersion == 0)
                    throw new BackupException($"数据库（{storage.Describe()}）尚未初始化：请先运行 db init 或 demo load。");
                // The snapshot lives as long as this transaction: pg_dump must finish before it ends.
                var dump = await PostgresTools.RunAsync(pgDump,
                    ["--format=custom", $"--snapshot={snapshot}", "--file", temp, .. PostgresTools.ConnectionArguments(settings)], settings, ct);
                if (dump.ExitCode != 0)
                    throw new BackupException($"pg_dump 备份失败（退出码 {dump.ExitCode}，{pgDump}）：{dump.ErrorText}");
                await tx.CommitAsync(ct);
            }

            var archived = await ReadArchiveAsync(pgRestore, temp, ct);
            if (archived.Version != contents.SchemaVersion)
                throw new BackupException($"备份文件校验未通过：存档中的结构版本 {archived.Version} 与数据库的 {contents.SchemaVersion} 不一致。");
            File.Move(temp, file, overwrite: true);
            return new BackupReport(storage.Describe(), file, new FileInfo(file).Length, contents,
                $"pg_dump --format=custom（{Path.GetDirectoryName(pgDump)}），已用 pg_restore --list 校验");
        }
        finally
        {
            BackupFiles.DeleteQuietly(temp);
        }
    }

    public static async Task<RestoreReport> RestoreAsync(StorageSettings storage, string file, bool force, string? binDirectory, CancellationToken ct)
    {
        var pgRestore = PostgresTools.Locate("pg_restore", binDirectory);
        var settings = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        var archive = await ReadArchiveAsync(pgRestore, file, ct);
        BackupFiles.CheckVersion(archive.Version, StorageProvider.PostgreSql);

        await using (var connection = new NpgsqlConnection(storage.ConnectionString))
        {
            await connection.OpenAsync(ct);
            var current = await DatabaseTables.ReadAsync(connection, StorageProvider.PostgreSql, ct);
            if (!current.IsEmpty && !force) throw new BackupException(BackupFiles.NotEmptyMessage(storage, current));
            // pg_restore --clean drops only what the archive holds; a newer schema's own tables keep foreign keys
            // into those, and the drop fails. Rather than drop them outside pg_restore's transaction, ask for an
            // empty database, where the older backup is restored and then upgraded.
            var extra = current.Tables.Select(t => t.Table).Where(t => !archive.Tables.Contains(t)).ToList();
            if (extra.Count > 0)
                throw new BackupException(
                    $"目标数据库（{storage.Describe()}，结构版本 {current.SchemaVersion}）有备份（结构版本 {archive.Version}）中没有的表"
                    + $"（{string.Join("、", extra.Take(3))}{(extra.Count > 3 ? $" 等 {extra.Count} 张" : "")}），无法在其上直接恢复较旧的备份。"
                    + "请新建一个空数据库（如 createdb towns_restored），把连接字符串指向它再恢复，恢复后会自动升级到本程序的结构版本。数据库未作任何改动。");
        }

        // One transaction: pg_restore either replaces every table of the backup or, on any error, changes nothing.
        // --no-owner/--no-privileges: the tables belong to the configured user, also on a new server without the old roles.
        var restore = await PostgresTools.RunAsync(pgRestore,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
             .. PostgresTools.ConnectionArguments(settings), file], settings, ct);
        if (restore.ExitCode != 0)
            throw new BackupException($"pg_restore 恢复失败，数据库未作任何改动（恢复在一个事务中进行，出错即全部撤销）：{restore.ErrorText}");

        if (archive.Version < SchemaMigrator.LatestVersion(StorageProvider.PostgreSql))
        {
            await using var db = storage.CreateContext();
            await new SchemaMigrator(db, StorageProvider.PostgreSql).UpgradeAsync(ct: ct);
        }

        await using (var connection = new NpgsqlConnection(storage.ConnectionString))
        {
            await connection.OpenAsync(ct);
            var restored = await DatabaseTables.ReadAsync(connection, StorageProvider.PostgreSql, ct);
            return new RestoreReport(file, storage.Describe(), archive.Version, restored.SchemaVersion, restored,
                $"pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction（{Path.GetDirectoryName(pgRestore)}）");
        }
    }

    private sealed record Archive(int Version, IReadOnlySet<string> Tables);

    /// <summary>The archive's table of contents and its schema version, read from the file alone (no server needed).</summary>
    private static async Task<Archive> ReadArchiveAsync(string pgRestore, string file, CancellationToken ct)
    {
        var list = await PostgresTools.RunAsync(pgRestore, ["--list", file], connection: null, ct);
        if (list.ExitCode != 0)
            throw new BackupException($"备份文件已损坏或不是 pg_dump 存档，pg_restore 无法读取（{list.ErrorText}）。数据库未作任何改动。");
        var tables = TableEntry().Matches(list.Output).Select(m => m.Groups[2].Value).ToHashSet(StringComparer.Ordinal);

        var version = 0;
        if (tables.Contains("schema_version"))
        {
            var data = await PostgresTools.RunAsync(pgRestore, ["--data-only", "--table=schema_version", "--file=-", file], connection: null, ct);
            if (data.ExitCode != 0)
                throw new BackupException($"备份文件已损坏，pg_restore 无法读取结构版本（{data.ErrorText}）。数据库未作任何改动。");
            var inCopy = false;
            foreach (var line in data.Output.Split('\n'))
            {
                if (line.StartsWith("COPY ", StringComparison.Ordinal)) { inCopy = true; continue; }
                if (line.StartsWith("\\.", StringComparison.Ordinal)) { inCopy = false; continue; }
                if (inCopy && int.TryParse(line.Split('\t')[0], out var v)) version = Math.Max(version, v);
            }
        }
        return new Archive(version, tables);
    }
}
