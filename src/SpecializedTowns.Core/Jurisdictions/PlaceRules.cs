namespace SpecializedTowns.Core.Jurisdictions;

/// <summary>
/// What a place added to the tree (系统 → 行政区划) must be. A place's name is part of every path below it and of the
/// data scope of each account there, so it is checked once, on the way in, and never renamed afterwards.
/// </summary>
public static class PlaceRules
{
    public const int MaxName = 30;

    /// <summary>The level a place added under a parent has: counties under a city, townships under a county.</summary>
    public static JurisdictionLevel? ChildLevel(JurisdictionLevel parent) => parent switch
    {
        JurisdictionLevel.City => JurisdictionLevel.County,
        JurisdictionLevel.County => JurisdictionLevel.Township,
        _ => null,
    };

    public static string? NameProblem(string? name, JurisdictionLevel level)
    {
        var what = Jurisdiction.LevelName(level);
        if (string.IsNullOrWhiteSpace(name)) return $"请填写{what}名称";
        var n = name.Trim();
        if (n.Length > MaxName) return $"{what}名称不超过 {MaxName} 字";
        // '/' joins the names of a path; spaces and line breaks would make two spellings of one place.
        if (n.Any(c => c == '/' || char.IsWhiteSpace(c) || char.IsControl(c))) return $"{what}名称中不能有空格或“/”";
        if (!n.Any(IsHan)) return $"“{n}”不像{what}名称，请填写中文名称，如“历山镇”";
        return null;
    }

    /// <summary>
    /// GB/T 2260 gives a county six digits under its city's first four; a township (乡级) code is nine digits under its
    /// county's six, and the statistical division code (统计用区划代码) twelve: either is accepted. Blank is allowed.
    /// </summary>
    public static string? CodeProblem(string? code, JurisdictionLevel level, string? parentCode)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var c = code.Trim();
        var what = Jurisdiction.LevelName(level);
        if (!c.All(char.IsAsciiDigit)) return $"行政区划代码只能是数字，“{c}”不是";
        switch (level)
        {
            case JurisdictionLevel.County:
                if (c.Length != 6) return $"{what}的行政区划代码是 6 位数字，“{c}”是 {c.Length} 位";
                if (parentCode is { Length: 6 } && !c.StartsWith(parentCode[..4], StringComparison.Ordinal))
                    return $"代码“{c}”不在上级（{parentCode}）之下：应以 {parentCode[..4]} 开头";
                return null;
            case JurisdictionLevel.Township:
                if (c.Length is not (9 or 12)) return $"{what}的代码是 9 位（乡级代码）或 12 位（统计用区划代码）数字，“{c}”是 {c.Length} 位";
                if (parentCode is { Length: 6 } && !c.StartsWith(parentCode, StringComparison.Ordinal))
                    return $"代码“{c}”不在所属县（{parentCode}）之下：应以 {parentCode} 开头";
                return null;
            default:
                return c.Length == 6 ? null : $"{what}的行政区划代码是 6 位数字，“{c}”是 {c.Length} 位";
        }
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
