using System.Text;

namespace SpecializedTowns.Data.Backup;

public enum BackupFormat { Unknown, Sqlite, PostgresArchive }

/// <summary>Recognises a backup by its first bytes, so a wrong or damaged file is refused before anything is touched.</summary>
public static class BackupFiles
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");
    private static readonly byte[] PostgresHeader = Encoding.ASCII.GetBytes("PGDMP");

    public static BackupFormat Detect(string file)
    {
        var head = new byte[16];
        int read;
        using (var stream = File.OpenRead(file)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= SqliteHeader.Length && head.AsSpan(0, SqliteHeader.Length).SequenceEqual(SqliteHeader)) return BackupFormat.Sqlite;
        if (read >= PostgresHeader.Length && head.AsSpan(0, PostgresHeader.Length).SequenceEqual(PostgresHeader)) return BackupFormat.PostgresArchive;
        return BackupFormat.Unknown;
    }

    public static string Describe(BackupFormat format) => format switch
    {
        BackupFormat.Sqlite => "SQLite 数据库备份",
        BackupFormat.PostgresArchive => "PostgreSQL 备份（pg_dump 存档）",
        _ => "无法识别的文件",
    };

    /// <summary>A directory given as the target gets a dated file name, so a nightly job needs no date arithmetic.</summary>
    public static string ResolveTarget(string path, StorageProvider provider, DateTime now)
    {
        var full = Path.GetFullPath(path);
        var isDirectory = Directory.Exists(full) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar);
        if (!isDirectory) return full;
        var extension = provider == StorageProvider.Sqlite ? "db" : "dump";
        return Path.Combine(full, $"specialized-towns-{now:yyyyMMdd-HHmmss}.{extension}");
    }

    /// <summary>A work file in the same folder as <paramref name="file"/>, so the final rename stays on one file system.</summary>
    internal static string TempBeside(string file, string purpose) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $".{Path.GetFileName(file)}.{purpose}-{Guid.NewGuid():N}.tmp");

    internal static void DeleteQuietly(string file)
    {
        foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" })
        {
            try { if (File.Exists(path)) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    internal static void CheckVersion(int backupVersion, StorageProvider provider)
    {
        var latest = Schema.SchemaMigrator.LatestVersion(provider);
        if (backupVersion == 0)
            throw new BackupException("这不是本平台的数据库备份：其中没有结构版本记录（schema_version）。数据库未作任何改动。");
        if (backupVersion > latest)
            throw new BackupException($"备份的结构版本为 {backupVersion}，比本程序支持的最新版本 {latest} 新：请先把程序升级到做备份时的版本或更新的版本，再恢复。数据库未作任何改动。");
    }

    internal static string NotEmptyMessage(StorageSettings storage, DatabaseContents current) =>
        $"目标数据库（{storage.Describe()}）不是空的（结构版本 {current.SchemaVersion}，{current.Describe()}）：恢复会用备份替换其中的全部数据。确认无误后加 --force 重新运行。数据库未作任何改动。";
}
