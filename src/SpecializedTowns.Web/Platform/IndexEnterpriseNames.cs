using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Indexes the enterprises' names after they are written, on PostgreSQL (<see cref="EnterpriseNameIndex"/>): a rename within
/// a couple of seconds, an import's 100,000 in some seconds a batch at a time, a province's 300,000 after the upgrade that
/// adds the index in a minute or so. Until then the enterprise list's search tests the enterprises not yet indexed, so it
/// is exact throughout and only slower. Several web processes take turns (one indexes at a time).
/// </summary>
public sealed class IndexEnterpriseNames(StorageSettings storage, ILogger<IndexEnterpriseNames> log) : IndexInBatches(storage, log)
{
    protected override (string What, string Unit) Names => ("企业名称", "家");

    // SQLite has no such index: it tests a province's names within a page's time (EnterpriseNameIndex).
    protected override int? BatchSize(StorageProvider provider) => provider == StorageProvider.PostgreSql ? 5_000 : null;

    protected override Task<int?> IndexSomeAsync(TownsDbContext db, int batch, CancellationToken ct) => EnterpriseNameIndex.IndexSomeAsync(db, batch, ct);
}
