using System.Collections.Concurrent;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;

namespace SpecializedTowns.Web.Imports;

/// <summary>
/// An uploaded file being checked or written in the background, so that a 100,000-row file neither times the request out
/// nor freezes the page: the page polls its progress. Kept in memory for an hour, seen only by the person who uploaded it.
/// </summary>
public sealed class ImportJob : IProgress<ImportProgress>
{
    public Guid Id { get; } = Guid.NewGuid();
    public required int UserId { get; init; }
    public required UserScope Scope { get; init; }
    public required string UserName { get; init; }
    public required ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    public required byte[] Content { get; init; }
    public DateTime CreatedUtc { get; } = DateTime.UtcNow;

    public string Phase { get; private set; } = "排队等待";
    public int Done { get; private set; }
    public int Total { get; private set; }
    public bool Running { get; set; }
    public bool Committing { get; set; }
    public ImportResult? Result { get; set; }
    public string? Failure { get; set; }

    public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(Done * 100L / Total, 0, 100);

    public void Report(ImportProgress value) => (Phase, Done, Total) = (value.Phase, value.Done, value.Total);
}

public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportJobs> log)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob Check(UserScope scope, string userName, ImportKind kind, string fileName, byte[] content)
    {
        foreach (var old in _jobs.Values.Where(j => !j.Running && DateTime.UtcNow - j.CreatedUtc > Lifetime)) _jobs.TryRemove(old.Id, out _);
        var job = new ImportJob { UserId = scope.UserId, Scope = scope, UserName = userName, Kind = kind, FileName = fileName, Content = content };
        _jobs[job.Id] = job;
        Run(job, commit: false);
        return job;
    }

    /// <summary>Writes a checked file; the rows are checked again inside the write, against the database as it is now.</summary>
    public bool Commit(ImportJob job)
    {
        lock (job)
        {
            if (job.Running || job.Result is not { Ok: true, Committed: false }) return false;
            job.Committing = true;
            Run(job, commit: true);
            return true;
        }
    }

    public ImportJob? Find(Guid id, int userId) => _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;

    private void Run(ImportJob job, bool commit)
    {
        job.Running = true;
        job.Failure = null;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
                job.Result = await ImportEngine.RunAsync(db, job.Scope, job.UserName, job.Kind, job.FileName, job.Content, commit, time, job);
            }
            catch (Exception e)
            {
                log.LogError(e, "Import {Kind} of {File} failed", job.Kind.Key, job.FileName);
                job.Failure = "处理文件时出错，未导入任何数据；请稍后重试或联系管理员";
            }
            finally
            {
                job.Running = false;
            }
        });
    }
}
