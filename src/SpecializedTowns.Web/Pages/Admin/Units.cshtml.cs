using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Admin;

/// <summary>
/// 系统 → 单位: the units tasks, problems, projects and accounts are given to, with what refers to each; an administrator
/// adds a unit, corrects a name, merges a duplicate (县工业科技局 beside 县工科局) into the unit it repeats after a preview of what
/// moves, and deletes a unit nothing refers to. Administrators only, as the whole 系统 group is.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UnitsModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    private const int PageSize = 50;

    public sealed class NewUnit
    {
        public int? JurisdictionId { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public NewUnit Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int? Under { get; set; }

    /// <summary>Only the units whose names look like another's of the same place (疑似重复).</summary>
    [BindProperty(SupportsGet = true)] public bool Alike { get; set; }

    /// <summary>The row whose name is being changed.</summary>
    [BindProperty(SupportsGet = true)] public int? Rename { get; set; }

    /// <summary>The unit being merged away, and the one it would go into (the preview).</summary>
    [BindProperty(SupportsGet = true)] public int? Merge { get; set; }
    [BindProperty(SupportsGet = true)] public int? Into { get; set; }

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<UnitListItem> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<(int Id, string Label, JurisdictionLevel Level)> Parents { get; private set; } = [];
    public IReadOnlyList<(int Id, string Label)> Places { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The name typed for the row being renamed, and what is wrong with it.</summary>
    public (string? Name, string Problem)? RenameError { get; private set; }

    /// <summary>The merge panel: the unit merged away, the preview once a unit to merge into is chosen, and the units to choose from.</summary>
    public UnitListItem? MergeFrom { get; private set; }
    public UnitMergePlan? Plan { get; private set; }
    public IReadOnlyList<(int Id, string Name, string Place, bool Alike)> Targets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Error = TempData["Error"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = TableExport.AllPages((page, size) => UnitCatalog.ListAsync(db, Search, Under, Alike, page, size, ct), u => u.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(UnitCatalog.Export, format, rows, time, ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var change = await UnitCatalog.AddAsync(db, Input.JurisdictionId, Input.Name, ct);
        if (!change.Ok)
        {
            foreach (var (field, problem) in change.Problems) ModelState.AddModelError($"Input.{field}", problem);
            await LoadAsync(ct);
            return Page();
        }
        var unit = change.Unit!;
        TempData["Message"] = $"已添加单位“{unit.Name}”{AlikeNote(change.Alike)}";
        return LocalRedirect(ListUrl(("search", unit.Name), ("under", null), ("alike", null), ("page", null)));
    }

    /// <summary>The new name comes as newName: a field called name would also bind to the add form's Input.Name (MVC falls back to the empty prefix) and show there.</summary>
    public async Task<IActionResult> OnPostRenameAsync(int id, string? newName, CancellationToken ct)
    {
        var old = (await UnitCatalog.FindAsync(db, id, ct))?.Name;
        var change = await UnitCatalog.RenameAsync(db, id, newName, ct);
        if (!change.Ok)
        {
            Rename = id;
            RenameError = (newName, change.Problems["Name"]);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = $"已将“{old}”改名为“{change.Unit!.Name}”；原名称作为曾用名保留，按原名称写的文件和记录仍算作这个单位{AlikeNote(change.Alike)}";
        return LocalRedirect(ListUrl(("rename", null)));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var (problem, name) = await UnitCatalog.DeleteAsync(db, catalog, id, ct);
        if (problem is null) TempData["Message"] = $"已删除单位“{name}”";
        else TempData["Error"] = problem;
        return LocalRedirect(ListUrl(("rename", null)));
    }

    public async Task<IActionResult> OnPostMergeAsync(CancellationToken ct)
    {
        if (Merge is not { } from) return LocalRedirect(ListUrl());
        var done = await UnitMerge.MergeAsync(db, from, Into, ct);
        if (!done.Ok)
        {
            Error = done.Problem;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = $"{done.Summary}。“{done.From!.Name}”已删除，作为“{done.Into!.Name}”的曾用名保留";
        return LocalRedirect(ListUrl(("merge", null), ("into", null)));
    }

    private static string AlikeNote(IReadOnlyList<string> alike) =>
        alike.Count == 0 ? "" : $"。请注意：本地已有名称相近的单位 {string.Join("、", alike)}，如是同一单位，请用“合并”";

    /// <summary>
    /// The list as it is filtered and paged, with some parameters changed (null removes one): a row's form posts there and
    /// comes back to it. Written out: "page" cannot be a route value of RedirectToPage, where it names the Razor page.
    /// </summary>
    public string ListUrl(params (string Key, string? Value)[] changed)
    {
        var query = new Dictionary<string, string?>
        {
            ["search"] = Search, ["under"] = Under?.ToString(), ["alike"] = Alike ? "true" : null,
            ["rename"] = Rename?.ToString(), ["merge"] = Merge?.ToString(), ["into"] = Into?.ToString(),
            ["page"] = PageNumber > 1 ? PageNumber.ToString() : null,
        };
        foreach (var (key, value) in changed) query[key] = value;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin/Units", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await UnitCatalog.ListAsync(db, Search, Under, Alike, PageNumber, PageSize, ct);
        Parents = await JurisdictionRegistry.ParentsAsync(db, ct);
        Places = await UnitCatalog.PlacesAsync(db, ct);
        if (Merge is { } from && await UnitCatalog.FindAsync(db, from, ct) is { } unit)
        {
            MergeFrom = unit;
            Targets = await UnitMerge.TargetsAsync(db, unit, ct);
            if (Into is not null) Plan = await UnitMerge.PlanAsync(db, from, Into, ct);
        }
    }
}
