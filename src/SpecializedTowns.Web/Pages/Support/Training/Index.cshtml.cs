using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Training;

/// <summary>人才培训: the year's 培训后就业率 from towns up to the province (朔政办发〔2023〕19号 四（八）), and the programmes.</summary>
public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>A year, or "all"; when not given, the latest year a programme in scope ended (else this year).</summary>
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true)] public string? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<TrainingItem> Result { get; private set; } = new([], 0, 1, 20);
    public TrainingRollupView Rollup { get; private set; } = new(null, []);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<PlaceOption> Towns { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public int? ChosenYear { get; private set; }
    public bool CanEdit { get; private set; }

    /// <summary>The line the person is answerable for: the area chosen in the filter, else their own jurisdiction, else the top.</summary>
    public TrainingLine? Headline { get; private set; }
    public bool Filtered => Jurisdiction is not null || Town is not null || Mode is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        var today = ExportFile.Today(time);
        Rollup = await TrainingProgrammes.RollupAsync(db, catalog, filter, scope, today, ct);
        Result = await TrainingProgrammes.ListAsync(db, catalog, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, today, ct);
        var own = filter.JurisdictionPath ?? scope.JurisdictionPath;
        Headline = Rollup.Lines.FirstOrDefault(l => l.IsTotal && l.Path == own) ?? Rollup.Total;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var today = ExportFile.Today(time);
        var rows = TableExport.AllPages((page, size) => TrainingProgrammes.ListAsync(db, catalog, filter with { Page = page, PageSize = size }, scope, today, ct),
            p => p.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(TalentExport.Programmes, format, rows, time, ct, place: Places.Path);
    }

    public async Task<IActionResult> OnGetExportRollupAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var view = await TrainingProgrammes.RollupAsync(db, catalog, await FilterAsync(scope, ct), scope, ExportFile.Today(time), ct);
        return await ExportFile.ResultAsync(TalentExport.Rollup, format, view.Lines, time, ct, place: Places.Path);
    }

    private async Task<TrainingFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        var today = ExportFile.Today(time);
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Towns = await TalentPages.TownsAsync(db, scope, ct, Places.Path);
        Years = TalentPages.Years(today);
        var asked = Year?.Trim();
        ChosenYear = string.Equals(asked, "all", StringComparison.OrdinalIgnoreCase) || asked == "全部年度" ? null
            : int.TryParse(asked, out var y) && Years.Contains(y) ? y
            : await TrainingProgrammes.LatestResultYearAsync(db, scope, today, ct) ?? today.Year;
        // A year the select does not offer (or no year at all) is said above the list with the year shown instead.
        if (!string.IsNullOrEmpty(asked) && ChosenYear is { } shown && asked != shown.ToString())
            FilterValues.Unknown(HttpContext, "年度", asked, $"已显示{shown}年");
        TrainingMode? mode = FilterValues.Read<TrainingMode>(HttpContext, Mode, "培训方式");
        Mode = mode?.ToString();
        return new TrainingFilter
        {
            JurisdictionPath = Places.Path,
            TownId = Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(x => x.Id), Places.Name), Year = ChosenYear, Mode = mode, Search = Search,
        };
    }
}
