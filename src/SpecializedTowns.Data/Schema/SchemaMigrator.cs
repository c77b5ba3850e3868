using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data.Schema;

public sealed record SchemaMigration(int Version, string Name, string Sql);

/// <summary>
/// Versions the schema with hand-written SQL per provider (Schema/Migrations/{Sqlite,PostgreSql}/NNNN_name.sql),
/// because `dotnet ef migrations` cannot be restored here. Each step runs in its own transaction and is
/// recorded in schema_version, so an upgrade either completes a step or leaves it untouched.
/// See docs/decisions/0002-schema-versioning.md.
/// </summary>
public sealed partial class SchemaMigrator(TownsDbContext db, StorageProvider provider)
{
    [GeneratedRegex(@"\.(\d{4})_([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    public static IReadOnlyList<SchemaMigration> All(StorageProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var folder = $".Schema.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal))
            .Select(n => (Name: n, Match: ResourceName().Match(n)))
            .Where(x => x.Match.Success)
            .Select(x => new SchemaMigration(int.Parse(x.Match.Groups[1].Value), x.Match.Groups[2].Value, Read(assembly, x.Name)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static int LatestVersion(StorageProvider provider) => All(provider).Max(m => m.Version);

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await EnsureVersionTableAsync(ct);
        var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    /// <summary>Applies every step above the current version, up to <paramref name="target"/> if given. Returns the steps applied.</summary>
    public async Task<IReadOnlyList<SchemaMigration>> UpgradeAsync(int? target = null, CancellationToken ct = default)
    {
        var current = await CurrentVersionAsync(ct);
        var pending = All(provider).Where(m => m.Version > current && (target is null || m.Version <= target)).ToList();
        if (current > LatestVersion(provider))
            throw new InvalidOperationException($"数据库结构版本 {current} 比本程序支持的 {LatestVersion(provider)} 新，请升级程序");
        foreach (var step in pending)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(step.Sql, ct);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO schema_version (version, name, applied_at_utc) VALUES ({0}, {1}, {2})",
                [step.Version, step.Name, DateTime.UtcNow.ToString("O")], ct);
            await tx.CommitAsync(ct);
        }
        return pending;
    }

    private async Task EnsureVersionTableAsync(CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, applied_at_utc VARCHAR(40) NOT NULL)", ct);

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return connection;
    }
}
