namespace SpecializedTowns.Data.Imports;

/// <summary>A problem with one cell (or one row when Column is null, or the file when Row is 0), as the sender must fix it.</summary>
public sealed record ImportError(int Row, string? Column, string Message)
{
    /// <summary>The 0-based column of the file the error is in, to mark that cell; null for a row or file error.</summary>
    public int? FileColumn { get; init; }
}

public enum RowAction { Create, Update, Unchanged }

public sealed record FieldChange(string Column, string Old, string New);

/// <summary>What a valid row would do: add a record, change some of its fields, or nothing.</summary>
public sealed record RowChange(int Row, RowAction Action, string Record, IReadOnlyList<FieldChange> Fields)
{
    public string ActionName => Action switch { RowAction.Create => "新增", RowAction.Update => "更新", _ => "无变化" };
}

public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>The outcome of checking (and, when asked and clean, writing) one file.</summary>
public sealed class ImportResult
{
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public List<ImportError> Errors { get; } = [];
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public List<RowChange> Changes { get; } = [];
    public bool Committed { get; set; }

    /// <summary>Where the data was found, for marking the errors in the sender's own workbook.</summary>
    public string? SheetName { get; set; }
    public int HeaderRow { get; set; }

    /// <summary>The file column of each template column found (by column key).</summary>
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public Dictionary<string, int> FileColumns { get; } = [];

    public int ErrorRows => Errors.Where(e => e.Row > 0).Select(e => e.Row).Distinct().Count();

    public bool Ok => Errors.Count == 0;
}
