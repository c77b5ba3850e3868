using System.Globalization;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Reports;

/// <summary>
/// Configuration `Reports`. 新政办发〔2023〕33号 四（二）asks for a report every month but names no day
/// (the pack's mechanisms.reporting dueDay is null), so the day is the deployment's choice.
/// </summary>
public sealed record ReportSettings
{
    /// <summary>The report for month M is due by this day of month M+1 (the month's last day when shorter).</summary>
    public int DueDay { get; init; } = 10;

    /// <summary>How long a reopened or returned report stays open, counting the day it is reopened as day 0.</summary>
    public int ReopenDays { get; init; } = 7;

    /// <summary>当月产值 falling by more than this share of last month's is implausible until explained.</summary>
    public decimal OutputDropShare { get; init; } = 0.3m;

    public const decimal DefaultOutputRiseFactor = 3m;

    /// <summary>当月产值 more than this many times last month's is implausible until explained (a typo of 万元 for 元, an extra 0).</summary>
    public decimal OutputRiseFactor { get; init; } = DefaultOutputRiseFactor;

    /// <summary>A report due within this many days and not yet submitted is a reminder.</summary>
    public int ReminderDays { get; init; } = 3;

    /// <summary>Settings out of range are refused at start rather than producing odd due dates.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DueDay is < 1 or > 31) problems.Add($"Reports:DueDay 应在 1 到 31 之间（现为 {DueDay}）");
        if (ReopenDays is < 1 or > 90) problems.Add($"Reports:ReopenDays 应在 1 到 90 之间（现为 {ReopenDays}）");
        if (OutputDropShare is <= 0 or >= 1) problems.Add($"Reports:OutputDropShare 应大于 0 且小于 1（现为 {OutputDropShare}）");
        if (OutputRiseFactor is <= 1 or > 1000) problems.Add($"Reports:OutputRiseFactor 应大于 1 且不超过 1000（现为 {OutputRiseFactor}）");
        if (ReminderDays is < 0 or > 31) problems.Add($"Reports:ReminderDays 应在 0 到 31 之间（现为 {ReminderDays}）");
        return problems;
    }
}

