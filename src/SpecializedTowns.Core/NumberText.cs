namespace SpecializedTowns.Core;

/// <summary>
/// A number as a clerk types it with a Chinese input method: full-width digits and signs (１２００、１．５、１，２００、３０％)
/// are the Arabic numerals they look like, not words (qa120 8). Every place that reads a typed number reads it through here —
/// form fields (NumberBinder), entered standards, imports (CellValues, whose NFKC does the same) — so none refuses what
/// another accepts.
/// </summary>
public static class NumberText
{
    /// <summary>
    /// The text with the full-width ASCII forms (U+FF01–U+FF5E: ０–９ ． ， ％ ＋ － ｅ) and the ideographic space narrowed, trimmed.
    /// For a number's own text only: in prose （一） must stay as written.
    /// </summary>
    public static string Narrow(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000')) return text.Trim();
        var chars = text.Select(c => c switch { >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), '\u3000' => ' ', _ => c }).ToArray();
        return new string(chars).Trim();
    }

    /// <summary>Only the full-width digits narrowed: for a number inside prose (a 文号 in an 出处), whose brackets are the writer's.</summary>
    public static string Digits(string text) =>
        text.Any(c => c is >= '０' and <= '９') ? new string(text.Select(c => c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c).ToArray()) : text;

    /// <summary>Whether <see cref="Narrow"/> would change the text beyond trimming.</summary>
    public static bool IsWide(string text) => text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000');
}
