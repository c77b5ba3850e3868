using Microsoft.AspNetCore.Mvc;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>
/// An export as a download. Kestrel forbids synchronous writes to the response and the xlsx zip writes synchronously,
/// so the file is written to a temporary file first (memory stays flat however many rows) and then streamed back;
/// the file deletes itself when the response has been sent. A failure halfway is a clean error, not half a file.
/// </summary>
public static class ExportFile
{
    /// <param name="progress">Counts the rows as they are written, for the page waiting on a long export (<see cref="ProgressAsync"/>).</param>
    /// <param name="place">The path of the place the list was narrowed to, for the file's name; without one, the person's own place.</param>
    public static async Task<IActionResult> ResultAsync<T>(ExportTable<T> table, string? format, IAsyncEnumerable<T> rows, TimeProvider time, CancellationToken ct,
        ExportProgress? progress = null, string? place = null)
    {
        // No format is Excel; a format named that the platform does not write is refused, not answered with an .xlsx (qa110 10).
        if (!string.IsNullOrWhiteSpace(format) && TableExport.ParseFormat(format) is null) return new Refused(format.Trim());
        var chosen = TableExport.ParseFormat(format) ?? ExportFormat.Xlsx;
        var path = Path.Combine(Path.GetTempPath(), $"st-export-{Guid.NewGuid():N}{TableExport.Extension(chosen)}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await TableExport.WriteAsync(file, chosen, table, progress is null ? rows : progress.Counted(rows, ct), ct);
            await file.FlushAsync(ct);
            file.Position = 0;
        }
        catch (Exception e)
        {
            await file.DisposeAsync();
            if (progress is not null) await progress.FinishAsync(e is OperationCanceledException ? "导出已取消" : "导出没有完成，请稍后重试");
            throw;
        }
        if (progress is not null) await progress.FinishAsync(null);
        return new Download(file, TableExport.ContentType(chosen), table.Title, chosen, Today(time), place);
    }

    /// <summary>
    /// The file named as it is sent: the list, the place it covers and the day (企业名录_垣曲县_20261205.xlsx), so that files
    /// passed from county to city to province say whose they are. FileDownloadName gives Content-Disposition both filename
    /// and filename* (UTF-8), so the Chinese name survives.
    /// </summary>
    /// <summary>400 with the reason: problem+json under /api, the status page's Chinese message on a page.</summary>
    private sealed class Refused(string format) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var message = $"不支持导出为“{(format.Length > 20 ? format[..20] + "…" : format)}”格式：请选择 Excel（format=xlsx）或 CSV（format=csv）";
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api")) return Api.ApiSupport.Invalid("format", message).ExecuteAsync(http);
            http.Items[Platform.OutOfRangeYears.MessageItem] = message;
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
    }

    private sealed class Download(Stream file, string contentType, string title, ExportFormat format, DateOnly day, string? place)
        : FileStreamResult(file, contentType)
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            var path = place ?? UserScope.From(context.HttpContext.User)?.JurisdictionPath;
            var name = string.IsNullOrWhiteSpace(path) ? "" : PlaceNames.NameOf(path);
            FileDownloadName = TableExport.FileName(name.Length == 0 ? title : $"{title}_{name}", format, day);
            return base.ExecuteResultAsync(context);
        }
    }

    /// <summary>
    /// The rows a person ticked (ids=1&amp;ids=2, or ids=1,2) when the request is a 导出所选 one (selected=1);
    /// null for the whole filtered list. A selection of nothing exports nothing, never everything.
    /// </summary>
    public static IReadOnlyCollection<int>? Selection(HttpRequest request) =>
        request.Query.ContainsKey("selected") || request.Query.ContainsKey("ids")
            ? request.Query["ids"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => int.TryParse(v, out var i) ? i : 0).Where(i => i > 0).ToHashSet()
            : null;

    /// <summary>A list worked out in memory (tens of rows), narrowed to the ticked rows named by their keys on a 导出所选.</summary>
    public static IEnumerable<T> Picked<T>(IEnumerable<T> items, Func<T, string> key, HttpRequest request)
    {
        if (!request.Query.ContainsKey("selected") && !request.Query.ContainsKey("ids")) return items;
        var keys = request.Query["ids"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
        return items.Where(i => keys.Contains(key(i)));
    }

    /// <summary>
    /// The progress a page asked for with <c>progress=</c> and a token of its own (export.js polls it from
    /// <c>/Exports?handler=Progress</c>); null without a token, or with one that is not a token.
    /// </summary>
    public static async Task<ExportProgress?> ProgressAsync(HttpRequest request, StorageSettings storage, TimeProvider time, int userId, CancellationToken ct) =>
        Guid.TryParse(request.Query["progress"], out var id) && id != Guid.Empty ? await ExportProgress.StartAsync(storage, time, id, userId, ct) : null;

    public static Task<IActionResult> ResultAsync<T>(ExportTable<T> table, string? format, IEnumerable<T> rows, TimeProvider time, CancellationToken ct,
        string? place = null) =>
        ResultAsync(table, format, Async(rows), time, ct, place: place);

#pragma warning disable CS1998 // a list in memory seen through the asynchronous door
    private static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows) yield return row;
    }
#pragma warning restore CS1998

    public static DateOnly Today(TimeProvider time) => ChinaTime.Today(time);
}

/// <summary>The 导出 menu of a list: the current filter to Excel or CSV, and the ticked rows only.</summary>
/// <param name="Counted">The export counts its rows for the page (<see cref="ExportFile.ProgressAsync"/>): export.js polls them.</param>
public sealed record ExportMenu(HttpRequest Request, bool Selectable = true, string Handler = "Export", bool Counted = false)
{
    public string Link(string format) => Request.Path + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Kept()
        .Append(new("handler", Handler)).Append(new("format", format))).ToQueryString();

    /// <summary>The current filter, to submit along with the ticked rows.</summary>
    public IEnumerable<KeyValuePair<string, string>> Kept() => Request.Query
        .Where(q => q.Key is not ("page" or "handler" or "format" or "ids"))
        .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
}

/// <summary>A Word download whose 发文字号 the office fills in as it downloads (see _DocumentMenu).</summary>
public sealed record DocumentMenu(string Id, string Label, string Icon, string Action, IReadOnlyList<(string Name, string Value)> Fields,
    string Placeholder, string? Title = null, string? Hint = null, string ButtonClass = "btn btn-outline-primary btn-sm");
