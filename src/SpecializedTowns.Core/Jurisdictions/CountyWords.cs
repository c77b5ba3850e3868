namespace SpecializedTowns.Core.Jurisdictions;

/// <summary>
/// How a county-level place speaks of itself. 县（市、区） are 县, 县级市 and 市辖区 alike, but their documents say 县政府 and
/// 县领导小组办公室 only in a 县: 永济 is a 市 ("市领导小组办公室设在市工科局", 五（一）), 怀仁 is a 市, 郊区 a 区. A clerk of
/// 永济 told to ask the "县领导小组办公室" looks for a body that does not exist, so every sentence naming a county's body takes
/// the word from the place's own name, and says 县（市、区） where no one place is meant.
/// </summary>
public static class CountyWords
{
    /// <summary>Any county-level place, as the provincial and city documents write it.</summary>
    public const string Any = "县（市、区）";

    /// <summary>县, 市 or 区 (旗 too) from the last character of the name; <see cref="Any"/> when there is no name or it ends otherwise.</summary>
    public static string Kind(string? countyName)
    {
        var name = countyName?.Trim() ?? "";
        if (name.Contains('/')) name = name[(name.LastIndexOf('/') + 1)..];
        return name.Length > 1 && name[^1] is '县' or '市' or '区' or '旗' ? name[^1].ToString() : Any;
    }

    /// <summary>县政府, 市政府 (永济市), 区政府 (郊区); 县（市、区）政府 when the place is not known.</summary>
    public static string Government(string? countyName) => Kind(countyName) + "政府";

    /// <summary>县领导小组办公室, 市领导小组办公室 (永济市) …</summary>
    public static string Office(string? countyName) => Kind(countyName) + "领导小组办公室";

    /// <summary>县领导, 市领导 (永济市) …: the 专班's 分管领导 is the place's own (永济 has 市领导, no 县领导); 县（市、区）领导 when the place is not known.</summary>
    public static string Leader(string? countyName) => Kind(countyName) + "领导";

    /// <summary>A position a 专班's 分管领导 may hold, for a form's example: 分管农业副市长 in 永济; without one place, 分管农业的县（市、区）领导.</summary>
    public static string LeaderExample(string? countyName) => Kind(countyName) is var kind && kind != Any ? $"分管农业副{kind}长" : $"分管农业的{Any}领导";

    /// <summary>The county's office as the platform names it to people: 永济市专业镇办（市领导小组办公室）.</summary>
    public static string NamedOffice(string countyName) => $"{countyName}专业镇办（{Office(countyName)}）";
}
