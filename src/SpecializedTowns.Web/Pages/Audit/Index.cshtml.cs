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
public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
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
        if (From is { } f && To is { } t && f > t) { Error = "开始日期不能晚于结束日期"; return; }
        Result = await AuditQueries.ListAsync(db, Scope, filter with { Page = PageNumber, PageSize = 50 }, ct);
        ViewData[nameof(AuditValueNames)] = await AuditValueNames.ForAsync(db, Result.Items, ct);
    }

    /// <summary>The filtered entries, one row per changed field, streamed as they are read: the trail can be long.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var entries = (await AuditQueries.FilteredAsync(db, UserScope.From(User)!, Filter(), ct)).OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).AsAsyncEnumerable();
        return await ExportFile.ResultAsync(ExportColumns, format, FieldRows(entries, ct), time, ct);
    }

    private sealed record FieldRow(AuditEntry Entry, AuditChange? Change);

    private static readonly ExportTable<FieldRow> ExportColumns = new("审计日志",
    [
        new("时间", r => r.Entry.AtUtc, 18), new("操作人", r => r.Entry.DisplayName, 14), new("用户名", r => r.Entry.UserName, 14),
        new("来源地址", r => r.Entry.Address, 14), new("操作", r => AuditActions.Chinese(r.Entry.Action), 6), new("对象类型", r => AuditNames.Type(r.Entry.EntityType), 14),
        new("对象", r => r.Entry.EntityLabel, 30), new("编号", r => r.Entry.EntityId, 8), new("字段", r => r.Change is { } c ? AuditNames.Field(r.Entry.EntityType, c.Field) : null, 18),
        new("原值", r => r.Change?.Old, 30), new("新值", r => r.Change?.New, 30),
    ]);

    private static async IAsyncEnumerable<FieldRow> FieldRows(IAsyncEnumerable<AuditEntry> entries, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in entries.WithCancellation(ct))
        {
            var changes = e.ReadChanges();
            if (changes.Count == 0) yield return new FieldRow(e, null);
            foreach (var c in changes) yield return new FieldRow(e, c);
        }
    }

    /// <summary>The one reading of the filter bar that the list and the export share; an action that names none is noted and left off.</summary>
    private AuditFilter Filter()
    {
        ActionValue = FilterValues.Read<AuditAction>(HttpContext, Action, "操作");
        return new() { From = From, To = To, User = UserFilter, Action = ActionValue, EntityType = Type, EntityId = EntityId, Search = Search };
    }
}
