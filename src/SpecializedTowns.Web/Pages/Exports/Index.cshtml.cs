using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Web.Pages.Exports;

/// <summary>One exportable list: where it lives, what it holds; its export is that list's own, unfiltered (the whole scope).</summary>
/// <param name="Counted">The export counts its rows as it writes them, for the progress shown while waiting.</param>
/// <param name="Handler">The page's handler for this list, when the page holds more than one (表扬: triggers and evaluations).</param>
public sealed record ExportEntry(string Group, string Title, string Path, string Description, bool Counted = false, string Handler = "Export")
{
    public string Link(string format) => $"{Path}?handler={Handler}&format={format}";
}

/// <summary>数据 › 导出: every list a clerk can download, in one place, each to Excel or CSV for the person's whole scope.</summary>
public sealed class IndexModel(TownsDbContext db) : PageModel
{
    public static readonly IReadOnlyList<ExportEntry> Entries =
    [
        new("专业镇", "专业镇名录", "/Towns", "专业镇的所在县、涉及乡镇、产业类别、主导产业、梯次和最近年度的产值、就业"),
        new("专业镇", "认定申报", "/Applications", "认定申报的专业镇、申报梯次、认定标准、预检结果、状态和提交时间"),
        new("专业镇", "动态调整", "/Adjustments", "逐年对照认定标准得出的升级候选、预警、建议退出/降级及其依据和条款"),
        new("企业库", "企业名录", "/Enterprises", "企业名称、统一社会信用代码、所在地、类型、规上、认定称号和最近年度的产值、就业", Counted: true),
        new("项目", "重点项目库", "/Projects", "项目业主、专业镇、建设性质、阶段、总投资、年度计划与完成投资、预警和责任单位"),
        new("项目", "招商引资", "/Leads", "招商项目的目标企业、产业链环节、招商方式、意向投资、进展和签约、落地日期"),
        new("项目", "三个一批", "/Projects/Batches", "集中签约、开工、投产活动的日期、名称、所在地、参加项目和总投资"),
        new("督办", "责任清单", "/Tasks", "年度行动计划的依据文件、任务数、加权进度和逾期、临期、完成的任务数"),
        new("督办", "责任清单任务明细", "/Tasks", "逐项任务的序号、依据条款、牵头单位、配合单位、期限、进度、状态和里程碑", Handler: "TaskExport"),
        new("督办", "逾期清单", "/Tasks/Overdue", "按牵头单位列出逾期的任务和里程碑、期限和逾期天数"),
        new("督办", "专班月报（本月）", "/Reports", "各专班本月月报的状态、报送情况、报送与审核时间和异常指标"),
        new("督办", "专班名录", "/Reports/TaskForces", "各专业镇专班的牵头单位、配合单位、助推乡镇、分管县（市、区）领导、起报月份和依据"),
        new("督办", "问题台账", "/Problems", "问题的类别、来源、所在地、牵头单位、办理时限、逾期天数和状态"),
        new("考评", "年度评估", "/Evaluations", "各次年度评估的范围、对象、指标体系、拟表扬与拟督办数和状态"),
        new("考评", "督办通知书/整改", "/Notices", "督办通知书的发文字号、整改对象、督办事项、整改期限、状态和整改进度"),
        new("考评", "目标监测", "/Targets", "政策文件中的量化目标、期限、当前值和达成状态"),
        new("考评", "表扬触发事项", "/Commendations", "按政策条款触发的表扬事项、专业镇或企业、依据和状态"),
        new("考评", "年度评估表扬名单", "/Commendations", "已发布的年度评估中拟予表扬的专业镇、乡镇或成员单位，及其名次、得分和等次", Handler: "EvaluatedExport"),
        new("政策与支持", "资金奖补", "/Support/Funds", "每笔奖补资金的依据条款、受助专业镇或企业、金额、日期、用途和预期成效"),
        new("政策与支持", "资金绩效", "/Support/Funds/Performance", "各专业镇及其企业获得的资金与产值、就业、重点项目的对照，逐级合计"),
        new("政策与支持", "融资白名单", "/Support/Finance", "白名单企业、推荐单位、年度、状态和由此获得的贷款、担保"),
        new("政策与支持", "上市后备", "/Support/Listing", "上市后备企业的所在地、专业镇、当前阶段及其进入日期"),
        new("政策与支持", "品牌", "/Support/Brands", "各专业镇登记的区域公用品牌、企业品牌、产品品牌和地理标志，含“山西精品”等荣誉"),
        new("政策与支持", "地理标志申请", "/Support/Brands/GeoIndications", "地理标志申请的保护方式、申请人、专业镇、状态及获批注册号"),
        new("政策与支持", "人才培训", "/Support/Training", "培训班的专业镇、方式、承办院校、人数、培训后就业人数和就业率；另可导出逐级汇总的培训后就业率"),
        new("政策与支持", "人才", "/Support/Talents", "领军企业家、高层次人才、科技专家服务团成员等的类别、专业镇、单位和荣誉表彰"),
        new("政策与支持", "公共服务平台", "/Support/Platforms", "平台名称、服务专业镇、运营主体及类型、级别、建成年份、线上线下、功能和服务企业家次"),
        new("政策与支持", "展会活动", "/Support/Events", "博览会、展销会、推介会等活动的类型、举办或参加、日期、地点、相关专业镇、参展企业和签约额"),
        new("系统", "用户", "/Admin/Users", "账号的用户名、姓名/单位、角色、行政区划、负责的专业镇、状态和创建时间（不含密码）"),
        new("系统", "单位", "/Admin/Units", "各单位的所在地、名称、曾用名，引用它的任务、问题、专班、项目、督办通知书和账号数，及疑似重复的单位"),
    ];

    public IReadOnlyList<ExportEntry> Shown { get; private set; } = [];

    public void OnGet()
    {
        var scope = UserScope.From(User)!;
        // Expert reviewers take no part in the responsibility lists (the menu says so too).
        // The 系统 lists (accounts, units) are the administrators' alone.
        Shown = Entries.Where(e => (!e.Path.StartsWith("/Tasks", StringComparison.Ordinal) || scope.Role != Roles.Expert) && (!e.Path.StartsWith("/Admin/", StringComparison.Ordinal) || scope.Role == Roles.Admin)).ToList();
    }

    /// <summary>
    /// How far the person's own export with this token has got, for export.js: rows written, rows in all (null until known),
    /// whether the file is written, and why not. Not started (the same answer for anyone else's token) before the export
    /// has begun: a poll that comes too early is not an error in the browser's console.
    /// </summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        var progress = await ExportProgress.ReadAsync(db, id, UserScope.From(User)!.UserId, ct);
        Response.Headers.CacheControl = "no-store";
        return progress is null
            ? new JsonResult(new { started = false })
            : new JsonResult(new { started = true, done = progress.Done, total = progress.Total, finished = progress.Finished, failure = progress.Failure });
    }
}
