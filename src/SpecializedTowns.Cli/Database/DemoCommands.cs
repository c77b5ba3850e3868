using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Demo;
using SpecializedTowns.Data.Demo.Scale;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Cli.Database;

public static class DemoCommands
{
    public static Command Create(CliContext ctx)
    {
        var demo = new Command("demo", "演示数据");
        demo.Options.Add(CliStorage.ProviderOption);
        demo.Options.Add(CliStorage.ConnectionOption);
        var load = new Command("load", "载入五份文件的演示数据（专业镇、企业、三年统计，均标记为演示）");
        load.SetAction(async (parse, ct) =>
        {
            var storage = CliStorage.Resolve(parse);
            var setup = await DatabaseSetup.InitializeAsync(storage, ctx.LoadPolicies(parse), ct);
            await using var db = storage.CreateContext();
            var report = await DemoData.LoadAsync(db, ct);
            ctx.Out.WriteLine(report.AlreadyLoaded
                ? $"{storage.Describe()}：演示数据此前已载入，未重复载入。"
                : $"{storage.Describe()}（结构版本 {setup.ToVersion}）：载入行政区划 {report.Jurisdictions} 个、专业镇 {report.Towns} 个、企业 {report.Enterprises} 家、年度统计 {report.StatisticRows} 条（演示数据）。");
            return Cli.Ok;
        });
        demo.Subcommands.Add(load);
        demo.Subcommands.Add(Generate(ctx));
        return demo;
    }

    private static Command Generate(CliContext ctx)
    {
        var scale = new Option<string>("--scale") { Description = "规模：province（全省：1,200 个乡镇、300 个专业镇、30 万家企业）或 national（全国，仅限 PostgreSQL：4 万个乡镇、500 万家企业）", Required = true };
        var seed = new Option<int>("--seed") { Description = "随机种子：同一种子生成完全相同的数据", DefaultValueFactory = _ => 20261 };
        var password = new Option<string?>("--password") { Description = "生成账号（含演示账号）的共用密码；不指定则自动生成并显示一次" };
        var divide = new Option<int>("--divide") { Description = "把各项数量除以此数（试用、测试）", DefaultValueFactory = _ => 1, Hidden = true };
        var command = new Command("generate", "在演示数据之上生成全省（或全国）规模的数据，用于性能测试与压测；全部标记为演示数据") { scale, seed, password, divide };
        command.SetAction(async (parse, ct) =>
        {
            var spec = ScaleSpec.Parse(parse.GetValue(scale));
            if (spec is null) throw new UserInputException($"规模“{parse.GetValue(scale)}”无效，可用：province、national");
            if (parse.GetValue(divide) < 1) throw new UserInputException("--divide 应为正整数");
            var storage = CliStorage.Resolve(parse);
            if (spec.IsNational && storage.Provider != StorageProvider.PostgreSql)
                throw new UserInputException("全国规模（500 万家企业）只在 PostgreSQL 上生成：请加 --provider PostgreSql --connection \"…\"");
            var given = parse.GetValue(password);
            var pass = string.IsNullOrWhiteSpace(given) ? AccountSeeder.Generate() : given;
            await DatabaseSetup.InitializeAsync(storage, ctx.LoadPolicies(parse), ct);
            await using var db = storage.CreateContext();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var progress = new Lines(line => ctx.Out.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}"));
            ScaleReport report;
            try { report = await ScaleGenerator.GenerateAsync(db, spec.Divide(parse.GetValue(divide)), parse.GetValue(seed), pass, progress, ct); }
            catch (InvalidOperationException ex) when (ex.Message.Any(c => c is >= '\u4e00' and <= '\u9fff')) { throw new UserInputException(ex.Message); }
            ctx.Out.WriteLine($"{storage.Describe()}：{spec.Name} 规模生成完成（种子 {parse.GetValue(seed)}，用时 {clock.Elapsed.TotalSeconds:F0} 秒）：行政区划 {report.Jurisdictions:N0} 个、专业镇 {report.Towns:N0} 个、" +
                $"企业 {report.Enterprises:N0} 家、企业年度统计 {report.EnterpriseStatistics:N0} 条、重点项目 {report.Projects:N0} 个（月度进展 {report.ProjectProgress:N0} 条）、" +
                $"重点任务 {report.Tasks:N0} 项、问题 {report.Problems:N0} 个、账号 {report.Accounts:N0} 个。");
            if (string.IsNullOrWhiteSpace(given)) ctx.Out.WriteLine($"账号共用密码：{pass}（只显示这一次；也可用 --password 指定）");
            return Cli.Ok;
        });
        return command;
    }

    // Not Progress<T>: that posts to the thread pool, and lines must come out in order and before the summary.
    private sealed class Lines(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
