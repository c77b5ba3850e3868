using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Audit;

public sealed record AuditFilter
{
    /// <summary>Days in China time, both included.</summary>
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? User { get; init; }
    public AuditAction? Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }

    /// <summary>Part of the record's name (企业名称、项目名称 …).</summary>
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

/// <summary>Reading the audit trail; there is deliberately nothing here (or anywhere) that writes to it but the context's save.</summary>
public static class AuditQueries
{
    /// <summary>
    /// Who reads which entries on the audit page: the administrator all of them; an office or a leader those made by the people
    /// of its jurisdiction and below and those made to the records lying there (by anybody, the province included); anybody
    /// else their own. A record's own history is shown on its page, which checks the record.
    /// </summary>
    public static IQueryable<AuditEntry> Visible(IQueryable<AuditEntry> entries, UserScope scope)
    {
        var path = scope.JurisdictionPath;
        var under = path + "/";
        return scope.Role switch
        {
            Roles.Admin => entries,
            Roles.Office or Roles.Leader => entries.Where(e =>
                (e.ActorPath != null && (e.ActorPath == path || e.ActorPath.StartsWith(under)))
                || (e.RecordPath != null && (e.RecordPath == path || e.RecordPath.StartsWith(under)))),
            _ => entries.Where(e => e.UserId == scope.UserId),
        };
    }

    public static IQueryable<AuditEntry> Filtered(TownsDbContext db, UserScope scope, AuditFilter filter)
    {
        var query = Visible(db.AuditEntries.AsNoTracking(), scope);
        if (filter.From is { } from) { var t = ChinaDayStartUtc(from); query = query.Where(e => e.AtUtc >= t); }
        if (filter.To is { } to) { var t = ChinaDayStartUtc(to.AddDays(1)); query = query.Where(e => e.AtUtc < t); }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(e => e.UserName == user || e.DisplayName.Contains(user));
        }
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            // A kind of record takes its parts along: 重点项目 also lists its monthly progress and stage changes.
            var type = filter.EntityType.Trim();
            query = query.Where(e => e.EntityType == type || e.RootType == type);
            if (!string.IsNullOrWhiteSpace(filter.EntityId)) { var id = filter.EntityId.Trim(); query = query.Where(e => (e.EntityType == type && e.EntityId == id) || (e.RootType == type && e.RootId == id)); }
        }
        if (!string.IsNullOrWhiteSpace(filter.Search)) { var s = filter.Search.Trim(); query = query.Where(e => e.EntityLabel != null && e.EntityLabel.Contains(s)); }
        return query;
    }

    public static async Task<Paged<AuditEntry>> ListAsync(TownsDbContext db, UserScope scope, AuditFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paged<AuditEntry>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, scope, filter);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<AuditEntry>(items, total, page, size);
    }

    /// <summary>A record's history, newest first: its own changes and those of its parts. The caller has checked the record is in scope.</summary>
    public static Task<List<AuditEntry>> HistoryAsync(TownsDbContext db, string rootType, string rootId, int max = 200, CancellationToken ct = default) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.RootType == rootType && e.RootId == rootId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Take(max)
            .ToListAsync(ct);

    public static Task<AuditEntry?> FindAsync(TownsDbContext db, UserScope scope, long id, CancellationToken ct = default) =>
        Visible(db.AuditEntries.AsNoTracking(), scope).FirstOrDefaultAsync(e => e.Id == id, ct);

    private static DateTime ChinaDayStartUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
}
