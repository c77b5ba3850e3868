using SpecializedTowns.Core.Audit;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// An entry a use case writes about a step as a whole, beside the entries of the rows the step changed: merging two units
/// moves rows of eight tables, and only a sentence says what happened (合并单位：县工业科技局 → 县工科局，转移任务 3 项…).
/// Added to the context: it is written by the caller's next save, in the caller's transaction.
/// </summary>
public static class AuditNote
{
    /// <summary>The field the sentence is kept in; the audit list shows the sentence itself instead of the field's name.</summary>
    public const string Field = "Narrative";

    public static void Add(TownsDbContext db, string entityType, int entityId, string? label, string? recordPath, string text)
    {
        var actor = db.Actor;
        var id = entityId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = db.UtcNow, UserId = actor.UserId, UserName = Cut(actor.UserName, 100), DisplayName = Cut(actor.DisplayName, 100),
            ActorPath = actor.JurisdictionPath, Address = actor.Address is null ? null : Cut(actor.Address, 64), RecordPath = recordPath,
            Action = AuditAction.Updated, EntityType = entityType, EntityId = id, EntityLabel = label is null ? null : Cut(label, 200),
            RootType = entityType, RootId = id, Changes = AuditTrail.Write([new AuditChange(Field, null, Cut(text, 4000))]),
        });
    }

    /// <summary>The sentence of an entry written by <see cref="Add"/>; null for any other entry.</summary>
    public static string? Text(AuditEntry entry) => entry.ReadChanges() is [{ Field: Field, New: { } text }] ? text : null;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
