using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SpecializedTowns.Core.Tests.Policies;

/// <summary>policies/COVERAGE.md must point at what is really in the packs, and name every task, target and support policy.</summary>
public partial class CoverageTests
{
    private static readonly string[] SectionPacks =
        ["yuanqu-2023-19", "xinjiang-2023-33", "yongji-2024-2025", "yangquan-2023-24", "shuozhou-2023-19", "shanxi-2022-80"];

    private static readonly HashSet<string> TopLevel =
        ["document", "standards", "towns", "keyTasks", "targets", "mechanisms", "supportPolicies", "notes", "adoptedStandards"];

    [GeneratedRegex(@"`(?:(?<file>[a-z0-9-]+)\.yaml )?(?<path>[a-zA-Z]+(?:\[(?:\d+|\*)\]|\.[a-zA-Z]+)*)`")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^## (\d+)\. ", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    private static string RepositoryFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    private static Dictionary<string, string> Sections()
    {
        var text = File.ReadAllText(RepositoryFile("policies", "COVERAGE.md"));
        var headings = SectionHeading().Matches(text).ToList();
        headings.Count.ShouldBe(SectionPacks.Length);
        return headings.Select((m, i) => (Pack: SectionPacks[int.Parse(m.Groups[1].Value) - 1],
                Body: text[m.Index..(i + 1 < headings.Count ? headings[i + 1].Index : text.Length)]))
            .ToDictionary(s => s.Pack, s => s.Body);
    }

    private static readonly Dictionary<string, YamlNode> Loaded = [];

    private static YamlNode Load(string packId)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(packId, out var root)) Loaded[packId] = root = Parse(packId);
            return root;
        }
    }

    private static YamlNode Parse(string packId)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Packs.Directory, packId + ".yaml"))));
        return stream.Documents[0].RootNode;
    }

    private static bool Resolves(YamlNode node, string path)
    {
        foreach (Match step in Regex.Matches(path, @"[a-zA-Z]+|\[(\d+|\*)\]"))
        {
            if (step.Value.StartsWith('['))
            {
                if (node is not YamlSequenceNode seq) return false;
                if (step.Groups[1].Value == "*") { if (seq.Children.Count == 0) return false; node = seq.Children[0]; continue; }
                var index = int.Parse(step.Groups[1].Value);
                if (index >= seq.Children.Count) return false;
                node = seq.Children[index];
            }
            else
            {
                if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(step.Value), out var next)) return false;
                node = next;
            }
        }
        return true;
    }

    [Fact]
    public void Every_path_in_the_coverage_list_exists_in_its_pack()
    {
        var broken = new List<string>();
        foreach (var (pack, body) in Sections())
        {
            foreach (Match m in PathPattern().Matches(body))
            {
                var path = m.Groups["path"].Value;
                if (!TopLevel.Contains(path.Split('.', '[')[0])) continue;
                var file = m.Groups["file"].Success ? m.Groups["file"].Value : pack;
                if (!Resolves(Load(file), path)) broken.Add($"{pack}: {m.Value}");
            }
        }
        broken.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("keyTasks")]
    [InlineData("targets")]
    [InlineData("supportPolicies")]
    public void Every_task_target_and_support_policy_is_traced_to_a_clause(string list)
    {
        var missing = new List<string>();
        foreach (var (pack, body) in Sections())
        {
            var count = Load(pack) is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode(list), out var node) && node is YamlSequenceNode seq ? seq.Children.Count : 0;
            for (var i = 0; i < count; i++)
                if (!body.Contains($"`{list}[{i}]", StringComparison.Ordinal)) missing.Add($"{pack} {list}[{i}]");
        }
        missing.ShouldBeEmpty();
    }
}
