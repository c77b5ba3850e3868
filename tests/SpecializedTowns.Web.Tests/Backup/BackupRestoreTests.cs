using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Schema;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Backup;

/// <summary>The backup and restore commands, run in-process on real SQLite files and a real PostgreSQL server.</summary>
public class BackupRestoreTests
{
    private static (int Code, string Out, string Error) Run(StorageSettings storage, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SpecializedTowns.Cli.Cli.Run(
            ["--policies", TestDatabases.PoliciesDirectory, .. args, "--provider", storage.Provider.ToString(), "--connection", storage.ConnectionString],
            stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"st-backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string BackupName(StorageProvider provider) => provider == StorageProvider.Sqlite ? "towns.db" : "towns.dump";

    /// <summary>Changes through EF as the platform makes them: a renamed town, a new unit.</summary>
    private static async Task ChangeAsync(StorageSettings storage, string mark)
    {
        await using var db = storage.CreateContext();
        var town = await db.Towns.OrderBy(t => t.Id).FirstAsync();
        town.Name = $"{town.Name}（{mark}）";
        var county = await db.Jurisdictions.OrderBy(j => j.Id).Select(j => j.Id).FirstAsync();
        db.Units.Add(new Unit { JurisdictionId = county, Name = $"备份测试单位{mark}" });
        await db.SaveChangesAsync();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Restore_brings_back_every_table_as_it_was_at_backup_time(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await ChangeAsync(storage, "备份前");
        var atBackup = await DatabaseFingerprint.TakeAsync(storage);
        var file = Path.Combine(NewFolder(), BackupName(provider));

        var backup = Run(storage, "backup", file);
        backup.Error.ShouldBeEmpty();
        backup.Code.ShouldBe(0);
        backup.Out.ShouldContain($"结构版本 {SchemaMigrator.LatestVersion(provider)}");
        backup.Out.ShouldContain("专业镇 ");
        File.Exists(file).ShouldBeTrue();

        // After the backup: more changes, a row gone, a whole table emptied.
        await ChangeAsync(storage, "备份后");
        await using (var db = storage.CreateContext())
        {
            db.Units.Remove(await db.Units.SingleAsync(u => u.Name == "备份测试单位备份前"));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM project_progress");
        }
        (await DatabaseFingerprint.TakeAsync(storage)).ShouldNotBe(atBackup);

        var restore = Run(storage, "restore", file, "--force");
        restore.Error.ShouldBeEmpty();
        restore.Code.ShouldBe(0);
        restore.Out.ShouldContain("已从");

        (await DatabaseFingerprint.TakeAsync(storage)).ShouldBe(atBackup);
        await using (var db = storage.CreateContext())
            (await new SchemaMigrator(db, provider).CurrentVersionAsync()).ShouldBe(SchemaMigrator.LatestVersion(provider));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Restore_refuses_a_database_with_data_unless_forced_and_fills_an_empty_one(StorageProvider provider)
    {
        var source = await TestDatabases.WithDemoAsync(provider);
        var file = Path.Combine(NewFolder(), BackupName(provider));
        Run(source, "backup", file).Code.ShouldBe(0);
        var backedUp = await DatabaseFingerprint.TakeAsync(source);

        var other = await TestDatabases.WithDemoAsync(provider);
        await ChangeAsync(other, "另一库");
        var before = await DatabaseFingerprint.TakeAsync(other);
        var refused = Run(other, "restore", file);
        refused.Code.ShouldBe(2);
        refused.Error.ShouldContain("不是空的");
        refused.Error.ShouldContain("--force");
        (await DatabaseFingerprint.TakeAsync(other)).ShouldBe(before);

        // A new machine: nothing there yet (no SQLite file; an empty PostgreSQL database). No --force needed.
        var empty = TestDatabases.Create(provider);
        var restored = Run(empty, "restore", file);
        restored.Error.ShouldBeEmpty();
        restored.Code.ShouldBe(0);
        (await DatabaseFingerprint.TakeAsync(empty)).ShouldBe(backedUp);

        // --yes is the same as --force.
        Run(other, "restore", file, "--yes").Code.ShouldBe(0);
        (await DatabaseFingerprint.TakeAsync(other)).ShouldBe(backedUp);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Restore_refuses_while_the_platform_runs_on_the_database_and_goes_ahead_once_it_has_stopped(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        var file = Path.Combine(NewFolder(), BackupName(provider));
        Run(storage, "backup", file).Code.ShouldBe(0);
        await ChangeAsync(storage, "运行中");

        var platform = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        (await platform.CreateClient().GetAsync("/healthz")).EnsureSuccessStatusCode();
        // The running platform's own change marks (data_changes) are compacted by it in the background (储备培育's round):
        // what the refused restore must leave alone is everything else.
        static IEnumerable<string> Data(IEnumerable<string> tables) => tables.Where(t => !t.StartsWith("data_changes:", StringComparison.Ordinal));
        var before = await DatabaseFingerprint.TakeAsync(storage);
        // The platform registers itself in the background as it starts.
        SpecializedTowns.Data.Backup.PlatformPresence? probe = null;
        for (var i = 0; i < 100 && (probe = await SpecializedTowns.Data.Backup.PlatformPresence.TryExclusiveAsync(storage)) is not null; i++)
        {
            await probe.DisposeAsync();
            await Task.Delay(100);
        }
        probe.ShouldBeNull("the running platform holds the database");

        var refused = Run(storage, "restore", file, "--force");
        refused.Code.ShouldBe(2);
        refused.Error.ShouldContain("平台正在使用该数据库");
        refused.Error.ShouldContain("请先停止平台");
        Data(await DatabaseFingerprint.TakeAsync(storage)).ToList().ShouldBe(Data(before).ToList());

        await platform.DisposeAsync();
        var restored = Run(storage, "restore", file, "--force");
        restored.Error.ShouldBeEmpty();
        restored.Code.ShouldBe(0);
        string.Join("\n", Data(await DatabaseFingerprint.TakeAsync(storage))).ShouldNotBe(string.Join("\n", Data(before)), "the backup, taken before the change, is back");
    }

    public enum BadFile { Garbage, Truncated, Corrupted, OtherProvider }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite, BadFile.Garbage, "不是本平台的备份文件")]
    [InlineData(StorageProvider.Sqlite, BadFile.Truncated, "备份文件")]
    [InlineData(StorageProvider.Sqlite, BadFile.Corrupted, "备份文件")]
    [InlineData(StorageProvider.Sqlite, BadFile.OtherProvider, "只能恢复同类数据库的备份")]
    [InlineData(StorageProvider.PostgreSql, BadFile.Garbage, "不是本平台的备份文件")]
    [InlineData(StorageProvider.PostgreSql, BadFile.Truncated, "pg_restore")]
    [InlineData(StorageProvider.PostgreSql, BadFile.Corrupted, "pg_restore")]
    [InlineData(StorageProvider.PostgreSql, BadFile.OtherProvider, "只能恢复同类数据库的备份")]
    public async Task A_bad_file_is_refused_in_chinese_and_the_database_is_untouched(StorageProvider provider, BadFile kind, string message)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        var file = Path.Combine(NewFolder(), "bad.bin");
        switch (kind)
        {
            case BadFile.Garbage:
                await File.WriteAllBytesAsync(file, System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("这不是备份文件。", 500))));
                break;
            case BadFile.Truncated:
                Run(storage, "backup", file).Code.ShouldBe(0);
                var bytes = await File.ReadAllBytesAsync(file);
                await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case BadFile.Corrupted:
                // The beginning intact (a valid header and, for pg_dump, its table of contents), the middle overwritten.
                Run(storage, "backup", file).Code.ShouldBe(0);
                var content = await File.ReadAllBytesAsync(file);
                new Random(6).NextBytes(content.AsSpan(content.Length / 3, content.Length / 3));
                await File.WriteAllBytesAsync(file, content);
                break;
            case BadFile.OtherProvider:
                var other = provider == StorageProvider.Sqlite ? StorageProvider.PostgreSql : StorageProvider.Sqlite;
                var otherDb = TestDatabases.Create(other);
                await DatabaseSetup.InitializeAsync(otherDb, Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory));
                Run(otherDb, "backup", file).Code.ShouldBe(0);
                break;
        }
        var before = await DatabaseFingerprint.TakeAsync(storage);

