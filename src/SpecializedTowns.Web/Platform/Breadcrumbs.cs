namespace SpecializedTowns.Web.Platform;

/// <summary>
/// The trail above a page's heading (首页 / 专业镇名录 / 绛州非遗文创专业镇): the lists a page is reached from, each a link
/// back, between 首页 and the page's own name (ViewData["Breadcrumb"]). Every page is listed here, a list or a page of its
/// own with nothing between, or a detail or edit page under its list (a test holds it), so a new page says where it sits
/// and the layout draws every trail alike. A page may add the record it belongs to below its list
/// (ViewData["BreadcrumbParent"]: a task's plan, a month's task force), which only the page knows.
/// </summary>
public static class Breadcrumbs
{
    public sealed record Level(string Name, string Url);

    private static readonly Level Towns = new("专业镇名录", "/Towns");
    private static readonly Level Applications = new("认定申报", "/Applications");
    private static readonly Level Enterprises = new("企业名录", "/Enterprises");
    private static readonly Level Projects = new("重点项目库", "/Projects");
    private static readonly Level Leads = new("招商引资", "/Leads");
    private static readonly Level Tasks = new("责任清单", "/Tasks");
    private static readonly Level Reports = new("专班月报", "/Reports");
    private static readonly Level TaskForces = new("专班名录", "/Reports/TaskForces");
    private static readonly Level Problems = new("问题台账", "/Problems");
    private static readonly Level Evaluations = new("年度评估", "/Evaluations");
    private static readonly Level Notices = new("督办通知书/整改", "/Notices");
    private static readonly Level Targets = new("目标监测", "/Targets");
    private static readonly Level Commendations = new("表扬", "/Commendations");
    private static readonly Level Policies = new("政策文件", "/Policies");
    private static readonly Level Funds = new("资金奖补", "/Support/Funds");
    private static readonly Level Finance = new("融资白名单", "/Support/Finance");
    private static readonly Level Listing = new("上市后备", "/Support/Listing");
    private static readonly Level Brands = new("品牌标准", "/Support/Brands");
    private static readonly Level GeoIndications = new("地理标志", "/Support/Brands/GeoIndications");
    private static readonly Level Events = new("展会活动", "/Support/Events");
    private static readonly Level Platforms = new("公共服务平台", "/Support/Platforms");
    private static readonly Level Talents = new("人才", "/Support/Talents");
    private static readonly Level Training = new("人才培训", "/Support/Training");

    /// <summary>Each page (its Razor page path) and the lists above it, outermost first.</summary>
    private static readonly Dictionary<string, Level[]> Above = new()
    {
        // The menu's own pages, the lists, and those that stand alone: 首页 and the page.
        ["/Index"] = [], ["/Error"] = [], ["/Status"] = [],
        ["/Account/Login"] = [], ["/Account/Logout"] = [], ["/Account/AccessDenied"] = [], ["/Account/Password"] = [], ["/Account/Focus"] = [],
        ["/Towns/Index"] = [], ["/Applications/Index"] = [], ["/Adjustments/Index"] = [], ["/Reserve/Index"] = [], ["/Enterprises/Index"] = [],
        ["/Projects/Index"] = [], ["/Leads/Index"] = [], ["/Projects/Batches"] = [], ["/Tasks/Index"] = [], ["/Reports/Index"] = [],
        ["/Problems/Index"] = [], ["/Notifications/Index"] = [], ["/Evaluations/Index"] = [], ["/Notices/Index"] = [], ["/Targets/Index"] = [],
        ["/Commendations/Index"] = [], ["/Policies/Index"] = [], ["/Support/Funds/Index"] = [], ["/Support/Finance/Index"] = [],
        ["/Support/Listing/Index"] = [], ["/Support/Brands/Index"] = [], ["/Support/Events/Index"] = [], ["/Support/Platforms/Index"] = [],
        ["/Support/Talents/Index"] = [], ["/Support/Training/Index"] = [], ["/Imports/Index"] = [], ["/Exports/Index"] = [], ["/Audit/Index"] = [],
        ["/Admin/Users"] = [], ["/Admin/Places"] = [], ["/Admin/Dictionaries"] = [], ["/Admin/Units"] = [],

        // Pages under a list.
        ["/Towns/Detail"] = [Towns], ["/Towns/Edit"] = [Towns],
        ["/Applications/Detail"] = [Applications], ["/Applications/New"] = [Applications],
        ["/Enterprises/Detail"] = [Enterprises], ["/Enterprises/Edit"] = [Enterprises],
        ["/Projects/Detail"] = [Projects], ["/Projects/Edit"] = [Projects],
        ["/Leads/Edit"] = [Leads], ["/Leads/Land"] = [Leads],
        ["/Tasks/Plan"] = [Tasks], ["/Tasks/Detail"] = [Tasks], ["/Tasks/Edit"] = [Tasks], ["/Tasks/New"] = [Tasks], ["/Tasks/Overdue"] = [Tasks],
        ["/Reports/TaskForces"] = [Reports], ["/Reports/TaskForce"] = [Reports, TaskForces], ["/Reports/TaskForceEdit"] = [Reports, TaskForces],
        ["/Reports/Report"] = [Reports], ["/Reports/Compare"] = [Reports],
        ["/Problems/Detail"] = [Problems], ["/Problems/New"] = [Problems],
        ["/Evaluations/Detail"] = [Evaluations],
        ["/Notices/Detail"] = [Notices], ["/Notices/New"] = [Notices],
        ["/Targets/Detail"] = [Targets], ["/Targets/Tiers"] = [Targets],
        ["/Commendations/Ranks"] = [Commendations],
        ["/Policies/Detail"] = [Policies], ["/Policies/Thresholds"] = [Policies],
        ["/Support/Funds/Detail"] = [Funds], ["/Support/Funds/Edit"] = [Funds], ["/Support/Funds/Performance"] = [Funds],
        ["/Support/Finance/Detail"] = [Finance], ["/Support/Finance/Edit"] = [Finance],
        ["/Support/Listing/Detail"] = [Listing], ["/Support/Listing/Edit"] = [Listing],
        ["/Support/Brands/Edit"] = [Brands], ["/Support/Brands/GeoIndications/Index"] = [Brands],
        ["/Support/Brands/GeoIndications/Detail"] = [Brands, GeoIndications], ["/Support/Brands/GeoIndications/Edit"] = [Brands, GeoIndications],
        ["/Support/Events/Detail"] = [Events], ["/Support/Events/Edit"] = [Events],
        ["/Support/Platforms/Detail"] = [Platforms], ["/Support/Platforms/Edit"] = [Platforms],
        ["/Support/Talents/Edit"] = [Talents],
        ["/Support/Training/Detail"] = [Training], ["/Support/Training/Edit"] = [Training],
    };

    /// <summary>The lists above a page, outermost first; none for a page that is a list or stands alone.</summary>
    public static IReadOnlyList<Level> For(string page) => Above.TryGetValue(page, out var levels) ? levels : [];

    /// <summary>The pages listed here (a test compares them with the pages the platform has).</summary>
    public static IEnumerable<string> Pages => Above.Keys;
}
