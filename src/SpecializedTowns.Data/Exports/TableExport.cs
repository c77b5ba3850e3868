namespace SpecializedTowns.Data.Exports;

public enum ExportFormat { Xlsx, Csv }

/// <summary>One column of an export: a Chinese header and how a row gives its value (a number, a date, text or null).</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value, double? Width = null);

/// <summary>A list as a clerk downloads it: the title names the sheet and the file.</summary>
public sealed record ExportTable<T>(string Title, IReadOnlyList<ExportColumn<T>> Columns);

/// <summary>Writes a table to .xlsx or .csv one row at a time, taking rows as the source yields them.</summary>
public static class TableExport
{
    public static ExportFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "xlsx" or "excel" => ExportFormat.Xlsx,
        "csv" => ExportFormat.Csv,
        _ => null,
    };

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx ? XlsxStreamWriter.ContentType : CsvStreamWriter.ContentType;

    public static string Extension(ExportFormat format) => format == ExportFormat.Xlsx ? ".xlsx" : ".csv";

    /// <summary>企业名录_20261202.xlsx: the title and the day (China time) of the export.</summary>
    public static string FileName(string title, ExportFormat format, DateOnly day) => $"{title}_{day:yyyyMMdd}{Extension(format)}";

    public static async Task<long> WriteAsync<T>(Stream output, ExportFormat format, ExportTable<T> table, IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        var header = table.Columns.Select(c => c.Header).ToList();
        var values = new object?[table.Columns.Count];
        if (format == ExportFormat.Xlsx)
        {
            using var xlsx = new XlsxStreamWriter(output);
            xlsx.BeginSheet(table.Title, header, table.Columns.Select(c => c.Width ?? Math.Clamp(c.Header.Length * 2.2 + 4, 8, 40)).ToList());
            await foreach (var row in rows.WithCancellation(ct))
            {
                Fill(values, table.Columns, row);
                xlsx.WriteRow(values);
            }
            return xlsx.RowsWritten;
        }
        using var csv = new CsvStreamWriter(output);
        csv.WriteHeader(header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            Fill(values, table.Columns, row);
            csv.WriteRow(values);
        }
        return csv.RowsWritten;
    }

    public static Task<long> WriteAsync<T>(Stream output, ExportFormat format, ExportTable<T> table, IEnumerable<T> rows, CancellationToken ct = default) =>
        WriteAsync(output, format, table, Async(rows), ct);

    private static void Fill<T>(object?[] values, IReadOnlyList<ExportColumn<T>> columns, T row)
    {
        for (var i = 0; i < columns.Count; i++) values[i] = columns[i].Value(row);
    }

#pragma warning disable CS1998 // a synchronous source seen through the asynchronous door
    private static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows) yield return row;
    }
#pragma warning restore CS1998

    /// <summary>
    /// Every row of a paged list, one page at a time: the list's own query (filter, scope, order) feeds the export,
    /// and only one page is held at once. With ids, only those rows of the list (a person's selection; none ticked, none).
    /// </summary>
    public static async IAsyncEnumerable<T> AllPages<T>(Func<int, int, Task<Paged<T>>> page, Func<T, int>? id = null, IReadOnlyCollection<int>? ids = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var wanted = ids is null ? null : new HashSet<int>(ids);
        if (wanted is not null && id is null) throw new ArgumentException("ids need an id selector", nameof(id));
        if (wanted is { Count: 0 }) yield break;
        var found = 0;
        for (var number = 1; ; number++)
        {
            ct.ThrowIfCancellationRequested();
            var result = await page(number, Paged<T>.MaxPageSize);
            foreach (var item in result.Items)
            {
                if (wanted is not null && !wanted.Contains(id!(item))) continue;
                found++;
                yield return item;
            }
            if (result.Items.Count < result.PageSize || number >= result.Pages) yield break;
            // A selection is complete once every chosen row has turned up.
            if (wanted is not null && found >= wanted.Count) yield break;
        }
    }
}
