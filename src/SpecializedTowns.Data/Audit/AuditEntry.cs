using SpecializedTowns.Core.Audit;

namespace SpecializedTowns.Data.Audit;

/// <summary>One field of one change: its value before and after, as a person reads them (enumerations in Chinese, dates as dates).</summary>
public sealed record AuditChange(string Field, string? Old, string? New);

/// <summary>
/// One create, change or delete of one record, written in the same transaction as the change itself.
/// Append-only: the platform has no code path that updates or deletes an entry, and the database refuses it (triggers in step 0013).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public int? UserId { get; set; }

    /// <summary>Sign-in name and display name as they were at the time: accounts are renamed, the record is not.</summary>
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>The jurisdiction the person belonged to; an office reads the entries of its own people and those below it.</summary>
    public string? ActorPath { get; set; }

    /// <summary>
    /// The jurisdiction the changed record lies in (its root record's county, township or area); an office reads the changes
    /// to its records whoever made them. Null where a record has no place, and for entries written before step 0014.
    /// </summary>
    public string? RecordPath { get; set; }

    /// <summary>The client address (IP) the request came from; null for the platform's own jobs and the command line.</summary>
    public string? Address { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The CLR type name of the record (Enterprise, KeyProject …) and its key ("12", or "3,7" for a pair).</summary>
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";

    /// <summary>A name a person recognises the record by (the enterprise's name, the project's name …), when it has one.</summary>
    public string? EntityLabel { get; set; }

    /// <summary>The record whose history tab shows this entry: the record itself, or the one it belongs to (a project for its monthly progress).</summary>
    public string RootType { get; set; } = "";
    public string RootId { get; set; } = "";

    /// <summary>The fields as JSON: [{"Field":"Name","Old":"…","New":"…"}]. Read whole with the entry, never queried inside.</summary>
    public string Changes { get; set; } = "[]";

    public IReadOnlyList<AuditChange> ReadChanges() =>
        System.Text.Json.JsonSerializer.Deserialize<List<AuditChange>>(Changes) ?? [];
}

/// <summary>Who is making the changes a context saves: the signed-in person and where they came from, or the platform itself.</summary>
public sealed record AuditActor(int? UserId, string UserName, string DisplayName, string? JurisdictionPath, string? Address)
{
    public static readonly AuditActor System = new(null, "system", "系统", null, null);

    public static AuditActor CommandLine() => new(null, CommandLinePrefix + Environment.UserName, $"{CommandLineWord}（{Environment.UserName}）", null, null);

    private const string CommandLineWord = "命令行";

    public static AuditActor SignedOut(string? address) => new(null, "anonymous", "未登录用户", null, address);

    /// <summary>How the command line's sign-in names begin.</summary>
    public const string CommandLinePrefix = "cli:";

    /// <summary>
    /// Which of the actors without an account a 操作人 filter names, by the sign-in names their entries carry: the platform
    /// (“系统” or “system”), the signed-out (“未登录用户”, “anonymous”), the command line (“命令行”: all of its users; one
    /// of them by its sign-in name, “cli:root”, or as shown, “命令行（root）”). These are all there are (a signed-in person
    /// always has an account's id), and their display names are made here from fixed words: so a name that is none of them
    /// (an account's) leaves those entries out at once, where testing every entry's display name read the whole trail (a
    /// province's 700,000 entries of the platform's imports: 0.6 s for any name).
    /// </summary>
    public static (List<string> UserNames, bool CommandLine) WithoutAccountNamed(string term)
    {
        var names = new List<string>();
        foreach (var actor in new[] { System, SignedOut(null) })
            if (term == actor.UserName || actor.DisplayName.Contains(term, StringComparison.Ordinal)) names.Add(actor.UserName);
        if (term.StartsWith(CommandLinePrefix, StringComparison.Ordinal)) names.Add(term);
        // As the page shows it: 命令行（root）.
        if (term.StartsWith(CommandLineWord + "（", StringComparison.Ordinal) && term.EndsWith('）') && term.Length > CommandLineWord.Length + 2)
            names.Add(CommandLinePrefix + term[(CommandLineWord.Length + 1)..^1]);
        return (names, CommandLineWord.Contains(term, StringComparison.Ordinal));
    }
}

/// <summary>
/// Names the actor when a context saves, not when it is made: a request's context can be created while the sign-in
/// cookie is still being read (Identity validates it through the same context), before the person is known.
/// </summary>
public sealed class AuditActorSource(Func<AuditActor> current)
{
    public AuditActor Current => current();
}
