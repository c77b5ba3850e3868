namespace SpecializedTowns.Core.Support;

/// <summary>
/// The kinds of training 朔政办发〔2023〕19号 四（八） names: 订单式、项目制、定向式 (for the technical and skilled workers
/// the leading enterprises recruit, with the 80% target) and 在岗职工职业技能提升培训 (for people already employed).
/// </summary>
public enum TrainingMode { OrderBased = 1, ProjectBased = 2, Directed = 3, OnTheJob = 4, Other = 9 }

/// <summary>Who runs the programme: 四（八） "依托普通高校、职业院校和技工院校等", an enterprise itself, or a training school (三（六） "各类职业培训学校").</summary>
public enum TrainingProviderKind { University = 1, VocationalCollege = 2, TechnicalSchool = 3, Enterprise = 4, TrainingSchool = 5, Other = 9 }

/// <summary>Where a programme stands against the 培训后就业率 target.</summary>
public enum TrainingStatus
{
    /// <summary>Not yet 结业: not counted.</summary>
    InProgress = 1,

    /// <summary>结业, but nobody has entered how many found work: not counted until they do.</summary>
    AwaitingOutcome = 2,
    Met = 3,
    NotMet = 4,

    /// <summary>Counted in the rate, in an area whose documents set no figure (the 运城 texts ask for training, not a rate).</summary>
    NoTarget = 5,

    /// <summary>在岗职工培训 or another kind the 80% does not speak of.</summary>
    NotApplicable = 6,
}

public static class TrainingNames
{
    public static string Chinese(TrainingMode mode) => mode switch
    {
        TrainingMode.OrderBased => "订单式",
        TrainingMode.ProjectBased => "项目制",
        TrainingMode.Directed => "定向式",
        TrainingMode.OnTheJob => "在岗职工技能提升",
        _ => "其他",
    };

    public static string Chinese(TrainingProviderKind kind) => kind switch
    {
        TrainingProviderKind.University => "普通高校",
        TrainingProviderKind.VocationalCollege => "职业院校",
        TrainingProviderKind.TechnicalSchool => "技工院校",
        TrainingProviderKind.Enterprise => "企业自办",
        TrainingProviderKind.TrainingSchool => "职业培训学校（机构）",
        _ => "其他",
    };

    public static string Chinese(TrainingStatus status) => status switch
    {
        TrainingStatus.InProgress => "进行中",
        TrainingStatus.AwaitingOutcome => "待填就业",
        TrainingStatus.Met => "达标",
        TrainingStatus.NotMet => "未达标",
        TrainingStatus.NoTarget => "未设目标",
        _ => "不计就业率",
    };

    public static IReadOnlyList<TrainingMode> Modes { get; } = Enum.GetValues<TrainingMode>();
    public static IReadOnlyList<TrainingProviderKind> ProviderKinds { get; } = Enum.GetValues<TrainingProviderKind>();
}

/// <summary>
/// One training programme (培训班/培训项目) of a county, usually for one specialized town: how many were trained and how many
/// of them signed an employment agreement or showed proof of employment afterwards (四（八） "以签订就业协议或提供就业证明为准").
/// </summary>
public sealed class TrainingProgramme
{
    public const int MaxTitle = 100;
    public const int MaxOrganiser = 100;
    public const int MaxNote = 500;

    /// <summary>A county's programme trains tens to a few thousand; more is a slip of the keyboard.</summary>
    public const int MaxTrainees = 100_000;

    public const decimal MaxSubsidyWanYuan = 100_000m;
    public const int MinYear = 2015;

    /// <summary>A programme is a course, not a school: longer than this is a mistyped year.</summary>
    public const int MaxYears = 3;

    public int Id { get; set; }
    public int CountyId { get; set; }
    public int? SpecializedTownId { get; set; }
    public string Title { get; set; } = "";
    public TrainingMode Mode { get; set; }

