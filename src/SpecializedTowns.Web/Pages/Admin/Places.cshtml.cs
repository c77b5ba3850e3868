using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Admin;

/// <summary>系统 → 行政区划: the tree as a list; an administrator adds a deployment's townships and corrects codes.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class PlacesModel(TownsDbContext db, TimeProvider time) : PageModel
{
    private const int PageSize = 50;

    public sealed class NewPlace
    {
        public int? ParentId { get; set; }
        public string? Name { get; set; }
        public string? Code { get; set; }
    }

    [BindProperty] public NewPlace Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "级别")] public JurisdictionLevel? Level { get; set; }
    [BindProperty(SupportsGet = true)] public int? Under { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public Paged<PlaceListItem> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<(int Id, string Label, JurisdictionLevel Level)> Parents { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>The place whose code is being corrected, with what was typed and what is wrong with it.</summary>
    public (int Id, string? Code, string Problem)? CodeError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = TableExport.AllPages((page, size) => JurisdictionRegistry.ListAsync(db, Search, Level, Under, page, size, ct), p => p.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(JurisdictionRegistry.Export, format, rows, time, ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var change = await JurisdictionRegistry.AddAsync(db, Input.ParentId, Input.Name, Input.Code, ct);
        if (!change.Ok)
        {
            foreach (var (field, problem) in change.Problems) ModelState.AddModelError($"Input.{field}", problem);
            await LoadAsync(ct);
            return Page();
        }
        var place = change.Place!;
        TempData["Message"] = $"已添加{Jurisdiction.LevelName(place.Level)}“{place.Path.Replace("/", " / ")}”";
        return RedirectToPage(new { under = place.ParentId });
    }

    /// <summary>
    /// A row's code, posted as "placeCode": posted as "code", model binding found no "Input.*" field and fell back to binding
    /// <see cref="Input"/> from the bare names, so a refused row code reappeared (and was checked) in the add form.
    /// </summary>
    public async Task<IActionResult> OnPostCodeAsync(int id, string? placeCode, CancellationToken ct)
    {
        var change = await JurisdictionRegistry.SetCodeAsync(db, id, placeCode, ct);
        if (!change.Ok)
        {
            CodeError = (id, placeCode, change.Problems["Code"]);
            await LoadAsync(ct);
            return Page();
        }
        var place = change.Place!;
        TempData["Message"] = place.Code is null ? $"已清除“{place.Name}”的行政区划代码" : $"“{place.Name}”的行政区划代码已改为 {place.Code}";
        return LocalRedirect(ListUrl());
    }

    /// <summary>
    /// The list as it is filtered and paged, with more parameters (a row's code form posts there and comes back to it):
    /// "page" cannot be a route value of RedirectToPage or asp-route-*, where it names the Razor page.
    /// </summary>
    public string ListUrl(params (string Key, string Value)[] more)
    {
        var query = new Dictionary<string, string?> { ["search"] = Search, ["level"] = Level?.ToString(), ["under"] = Under?.ToString(), ["page"] = PageNumber > 1 ? PageNumber.ToString() : null };
        foreach (var (key, value) in more) query[key] = value;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin/Places", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await JurisdictionRegistry.ListAsync(db, Search, Level, Under, PageNumber, PageSize, ct);
        Parents = await JurisdictionRegistry.ParentsAsync(db, ct);
    }
}
