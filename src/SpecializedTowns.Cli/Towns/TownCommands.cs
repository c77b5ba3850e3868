using System.CommandLine;
using SpecializedTowns.Cli.Database;
using SpecializedTowns.Cli.Policies;
using SpecializedTowns.Cli.Recognition;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Jurisdictions;
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
        var tier = new Option<string?>("--tier") { Description = $"梯次：{CodeLists.Tier.Choices}，代码或中文名称均可" };
        var category = new Option<string?>("--category") { Description = $"领域：{CodeLists.IndustryCategory.Choices}，代码或中文名称均可" };
        var search = new Option<string?>("--search") { Description = "按名称或主导产业查找" };
        var page = new Option<int>("--page") { Description = "页码", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = $"每页条数（1–{Paged<TownListItem>.MaxPageSize}）", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "列出专业镇") { JurisdictionOption, tier, category, search, page, pageSize, JsonOption };
        list.SetAction(async (parse, ct) =>
        {
            // Read as the web's filters and the API read them (字典): the code in any letter case or the Chinese name.
            var tierValue = parse.GetValue(tier);
            if (!CodeLists.TryParse<Tier>(tierValue, out var parsedTier))
                throw new UserInputException($"未知的梯次“{tierValue}”，可用：{CodeLists.Tier.Choices}");
            var categoryValue = parse.GetValue(category);
            var categoryKey = string.IsNullOrWhiteSpace(categoryValue) ? null
                : CodeLists.IndustryCategory.Find(categoryValue)?.Code ?? throw new UserInputException($"未知的领域“{categoryValue}”，可用：{CodeLists.IndustryCategory.Choices}");
            var (pageValue, sizeValue) = (parse.GetValue(page), parse.GetValue(pageSize));
            if (pageValue < 1) throw new UserInputException($"页码应从 1 开始（收到 {pageValue}）");
            if (sizeValue is < 1 or > Paged<TownListItem>.MaxPageSize)
                throw new UserInputException($"每页条数应在 1 到 {Paged<TownListItem>.MaxPageSize} 之间（收到 {sizeValue}）");

            await using var db = await CliDatabase.OpenAsync(parse, ct);
            var area = await ResolveAsync(db, parse.GetValue(JurisdictionOption), ct);
            var result = await TownQueries.ListAsync(db, new TownFilter
            {
                JurisdictionPath = area, Tier = parsedTier, Category = categoryKey,
                Search = parse.GetValue(search), Page = pageValue, PageSize = sizeValue,
            }, ct);
            if (result.Total > 0 && pageValue > result.Pages)
                throw new UserInputException($"共 {result.Total} 个专业镇、{result.Pages} 页，没有第 {pageValue} 页");
            if (parse.GetValue(JsonOption)) { ctx.WriteJson(result); return Cli.Ok; }

            var table = new Table().AddColumns("专业镇", "所在市", "所在县（市、区）", "乡镇（街道）", "领域", "主导产业", "梯次", "年产值", "就业（人）");
            foreach (var t in result.Items)
                table.AddRow(PolicyCommands.Esc(t.Name + (t.IsDemo ? "（演示）" : "")), PolicyCommands.Esc(CityOf(t.CountyPath)), PolicyCommands.Esc(t.County),
                    PolicyCommands.Esc(string.Join("、", t.Townships)), IndustryCategories.NameOf(t.Category), PolicyCommands.Esc(t.LeadingIndustry), Tiers.Chinese(t.Tier),
                    t.OutputValueWanYuan is { } v ? $"{Quantity.Money(v)}（{t.Year}年）" : "—", t.Employment?.ToString("#,0") ?? "—");
            var console = PolicyCommands.Console(ctx.Out);
            console.Write(table);
            var any = await TownQueries.ListAsync(db, new TownFilter { PageSize = 1 }, ct);
            console.WriteLine(result.Total > 0 ? $"共 {result.Total} 个，第 {result.Page}/{result.Pages} 页"
                : any.Total == 0 ? "数据库中还没有专业镇。运行 demo load 可载入演示数据。"
                : "没有符合条件的专业镇，请放宽筛选条件。");
            return Cli.Ok;
        });
        towns.Subcommands.Add(list);
        return towns;
    }

    public static Command CreateRecognize(CliContext ctx)
    {
        var standardOption = new Option<string>("--standard") { Description = "认定标准编号", Required = true };
        var recognize = new Command("recognize", "用一个认定标准检查数据库中该标准适用范围内的全部专业镇") { standardOption, JurisdictionOption, JsonOption };
        recognize.Options.Add(CliStorage.ProviderOption);
        recognize.Options.Add(CliStorage.ConnectionOption);
        recognize.SetAction(async (parse, ct) =>
        {
            var catalog = ctx.LoadPolicies(parse);
            await using var db = await CliDatabase.OpenAsync(parse, ct);
            // The numbers the office entered on the platform count here as they do on its pages (decision 0021).
            await SpecializedTowns.Data.Recognition.ThresholdValueStore.RefreshAsync(db, catalog, ct);
            var standard = CheckCommand.FindStandard(catalog, parse.GetValue(standardOption)!);
            var area = catalog.AreaOf(standard);
            var asked = await ResolveAsync(db, parse.GetValue(JurisdictionOption), ct);
            // A standard applies where the document that defines it governs: 永济's county standard is not 垣曲's.
            var scope = asked is null || Jurisdiction.IsWithin(asked, area) ? asked ?? area
                : Jurisdiction.IsWithin(area, asked) ? area
                : throw new UserInputException($"{standard.Name}适用于{Last(area)}，{Last(asked)}不在其范围内");
            var results = await StoredTownRecognition.RecognizeAsync(db, standard, scope, ct);
            if (parse.GetValue(JsonOption))
            {
                ctx.WriteJson(new
                {
                    standard = standard.Id, scope, towns = results.Select(r => new { r.TownId, town = r.TownName, r.County, tier = Tiers.Key(r.Tier), r.Year, r.IsDemo, r.Result }).ToList(),
                });
                return Cli.Ok;
            }
            var table = new Table().AddColumns("专业镇", "所在县（市、区）", "现梯次", "统计年度", "结论", "未满足 / 需评审", "差距");
            foreach (var r in results)
            {
                var open = r.Result.Criteria.Where(c => c.Result != Results.Met).Select(c => $"{c.Title}：{Results.Chinese[c.Result]}");
                table.AddRow(PolicyCommands.Esc(r.TownName + (r.IsDemo ? "（演示）" : "")), PolicyCommands.Esc(r.County), Tiers.Chinese(r.Tier), r.Year?.ToString() ?? "—",
                    Results.Chinese[r.Result.Outcome], PolicyCommands.Esc(string.Join("；", open)), PolicyCommands.Esc(string.Join("，", r.Result.Gaps.Select(g => g.Text))));
            }
            var console = PolicyCommands.Console(ctx.Out);
            console.WriteLine($"{standard.Name}（{standard.Id}），范围：{Last(scope)}");
            console.Write(table);
            console.WriteLine(results.Count == 0 ? "范围内没有专业镇。"
                : $"共 {results.Count} 个专业镇：符合 {results.Count(r => r.Result.Outcome == Results.Eligible)}，需评审 {results.Count(r => r.Result.Outcome == Results.NeedsReview)}，不符合 {results.Count(r => r.Result.Outcome == Results.Ineligible)}。");
            return Cli.Ok;
        });
        return recognize;
    }

    private static string Last(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string CityOf(string countyPath) => countyPath.Split('/') is { Length: >= 3 } parts ? parts[1] : "";

    private static async Task<string?> ResolveAsync(TownsDbContext db, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var match = await JurisdictionLookup.FindAsync(db, name, ct);
        return match.Found?.Path ?? throw new UserInputException(match.Problem(name)!);
    }
}
