using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using SpecializedTowns.Core.Audit;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// Turns what a context is about to save into audit entries. Captured before the save (old values, deletions) and
/// completed after it (keys the database generated), so one entry describes exactly one row's change.
/// </summary>
public static class AuditTrail
{
    /// <summary>Records whose history tab gathers their parts' changes; anything else is filed under the first of these it points to.</summary>
    public static readonly IReadOnlySet<string> RootTypes = new HashSet<string>
    {
        "SpecializedTown", "Enterprise", "RecognitionApplication", "KeyProject", "ProjectBatch", "InvestmentLead", "Problem",
        "ActionPlan", "PlanTask", "TaskForce", "MonthlyReport", "AnnualEvaluation", "Notice", "AppUser", "Unit",
        "Jurisdiction", "PolicyDocumentRecord", "ProductMarketRank", "FundGrant", "WhiteListEntry", "ListingCandidate",
        "GeoIndicationApplication",
        "TrainingProgramme", "Talent",
        "ServicePlatform", "TradeEvent",
    };

    // Sign-in secrets and bookkeeping that says nothing to a reader; a changed password is still recorded, without its hash.
    private static readonly HashSet<string> Masked = ["PasswordHash"];
    private static readonly HashSet<string> Skipped = ["SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail"];
    // A workflow step (问题处理记录, 督办流转记录) is known by what was done (受理), not by who did it: the entry says who.
    // A sign-in name labels only an account.
    private static readonly string[] LabelProperties = ["Name", "Title", "Subject", "DocumentNumber", "UserName", "Summary", "SubjectName", "Finding", "Action"];

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    private static readonly JsonWriterOptions Writing = new() { Encoder = Encoder };

    /// <summary>
    /// The changes as JSON, exactly what <c>JsonSerializer</c> writes for the list (a test holds them equal), written with one
    /// reused writer a thread: an import describes a hundred thousand new rows at once.
    /// </summary>
    public static string Write(IReadOnlyList<AuditChange> changes)
    {
        if (AllPlain(changes)) return WritePlain(changes);
        var buffer = writeBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        var json = writer ??= new Utf8JsonWriter(buffer, Writing);
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartArray();
        foreach (var c in changes)
        {
            json.WriteStartObject();
            json.WriteString(FieldName, c.Field);
            json.WriteString(OldName, c.Old);
            json.WriteString(NewName, c.New);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Changes whose texts the encoder writes as they are, joined without it: an import's new rows are mostly such (names,
    /// codes, numbers), and escaping them through UTF-8 took 0.7 s of the 1.8 s that describing 100,000 enterprises took.
    /// </summary>
    private static string WritePlain(IReadOnlyList<AuditChange> changes)
    {
        var b = plainBuilder ??= new System.Text.StringBuilder(512);
        b.Clear().Append('[');
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            if (i > 0) b.Append(',');
            b.Append("{\"Field\":\"").Append(c.Field);
            b.Append("\",\"Old\":");
            if (c.Old is null) b.Append("null"); else b.Append('"').Append(c.Old).Append('"');
            b.Append(",\"New\":");
            if (c.New is null) b.Append("null"); else b.Append('"').Append(c.New).Append('"');
            b.Append('}');
        }
        return b.Append(']').ToString();
    }

    private static bool AllPlain(IReadOnlyList<AuditChange> changes)
    {
        foreach (var c in changes)
            if (!IsPlain(c.Field) || !IsPlain(c.Old) || !IsPlain(c.New)) return false;
        return true;
    }

    // Printable ASCII but what JavaScriptEncoder always escapes (quote, backslash and the HTML-sensitive < > & ' + `), and the
    // CJK ideographs of Unicode 1.1 (U+4E00–U+9FA5: none is a code point the encoder takes for unassigned
    // and escapes). A test compares every printable ASCII character and both ends of that range with the serializer.
    private static bool IsPlain(string? text)
    {
        if (text is null) return true;
        foreach (var ch in text)
        {
            if (ch is >= '\u4E00' and <= '\u9FA5') continue;
            if (ch is < ' ' or > '~' or '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') return false;
        }
        return true;
    }

    [ThreadStatic] private static System.Text.StringBuilder? plainBuilder;
    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? writeBuffer;
    [ThreadStatic] private static Utf8JsonWriter? writer;
    private static readonly JsonEncodedText FieldName = JsonEncodedText.Encode("Field"), OldName = JsonEncodedText.Encode("Old"), NewName = JsonEncodedText.Encode("New");

    public static bool IsAudited(IEntityType type)
    {
        var clr = type.ClrType;
        // The data-protection key ring and the import jobs are machinery (the key ring's XML holds key material no reader
        // should see); what an import writes is audited row by row.
        if (clr == typeof(AuditEntry) || clr == typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)
            || clr == typeof(Imports.ImportJobRecord) || clr == typeof(Exports.ExportProgressRecord) || type.IsOwned()) return false;
        // Nor what the database or the background work derives from the records (tallies, warnings, indexes), never saved by a person.
        if (clr == typeof(Enterprises.EnterpriseTally) || clr == typeof(Projects.StoredProjectWarning) || clr == typeof(Reserve.DataChange) || clr == typeof(Projects.ProjectChange)
            || clr == typeof(AuditLabelTime) || clr == typeof(AuditLabelPairs) || clr == typeof(AuditLabelPending)
            || clr == typeof(Enterprises.EnterpriseNamePairs) || clr == typeof(Enterprises.EnterpriseNamePending)) return false;
        // Identity's token, login and claim rows are sign-in plumbing; role membership is kept (it is who may do what).
        return !(clr.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true && !clr.Name.StartsWith("IdentityUserRole", StringComparison.Ordinal));
    }

