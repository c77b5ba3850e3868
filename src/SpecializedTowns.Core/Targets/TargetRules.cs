using System.Globalization;
using System.Text.RegularExpressions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Targets;

/// <summary>The five states a pack target can be in (目标监测). The order is the order of urgency on the page.</summary>
public enum TargetState
{
    Missed = 1,
    AtRisk = 2,
    OnTrack = 3,
    Met = 4,
    Unmeasured = 5,
}

/// <summary>
/// A target's state with the figures behind it: <see cref="Expected"/> is where the linear path says the value
/// should stand today, so that the page can show how far ahead or behind the programme is.
/// </summary>
public sealed record TargetAssessment(TargetState State, decimal? Expected, string Why);

/// <summary>
/// What the platform's data says about a target: the value now, and where it stood when the document was issued.
/// <see cref="AsOfYear"/> is the year an annual figure is of (产值 from the latest year's statistics), null for a count that
/// stands as of today.
/// </summary>
public sealed record TargetMeasurement(decimal? Current, decimal? Baseline, string? UnmeasuredReason, int? AsOfYear = null)
{
    public static TargetMeasurement Unmeasurable(string reason) => new(null, null, reason);
}

/// <summary>
/// The one rule for every pack target (decision 0009). A target is met when its value satisfies the pack's
/// comparison. Before the deadline a target not yet met is on track while its value keeps up with the straight
/// line drawn from the baseline (its value on the document's date) to the target value on the deadline, and at
/// risk when it falls behind; after the deadline day it is missed. No value, or no deadline to draw the line to,
/// leaves it 待统计 with the reason.
/// </summary>
public static class TargetRules
{
    public static string Chinese(TargetState state) => state switch
    {
        TargetState.Met => "已达成",
        TargetState.OnTrack => "进展正常",
        TargetState.AtRisk => "有风险",
        TargetState.Missed => "未达成",
        _ => "待统计",
    };

    /// <summary>The shared status colours of site.css (UI.md: 红 failed, 黄 needs attention, 绿 on track/met, 灰 not started).</summary>
    public static string CssClass(TargetState state) => state switch
    {
        TargetState.Met or TargetState.OnTrack => "warn-green",
        TargetState.AtRisk => "warn-yellow",
        TargetState.Missed => "warn-red",
        _ => "warn-grey",
    };

    /// <summary>The API word for a state.</summary>
    public static string Key(TargetState state) => state switch
    {
        TargetState.Met => "met",
        TargetState.OnTrack => "on-track",
        TargetState.AtRisk => "at-risk",
        TargetState.Missed => "missed",
        _ => "unmeasured",
    };

