using System.Collections;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Demo.Scale;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// The new records of an import written in bulk, inside the import's transaction: EF inserts and audits row by row (writing
/// 100,000 new enterprises took 29 s), the bulk writer of <c>demo generate</c> about 3 s with their audit entries. The records and the rows of their
/// collections (an enterprise's designations) get their ids here; their audit entries are the ones <see cref="AuditTrail"/>
/// makes for any save (<see cref="AuditTrail.Created"/>), so the history reads the same whichever way a record came in.
/// </summary>
internal static class BulkCreate
{
    public static async Task InsertAsync(TownsDbContext db, IReadOnlyList<object> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var tables = new List<(IEntityType Type, List<object> Rows)>();
        foreach (var group in records.GroupBy(r => r.GetType()))
        {
            var type = db.Model.FindEntityType(group.Key) ?? throw new InvalidOperationException($"{group.Key.Name} is not stored");
            var rows = group.ToList();
            await NumberAsync(db, type, rows, ct);
            tables.Add((type, rows));
            // Each collection of the records (an enterprise's designations): numbered too, and pointed at its record.
            foreach (var navigation in type.GetNavigations().Where(n => n.IsCollection && n.ForeignKey.DeclaringEntityType == n.TargetEntityType))
            {
                var foreignKey = navigation.ForeignKey.Properties.Single();
                var parentKey = navigation.ForeignKey.PrincipalKey.Properties.Single();
                var children = new List<object>();
                foreach (var row in rows)
                    foreach (var child in (IEnumerable?)navigation.GetGetter().GetClrValue(row) ?? Array.Empty<object>())
                    {
                        foreignKey.PropertyInfo!.SetValue(child, parentKey.GetGetter().GetClrValue(row));
                        children.Add(child);
                    }
                if (children.Count == 0) continue;
                await NumberAsync(db, navigation.TargetEntityType, children, ct);
                tables.Add((navigation.TargetEntityType, children));
            }
        }

        // The audit entries are described on the other core while this one writes the rows (each reads only its own record),
        // a block at a time, and go to the database as one statement while they are described: at most a few blocks are held
        // at once rather than one entry per record of the file, and the database is not kept waiting between blocks (in 20
        // statements of 5,000 the entries of 100,000 enterprises took 1.4–1.5 s to write, in one about 1.2 s).
        var at = db.UtcNow;
        var actor = db.Actor;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var blocks = Channel.CreateBounded<List<(AuditEntry Entry, int? Place)>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var describing = db.AuditEnabled ? Task.Run(() => DescribeAsync(tables, actor, at, blocks.Writer, stop.Token), CancellationToken.None) : null;
        try
        {
            foreach (var (type, rows) in tables) await WriteAsync(db, type, rows, includeKey: true, ct);
            if (describing is null) return;
            // The entries are filed under their records' places, read now: the database is busy with the entries once they flow.
            var paths = new Dictionary<int, string>();
            await AuditPlaces.AddPathsAsync(db, OwnPlaces(tables), paths, ct);
            var later = new List<AuditEntry>();
            var auditType = db.Model.FindEntityType(typeof(AuditEntry))!;
            await WriteAsync(db, auditType, Filed(blocks.Reader, paths, later, ct), includeKey: false, ct);
            await describing;
            // An entry whose root is not among the new records (none, as the imports stand) is filed the way any save files it.
            if (later.Count == 0) return;
            await AuditPlaces.FillAsync(db, later, _ => null, ct, paths);
            await AuditParentLabels.FillAsync(db, later, ct);
            await WriteAsync(db, auditType, later.ToAsyncEnumerable(), includeKey: false, ct);
        }
        catch
        {
            // The import is rolled back: the descriptions are not wanted, and the task is not left running unobserved.
            await stop.CancelAsync();
            if (describing is not null) try { await describing; } catch (Exception) { }
            throw;
        }
    }

    private const int AuditBlock = 5_000;

    /// <summary>The places the new records name themselves (<see cref="AuditPlaces.OwnPlace"/>), each once.</summary>
    private static HashSet<int> OwnPlaces(List<(IEntityType Type, List<object> Rows)> tables)
    {
        var places = new HashSet<int>();
        foreach (var (type, rows) in tables.Where(t => AuditTrail.IsAudited(t.Type) && AuditTrail.RootTypes.Contains(t.Type.ClrType.Name)))
            foreach (var row in rows)
                if (AuditPlaces.OwnPlace(type, p => p.GetGetter().GetClrValue(row)) is { } place) places.Add(place);
        return places;
    }

