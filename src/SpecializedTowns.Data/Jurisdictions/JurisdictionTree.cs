using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SpecializedTowns.Data.Jurisdictions;

/// <summary>
/// The jurisdiction tree. Shanxi's cities, the counties of the five documents and the townships in use
/// (Jurisdictions/shanxi-jurisdictions.yaml) are reference data, loaded on every start whatever Seed:Demo says.
/// Found or created by path, so loading twice adds nothing.
/// </summary>
public sealed class JurisdictionTree
{
    private readonly Dictionary<string, Jurisdiction> _byPath;

    private JurisdictionTree(Dictionary<string, Jurisdiction> byPath) => _byPath = byPath;

    public int Count => _byPath.Count;

    public static async Task<JurisdictionTree> EnsureReferenceAsync(TownsDbContext db, CancellationToken ct = default)
    {
        var byPath = await db.Jurisdictions.ToDictionaryAsync(j => j.Path, ct);
        void Add(Node s, Jurisdiction? parent)
        {
            var path = parent is null ? s.Name : $"{parent.Path}/{s.Name}";
            if (!byPath.TryGetValue(path, out var j))
            {
                j = new Jurisdiction
                {
                    Name = s.Name, Code = s.Code, Path = path, Parent = parent,
                    Level = Enum.Parse<JurisdictionLevel>(s.Level, ignoreCase: true),
                };
                db.Jurisdictions.Add(j);
                byPath[path] = j;
            }
            foreach (var child in s.Children) Add(child, j);
        }
        foreach (var root in ReadReference().Jurisdictions) Add(root, null);
        await db.SaveChangesAsync(ct);
        return new JurisdictionTree(byPath);
    }

    public Jurisdiction County(string name) =>
        _byPath.Values.SingleOrDefault(j => j.Level == JurisdictionLevel.County && j.Name == name)
        ?? throw new InvalidDataException($"county {name} is not in the jurisdiction tree");

    // Township names repeat across counties (古城镇 is in 垣曲 and in 山阴): always look them up under their county.
    public Jurisdiction Township(Jurisdiction county, string name) =>
        _byPath.GetValueOrDefault($"{county.Path}/{name}")
        ?? throw new InvalidDataException($"township {name} under {county.Name} is not in the jurisdiction tree");

    /// <summary>The reference tree's province, cities and counties (the places whose offices issue documents), as paths.</summary>
    public static IReadOnlyList<string> ReferenceOffices => _referenceOffices.Value;

    private static readonly Lazy<IReadOnlyList<string>> _referenceOffices = new(() =>
    {
        var paths = new List<string>();
        void Walk(Node node, string? above)
        {
            var path = above is null ? node.Name : $"{above}/{node.Name}";
            if (Enum.Parse<JurisdictionLevel>(node.Level, ignoreCase: true) == JurisdictionLevel.Township) return;
            paths.Add(path);
            foreach (var child in node.Children) Walk(child, path);
        }
        foreach (var root in ReadReference().Jurisdictions) Walk(root, null);
        return paths;
    });

    private static Reference ReadReference()
    {
        using var stream = typeof(JurisdictionTree).Assembly.GetManifestResourceStream("shanxi-jurisdictions.yaml")
            ?? throw new InvalidOperationException("shanxi-jurisdictions.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Reference>(reader);
    }

    private sealed class Reference
    {
        public List<Node> Jurisdictions { get; set; } = [];
    }

    private sealed class Node
    {
        public string Name { get; set; } = "";
        public string Level { get; set; } = "";
        public string? Code { get; set; }
        public List<Node> Children { get; set; } = [];
    }
}
