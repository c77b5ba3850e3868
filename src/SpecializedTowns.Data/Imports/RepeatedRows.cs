namespace SpecializedTowns.Data.Imports;

/// <summary>
/// Rows of one file that name the same record. A row whose every cell reads as an earlier row's is that row pasted twice by
/// mistake: it is taken once and the sender told so, not refused (qa110 8). Rows with the same key that differ in any cell
/// are two versions of one record, and which one is meant is the sender's to say: they are refused, naming both rows and
/// the columns that differ.
/// </summary>
internal static class RepeatedRows
{
    public static string Identical(int row, int earlier) => $"第 {row} 行与第 {earlier} 行完全相同，只导入一次";

    /// <summary>
    /// Takes out of the table each row whose parsed cells all equal an earlier row's, with a 提示 on it, before the kind checks
    /// the rows against the database (so it neither writes the record twice nor calls the copy a duplicate). Only rows whose
    /// every cell parsed are compared: a bad cell reads as blank, and two different bad cells would look alike.
    /// </summary>
    public static void TakeOnce(ImportTable table, ImportResult result)
    {
        var first = new Dictionary<object?[], ImportRow>(Comparer);
        table.Rows.RemoveAll(row =>
        {
            if (row.HasError) return false;
            if (!first.TryGetValue(row.Values, out var earlier)) { first[row.Values] = row; return false; }
            result.Warnings.Add(new ImportError(row.Number, null, Identical(row.Number, earlier.Number)));
            result.Repeated++;
            return true;
        });
    }

    /// <summary>The refusal of a row whose key (<paramref name="what"/>) an earlier row has, naming the columns whose values differ.</summary>
    public static string SameKey(ImportKind kind, ImportRow row, ImportRow earlier, string what)
    {
        var differing = kind.Columns.Where((_, i) => !Same(row.Values[i], earlier.Values[i])).Select(c => c.Header).ToList();
        return differing.Count == 0
            ? $"第 {row.Number} 行与第 {earlier.Number} 行的{what}相同，请只保留一行"
            : $"第 {row.Number} 行与第 {earlier.Number} 行的{what}相同，但{string.Join("、", differing)}不同：请核对后只保留一行";
    }

    private static bool Same(object? a, object? b) =>
        a is IReadOnlyList<string> x && b is IReadOnlyList<string> y ? x.SequenceEqual(y, StringComparer.Ordinal) : Equals(a, b);

    /// <summary>Parsed rows compared cell by cell: texts exactly, numbers by value (12 and 12.0 alike), lists item by item in order.</summary>
    private static readonly IEqualityComparer<object?[]> Comparer = new ValuesComparer();

    private sealed class ValuesComparer : IEqualityComparer<object?[]>
    {
        public bool Equals(object?[]? a, object?[]? b) =>
            ReferenceEquals(a, b) || a is not null && b is not null && a.Length == b.Length && a.Select((v, i) => Same(v, b[i])).All(s => s);

        public int GetHashCode(object?[] values)
        {
            var hash = new HashCode();
            foreach (var v in values)
            {
                if (v is IReadOnlyList<string> list) foreach (var item in list) hash.Add(item, StringComparer.Ordinal);
                // decimal's hash is the same for 12 and 12.0, as its Equals is.
                else hash.Add(v);
            }
            return hash.ToHashCode();
        }
    }
}