    /// <summary>承办单位/合作院校, e.g. 朔州职业技术学院.</summary>
    public string Organiser { get; set; } = "";
    public TrainingProviderKind OrganiserKind { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly EndOn { get; set; }
    public int Trainees { get; set; }

    /// <summary>培训后就业人数 (签订就业协议或提供就业证明); null until the office has the figure.</summary>
    public int? Employed { get; set; }
    public decimal? SubsidyWanYuan { get; set; }
    public string PolicyPackId { get; set; } = "";
    public string ClauseSource { get; set; } = "";
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>A programme as typed in the form, before it is checked.</summary>
public sealed record TrainingInput
{
    public int? CountyId { get; init; }
    public int? SpecializedTownId { get; init; }
    public string? Title { get; init; }
    public TrainingMode? Mode { get; init; }
    public string? Organiser { get; init; }
    public TrainingProviderKind? OrganiserKind { get; init; }
    public DateOnly? StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    public int? Trainees { get; init; }
    public int? Employed { get; init; }
    public decimal? SubsidyWanYuan { get; init; }
    public string? ClauseSource { get; init; }
    public string? Note { get; init; }
}

public static class TrainingRules
{
    /// <summary>四（八） "力争培训后就业率（以签订就业协议或提供就业证明为准）达到80%".</summary>
    public const decimal TargetPercent = 80m;

    public const string TargetClause = SupportClauses.SkillsTraining;

    /// <summary>The rate is asked of 订单式、项目制、定向式 training; people trained in their own job are employed already.</summary>
    public static bool CountsForRate(TrainingMode mode) => mode is TrainingMode.OrderBased or TrainingMode.ProjectBased or TrainingMode.Directed;

    /// <summary>A programme is over (结业) once its end date has come.</summary>
    public static bool Finished(DateOnly endOn, DateOnly today) => endOn <= today;

    /// <summary>培训后就业率 in %, one decimal rounded half up (四舍五入, as a clerk computes it: 130 ÷ 160 = 81.3%); null without trainees.</summary>
    public static decimal? RatePercent(int employed, int trainees) =>
        trainees > 0 ? decimal.Round(employed * 100m / trainees, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>Whether the rate reaches 80%, compared exactly (79.96% shows as 80.0% but does not reach it).</summary>
    public static bool Meets(int employed, int trainees) => trainees > 0 && employed * 100m >= TargetPercent * trainees;

    public static TrainingStatus Status(TrainingMode mode, DateOnly endOn, int trainees, int? employed, DateOnly today, bool hasTarget)
    {
        if (!CountsForRate(mode)) return TrainingStatus.NotApplicable;
        if (!Finished(endOn, today)) return TrainingStatus.InProgress;
        if (employed is not { } e) return TrainingStatus.AwaitingOutcome;
        if (!hasTarget) return TrainingStatus.NoTarget;
        return Meets(e, trainees) ? TrainingStatus.Met : TrainingStatus.NotMet;
    }

    /// <summary>The checks that need no database; keys are the input's property names, messages what the clerk reads beside the field.</summary>
    public static Dictionary<string, string> Check(TrainingInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (input.CountyId is null) errors[nameof(input.CountyId)] = "请选择举办培训的县（市、区）";
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors[nameof(input.Title)] = "请填写培训班（项目）名称";
        else if (title.Length > TrainingProgramme.MaxTitle) errors[nameof(input.Title)] = $"名称不超过 {TrainingProgramme.MaxTitle} 字";
        if (input.Mode is null || !Enum.IsDefined(input.Mode.Value)) errors[nameof(input.Mode)] = "请选择培训方式";
        var organiser = input.Organiser?.Trim() ?? "";
        if (organiser.Length == 0) errors[nameof(input.Organiser)] = "请填写承办单位或合作院校";
        else if (organiser.Length > TrainingProgramme.MaxOrganiser) errors[nameof(input.Organiser)] = $"承办单位不超过 {TrainingProgramme.MaxOrganiser} 字";
        if (input.OrganiserKind is null || !Enum.IsDefined(input.OrganiserKind.Value)) errors[nameof(input.OrganiserKind)] = "请选择承办单位类型";

        var latestStart = today.AddYears(1);
        if (input.StartOn is not { } start) errors[nameof(input.StartOn)] = "请填写开班日期";
        else if (start.Year < TrainingProgramme.MinYear) errors[nameof(input.StartOn)] = $"开班日期不早于 {TrainingProgramme.MinYear} 年";
        else if (start > latestStart) errors[nameof(input.StartOn)] = $"开班日期不能晚于 {latestStart.Year}年{latestStart.Month}月{latestStart.Day}日（一年以内的计划）";
        if (input.EndOn is not { } end) errors[nameof(input.EndOn)] = "请填写结业日期";
        else if (input.StartOn is { } s && end < s) errors[nameof(input.EndOn)] = "结业日期不能早于开班日期";
        else if (input.StartOn is { } s2 && end > s2.AddYears(TrainingProgramme.MaxYears)) errors[nameof(input.EndOn)] = $"培训周期超过 {TrainingProgramme.MaxYears} 年，请核对日期";

        if (input.Trainees is not { } trainees) errors[nameof(input.Trainees)] = "请填写培训人数";
        else if (trainees < 1) errors[nameof(input.Trainees)] = "培训人数至少 1 人";
        else if (trainees > TrainingProgramme.MaxTrainees) errors[nameof(input.Trainees)] = $"培训人数超过 {TrainingProgramme.MaxTrainees:#,0} 人，请核对";
        if (input.Employed is { } employed)
        {
            if (input.Mode == TrainingMode.OnTheJob) errors[nameof(input.Employed)] = "在岗职工技能提升培训的学员已在岗，不填培训后就业人数";
            else if (employed < 0) errors[nameof(input.Employed)] = "就业人数不能为负";
            else if (input.Trainees is { } t && t >= 1 && employed > t) errors[nameof(input.Employed)] = $"就业人数不能超过培训人数（{t} 人）";
        }

        if (input.SubsidyWanYuan is { } subsidy)
        {
            if (subsidy < 0) errors[nameof(input.SubsidyWanYuan)] = "补贴金额不能为负";
            else if (subsidy > TrainingProgramme.MaxSubsidyWanYuan) errors[nameof(input.SubsidyWanYuan)] = $"补贴金额超过 {TrainingProgramme.MaxSubsidyWanYuan:#,0} 万元，请核对单位是否为万元";
            else if (decimal.Round(subsidy, 4) != subsidy) errors[nameof(input.SubsidyWanYuan)] = "金额最多保留 4 位小数（万元）";
        }
        if (string.IsNullOrWhiteSpace(input.ClauseSource)) errors[nameof(input.ClauseSource)] = "请选择所依据的政策条款";
        if (input.Note?.Trim().Length > TrainingProgramme.MaxNote) errors[nameof(input.Note)] = $"备注不超过 {TrainingProgramme.MaxNote} 字";
        return errors;
    }
}

/// <summary>A programme as the roll-up needs it: where it was held, what kind, when it ended, how many were trained and employed.</summary>
public sealed record TrainingRollupInput(int? TownId, string? Town, string CountyPath, TrainingMode Mode, DateOnly EndOn, int Trainees, int? Employed);

/// <summary>
/// A line of the 培训后就业率 roll-up: a town (or the county's programmes outside any town), or the total of an area. The
/// rate is employed ÷ trainees of the finished 订单式、项目制、定向式 programmes whose outcome is known — a ratio of sums.
/// </summary>
public sealed record TrainingLine(
    PerformanceLevel Level, string Path, string Name, int? TownId, bool HasTarget,
    int Programmes, int Trainees, int CountedProgrammes, int CountedTrainees, int Employed,
    int InProgress, int AwaitingOutcome, int OnTheJobTrainees)
{
    public const string OutsideTowns = "（未归属专业镇）";

    public bool IsTotal => Level != PerformanceLevel.Town;

    public decimal? RatePercent => TrainingRules.RatePercent(Employed, CountedTrainees);

    /// <summary>Null when nothing counts yet or no document of the area sets the figure.</summary>
    public bool? Met => HasTarget && CountedTrainees > 0 ? TrainingRules.Meets(Employed, CountedTrainees) : null;
}

public static class TrainingRollup
{
    /// <summary>
    /// The lines in reading order, each area's total before what it sums (省 → 市 → 县 → 专业镇); <paramref name="hasTarget"/>
    /// says for a jurisdiction path whether a document governing it sets the 80% (朔州市 and below). With a
    /// <paramref name="year"/>, the programmes are those held in it and the rate counts those that ended (结业) in it, so a
    /// programme running over New Year counts once, in the year it ended.
    /// </summary>
    /// <param name="areas">The order of the areas' paths (the official order of places); else the order of their names.</param>
    public static IReadOnlyList<TrainingLine> Lines(IEnumerable<TrainingRollupInput> programmes, DateOnly today, Func<string, bool> hasTarget, int? year = null,
        IComparer<string>? areas = null)
    {
        var towns = programmes
            .GroupBy(p => (p.TownId, p.CountyPath, Name: p.TownId is null ? TrainingLine.OutsideTowns : p.Town ?? ""))
            .Select(g => (Segments: Segments(g.Key.CountyPath), Line: Sum(PerformanceLevel.Town, g.Key.CountyPath, g.Key.Name, g.Key.TownId, hasTarget(g.Key.CountyPath), g.ToList(), today, year)))
            .ToList();
        var result = new List<TrainingLine>();
        Add(result, towns, 0, null, hasTarget, areas ?? StringComparer.Ordinal);
        return result;
    }

    private static void Add(List<TrainingLine> into, List<(string[] Segments, TrainingLine Line)> lines, int depth, string? prefix, Func<string, bool> hasTarget,
        IComparer<string> areas)
    {
        foreach (var group in lines.GroupBy(l => l.Segments[depth]).OrderBy(g => prefix is null ? g.Key : prefix + "/" + g.Key, areas))
        {
            var path = prefix is null ? group.Key : prefix + "/" + group.Key;
            var members = group.ToList();
            into.Add(Total((PerformanceLevel)(depth + 1), path, group.Key, hasTarget(path), members.Select(m => m.Line).ToList()));
            if (depth < 2) Add(into, members, depth + 1, path, hasTarget, areas);
            else into.AddRange(members.Select(m => m.Line).OrderBy(l => l.TownId is null).ThenBy(l => l.Name, StringComparer.Ordinal));
        }
    }

    private static string[] Segments(string countyPath)
    {
        var segments = countyPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 ? segments : [.. segments, .. Enumerable.Repeat("（未分区）", 3 - segments.Length)];
    }

    private static TrainingLine Sum(PerformanceLevel level, string path, string name, int? townId, bool target, List<TrainingRollupInput> programmes, DateOnly today, int? year)
    {
        var finished = programmes.Where(p => TrainingRules.CountsForRate(p.Mode) && TrainingRules.Finished(p.EndOn, today) && (year is null || p.EndOn.Year == year)).ToList();
        var counted = finished.Where(p => p.Employed is not null).ToList();
        return new TrainingLine(level, path, name, townId, target,
            programmes.Count, programmes.Sum(p => p.Trainees), counted.Count, counted.Sum(p => p.Trainees), counted.Sum(p => p.Employed!.Value),
            programmes.Count(p => !TrainingRules.Finished(p.EndOn, today)),
            finished.Count(p => p.Employed is null),
            programmes.Where(p => p.Mode == TrainingMode.OnTheJob).Sum(p => p.Trainees));
    }

    private static TrainingLine Total(PerformanceLevel level, string path, string name, bool target, List<TrainingLine> lines) => new(
        level, path, name, null, target,
        lines.Sum(l => l.Programmes), lines.Sum(l => l.Trainees), lines.Sum(l => l.CountedProgrammes), lines.Sum(l => l.CountedTrainees),
        lines.Sum(l => l.Employed), lines.Sum(l => l.InProgress), lines.Sum(l => l.AwaitingOutcome), lines.Sum(l => l.OnTheJobTrainees));
}
