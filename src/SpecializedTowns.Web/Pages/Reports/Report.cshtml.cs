using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>
/// One task force's report for one month: the form while the reporter may write it, the report and its flags for
/// everyone else, the office's accept / return / reopen, the history, and beside it what the platform already knows
/// about the town that month.
/// </summary>
public sealed class ReportModel(TownsDbContext db, ReportService service, Data.Tasks.TaskService tasks, Data.Problems.ProblemService problems) : PageModel
{
    public sealed class Form
    {
        public decimal? OutputWanYuan { get; set; }
        public decimal? OutputYearToDateWanYuan { get; set; }
        public decimal? InvestmentYearToDateWanYuan { get; set; }
        public int? Employees { get; set; }
        public int? NewMarketEntities { get; set; }
        public int? NewAboveScaleEnterprises { get; set; }
        public string? Progress { get; set; }
        public string? NextMonthPlan { get; set; }
        public string? Difficulties { get; set; }
        public string? OutputExplanation { get; set; }
        public string? OutputYearToDateExplanation { get; set; }
        public string? InvestmentYearToDateExplanation { get; set; }
        public int? Version { get; set; }
        public bool ReadBeforeStart { get; set; }

        public ReportInput ToInput() => new()
        {
            OutputWanYuan = OutputWanYuan, OutputYearToDateWanYuan = OutputYearToDateWanYuan, InvestmentYearToDateWanYuan = InvestmentYearToDateWanYuan,
            Employees = Employees, NewMarketEntities = NewMarketEntities, NewAboveScaleEnterprises = NewAboveScaleEnterprises,
            Progress = Progress, NextMonthPlan = NextMonthPlan, Difficulties = Difficulties, OutputExplanation = OutputExplanation,
            OutputYearToDateExplanation = OutputYearToDateExplanation, InvestmentYearToDateExplanation = InvestmentYearToDateExplanation, Version = Version,
            ReadBeforeStart = ReadBeforeStart,
        };

        public static Form From(MonthlyReport r) => new()
        {
            OutputWanYuan = Trim(r.OutputWanYuan), OutputYearToDateWanYuan = Trim(r.OutputYearToDateWanYuan), InvestmentYearToDateWanYuan = Trim(r.InvestmentYearToDateWanYuan),
            Employees = r.Employees, NewMarketEntities = r.NewMarketEntities, NewAboveScaleEnterprises = r.NewAboveScaleEnterprises,
            Progress = r.Progress, NextMonthPlan = r.NextMonthPlan, Difficulties = r.Difficulties, OutputExplanation = r.OutputExplanation,
            OutputYearToDateExplanation = r.OutputYearToDateExplanation, InvestmentYearToDateExplanation = r.InvestmentYearToDateExplanation, Version = r.Version,
        };

        // PostgreSQL returns 1200.00: shown in the form as 1200.
        private static decimal? Trim(decimal? v) => Core.Recognition.Quantity.Normalize(v);

        public string? Explanation(ReportFigure figure) => figure switch
        {
            ReportFigure.Output => OutputExplanation,
            ReportFigure.OutputYearToDate => OutputYearToDateExplanation,
            ReportFigure.InvestmentYearToDate => InvestmentYearToDateExplanation,
            _ => null,
        };

        public decimal? Value(ReportFigure figure) => figure switch
        {
            ReportFigure.Output => OutputWanYuan,
            ReportFigure.OutputYearToDate => OutputYearToDateWanYuan,
            ReportFigure.InvestmentYearToDate => InvestmentYearToDateWanYuan,
            ReportFigure.Employees => Employees,
            ReportFigure.NewMarketEntities => NewMarketEntities,
            _ => NewAboveScaleEnterprises,
        };
    }

    [BindProperty] public Form Input { get; set; } = new();

    public TaskForce Force { get; private set; } = null!;
    public ReportMonth Month { get; private set; }
    public MonthlyReport? Report { get; private set; }
    public PreviousReport? Previous { get; private set; }
    public IReadOnlyList<FigureFlag> Flags { get; private set; } = [];
    public IReadOnlyList<ProjectMonth> Projects { get; private set; } = [];
    public UserScope Scope { get; private set; } = null!;
    public ReportSettings Settings => service.Settings;
    public DateOnly Today { get; private set; }
    public DateOnly DueOn { get; private set; }
    public Timeliness Timeliness { get; private set; }
    public bool Open { get; private set; }
    public bool CanWrite { get; private set; }
    public bool CanManage { get; private set; }

