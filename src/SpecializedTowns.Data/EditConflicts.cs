using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SpecializedTowns.Core;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Data;

/// <summary>
/// A form saved against a version of the record that somebody else has since saved over. Nothing of this save was written;
/// the message names who saved last and when, so the person can compare before saving again.
/// </summary>
public sealed class EditConflictException(string message, int? currentVersion, string? savedBy, DateTime? savedAtUtc, bool bySameAccount = false) : Exception(message)
{
    /// <summary>The last save was the same account's, from another window or tab: not "他人".</summary>
    public bool BySameAccount { get; } = bySameAccount;

    /// <summary>The record's version now (null when it has been deleted): the form carries it on, so the next save, made knowingly, goes through.</summary>
    public int? CurrentVersion { get; } = currentVersion;
    public string? SavedBy { get; } = savedBy;
    public DateTime? SavedAtUtc { get; } = savedAtUtc;
}

/// <summary>Optimistic concurrency for the edit forms and API bodies of <see cref="IVersioned"/> records.</summary>
public static class EditConflicts
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// Right after loading the tracked record for an edit: the version the form was loaded at must still be the record's (none
    /// given — an API client that does not send it — saves over whatever is there). The record is marked for update so that a
    /// save changing only its parts (a town's townships, a task's units) still moves the version on and is checked; a save
    /// that changes nothing at all writes nothing (<see cref="MoveVersionsOn"/>).
    /// </summary>
    public static async Task GuardAsync<T>(TownsDbContext db, T record, int? formVersion, CancellationToken ct) where T : class, IVersioned
    {
        if (formVersion is { } v && v != record.Version) throw await ConflictAsync(db, record, ct);
        db.Entry(record).Property(r => r.Version).IsModified = true;
    }

    /// <summary>Saves; a concurrent save that got in between the load and this one turns into the same conflict.</summary>
    public static async Task SaveAsync<T>(TownsDbContext db, T record, CancellationToken ct) where T : class, IVersioned
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw await ConflictAsync(db, record, ct); }
    }

    /// <summary>
    /// Before every save (the data context calls it): an edited record being updated moves on one version when it or one of its
    /// parts really changes — exactly the changes its history files under it — and is not written at all when nothing did. A
    /// form saved as it was loaded must not refuse the next person's save, naming somebody else's earlier change as the cause.
    /// </summary>
    internal static void MoveVersionsOn(ChangeTracker tracker)
    {
        List<(EntityEntry<IVersioned> Entry, bool Marked)>? unchanged = null;
        foreach (var entry in tracker.Entries<IVersioned>())
        {
            if (entry.State != EntityState.Modified) continue;
            var marked = entry.Properties.Where(p => p.Metadata.Name != nameof(IVersioned.Version) && p.IsModified).ToList();
            if (marked.Any(AuditTrail.Differs)) MoveOn(entry);
            else (unchanged ??= []).Add((entry, marked.Count > 0));
        }
        if (unchanged is null) return;
        var parts = AuditTrail.RootsOfChangedParts(tracker);
        foreach (var (entry, marked) in unchanged)
        {
            var id = Convert.ToString(entry.Property("Id").CurrentValue, System.Globalization.CultureInfo.InvariantCulture)!;
            if (parts.Contains((entry.Metadata.ClrType.Name, id))) MoveOn(entry);
            // Fields set back to what they were: written as they are, the version left where it was.
            else if (marked) entry.Property(v => v.Version).IsModified = false;
            else entry.State = EntityState.Unchanged;
        }
    }

    private static void MoveOn(EntityEntry<IVersioned> entry)
    {
        var version = entry.Property(v => v.Version);
        version.IsModified = true;
        if (version.CurrentValue == version.OriginalValue) version.CurrentValue = version.OriginalValue + 1;
    }

    public static async Task<EditConflictException> ConflictAsync<T>(TownsDbContext db, T record, CancellationToken ct) where T : class, IVersioned
    {
        var id = (int)db.Entry(record).Property("Id").CurrentValue!;
        // Whatever this save had changed is void: nothing of it may be written later by another save through this context.
        db.ChangeTracker.Clear();
        // A refused update inside the caller's transaction leaves PostgreSQL's transaction unusable for the reads below.
        if (db.Database.CurrentTransaction is { } tx) await tx.RollbackAsync(ct);
        var type = typeof(T).Name;
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var current = await db.Set<T>().AsNoTracking().Where(r => EF.Property<int>(r, "Id") == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct);
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.RootType == type && a.RootId == key)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Select(a => new { a.DisplayName, a.UserName, a.UserId, a.AtUtc }).FirstOrDefaultAsync(ct);
        var who = last is null ? null : string.IsNullOrWhiteSpace(last.DisplayName) ? last.UserName : last.DisplayName;
        return Conflict(current, who, last?.AtUtc, SameAccount(db.Actor.UserId, last?.UserId));
    }

    /// <summary>
    /// The one wording of a refused save, for every form and API body: "他人" only when the last save was somebody else's — the
    /// same person in a second tab is told it was saved in another window, not that someone else changed it.
    /// </summary>
    public static EditConflictException Conflict(int? currentVersion, string? savedBy, DateTime? savedAtUtc, bool bySameAccount)
    {
        var at = savedAtUtc is { } t ? When(t) : null;
        if (currentVersion is null)
            return new EditConflictException(bySameAccount ? "该记录已在另一窗口中删除，您填写的内容未保存。" : "该记录已被他人删除，您填写的内容未保存。",
                null, savedBy, savedAtUtc, bySameAccount);
        var message = bySameAccount
            ? $"该记录已在另一窗口中保存{(at is null ? "" : $"（{at}）")}，您填写的内容未保存但已保留在下方，请核对后重新保存。"
            : $"该记录已被他人修改{(savedBy is null || at is null ? "" : $"（{savedBy} 于 {at} 保存）")}，您填写的内容未保存但已保留在下方，请核对后重新保存。";
        return new EditConflictException(message, currentVersion, savedBy, savedAtUtc, bySameAccount);
    }

    /// <summary>Only a signed-in account is ever "the same": the platform and the command line have no id to compare.</summary>
    public static bool SameAccount(int? saver, int? lastSaver) => saver is { } a && lastSaver == a;

    /// <summary>11月22日 14:05, China Standard Time, as the pages write times.</summary>
    public static string When(DateTime utc)
    {
        var t = DateTime.SpecifyKind(utc, DateTimeKind.Utc) + ChinaOffset;
        return $"{t.Month}月{t.Day}日 {t:HH:mm}";
    }
}