        var run = Run(storage, "restore", file, "--force");
        run.Code.ShouldBe(2);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain(message);
        run.Error.ShouldContain("数据库未作任何改动");
        run.Error.ShouldNotContain("   at "); // no stack trace
        (await DatabaseFingerprint.TakeAsync(storage)).ShouldBe(before);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_older_backup_is_restored_and_upgraded_a_newer_one_is_refused(StorageProvider provider)
    {
        var old = TestDatabases.Create(provider);
        old.EnsureSqliteFolder();
        await using (var db = old.CreateContext())
            await new SchemaMigrator(db, provider).UpgradeAsync(target: 10);
        var folder = NewFolder();
        var oldFile = Path.Combine(folder, "old-" + BackupName(provider));
        Run(old, "backup", oldFile).Code.ShouldBe(0);

        // Into an empty database: restored, then upgraded to exactly the schema of a fresh one.
        var empty = TestDatabases.Create(provider);
        var restored = Run(empty, "restore", oldFile);
        restored.Error.ShouldBeEmpty();
        restored.Code.ShouldBe(0);
        restored.Out.ShouldContain($"备份的结构版本 10，已升级到 {SchemaMigrator.LatestVersion(provider)}");
        var fresh = TestDatabases.Create(provider);
        await using (var db = fresh.CreateContext())
            await new SchemaMigrator(db, provider).UpgradeAsync();
        (await DatabaseFingerprint.TakeAsync(empty)).Where(t => !t.StartsWith("schema_version:")).ShouldBe(
            (await DatabaseFingerprint.TakeAsync(fresh)).Where(t => !t.StartsWith("schema_version:")));

        // Onto a database at the current version with data (--force): SQLite replaces the whole file; pg_restore
        // --clean cannot drop tables the newer schema ties to its own, so PostgreSQL asks for an empty database.
        var current = await TestDatabases.WithDemoAsync(provider);
        var currentBefore = await DatabaseFingerprint.TakeAsync(current);
        var onto = Run(current, "restore", oldFile, "--force");
        if (provider == StorageProvider.Sqlite)
        {
            onto.Error.ShouldBeEmpty();
            onto.Code.ShouldBe(0);
            // The same data as the other restore; only schema_version's times of upgrade differ.
            (await DatabaseFingerprint.TakeAsync(current)).Where(t => !t.StartsWith("schema_version:")).ShouldBe(
                (await DatabaseFingerprint.TakeAsync(empty)).Where(t => !t.StartsWith("schema_version:")));
        }
        else
        {
            onto.Code.ShouldBe(2);
            onto.Error.ShouldContain("请新建一个空数据库");
            onto.Error.ShouldContain("数据库未作任何改动");
            (await DatabaseFingerprint.TakeAsync(current)).ShouldBe(currentBefore);
        }

        // A backup from a newer build: refused before anything is touched.
        await using (var db = old.CreateContext())
            await db.Database.ExecuteSqlRawAsync("INSERT INTO schema_version (version, name, applied_at_utc) VALUES (999, 'future', '2030-01-01')");
        var newFile = Path.Combine(folder, "new-" + BackupName(provider));
        Run(old, "backup", newFile).Code.ShouldBe(0);
        var before = await DatabaseFingerprint.TakeAsync(empty);
        var refused = Run(empty, "restore", newFile, "--force");
        refused.Code.ShouldBe(2);
        refused.Error.ShouldContain("备份的结构版本为 999，比本程序支持的最新版本");
        refused.Error.ShouldContain("请先把程序升级");
        (await DatabaseFingerprint.TakeAsync(empty)).ShouldBe(before);
    }

