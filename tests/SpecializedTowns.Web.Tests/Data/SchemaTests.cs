using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Schema;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class SchemaTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Migrations_build_exactly_the_schema_the_model_expects(StorageProvider provider)
    {
        var migrated = TestDatabases.Create(provider);
        await using (var db = migrated.CreateContext())
            await new SchemaMigrator(db, provider).UpgradeAsync();

        var modelled = TestDatabases.Create(provider);
        await using (var db = modelled.CreateContext())
            await db.Database.EnsureCreatedAsync();

        var actual = await SchemaSnapshot.TakeAsync(migrated);
        var expected = await SchemaSnapshot.TakeAsync(modelled);
        actual.Except(expected).ShouldBeEmpty("the migrations create what the model lacks");
        expected.Except(actual).ShouldBeEmpty("the model has what no migration creates: add a migration step");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Upgrading_step_by_step_keeps_data_and_records_each_version(StorageProvider provider)
    {
        var storage = TestDatabases.Create(provider);
        var steps = SchemaMigrator.All(provider);
        steps.Select(s => s.Version).ShouldBe(Enumerable.Range(1, steps.Count), "versions are numbered 1, 2, 3 … without gaps");

        await using var db = storage.CreateContext();
        var migrator = new SchemaMigrator(db, provider);
        (await migrator.CurrentVersionAsync()).ShouldBe(0);
        await migrator.UpgradeAsync(target: 1);
        (await migrator.CurrentVersionAsync()).ShouldBe(1);

        // Data written at version 1 must survive every later step.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO jurisdictions (name, level, code, parent_id, path) VALUES ('山西省', 1, '140000', NULL, '山西省')");
        var applied = await migrator.UpgradeAsync();
        applied.Count.ShouldBe(steps.Count - 1);
        (await migrator.CurrentVersionAsync()).ShouldBe(SchemaMigrator.LatestVersion(provider));
        (await db.Jurisdictions.SingleAsync()).Name.ShouldBe("山西省");

        (await migrator.UpgradeAsync()).ShouldBeEmpty("a second upgrade has nothing to do");
    }

    [Fact]
    public void Both_providers_have_the_same_steps()
    {
        SchemaMigrator.All(StorageProvider.Sqlite).Select(s => (s.Version, s.Name))
            .ShouldBe(SchemaMigrator.All(StorageProvider.PostgreSql).Select(s => (s.Version, s.Name)));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Version_5_turns_the_unit_names_of_accounts_into_units(StorageProvider provider)
    {
        var storage = TestDatabases.Create(provider);
        await using var db = storage.CreateContext();
        var migrator = new SchemaMigrator(db, provider);
        await migrator.UpgradeAsync(target: 4);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO jurisdictions (name, level, code, parent_id, path) VALUES ('垣曲县', 3, '140827', NULL, '山西省/运城市/垣曲县')");
        var (f, t) = provider == StorageProvider.Sqlite ? ("0", "1") : ("false", "true");
        // Only the provider's boolean literals are spliced in; the values are parameters.
#pragma warning disable EF1003
        foreach (var (name, unit) in new[] { ("a", "县工科局"), ("b", " 县工科局 "), ("c", "县农业农村局"), ("d", (string?)null) })
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"AspNetUsers\" (display_name, jurisdiction_id, unit_name, created_at_utc, \"UserName\", \"EmailConfirmed\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\") " +
                $"SELECT {{0}}, id, {{1}}, '2024-01-01T00:00:00', {{0}}, {f}, {f}, {f}, {t}, 0 FROM jurisdictions", name, unit!);
#pragma warning restore EF1003
        await migrator.UpgradeAsync();

        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Select(u => new { u.UserName, Unit = u.Unit!.Name }).ToListAsync();
        users.Select(u => u.Unit).ShouldBe(["县工科局", "县工科局", "县农业农村局", null]);
        (await db.Units.CountAsync()).ShouldBe(2);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Version_48_puts_the_task_numbers_of_plans_built_before_it_in_full_width_brackets(StorageProvider provider)
    {
        // A database at version 47 whose 垣曲 plan was built from the pack as printed: "(一)" beside "（三）".
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE plan_tasks SET number = ' (' || substr(number, 2, length(number) - 2) || ')' WHERE number IN ('（一）', '（二）')");
        // Only step 48 again: the later steps are in place, and most cannot run twice (they create tables).
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE later_steps AS SELECT * FROM schema_version WHERE version > 48");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 48");
        (await db.PlanTasks.CountAsync(t => t.Number == " (一)")).ShouldBeGreaterThan(0);

        await new SchemaMigrator(db, provider).UpgradeAsync(target: 48);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO schema_version SELECT * FROM later_steps");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE later_steps");

        var numbers = await db.PlanTasks.AsNoTracking().Where(t => t.Number != null).Select(t => t.Number!).ToListAsync();
        numbers.ShouldContain("（一）");
        numbers.ShouldAllBe(n => !n.Contains('(') && !n.Contains(')') && n == n.Trim());
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Version_49_gives_projects_landed_before_it_the_landing_day_their_lead_recorded(StorageProvider provider)
    {
        // A database at version 48: a lead landed as a key project, whose day only the lead (and the project's text) kept.
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var lead = await db.InvestmentLeads.FirstAsync(l => l.Name == "香菇酱及休闲食品生产线");
        var landedOn = lead.SignedOn!.Value.AddDays(3);
        var projectId = await db.Projects.Where(p => p.County!.Name == "垣曲县").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        lead.Stage = Core.Projects.LeadStage.Landed;
        lead.LandedOn = landedOn;
        lead.KeyProjectId = projectId;
        // A lead tied to a project with no landing record of its own (a slip of old data) gives it nothing.
        var other = await db.InvestmentLeads.FirstAsync(l => l.Id != lead.Id);
        var otherProjectId = await db.Projects.Where(p => p.Id != projectId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        other.KeyProjectId = otherProjectId;
        other.LandedOn = null;
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE key_projects DROP COLUMN landed_on");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 49");

        // Step 49 alone: the later steps' changes are still in place in this database.
        await new SchemaMigrator(db, provider).UpgradeAsync(target: 49);

        var landed = await db.Projects.AsNoTracking().Where(p => p.LandedOn != null).Select(p => new { p.Id, p.LandedOn }).ToListAsync();
        landed.ShouldBe([new { Id = projectId, LandedOn = (DateOnly?)landedOn }]);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Version_53_gives_each_file_to_the_finding_that_named_it_and_a_file_two_findings_named_a_copy_for_the_second(StorageProvider provider)
    {
        // A database at version 52: one file per finding, named by notice_items.attachment_id. Findings 1 and 3 name the same
        // file (the API allowed it), finding 2 its own, and one file was uploaded and named by no finding.
        var storage = TestDatabases.Create(provider);
        await using var db = storage.CreateContext();
        var migrator = new SchemaMigrator(db, provider);
        await migrator.UpgradeAsync(target: 52);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO jurisdictions (name, level, code, parent_id, path) VALUES ('垣曲县', 3, '140827', NULL, '山西省/运城市/垣曲县')");
        var county = await db.Database.SqlQueryRaw<int>("SELECT id AS \"Value\" FROM jurisdictions").SingleAsync();
        var issued = new DateTime(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO notices (issuing_jurisdiction_id, issuing_office, number_prefix, number_year, number_sequence, document_number, recipient_kind, recipient_name, addressee, " +
            "recipient_area_id, subject, basis, issued_on, deadline, contact_name, contact_phone, copy_to, state, created_by, created_at_utc, version, is_demo) " +
            "VALUES ({0}, '垣曲县专业镇发展领导小组办公室', '垣专办督', 2025, 2, '垣专办督〔2025〕2号', 1, '历山镇蜂蜜专业镇', '历山镇人民政府', {0}, '历山镇蜂蜜专业镇建设工作', '2024年度评估', " +
            "{1}, {2}, '李明', '0359-6022135', '', 1, '垣曲县专业镇办', {3}, 1, {4})",
            county, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), issued, false);
        var notice = await db.Database.SqlQueryRaw<int>("SELECT id AS \"Value\" FROM notices").SingleAsync();
        byte[] permit = [.. "%PDF-1.4 施工许可证"u8], receipt = [.. "%PDF-1.4 报送回执"u8], loose = [.. "%PDF-1.4 x"u8];
        var fileIds = new List<int>();
        foreach (var (name, content) in new[] { ("许可证.pdf", permit), ("回执.pdf", receipt), ("x.pdf", loose) })
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO notice_files (notice_id, file_name, content_type, size, content, uploaded_by, uploaded_at_utc) VALUES ({0}, {1}, 'application/pdf', {2}, {3}, '历山镇专业镇专干', {4})",
                notice, name, (long)content.Length, content, issued.AddDays(4));
            fileIds.Add(await db.Database.SqlQueryRaw<int>("SELECT MAX(id) AS \"Value\" FROM notice_files").SingleAsync());
        }
        foreach (var (position, file) in new[] { (1, fileIds[0]), (2, fileIds[1]), (3, fileIds[0]) })
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO notice_items (notice_id, position, finding, source, state, measures, attachment_id) VALUES ({0}, {1}, {2}, '2024年度评估', 2, '已整改', {3})",
                notice, position, $"问题{position}", file);

        await migrator.UpgradeAsync();

        var positions = await db.NoticeItems.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Position);
        var files = await db.NoticeFiles.AsNoTracking().OrderBy(f => f.Id).Select(f => new { f.Id, f.NoticeItemId, f.FileName, f.Content }).ToListAsync();
        files.Select(f => (f.FileName, f.NoticeItemId is { } i ? positions[i] : (int?)null)).ShouldBe([("许可证.pdf", 1), ("回执.pdf", 2), ("x.pdf", null), ("许可证.pdf", 3)]);
        files.Take(3).Select(f => f.Id).ShouldBe(fileIds, "the files keep their ids: links to them still work");
        files[3].Id.ShouldBeGreaterThan(fileIds.Max());
        files[3].Content.ShouldBe(permit);

        // The files follow their finding (the reference survived SQLite's rebuild), and a copy is the second finding's alone.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM notice_items WHERE position = 3");
        (await db.NoticeFiles.AsNoTracking().OrderBy(f => f.Id).Select(f => f.FileName).ToListAsync()).ShouldBe(["许可证.pdf", "回执.pdf", "x.pdf"]);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM notices");
        (await db.NoticeFiles.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_database_newer_than_the_program_is_refused()
    {
        var storage = TestDatabases.Create(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var migrator = new SchemaMigrator(db, StorageProvider.Sqlite);
        await migrator.UpgradeAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO schema_version (version, name, applied_at_utc) VALUES (999, 'future', '2030-01-01')");
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => migrator.UpgradeAsync());
        ex.Message.ShouldContain("比本程序支持的");
    }
}