    /// <summary>The changes a save is about to make, one pending entry a row; <paramref name="actor"/> is who makes them.</summary>
    public static List<Pending> Capture(ChangeTracker tracker, AuditActor actor)
    {
        tracker.DetectChanges();
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsAudited(entry.Metadata)) continue;
            var action = entry.State switch { EntityState.Added => AuditAction.Created, EntityState.Deleted => AuditAction.Deleted, _ => AuditAction.Updated };
            var changes = new List<(IProperty Property, object? Old)>();
            foreach (var property in entry.Properties)
            {
                var meta = property.Metadata;
                if (!Recorded(meta, entry.Entity)) continue;
                switch (action)
                {
                    case AuditAction.Created:
                        changes.Add((meta, null));
                        break;
                    case AuditAction.Deleted:
                        changes.Add((meta, property.OriginalValue));
                        break;
                    default:
                        if (Differs(property)) changes.Add((meta, property.OriginalValue));
                        break;
                }
            }
            if (action == AuditAction.Updated)
            {
                if (changes.Count == 0) continue;
                // An account's sign-in bookkeeping reads as the sign-in it is (SignInAudit), or not at all.
                if (SignInAudit.Read(entry, changes, actor) is not { } read) continue;
                action = read;
            }
            pending.Add(new Pending(entry, action, changes));
        }
        return pending;
    }

    /// <summary>A field an update really changes: marked modified and holding another value than the one loaded.</summary>
    internal static bool Differs(PropertyEntry property) => property.IsModified && !Equals(property.OriginalValue, property.CurrentValue);

    /// <summary>
    /// The records whose history the changes about to be saved to their parts are filed under (<see cref="Pending.Complete"/>'s
    /// RootType and RootId): a town's for its townships, a task's for its units and notes. Edit versions move on by it
    /// (<see cref="EditConflicts.MoveVersionsOn"/>), so that a record's version moves exactly when its history gets an entry.
    /// </summary>
    internal static HashSet<(string Type, string Id)> RootsOfChangedParts(ChangeTracker tracker)
    {
        var roots = new HashSet<(string, string)>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsAudited(entry.Metadata)
                || RootTypes.Contains(entry.Metadata.ClrType.Name)) continue;
            if (entry.State == EntityState.Modified && !entry.Properties.Any(Differs)) continue;
            var deleted = entry.State == EntityState.Deleted;
            if (RootOf(entry.Metadata, p => deleted ? entry.Property(p).OriginalValue : entry.Property(p).CurrentValue) is { } root) roots.Add(root);
        }
        return roots;
    }

    /// <summary>The record a part's change is filed under; null for a root, or a part that points to none.</summary>
    private static (string Type, string Id)? RootOf(IEntityType type, Func<IProperty, object?> value)
    {
        if (RootTypes.Contains(type.ClrType.Name)) return null;
        // A part belongs to the record whose deletion takes it along (an event's participant to the event, not to the
        // enterprise it names); otherwise to the first record it points to.
        foreach (var fk in type.GetForeignKeys().OrderByDescending(fk => fk.DeleteBehavior == DeleteBehavior.Cascade))
        {
            if (!RootTypes.Contains(fk.PrincipalEntityType.ClrType.Name)) continue;
            var values = fk.Properties.Select(value).ToList();
            if (values.Any(v => v is null)) continue;
            return (fk.PrincipalEntityType.ClrType.Name, string.Join(",", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return null;
    }

    /// <summary>
    /// The entry a new record would get from <see cref="Capture"/>, for records written without the change tracker (an import's
    /// new rows, see Imports.BulkCreate): the same fields, read straight from the record, which must already have its id.
    /// </summary>
    public static Pending Created(IEntityType type, object record) =>
        new(type, AuditAction.Created, CreatedFields.GetOrAdd(type, t => t.GetProperties().Where(p => Recorded(p, record)).Select(p => (p, (object?)null)).ToList()),
            current: p => p.GetGetter().GetClrValue(record), original: null, entry: null);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, List<(IProperty Property, object? Old)>> CreatedFields = new();

    // An edit form's version is bookkeeping for conflicts, not something a reader of the history needs to see; nor is a
    // column the database keeps itself (a shadow property, such as a designation's town).
    private static bool Recorded(IProperty property, object record) =>
        !Skipped.Contains(property.Name) && !property.IsShadowProperty()
        && !(property.Name == nameof(Core.IVersioned.Version) && record is Core.IVersioned);

    /// <summary>The fields an entry of a kind of record may show (a check that each has a Chinese name uses it).</summary>
    public static IEnumerable<IProperty> RecordedFields(IEntityType type) =>
        type.GetProperties().Where(p => (!p.IsPrimaryKey() || p.IsForeignKey()) && !Skipped.Contains(p.Name) && !p.IsShadowProperty()
            && !(p.Name == nameof(Core.IVersioned.Version) && typeof(Core.IVersioned).IsAssignableFrom(type.ClrType)));

    /// <summary>A change captured before saving; <see cref="Complete"/> after the save, when generated keys are known.</summary>
    public sealed class Pending
    {
        private readonly IEntityType type;
        private readonly AuditAction action;
        private readonly List<(IProperty Property, object? Old)> changes;
        private readonly Func<IProperty, object?> current;
        private readonly Func<IProperty, object?>? original;
        private readonly EntityEntry? entry;

        internal Pending(EntityEntry entry, AuditAction action, List<(IProperty Property, object? Old)> changes)
            : this(entry.Metadata, action, changes, p => entry.Property(p).CurrentValue, p => entry.Property(p).OriginalValue, entry) { }

        internal Pending(IEntityType type, AuditAction action, List<(IProperty Property, object? Old)> changes,
            Func<IProperty, object?> current, Func<IProperty, object?>? original, EntityEntry? entry)
        {
            (this.type, this.action, this.changes, this.current, this.original, this.entry) = (type, action, changes, current, original, entry);
        }

        /// <summary>
        /// Where a root record is by its own values, for the roots the database cannot place: one deleted by this save (it can no
        /// longer be looked up) or one written in bulk (<see cref="Created"/>; its own values are what the lookup would read).
        /// </summary>
        public int? OwnRootPlace => (action == AuditAction.Deleted || entry is null) && RootTypes.Contains(type.ClrType.Name) ? AuditPlaces.OwnPlace(type, Value) : null;

        public AuditEntry Complete(AuditActor actor, DateTime atUtc)
        {
            var fields = new List<AuditChange>(changes.Count);
            foreach (var (property, old) in changes)
            {
                // A link's key is what it links (用户角色: the user and the role), so it is shown; an id of its own is not.
                if (action == AuditAction.Created && property.IsPrimaryKey() && !property.IsForeignKey()) continue;
                var field = new AuditChange(property.Name,
                    action == AuditAction.Created ? null : Show(property, old),
                    action == AuditAction.Deleted ? null : Show(property, current(property)));
                if (action != AuditAction.Updated && field.Old is null && field.New is null) continue;
                fields.Add(field);
            }
            var root = RootOf(type, Value);
            var key = Key(type.FindPrimaryKey());
            var who = SignInAudit.IsSignIn(action) ? SignInAudit.Actor(Value, type, actor) : actor;
            return new AuditEntry
            {
                AtUtc = atUtc,
                UserId = who.UserId,
                UserName = Truncate(who.UserName, 100)!,
                DisplayName = Truncate(who.DisplayName, 100)!,
                ActorPath = who.JurisdictionPath,
                Address = Truncate(who.Address, 64),
                Action = action,
                EntityType = type.ClrType.Name,
                EntityId = key,
                EntityLabel = Truncate(Label(), 200),
                RootType = root?.Type ?? type.ClrType.Name,
                RootId = root?.Id ?? key,
                Changes = Write(fields),
            };
        }

        private string Key(IKey? key) => key switch
        {
            null => "",
            { Properties: [var single] } => Convert.ToString(Value(single), CultureInfo.InvariantCulture) ?? "",
            _ => string.Join(",", key.Properties.Select(p => Convert.ToString(Value(p), CultureInfo.InvariantCulture))),
        };

        // A deleted row is detached after the save; its values are still on the entry as they were.
        private object? Value(IProperty p) => action == AuditAction.Deleted && original is not null ? original(p) : current(p);

        private string? Label()
        {
            foreach (var name in LabelProperties)
                if ((name != "UserName" || type.ClrType == typeof(Accounts.AppUser))
                    && type.FindProperty(name) is { ClrType: var t } p && t == typeof(string) && Value(p) is string s && s.Length > 0) return s;
            // A year's or a month's figures (专业镇年度统计, 项目月度进展) are known by their period.
            if (type.FindProperty("Year") is { } year && Value(year) is int y)
                return type.FindProperty("Month") is { } month && Value(month) is int m ? $"{y}年{m}月" : $"{y}年";
            return null;
        }

    }

    /// <summary>A value as a person reads it: enumerations by their Chinese names, 是/否, dates in China time, files by their size.</summary>
    public static string? Show(IProperty property, object? value)
    {
        if (value is null) return null;
        if (Masked.Contains(property.Name)) return "（已设置）";
        return value switch
        {
            string s => Truncate(AuditNames.Code(property.Name, s) ?? s, 4000),
            bool b => b ? "是" : "否",
            Enum e => EnumNames.Chinese(e),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset o => o.ToUniversalTime().AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            byte[] bytes => $"（文件内容，{bytes.Length:N0} 字节）",
            decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
            double x => x.ToString("0.####", CultureInfo.InvariantCulture),
            // A list kept in one column (a notice's 抄送): its items, not the list's type name.
            IEnumerable<string> items => Truncate(string.Join("、", items), 4000),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Truncate(value.ToString(), 4000),
        };
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>
/// The Chinese name of an enumeration value, so the audit and the forms' messages speak as the screens do without a second
/// list to keep in step: a value of a 字典 list by that list's name (CodeLists, the one table the forms, the imports and the
/// API read too); an enumeration no person fills in (a notice's stored state) by the domain's own <c>Chinese(TEnum)</c>
/// function (NoticeNames.Chinese …).
/// </summary>
public static class EnumNames
{
    // Named Chinese as a rule; a few kept the names their pages call them by (BrandNames.Of, Enterprise.RoleName, Jurisdiction.LevelName).
    private static readonly HashSet<string> Names = ["Chinese", "Of", "RoleName", "LevelName"];

    private static readonly Dictionary<Type, MethodInfo> Functions = new[] { typeof(Core.Checkout).Assembly, typeof(EnumNames).Assembly }
        .SelectMany(a => a.GetTypes())
        .Where(t => t.IsPublic)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => Names.Contains(m.Name) && m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true }])
        .GroupBy(m => m.GetParameters()[0].ParameterType)
        .ToDictionary(g => g.Key, g => g.First());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyDictionary<int, string>?> Listed = new();

    public static bool Has(Type enumType) => Core.Dictionaries.CodeLists.For(enumType) is not null || Functions.ContainsKey(enumType);

    public static string Chinese(Enum value)
    {
        var type = value.GetType();
        var list = Listed.GetOrAdd(type, t => Core.Dictionaries.CodeLists.For(t)?.Entries.Where(e => e.Number is not null)
            .ToDictionary(e => e.Number!.Value, e => e.Name));
        if (list is not null && list.TryGetValue(Convert.ToInt32(value, CultureInfo.InvariantCulture), out var name)) return name;
        if (!Functions.TryGetValue(type, out var function)) return value.ToString();
        try { return (string)function.Invoke(null, [value])!; }
        catch (TargetInvocationException) { return value.ToString(); }
    }
}
