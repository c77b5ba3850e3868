using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Units;

/// <summary>
/// A unit that leads or helps with the work in a jurisdiction: a member unit of the leading group (县工科局),
/// a township government, a development zone. Tasks, problems and projects name their units by this record,
/// and a member-unit account belongs to one, which is what it may see and update.
/// </summary>
public sealed class Unit
{
    public int Id { get; set; }
    public int JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }
    public string Name { get; set; } = "";
}

public static class UnitNames
{
    public const int MaxLength = 100;

    /// <summary>
    /// "各乡（镇）人民政府", "相关经济开发区管委会", "市直有关部门" stand for many units, not one; a responsibility
    /// is given to each of them by name, so these phrases are not units of their own.
    /// </summary>
    public static bool IsCollective(string name) =>
        name.StartsWith('各') || name.StartsWith("相关", StringComparison.Ordinal) || name.Contains("有关", StringComparison.Ordinal);

    /// <summary>The units a policy document names for its tasks, task forces, leading group and support policies, as registered.</summary>
    public static IReadOnlyList<string> NamedIn(PolicyPack pack) =>
        AsWritten(pack).Where(n => n.Length is > 0 and <= MaxLength && !IsCollective(n)).Select(n => Registered(pack, n)).Distinct().ToList();

    /// <summary>Every unit name as the document spells it, collective phrases included.</summary>
    public static IEnumerable<string> AsWritten(PolicyPack pack)
    {
        var names = new List<string>();
        foreach (var t in pack.KeyTasks) { names.AddRange(t.LeadUnits); names.AddRange(t.CooperatingUnits); }
        foreach (var p in pack.SupportPolicies) { names.AddRange(p.LeadUnits); names.AddRange(p.CooperatingUnits); }
        if (pack.Mechanisms.LeadingGroup is { } g) names.AddRange(g.MemberUnits);
        foreach (var f in pack.Mechanisms.TaskForces) { names.AddRange(f.LeadUnits); names.AddRange(f.SupportingUnits); }
        return names.Select(n => n.Trim());
    }

    /// <summary>The name the unit a document writes as <paramref name="name"/> is registered under (<see cref="PolicyPack.UnitAliases"/>).</summary>
    public static string Registered(PolicyPack pack, string name) =>
        pack.UnitAliases.TryGetValue(name.Trim(), out var full) ? full.Trim() : name.Trim();
}
