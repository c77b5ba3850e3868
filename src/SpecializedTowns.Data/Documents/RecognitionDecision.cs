namespace SpecializedTowns.Data.Documents;

/// <summary>A town as a recognition decision and certificate name it.</summary>
public sealed record RecognizedTown(string Name, string County, IReadOnlyList<string> Townships, string Category, string LeadingIndustry, string? LeadingProducts)
{
    /// <summary>"新绛县万安镇", or the county alone when no township is recorded.</summary>
    public string Place => County + string.Join("、", Townships);
}

/// <summary>A sentence of policy with the clause it comes from.</summary>
public sealed record CitedText(string Text, string? Source)
{
    /// <summary>The text as a sentence, its clause in brackets before the full stop.</summary>
    public string Cited => Text.Trim().TrimEnd('。', '.', '；', ';', '，', ',') + (string.IsNullOrWhiteSpace(Source) ? "" : $"（{Source}）") + "。";
}

/// <summary>
/// What a 认定决定 needs. Every policy fact comes from here, with its clause: the builder adds only the fixed wording of a
/// decision, never a threshold, a period or a consequence of its own.
/// </summary>
public sealed record RecognitionDecisionInput
{
    /// <summary>The leading group that decides (领导小组审定), e.g. "运城市专业镇发展领导小组": 发文机关 and 署名.</summary>
    public required string IssuingAuthority { get; init; }

    /// <summary>Its office, which prints the decision (印发机关).</summary>
    public required string Office { get; init; }

    /// <summary>The 文号 the leading group's decision was registered under; null leaves the line for the office to fill in.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>Where the standard applies, e.g. "运城市".</summary>
    public required string Area { get; init; }

    /// <summary>"县级", "市级" or "省级".</summary>
    public required string TierName { get; init; }

    /// <summary>主送: the applicants (县人民政府 or 乡镇人民政府).</summary>
    public required IReadOnlyList<string> Recipients { get; init; }

    public required IReadOnlyList<RecognizedTown> Towns { get; init; }

    /// <summary>The policy document that sets the standard: its title and number.</summary>
    public required string PolicyTitle { get; init; }
    public string? PolicyNumber { get; init; }

    public required string StandardName { get; init; }
    public string? StandardSource { get; init; }

    /// <summary>What the application went through, completing "…，{Procedure}，决定…".</summary>
    public required string Procedure { get; init; }

    /// <summary>The standard's cycle ("按一定周期滚动认定培育…") where the text states one.</summary>
    public CitedText? Cycle { get; init; }

    /// <summary>
    /// The exit rule of dynamic adjustment where the area's document states one; null where none does. The platform's default
    /// (连续2年) is how 动态调整 flags towns for review, not a rule an official decision may state as policy (qa110 5).
    /// </summary>
    public CitedText? DynamicAdjustment { get; init; }

    /// <summary>Towns recognised under a relaxation the text allows, each with its basis (<see cref="Core.Recognition.GrantedRelaxation.Basis"/>).</summary>
    public IReadOnlyList<(string Town, string Basis)> Relaxed { get; init; } = [];

    /// <summary>The annual evaluation the towns take part in, with what follows from it, where a text says so.</summary>
    public CitedText? Evaluation { get; init; }

    /// <summary>成文日期: the day the recognition took effect.</summary>
    public required DateOnly Date { get; init; }
}

/// <summary>Words a 认定决定 (issue 6) for one application or for a batch of them under one standard.</summary>
public static class RecognitionDecision
{
    public static OfficialDocument Build(RecognitionDecisionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Towns.Count == 0) throw new ArgumentException("A recognition decision names at least one town.", nameof(input));

        var first = input.Towns[0];
        var named = input.Towns.Count == 1 ? first.Name : $"{first.Name}等{input.Towns.Count}个专业镇";
        var policy = $"《{input.PolicyTitle}》" + (string.IsNullOrWhiteSpace(input.PolicyNumber) ? "" : $"（{input.PolicyNumber}）");
        var standard = input.StandardName + (Clause(input, input.StandardSource) is { } clause ? $"（{clause}）" : "");
        var whom = input.Towns.Count == 1
            ? $"{first.Name}（{first.Place}，主导产业为{first.LeadingIndustry}）"
            : $"{named}（名单见下表）";