    /// <summary>The described entries with their record paths, as they come; those the new records do not place are kept for later.</summary>
    private static async IAsyncEnumerable<AuditEntry> Filed(ChannelReader<List<(AuditEntry Entry, int? Place)>> blocks, Dictionary<int, string> paths,
        List<AuditEntry> later, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var block in blocks.ReadAllAsync(ct))
            foreach (var (entry, place) in block)
            {
                if (place is null && AuditPlaces.IsLookedUp(entry.RootType)) { later.Add(entry); continue; }
                entry.RecordPath = place is { } p && paths.TryGetValue(p, out var path) ? path : null;
                yield return entry;
            }
    }

    /// <summary>
    /// Describes the new records' entries with the place each is filed under: a record's own (<see cref="AuditTrail.Pending.OwnRootPlace"/>),
    /// or for a part of it (an enterprise's designation) the record's, described before its parts.
    /// </summary>
    private static async Task DescribeAsync(List<(IEntityType Type, List<object> Rows)> tables, AuditActor actor, DateTime at,
        ChannelWriter<List<(AuditEntry, int?)>> blocks, CancellationToken ct)
    {
        try
        {
            // Kept only when there are parts to file with their records (100,000 keys for an import of 100,000 enterprises).
            var parts = tables.Any(t => AuditTrail.IsAudited(t.Type) && !AuditTrail.RootTypes.Contains(t.Type.ClrType.Name));
            var roots = new Dictionary<(string Type, string Id), int>();
            var block = new List<(AuditEntry, int?)>(AuditBlock);
            foreach (var (type, rows) in tables.Where(t => AuditTrail.IsAudited(t.Type)))
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    var pending = AuditTrail.Created(type, row);
                    var entry = pending.Complete(actor, at);
                    var place = pending.OwnRootPlace;
                    if (place is { } own) { if (parts) roots[(entry.RootType, entry.RootId)] = own; }
                    else if (roots.TryGetValue((entry.RootType, entry.RootId), out var rootPlace)) place = rootPlace;
                    block.Add((entry, place));
                    if (block.Count < AuditBlock) continue;
                    await blocks.WriteAsync(block, ct);
                    block = new List<(AuditEntry, int?)>(AuditBlock);
                }
            if (block.Count > 0) await blocks.WriteAsync(block, ct);
            blocks.Complete();
        }
        catch (Exception e)
        {
            blocks.Complete(e);
            throw;
        }
    }

    private static async Task NumberAsync(TownsDbContext db, IEntityType type, List<object> rows, CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties.Single();
        var ids = await BulkRows.ReserveIdsAsync(db, type.GetTableName()!, rows.Count, ct);
        for (var i = 0; i < rows.Count; i++) key.PropertyInfo!.SetValue(rows[i], ids[i]);
    }

    private static Task<int> WriteAsync<T>(TownsDbContext db, IEntityType type, IReadOnlyList<T> rows, bool includeKey, CancellationToken ct) where T : class =>
        WriteAsync(db, type, rows.ToAsyncEnumerable(), includeKey, ct);

    /// <summary>Every mapped column of the rows' table, as EF would store the values (its converters applied).</summary>
    private static Task<int> WriteAsync<T>(TownsDbContext db, IEntityType type, IAsyncEnumerable<T> rows, bool includeKey, CancellationToken ct) where T : class
    {
        var table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var properties = type.GetProperties()
            // Not the columns the database fills itself (a designation's town, see Enterprises.DesignationTown).
            .Where(p => p.GetColumnName(store) is not null && (includeKey || !p.IsPrimaryKey()) && p.GetBeforeSaveBehavior() != PropertySaveBehavior.Ignore)
            .Select(p => (Getter: p.GetGetter(), Converter: p.GetValueConverter() ?? p.GetTypeMapping().Converter, Column: p.GetColumnName(store)!))
            .ToList();
        var values = rows.Select(row =>
        {
            var values = new object?[properties.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var (getter, converter, _) = properties[i];
                var value = getter.GetClrValue(row);
                values[i] = value is null || converter is null ? value : converter.ConvertToProvider(value);
            }
            return values;
        });
        return BulkRows.InsertAsync(db, table, properties.Select(p => p.Column).ToArray(), values, moveSequence: false, ct);
    }
}
