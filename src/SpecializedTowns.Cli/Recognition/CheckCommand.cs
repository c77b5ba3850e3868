using System.CommandLine;
using SpecializedTowns.Cli.Policies;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using Spectre.Console;

namespace SpecializedTowns.Cli.Recognition;

/// <summary>`check`: contracts/recognition-check.md. Needs no database.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext ctx)
    {
        var standardOption = new Option<string>("--standard") { Description = "认定标准编号，如 yuncheng-municipal", Required = true };
        var factsOption = new Option<string>("--facts") { Description = "专业镇事实 JSON 文件", Required = true };
        var jsonOption = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("check", "用认定标准检查一个专业镇") { standardOption, factsOption, jsonOption };
        command.SetAction(parse =>
        {
            var catalog = ctx.LoadPolicies(parse);
            var standard = FindStandard(catalog, parse.GetValue(standardOption)!);
            var facts = ReadFacts(parse.GetValue(factsOption)!);
            var result = RecognitionEngine.Evaluate(standard, facts);
            if (parse.GetValue(jsonOption)) ctx.WriteJson(result);
            else WriteTable(ctx.Out, facts.Name, result);
            return Cli.Ok;
        });
        return command;
    }

    public static RecognitionStandard FindStandard(PolicyCatalog catalog, string id)
    {
        var standard = catalog.FindStandard(id)
            ?? throw new UserInputException($"未知的认定标准“{id}”。可用：{string.Join("、", catalog.Standards.Select(s => $"{s.Id}（{s.Name}）"))}");
        var pack = catalog.FindPack(standard.PackId)!;
        var problems = catalog.ProblemsOf(pack);
        if (problems.Count > 0)
            throw new UserInputException($"认定标准“{id}”所在的政策包有误，不能使用：\n{string.Join("\n", problems)}");
        return standard;
    }

    private static TownFacts ReadFacts(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"无法读取事实文件“{path}”：{(ex is FileNotFoundException or DirectoryNotFoundException ? "文件不存在" : ex.Message)}");
        }
        try { return FactsReader.Read(text); }
        catch (FactsFormatException ex) { throw new UserInputException($"事实文件“{path}”有误：{ex.Message}"); }
    }

    internal static void WriteTable(TextWriter writer, string? townName, RecognitionResult result)
    {
        var console = PolicyCommands.Console(writer);
        console.WriteLine($"{townName ?? "（未命名）"} 对照 {result.StandardName}：{Results.Chinese[result.Outcome]}");
        var table = new Table().AddColumns("条件", "结果", "说明", "出处");
        foreach (var c in result.Criteria)
            table.AddRow(PolicyCommands.Esc(c.Title), Results.Chinese[c.Result], PolicyCommands.Esc(c.Explanation), PolicyCommands.Esc(c.Source));
        console.Write(table);
        if (result.Gaps.Count > 0) console.WriteLine("差距：" + string.Join("，", result.Gaps.Select(g => g.Text)));
        if (result.PriorityFactors.Count > 0) console.WriteLine("优先评定因素：" + string.Join("、", result.PriorityFactors.Select(f => f.Title)));
    }
}
