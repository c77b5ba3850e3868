using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Indexes the audit entries' record names after they are written (<see cref="AuditLabelIndex"/>): a save's few entries
/// within a couple of seconds, an import's 100,000 in some seconds a batch at a time, a province's existing trail after
/// the upgrade that adds the index in a minute or two. Until then the search tests the entries not yet indexed one by one,
/// so it is exact throughout and only slower. Several web processes share the work.
/// </summary>
public sealed class IndexAuditLabels(StorageSettings storage, ILogger<IndexAuditLabels> log) : IndexInBatches(storage, log)
{
    protected override (string What, string Unit) Names => ("审计日志名称", "条");

    // SQLite has one writer: smaller batches keep the lock short for the people saving meanwhile.
    protected override int? BatchSize(StorageProvider provider) => provider == StorageProvider.Sqlite ? 2_000 : 5_000;

    protected override Task<int?> IndexSomeAsync(TownsDbContext db, int batch, CancellationToken ct) => AuditLabelIndex.IndexSomeAsync(db, batch, ct);
}
