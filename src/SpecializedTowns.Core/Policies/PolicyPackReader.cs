using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace SpecializedTowns.Core.Policies;

/// <summary>A problem found in a pack file, worded for the office worker who wrote the file.</summary>
public sealed record PackProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File} 第{Line}行：{Message}" : $"{File}：{Message}";
}

/// <summary>Reads one pack file. Syntax and shape problems come back as <see cref="PackProblem"/>s, never as exceptions.</summary>
public static class PolicyPackReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LineTrackingDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .WithDuplicateKeyChecking()
        .Build();

    public static (PolicyPack? Pack, PackProblem? Problem) Read(string fileName, string yaml)
    {
        var (pack, problem) = Read<PolicyPack>(fileName, yaml);
        if (pack is null) return (null, problem);
        pack.FileName = fileName;
        pack.SourceLines = yaml.Split('\n');
        foreach (var s in pack.Standards) (s.PackId, s.DocumentNumber, s.Jurisdiction, s.PackFile) = (pack.Id, pack.Document.Number, pack.Document.Jurisdiction, fileName);
        // Item numbers are written as the text prints them; what reads a pack gets them in one form (ItemNumbers).
        foreach (var t in pack.KeyTasks) t.Number = ItemNumbers.FullWidth(t.Number);
        foreach (var p in pack.SupportPolicies) p.Number = ItemNumbers.FullWidth(p.Number);
        return (pack, null);
    }

    /// <summary>An indicator system (policies/schemes/*.yaml), read with the same rules and messages as a pack.</summary>
    public static (Evaluation.EvaluationScheme? Scheme, PackProblem? Problem) ReadScheme(string fileName, string yaml)
    {
        var (scheme, problem) = Read<Evaluation.EvaluationScheme>(fileName, yaml);
        if (scheme is null) return (null, problem);
        scheme.FileName = fileName;
        scheme.SourceLines = yaml.Split('\n');
        return (scheme, null);
    }

    private static (T? Value, PackProblem? Problem) Read<T>(string fileName, string yaml) where T : class
    {
        // YAML forbids tabs in indentation, and the parser's own report points at the wrong line.
        var tabbed = yaml.Split('\n').Select((text, i) => (text, line: i + 1))
            .FirstOrDefault(l => l.text.Length > l.text.TrimStart().Length && l.text[..(l.text.Length - l.text.TrimStart().Length)].Contains('\t'));
        if (tabbed.line > 0)
            return (null, new PackProblem(fileName, tabbed.line, "YAML 格式错误：缩进中含有制表符（Tab），请改用空格"));
        try
        {
            var value = Deserializer.Deserialize<T>(yaml);
            return value is null ? (null, new PackProblem(fileName, 0, "文件为空")) : (value, null);
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line;
            var lines = yaml.Split('\n');
            var text = line >= 1 && line <= lines.Length ? lines[line - 1] : "";
            return (null, new PackProblem(fileName, line, Translate(ex, text)));
        }
    }

    private static readonly (string English, string Chinese)[] SyntaxErrors =
    [
        ("found a tab character", "含有制表符（Tab），请改用空格缩进"),
        ("wrong indentation", "缩进不对：同一层的字段应对齐，下一层多缩进两个空格"),
        ("did not find expected key", "缩进不对或缺少冒号"),
        ("did not find expected '-' indicator", "列表项缩进不对：每项以“- ”开头并对齐"),
        ("mapping values are not allowed", "此处不能出现冒号：值中含有“: ”时请给整个值加引号"),
        ("found character that cannot start any token", "值以不允许的字符开头（如 @、`、%）：请给整个值加引号"),
        ("found unexpected end of stream", "文件意外结束：可能缺少右引号或右括号"),
        ("did not find expected node content", "缺少值：冒号或“- ”后面没有内容"),
        ("found unknown escape character", "双引号中的反斜杠用法不对：请改用单引号或去掉反斜杠"),
        ("did not find expected ',' or ']'", "方括号列表 [ … ] 没有正确结束：检查逗号和右括号"),
        ("did not find expected ',' or '}'", "花括号 { … } 没有正确结束：检查逗号和右括号"),
        ("could not find expected ':'", "缺少冒号，或上一行的引号没有闭合"),
        ("multi-line", "多行文字的缩进不对，或引号没有闭合"),
    ];

    private static string Translate(YamlException ex, string lineText)
    {
        // YamlDotNet words its errors in English; an office worker gets the Chinese and the line.
        var inner = ex.InnerException?.Message ?? "";
        var message = ex.Message;
        var field = System.Text.RegularExpressions.Regex.Match(lineText, @"^\s*(?:-\s+)?([A-Za-z]+)\s*:");
        var fieldName = field.Success ? $"字段 {field.Groups[1].Value} " : "";

        var unknown = System.Text.RegularExpressions.Regex.Match(message, "Property '([^']+)' not found on type '([^']+)'");
        if (unknown.Success)
            return $"未知字段“{unknown.Groups[1].Value}”（{ShortType(unknown.Groups[2].Value)}），请对照 docs/policy-pack-format.md 检查拼写";
        var duplicate = System.Text.RegularExpressions.Regex.Match(message, @"[Dd]uplicate key '?([^'\s]+)'?");
        if (duplicate.Success)
            return $"字段“{duplicate.Groups[1].Value}”重复出现，同一层只能写一次";
        var badValue = System.Text.RegularExpressions.Regex.Match(inner, "The input string '(.*)' was not in a correct format");
        if (badValue.Success)
            return $"{fieldName}的值“{badValue.Groups[1].Value}”不是有效的数字（数字请写阿拉伯数字，如 20000；金额单位为万元）";
        if (inner.Contains("is not a valid", StringComparison.Ordinal) || inner.Contains("String was not recognized as a valid Boolean", StringComparison.Ordinal))
            return $"{fieldName}的值类型不对（应为 true 或 false、数字或文字，请对照格式说明）";
        if (message.Contains("Failed to create an instance", StringComparison.Ordinal) || message.Contains("Exception during deserialization", StringComparison.Ordinal)
            || message.Contains("Expected 'SequenceStart'", StringComparison.Ordinal) || message.Contains("Expected 'MappingStart'", StringComparison.Ordinal)
            || message.Contains("Expected 'Scalar'", StringComparison.Ordinal))
            return $"{fieldName}的写法不对：应为列表的写成 [a, b] 或“- ”开头的多行，应为单个值的不要写成列表";
        foreach (var (english, chinese) in SyntaxErrors)
            if (message.Contains(english, StringComparison.OrdinalIgnoreCase))
                return $"YAML 格式错误：{chinese}";
        return "YAML 格式错误：请检查该行及上一行的缩进、冒号和引号";
    }

    private static string ShortType(string type) => type.Split('.').Last();

    private sealed class LineTrackingDeserializer(INodeDeserializer inner) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var line = reader.Current is ParsingEvent e ? (int)e.Start.Line : 0;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
                return false;
            if (value is PackNode node) node.Line = line;
            return true;
        }
    }
}
