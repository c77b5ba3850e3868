using System.Security.Claims;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>What the report pages share: badges in the platform's status colours (UI.md) and the links between pages.</summary>
public static class ReportPages
{
    public static string StateClass(ReportState? state) => state switch
    {
        ReportState.Accepted => "warn-green",
        ReportState.Submitted => "warn-yellow",
        ReportState.Returned => "warn-red",
        _ => "warn-grey",
    };

    public static string StateName(ReportState? state) => state is { } s ? ReportStates.Chinese(s) : "未填报";

    public static string TimelinessClass(Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => "warn-green",
        Timeliness.Late => "warn-yellow",
        Timeliness.Missing => "warn-red",
        _ => "warn-grey",
    };

    public static string ReminderClass(ReminderKind kind) => kind switch
    {
        ReminderKind.Missing => "text-danger",
        ReminderKind.Returned => "text-danger",
        ReminderKind.DueSoon => "text-warning-emphasis",
        _ => "text-primary",
    };

    public static string ReminderIcon(ReminderKind kind) => kind switch
    {
        ReminderKind.Missing => "bi-exclamation-octagon",
        ReminderKind.Returned => "bi-arrow-counterclockwise",
        ReminderKind.DueSoon => "bi-alarm",
        _ => "bi-inbox",
    };

    public static string ReportUrl(int taskForceId, ReportMonth month) => $"/Reports/Report/{taskForceId}/{month.Year}/{month.Month}";

    public static string MonthUrl(string page, ReportMonth month) => $"{page}?month={month}";

    /// <summary>The action a row offers the person: 审核 for the office when a report waits, 填报 while they can write it, otherwise 查看.</summary>
    public static string ActionName(UserScope scope, MonthRow row)
    {
        if (ReportScope.CanManage(scope, row.CountyPath) && row.State == ReportState.Submitted) return "审核";
        var editable = row.State is null or ReportState.Draft or ReportState.Returned;
        return editable && row.Open && ReportScope.CanWrite(scope, row.CountyPath, row.LeadUnitIds) ? "填报" : "查看";
    }

    /// <summary>The months offered in the month pickers: the current one and the 23 before it, newest first.</summary>
    public static IReadOnlyList<ReportMonth> MonthChoices(DateOnly today)
    {
        var months = new List<ReportMonth>();
        for (var m = ReportMonth.Of(today); months.Count < 24; m = m.Previous) months.Add(m);
        return months;
    }

    /// <summary>Why reports are monthly: the clause of the person's own documents that says so, else said to be missing (see PolicyBasis).</summary>
    public static BasisView Basis(PolicyCatalog catalog, ClaimsPrincipal user) =>
        BasisDisplay.For(catalog, user, "monthly-reports", Clauses.MonthlyReporting);

    /// <summary>Where the person's own documents set up task forces (专班名录, 设立专班).</summary>
    public static BasisView TaskForceBasis(PolicyCatalog catalog, ClaimsPrincipal user) =>
        BasisDisplay.For(catalog, user, "task-forces", Clauses.TaskForces);

    /// <summary>
    /// How the due day is set, for every page that shows a due date: the documents ask for a monthly report but name no day,
    /// so the day is the platform's setting — said as such, without the configuration key, which means nothing to a clerk.
    /// </summary>
    public static string DueRule(ReportSettings settings, BasisView basis) =>
        (basis.Basis.Own.FirstOrDefault() is not { } own ? "各专班按月报送月报，文件未规定具体日期。" : $"{own.Source}要求各专班每月汇报进展情况，未规定具体日期。")
        + $"本平台规定：每月月报须于次月 {settings.DueDay} 日前报送，逾期锁定；领导小组办公室可说明理由重新开放 {settings.ReopenDays} 天（截止日与重新开放天数由系统管理员设置）。";
}
