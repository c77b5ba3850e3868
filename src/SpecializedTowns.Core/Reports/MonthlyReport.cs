using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;

namespace SpecializedTowns.Core.Reports;

/// <summary>草稿 → 已报送 → 已审核, or 已报送 → 退回 → (corrected) 已报送.</summary>
public enum ReportState { Draft = 1, Submitted = 2, Accepted = 3, Returned = 4 }

public enum ReportAction { Create = 1, Submit = 2, Accept = 3, Return = 4, Reopen = 5 }

public static class ReportStates
{
    public static string Chinese(ReportState state) => state switch
    {
        ReportState.Draft => "草稿",
        ReportState.Submitted => "已报送",
        ReportState.Accepted => "已审核",
        _ => "退回修改",
    };

    public static string Chinese(ReportAction action) => action switch
    {
        ReportAction.Create => "创建草稿",
        ReportAction.Submit => "报送",
        ReportAction.Accept => "审核通过",
        ReportAction.Return => "退回修改",
        _ => "重新开放",
    };

    /// <summary>Submitted at least once and not sent back: what the office has in hand.</summary>
    public static bool IsReported(ReportState state) => state is ReportState.Submitted or ReportState.Accepted;
}

/// <summary>Field lengths, shared by the schema and the checks on input.</summary>
public static class ReportLimits
{
    public const int Progress = 2000;
    public const int Text = 1000;
    public const int Explanation = 200;
    public const int Reason = 400;
    public const int Leader = 60;
    public const int Source = 200;
    public const decimal MaxMoneyWanYuan = Recognition.FigureLimits.MaxMoneyWanYuan;
    public const int MaxCount = Recognition.FigureLimits.MaxEmployment;
}

/// <summary>One step on a report: who, when, what and why. Never changed once written.</summary>
public sealed class ReportStep
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public ReportAction Action { get; set; }
    public ReportState From { get; set; }
    public ReportState To { get; set; }
    public int UserId { get; set; }
    public string UserName { get; set; } = "";
    public string? Reason { get; set; }
    public DateTime AtUtc { get; set; }
}

/// <summary>
/// 专班月报: a task force's report for one month — six key figures, the work done, next month's plan and the difficulties.
/// Written while the month is open (through its due date, or while the office has reopened it), submitted once every
/// implausible figure is explained, then accepted or returned by the office. Every step is a method here; an illegal
/// step throws <see cref="ReportRuleException"/> with the reason in Chinese.
/// </summary>
public sealed class MonthlyReport : IVersioned
{
    /// <summary>Edit-form version (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }

    public int Id { get; set; }
    public int TaskForceId { get; set; }
    public TaskForce? TaskForce { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public ReportState State { get; set; } = ReportState.Draft;

    public decimal? OutputWanYuan { get; set; }
    public decimal? OutputYearToDateWanYuan { get; set; }
    public decimal? InvestmentYearToDateWanYuan { get; set; }
    public int? Employees { get; set; }
    public int? NewMarketEntities { get; set; }
    public int? NewAboveScaleEnterprises { get; set; }

    /// <summary>工作进展: required before submitting.</summary>
    public string? Progress { get; set; }
    public string? NextMonthPlan { get; set; }
    public string? Difficulties { get; set; }

    /// <summary>The 问题台账 entry its 困难问题 became (转入问题台账): raised once, and followed from the report.</summary>
    public int? ProblemId { get; set; }

    public string? OutputExplanation { get; set; }
    public string? OutputYearToDateExplanation { get; set; }
    public string? InvestmentYearToDateExplanation { get; set; }

    /// <summary>The first submission decides whether the report was on time; a correction after a return does not.</summary>
    public DateTime? FirstSubmittedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }

