using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reserve;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Reserve;

/// <summary>
/// 专业镇 → 储备培育: the township × industry heat map of the chosen measure, townships ranked on one industry (there is
/// no township boundary data), the county map of that industry, the ranked candidates with filters, paging and export,
/// and 列入储备 in one step. Server-rendered: only the map needs JavaScript, and its figures are in a table beside it.
/// </summary>
public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, ClusterYears years, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }

    /// <summary>lq-county (default), lq-city, lq-province, output, employment, enterprises.</summary>
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }

    /// <summary>What location quotients and concentration are taken on: output (default) or employment.</summary>
    [BindProperty(SupportsGet = true)] public string? Basis { get; set; }

    /// <summary>The industry the ranked view shows; the largest by output when not chosen.</summary>
    [BindProperty(SupportsGet = true)] public string? Focus { get; set; }

    [BindProperty(SupportsGet = true)] public decimal? MinLq { get; set; }
    [BindProperty(SupportsGet = true)] public int? MinEnterprises { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? MinOutput { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>The heat map's page of townships (20, as every list): a province holds 1,200, each a row of every industry.</summary>
    [BindProperty(SupportsGet = true, Name = "rows")] public int RowsPage { get; set; } = 1;

    public const int TownshipsPerPage = 20;

    /// <summary>The ranked bars show the first townships on the focus industry; the full ranking is the candidates' export.</summary>
    public const int RankedShown = 30;

    public IReadOnlyList<int> Years { get; private set; } = [];
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public ClusterPicture Picture { get; private set; } = ClusterPicture.Empty(0);
    public IReadOnlyList<CandidateView> Matching { get; private set; } = [];
    public Paged<CandidateView> Candidates { get; private set; } = new([], 0, 1, PageSize);
    public Paged<(int Id, string Name, string County)> HeatRows { get; private set; } = new([], 0, 1, TownshipsPerPage);
    public CandidateRules Rules { get; private set; } = new();

    /// <summary>The counties of the person's city (every county for the province) on the focus industry, for the county map.</summary>
    public IReadOnlyList<CountyFigure> Counties { get; private set; } = [];
    public IReadOnlyList<string> MapFiles { get; private set; } = [];
    public string MapJson { get; private set; } = "null";
    public bool CanReserve { get; private set; }

    /// <summary>
    /// The clauses on cultivating towns (<see cref="Clauses.ReserveCultivation"/>) from the reader's own documents, not the
    /// area the top bar is narrowed to: a 运城 office looking at 垣曲 does not work under 垣政办发〔2023〕19号.
    /// </summary>
    public BasisView? Grounds { get; private set; }

    /// <summary>The years a 培育方案 may be made for, and the one chosen unless the office picks the other.</summary>
    public IReadOnlyList<int> PlanYears { get; private set; } = [];
    public int PlanYear { get; private set; }

    /// <summary>The units that may lead the plan's tasks, when one county is shown (a city's counties each have their own).</summary>
    public IReadOnlyList<(int Id, string Name, string Place)> LeadUnits { get; private set; } = [];
    public int? LeadUnit { get; private set; }
    public string? Error { get; private set; }
    public string? ThresholdError { get; private set; }

    /// <summary>The largest 企业不少于 the form takes (its max).</summary>
    public const int MaxEnterprises = 1_000_000;

    public static readonly IReadOnlyList<(string Key, string Name)> Measures =
    [
        ("lq-county", "区位熵（对县）"), ("lq-city", "区位熵（对市）"), ("lq-province", "区位熵（对省）"),
        ("output", "产值（万元）"), ("employment", "就业（人）"), ("enterprises", "企业数（家）"),
    ];

    private static readonly IReadOnlyDictionary<string, string> MeasureNames = Measures.ToDictionary(m => m.Key, m => m.Name);
    private static readonly IReadOnlyDictionary<string, string> BasisNames = new Dictionary<string, string> { ["output"] = "按产值", ["employment"] = "按就业" };

    public string MeasureKey => Measures.Any(m => m.Key == Measure) ? Measure! : "lq-county";
    public string MeasureName => Measures.First(m => m.Key == MeasureKey).Name + (MeasureKey.StartsWith("lq") && BasisValue == ClusterBasis.Employment ? "·按就业" : "");
    public ClusterBasis BasisValue => Basis == "employment" ? ClusterBasis.Employment : ClusterBasis.Output;
    public bool IsQuotient => MeasureKey.StartsWith("lq", StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ClusterQueries.HasAccess(scope)) return Forbid();
        await LoadAsync(scope, ct);
        var (page, size) = Paged<CandidateView>.Normalize(PageNumber, PageSize);
        Candidates = new Paged<CandidateView>(Matching.Skip((page - 1) * size).Take(size).ToList(), Matching.Count, page, size);
        var townships = Picture.Placed.Townships;
        var (rows, perPage) = Paged<(int, string, string)>.Normalize(RowsPage, TownshipsPerPage);
        HeatRows = new Paged<(int, string, string)>(townships.Skip((rows - 1) * perPage).Take(perPage).ToList(), townships.Count, rows, perPage);
        return Page();
    }

    /// <summary>The candidates as filtered, every page (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ClusterQueries.HasAccess(scope)) return Forbid();
        await LoadAsync(scope, ct);
        return await ExportFile.ResultAsync(ReserveExport.For(BasisValue), format, ExportFile.Picked(Matching, c => c.Key, Request), time, ct, place: Places.Path);
    }

    /// <summary>列入储备: the town at 储备 and its 培育方案 in one step; refusals come back as a message on the page.</summary>
    public async Task<IActionResult> OnPostReserveAsync(string? key, int? year, int? planYear, int? leadUnitId, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var pair = ReserveKeys.Parse(key);
        if (pair is null || year is null)
        {
            TempData["Error"] = "请从候选名单或热力图中选择乡镇和产业";
            return Redirect(Back());
        }
        try
        {
            var result = await ReserveService.AddAsync(db, catalog, scope, User.DisplayName(), pair.Value.TownshipId, pair.Value.Industry, year.Value, time, ct, years,
                new ReservePlanChoice(planYear, leadUnitId));
            TempData["Saved"] = $"已将“{result.TownName}”列入储备，并生成{result.PlanYear}年培育方案（{result.Tasks} 项任务，牵头单位：{result.LeadUnit}）" +
                                (result.EnterprisesAttached > 0 ? $"，{result.EnterprisesAttached} 家企业已归入该专业镇" : "");
            TempData["SavedTown"] = result.TownId;
            TempData["SavedPlan"] = result.PlanId;
        }
        catch (ReserveRefusedException ex)
        {
            TempData["Error"] = ex.Message;
        }
        return Redirect(Back());
    }

    private string Back()
    {
        var query = Request.Query.Where(q => q.Key is not ("handler" or "key")).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
        return "/Reserve" + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(query).ToQueryString();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        // A measure or basis in the address that names none (an old link, a hand-made one) is said above the page with what
        // is shown instead, as the lists say of their filters; the key in any case or the select's Chinese name is taken.
        Measure = FilterValues.ReadKey(HttpContext, MeasureNames, Measure, "指标", $"已按“{MeasureNames["lq-county"]}”显示");
        Basis = FilterValues.ReadKey(HttpContext, BasisNames, Basis, "区位熵、集中度口径", "已按产值计算");
        CanReserve = ReserveService.CanReserve(scope);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));
        PlanYear = ReserveService.DefaultPlanYear(today);
        PlanYears = [today.Year, today.Year + 1];
        Years = await ClusterQueries.YearsAsync(db, ct);
        var year = Year is { } y && Years.Contains(y) ? y : Years.FirstOrDefault();
        var asked = ModelState.TryGetValue(nameof(Year), out var given) ? given.AttemptedValue?.Trim() : null;
        if (year != 0 && !string.IsNullOrEmpty(asked) && Year != year)
            FilterValues.Note(HttpContext, Year is { } missing ? $"没有{missing}年的产业数据，已显示{year}年" : $"未知的统计年度{FilterValues.Quoted(asked)}，已显示{year}年");
        Year = year == 0 ? null : year;
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Error = Places.Error;
        var area = Places.Path ?? scope.JurisdictionPath;
        Grounds = BasisDisplay.For(catalog, User, "reserve", Clauses.ReserveCultivation(catalog), "依据");
        if (CanReserve && area.Split('/') is { Length: >= 3 } parts)
        {
            var county = string.Join("/", parts.Take(3));
            LeadUnits = await SpecializedTowns.Data.Units.UnitRegistry.ForPathAsync(db, county, ct);
            LeadUnit = await ReserveService.DefaultLeadUnitAsync(db, catalog, scope, county, ct);
        }
        // The thresholds as usable; one that is not a number or out of range is named with the default used instead.
        var (minLq, minEnterprises, minOutput) = (MinLq is >= 0 ? MinLq : null, MinEnterprises is >= 1 and <= MaxEnterprises ? MinEnterprises : null, MinOutput is >= 0 ? MinOutput : null);
        bool Refused(string key, object? given, object? used) =>
            ModelState.GetFieldValidationState(key) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid || !Equals(given, used);
        var refused = new List<string>();
        if (Refused(nameof(MinLq), MinLq, minLq)) refused.Add($"区位熵下限应为不小于 0 的数，已按默认值 {CandidateRules.DefaultMinLocationQuotient} 筛选");
        if (Refused(nameof(MinEnterprises), MinEnterprises, minEnterprises)) refused.Add($"企业数下限应为 1 到 {MaxEnterprises} 之间的整数，已按默认值 {CandidateRules.DefaultMinEnterprises} 家筛选");
        if (Refused(nameof(MinOutput), MinOutput, minOutput)) refused.Add($"产值下限应为不小于 0 的数，已按默认值 {CandidateRules.DefaultMinOutputWanYuan} 万元筛选");
        // Shown beside the thresholds: the form sends the person to the candidates, far below the top of the page.
        ThresholdError = refused.Count > 0 ? "筛选条件有误：" + string.Join("；", refused) + "。" : null;
        Rules = new CandidateRules
        {
            MinLocationQuotient = minLq ?? CandidateRules.DefaultMinLocationQuotient,
            MinEnterprises = minEnterprises ?? CandidateRules.DefaultMinEnterprises,
            MinOutputWanYuan = minOutput ?? CandidateRules.DefaultMinOutputWanYuan,
            Basis = BasisValue,
        };
        var data = year == 0 ? null : await years.GetAsync(db, year, ClusterQueries.ProvinceOf(scope), ct);
        Picture = data is null ? ClusterPicture.Empty(0) : await ClusterQueries.PictureAsync(db, catalog, scope, data, Places.Path, Rules, ct);
        var industry = Industry?.Trim();
        Matching = Picture.Candidates.Where(c => string.IsNullOrEmpty(industry) || c.View.Cell.Industry.Contains(industry, StringComparison.Ordinal)).ToList();
        // The ranked view opens on the industry of the first candidate (the one a person came for), else the largest.
        if (string.IsNullOrWhiteSpace(Focus) || !Picture.Placed.Industries.Contains(Focus))
            Focus = Matching.FirstOrDefault()?.View.Cell.Industry ?? Picture.Placed.Industries.FirstOrDefault();
        if (data is not null && Focus is { } focus) await LoadMapAsync(scope, data, focus, ct);
    }

    /// <summary>
    /// The county map: each county of the city (the province for a province user) coloured by the chosen measure of the
    /// focus industry. A county's quotient against itself is always 1, so 区位熵（对县） shows the quotient against the city.
    /// </summary>
    private async Task LoadMapAsync(UserScope scope, ClusterYear data, string focus, CancellationToken ct)
    {
        Counties = await ClusterQueries.CountiesAsync(db, scope, data, focus, ct);
        var city = scope.JurisdictionPath.Split('/') is { Length: >= 2 } parts ? parts[1] : null;
        var province = city is null;
        MapFiles = province ? Pages.IndexModel.CityMapFiles.Values.ToList()
            : Pages.IndexModel.CityMapFiles.TryGetValue(city!, out var file) ? [file] : [];
        if (MapFiles.Count == 0) return;
        MapJson = System.Text.Json.JsonSerializer.Serialize(new
        {
            name = province ? "山西" : city!.TrimEnd('市'),
            cities = province ? Pages.IndexModel.CityMapFiles.Keys.Select(c => c.TrimEnd('市')) : null,
            measure = CountyMeasureName,
            counties = Counties.Select(c => new
            {
                name = province ? $"{c.City.TrimEnd('市')}|{c.County}" : c.County,
                value = CountyValue(c.Cell) is { } v ? Math.Round(v, 4) : (decimal?)null,
                text = Format(CountyValue(c.Cell)),
                enterprises = c.Cell.Enterprises,
            }),
            focus = FocusOnMap(Places.Path ?? scope.JurisdictionPath, province),
        }, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }

    /// <summary>
    /// What the map outlines: the county chosen in the filter, else the person's own county, by the map's name for it
    /// (阳泉|城区 on the province map, where names repeat); on the province map a chosen city outlines its counties (阳泉|).
    /// </summary>
    private static string? FocusOnMap(string path, bool province) => path.Split('/') switch
    {
        [_, var city, var county, ..] => province ? $"{city.TrimEnd('市')}|{county}" : county,
        [_, var city] when province => $"{city.TrimEnd('市')}|",
        _ => null,
    };

    public string CountyMeasureName => MeasureKey == "lq-county"
        ? "区位熵（对市）" + (BasisValue == ClusterBasis.Employment ? "·按就业" : "")
        : MeasureName;

    /// <summary>The chosen measure of a county; 区位熵（对县） reads as the quotient against the city.</summary>
    public decimal? CountyValue(CountyCell cell) => MeasureKey switch
    {
        "lq-province" => cell.Lq(BasisValue).Province,
        "output" => cell.OutputWanYuan,
        "employment" => cell.Employment,
        "enterprises" => cell.Enterprises,
        _ => cell.Lq(BasisValue).City,
    };

    /// <summary>Names what <see cref="Value"/> reads: the measure and the basis of its quotients.</summary>
    public string ValueKey => $"{MeasureKey}|{BasisValue}";

    /// <summary>The chosen measure of a cell; null where it cannot be worked out (a zero denominator).</summary>
    public decimal? Value(ClusterCell cell) => MeasureKey switch
    {
        "lq-city" => cell.Lq(BasisValue).City,
        "lq-province" => cell.Lq(BasisValue).Province,
        "output" => cell.OutputWanYuan,
        "employment" => cell.Employment,
        "enterprises" => cell.Enterprises,
        _ => cell.Lq(BasisValue).County,
    };

    public string Format(decimal? value) => value is not { } v ? "—" : MeasureKey switch
    {
        "output" => Display.Money(v),
        "employment" or "enterprises" => Display.Count((int)v),
        _ => v.ToString("0.00"),
    };

    /// <summary>
    /// The cell's tint, 0–1. Quotients on a fixed scale (1 = as specialised as the region, 3 and above the darkest) so
    /// that two areas read alike; figures against the largest shown.
    /// </summary>
    public double Shade(decimal? value, decimal max)
    {
        if (value is not { } v || v <= 0) return 0;
        if (IsQuotient) return (double)Math.Min(1m, v / 3m);
        return max <= 0 ? 0 : (double)(v / max);
    }

    /// <summary>The page with one setting changed and every other kept: thresholds, industry keyword and heat-map page too.</summary>
    public string Link(string? measure = null, string? focus = null, string? basis = null, string? industry = null, string fragment = "#heatmap") =>
        "/Reserve" + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(new Dictionary<string, string>
        {
            ["year"] = Year?.ToString() ?? "", ["jurisdiction"] = Jurisdiction ?? "", ["measure"] = measure ?? MeasureKey,
            ["basis"] = basis ?? (BasisValue == ClusterBasis.Employment ? "employment" : "output"), ["focus"] = focus ?? Focus ?? "",
            ["minLq"] = MinLq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["minEnterprises"] = MinEnterprises?.ToString() ?? "",
            ["minOutput"] = MinOutput?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["industry"] = industry ?? Industry ?? "", ["rows"] = RowsPage > 1 ? RowsPage.ToString() : "",
        }.Where(p => p.Value.Length > 0)).ToQueryString() + fragment;
}
