using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Reports;

/// <summary>
/// How far back a task force's 起报月份 may go. Every month from it on is owed a report, and each one not sent counts as
/// 缺报 at once (with an urgent reminder), so a 专班 set up today and backdated to 2020 would be dozens of months in arrears on
/// its first day. A new 专班 therefore reports from the month it is set up. An office recording a 专班 that really existed
/// before says so, and may go back to the month the county's policy document was issued (the 专班 cannot be older than
/// the programme that set it up, e.g. 新政办发〔2023〕33号 附件1), knowing that the months in between count as 缺报.
/// </summary>
public static class TaskForceStart
{
    /// <summary>
    /// Why <paramref name="from"/> is refused, or null. <paramref name="setUp"/> is the month the 专班 is (or was) entered;
    /// <paramref name="recordsExisting"/> is the office's word that the 专班 existed before; <paramref name="documentIssuedOn"/>
    /// is the county's policy document's date, when the platform has one.
    /// </summary>
    public static string? Problem(ReportMonth from, ReportMonth setUp, DateOnly today, bool recordsExisting, DateOnly? documentIssuedOn)
    {
        var latest = ReportMonth.Of(today).Next;
        if (from > latest) return $"起报月份不能晚于 {latest.Chinese}";
        if (from >= setUp) return null;
        if (!recordsExisting)
            return $"起报月份不能早于专班设立当月（{setUp.Chinese}）：此前各月都会计为缺报。如是登记此前已经设立的专班，请注明（页面上勾选“登记已设立的专班”，接口传 recordsExisting: true）";
        if (documentIssuedOn is not { } issued)
            return $"平台尚未登记本{CountyWords.Any}的专业镇政策文件，无法确认专班设立时间，起报月份不能早于 {setUp.Chinese}";
        var earliest = ReportMonth.Of(issued);
        if (from < earliest)
            return $"起报月份不能早于本{CountyWords.Any}专业镇政策文件印发当月（{earliest.Chinese}，{issued.Year}年{issued.Month}月{issued.Day}日印发）";
        return null;
    }

    /// <summary>The months from <paramref name="from"/> up to last month: owed already, so 缺报 until they are sent.</summary>
    public static int MonthsOwed(ReportMonth from, DateOnly today) => Math.Max(0, ReportMonth.Of(today).Index - from.Index);

    /// <summary>What the office is told before and after backdating: the months owed count as 缺报 from the first day.</summary>
    public static string OwedWarning(ReportMonth from, DateOnly today)
    {
        var owed = MonthsOwed(from, today);
        return owed == 0 ? "" : $"{from.Chinese}至{ReportMonth.Of(today).Previous.Chinese}共 {owed} 个月计入报送范围：已过报送期限而未报送的月份计为缺报，补报须由领导小组办公室逐月重新开放";
    }
}
