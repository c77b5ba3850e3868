using SpecializedTowns.Core.Reports;

namespace SpecializedTowns.Data.Documents;

/// <summary>
/// One task force in the month as the summary reads it. <see cref="Figures"/> and the texts are those of a submitted or
/// accepted report only: a draft is the reporter's business until it is submitted (the same rule as the comparison page).
/// </summary>
public sealed record SummaryRow(
    string Town, string County, string LeadUnits, string Status, Timeliness Timeliness, ReportState? State, DateOnly? SubmittedOn,
    FigureValues? Figures, string? Progress, string? NextMonthPlan, string? Difficulties,
    IReadOnlyList<string> Flags, IReadOnlyList<string> NewProblems)
{
    public bool Reported => Figures is not null;

    /// <summary>The figures flagged as implausible, marked “※” in the figures table: its 合计 adds them as reported (qa105 2).</summary>
    public IReadOnlyList<ReportFigure> FlaggedFigures { get; init; } = [];

    /// <summary>The month whose report the flagged figures were compared with: last month's, or an earlier one after a missed month.</summary>
    public ReportMonth? ComparedWith { get; init; }
}

public sealed record MonthlySummaryInput
{
    /// <summary>The leading-group office that compiles the summary, e.g. "新绛县专业镇发展领导小组办公室".</summary>
    public required string Office { get; init; }

    /// <summary>主送: usually the leading group and its members.</summary>
    public required string Recipient { get; init; }

    /// <summary>The area the summary covers, e.g. "新绛县" or "运城市".</summary>
    public required string Area { get; init; }
    public required ReportMonth Month { get; init; }
    public required DateOnly DueOn { get; init; }

    /// <summary>The day the summary is drawn up; "截至" that day.</summary>
    public required DateOnly AsOf { get; init; }
    public required IReadOnlyList<SummaryRow> Rows { get; init; }

    /// <summary>Why task forces report monthly, with its clause (e.g. 新政办发〔2023〕33号 四（二）), where a text says so.</summary>
    public CitedText? Basis { get; init; }

    /// <summary>发文字号 the office gives the 通报 (e.g. "新专办〔2024〕8号"); none leaves the line out.</summary>
    public string? DocumentNumber { get; init; }
}

/// <summary>
/// 月报汇总 (issue 6): all task forces' monthly reports of a month as a 情况通报 in the official layout, the document a
/// leading-group office forwards to its leaders — who reported and who is late, the key figures, progress, problems raised
/// and next month's plans. It says only what the reports and the ledger say.
/// </summary>
public static class MonthlySummary
{
    public static string FileName(MonthlySummaryInput input) => $"专班月报汇总-{input.Area}{input.Month.Chinese}.docx";