    [Fact]
    public async Task A_sqlite_backup_taken_while_another_connection_writes_is_consistent()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.Sqlite);
        int[] towns;
        int county;
        await using (var db = storage.CreateContext())
        {
            towns = await db.Towns.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToArrayAsync();
            county = await db.Jurisdictions.OrderBy(j => j.Id).Select(j => j.Id).FirstAsync();
        }

        // Each write renames two towns and adds one unit in one transaction: a consistent copy shows both
        // towns with the same number and exactly that many units. (Two towns of a county cannot share a name.)
        var written = 0;
        var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var next = written + 1;
                await using var db = storage.CreateContext();
                foreach (var town in await db.Towns.Where(t => towns.Contains(t.Id)).ToListAsync()) town.Name = $"并发写入{next}-{town.Id}";
                db.Units.Add(new Unit { JurisdictionId = county, Name = $"并发单位{next}" });
                await db.SaveChangesAsync();
                Volatile.Write(ref written, next);
            }
        });
        while (Volatile.Read(ref written) < 5 && !writer.IsCompleted) await Task.Delay(10);

        var file = Path.Combine(NewFolder(), "during-writes.db");
        var backup = Run(storage, "backup", file);
        var afterBackup = Volatile.Read(ref written);
        while (Volatile.Read(ref written) < afterBackup + 3 && !writer.IsCompleted) await Task.Delay(10);
        await stop.CancelAsync();
        await writer; // the writer never failed while the copy was taken

        backup.Error.ShouldBeEmpty();
        backup.Code.ShouldBe(0);
        var copy = new StorageSettings(StorageProvider.Sqlite, $"Data Source={file};Pooling=False;Mode=ReadOnly");
        await using var check = copy.CreateContext();
        (await check.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).ShouldBe(["ok"]);
        var units = await check.Units.CountAsync(u => u.Name.StartsWith("并发单位"));
        units.ShouldBeGreaterThanOrEqualTo(5);
        var names = await check.Towns.Where(t => towns.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.Name).ToListAsync();
        names.ShouldBe(towns.Select(id => $"并发写入{units}-{id}").ToList());
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_a_file_unless_forced_and_names_files_in_a_folder()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.Sqlite);
        var folder = NewFolder();
        var file = Path.Combine(folder, "a.db");
        await File.WriteAllTextAsync(file, "留着");
        var refused = Run(storage, "backup", file);
        refused.Code.ShouldBe(2);
        refused.Error.ShouldContain("已存在");
        (await File.ReadAllTextAsync(file)).ShouldBe("留着");
        Run(storage, "backup", file, "--force").Code.ShouldBe(0);
        SpecializedTowns.Data.Backup.BackupFiles.Detect(file).ShouldBe(SpecializedTowns.Data.Backup.BackupFormat.Sqlite);

        var dated = Run(storage, "backup", folder + "/");
        dated.Code.ShouldBe(0);
        Directory.GetFiles(folder, "specialized-towns-*.db").Length.ShouldBe(1);
        Directory.GetFiles(folder, "*.tmp").ShouldBeEmpty();

        var missing = Run(new StorageSettings(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "none.db")}"), "backup", Path.Combine(folder, "b.db"));
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain("不存在");
        File.Exists(Path.Combine(folder, "none.db")).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task Pg_dump_gets_the_password_from_the_environment_and_its_failure_is_reported_with_its_message()
    {
        if (OperatingSystem.IsWindows()) return;
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        var settings = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        settings.Password ??= "s3cret-backup"; // the test server trusts local connections and ignores it
        storage = storage with { ConnectionString = settings.ConnectionString };

        // A stand-in pg_dump that records what it was given and fails like a real one would.
        var bin = NewFolder();
        var script = Path.Combine(bin, "pg_dump");
        await File.WriteAllTextAsync(script, $$"""
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 99.0"; exit 0; fi
            echo "$@" > {{bin}}/args
            echo "$PGPASSWORD" > {{bin}}/password
            echo "pg_dump: error: 模拟的失败" >&2
            exit 1
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(bin, "pg_restore"), SpecializedTowns.Data.Backup.PostgresTools.Locate("pg_restore"));

        var file = Path.Combine(NewFolder(), "x.dump");
        var run = Run(storage, "backup", file, "--pg-bin", bin);
        run.Code.ShouldBe(2);
        run.Error.ShouldContain("pg_dump 备份失败");
        run.Error.ShouldContain("模拟的失败");
        File.Exists(file).ShouldBeFalse();
        Directory.GetFiles(Path.GetDirectoryName(file)!).ShouldBeEmpty();
        (await File.ReadAllTextAsync(Path.Combine(bin, "password"))).Trim().ShouldBe(settings.Password);
        var args = await File.ReadAllTextAsync(Path.Combine(bin, "args"));
        args.ShouldContain("--format=custom");
        args.ShouldNotContain(settings.Password!);

        var none = Run(storage, "backup", file, "--pg-bin", NewFolder());
        none.Code.ShouldBe(2);
        none.Error.ShouldContain("中没有可用的 pg_dump");
    }
}
