using SpecializedTowns.Core.Dictionaries;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>
/// The value a list page's select filter is given in its address (?status=closed): read as the API reads it — the code in
/// any letter case or the Chinese name (CodeLists) — and also as the page's own select writes it (the member's name). A value
/// that names nothing leaves that filter off and says so above the page (the layout shows <see cref="Notes"/>), instead of a
/// full list under an address that claims a filter.
/// </summary>
public static class FilterValues
{
    private const string NotesKey = "SpecializedTowns.FilterNotes";
    private const int Shown = 40;

    /// <summary>The value named by <paramref name="text"/>; null when nothing was chosen or when it names nothing (noted).</summary>
    public static T? Read<T>(HttpContext http, string? text, string label) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null
        : Parse(typeof(T), text) is T value ? value
        : Unknown<T>(http, label, text);

    /// <summary>
    /// The key of <paramref name="names"/> (key → Chinese name) that <paramref name="text"/> names, in any letter case or by its
    /// name; null when nothing was chosen or when it names nothing (noted). For lists kept as string keys, not enums (角色).
    /// </summary>
    public static string? ReadKey(HttpContext http, IReadOnlyDictionary<string, string> names, string? text, string label)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        var key = names.FirstOrDefault(n => string.Equals(n.Key, t, StringComparison.OrdinalIgnoreCase) || n.Value == t).Key;
        if (key is null) Unknown(http, label, t);
        return key;
    }

    /// <summary>The member of <paramref name="type"/> that <paramref name="text"/> names, or null.</summary>
    public static object? Parse(Type type, string text)
    {
        var t = text.Trim();
        if (CodeLists.All.FirstOrDefault(l => l.EnumType == type)?.Find(t) is { Number: { } number }) return Enum.ToObject(type, number);
        // The page's own selects and older links carry the member's name (Closed); numbers were taken before and still are.
        return Enum.TryParse(type, t, ignoreCase: true, out var value) && Enum.IsDefined(type, value!) ? value : null;
    }

    /// <summary>Notes “未知的状态“closed”，已显示全部” for the page being drawn.</summary>
    public static void Unknown(HttpContext http, string label, string text)
    {
        var t = text.Trim();
        if (t.Length > Shown) t = t[..Shown] + "…";
        var note = $"未知的{label}“{t}”，已显示全部";
        if (http.Items[NotesKey] is not List<string> notes) http.Items[NotesKey] = notes = [];
        if (!notes.Contains(note)) notes.Add(note);
    }

    public static IReadOnlyList<string> Notes(HttpContext http) => http.Items[NotesKey] as List<string> ?? [];

    private static T? Unknown<T>(HttpContext http, string label, string text) where T : struct, Enum
    {
        Unknown(http, label, text);
        return null;
    }
}
