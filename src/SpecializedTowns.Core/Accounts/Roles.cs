namespace SpecializedTowns.Core.Accounts;

/// <summary>The roles of the platform (issue 3): who may see and do what is decided from these.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Office = "office";
    public const string MemberUnit = "member-unit";
    public const string Township = "township";
    public const string Expert = "expert";
    public const string Leader = "leader";

    public static readonly IReadOnlyDictionary<string, string> Chinese = new Dictionary<string, string>
    {
        [Admin] = "系统管理员",
        [Office] = "领导小组办公室",
        [MemberUnit] = "成员单位",
        [Township] = "乡镇/专班",
        [Expert] = "评审专家",
        [Leader] = "领导",
    };

    public static IEnumerable<string> All => Chinese.Keys;
}
