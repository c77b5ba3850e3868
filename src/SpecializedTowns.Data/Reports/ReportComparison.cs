using System.Text;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Reports;

/// <summary>A cell; <paramref name="Why"/> says what a flagged figure was found against (“与2025年9月相比异常”).</summary>
public sealed record ComparisonCell(string Text, bool Flagged = false, string? Why = null);

public enum RowKind { Info, Figure, Text }

public sealed record ComparisonRow(string Label, IReadOnlyList<ComparisonCell> Cells, RowKind Kind = RowKind.Info);

/// <summary>
/// A month's reports side by side: one column per task force, one row per figure. The page and the CSV export are both
/// written from <see cref="Rows"/>, so the download holds exactly what the office sees. Figures appear only once a report
/// is submitted; a draft is the reporter's own business until then.
/// </summary>
public sealed record ReportComparison(ReportMonth Month, DateOnly DueOn, IReadOnlyList<string> Columns, IReadOnlyList<ComparisonRow> Rows)
{
    public const string CornerLabel = "指标";

    /// <summary>
    /// What the yellow cells were compared with, for the note above the table: the month named (the page is read after the
    /// month, so "上月" would mislead), or — when task forces that missed months were compared with different months — where to read it.
    /// </summary>
    public string FlagNote { get; init; } = "";

    public static async Task<ReportComparison> BuildAsync(TownsDbContext db, UserScope scope, ReportMonth month, DateOnly today, ReportSettings settings, CancellationToken ct = default)
    {
        var overview = await ReportQueries.MonthAsync(db, scope, month, today, settings, ct: ct);
        var ids = overview.Rows.Where(r => r.ReportId is not null).Select(r => r.ReportId!.Value).ToList();
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var columns = overview.Rows.Select(r => (Row: r, Report: r.ReportId is { } id && ReportStates.IsReported(reports[id].State) ? reports[id] : null)).ToList();

        var rows = new List<ComparisonRow>
        {
            new("牵头单位", columns.Select(c => new ComparisonCell(string.Join("、", c.Row.LeadUnits))).ToList()),
            new("状态", columns.Select(c => new ComparisonCell(Status(c.Row))).ToList()),
            new("报送日期", columns.Select(c => new ComparisonCell(c.Row.SubmittedAtUtc is { } at ? ReportDeadline.Chinese(ReportDeadline.ChinaDate(at)) : "—")).ToList()),
        };
        foreach (var figure in ReportFigures.All)
            rows.Add(new($"{ReportFigures.Chinese(figure)}（{ReportFigures.Unit(figure)}）", columns.Select(c =>
                c.Report?.Figures[figure] is { } v
                    ? new ComparisonCell(ReportFigures.Number(v), c.Row.Flags.Any(f => f.Figure == figure),
                        c.Row.Flags.FirstOrDefault(f => f.Figure == figure) is { } flag ? flag.Against is { } a ? FigureFlag.Phrase(a) + "异常" : flag.Text : null)
                    : new ComparisonCell("—")).ToList(), RowKind.Figure));
        rows.Add(new("工作进展", columns.Select(c => new ComparisonCell(c.Report?.Progress ?? "—")).ToList(), RowKind.Text));
        rows.Add(new("下月计划", columns.Select(c => new ComparisonCell(c.Report?.NextMonthPlan ?? "—")).ToList(), RowKind.Text));
        rows.Add(new("困难问题", columns.Select(c => new ComparisonCell(c.Report?.Difficulties ?? "—")).ToList(), RowKind.Text));
        var compared = columns.Where(c => c.Report is not null).SelectMany(c => c.Row.Flags).Select(f => f.Against).OfType<ReportMonth>().Distinct().ToList();
        rows.Add(new("异常及说明", columns.Select(c => c.Report is { } r && c.Row.Flags.Count > 0
            ? new ComparisonCell(
                (compared.Count > 1 && c.Row.Flags.Select(f => f.Against).FirstOrDefault(a => a is not null) is { } own ? FigureFlag.Phrase(own) + "：\n" : "") +
                string.Join("\n", c.Row.Flags.Select(f => $"{f.Text}。说明：{r.Explanation(f.Figure) ?? "（未说明）"}")), Flagged: true)
            : new ComparisonCell("—")).ToList(), RowKind.Text));
        return new ReportComparison(month, overview.DueOn, columns.Select(c => c.Row.Town).ToList(), rows)
        {
            // No flag yet: the rule as it will apply — last month, or the latest earlier report of the year after a missed month.
            FlagNote = compared switch
            {
                [var only] => $"为{FigureFlag.Phrase(only)}异常的指标",
                [] => $"为与{month.Previous.Chinese}（其间缺报的，与本年此前最近一次报送的月份）相比异常的指标",
                _ => "为与此前最近一次报送的月报相比异常的指标（各专班比较的月份见末行）",
            },
        };
    }

    public static string Status(MonthRow row) => row.Timeliness switch
    {
        Timeliness.Missing => row.State is ReportState.Draft or ReportState.Returned ? $"缺报（{row.StateName}未报送）" : "缺报",
        Timeliness.Late => $"{row.StateName}（迟报）",
        Timeliness.OnTime => row.StateName,
        _ => $"{row.StateName}（未到截止日）",
    };

    /// <summary>UTF-8 with a byte order mark, so that Excel opens the Chinese as Chinese; CRLF lines as Excel writes them.</summary>
    public byte[] ToCsv()
    {
        var text = new StringBuilder();
        Line(text, [CornerLabel, .. Columns]);
        foreach (var row in Rows) Line(text, [row.Label, .. row.Cells.Select(c => c.Text)]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public string FileName => $"专班月报对比-{Month.Year}年{Month.Month}月.csv";

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.Append(string.Join(",", cells.Select(Cell)));
        text.Append("\r\n");
    }

    private static string Cell(string value)
    {
        // Text typed by a reporter that starts like a formula would run in Excel; a leading apostrophe keeps it text.
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
