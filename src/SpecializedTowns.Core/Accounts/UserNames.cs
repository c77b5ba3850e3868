using System.Text.RegularExpressions;

namespace SpecializedTowns.Core.Accounts;

/// <summary>
/// What a sign-in name may be. People type it on old intranet machines, scripts send it to the token API and it shows in
/// the audit log: plain letters, digits and a few separators, long enough not to be a typing slip ("a").
/// </summary>
public static partial class UserNames
{
    public const int MinLength = 3;
    public const int MaxLength = 50;

    /// <summary>The reason the name cannot be a user name, in Chinese, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return "请填写用户名";
        if (trimmed.Length is < MinLength or > MaxLength || !Allowed().IsMatch(trimmed))
            return $"用户名须为 {MinLength}–{MaxLength} 个字符，只能使用英文字母、数字和“-”“_”“.”（如 yuanqu-li），不能有汉字或空格";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex Allowed();
}