    /// <summary>The form is shown: the person writes for this task force, the report is theirs to change, and the month is open.</summary>
    public bool Editing => CanWrite && Open && (Report is null || Report.IsEditable);

    /// <summary>转入问题台账 is offered: the report's 困难问题 is reported and not yet raised, and the person may raise it.</summary>
    public bool CanRaiseProblem => ReportProblems.CanRaise(Scope, Force) && ReportProblems.Raisable(Report);

    /// <summary>The office may reopen: the month is locked and nothing reported is in its hands.</summary>
    public bool CanReopen => CanManage && !Open && Today >= Month.FirstDay && (Report is null || Report.IsEditable);

    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Why the address names a month the task force has no report for (<see cref="ReportService.NotOwed"/>): said instead of the report.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>本月任务进展: notes this month on the town's plan or on tasks the task force's lead units lead.</summary>
    public IReadOnlyList<string>? TaskProgress { get; private set; }

    /// <summary>新发现问题: problems raised for the town in the month.</summary>
    public IReadOnlyList<string>? NewProblems { get; private set; }

    public async Task<IActionResult> OnGetAsync(int taskForceId, int year, int month, CancellationToken ct)
    {
        Message = TempData["Saved"] as string;
        Error = TempData["Error"] as string;
        if (!await LoadAsync(taskForceId, year, month, ct)) return Unavailable is null ? NotFound() : Page();
        if (Report is not null) Input = Form.From(Report);
        Flags = await service.FlagsAsync(taskForceId, Month, Input.ToInput().ToContent().Figures, ct);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int taskForceId, int year, int month, CancellationToken ct) => SaveAsync(taskForceId, year, month, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int taskForceId, int year, int month, CancellationToken ct) => SaveAsync(taskForceId, year, month, submit: true, ct);

