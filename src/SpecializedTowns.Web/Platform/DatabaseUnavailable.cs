using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// The database could not be reached (PostgreSQL restarting, a network cut): the API answers 503 with a Chinese title and a
/// Retry-After rather than a bare 500, and the PostgreSQL pool is emptied so that, once the server is back, the next request
/// opens a new connection instead of drawing the pool's dead ones one failure at a time. Pages get the same through /Error.
/// </summary>
public sealed class DatabaseUnavailable(IProblemDetailsService problems, ILogger<DatabaseUnavailable> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!DatabaseErrors.IsDatabaseError(exception) || !IsConnectionFailure(exception)) return false;
        Forget(exception, log);
        if (!http.Request.Path.StartsWithSegments("/api")) return false;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "10";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "数据库暂时不可用，请稍后重试" },
        });
    }

    /// <summary>A failure to reach the server, or the server going away (shut down, terminated), not an error in one query.</summary>
    public static bool IsConnectionFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg) return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
            if (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException) return true;
        }
        return false;
    }

    /// <summary>Empties the PostgreSQL pools: every idle connection made before the server went away is dead.</summary>
    public static void Forget(Exception exception, ILogger log)
    {
        log.LogWarning("数据库连接中断：{Reason}", exception.GetBaseException().Message);
        NpgsqlConnection.ClearAllPools();
    }
}