    public static OfficialDocument Build(MonthlySummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var m = input.Month.Chinese;
        var rows = input.Rows;
        var reported = rows.Where(r => r.Reported).ToList();
        var late = rows.Where(r => r.Timeliness == Timeliness.Late).ToList();
        // The 报送情况 sentence puts each task force in exactly one group, so that its figures add up to the total (qa86 4):
        // 已报送 (按时/迟报), 退回修改 (sent once, now back with the reporter), then the unsent by the due date: 缺报 after it,
        // 尚未到截止日 before it, with the drafts among them named.
        var returned = rows.Where(r => !r.Reported && r.State == ReportState.Returned).ToList();
        var unsent = rows.Where(r => !r.Reported && r.State != ReportState.Returned).ToList();
        var missing = unsent.Where(r => r.Timeliness != Timeliness.NotDue).ToList();
        var pending = unsent.Where(r => r.Timeliness == Timeliness.NotDue).ToList();

        var body = new List<DocumentBlock>
        {
            new DocumentBlock.Paragraph(
                (input.Basis is { } basis ? $"按照“{basis.Text.TrimEnd('。')}”的要求（{basis.Source}），" : "") +
                $"现将{input.Area}各专业镇推进专班{m}工作进展情况通报如下。"),
            new DocumentBlock.Heading1("报送情况"),
        };
        if (rows.Count == 0)
        {
            body.Add(new DocumentBlock.Paragraph($"{m}没有需要报送月报的专班。"));
        }
        else
        {
            var reportedLate = reported.Where(r => r.Timeliness == Timeliness.Late).ToList();
            var reportedOnTime = reported.Except(reportedLate).ToList();
            var parts = new List<string>
            {
                $"已报送{reported.Count}个" + (reported.Count == 0 ? "" : "（" + string.Join("；",
                    new[] { ("按时报送", reportedOnTime), ("迟报", reportedLate) }.Where(g => g.Item2.Count > 0).Select(g => $"{g.Item1}{g.Item2.Count}个：{Names(g.Item2)}")) + "）"),
            };
            if (returned.Count > 0) parts.Add($"退回修改{returned.Count}个（{Names(returned)}），待修改后重新报送");
            if (missing.Count > 0) parts.Add($"缺报{missing.Count}个（{Names(missing)}）{Drafts(missing)}");
            if (pending.Count > 0) parts.Add($"尚未到截止日、暂未报送{pending.Count}个（{Names(pending)}）{Drafts(pending)}");
            body.Add(new DocumentBlock.Paragraph(
                $"截至{OfficialDocument.FormatDate(input.AsOf)}，{m}应报送月报的专班共{rows.Count}个（报送截止日为{OfficialDocument.FormatDate(input.DueOn)}），" +
                string.Join("；", parts) + "。"));
            body.Add(new DocumentBlock.Table(["专业镇", "所在县（市、区）", "牵头单位", "报送情况", "报送日期"],
                rows.Select(r => (IReadOnlyList<string>)[r.Town, r.County, r.LeadUnits, r.Status, r.SubmittedOn is { } d ? OfficialDocument.FormatDate(d) : "—"]).ToList())
            {
                Weights = [3, 2, 3, 3, 3],
                Compact = true,
            });
        }

        body.Add(new DocumentBlock.Heading1("主要指标"));
        if (reported.Count == 0)
        {
            body.Add(new DocumentBlock.Paragraph("本月尚无已报送的月报，暂无指标数据。"));
        }
        else
        {
            var sums = ReportFigures.All.ToDictionary(f => f, f => reported.Select(r => r.Figures![f]).Where(v => v is not null).Sum(v => v!.Value));
            string Sum(ReportFigure figure) => ReportFigures.Text(figure, sums[figure]);
            body.Add(new DocumentBlock.Paragraph(
                // In 万元 at full precision like the table below and the reports themselves: its 合计 row and this sentence agree.
                $"已报送月报的{reported.Count}个专班，{m}合计完成产值{Sum(ReportFigure.Output)}，" +
                $"当年累计产值{Sum(ReportFigure.OutputYearToDate)}，当年累计完成投资{Sum(ReportFigure.InvestmentYearToDate)}；" +
                $"从业人员{Sum(ReportFigure.Employees)}，当月新增市场主体{Sum(ReportFigure.NewMarketEntities)}、" +
                $"新增规上企业{Sum(ReportFigure.NewAboveScaleEnterprises)}。各专班指标如下表（金额单位：万元）。"));
            body.Add(new DocumentBlock.Table(
                ["专业镇", "当月产值", "当年累计产值", "累计完成投资", "从业人员（人）", "新增市场主体（户）", "新增规上企业（家）"],
                [
                    .. reported.Select(r => (IReadOnlyList<string>)[r.Town, .. ReportFigures.All.Select(f => Figure(r.Figures![f]) + (r.FlaggedFigures.Contains(f) ? "※" : ""))]),
                    ["合计", .. ReportFigures.All.Select(f => ReportFigures.Number(sums[f]))],
                ])
            {
                Weights = [3, 2, 2, 2, 2, 2, 2],
                Compact = true,
            });
            var flagged = reported.Where(r => r.Flags.Count > 0).ToList();
            if (flagged.Count > 0)
            {
                // The month compared is named, never "上月": the 通报 is read in a later month, and a task force that missed
                // months was compared with its latest earlier report. One month for all leads the sentence; else each town says its own.
                var compared = flagged.Select(r => r.ComparedWith).Distinct().ToList();
                var common = compared is [{ } only] ? only : (ReportMonth?)null;
                body.Add(new DocumentBlock.Paragraph("表中标“※”的数字变动异常，按报送数计入合计，请结合说明核实。" +
                    (common is { } c ? FigureFlag.Phrase(c) : "") + "变动异常的指标及专班说明：" +
                    string.Join("；", flagged.Select(r => (common is null && r.ComparedWith is { } own ? $"{r.Town}（{FigureFlag.Phrase(own)}）" : r.Town) +
                        $"，{string.Join("，", r.Flags.Select(f => f.TrimEnd('。')))}")) + "。"));
            }
        }

        AddTexts(body, "工作进展", reported, r => r.Progress, "未填写工作进展。");
        body.Add(new DocumentBlock.Heading1("困难和问题"));
        var withProblems = reported.Where(r => !string.IsNullOrWhiteSpace(r.Difficulties) || r.NewProblems.Count > 0).ToList();
        if (withProblems.Count == 0) body.Add(new DocumentBlock.Paragraph("各专班本月未反映困难和问题，问题台账本月无新增问题。"));
        foreach (var r in withProblems)
            body.Add(new DocumentBlock.Heading2(r.Town + "。",
                (string.IsNullOrWhiteSpace(r.Difficulties) ? "月报未反映困难。" : Sentence(r.Difficulties)) +
                (r.NewProblems.Count > 0 ? $"问题台账本月新增{r.NewProblems.Count}个问题：{string.Join("；", r.NewProblems)}。" : "")));
        AddTexts(body, "下月工作计划", reported, r => r.NextMonthPlan, "未填写下月计划。");

        body.Add(new DocumentBlock.Heading1("下步要求"));
        body.Add(new DocumentBlock.Paragraph(
            (missing.Count > 0 ? $"请{Names(missing)}推进专班尽快补报{m}月报。" : "") +
            (returned.Count > 0 ? $"请{Names(returned)}推进专班按退回意见修改后重新报送。" : "") +
            (late.Count > 0 ? $"请{Names(late)}推进专班今后按时报送。" : "") +
            "各专班要对照年度目标任务，针对月报反映的困难和问题抓好协调解决，需要领导小组协调的事项请及时报领导小组办公室。"));

        return new OfficialDocument
        {
            IssuingAuthority = input.Office,
            DocumentNumber = string.IsNullOrWhiteSpace(input.DocumentNumber) ? null : input.DocumentNumber.Trim(),
            Title = $"关于{input.Area}专业镇推进专班{m}工作进展情况的通报",
            MainRecipient = input.Recipient,
            Body = body,
            Signature = input.Office,
            Date = input.AsOf,
            PrintedBy = input.Office,
            PrintedOn = input.AsOf,
        };
    }

