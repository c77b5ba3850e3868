using System.Security.Claims;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Pages.Shared;

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
    /// Where the reader's own document asks for notices and rectification (or, like 垣政办发〔2023〕19号 五（四）, for
    /// criticism of those who fall behind), by the rule every page's clause line follows (<see cref="PolicyBasis"/>): a city
    /// office looking at one county in the top bar issues under the city's documents, never the county's.
    /// </summary>
    public static BasisView Basis(PolicyCatalog catalog, ClaimsPrincipal user) => BasisDisplay.For(catalog, user, "notices", Clauses.Supervision);
}
