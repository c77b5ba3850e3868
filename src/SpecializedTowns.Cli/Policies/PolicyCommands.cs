using System.CommandLine;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using Spectre.Console;

namespace SpecializedTowns.Cli.Policies;

public static class PolicyCommands
{
    public static Command Create(CliContext ctx)
    {
        var policy = new Command("policy", "政策包：列出、查看、校验、导出");

        var list = new Command("list", "列出全部政策包");
        list.SetAction(parse =>
        {
            var catalog = ctx.LoadPolicies(parse);
            var table = new Table().AddColumns("编号", "文号", "文件", "适用", "认定标准", "重点任务", "目标", "支持政策");
            foreach (var p in catalog.Packs)
                table.AddRow(Esc(p.Id), Esc(p.Document.Number ?? "（无文号）"), Esc(p.Document.Title), Esc(p.Document.Jurisdiction),
                    Esc(string.Join(", ", PolicyCatalog.StandardIdsOf(p))), p.KeyTasks.Count.ToString(), p.Targets.Count.ToString(), p.SupportPolicies.Count.ToString());
            var console = Console(ctx.Out);
            console.Write(table);
            console.WriteLine(catalog.Packs.Count == 0
                ? $"目录 {catalog.Directory} 中没有政策包（*.yaml）。"
                : $"共 {catalog.Packs.Count} 个政策包，目录：{catalog.Directory}");
            if (catalog.Problems.Count > 0)
                console.WriteLine($"有 {catalog.Problems.Count} 处问题，运行 policy validate 查看。");
            return Cli.Ok;
        });

        var idArgument = new Argument<string>("id") { Description = "政策包编号或认定标准编号" };
        var show = new Command("show", "查看一个政策包或认定标准") { idArgument };
        show.SetAction(parse =>
        {
            var catalog = ctx.LoadPolicies(parse);
            var id = parse.GetValue(idArgument)!;
            var pack = catalog.FindPack(id);
            var standard = catalog.FindStandard(id);
            if (pack is null && standard is null)
                throw new UserInputException($"找不到政策包或认定标准“{id}”。可用的政策包：{string.Join("、", catalog.Packs.Select(p => p.Id))}；认定标准：{string.Join("、", catalog.Standards.Select(s => s.Id))}");
            var console = Console(ctx.Out);
            if (pack is not null) ShowPack(console, catalog, pack);
            else ShowStandard(console, standard!);
            return Cli.Ok;
        });

        var validate = new Command("validate", "校验全部政策包，逐条列出问题（文件、行号、问题）");
        validate.SetAction(parse =>
        {
            var catalog = ctx.LoadPolicies(parse);
            foreach (var problem in catalog.Problems) ctx.Error.WriteLine(problem);
            if (catalog.Problems.Count > 0)
            {
                ctx.Error.WriteLine($"校验未通过：{catalog.Problems.Count} 处问题。");
                return Cli.BadInput;
            }
            ctx.Out.WriteLine($"校验通过：{catalog.Packs.Count} 个政策包，{catalog.Standards.Count()} 个认定标准，目录 {catalog.Directory}。");
            return Cli.Ok;
        });

        var json = new Option<bool>("--json") { Description = "以 JSON 输出（目前唯一的格式）" };
        var export = new Command("export", "导出全部政策包") { json };
        export.SetAction(parse =>
        {
            var catalog = ctx.LoadPolicies(parse);
            if (catalog.Packs.Count == 0)
                throw new UserInputException(catalog.Problems.Count > 0
                    ? $"没有读到任何政策包。{string.Join("；", catalog.Problems)}"
                    : $"目录 {catalog.Directory} 中没有政策包（*.yaml）。");
            ctx.WriteJson(catalog.Packs.Select(PolicyExport.From).ToList());
            return Cli.Ok;
        });

        policy.Subcommands.Add(list);
        policy.Subcommands.Add(show);
        policy.Subcommands.Add(validate);
        policy.Subcommands.Add(export);
        return policy;
    }