    public static DateOnly? Deadline(Target target) =>
        DateOnly.TryParse(target.Deadline, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>
    /// When the path starts: the document's date; a document without one starts on 1 January of its first period
    /// year, or of the year in its number (晋政办发〔2022〕80号 → 2022).
    /// </summary>
    public static DateOnly? StartOf(PolicyDocument document)
    {
        if (DateOnly.TryParse(document.IssuedOn, CultureInfo.InvariantCulture, out var issued)) return issued;
        if (document.PeriodFrom is { } from) return new DateOnly(from, 1, 1);
        var year = document.Number is null ? null : Regex.Match(document.Number, @"〔(\d{4})〕");
        return year is { Success: true } ? new DateOnly(int.Parse(year.Groups[1].Value, CultureInfo.InvariantCulture), 1, 1) : null;
    }

    /// <summary>The requirement as the page writes it: 不少于 8 个, 超过 100 亿元, 1–2 个.</summary>
    public static string Requirement(Target target) => target.Comparison switch
    {
        "between" => $"{Number(target.Value)}–{Number(target.MaxValue)} {target.Unit}",
        ">=" => $"不少于 {Number(target.Value)} {target.Unit}",
        ">" => $"超过 {Number(target.Value)} {target.Unit}",
        "<=" => $"不超过 {Number(target.Value)} {target.Unit}",
        "<" => $"低于 {Number(target.Value)} {target.Unit}",
        _ => $"{Number(target.Value)} {target.Unit}",
    };

    /// <summary>
    /// Whether a value satisfies the pack's comparison. A range (between) is met once its lower bound is reached:
    /// the texts write "至少打造1—2个" and "3-5个", so going past the upper bound is more than asked, not a failure.
    /// </summary>
    public static bool Satisfies(Target target, decimal value) => target.Value is not { } v || target.Comparison switch
    {
        ">" => value > v,
        ">=" or "between" => value >= v,
        "<=" => value <= v,
        "<" => value < v,
        _ => value == v,
    };

    public static TargetAssessment Assess(Target target, TargetMeasurement measured, DateOnly start, DateOnly today)
    {
        if (measured.Current is not { } current)
            return new(TargetState.Unmeasured, null, measured.UnmeasuredReason ?? "平台暂无可计算该指标的数据");
        if (target.Value is not { } goal)
            return new(TargetState.Unmeasured, null, "文件未给出目标数值");
        if (Satisfies(target, current))
        {
            var above = target.Comparison == "between" && target.MaxValue is { } max && current > max ? $"，已超过区间上限 {Number(max)} {target.Unit}" : "";
            return new(TargetState.Met, null, $"当前 {Amount(current, target.Unit)}，已达到目标{above}");
        }
        if (Deadline(target) is not { } deadline)
            return new(TargetState.Unmeasured, null, "文件未给出完成期限，无法按进度判断（当前尚未达到目标）");
        // An annual figure of a year before the deadline's says nothing of the deadline year: 2024's 68亿元 does not show that a
        // target for the end of 2025 was missed while 2025's statistics are not in (qa105 10).
        if (today > deadline && measured.AsOfYear is { } asOf && asOf < deadline.Year)
            return new(TargetState.Unmeasured, null,
                $"期限 {deadline.Year}年{deadline.Month}月{deadline.Day}日已过，{deadline.Year}年数据尚未录入（现有最新为 {asOf}年 {Amount(current, target.Unit)}），录入后判断是否达成");
        if (today > deadline)
            return new(TargetState.Missed, null, $"期限 {deadline.Year}年{deadline.Month}月{deadline.Day}日已过，当前 {Amount(current, target.Unit)}，未达到目标");

        var expected = Expected(goal, measured.Baseline ?? current, start, deadline, today);
        // "Keeping the path" means being at least as far along it as the calendar: above it for a rising target, below it for a falling one.
        var falling = target.Comparison is "<" or "<=";
        var keeps = falling ? current <= expected : current >= expected;
        var text = $"按期限线性推进，今天应达到 {Amount(expected, target.Unit)}，当前 {Amount(current, target.Unit)}";
        return keeps ? new(TargetState.OnTrack, expected, text) : new(TargetState.AtRisk, expected, text + "，落后于进度");
    }

    /// <summary>
    /// The point on the straight line from (start, baseline) to (deadline, goal) today, rounded to two decimals.
    /// Before the start the line has not begun (the baseline); a deadline on or before the start asks for the goal at once.
    /// </summary>
    public static decimal Expected(decimal goal, decimal baseline, DateOnly start, DateOnly deadline, DateOnly today)
    {
        if (deadline <= start || today >= deadline) return goal;
        if (today <= start) return baseline;
        var share = (decimal)(today.DayNumber - start.DayNumber) / (deadline.DayNumber - start.DayNumber);
        return Math.Round(baseline + (goal - baseline) * share, 2);
    }

    /// <summary>A current or expected value as the pages write it: amounts as every amount (68.00亿元), counts as the requirement writes them (2 个).</summary>
    public static string Amount(decimal value, string? unit) =>
        unit is "亿元" or "万元" ? Quantity.Figure(value, unit) : $"{Number(value)} {unit}".TrimEnd();

    private static string Number(decimal? value) => value is { } v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";
}
