using System.CommandLine;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Demo;

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
        return demo;
    }
}
