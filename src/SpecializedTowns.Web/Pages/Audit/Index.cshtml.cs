using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Audit;

/// <summary>审计日志: every create, change and delete, filtered; read-only by design (there is no handler that writes).</summary>
public sealed class IndexModel(TownsDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AuditEntry> Result { get; private set; } = new([], 0, 1, 50);
    public UserScope Scope { get; private set; } = null!;
    public string? Error { get; private set; }

    public bool Filtered => From is not null || To is not null || !string.IsNullOrWhiteSpace(UserFilter) || Action is not null
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
        if (From is { } f && To is { } t && f > t) { Error = "开始日期不能晚于结束日期"; return; }
        Result = await AuditQueries.ListAsync(db, Scope, Filter() with { Page = PageNumber, PageSize = 50 }, ct);
    }

    /// <summary>The filtered entries, one row per changed field, as a spreadsheet or CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var entries = AuditQueries.Filtered(db, scope, Filter()).OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).AsAsyncEnumerable();
        var rows = new List<IReadOnlyList<object?>>();
        await foreach (var e in entries.WithCancellation(ct))
        {
            var changes = e.ReadChanges();
            foreach (var c in changes.Count == 0 ? [new AuditChange("", null, null)] : changes)
                rows.Add([Display.DateTime(e.AtUtc), e.DisplayName, e.UserName, e.Address, AuditActions.Chinese(e.Action), AuditNames.Type(e.EntityType),
                    e.EntityLabel, e.EntityId, c.Field == "" ? "" : AuditNames.Field(c.Field), c.Old, c.New]);
        }
        string[] header = ["时间", "操作人", "用户名", "来源地址", "操作", "对象类型", "对象", "编号", "字段", "原值", "新值"];
        var name = $"审计日志_{DateTime.UtcNow.AddHours(8):yyyyMMdd}";
        if (format == "csv")
            return File(CsvFile.Write(header, rows.Select(r => r.Select(v => v?.ToString()))), "text/csv; charset=utf-8", name + ".csv");
        var stream = new MemoryStream();
        Data.Documents.Workbook.Write(stream, new Data.Documents.Sheet("审计日志", header, rows, [18, 12, 14, 14, 6, 14, 30, 8, 18, 30, 30]));
        stream.Position = 0;
        return File(stream, Data.Documents.Workbook.ContentType, name + ".xlsx");
    }

    private AuditFilter Filter() => new()
    {
        From = From, To = To, User = UserFilter, Action = Action is { } a && Enum.IsDefined(a) ? a : null,
        EntityType = Type, EntityId = EntityId, Search = Search,
    };
}
