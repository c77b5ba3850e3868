using SpecializedTowns.Core.Notices;
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

    /// <summary>Where the documents ask for notices and rectification: shown on the pages so that a clerk can cite it.</summary>
    public const string Basis = "对评价排名靠后或建设进度较慢的镇和单位，发出督办通知书，限期整改问题。——新政办发〔2023〕33号 四（五）；对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办，限期整改到位，未按时完成整改任务的，给予通报批评。——阳政办发〔2023〕24号 六（五）";
}
