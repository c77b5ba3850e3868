using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Schema;

namespace SpecializedTowns.Data;

public sealed record SetupReport(int FromVersion, int ToVersion, int PolicyDocuments);

/// <summary>Brings a database to the current schema and registers the policy packs: shared by the web app and the CLI.</summary>
public static class DatabaseSetup
{
    public static async Task<SetupReport> InitializeAsync(StorageSettings storage, PolicyCatalog catalog, CancellationToken ct = default)
    {
        storage.EnsureSqliteFolder();
        await using var db = storage.CreateContext();
        var migrator = new SchemaMigrator(db, storage.Provider);
        var from = await migrator.CurrentVersionAsync(ct);
        await migrator.UpgradeAsync(ct: ct);
        var to = await migrator.CurrentVersionAsync(ct);
        // The administrative divisions are reference data shipped with the program, not a change anybody made.
        db.AuditEnabled = false;
        await Jurisdictions.JurisdictionTree.EnsureReferenceAsync(db, ct);
        db.AuditEnabled = true;
        var documents = await PolicyRegistry.SyncAsync(db, catalog, ct);
        await Units.UnitRegistry.EnsureFromPacksAsync(db, catalog, ct);
        return new SetupReport(from, to, documents);
    }
}

/// <summary>Keeps policy_documents in step with the packs: one row per pack, its YAML kept as the record.</summary>
public static class PolicyRegistry
{
    public static async Task<int> SyncAsync(TownsDbContext db, PolicyCatalog catalog, CancellationToken ct = default)
    {
        var existing = await db.PolicyDocuments.ToDictionaryAsync(d => d.Id, ct);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.Name, j.Path }).ToListAsync(ct);
        foreach (var pack in catalog.Packs)
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(catalog.Directory, pack.FileName), ct);
            if (!existing.TryGetValue(pack.Id, out var record))
            {
                record = new PolicyDocumentRecord
                {
                    Id = pack.Id, Title = pack.Document.Title, JurisdictionName = pack.Document.Jurisdiction,
                    Level = pack.Document.Level, Status = pack.Document.Status, PackYaml = yaml,
                };
                db.PolicyDocuments.Add(record);
            }
            record.Number = pack.Document.Number;
            record.Title = pack.Document.Title;
            record.JurisdictionName = pack.Document.Jurisdiction;
            var path = string.Join("/", pack.Document.JurisdictionPath);
            record.JurisdictionId = (jurisdictions.FirstOrDefault(j => j.Path == path)
                ?? jurisdictions.FirstOrDefault(j => j.Name == pack.Document.Jurisdiction))?.Id;
            record.Level = pack.Document.Level;
            record.Status = pack.Document.Status;
            record.IssuedOn = DateOnly.TryParse(pack.Document.IssuedOn, out var d) ? d : null;
            if (record.PackYaml != yaml || record.LoadedAtUtc == default)
            {
                record.PackYaml = yaml;
                record.LoadedAtUtc = DateTime.UtcNow;
            }
        }
        await db.SaveChangesAsync(ct);
        catalog.RememberRetired(RetiredStandardNames(existing.Values.Where(r => catalog.FindPack(r.Id) is null)));
        return catalog.Packs.Count;
    }

    /// <summary>The standards the kept texts of packs no longer loaded define, by id, with their names.</summary>
    private static IEnumerable<KeyValuePair<string, string>> RetiredStandardNames(IEnumerable<PolicyDocumentRecord> records) =>
        records.Select(r => PolicyPackReader.Read($"{r.Id}.yaml", r.PackYaml).Pack).OfType<PolicyPack>()
            .SelectMany(p => p.Standards).Select(s => new KeyValuePair<string, string>(s.Id, s.Name));
}
