using SpecializedTowns.Core.Imports;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// The example row of a template and how an import knows it again. The row shows a person how to fill each column, but it
/// is built from real names of their scope (their town, a project, an enterprise), so a template uploaded unchanged, or
/// with the person's rows added under the example, would write the example into real records. The first cell therefore
/// starts with “示例：”, and a row that still has it is refused whatever else was edited in it or wherever it was copied
/// to: the marker travels with the row through Excel, WPS and a .csv, where a grey font or a cell note would not. Turning
/// the example into a real row is a deliberate act: the person picks their own value in the first column (from the
/// drop-down list) or deletes the “示例：”.
/// </summary>
public static class TemplateExample
{
    public const string Marker = "示例：";

    /// <summary>The first cell as the template writes it: “示例：历山镇蜂蜜专业镇”; a value already named 示例… is not doubled.</summary>
    public static string Mark(string value) => Marker + (value.StartsWith("示例", StringComparison.Ordinal) ? value[2..].TrimStart('：', ':') : value);

    /// <summary>Whether a raw cell of a kind's first column is the marked example, also with a half-width colon or spaces.</summary>
    public static bool IsMarked(object? cell)
    {
        if (cell is null) return false;
        var text = CellValues.Text(cell);
        // Most first cells are a name or a code: only those mentioning 示例 are normalised.
        if (!text.Contains("示例", StringComparison.Ordinal)) return false;
        text = CellValues.Narrow(text);
        return text.StartsWith("示例", StringComparison.Ordinal) && text[2..].TrimStart().StartsWith(':');
    }

    /// <summary>What the 填写说明 sheet and the import page say about the example.</summary>
    public static string Note(ImportKind kind) =>
        $"模板第 2 行（灰色斜体，“{kind.Columns[0].Header}”以“{Marker}”开头）是示例，不会被导入：带着它上传时系统会提示删除。请删除该行，或在其上改为真实数据并去掉“{Marker}”。";

    public static string Refusal(int row, ImportColumn first) =>
        $"第 {row} 行是模板自带的示例，请删除后再导入（如已改为真实数据，请去掉“{first.Header}”开头的“示例：”）";

    /// <summary>
    /// Takes the example rows out of the table, each refused with its own message, before any cell is checked: a row that
    /// is not meant to be imported would otherwise also list the faults of “示例：历山镇蜂蜜专业镇” as a town name.
    /// </summary>
    internal static void Refuse(ImportKind kind, ImportTable table, ImportResult result)
    {
        var fileColumn = table.FileColumns.TryGetValue(0, out var f) ? f : (int?)null;
        foreach (var row in table.Rows.Where(r => IsMarked(r.Cells[0])))
            result.Errors.Add(new ImportError(row.Number, kind.Columns[0].FullHeader, Refusal(row.Number, kind.Columns[0])) { FileColumn = fileColumn });
        table.Rows.RemoveAll(r => IsMarked(r.Cells[0]));
    }
}