/// <summary>Tables, columns (type, nullability, how a generated one is computed) and index names of a database, provider-neutral enough to compare.</summary>
internal static class SchemaSnapshot
{
    public static async Task<HashSet<string>> TakeAsync(StorageSettings storage)
    {
        await using var db = storage.CreateContext();
        var sql = storage.Provider == StorageProvider.Sqlite
            ? """
              SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || CASE WHEN p."notnull" = 1 THEN ' not null' ELSE '' END || CASE WHEN p.pk > 0 THEN ' pk' ELSE '' END
                  || CASE p.hidden WHEN 2 THEN ' generated virtual' WHEN 3 THEN ' generated stored' ELSE '' END AS "Value"
              FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p
              WHERE m.type = 'table' AND m.name NOT IN ('schema_version', 'sqlite_sequence')
                  -- The FTS5 index of the audit names (step 43) and its shadow tables: not something the model can describe.
                  AND m.name NOT LIKE 'audit\_label\_grams%' ESCAPE '\'
              UNION ALL
              SELECT 'index ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' AND tbl_name <> 'schema_version'
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '') || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
                  || COALESCE(' generated ' || generation_expression, '') AS "Value"
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_version'
              UNION ALL
              SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_version'
              UNION ALL
              SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid NOT IN (SELECT oid FROM pg_class WHERE relname = 'schema_version')
              """;
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).ToHashSet();
    }
}
