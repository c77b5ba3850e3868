using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Targets;

namespace SpecializedTowns.Web.Pages.Targets;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>Pack id of the document to show.</summary>
    [BindProperty(SupportsGet = true)] public string? Document { get; set; }
    [BindProperty(SupportsGet = true)] public TargetState? State { get; set; }

    public IReadOnlyList<TargetItem> All { get; private set; } = [];
    public IReadOnlyList<TargetItem> Shown { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Documents { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The filtered targets as a spreadsheet, for the office's own 目标任务台账.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var stream = new MemoryStream();
        Data.Documents.Workbook.Write(stream, new Data.Documents.Sheet("目标监测",
            ["政策文件", "指标", "范围", "目标", "期限", "当前值", "状态", "说明", "依据"],
            Shown.Select(t => (IReadOnlyList<object?>)[t.Document, t.Target.Metric, t.Target.Scope, t.Requirement,
                t.Deadline is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : "未注明", t.CurrentText ?? "—", TargetRules.Chinese(t.State), t.Assessment.Why, t.Target.Source]),
            [22, 24, 14, 20, 14, 16, 10, 60, 30]));
        stream.Position = 0;
        return File(stream, Data.Documents.Workbook.ContentType, $"目标监测（截至{Today:yyyy-MM-dd}）.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));
        All = await TargetQueries.AllAsync(db, catalog, scope, Today, ct);
        Documents = All.Select(t => (t.PackId, t.Document)).Distinct().ToList();
        Shown = All.Where(t => (string.IsNullOrEmpty(Document) || t.PackId == Document) && (State is null || t.State == State)).ToList();
    }
}
