using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data;

/// <summary>
/// A change mark: a table that triggers write to whenever what a web process keeps is made of changes, so that the
/// process may keep sums between requests and still see, at the next request, a change made through another web
/// process, an import, the command line or psql. <see cref="Reserve.ClusterYears"/> reads <c>data_changes</c> (schema
/// versions 30, 34); the 重点项目库 summaries read <c>project_changes</c> (version 54). Each is its own table so that a
/// project's monthly figure does not make 储备培育 add its year up again.
/// </summary>
public sealed class ChangeMarks
{
    public static readonly ChangeMarks Data = new("data_changes");
    public static readonly ChangeMarks Projects = new("project_changes");

    // Past this many rows (PostgreSQL appends one per write statement) the marks are cleared by the next reader.
    private const int ClearAfter = 1000;

    // The statements are made once from the table's fixed name, never from input.
    private readonly string _read, _clear, _restart;

    private ChangeMarks(string table)
    {
        _read = $"SELECT COUNT(*) AS \"Count\", COALESCE(MAX(id), 0) AS \"Last\" FROM {table}";
        _clear = $"DELETE FROM {table} WHERE id <= {{0}}";
        _restart = $"INSERT INTO {table} DEFAULT VALUES";
    }

    /// <summary>
    /// The mark as this moment's snapshot sees it: count and highest id of the table. Every write statement on the marked
    /// tables commits a row with it (PostgreSQL) or moves the one row's id on (SQLite), so any committed change moves the
    /// count or the id. Clearing keeps one new row, so that the id moves even if the count comes back. Read it before
    /// adding up: a change committed in between is then in the sums but not in the mark, and the next request adds up
    /// again; the other order could keep sums that miss it under a mark that includes it.
    /// </summary>
    public async Task<string> ReadAsync(TownsDbContext db, CancellationToken ct = default)
    {
        var mark = await ReadRowsAsync();
        if (mark.Count > ClearAfter)
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await db.Database.ExecuteSqlRawAsync(_clear, [mark.Last], ct);
                await db.Database.ExecuteSqlRawAsync(_restart, ct);
                await tx.CommitAsync(ct);
            }
            // The mark after clearing: the old one would make what is kept under it look changed at the next request.
            // Still read before any adding up, so a write deleted here without being seen is in the sums that follow.
            mark = await ReadRowsAsync();
        }
        return $"{mark.Count}:{mark.Last}";

        async Task<Mark> ReadRowsAsync() =>
            (await db.Database.SqlQueryRaw<Mark>(_read).ToListAsync(ct)).Single();
    }

    private sealed record Mark(long Count, long Last);
}
