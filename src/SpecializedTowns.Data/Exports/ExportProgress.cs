using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpecializedTowns.Data.Exports;

/// <summary>
/// How far one export has got, kept in the database (schema version 32) so that the page's polls may reach any web process
/// behind the load balancer. Machinery, not a record anybody edits: not audited.
/// </summary>
public sealed class ExportProgressRecord
{
    public Guid Id { get; set; }
    public int UserId { get; set; }
    public int Done { get; set; }

    /// <summary>Null until the export knows how many rows it will write.</summary>
    public int? Total { get; set; }

    public bool Finished { get; set; }
    public string? Failure { get; set; }
    public DateTime TouchedAtUtc { get; set; }
}

internal sealed class ExportProgressRecordConfiguration : IEntityTypeConfiguration<ExportProgressRecord>
{
    public void Configure(EntityTypeBuilder<ExportProgressRecord> e)
    {
        e.ToTable("export_progress");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.UserId).HasColumnName("user_id");
        e.Property(x => x.Done).HasColumnName("done");
        e.Property(x => x.Total).HasColumnName("total");
        e.Property(x => x.Finished).HasColumnName("finished");
        e.Property(x => x.Failure).HasColumnName("failure").HasMaxLength(500);
        e.Property(x => x.TouchedAtUtc).HasColumnName("touched_at_utc");
        e.HasIndex(x => x.TouchedAtUtc).HasDatabaseName("ix_export_progress_touched");
    }
}

/// <summary>
/// The progress of one export as it writes, asked for by the page with a token of its own choosing. Written through its
/// own connection at most twice a second and never waited for while rows are written: the count is a courtesy to the
/// person waiting, and a slow or failed write of it (an import holding SQLite's write lock) must not slow or fail the file.
/// </summary>
public sealed class ExportProgress
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    private readonly StorageSettings storage;
    private readonly TimeProvider time;
    private readonly Guid id;
    private int done;
    private int? total;
    private DateTimeOffset lastWrite;
    private Task pending = Task.CompletedTask;

    private ExportProgress(StorageSettings storage, TimeProvider time, Guid id)
    {
        (this.storage, this.time, this.id) = (storage, time, id);
        lastWrite = time.GetUtcNow();
    }

    /// <summary>
    /// The progress of an export a person asked for with this token; null when the token is already another export's
    /// (the export then runs without progress rather than showing someone else's).
    /// </summary>
    public static async Task<ExportProgress?> StartAsync(StorageSettings storage, TimeProvider time, Guid id, int userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = storage.CreateContext();
        var old = now - KeptFor;
        await db.ExportProgress.Where(p => p.TouchedAtUtc < old).ExecuteDeleteAsync(ct);
        if (await db.ExportProgress.AnyAsync(p => p.Id == id, ct)) return null;
        db.ExportProgress.Add(new ExportProgressRecord { Id = id, UserId = userId, TouchedAtUtc = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return null;
        }
        return new ExportProgress(storage, time, id);
    }

    public void SetTotal(int rows)
    {
        total = rows;
        Write(force: true);
    }

    public async IAsyncEnumerable<T> Counted<T>(IAsyncEnumerable<T> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var row in rows.WithCancellation(ct))
        {
            done++;
            Write(force: false);
            yield return row;
        }
    }

    /// <summary>The file is written (or, with a failure, will not be): the last word, waited for.</summary>
    public async Task FinishAsync(string? failure)
    {
        await pending;
        try
        {
            await WriteAsync(done, total ?? done, finished: true, failure);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or TimeoutException)
        {
            // The page then keeps showing the last count until its download arrives; the file itself is unaffected.
        }
    }

    private void Write(bool force)
    {
        var now = time.GetUtcNow();
        if (!pending.IsCompleted || (!force && now - lastWrite < Every)) return;
        lastWrite = now;
        var (rows, of) = (done, total);
        pending = Task.Run(async () =>
        {
            try
            {
                await WriteAsync(rows, of, finished: false, failure: null);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                // Skipped: the next write carries a newer count anyway.
            }
        });
    }

    private async Task WriteAsync(int rows, int? of, bool finished, string? failure)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = storage.CreateContext();
        await db.ExportProgress.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Done, rows).SetProperty(p => p.Total, of).SetProperty(p => p.Finished, finished)
            .SetProperty(p => p.Failure, failure).SetProperty(p => p.TouchedAtUtc, now));
    }

    /// <summary>A person's own export's progress; null for one that has not started or is someone else's.</summary>
    public static Task<ExportProgressRecord?> ReadAsync(TownsDbContext db, Guid id, int userId, CancellationToken ct) =>
        db.ExportProgress.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId, ct);
}
