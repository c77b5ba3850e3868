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
        .Build();

    public static (PolicyPack? Pack, PackProblem? Problem) Read(string fileName, string yaml)
    {
        try
        {
            var pack = Deserializer.Deserialize<PolicyPack>(yaml);
            if (pack is null)
                return (null, new PackProblem(fileName, 0, "文件为空"));
            pack.FileName = fileName;
            foreach (var s in pack.Standards) s.PackId = pack.Id;
            return (pack, null);
        }
        catch (YamlException ex)
        {
            return (null, new PackProblem(fileName, (int)ex.Start.Line, Translate(ex)));
        }
    }

    private static string Translate(YamlException ex)
    {
        // YamlDotNet words its errors in English; the ones a person typing a pack meets most are translated.
        var inner = ex.InnerException?.Message ?? "";
        var message = ex.Message;
        var unknown = System.Text.RegularExpressions.Regex.Match(message, "Property '([^']+)' not found on type '([^']+)'");
        if (unknown.Success)
            return $"未知字段“{unknown.Groups[1].Value}”（{ShortType(unknown.Groups[2].Value)}），请对照 docs/policy-pack-format.md 检查拼写";
        if (inner.Contains("was not in a correct format") || inner.Contains("is not a valid") || message.Contains("Failed to create an instance"))
            return $"取值类型不对：{Describe(message, inner)}";
        if (message.Contains("Exception during deserialization"))
            return $"取值类型不对（例如应为数字却写了文字，或应为列表却写了单个值）：{Describe(message, inner)}";
        return $"YAML 格式错误：{message}";
    }

    private static string ShortType(string type) => type.Split('.').Last();

    private static string Describe(string message, string inner) => string.IsNullOrEmpty(inner) ? message : inner;

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
