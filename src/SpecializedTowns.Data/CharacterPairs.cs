namespace SpecializedTowns.Data;

/// <summary>
/// The pairs of adjacent characters of a name, the key of the platform's own name indexes (the audit trail's record names,
/// the enterprises' names on PostgreSQL). A name containing a term holds every pair of the term, so the names holding all
/// of them are a superset of the matches, which a search then tests as before. Pairs, not the trigrams of pg_trgm or
/// SQLite's FTS5: most Chinese terms are two characters.
/// </summary>
public static class CharacterPairs
{
    /// <summary>The pairs of adjacent characters (UTF-16 code units) of a text, each as one number, each once.</summary>
    public static int[] Of(string text)
    {
        if (text.Length < 2) return [];
        var pairs = new HashSet<int>();
        for (var i = 0; i + 1 < text.Length; i++) pairs.Add(text[i] << 16 | text[i + 1]);
        return [.. pairs];
    }
}