        // A recognition under a relaxation says so, with its clause and figures: the town does not meet the full standard.
        var relaxedOne = input.Towns.Count == 1 && input.Relaxed.Count > 0 ? string.Join("，", input.Relaxed.Select(r => r.Basis)) + "，" : "";
        var body = new List<DocumentBlock>
        {
            new DocumentBlock.Paragraph($"根据{policy}确定的{standard}，{input.Procedure}，{relaxedOne}" +
                $"决定认定{whom}为{input.Area}{input.TierName}专业镇。"),
            new DocumentBlock.Heading1("认定名单"),
            new DocumentBlock.Table(["序号", "专业镇", "所在县（市、区）", "乡镇（街道）", "主导产业"],
                input.Towns.Select((t, i) => (IReadOnlyList<string>)[(i + 1).ToString(), t.Name, t.County, string.Join("、", t.Townships), t.LeadingIndustry]).ToList())
            {
                Weights = [1, 3, 2, 2, 3],
            },
        };
        if (input.Towns.Count > 1 && input.Relaxed.Count > 0)
            body.Add(new DocumentBlock.Paragraph("其中，" + string.Join("；", input.Relaxed.Select(r => r.Town + r.Basis)) + "。"));
        body.Add(new DocumentBlock.Heading1("有关要求"));
        if (DynamicManagement(input) is { } management) body.Add(new DocumentBlock.Heading2("实行动态管理。", management));
        if (input.Evaluation is { } evaluation)
            body.Add(new DocumentBlock.Heading2("开展年度评估。", evaluation.Cited));
        body.Add(new DocumentBlock.Heading2("落实建设责任。",
            $"请{string.Join("、", input.Recipients)}切实履行专业镇申报和建设主体责任，对照认定标准编制年度行动计划，" +
            "落实重点任务、重点项目和问题台账，按要求报送统计数据和工作进展，推动专业镇梯次晋级、高质量发展。"));

        return new OfficialDocument
        {
            IssuingAuthority = input.IssuingAuthority,
            DocumentNumber = input.DocumentNumber,
            Title = $"关于认定{named}为{input.TierName}专业镇的决定",
            MainRecipient = string.Join("、", input.Recipients),
            Body = body,
            Signature = input.IssuingAuthority,
            Date = input.Date,
            PrintedBy = input.Office,
            PrintedOn = input.Date,
        };
    }

    // Only what the texts say: the standard's cycle and the area's own exit rule; nothing when they say neither.
    private static string? DynamicManagement(RecognitionDecisionInput input)
    {
        if (input.Cycle is null && input.DynamicAdjustment is null) return null;
        var cycle = input.Cycle is { } c ? $"按照“{c.Text.TrimEnd('。')}”的要求" + (Clause(input, c.Source) is { } clause ? $"（{clause}）" : "") + "，" : "";
        return input.DynamicAdjustment is { } rule ? $"{cycle}已认定的专业镇实行动态调整，{rule.Cited}" : $"{cycle}已认定的专业镇实行动态调整。";
    }

    /// <summary>
    /// A clause of the standard after the decision has named the policy document: without that document's number again, so
    /// 运政办发〔2023〕8号（据垣政办发〔2023〕19号 三） reads 据垣政办发〔2023〕19号 三 after 《…》（运政办发〔2023〕8号）.
    /// </summary>
    private static string? Clause(RecognitionDecisionInput input, string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return null;
        var number = input.PolicyNumber;
        return !string.IsNullOrWhiteSpace(number) && source.StartsWith(number + "（", StringComparison.Ordinal) && source.EndsWith('）')
            ? source[(number.Length + 1)..^1]
            : source;
    }
}