    private static void AddTexts(List<DocumentBlock> body, string heading, IReadOnlyList<SummaryRow> reported, Func<SummaryRow, string?> text, string empty)
    {
        body.Add(new DocumentBlock.Heading1(heading));
        if (reported.Count == 0) body.Add(new DocumentBlock.Paragraph("本月尚无已报送的月报。"));
        foreach (var r in reported)
            body.Add(new DocumentBlock.Heading2(r.Town + "。", text(r) is { Length: > 0 } t ? Sentence(t) : empty));
    }

    private static string Names(IEnumerable<SummaryRow> rows) => string.Join("、", rows.Select(r => r.Town));

    // Among the unsent, those whose reporter saved a draft: the office knows whom to chase for a last step.
    private static string Drafts(IReadOnlyList<SummaryRow> unsent) =>
        unsent.Where(r => r.State == ReportState.Draft).ToList() is { Count: > 0 } drafts ? $"，其中{Names(drafts)}已存草稿" : "";

    private static string Figure(decimal? value) => value is { } v ? ReportFigures.Number(v) : "—";

    // Reporters type several lines; in the 通报 they run on as one paragraph, each ending with one 。.
    private static string Sentence(string text) => string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.TrimEnd('。', '.', '；', ';', '，', ',') + "。"));
}