    internal static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Spectre loops without end when a column is narrower than one Chinese character (two cells),
        // which happens with many columns at its default width of 80 when output is redirected.
        var terminal = System.Console.IsOutputRedirected ? 0 : System.Console.WindowWidth;
        console.Profile.Width = Math.Max(terminal, 200);
        return console;
    }

    internal static string Esc(string? s) => Markup.Escape(s ?? "");

    private static readonly Dictionary<string, string> ComparisonWords = new()
    {
        [">="] = "不少于", [">"] = "超过", ["="] = "", ["<="] = "不超过", ["<"] = "低于",
    };

    private static string Period(PolicyDocument d) => (d.PeriodFrom, d.PeriodTo) switch
    {
        (null, null) => "未注明",
        (null, int to) => $"至 {to} 年",
        (int from, null) => $"{from} 年起",
        (int from, int to) => $"{from}–{to} 年",
    };

    private static void ShowPack(IAnsiConsole console, PolicyCatalog catalog, PolicyPack p)
    {
        var d = p.Document;
        console.WriteLine($"{d.Title}");
        var issuer = string.IsNullOrWhiteSpace(d.Issuer) ? "" : $"　发文：{d.Issuer}";
        console.WriteLine($"  文号：{d.Number ?? "（无文号）"}{issuer}　日期：{d.IssuedOn ?? "未注明"}　状态：{PackVocabulary.Statuses.GetValueOrDefault(d.Status, d.Status)}");
        console.WriteLine($"  适用：{string.Join(" / ", d.JurisdictionPath)}（{PackVocabulary.Levels.GetValueOrDefault(d.Level, d.Level)}）　实施期：{Period(d)}");
        if (d.Basis.Count > 0) console.WriteLine($"  依据：{string.Join("、", d.Basis)}");
        foreach (var id in PolicyCatalog.StandardIdsOf(p))
            if (catalog.FindStandard(id) is { } s) ShowStandard(console, s);

        if (p.KeyTasks.Count > 0)
        {
            var tasks = new Table().Title("重点任务").AddColumns("序号", "任务", "牵头单位", "配合单位", "出处");
            foreach (var t in p.KeyTasks)
                tasks.AddRow(Esc(t.Number), Esc(t.Title), Esc(string.Join("、", t.LeadUnits)), Esc(string.Join("、", t.CooperatingUnits)), Esc(t.Source));
            console.Write(tasks);
        }
        if (p.Targets.Count > 0)
        {
            var targets = new Table().Title("目标").AddColumns("指标", "范围", "目标值", "期限", "出处");
            foreach (var t in p.Targets)
            {
                var value = t.Comparison == "between" ? $"{t.Value}–{t.MaxValue}" : $"{ComparisonWords.GetValueOrDefault(t.Comparison, t.Comparison)} {t.Value}".Trim();
                targets.AddRow(Esc(t.Metric), Esc(t.Scope ?? "全域"), Esc($"{value} {t.Unit}"), Esc(t.Deadline ?? "未注明"), Esc(t.Source));
            }
            console.Write(targets);
        }
        if (p.SupportPolicies.Count > 0)
        {
            var policies = new Table().Title("支持政策").AddColumns("序号", "政策", "出处");
            foreach (var s in p.SupportPolicies) policies.AddRow(Esc(s.Number), Esc(s.Title), Esc(s.Source));
            console.Write(policies);
        }
        var m = p.Mechanisms;
        if (m.LeadingGroup is { } g)
        {
            var parts = new List<string> { g.Name };
            if (!string.IsNullOrWhiteSpace(g.Leader)) parts.Add($"组长 {g.Leader}");
            if (!string.IsNullOrWhiteSpace(g.Office?.Location)) parts.Add($"办公室设在 {g.Office!.Location}");
            parts.Add(g.Roster.Count > 0 ? $"名单 {g.Roster.Count} 人" : g.MemberUnits.Count > 0 ? $"成员单位 {g.MemberUnits.Count} 个（按职务组成）" : "成员按职务组成");
            console.WriteLine("领导小组：" + string.Join("，", parts));
        }
        foreach (var tf in m.TaskForces)
        {
            var parts = new List<string> { $"专班：{tf.Town}" };
            if (tf.LeadUnits.Count > 0) parts.Add($"牵头 {string.Join("、", tf.LeadUnits)}");
            if (tf.SupportingTownships.Count > 0) parts.Add($"助推 {string.Join("、", tf.SupportingTownships)}");
            if (!string.IsNullOrWhiteSpace(tf.ResponsibleLeader)) parts.Add($"分管领导 {tf.ResponsibleLeader}");
            console.WriteLine(string.Join("，", parts));
        }
        foreach (var r in m.Reporting)
        {
            var route = string.IsNullOrWhiteSpace(r.To) ? r.Who : $"{r.Who} 报 {r.To}";
            console.WriteLine($"报送：{PackVocabulary.Frequencies.GetValueOrDefault(r.Frequency, r.Frequency)}，{route}{(string.IsNullOrWhiteSpace(r.What) ? "" : "：" + r.What)}（{r.Source}）");
        }
        foreach (var e in m.Evaluation)
        {
            var uses = e.Consequences.Select(c => PackVocabulary.ConsequenceKinds.GetValueOrDefault(c.Kind, c.Kind)).Distinct().ToList();
            console.WriteLine($"考核：{e.What}{(uses.Count > 0 ? "；结果运用：" + string.Join("、", uses) : "")}（{e.Source}）");
        }
        if (m.RevenueTiers.Count > 0)
            console.WriteLine($"营收规模档次：{string.Join("、", m.RevenueTiers.Select(t => $"{t.ValueYi}亿级"))}");
        var problems = catalog.ProblemsOf(p);
        if (problems.Count > 0) console.WriteLine($"注意：本政策包有 {problems.Count} 处校验问题，运行 policy validate 查看。");
    }

    private static void ShowStandard(IAnsiConsole console, RecognitionStandard s)
    {
        var table = new Table().Title($"{Esc(s.Name)}（{Esc(s.Id)}，申报主体：{Esc(s.ApplicantText ?? PackVocabulary.Applicants.GetValueOrDefault(s.Applicant))}）")
            .AddColumns("条件", "要求", "读法", "出处");
        foreach (var c in s.Criteria)
            table.AddRow(Esc($"{c.Title}（{c.Key}）"), Esc(c.Text), Esc(PackVocabulary.CriterionKinds.GetValueOrDefault(c.Kind, c.Kind)), Esc(c.Source));
        console.Write(table);
        if (s.PriorityFactors.Count > 0)
            console.WriteLine($"优先评定：{string.Join("、", s.PriorityFactors.Select(f => f.Title))}");
    }
}
