using System.CommandLine;
using SpecializedTowns.Cli.Database;
using SpecializedTowns.Cli.Policies;
using SpecializedTowns.Cli.Recognition;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Data.Towns;
using Spectre.Console;

namespace SpecializedTowns.Cli.Towns;

public static class TownCommands
{
    private static readonly Option<string?> JurisdictionOption = new("--jurisdiction") { Description = "行政区划名称，如 垣曲县、运城市" };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "以 JSON 输出" };

    public static Command CreateTowns(CliContext ctx)
    {
        var towns = new Command("towns", "专业镇名录");
        towns.Options.Add(CliStorage.ProviderOption);
        towns.Options.Add(CliStorage.ConnectionOption);
        var tier = new Option<string?>("--tier") { Description = "梯次：reserve 储备、county 县级、municipal 市级、provincial 省级" };
        var category = new Option<string?>("--category") { Description = "领域：manufacturing、specialty-agriculture、specialty-light-industry、culture-tourism-health" };
        var search = new Option<string?>("--search") { Description = "按名称或主导产业查找" };
        var page = new Option<int>("--page") { Description = "页码", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "每页条数", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "列出专业镇") { JurisdictionOption, tier, category, search, page, pageSize, JsonOption };
        list.SetAction(async (parse, ct) =>
        {
            var tierValue = parse.GetValue(tier);
            Tier? parsedTier = tierValue is null ? null : Tiers.Parse(tierValue) ?? throw new UserInputException($"未知的梯次“{tierValue}”，可用：reserve、county、municipal、provincial");
            var categoryValue = parse.GetValue(category);
            if (categoryValue is not null && !IndustryCategories.IsKnown(categoryValue))
                throw new UserInputException($"未知的领域“{categoryValue}”，可用：{string.Join("、", IndustryCategories.Names.Keys)}");
            await using var db = await CliDatabase.OpenAsync(parse, ct);
            var result = await TownQueries.ListAsync(db, new TownFilter
            {
                Jurisdiction = parse.GetValue(JurisdictionOption), Tier = parsedTier, Category = categoryValue,
                Search = parse.GetValue(search), Page = parse.GetValue(page), PageSize = parse.GetValue(pageSize),
            }, ct);
            if (parse.GetValue(JsonOption)) { ctx.WriteJson(result); return Cli.Ok; }
            var table = new Table().AddColumns("专业镇", "所在县（市、区）", "乡镇（街道）", "领域", "主导产业", "梯次", "年产值", "就业");
            foreach (var t in result.Items)
                table.AddRow(PolicyCommands.Esc(t.Name + (t.IsDemo ? "（演示）" : "")), PolicyCommands.Esc(t.County), PolicyCommands.Esc(string.Join("、", t.Townships)),
                    IndustryCategories.NameOf(t.Category), PolicyCommands.Esc(t.LeadingIndustry), Tiers.Chinese(t.Tier),
                    t.OutputValueWanYuan is { } v ? $"{Quantity.Money(v)}（{t.Year}年）" : "—", t.Employment?.ToString("#,0") ?? "—");
            var console = PolicyCommands.Console(ctx.Out);
            console.Write(table);
            console.WriteLine(result.Total == 0 ? "没有符合条件的专业镇。运行 demo load 载入演示数据。" : $"共 {result.Total} 个，第 {result.Page}/{result.Pages} 页");
            return Cli.Ok;
        });
        towns.Subcommands.Add(list);
        return towns;
    }

    public static Command CreateRecognize(CliContext ctx)
    {
        var standardOption = new Option<string>("--standard") { Description = "认定标准编号", Required = true };
        var recognize = new Command("recognize", "用一个认定标准检查数据库中的全部专业镇") { standardOption, JurisdictionOption, JsonOption };
        recognize.Options.Add(CliStorage.ProviderOption);
        recognize.Options.Add(CliStorage.ConnectionOption);
        recognize.SetAction(async (parse, ct) =>
        {
            var standard = CheckCommand.FindStandard(ctx.LoadPolicies(parse), parse.GetValue(standardOption)!);
            await using var db = await CliDatabase.OpenAsync(parse, ct);
            var results = await StoredTownRecognition.RecognizeAsync(db, standard, parse.GetValue(JurisdictionOption), ct);
            if (parse.GetValue(JsonOption))
            {
                ctx.WriteJson(results.Select(r => new { r.TownId, town = r.TownName, r.County, tier = Tiers.Key(r.Tier), r.Year, r.Result }).ToList());
                return Cli.Ok;
            }
            var table = new Table().AddColumns("专业镇", "所在县（市、区）", "现梯次", "统计年度", "结论", "未满足 / 需评审", "差距");
            foreach (var r in results)
            {
                var open = r.Result.Criteria.Where(c => c.Result != Results.Met).Select(c => $"{c.Title}：{Results.Chinese[c.Result]}");
                table.AddRow(PolicyCommands.Esc(r.TownName), PolicyCommands.Esc(r.County), Tiers.Chinese(r.Tier), r.Year?.ToString() ?? "—",
                    Results.Chinese[r.Result.Outcome], PolicyCommands.Esc(string.Join("；", open)), PolicyCommands.Esc(string.Join("，", r.Result.Gaps.Select(g => g.Text))));
            }
            var console = PolicyCommands.Console(ctx.Out);
            console.WriteLine($"{standard.Name}（{standard.Id}）");
            console.Write(table);
            console.WriteLine($"共 {results.Count} 个专业镇：符合 {results.Count(r => r.Result.Outcome == Results.Eligible)}，需评审 {results.Count(r => r.Result.Outcome == Results.NeedsReview)}，不符合 {results.Count(r => r.Result.Outcome == Results.Ineligible)}。");
            return Cli.Ok;
        });
        return recognize;
    }
}
