using Microsoft.Data.Sqlite;
using SpecializedTowns.Data.Schema;

namespace SpecializedTowns.Data.Backup;

/// <summary>
/// SQLite through its online backup API: the copy is taken page by page under one read lock, so it is consistent
/// even while the web app writes (a writer waits a moment, or the copy waits for the writer's commit).
/// </summary>
internal static class SqliteBackup
{
    private const int BusyTimeoutMs = 30_000;

    public static async Task<BackupReport> BackupAsync(StorageSettings storage, string file, CancellationToken ct)
    {
        if (!storage.DatabaseExists())
            throw new BackupException($"数据库（{storage.Describe()}）不存在，没有可备份的内容。");
        // ReadWrite, not ReadWriteCreate: a mistyped path must not leave an empty database behind.
        var source = new SqliteConnectionStringBuilder(storage.ConnectionString) { Mode = SqliteOpenMode.ReadWrite };
        var temp = BackupFiles.TempBeside(file, "backup");
        try
        {
            await CopyAsync(source.ToString(), temp, ct);
            var contents = await VerifyAsync(temp, ct);
            if (contents.SchemaVersion == 0)
                throw new BackupException($"数据库（{storage.Describe()}）尚未初始化：请先运行 db init 或 demo load。");
            File.Move(temp, file, overwrite: true);
            return new BackupReport(storage.Describe(), file, new FileInfo(file).Length, contents, "SQLite 在线备份（backup API），已通过完整性检查");
        }
        finally
        {
            BackupFiles.DeleteQuietly(temp);
        }
    }

    public static async Task<RestoreReport> RestoreAsync(StorageSettings storage, string file, bool force, CancellationToken ct)
    {
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource);
        if (string.Equals(target, Path.GetFullPath(file), StringComparison.Ordinal))
            throw new BackupException("备份文件就是当前配置的数据库文件本身，无需恢复。");

        DatabaseContents backup;
        try
        {
            backup = await VerifyAsync(file, ct);
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"备份文件无法读取（{ex.Message}）：文件可能已损坏。数据库未作任何改动。");
        }
        catch (BackupException ex)
        {
            throw new BackupException($"备份文件已损坏，{ex.Message}。数据库未作任何改动。");
        }
        BackupFiles.CheckVersion(backup.SchemaVersion, StorageProvider.Sqlite);

        var targetExists = File.Exists(target);
        var targetIsSqlite = targetExists && (new FileInfo(target).Length == 0 || BackupFiles.Detect(target) == BackupFormat.Sqlite);
        if (targetExists && !force)
        {
            if (!targetIsSqlite)
                throw new BackupException($"{storage.Describe()} 不是有效的 SQLite 数据库，恢复会把它整个替换。确认无误后加 --force 重新运行。");
            var current = await ReadAsync(Plain(target, SqliteOpenMode.ReadOnly), ct);
            if (!current.IsEmpty) throw new BackupException(BackupFiles.NotEmptyMessage(storage, current));
        }

        // Everything happens in a work file beside the target; the target changes only in the last step.
        storage.EnsureSqliteFolder();
        var temp = BackupFiles.TempBeside(target, "restore");
        try
        {
            await CopyAsync(Plain(file, SqliteOpenMode.ReadOnly), temp, ct);
            if (backup.SchemaVersion < SchemaMigrator.LatestVersion(StorageProvider.Sqlite))
            {
                await using var db = new StorageSettings(StorageProvider.Sqlite, Plain(temp, SqliteOpenMode.ReadWrite)).CreateContext();
                await new SchemaMigrator(db, StorageProvider.Sqlite).UpgradeAsync(ct: ct);
            }
            await VerifyAsync(temp, ct);

            if (targetIsSqlite)
            {
                // Into an existing database through the backup API again: SQLite writes it in one journaled
                // transaction, so a crash half-way leaves the old data, and a connection still open sees old or new.
                var into = new SqliteConnectionStringBuilder(Plain(target, SqliteOpenMode.ReadWrite)).ToString();
                await using var from = new SqliteConnection(Plain(temp, SqliteOpenMode.ReadOnly));
                await using var to = new SqliteConnection(into);
                await from.OpenAsync(ct);
                await to.OpenAsync(ct);
                await BusyTimeoutAsync(to, ct);
                await BackupWithRetryAsync(from, to, ct);
            }
            else
            {
                // No database there (or, with --force, a file that is not one): the finished work file takes its place.
                BackupFiles.DeleteQuietly(target + "-journal");
                File.Move(temp, target, overwrite: true);
            }
            var restored = await ReadAsync(Plain(target, SqliteOpenMode.ReadOnly), ct);
            return new RestoreReport(file, storage.Describe(), backup.SchemaVersion, restored.SchemaVersion, restored, "SQLite backup API，先恢复到临时文件并检查，再替换");
        }
        finally
        {
            BackupFiles.DeleteQuietly(temp);
        }
    }

    private static string Plain(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    private static async Task CopyAsync(string sourceConnection, string destinationFile, CancellationToken ct)
    {
        await using var source = new SqliteConnection(sourceConnection);
        await using var destination = new SqliteConnection(Plain(destinationFile, SqliteOpenMode.ReadWriteCreate));
        await source.OpenAsync(ct);
        await destination.OpenAsync(ct);
        await BusyTimeoutAsync(source, ct);
        await BackupWithRetryAsync(source, destination, ct);
    }

    // Microsoft.Data.Sqlite retries busy commands itself but not the backup API; SQLite's own busy handler does.
    private static async Task BusyTimeoutAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}";
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task BackupWithRetryAsync(SqliteConnection source, SqliteConnection destination, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(destination);
                return;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 && attempt < 10)
            {
                await Task.Delay(200 * attempt, ct);
            }
        }
    }

    /// <summary>PRAGMA integrity_check, then what the file holds.</summary>
    private static async Task<DatabaseContents> VerifyAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(Plain(file, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(ct);
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            var problems = new List<string>();
            await using var reader = await check.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) problems.Add(reader.GetString(0));
            if (problems is not ["ok"])
                throw new BackupException($"完整性检查未通过（{Path.GetFileName(file)}）：{string.Join("；", problems.Take(5))}");
        }
        return await DatabaseTables.ReadAsync(connection, StorageProvider.Sqlite, ct);
    }

    private static async Task<DatabaseContents> ReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return await DatabaseTables.ReadAsync(connection, StorageProvider.Sqlite, ct);
    }
}
