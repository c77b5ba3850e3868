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
    public static string? ReadKey(HttpContext http, IReadOnlyDictionary<string, string> names, string? text, string label, string instead = "已显示全部")
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        var key = names.FirstOrDefault(n => string.Equals(n.Key, t, StringComparison.OrdinalIgnoreCase) || n.Value == t).Key;
        if (key is null) Unknown(http, label, t, instead);
        return key;
    }

    /// <summary>
    /// A list's ?sort= (<see cref="Data.ListSort"/>) when it names one of the list's <paramref name="keys"/>, in any letter case,
    /// with “-” for the other way round except on <paramref name="oneWay"/> columns; written as the list's own headers write it.
    /// Null when nothing was chosen, or when it names no column: the list then keeps its default order and says so above.
    /// </summary>
    public static string? ReadSort(HttpContext http, string? text, IReadOnlyCollection<string> keys, IReadOnlyCollection<string>? oneWay = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var sort = Data.ListSort.Parse(text);
        var key = keys.FirstOrDefault(k => string.Equals(k, sort.Key, StringComparison.OrdinalIgnoreCase));
        var read = key is not null && !(sort.Reversed && oneWay?.Contains(key) == true) ? (sort.Reversed ? "-" + key : key) : null;
        if (read is null) Unknown(http, "排序方式", text, "已按默认排序");
        // The headers' arrows and links (PagerModel) follow the order the list is in, not the text of the address.
        http.Items[SortKey] = read;
        return read;
    }

    private const string SortKey = "SpecializedTowns.ListSort";

    /// <summary>What <see cref="ReadSort"/> made of the address's sort: found, and null for the list's default.</summary>
    public static bool SortRead(HttpContext http, out string? sort)
    {
        var found = http.Items.TryGetValue(SortKey, out var value);
        sort = value as string;
        return found;
    }

    /// <summary>
    /// The key of the tab that a page's ?tab= names (<paramref name="tabs"/>: key → the tab's title), by key in any letter case
    /// or by its title; otherwise the first tab, with a note naming it. <paramref name="hidden"/> are tabs the person does not
    /// have: asked for by name, they are said to be not theirs rather than unknown.
    /// </summary>
    public static string ReadTab(HttpContext http, string? text, IReadOnlyList<KeyValuePair<string, string>> tabs, IReadOnlyList<KeyValuePair<string, string>>? hidden = null)
    {
        var first = tabs[0];
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return first.Key;
        static bool Names(KeyValuePair<string, string> tab, string t) => string.Equals(tab.Key, t, StringComparison.OrdinalIgnoreCase) || tab.Value == t;
        if (tabs.FirstOrDefault(tab => Names(tab, t)) is { Key: not null } named) return named.Key;
        var instead = $"已显示“{first.Value}”";
        if (hidden?.FirstOrDefault(tab => Names(tab, t)) is { Key: not null } notYours) Note(http, $"您不能查看“{notYours.Value}”，{instead}");
        else Unknown(http, "标签页", t, instead);
        return first.Key;
    }

    /// <summary>The member of <paramref name="type"/> that <paramref name="text"/> names, or null.</summary>
    public static object? Parse(Type type, string text)
    {
        var t = text.Trim();
        if (CodeLists.All.FirstOrDefault(l => l.EnumType == type)?.Find(t) is { Number: { } number }) return Enum.ToObject(type, number);
        // The page's own selects and older links carry the member's name (Closed); numbers were taken before and still are.
        return Enum.TryParse(type, t, ignoreCase: true, out var value) && Enum.IsDefined(type, value!) ? value : null;
    }

    /// <summary>
    /// Notes “未知的状态“closed”，已显示全部” for the page being drawn. A choice that always shows one of its options (a tab, a
    /// measure) says which it shows instead: <paramref name="instead"/> “已按“区位熵（对县）”显示”.
    /// </summary>
    public static void Unknown(HttpContext http, string label, string text, string instead = "已显示全部") =>
        Note(http, $"未知的{label}{Quoted(text)}，{instead}");

    /// <summary>
    /// The town a list is filtered to, when the bar offers it for the chosen place (<paramref name="offered"/>); otherwise it
    /// is dropped with a note (所选专业镇不在新绛县，已清除) rather than kept hidden in the address, emptying the list while the
    /// bar shows 全部. The page sets its own Town to the result, so that the bar, the paging links and the export agree.
    /// </summary>
    public static int? ReadTown(HttpContext http, int? town, IEnumerable<int> offered, string? placeName)
    {
        if (town is not { } id || offered.Contains(id)) return town;
        Note(http, placeName is null ? "所选专业镇不在您的数据范围内，已清除" : $"所选专业镇不在{placeName}，已清除");
        return null;
    }

    /// <summary>A note of the page's own above the list, for what a value in the address could not choose (没有2019年的数据).</summary>
    public static void Note(HttpContext http, string note)
    {
        if (http.Items[NotesKey] is not List<string> notes) http.Items[NotesKey] = notes = [];
        if (!notes.Contains(note)) notes.Add(note);
    }

    /// <summary>What came, in quotation marks, cut short: an address can carry a page of text.</summary>
    public static string Quoted(string text)
    {
        var t = text.Trim();
        return $"“{(t.Length > Shown ? t[..Shown] + "…" : t)}”";
    }

    public static IReadOnlyList<string> Notes(HttpContext http) => http.Items[NotesKey] as List<string> ?? [];

    private static T? Unknown<T>(HttpContext http, string label, string text) where T : struct, Enum
    {
        Unknown(http, label, text);
        return null;
    }
}
