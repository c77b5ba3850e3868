using System.Text.RegularExpressions;

namespace SpecializedTowns.Core.Units;

/// <summary>
/// Whether two unit names are perhaps one unit written twice (系统 → 单位's 疑似重复, the account form's hint, the merge
/// targets offered first). A hint only: nothing is refused for it, so it must be few and right rather than many.
/// Sharing characters is not enough (市中小企业发展中心 and 市发展改革委 share 发展; 市商务局, 市招商中心 and 市工商联 share 商).
/// Two names are alike when, written the same way (<see cref="Core"/>: the place's own names, the level word and the
/// parts every unit may or may not write dropped), they are
/// <list type="bullet">
/// <item>the same (市商务局 and 运城市商务局, 朔州税务局 and 市税务局, 县人民政府办公室 and 县政府办), or</item>
/// <item>one a short name of the other as Chinese short names are made (县工信局 of 县工业和信息化局, 县发改局 of 县发展和改革局):
/// it begins with the full name's first character, ends with the same kind of unit (局, 中心, 支行 …; 委 and 局 count as
/// one, as the 2018–19 reform renamed 发改委 to 发改局), at least three characters, each taken from the full name in order,
/// and the full name does not hold that kind earlier (市生态环境局垣曲分局 is a branch of a bureau, not 县生态环境局); or, not
/// beginning where it does, it takes its characters from across the full name (市资规局 of 市规划和自然资源局).</item>
/// </list>
/// Two names that each say their level and say a different one (县农业农村局, 市农业农村局) are two units.
/// </summary>
public static partial class UnitLikeness
{
    // Written out in one place, shortened in another, the same unit (人行 is how every document writes 中国人民银行; a county's
    // 税务局 is 国家税务总局X县税务局). The mass organisations' short names are not made from their full names in order.
    private static readonly (string Long, string Short)[] SameWords =
    [
        ("中国人民银行", "人行"), ("国家税务总局", ""), ("人民政府", "政府"), ("委员会", "委"), ("办公室", "办"),
        ("经济技术开发区", "开发区"), ("经济开发区", "开发区"),
        ("工商业联合会", "工商联"), ("科学技术协会", "科协"), ("妇女联合会", "妇联"), ("残疾人联合会", "残联"), ("供销合作社", "供销社"),
    ];

    // The level a unit's name begins with (县工信局, 市商务局); 乡 and 镇 are not, as 乡村振兴局 and 镇政府 begin with them.
    private const string Levels = "省市县区";

    private static readonly string[] PlaceSuffixes = ["街道", "省", "市", "县", "区", "镇", "乡"];

    /// <summary>A name as compared: its level word (县, 市 …; none when it does not say one) and the rest.</summary>
    public readonly record struct Written(char? Level, string Core);

    /// <summary>
    /// The name written the comparable way: a note in brackets dropped (县农业农村局（运城市）), the long and short forms of
    /// <see cref="SameWords"/> made one, a development zone's 管委会 dropped (the zone is its committee), the names of
    /// <paramref name="place"/> (a path) and of the places above it dropped wherever they stand (运城市商务局, 人行垣曲支行), and
    /// then the level word taken off the front (not the 市 of 市场监管局).
    /// </summary>
    public static Written Core(string name, string? place = null)
    {
        var n = Brackets().Replace(name.Trim(), "");
        n = ZoneCommittee().Replace(n, "区");
        foreach (var (longForm, shortForm) in SameWords) n = n.Replace(longForm, shortForm, StringComparison.Ordinal);
        if (place is not null)
            foreach (var p in PlaceNames(place)) n = n.Replace(p, "", StringComparison.Ordinal);
        if (n.Length > 1 && Levels.Contains(n[0]) && !n.StartsWith("市场", StringComparison.Ordinal)) return new Written(n[0], n[1..]);
        return new Written(null, n);
    }

    /// <summary>Whether the two names are perhaps one unit (<see cref="Reason"/> has one).</summary>
    public static bool Alike(string a, string b, string? place = null) => Reason(a, b, place) is not null;

    /// <summary>Why the two names look like one unit, in a sentence for the administrator; null when they do not.</summary>
    public static string? Reason(string a, string b, string? place = null)
    {
        var (x, y) = (Core(a, place), Core(b, place));
        if (x.Level is { } lx && y.Level is { } ly && lx != ly) return null;
        if (x.Core.Length == 0 || y.Core.Length == 0) return a.Trim() == b.Trim() ? "名称相同" : null;
        if (SameCore(x.Core, y.Core)) return a.Trim() == b.Trim() ? "名称相同" : $"去掉地名、层级等写法差异后都是“{x.Core}”";
        var (s, l) = x.Core.Length <= y.Core.Length ? (x.Core, y.Core) : (y.Core, x.Core);
        return IsShortFor(s, l) ? $"“{s}”是“{l}”的简称" : null;
    }

    /// <summary>
    /// The registered names alike to the typed one (<see cref="Alike"/>), the same ones first, then the nearest in length;
    /// at most five. With a <paramref name="place"/> (a path), the place's names are not part of the comparison.
    /// </summary>
    public static IReadOnlyList<string> Similar(string typed, IEnumerable<string> registered, string? place = null)
    {
        var core = Core(typed, place).Core;
        return registered.Distinct()
            .Where(n => Alike(typed, n, place))
            .OrderBy(n => SameCore(Core(n, place).Core, core) ? 0 : 1).ThenBy(n => Math.Abs(Core(n, place).Core.Length - core.Length))
            .ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .Take(5).ToList();
    }

    private static bool SameCore(string a, string b) =>
        a == b || (a.Length == b.Length && a.Length >= 3 && a[..^1] == b[..^1] && SameKind(a[^1], b[^1]));

    private static bool SameKind(char a, char b) => a == b || (a is '委' or '局' && b is '委' or '局');

    private static bool IsShortFor(string s, string l)
    {
        if (s.Length < 3 || !SameKind(s[^1], l[^1])) return false;
        if (l[..^1].Any(c => SameKind(c, l[^1]))) return false;
        return s[0] == l[0] ? InOrder(s[..^1], l[..^1]) : FromAcross(s[..^1], l[..^1]);
    }

    private static bool InOrder(string part, string whole)
    {
        var at = 0;
        foreach (var c in part)
        {
            at = whole.IndexOf(c, at) + 1;
            if (at == 0) return false;
        }
        return true;
    }

    // A short name that does not begin where the full name does takes its characters from across the full name: 资规局 of
    // 规划和自然资源局 and of 自然资源和规划局 (the 2018–19 reform wrote both). When they stand together in the full name they
    // name a part of it and another unit (科技局 beside 工业和科技局).
    private static bool FromAcross(string part, string whole)
    {
        if (whole.Contains(part, StringComparison.Ordinal)) return false;
        var left = whole.ToCharArray();
        foreach (var c in part)
        {
            var at = Array.IndexOf(left, c);
            if (at < 0) return false;
            left[at] = '\0';
        }
        return true;
    }

    /// <summary>The names of the place and those above it as unit names carry them: 垣曲县 and 垣曲, 运城市 and 运城; longest first.</summary>
    private static IEnumerable<string> PlaceNames(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(seg => PlaceSuffixes.Where(suffix => seg.EndsWith(suffix, StringComparison.Ordinal) && seg.Length - suffix.Length >= 2)
                .Select(suffix => seg[..^suffix.Length]).Take(1).Prepend(seg))
            .Distinct().OrderByDescending(p => p.Length);

    [GeneratedRegex(@"[（(][^（()）]*[）)]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"区(管委会|管理委员会)$")]
    private static partial Regex ZoneCommittee();
}
