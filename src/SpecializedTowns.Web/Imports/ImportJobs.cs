using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Imports;

namespace SpecializedTowns.Web.Imports;

/// <summary>
/// An uploaded file being checked or written in the background, so that a 100,000-row file neither times the request out
/// nor freezes the page: the page polls its progress. Seen only by the person who uploaded it. What the page shows.
/// </summary>
public sealed class ImportJob : IProgress<ImportProgress>
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required int UserId { get; init; }
    public required string UserName { get; init; }
    public required ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    public string Phase { get; set; } = "排队等待";
    public int Done { get; set; }
    public int Total { get; set; }
    public bool Running { get; set; }
    public bool Committing { get; set; }
    public ImportResult? Result { get; set; }
    public string? Failure { get; set; }

    public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(Done * 100L / Total, 0, 100);

    public void Report(ImportProgress value) => (Phase, Done, Total) = (value.Phase, value.Done, value.Total);
}

/// <summary>
/// The jobs live in the database (import_jobs), so that with several web processes behind a load balancer the progress polls,
/// the confirmation and the marked file may reach any of them. The process that runs a job also keeps it in memory while it
/// runs (its progress is fresher there) and writes its progress to the row about every second; a confirmation claims the row
/// with one conditional update, so two clicks on two processes write the file once.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, StorageSettings storage, TimeProvider time, ILogger<ImportJobs> log)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Flush = TimeSpan.FromSeconds(1);
    // A running job whose row has not been touched for this long lost the process that ran it (killed, restarted).
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);
    // The page shows the first 200 changes; the rest of a 100,000-row preview need not be stored.
    private const int StoredChanges = 1000;
    private const string Interrupted = "处理中断（服务进程重启），未导入任何数据；请重新上传文件";
    private const string Failed = "处理文件时出错，未导入任何数据；请稍后重试或联系管理员";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly ConcurrentDictionary<Guid, ImportJob> _running = new();

    public async Task<ImportJob> CheckAsync(UserScope scope, string userName, ImportKind kind, string fileName, byte[] content, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var job = new ImportJob { UserId = scope.UserId, UserName = userName, Kind = kind, FileName = fileName, CreatedUtc = now, Running = true };
        await using (var db = storage.CreateContext())
        {
            await db.ImportJobs.Where(j => j.CreatedAtUtc < now - Lifetime).ExecuteDeleteAsync(ct);
            db.ImportJobs.Add(new ImportJobRecord
            {
                Id = job.Id, UserId = job.UserId, UserName = userName, Kind = kind.Key, FileName = fileName, Content = content,
                CreatedAtUtc = now, TouchedAtUtc = now, Phase = job.Phase, Running = true,
            });
            await db.SaveChangesAsync(ct);
        }
        Run(job, scope, content, commit: false, actor: null);
        return job;
    }

    /// <summary>Writes a checked file; the rows are checked again inside the write, against the database as it is now. Null when gone.</summary>
    /// <param name="actor">Who confirmed, for the audit entries of what the import writes: the write runs after the request, where
    /// no request says who it is.</param>
    public async Task<ImportJob?> CommitAsync(Guid id, UserScope scope, AuditActor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = storage.CreateContext();
        var claimed = await db.ImportJobs
            .Where(j => j.Id == id && j.UserId == scope.UserId && j.CanCommit && !j.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Running, true).SetProperty(j => j.Committing, true)
                .SetProperty(j => j.CanCommit, false).SetProperty(j => j.TouchedAtUtc, now), ct);
        var job = await FindAsync(id, scope.UserId, ct);
        if (claimed == 0 || job is null) return job;
        var content = await db.ImportJobs.Where(j => j.Id == id).Select(j => j.Content).SingleAsync(ct);
        job.Running = true;
        job.Committing = true;
        Run(job, scope, content, commit: true, actor);
        return job;
    }

    public async Task<ImportJob?> FindAsync(Guid id, int userId, CancellationToken ct = default)
    {
        if (_running.TryGetValue(id, out var here)) return here.UserId == userId ? here : null;
        await using var db = storage.CreateContext();
        var row = await db.ImportJobs.AsNoTracking().Where(j => j.Id == id && j.UserId == userId)
            .Select(j => new { j.UserName, j.Kind, j.FileName, j.CreatedAtUtc, j.TouchedAtUtc, j.Phase, j.Done, j.Total, j.Running, j.Committing, j.Result, j.Failure })
            .SingleOrDefaultAsync(ct);
        if (row is null || ImportKinds.Find(row.Kind) is not { } kind || row.CreatedAtUtc < time.GetUtcNow().UtcDateTime - Lifetime) return null;
        var abandoned = row.Running && row.TouchedAtUtc < time.GetUtcNow().UtcDateTime - Abandoned;
        return new ImportJob
        {
            Id = id, UserId = userId, UserName = row.UserName, Kind = kind, FileName = row.FileName, CreatedUtc = row.CreatedAtUtc,
            Phase = row.Phase, Done = row.Done, Total = row.Total, Running = row.Running && !abandoned, Committing = row.Committing,
            Result = row.Result is null ? null : JsonSerializer.Deserialize<ImportResult>(row.Result, Json),
            Failure = abandoned ? Interrupted : row.Failure,
        };
    }

    /// <summary>The uploaded file, for marking its errors.</summary>
    public async Task<byte[]?> ContentAsync(Guid id, int userId, CancellationToken ct = default)
    {
        await using var db = storage.CreateContext();
        return await db.ImportJobs.Where(j => j.Id == id && j.UserId == userId).Select(j => j.Content).SingleOrDefaultAsync(ct);
    }

    private void Run(ImportJob job, UserScope scope, byte[] content, bool commit, AuditActor? actor)
    {
        job.Failure = null;
        _running[job.Id] = job;
        _ = Task.Run(async () =>
        {
            using var done = new CancellationTokenSource();
            // Progress goes to the row from its own task: the import's own connection may hold SQLite's write lock.
            var flusher = Task.Run(async () =>
            {
                while (!done.IsCancellationRequested)
                {
                    try { await Task.Delay(Flush, time, done.Token); } catch (OperationCanceledException) { return; }
                    try { await SaveProgressAsync(job, done.Token); }
                    catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "Progress of import {Id} not saved", job.Id); }
                }
            });
            try
            {
                await using var serviceScope = scopes.CreateAsyncScope();
                var db = serviceScope.ServiceProvider.GetRequiredService<TownsDbContext>();
                if (actor is not null) db.Actor = actor;
                job.Result = await ImportEngine.RunAsync(db, scope, job.UserName, job.Kind, job.FileName, content, commit, time, job);
            }
            catch (Exception e)
            {
                log.LogError(e, "Import {Kind} of {File} failed", job.Kind.Key, job.FileName);
                job.Failure = Failed;
            }
            done.Cancel();
            try { await flusher; } catch (Exception) { }
            await FinishAsync(job);
        });
    }

    private async Task SaveProgressAsync(ImportJob job, CancellationToken ct)
    {
        await using var db = storage.CreateContext();
        var now = time.GetUtcNow().UtcDateTime;
        await db.ImportJobs.Where(j => j.Id == job.Id && j.Running).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Phase, job.Phase).SetProperty(j => j.Done, job.Done).SetProperty(j => j.Total, job.Total)
            .SetProperty(j => j.TouchedAtUtc, now), ct);
    }

    /// <summary>The outcome to the row, then out of memory: from here on the row is what every process reads.</summary>
    private async Task FinishAsync(ImportJob job)
    {
        var result = job.Result is null ? null : JsonSerializer.Serialize(Stored(job.Result), Json);
        var canCommit = job.Failure is null && job.Result is { Ok: true, Committed: false };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = storage.CreateContext();
                var now = time.GetUtcNow().UtcDateTime;
                await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Phase, job.Phase).SetProperty(j => j.Done, job.Done).SetProperty(j => j.Total, job.Total)
                    .SetProperty(j => j.Running, false).SetProperty(j => j.CanCommit, canCommit).SetProperty(j => j.Result, result)
                    .SetProperty(j => j.Failure, job.Failure).SetProperty(j => j.TouchedAtUtc, now));
                break;
            }
            catch (Exception e) when (attempt < 5 && DatabaseErrors.IsDatabaseError(e))
            {
                // The database is briefly unreachable: the outcome stays readable here meanwhile.
                log.LogWarning("Import {Id}: outcome not saved yet ({Reason}), retrying", job.Id, e.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2));
            }
            catch (Exception e)
            {
                log.LogError(e, "Import {Id}: outcome not saved", job.Id);
                break;
            }
        }
        job.Running = false;
        _running.TryRemove(job.Id, out _);
    }

    /// <summary>The result as stored: the preview's first rows in the order the page shows them (new and changed first).</summary>
    private static ImportResult Stored(ImportResult result)
    {
        if (result.Changes.Count <= StoredChanges) return result;
        var copy = new ImportResult
        {
            Kind = result.Kind, FileName = result.FileName, Rows = result.Rows, Created = result.Created, Updated = result.Updated,
            Unchanged = result.Unchanged, Repeated = result.Repeated, Committed = result.Committed, SheetName = result.SheetName, HeaderRow = result.HeaderRow,
        };
        copy.Errors.AddRange(result.Errors);
        copy.Warnings.AddRange(result.Warnings);
        foreach (var (k, v) in result.FileColumns) copy.FileColumns[k] = v;
        copy.Changes.AddRange(result.Changes.Where(c => c.Action != RowAction.Unchanged)
            .Concat(result.Changes.Where(c => c.Action == RowAction.Unchanged)).Take(StoredChanges));
        return copy;
    }
}