/// <summary>The month a report covers.</summary>
public readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    public static bool IsValid(int year, int month) => year is >= 2000 and <= 9998 && month is >= 1 and <= 12;

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public ReportMonth Previous => Of(FirstDay.AddMonths(-1));
    public ReportMonth Next => Of(FirstDay.AddMonths(1));

    /// <summary>Months are compared as a single number (year × 12 + month).</summary>
    public int Index => Year * 12 + Month - 1;

    public int CompareTo(ReportMonth other) => Index.CompareTo(other.Index);
    public static bool operator <(ReportMonth a, ReportMonth b) => a.Index < b.Index;
    public static bool operator >(ReportMonth a, ReportMonth b) => a.Index > b.Index;
    public static bool operator <=(ReportMonth a, ReportMonth b) => a.Index <= b.Index;
    public static bool operator >=(ReportMonth a, ReportMonth b) => a.Index >= b.Index;

    public string Chinese => $"{Year}年{Month}月";
    public override string ToString() => $"{Year:0000}-{Month:00}";

    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (!DateOnly.TryParseExact((text ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        month = Of(d);
        return IsValid(month.Year, month.Month);
    }
}

/// <summary>Whether a month's report came in by its due date.</summary>
public enum Timeliness { NotDue = 0, OnTime = 1, Late = 2, Missing = 3 }

/// <summary>A step on a report refused; by default for its state or its month (<see cref="RefusalKind.Conflict"/>).</summary>
public sealed class ReportRuleException(string message, string? field = null) : Exception(message), IRefusal
{
    public string? Field { get; } = field;

    public RefusalKind Kind { get; init; } = field is null ? RefusalKind.Conflict : RefusalKind.Invalid;
}

/// <summary>Due dates and the lock that follows them.</summary>
public static class ReportDeadline
{
    /// <summary>Dates are decided in China Standard Time: a report sent at 23:30 on the 10th is on time.</summary>
    public static DateOnly ChinaDate(DateTime utc) => ChinaTime.Date(utc);

    public static DateOnly DueOn(ReportMonth month, ReportSettings settings)
    {
        var next = month.Next;
        return new DateOnly(next.Year, next.Month, Math.Min(settings.DueDay, DateTime.DaysInMonth(next.Year, next.Month)));
    }

    /// <summary>Open for writing from the month's first day through its due date, or through the day it was reopened until.</summary>
    public static bool IsOpen(ReportMonth month, DateOnly today, DateOnly? reopenedUntil, ReportSettings settings) =>
        today >= month.FirstDay && (today <= DueOn(month, settings) || reopenedUntil is { } until && today <= until);

    /// <summary>
    /// The last day the month can be written: its due date, or the day it was reopened (or returned) until when that is later.
    /// A report returned before its due date stays open to the due date, not only the reopening days.
    /// </summary>
    public static DateOnly OpenUntil(ReportMonth month, DateOnly? reopenedUntil, ReportSettings settings)
    {
        var due = DueOn(month, settings);
        return reopenedUntil is { } until && until > due ? until : due;
    }

    /// <summary>
    /// 每月向领导小组办公室汇报进展情况 (垣政办发〔2023〕19号 and the other counties' texts): a month's report tells what the
    /// month brought, so it goes in once the month is over, from the next month's first day (China date).
    /// </summary>
    public static void EnsureMonthEnded(ReportMonth month, DateOnly today)
    {
        if (!MaySubmit(month, today))
            throw new ReportRuleException($"{month.Chinese}尚未结束，{Chinese(SubmitsFrom(month))}起方可报送本月月报；现在可以先填写保存");
    }

    /// <summary>The first day a month's report may be sent (<see cref="EnsureMonthEnded"/>): what the form says beside a 报送 not yet offered.</summary>
    public static DateOnly SubmitsFrom(ReportMonth month) => month.Next.FirstDay;

    public static bool MaySubmit(ReportMonth month, DateOnly today) => today >= SubmitsFrom(month);

    /// <summary>Throws the reason the month cannot be written today.</summary>
    public static void EnsureOpen(ReportMonth month, DateOnly today, DateOnly? reopenedUntil, ReportSettings settings)
    {
        if (today < month.FirstDay) throw new ReportRuleException($"{month.Chinese}尚未开始，不能填报");
        if (IsOpen(month, today, reopenedUntil, settings)) return;
        var due = DueOn(month, settings);
        throw new ReportRuleException(reopenedUntil is { } until
            ? $"{month.Chinese}月报重新开放至 {Chinese(until)}，已过期锁定；如需补报请联系领导小组办公室再次开放"
            : $"{month.Chinese}月报已于 {Chinese(due)} 截止并锁定；如需补报请联系领导小组办公室重新开放");
    }

    /// <summary>The month people should be reporting now: last month until its due date, then the current one.</summary>
    public static ReportMonth Current(DateOnly today, ReportSettings settings)
    {
        var last = ReportMonth.Of(today).Previous;
        return today <= DueOn(last, settings) ? last : ReportMonth.Of(today);
    }

    /// <summary>The latest month whose due date has passed: the one a missing report is counted for.</summary>
    public static ReportMonth LastClosed(DateOnly today, ReportSettings settings)
    {
        var last = ReportMonth.Of(today).Previous;
        return today > DueOn(last, settings) ? last : last.Previous;
    }

    /// <summary>On time when first submitted by the due date; late after it; missing when the due date passed without one.</summary>
    public static Timeliness Classify(ReportMonth month, DateTime? firstSubmittedAtUtc, DateOnly today, ReportSettings settings)
    {
        var due = DueOn(month, settings);
        if (firstSubmittedAtUtc is { } at) return ChinaDate(at) <= due ? Timeliness.OnTime : Timeliness.Late;
        return today > due ? Timeliness.Missing : Timeliness.NotDue;
    }

    public static string Chinese(Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => "按时报送",
        Timeliness.Late => "迟报",
        Timeliness.Missing => "缺报",
        _ => "未到截止日",
    };

    public static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}

/// <summary>The six key figures of a monthly report.</summary>
public enum ReportFigure
{
    Output = 1,
    OutputYearToDate = 2,
    InvestmentYearToDate = 3,
    Employees = 4,
    NewMarketEntities = 5,
    NewAboveScaleEnterprises = 6,
}

public static class ReportFigures
{
    public static readonly ReportFigure[] All = Enum.GetValues<ReportFigure>();

    /// <summary>The figures that may be flagged, each of which then needs its own explanation.</summary>
    public static readonly ReportFigure[] Checked = [ReportFigure.Output, ReportFigure.OutputYearToDate, ReportFigure.InvestmentYearToDate];

    public static string Chinese(ReportFigure figure) => figure switch
    {
        ReportFigure.Output => "当月产值",
        ReportFigure.OutputYearToDate => "当年累计产值",
        ReportFigure.InvestmentYearToDate => "当年累计完成投资",
        ReportFigure.Employees => "从业人员",
        ReportFigure.NewMarketEntities => "当月新增市场主体",
        _ => "当月新增规上企业",
    };

    public static string Unit(ReportFigure figure) => figure switch
    {
        ReportFigure.Output or ReportFigure.OutputYearToDate or ReportFigure.InvestmentYearToDate => "万元",
        ReportFigure.Employees => "人",
        ReportFigure.NewMarketEntities => "户",
        _ => "家",
    };

    public static bool IsMoney(ReportFigure figure) => Unit(figure) == "万元";

    /// <summary>
    /// A report's figure as people read it, on the page, in print and in documents: in its own unit (money in 万元 as typed,
    /// never turned into 亿元) at full precision, with the unit written (20,196.5万元, 300人).
    /// </summary>
    public static string Text(ReportFigure figure, decimal value) => IsMoney(figure) ? Quantity.WanYuan(value) : Number(value) + Unit(figure);

    /// <summary>A figure as a plain number for tables and exports: thousands separators, at most two decimals, no unit.</summary>
    public static string Number(decimal value) =>
        Quantity.Normalize(value).ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>The figures of a report, as stored or as typed; null where not (yet) filled in.</summary>
public sealed record FigureValues(
    decimal? OutputWanYuan, decimal? OutputYearToDateWanYuan, decimal? InvestmentYearToDateWanYuan,
    int? Employees, int? NewMarketEntities, int? NewAboveScaleEnterprises)
{
    public decimal? this[ReportFigure figure] => figure switch
    {
        ReportFigure.Output => OutputWanYuan,
        ReportFigure.OutputYearToDate => OutputYearToDateWanYuan,
        ReportFigure.InvestmentYearToDate => InvestmentYearToDateWanYuan,
        ReportFigure.Employees => Employees,
        ReportFigure.NewMarketEntities => NewMarketEntities,
        _ => NewAboveScaleEnterprises,
    };
}

/// <summary>
/// A figure that moved implausibly against an earlier report (<paramref name="ComparedWith"/>: its month as the messages name
/// it, <see cref="PreviousReport.ComparedWith"/>), or out of range.
/// </summary>
public sealed record FigureFlag(ReportFigure Figure, string Text, string ComparedWith = PreviousReport.LastMonth)
{
    /// <summary>The month whose report the figure was compared with; null for a flag that compares with no report (新增规上企业 above the town's enterprises).</summary>
    public ReportMonth? Against { get; init; }

    /// <summary>
    /// "与2025年9月相比" for a 通报 or the comparison page, which are read after the month and beside other months: there
    /// "上月" would be read from the day of reading, and a task force that missed months was compared with an earlier one.
    /// </summary>
    public static string Phrase(ReportMonth against) => $"与{against.Chinese}相比";

    /// <summary>Why a flagged figure stops the 报送 until explained, naming the month it was compared with.</summary>
    public string Unexplained => $"{ReportFigures.Chinese(Figure)}与{ComparedWith}相比异常，请说明原因后再报送";

    /// <summary>What a saved draft says about its flags: the month compared with, as the 报送 refusal will name it.</summary>
    public static string DraftNote(IReadOnlyList<FigureFlag> flags) =>
        $"有 {flags.Count} 项指标与{flags.FirstOrDefault(f => ReportFigures.Checked.Contains(f.Figure))?.ComparedWith ?? PreviousReport.LastMonth}相比异常，报送前请逐项说明。";
}

/// <summary>
/// The earlier report (submitted or accepted) this month's figures are compared with: last month's, or — when months in
/// between went unreported (缺报) — the latest one reported earlier in the same year, since 当年累计 figures cannot fall
/// because a month was skipped (qa105 2).
/// </summary>
public sealed record PreviousReport(ReportMonth Month, FigureValues Figures)
{
    /// <summary>The earliest month <see cref="Latest"/> may pick for <paramref name="month"/>: last month, or January of the same year.</summary>
    public static ReportMonth SearchFrom(ReportMonth month) => new ReportMonth(month.Year, 1) < month.Previous ? new ReportMonth(month.Year, 1) : month.Previous;

    /// <summary>Among the reported months, the one <paramref name="month"/> is compared with; null when there is none.</summary>
    public static PreviousReport? Latest(ReportMonth month, IEnumerable<PreviousReport> reported) =>
        reported.Where(r => r.Month < month && r.Month >= SearchFrom(month)).MaxBy(r => r.Month.Index);

    /// <summary>"上月", or the month compared with when it is not last month ("9月", "2025年12月").</summary>
    public string Label(ReportMonth month) => Month == month.Previous ? LastMonth : Month.Year == month.Year ? $"{Month.Month}月" : Month.Chinese;

    public const string LastMonth = "上月";

    /// <summary>
    /// The month compared with as a message names it: "上月", or after a missed month "2025年3月（最近一次报送）", so that a
    /// refusal does not send the filler to look for a last month that was never reported.
    /// </summary>
    public string ComparedWith(ReportMonth month) => Month == month.Previous ? LastMonth : $"{Month.Chinese}（最近一次报送）";
}

/// <summary>
/// Figures that must be explained before a report is submitted (issue 4: "output down by more than a configurable share,
/// a cumulative figure that falls"; qa105 3: output up by more than a configurable factor), and the warnings that need no
/// explanation (新增规上企业 above the town's registered enterprises). The fall and the rise of 当月产值 and the sum check
/// compare with last month's report only; the 当年累计 figures with the latest earlier report of the same year (they start
/// again in January).
/// </summary>
public static class ReportPlausibility
{
    // Amounts in 万元 as typed, never rounded to 亿元: 20,150 below 20,196 would read "2.02亿元 低于 2.02亿元".
    public static IReadOnlyList<FigureFlag> Check(ReportMonth month, FigureValues current, PreviousReport? previous, decimal outputDropShare,
        decimal outputRiseFactor = ReportSettings.DefaultOutputRiseFactor, int? townEnterprises = null)
    {
        var flags = new List<FigureFlag>();
        if (previous is not null && previous.Month < month && previous.Month >= PreviousReport.SearchFrom(month))
            Compare(month, current, previous, outputDropShare, outputRiseFactor, flags);

        // Every new 规上 enterprise is one of the town's enterprises: more of them than the town has registered is a slip of
        // the keyboard (99,999), which would also zero every other town on 升规入统 in the evaluation. A town with none
        // registered says nothing (the 企业库 may not be filled in yet).
        if (current.NewAboveScaleEnterprises is { } added && townEnterprises is { } registered && registered > 0 && added > registered)
            flags.Add(new(ReportFigure.NewAboveScaleEnterprises,
                $"当月新增规上企业 {ReportFigures.Text(ReportFigure.NewAboveScaleEnterprises, added)}，多于本专业镇在企业库登记的企业数（{registered}家），请核对"));
        return flags;
    }

    private static void Compare(ReportMonth month, FigureValues current, PreviousReport previous, decimal outputDropShare, decimal outputRiseFactor, List<FigureFlag> flags)
    {
        var before = previous.Figures;
        var adjacent = previous.Month == month.Previous;

        if (adjacent && current.OutputWanYuan is { } output && before.OutputWanYuan is { } last && last > 0)
        {
            var drop = (last - output) / last;
            if (drop > outputDropShare)
                flags.Add(new(ReportFigure.Output,
                    $"当月产值 {ReportFigures.Text(ReportFigure.Output, output)}，比上月 {ReportFigures.Text(ReportFigure.Output, last)} 下降 {Percent(drop)}，超过 {Percent(outputDropShare)}") { Against = previous.Month });
            else if (output > last * outputRiseFactor)
                flags.Add(new(ReportFigure.Output,
                    $"当月产值 {ReportFigures.Text(ReportFigure.Output, output)}，是上月 {ReportFigures.Text(ReportFigure.Output, last)} 的 {Times(output / last)} 倍，超过 {Times(outputRiseFactor)} 倍：请核对单位（万元）或说明原因") { Against = previous.Month });
        }

        if (month.Year == previous.Month.Year)
            foreach (var figure in new[] { ReportFigure.OutputYearToDate, ReportFigure.InvestmentYearToDate })
                if (current[figure] is { } now && before[figure] is { } then && now < then)
                    flags.Add(new(figure, adjacent
                        ? $"{ReportFigures.Chinese(figure)} {ReportFigures.Text(figure, now)} 低于上月报送的 {ReportFigures.Text(figure, then)}：当年累计数不应减少"
                        : $"{ReportFigures.Chinese(figure)} {ReportFigures.Text(figure, now)}，较{previous.Label(month)}（{ReportFigures.Text(figure, then)}）减少，当年累计不应减少",
                        previous.ComparedWith(month)) { Against = previous.Month });

        // 当年累计产值 is last month's 累计 plus this month's 当月; a gap means one of the three figures is off (or last month's
        // was revised): told to the filler, who explains it or corrects the figure, as for a fall. Across a missed month the
        // sum holds that month's output too, which this report does not give.
        if (adjacent && month.Year == previous.Month.Year && flags.All(f => f.Figure != ReportFigure.OutputYearToDate)
            && current.OutputYearToDateWanYuan is { } total && current.OutputWanYuan is { } thisMonth && before.OutputYearToDateWanYuan is { } lastTotal
            && total != lastTotal + thisMonth)
            flags.Add(new(ReportFigure.OutputYearToDate,
                $"当年累计产值 {Quantity.WanYuan(total)}，不等于上月累计 {Quantity.WanYuan(lastTotal)} 加当月产值 {Quantity.WanYuan(thisMonth)}（应为 {Quantity.WanYuan(lastTotal + thisMonth)}）") { Against = previous.Month });
    }

    private static string Times(decimal factor) =>
        Math.Round(factor, factor >= 10 ? 0 : 1).ToString("#,0.#", CultureInfo.InvariantCulture);

    private static string Percent(decimal share) =>
        (Math.Round(share * 100, 2)).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
