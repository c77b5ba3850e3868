using System.Security.Claims;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;

namespace SpecializedTowns.Web.Pages.Notices;

/// <summary>How the notice pages write states and deadlines (UI.md: 红 overdue, 黄 due soon or needs review, 绿 on track or done, 灰 not started).</summary>
public static class NoticeDisplay
{
    public static string StatusBadge(NoticeStatus status) => status switch
    {
        NoticeStatus.Issued => "badge text-bg-primary",
        NoticeStatus.Overdue => "badge text-bg-danger",
        NoticeStatus.Rectified => "badge text-bg-success",
        _ => "badge text-bg-secondary",
    };

    public static string LightBadge(DeadlineLight light) => light switch
    {
        DeadlineLight.Overdue => "badge text-bg-danger",
        DeadlineLight.DueSoon => "badge text-bg-warning",
        DeadlineLight.OnTrack => "badge text-bg-success",
        _ => "",
    };

    public static string ItemBadge(ItemState state) => state switch
    {
        ItemState.Open => "badge text-bg-secondary",
        ItemState.Drafted => "badge text-bg-info",
        ItemState.Submitted => "badge text-bg-warning",
        ItemState.Accepted => "badge text-bg-success",
        _ => "badge text-bg-danger",
    };

    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024:0.0} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    /// <summary>
    /// Where the user's own document asks for notices and rectification, shown on the pages so that a clerk can cite it;
    /// an area whose document says nothing of it gets the practice in plain words, not another county's clause. The office's own
    /// document (HomePath): a city office looking at one county in the top bar issues under the city's, never the county's.
    /// </summary>
    public static string Basis(PolicyCatalog catalog, ClaimsPrincipal user) =>
        (UserScope.From(user) is { } scope ? Clauses.Supervision(catalog, scope.HomePath)?.ToString() : null)
        ?? "对评价排名靠后或建设进度较慢的专业镇和单位发出督办通知书，限期整改问题。";
}
