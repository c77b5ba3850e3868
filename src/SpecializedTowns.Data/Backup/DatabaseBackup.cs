namespace SpecializedTowns.Data.Backup;

/// <summary>
/// Backup and restore of the platform's database, for the CLI now and the web app later. SQLite uses its online
/// backup API; PostgreSQL uses pg_dump/pg_restore. Every refusal happens before anything is written.
/// See docs/operations.md.
/// </summary>
public static class DatabaseBackup
{
    /// <param name="path">A file, or a folder for a dated file name in it.</param>
    /// <param name="overwrite">Replace an existing file of that name.</param>
    /// <param name="postgresBin">Folder of pg_dump/pg_restore; found on PATH or under /usr/lib/postgresql otherwise.</param>
    public static async Task<BackupReport> BackupAsync(StorageSettings storage, string path, bool overwrite = false,
        string? postgresBin = null, CancellationToken ct = default)
    {
        var file = BackupFiles.ResolveTarget(path, storage.Provider, DateTime.Now);
        if (File.Exists(file) && !overwrite)
            throw new BackupException($"文件 {file} 已存在：换一个文件名，或加 --force 覆盖。");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return storage.Provider == StorageProvider.Sqlite
            ? await SqliteBackup.BackupAsync(storage, file, ct)
            : await PostgresBackup.BackupAsync(storage, file, postgresBin, ct);
    }

    /// <param name="force">Replace a database that already holds data.</param>
    public static async Task<RestoreReport> RestoreAsync(StorageSettings storage, string file, bool force = false,
        string? postgresBin = null, CancellationToken ct = default)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new BackupException($"备份文件 {file} 不存在。");
        var format = BackupFiles.Detect(file);
        var expected = storage.Provider == StorageProvider.Sqlite ? BackupFormat.Sqlite : BackupFormat.PostgresArchive;
        if (format == BackupFormat.Unknown)
            throw new BackupException($"{file} 不是本平台的备份文件（既不是 SQLite 数据库，也不是 pg_dump 存档），可能选错了文件或文件已损坏。数据库未作任何改动。");
        if (format != expected)
            throw new BackupException($"{file} 是 {BackupFiles.Describe(format)}，而当前配置的是 {storage.Describe()}：只能恢复同类数据库的备份。数据库未作任何改动。");
        // Held through the restore: a platform process starting meanwhile finds the database busy rather than half restored.
        await using var alone = await PlatformPresence.TryExclusiveAsync(storage, ct)
            ?? throw new BackupException($"平台正在使用该数据库（{storage.Describe()}）：请先停止平台（如 systemctl stop specialized-towns）再恢复。数据库未作任何改动。");
        return storage.Provider == StorageProvider.Sqlite
            ? await SqliteBackup.RestoreAsync(storage, file, force, ct)
            : await PostgresBackup.RestoreAsync(storage, file, force, postgresBin, ct);
    }
}
