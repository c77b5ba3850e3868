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

/// <summary>
/// A name a unit was known by at a place: its name before a rename, or the name of a duplicate merged into it (县工信局 into
/// 县工业和信息化局). Documents and people go on writing it, so it stays this unit's: the platform does not register it as a
/// unit again (the policy documents' names are registered at every start) and finds this unit by it.
/// </summary>
public sealed class UnitFormerName
{
    public int Id { get; set; }
    public int UnitId { get; set; }

    /// <summary>The place the name was registered at: the merged unit's own, which may lie below the unit it went into.</summary>
    public int JurisdictionId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The id the name had as a unit of its own until it was merged, so old records' histories can still name it; null for a rename.</summary>
    public int? MergedUnitId { get; set; }
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

    /// <summary>
    /// "各乡（镇）人民政府", "各乡(镇)人民政府", "各镇人民政府", "各乡镇", "各镇（街道）": every township government of the place. Unlike
    /// other collective phrases these can be named one by one (the place's townships), so a task that gives them a share
    /// gives it to each township.
    /// </summary>
    public static bool IsEveryTownship(string name)
    {
        var n = name.Trim();
        if (!n.StartsWith('各')) return false;
        foreach (var suffix in new[] { "人民政府", "政府", "办事处" })
            if (n.EndsWith(suffix, StringComparison.Ordinal)) { n = n[..^suffix.Length]; break; }
        var rest = n[1..].Where(c => c is not ('（' or '）' or '(' or ')' or '[' or ']' or '〔' or '〕' or '、')).ToArray();
        return rest.Length > 0 && rest.All(c => c is '乡' or '镇' or '街' or '道');
    }

    /// <summary>What is wrong with a name typed for a unit of its own (added or renamed by an administrator), or null.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "请填写单位名称";
        var n = name.Trim();
        if (n.Length > MaxLength) return $"单位名称不超过 {MaxLength} 字，现为 {n.Length} 字";
        // A space inside makes a second spelling of one unit (县 工信局), which the lookups by name would not find.
        if (n.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "单位名称中不能有空格或换行";
        if (IsCollective(n)) return $"“{n}”指的是多个单位，不是一个单位的名称；请逐一登记具体单位，如“县工信局”";
        return null;
    }

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
