using System.Collections;
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
        // a block at a time: the writer takes the blocks as they come, so at most a few blocks of entries are held at once
        // rather than one per record of the file.
        var at = db.UtcNow;
        var actor = db.Actor;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var blocks = Channel.CreateBounded<List<(AuditEntry Entry, int? Own)>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var describing = db.AuditEnabled ? Task.Run(() => DescribeAsync(tables, actor, at, blocks.Writer, stop.Token), CancellationToken.None) : null;
        try
        {
            foreach (var (type, rows) in tables) await WriteAsync(db, type, rows, includeKey: true, ct);
            if (describing is null) return;
            var auditType = db.Model.FindEntityType(typeof(AuditEntry))!;
            var paths = new Dictionary<int, string>();
            await foreach (var block in blocks.Reader.ReadAllAsync(ct))
            {
                var entries = block.ConvertAll(d => d.Entry);
                var own = new Dictionary<AuditEntry, int?>(ReferenceEqualityComparer.Instance);
                foreach (var (entry, place) in block) own[entry] = place;
                // A new record is where its own values say (the lookup would read them back); its parts are filed with it.
                await AuditPlaces.FillAsync(db, entries, e => own[e], ct, paths);
                await WriteAsync(db, auditType, entries, includeKey: false, ct);
            }
            await describing;
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

    private static async Task DescribeAsync(List<(IEntityType Type, List<object> Rows)> tables, AuditActor actor, DateTime at,
        ChannelWriter<List<(AuditEntry Entry, int? Own)>> blocks, CancellationToken ct)
    {
        try
        {
            var block = new List<(AuditEntry, int?)>(AuditBlock);
            foreach (var (type, rows) in tables.Where(t => AuditTrail.IsAudited(t.Type)))
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    var pending = AuditTrail.Created(type, row);
                    block.Add((pending.Complete(actor, at), pending.OwnRootPlace));
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

    /// <summary>Every mapped column of the rows' table, as EF would store the values (its converters applied).</summary>
    private static Task<int> WriteAsync<T>(TownsDbContext db, IEntityType type, IReadOnlyList<T> rows, bool includeKey, CancellationToken ct) where T : class
    {
        var table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var properties = type.GetProperties()
            // Not the columns the database fills itself (a designation's town, see Enterprises.DesignationTown).
            .Where(p => p.GetColumnName(store) is not null && (includeKey || !p.IsPrimaryKey()) && p.GetBeforeSaveBehavior() != PropertySaveBehavior.Ignore)
            .Select(p => (Getter: p.GetGetter(), Converter: p.GetValueConverter() ?? p.GetTypeMapping().Converter, Column: p.GetColumnName(store)!))
            .ToList();
        var values = rows.Select(row => properties.Select(p =>
        {
            var value = p.Getter.GetClrValue(row);
            return value is null || p.Converter is null ? value : p.Converter.ConvertToProvider(value);
        }).ToArray());
        return BulkRows.InsertAsync(db, table, properties.Select(p => p.Column).ToArray(), values, moveSequence: false, ct);
    }
}