    /// <summary>The last day the office opened the report for after its due date (reopening or returning it).</summary>
    public DateOnly? ReopenedUntil { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
    public bool IsDemo { get; set; }

    public List<ReportStep> Steps { get; set; } = [];

    public ReportMonth Period => new(Year, Month);

    public FigureValues Figures => new(OutputWanYuan, OutputYearToDateWanYuan, InvestmentYearToDateWanYuan, Employees, NewMarketEntities, NewAboveScaleEnterprises);

    public string? Explanation(ReportFigure figure) => figure switch
    {
        ReportFigure.Output => OutputExplanation,
        ReportFigure.OutputYearToDate => OutputYearToDateExplanation,
        ReportFigure.InvestmentYearToDate => InvestmentYearToDateExplanation,
        _ => null,
    };

    public bool IsEditable => State is ReportState.Draft or ReportState.Returned;

    /// <summary>A new draft for a month that is open today.</summary>
    public static MonthlyReport Start(int taskForceId, ReportMonth month, Actor actor, DateTime nowUtc, ReportSettings settings)
    {
        RequireReporter(actor, ReportAction.Create);
        ReportDeadline.EnsureOpen(month, ReportDeadline.ChinaDate(nowUtc), null, settings);
        var report = Empty(taskForceId, month, actor, nowUtc);
        report.Record(actor, nowUtc, ReportAction.Create, ReportState.Draft, null);
        return report;
    }

    /// <summary>A report row with nothing in it yet, for the office to reopen a month nobody reported.</summary>
    public static MonthlyReport Empty(int taskForceId, ReportMonth month, Actor actor, DateTime nowUtc) => new()
    {
        TaskForceId = taskForceId, Year = month.Year, Month = month.Month, State = ReportState.Draft,
        CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc, UpdatedBy = actor.UserName,
    };

    /// <summary>Throws the reason the report cannot be changed today.</summary>
    public void EnsureEditable(DateOnly today, ReportSettings settings)
    {
        if (State == ReportState.Submitted) throw new ReportRuleException("月报已报送，正等待领导小组办公室审核，不能修改；如需修改请办公室退回");
        if (State == ReportState.Accepted) throw new ReportRuleException("月报已审核通过，不能再修改");
        ReportDeadline.EnsureOpen(Period, today, ReopenedUntil, settings);
    }

    /// <summary>Writes what was typed into a draft or returned report while its month is open.</summary>
    public void Write(ReportContent content, string userName, DateTime nowUtc, ReportSettings settings)
    {
        EnsureEditable(ReportDeadline.ChinaDate(nowUtc), settings);
        var before = Content;
        OutputWanYuan = content.Figures.OutputWanYuan;
        OutputYearToDateWanYuan = content.Figures.OutputYearToDateWanYuan;
        InvestmentYearToDateWanYuan = content.Figures.InvestmentYearToDateWanYuan;
        Employees = content.Figures.Employees;
        NewMarketEntities = content.Figures.NewMarketEntities;
        NewAboveScaleEnterprises = content.Figures.NewAboveScaleEnterprises;
        Progress = Clean(content.Progress);
        NextMonthPlan = Clean(content.NextMonthPlan);
        Difficulties = Clean(content.Difficulties);
        OutputExplanation = Clean(content.OutputExplanation);
        OutputYearToDateExplanation = Clean(content.OutputYearToDateExplanation);
        InvestmentYearToDateExplanation = Clean(content.InvestmentYearToDateExplanation);
        // Saved as it was: the last writer stays who wrote it, and nothing is written (nor the version moved on).
        if (Content == before) return;
        UpdatedBy = userName;
        UpdatedAtUtc = nowUtc;
    }

    public ReportContent Content => new(Figures, Progress, NextMonthPlan, Difficulties, OutputExplanation, OutputYearToDateExplanation, InvestmentYearToDateExplanation);

    /// <summary>报送: complete, every flag explained, the month open. The flags are those of the figures as they are now.</summary>
    public void Submit(Actor actor, DateTime nowUtc, IReadOnlyList<FigureFlag> flags, ReportSettings settings)
    {
        RequireReporter(actor, ReportAction.Submit);
        RequireState(ReportAction.Submit, ReportState.Draft, ReportState.Returned);
        var today = ReportDeadline.ChinaDate(nowUtc);
        ReportDeadline.EnsureOpen(Period, today, ReopenedUntil, settings);
        ReportDeadline.EnsureMonthEnded(Period, today);
        var missing = Content.Problems(forSubmit: true, flags);
        if (missing.Count > 0) throw new ReportRuleException("还不能报送：" + string.Join("；", missing.Values));
        var due = ReportDeadline.DueOn(Period, settings);
        var note = FirstSubmittedAtUtc is null && today > due ? $"逾期报送（截止日 {ReportDeadline.Chinese(due)}）" : null;
        FirstSubmittedAtUtc ??= nowUtc;
        SubmittedAtUtc = nowUtc;
        Move(actor, nowUtc, ReportAction.Submit, ReportState.Submitted, note);
    }

    /// <summary>审核通过 by the office. Flagged figures were explained before submitting; the note may answer them.</summary>
    public void Accept(Actor actor, DateTime nowUtc, string? note)
    {
        RequireOffice(actor, ReportAction.Accept);
        RequireState(ReportAction.Accept, ReportState.Submitted);
        AcceptedAtUtc = nowUtc;
        Move(actor, nowUtc, ReportAction.Accept, ReportState.Accepted, Reason(note, required: false, ReportAction.Accept));
    }

    /// <summary>退回修改 with the reason; the reporter then has <see cref="ReportSettings.ReopenDays"/> days to correct it even past the due date.</summary>
    public void Return(Actor actor, DateTime nowUtc, string? reason, ReportSettings settings)
    {
        RequireOffice(actor, ReportAction.Return);
        RequireState(ReportAction.Return, ReportState.Submitted);
        var text = Reason(reason, required: true, ReportAction.Return);
        ReopenedUntil = Later(ReopenedUntil, ReportDeadline.ChinaDate(nowUtc).AddDays(settings.ReopenDays));
        Move(actor, nowUtc, ReportAction.Return, ReportState.Returned, text);
    }

    /// <summary>重新开放 a locked month for <see cref="ReportSettings.ReopenDays"/> days, with the reason.</summary>
    public void Reopen(Actor actor, DateTime nowUtc, string? reason, ReportSettings settings)
    {
        RequireOffice(actor, ReportAction.Reopen);
        if (State == ReportState.Submitted) throw new ReportRuleException("月报已报送，不需要重新开放；如需修改请退回");
        if (State == ReportState.Accepted) throw new ReportRuleException("月报已审核通过，不能重新开放");
        var today = ReportDeadline.ChinaDate(nowUtc);
        if (today < Period.FirstDay) throw new ReportRuleException($"{Period.Chinese}尚未开始，不能重新开放");
        if (ReportDeadline.IsOpen(Period, today, ReopenedUntil, settings))
            throw new ReportRuleException(ReopenedUntil is { } u && u >= today
                ? $"月报已开放至 {ReportDeadline.Chinese(u)}，尚未锁定"
                : $"{Period.Chinese}月报尚未截止（截止日 {ReportDeadline.Chinese(ReportDeadline.DueOn(Period, settings))}），不需要重新开放");
        var text = Reason(reason, required: true, ReportAction.Reopen);
        ReopenedUntil = today.AddDays(settings.ReopenDays);
        Record(actor, nowUtc, ReportAction.Reopen, State, $"开放至 {ReportDeadline.Chinese(ReopenedUntil.Value)}：{text}");
    }

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Reason(string? text, bool required, ReportAction action)
    {
        var t = text?.Trim() ?? "";
        if (required && t.Length == 0) throw new ReportRuleException($"{ReportStates.Chinese(action)}须写明理由", "reason");
        if (t.Length > ReportLimits.Reason) throw new ReportRuleException($"理由不超过 {ReportLimits.Reason} 字（现为 {t.Length} 字）", "reason");
        return t.Length == 0 ? null : t;
    }

    private static void RequireReporter(Actor actor, ReportAction action)
    {
        if (actor.Role is not (Roles.Township or Roles.MemberUnit or Roles.Office or Roles.Admin))
            throw new ReportRuleException($"{Roles.Chinese.GetValueOrDefault(actor.Role, actor.Role)}不能“{ReportStates.Chinese(action)}”月报") { Kind = RefusalKind.Forbidden };
    }

    private static void RequireOffice(Actor actor, ReportAction action)
    {
        if (actor.Role is not (Roles.Office or Roles.Admin))
            throw new ReportRuleException($"只有领导小组办公室可以“{ReportStates.Chinese(action)}”月报") { Kind = RefusalKind.Forbidden };
    }

    private void RequireState(ReportAction action, params ReportState[] allowed)
    {
        if (!allowed.Contains(State))
            throw new ReportRuleException($"月报当前为“{ReportStates.Chinese(State)}”，不能“{ReportStates.Chinese(action)}”");
    }

    private void Move(Actor actor, DateTime nowUtc, ReportAction action, ReportState to, string? reason)
    {
        Record(actor, nowUtc, action, to, reason);
        State = to;
    }

    private void Record(Actor actor, DateTime nowUtc, ReportAction action, ReportState to, string? reason) =>
        Steps.Add(new ReportStep { ReportId = Id, Action = action, From = State, To = to, UserId = actor.UserId, UserName = actor.UserName, Reason = reason, AtUtc = nowUtc });
}

/// <summary>What a reporter types: the figures, the texts, and an explanation for each flagged figure.</summary>
public sealed record ReportContent(
    FigureValues Figures, string? Progress, string? NextMonthPlan, string? Difficulties,
    string? OutputExplanation, string? OutputYearToDateExplanation, string? InvestmentYearToDateExplanation)
{
    public string? Explanation(ReportFigure figure) => figure switch
    {
        ReportFigure.Output => OutputExplanation,
        ReportFigure.OutputYearToDate => OutputYearToDateExplanation,
        ReportFigure.InvestmentYearToDate => InvestmentYearToDateExplanation,
        _ => null,
    };

    /// <summary>The input field a figure is typed in, which is also the key of its problem.</summary>
    public static string Field(ReportFigure figure) => figure switch
    {
        ReportFigure.Output => nameof(FigureValues.OutputWanYuan),
        ReportFigure.OutputYearToDate => nameof(FigureValues.OutputYearToDateWanYuan),
        ReportFigure.InvestmentYearToDate => nameof(FigureValues.InvestmentYearToDateWanYuan),
        ReportFigure.Employees => nameof(FigureValues.Employees),
        ReportFigure.NewMarketEntities => nameof(FigureValues.NewMarketEntities),
        _ => nameof(FigureValues.NewAboveScaleEnterprises),
    };

    public static string ExplanationField(ReportFigure figure) => figure switch
    {
        ReportFigure.Output => nameof(OutputExplanation),
        ReportFigure.OutputYearToDate => nameof(OutputYearToDateExplanation),
        _ => nameof(InvestmentYearToDateExplanation),
    };

    /// <summary>
    /// What is wrong, by field: a draft may be incomplete but never out of range; a submission needs every figure,
    /// the work done, and an explanation of each flagged figure.
    /// </summary>
    public IReadOnlyDictionary<string, string> Problems(bool forSubmit, IReadOnlyList<FigureFlag> flags)
    {
        var problems = new Dictionary<string, string>();
        foreach (var figure in ReportFigures.All)
        {
            var name = ReportFigures.Chinese(figure);
            var unit = ReportFigures.Unit(figure);
            var field = Field(figure);
            if (Figures[figure] is not { } value)
            {
                if (forSubmit) problems[field] = $"请填写{name}（{unit}）";
            }
            else if (value < 0) problems[field] = $"{name}不能为负数";
            else if (ReportFigures.IsMoney(figure) && value > ReportLimits.MaxMoneyWanYuan) problems[field] = $"{name}超出合理范围，请核对单位是否为万元";
            else if (ReportFigures.IsMoney(figure) && decimal.Round(value, 2) != value) problems[field] = $"{name}最多保留两位小数";
            else if (!ReportFigures.IsMoney(figure) && value > ReportLimits.MaxCount) problems[field] = $"{name}超出合理范围";
        }
        if (Figures.OutputWanYuan is { } month && Figures.OutputYearToDateWanYuan is { } total && month > total && !problems.ContainsKey(Field(ReportFigure.OutputYearToDate)))
            problems[Field(ReportFigure.OutputYearToDate)] = "当年累计产值不能小于当月产值";

        if (string.IsNullOrWhiteSpace(Progress)) { if (forSubmit) problems[nameof(Progress)] = "请填写本月工作进展"; }
        else if (Progress.Trim().Length > ReportLimits.Progress) problems[nameof(Progress)] = $"工作进展不超过 {ReportLimits.Progress} 字";
        if (NextMonthPlan?.Trim().Length > ReportLimits.Text) problems[nameof(NextMonthPlan)] = $"下月计划不超过 {ReportLimits.Text} 字";
        if (Difficulties?.Trim().Length > ReportLimits.Text) problems[nameof(Difficulties)] = $"困难问题不超过 {ReportLimits.Text} 字";

        foreach (var figure in ReportFigures.Checked)
        {
            var text = Explanation(figure)?.Trim() ?? "";
            var field = ExplanationField(figure);
            if (text.Length > ReportLimits.Explanation) problems[field] = $"说明不超过 {ReportLimits.Explanation} 字";
            else if (forSubmit && text.Length == 0 && flags.FirstOrDefault(f => f.Figure == figure) is { } flag)
                problems[field] = flag.Unexplained;
        }
        return problems;
    }
}
