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
            var reading = ReadFacts(parse.GetValue(factsOption)!);
            var facts = reading.Facts;
            // Warnings go to standard error: standard output stays one JSON document.
            foreach (var warning in reading.Warnings) ctx.Error.WriteLine($"提示：{warning}");
            foreach (var key in facts.ExpertConclusions.Keys.Where(k => standard.Criteria.All(c => c.Key != k)))
                ctx.Error.WriteLine($"提示：专家结论中的“{key}”不是本标准的条件，已忽略（本标准的条件：{string.Join("、", standard.Criteria.Select(c => c.Key))}）");
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

    private static FactsReading ReadFacts(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException("未指定事实文件：请用 --facts 给出 JSON 文件的路径");
        if (Directory.Exists(path)) throw new UserInputException($"“{path}”是文件夹，不是文件：请给出事实 JSON 文件的路径");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserInputException($"无法读取事实文件“{path}”：文件不存在");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"无法读取事实文件“{path}”：没有读取权限");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"无法读取事实文件“{path}”：路径无效或文件被占用");
        }
        try { return FactsReader.Parse(bytes); }
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
        if (result.NotConfigured is { } notConfigured) console.WriteLine(notConfigured + "。");
        if (result.Gaps.Count > 0) console.WriteLine("差距：" + string.Join("，", result.Gaps.Select(g => g.Text)));
        if (result.PriorityFactors.Count > 0) console.WriteLine("优先评定因素：" + string.Join("、", result.PriorityFactors.Select(f => f.Title)));
    }
}