    private async Task<IActionResult> SaveAsync(int taskForceId, int year, int month, bool submit, CancellationToken ct)
    {
        if (!await LoadAsync(taskForceId, year, month, ct)) return Unavailable is null ? NotFound() : Page();
        var scope = Scope;
        Flags = await service.FlagsAsync(taskForceId, Month, Input.ToInput().ToContent().Figures, ct);
        // Numbers that do not parse are reported by model binding in Chinese; what was typed stays in the fields.
        if (!ModelState.IsValid)
        {
            // The other fields are checked as well, so that one unreadable number does not hide the rest until the next try.
            foreach (var (field, message) in Input.ToInput().ToContent().Problems(submit, Flags).Where(p => p.Key != ""))
                if (ModelState[$"{nameof(Input)}.{field}"] is not { Errors.Count: > 0 }) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            Error = "有填写不正确的项，请按提示修改。";
            return Page();
        }
        try
        {
            var result = await service.SaveAsync(scope, User.DisplayName(), taskForceId, Month, Input.ToInput(), submit, ct);
            if (result.Errors.Ok)
            {
                TempData["Saved"] = submit ? $"{Month.Chinese}月报已报送，等待领导小组办公室审核。" : "草稿已保存。" + (result.Flags.Count > 0 ? FigureFlag.DraftNote(result.Flags) : "");
                return Redirect(ReportPages.ReportUrl(taskForceId, Month));
            }
            if (result.Errors.TryGetValue("", out var general)) Error = general;
            else Error = (submit ? "还不能报送：" : "未保存：") + $"有 {result.Errors.Count} 项需要补充或修改，见各项下方的红字。";
            foreach (var (field, message) in result.Errors.Where(e => e.Key != "")) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }
        catch (ReportNotFoundException) { return NotFound(); }
        catch (ReportRuleException ex) { Error = ex.Message; }
        catch (EditConflictException conflict)
        {
            // What was typed stays in the form; the next save, made knowingly against the version now saved, goes through.
            Error = conflict.Message;
            Input.Version = conflict.CurrentVersion;
            Input.ReadBeforeStart = false;
            if (!await LoadAsync(taskForceId, year, month, ct)) return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(int taskForceId, int year, int month, string? note, CancellationToken ct) =>
        await StepAsync(taskForceId, year, month, (scope, id) => service.AcceptAsync(scope, User.DisplayName(), id, note, ct), "月报已审核通过。", ct);

    public async Task<IActionResult> OnPostReturnAsync(int taskForceId, int year, int month, string? reason, CancellationToken ct) =>
        await StepAsync(taskForceId, year, month, (scope, id) => service.ReturnAsync(scope, User.DisplayName(), id, reason, ct),
            $"月报已退回修改，填报人可在 {service.Settings.ReopenDays} 天内修改后重新报送。", ct);

    public async Task<IActionResult> OnPostReopenAsync(int taskForceId, int year, int month, string? reason, CancellationToken ct)
    {
        if (!ReportMonth.IsValid(year, month)) return NotFound();
        try
        {
            await service.ReopenAsync(UserScope.From(User)!, User.DisplayName(), taskForceId, new ReportMonth(year, month), reason, ct);
            TempData["Saved"] = $"已重新开放至 {Display.Date(service.Today.AddDays(service.Settings.ReopenDays))}。";
        }
        catch (ReportNotFoundException) { return NotFound(); }
        catch (ReportRuleException ex) { TempData["Error"] = ex.Message; }
        return Redirect(ReportPages.ReportUrl(taskForceId, new ReportMonth(year, month)));
    }

    /// <summary>The report's 困难问题 into the problem ledger, in one step; the person goes on to the problem.</summary>
    public async Task<IActionResult> OnPostRaiseAsync(int taskForceId, int year, int month, string? category, CancellationToken ct)
    {
        if (!ReportMonth.IsValid(year, month)) return NotFound();
        try
        {
            // Read by name or number, as the form sends it; anything else is "choose one", never a default category.
            if (!Enum.TryParse<Core.Problems.ProblemCategory>(category, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
                throw new ReportRuleException("请选择问题类别", "category");
            var problem = await ReportProblems.RaiseAsync(db, service, problems, UserScope.From(User)!, User.DisplayName(), taskForceId, new ReportMonth(year, month), chosen, ct);
            TempData["Done"] = "月报反映的困难问题已转入问题台账，等待领导小组办公室受理";
            return Redirect($"/Problems/Detail/{problem}");
        }
        catch (ReportNotFoundException) { return NotFound(); }
        catch (ReportRuleException ex) { TempData["Error"] = ex.Message; }
        catch (Core.Problems.ProblemRuleException ex) { TempData["Error"] = ex.Message; }
        return Redirect(ReportPages.ReportUrl(taskForceId, new ReportMonth(year, month)));
    }

    private async Task<IActionResult> StepAsync(int taskForceId, int year, int month, Func<UserScope, int, Task> step, string done, CancellationToken ct)
    {
        if (!ReportMonth.IsValid(year, month)) return NotFound();
        var scope = UserScope.From(User)!;
        try
        {
            var report = await service.FindAsync(scope, taskForceId, new ReportMonth(year, month), ct) ?? throw new ReportNotFoundException();
            await step(scope, report.Id);
            TempData["Saved"] = done;
        }
        catch (ReportNotFoundException) { return NotFound(); }
        catch (ReportRuleException ex) { TempData["Error"] = ex.Message; }
        return Redirect(ReportPages.ReportUrl(taskForceId, new ReportMonth(year, month)));
    }

    private async Task<bool> LoadAsync(int taskForceId, int year, int month, CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        try { Force = await service.TaskForceAsync(Scope, taskForceId, ct); }
        catch (ReportNotFoundException) { return false; }
        Today = service.Today;
        // Months not yet begun, before the task force reported, or no month at all have no report: the page says why, as the API does.
        if (ReportService.NotOwed(Force, year, month, Today) is { } why)
        {
            Unavailable = why;
            return false;
        }
        Month = new ReportMonth(year, month);
        Report = await service.FindAsync(Scope, taskForceId, Month, ct);
        Previous = await service.PreviousAsync(taskForceId, Month, ct);
        DueOn = ReportDeadline.DueOn(Month, Settings);
        Timeliness = ReportDeadline.Classify(Month, Report?.FirstSubmittedAtUtc, Today, Settings);
        Open = ReportDeadline.IsOpen(Month, Today, Report?.ReopenedUntil, Settings);
        CanWrite = ReportScope.CanWrite(Scope, Force);
        CanManage = ReportScope.CanManage(Scope, Force);
        Projects = await ReportQueries.ProjectsAsync(db, Scope, Force.SpecializedTownId, Month, ct);
        TaskProgress = await ReportMonthContext.TaskProgressAsync(db, tasks, Scope, Force, Month, ct);
        NewProblems = await ReportMonthContext.NewProblemsAsync(problems, Scope, Force, Month, ct);
        return true;
    }
}
