using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Projects;

/// <summary>
/// The 重点项目库 summary cards, kept by a web process while nothing they are added up from changes
/// (<see cref="ChangeMarks.Projects"/>). Over the province a card adds up the year's 88,000 monthly figures and groups
/// 20,000 projects — on SQLite 40–100 ms each time (p95 238 ms in the 12-07 benchmark) — for data that changes a few
/// times a day, while every office opening the library asks for it. Kept per scope and filter; the page number and
/// order do not change the cards.
/// </summary>
public sealed class ProjectSummaries
{
    // Each is a few hundred bytes; the offices of a province with their usual filters are far fewer.
    private const int Keep = 500;

    private readonly ConcurrentDictionary<Key, Kept> _kept = new();
    private long _uses;

    private sealed record Key(string Role, string Path, int? TownId, DateOnly Today, string? Search, int? Town, ProjectStage? Stage,
        ProjectKind? Kind, ProjectRole? ProjectRole, int? Unit, WarningLevel? Warning);

    private sealed class Kept(string mark, ProjectSummary data, long used)
    {
        public string Mark { get; } = mark;
        public ProjectSummary Data { get; } = data;
        public long Used { get; set; } = used;
    }

    public async Task<ProjectSummary> GetAsync(TownsDbContext db, UserScope scope, ProjectFilter f, DateOnly today,
        ProjectWarningSettings settings, CancellationToken ct = default)
    {
        // The stored warnings first: refreshing them for a new day writes project_warnings, which moves the mark.
        await ProjectWarningStore.RefreshAsync(db, today, settings, ct);
        var key = new Key(scope.Role, scope.JurisdictionPath, scope.TownId, today, string.IsNullOrWhiteSpace(f.Search) ? null : f.Search.Trim(),
            f.TownId, f.Stage, f.Kind, f.Role, f.UnitId, f.Warning);
        var mark = await ChangeMarks.Projects.ReadAsync(db, ct);
        if (_kept.TryGetValue(key, out var kept) && kept.Mark == mark)
        {
            kept.Used = Interlocked.Increment(ref _uses);
            return kept.Data;
        }
        var data = await ProjectQueries.SummaryAsync(db, scope, f, today, ct);
        _kept[key] = new Kept(mark, data, Interlocked.Increment(ref _uses));
        if (_kept.Count > Keep)
            foreach (var stale in _kept.Where(k => k.Value.Mark != mark).Select(k => k.Key).ToList()) _kept.TryRemove(stale, out _);
        while (_kept.Count > Keep && _kept.MinBy(k => k.Value.Used) is var oldest && !oldest.Key.Equals(key)) _kept.TryRemove(oldest.Key, out _);
        return data;
    }
}

/// <summary>A row of <c>project_changes</c> (schema version 54): written by triggers only, read through <see cref="ChangeMarks.Projects"/>.</summary>
public sealed class ProjectChange
{
    public long Id { get; set; }
}

internal sealed class ProjectChangeConfiguration() : ChangeMarkConfiguration<ProjectChange>(ChangeMarks.Projects);
