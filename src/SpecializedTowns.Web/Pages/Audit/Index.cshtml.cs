using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Audit;

/// <summary>审计日志: every create, change and delete, filtered; read-only by design (there is no handler that writes).</summary>
public sealed class IndexModel(TownsDbContext db, TimeProvider time, SpecializedTowns.Core.Policies.PolicyCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    /// <summary>The action as the address names it: its code in any letter case or its Chinese name (字典 · 审计操作).</summary>
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AuditEntry> Result { get; private set; } = new([], 0, 1, 50);
    public UserScope Scope { get; private set; } = null!;
    public string? Error { get; private set; }

    /// <summary>The action the filter reads, once <see cref="Filter"/> has read it; null for all and for a value that names none.</summary>
    public AuditAction? ActionValue { get; private set; }

    public bool Filtered => From is not null || To is not null || !string.IsNullOrWhiteSpace(UserFilter) || ActionValue is not null
        || !string.IsNullOrWhiteSpace(Type) || !string.IsNullOrWhiteSpace(EntityId) || !string.IsNullOrWhiteSpace(Search);

    /// <summary>What the page says it shows, so nobody mistakes a county's view for the whole platform's.</summary>
    public string Coverage => Scope.Role switch
    {
        Roles.Admin => "全平台的全部记录",
        Roles.Office or Roles.Leader => "本级及下级人员的操作记录",
        _ => "您本人的操作记录",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        var filter = Filter();
        if (FilterProblem() is { } problem) { Error = problem; return; }
        Result = await AuditQueries.ListAsync(db, catalog, Scope, filter with { Page = PageNumber, PageSize = 50 }, ct);
        ViewData[nameof(AuditValueNames)] = await AuditValueNames.ForAsync(db, catalog, Result.Items, ct);
    }

    /// <summary>The filtered entries, one row per changed field, named as the page names them (<see cref="AuditValueNames"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        // The list's refusals, not a file of the header alone (qa110 10).
        if (FilterProblem() is { } problem)
        {
            HttpContext.Items[Platform.OutOfRangeYears.MessageItem] = problem;
            return StatusCode(StatusCodes.Status400BadRequest);
        }
        var entries = await AuditQueries.FilteredAsync(db, catalog, UserScope.From(User)!, Filter(), ct);
        return await ExportFile.ResultAsync(ExportColumns, format, FieldRows(db, catalog, entries, ct), time, ct);
    }

    private sealed record FieldRow(AuditEntry Entry, AuditChange? Change, AuditValueNames Names);

    // 对象 and the values as the page shows them: a link row by what it links, a unit by its name, a 字典 code by its name. A
    // stored document is written whole (the page sums it up and sends the reader here).
    private static readonly ExportTable<FieldRow> ExportColumns = new("审计日志",
    [
        new("时间", r => r.Entry.AtUtc, 18), new("操作人", r => r.Entry.DisplayName, 14), new("用户名", r => r.Entry.UserName, 14),
        new("来源地址", r => r.Entry.Address, 14), new("操作", r => AuditActions.Chinese(r.Entry.Action), 6), new("对象类型", r => AuditNames.Type(r.Entry.EntityType), 14),
        new("对象", r => r.Names.Label(r.Entry), 30), new("编号", r => r.Entry.EntityId, 8), new("字段", r => r.Change is { } c ? AuditNames.Field(r.Entry.EntityType, c.Field) : null, 18),
        new("原值", r => r.Change is { } c ? r.Names.Named(c.Field, c.Old) : null, 30), new("新值", r => r.Change is { } c ? r.Names.Named(c.Field, c.New) : null, 30),
    ]);

    /// <summary>How many entries are read, and their names looked up, at a time.</summary>
    private const int Batch = 1_000;

    /// <summary>
    /// The entries newest first, a batch at a time, each batch's names read in one query per kind: the trail can be long, and
    /// PostgreSQL runs no second query on a connection while a reader is still open on it, as one streamed read would keep it.
    /// </summary>
    private static async IAsyncEnumerable<FieldRow> FieldRows(TownsDbContext db, SpecializedTowns.Core.Policies.PolicyCatalog catalog, IQueryable<AuditEntry> entries,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        (DateTime At, long Id)? after = null;
        while (true)
        {
            var rest = entries;
            if (after is { } last)
            {
                var (at, id) = last;
                rest = entries.Where(e => e.AtUtc < at || (e.AtUtc == at && e.Id < id));
            }
            var batch = await rest.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) yield break;
            var names = await AuditValueNames.ForAsync(db, catalog, batch, ct);
            foreach (var e in batch)
            {
                var changes = e.ReadChanges();
                if (changes.Count == 0) yield return new FieldRow(e, null, names);
                foreach (var c in changes) yield return new FieldRow(e, c, names);
            }
            if (batch.Count < Batch) yield break;
            after = (batch[^1].AtUtc, batch[^1].Id);
        }
    }

    /// <summary>
    /// Why the filter cannot be read, the list and the export alike: a date that is not one (from=abc, 2026-13-01 were dropped
    /// by model binding and the whole trail shown, qa110 10), an entity number that is not one, or a start after the end.
    /// </summary>
    private string? FilterProblem()
    {
        foreach (var (name, label) in new[] { ("From", "开始日期"), ("To", "结束日期") })
            if (ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
                return $"{label}“{entry.AttemptedValue}”不是有效日期，请写成 2024-03-05";
        if (!string.IsNullOrWhiteSpace(EntityId) && !char.IsAsciiDigit(EntityId.Trim()[0]))
            return $"对象编号“{EntityId.Trim()}”不是有效的记录编号，请从对象的“历史”链接进入";
        if (From is { } f && To is { } t && f > t) return "开始日期不能晚于结束日期";
        return null;
    }

    /// <summary>The one reading of the filter bar that the list and the export share; an action that names none is noted and left off.</summary>
    private AuditFilter Filter()
    {
        ActionValue = FilterValues.Read<AuditAction>(HttpContext, Action, "操作");
        return new() { From = From, To = To, User = UserFilter, Action = ActionValue, EntityType = Type, EntityId = EntityId, Search = Search };
    }
}
