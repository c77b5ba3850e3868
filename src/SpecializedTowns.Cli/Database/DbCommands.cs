using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Schema;

namespace SpecializedTowns.Cli.Database;

public static class DbCommands
{
    public static Command Create(CliContext ctx)
    {
        var db = new Command("db", "数据库：初始化、升级、查看版本");
        db.Options.Add(CliStorage.ProviderOption);
        db.Options.Add(CliStorage.ConnectionOption);

        var init = new Command("init", "建立或升级数据库结构，并登记政策包（不载入演示数据）");
        init.SetAction(async (parse, ct) =>
        {
            var storage = CliStorage.Resolve(parse);
            var catalog = ctx.LoadPolicies(parse);
            var report = await DatabaseSetup.InitializeAsync(storage, catalog, ct);
            ctx.Out.WriteLine($"{storage.Describe()}：结构版本 {report.FromVersion} → {report.ToVersion}，登记政策文件 {report.PolicyDocuments} 份。");
            return Cli.Ok;
        });

        var upgrade = new Command("upgrade", "把数据库结构升级到最新版本");
        var to = new Option<int?>("--to") { Description = "只升级到指定版本" };
        upgrade.Options.Add(to);
        upgrade.SetAction(async (parse, ct) =>
        {
            var storage = CliStorage.Resolve(parse);
            storage.EnsureSqliteFolder();
            await using var context = storage.CreateContext();
            var migrator = new SchemaMigrator(context, storage.Provider);
            var from = await migrator.CurrentVersionAsync(ct);
            var applied = await migrator.UpgradeAsync(parse.GetValue(to), ct);
            foreach (var step in applied) ctx.Out.WriteLine($"  已应用 {step.Version:D4} {step.Name}");
            ctx.Out.WriteLine(applied.Count == 0
                ? $"{storage.Describe()}：结构已是版本 {from}，无需升级。"
                : $"{storage.Describe()}：结构版本 {from} → {applied[^1].Version}。");
            return Cli.Ok;
        });

        var status = new Command("status", "查看数据库结构版本");
        status.SetAction(async (parse, ct) =>
        {
            var storage = CliStorage.Resolve(parse);
            CliDatabase.RequireExisting(storage);
            await using var context = storage.CreateContext();
            var current = await new SchemaMigrator(context, storage.Provider).CurrentVersionAsync(ct);
            ctx.Out.WriteLine($"{storage.Describe()}：结构版本 {current}，程序支持的最新版本 {SchemaMigrator.LatestVersion(storage.Provider)}。");
            return Cli.Ok;
        });

        // For developers writing the next migration: the schema the EF model expects, per provider.
        var script = new Command("script", "输出当前模型对应的建表 SQL（开发用）") { Hidden = true };
        script.SetAction(parse =>
        {
            var storage = CliStorage.Resolve(parse);
            using var context = storage.CreateContext();
            ctx.Out.WriteLine(context.Database.GenerateCreateScript());
            return Cli.Ok;
        });

        db.Subcommands.Add(init);
        db.Subcommands.Add(upgrade);
        db.Subcommands.Add(status);
        db.Subcommands.Add(script);
        return db;
    }
}
