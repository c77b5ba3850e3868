namespace SpecializedTowns.Core.Dictionaries;

/// <summary>
/// One value of a code list: <see cref="Code"/> is what the API writes and reads (kebab-case words, or the contract's keys),
/// <see cref="Name"/> what every page, export and import template writes, <see cref="Number"/> the stored number of an
/// enumeration (null for a list of words).
/// </summary>
public sealed record CodeEntry(string Code, string Name, int? Number = null)
{
    /// <summary>The name without what its brackets add (特色轻工（工艺美术） → 特色轻工), as people often write it.</summary>
    public string ShortName => Name.IndexOf('（') is > 0 and var i ? Name[..i] : Name;
}

/// <summary>
/// A code list (字典): the values a field takes, with their Chinese names, where the list comes from in the policy texts,
/// and the menu group it belongs to. The entries are read from the same name functions the forms use, never copied.
/// </summary>
public sealed class CodeList
{
    /// <summary>The list's key: the anchor of its section on the 字典 page (/Admin/Dictionaries#problem-category).</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The menu group the list is used under (UI.md): 专业镇, 企业库, 项目, 督办, 考评, 政策与支持, 系统.</summary>
    public required string Group { get; init; }

    public string? Note { get; init; }

    /// <summary>The clauses the values are taken from (document number and section); empty where the platform chose them.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public required IReadOnlyList<CodeEntry> Entries { get; init; }

    /// <summary>The enumeration behind the list; null for a list of words (industry categories, designations).</summary>
    public Type? EnumType { get; init; }

    /// <summary>
    /// The entry a caller means: the code in any letter case (hyphens optional, so in-production, InProduction and
    /// inproduction are one), or the Chinese name, with or without what its brackets add. Never a number: a number is the
    /// stored value, which a caller should not have to know. Null when it names none.
    /// </summary>
    public CodeEntry? Find(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        var bare = t.Replace("-", "");
        return Entries.FirstOrDefault(e => string.Equals(e.Code, t, StringComparison.OrdinalIgnoreCase))
               ?? (bare.Length == 0 ? null : Entries.FirstOrDefault(e => string.Equals(e.Code.Replace("-", ""), bare, StringComparison.OrdinalIgnoreCase)))
               ?? Entries.FirstOrDefault(e => e.Name == t)
               ?? Entries.FirstOrDefault(e => e.ShortName == t);
    }

    /// <summary>“survey（调研走访）、monthly-report（月报）…”, for a refusal that says what is accepted.</summary>
    public string Choices => string.Join("、", Entries.Select(e => $"{e.Code}（{e.Name}）"));
}
