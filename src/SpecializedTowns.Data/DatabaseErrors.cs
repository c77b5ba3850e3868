using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SpecializedTowns.Data;

/// <summary>Database failures in words an office worker or their IT colleague can act on.</summary>
public static class DatabaseErrors
{
    public static bool IsDatabaseError(Exception ex) =>
        ex is DbException or Microsoft.EntityFrameworkCore.DbUpdateException
        || ex.InnerException is DbException or SocketException
        || ex is ArgumentException { Message: var m } && (m.Contains("connection string", StringComparison.OrdinalIgnoreCase) || m.Contains("initialization string", StringComparison.OrdinalIgnoreCase) || m.Contains("keyword", StringComparison.OrdinalIgnoreCase));

    /// <summary>A row that another writer got in first: the same key or the same unique code (and no other broken constraint).</summary>
    public static bool IsUniqueViolation(Exception ex) =>
        (ex as DbException ?? ex.InnerException as DbException) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            or SqliteException { SqliteExtendedErrorCode: SqliteUnique or SqlitePrimaryKey };

    private const int SqliteUnique = 2067, SqlitePrimaryKey = 1555, SqliteForeignKey = 787;

    /// <summary>A row still referred to (a delete refused) or referring to one gone: another writer changed the rows in between.</summary>
    public static bool IsForeignKeyViolation(Exception ex) =>
        (ex as DbException ?? ex.InnerException as DbException) is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }
            or SqliteException { SqliteExtendedErrorCode: SqliteForeignKey };

    /// <summary>PostgreSQL broke a deadlock by cancelling this transaction: nothing of it was written, and trying again works.</summary>
    public static bool IsDeadlock(Exception ex) =>
        (ex as DbException ?? ex.InnerException as DbException) is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected };

    public static string Describe(Exception ex, StorageSettings? storage = null)
    {
        var where = storage is null ? "" : $"（{SafeDescribe(storage)}）";
        var inner = ex is DbException ? ex : ex.InnerException as DbException;
        return inner switch
        {
            PostgresException { SqlState: "28000" } => $"数据库用户不存在{where}",
            PostgresException { SqlState: "28P01" } => $"数据库密码错误{where}",
            PostgresException { SqlState: "3D000" } => $"数据库不存在{where}：请先由管理员创建数据库",
            PostgresException { SqlState: "42501" } => $"数据库账号权限不足{where}",
            PostgresException pg => $"数据库报错{where}：{pg.MessageText}",
            NpgsqlException => $"无法连接到数据库服务器{where}：服务器未启动，或地址、端口有误",
            SqliteException { SqliteErrorCode: 26 } => $"不是有效的 SQLite 数据库文件{where}",
            SqliteException { SqliteErrorCode: 14 } => $"无法打开 SQLite 数据库文件{where}：路径不存在或没有权限",
            SqliteException sqlite => $"SQLite 数据库出错{where}：{sqlite.Message}",
            _ when ex is ArgumentException => $"数据库连接字符串格式不对{where}",
            _ => $"数据库出错{where}：{ex.Message}",
        };
    }

    private static string SafeDescribe(StorageSettings storage)
    {
        try { return storage.Describe(); }
        catch (ArgumentException) { return storage.Provider.ToString(); }
    }
}
