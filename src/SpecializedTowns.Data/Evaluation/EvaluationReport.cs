using System.Globalization;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Data.Evaluation;

/// <summary>
/// The evaluation as leaders read it: a report in the official layout (.docx) and the full tables (.xlsx), both
/// written from the stored results only, so a published evaluation prints the same every time.
/// </summary>
public static class EvaluationReport
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = Workbook.ContentType;

    public static string FileName(EvaluationView view, string extension) =>
        $"{view.Area}{view.Evaluation.Year}年度{SubjectKinds.Chinese(view.Evaluation.Kind)}评估{(view.Evaluation.IsPublished ? "" : "（草稿）")}.{extension}";

    /// <summary>The indicators a subject scored lowest on, as findings for a 督办通知书: what fell short, with its evidence.</summary>
    public static IReadOnlyList<SupervisionFinding> Findings(SchemeSnapshot scheme, ResultView result, string basis) => result.Indicators
        .Where(i => i.Weight > 0 && !i.Explanation.StartsWith("不适用", StringComparison.Ordinal) && i.Points < 60
            && !i.Explanation.Contains(Scoring.NobodyScored, StringComparison.Ordinal))
        .OrderBy(i => i.Points).Take(5)
        .Select(i => new SupervisionFinding(scheme.Rules.FirstOrDefault(r => r.Key == i.Key) is { } rule
            ? Scoring.Shortfall(rule, i) : $"{i.Name}得分 {i.Points:0.##} 分（{i.Explanation}）", basis.Length == 0 ? "" : $"{basis}·{i.Name}"))
        .DefaultIfEmpty(new SupervisionFinding($"综合得分 {result.Row.Total:0.##} 分，排名第 {result.Row.Rank} 位，{result.Row.Band ?? "排名靠后"}", basis))
        .ToList();

    public static void WriteDocument(EvaluationView view, DateOnly today, Stream output)
    {
        // A report “对垣曲县0个专业镇……进行了评估” reads as if an evaluation took place; there was nothing to evaluate.
        if (view.Results.Count == 0)
            throw new EvaluationRuleException($"本次评估没有评估对象，不生成评估报告。{view.Nobody}");
        var e = view.Evaluation;
        var kind = SubjectKinds.Chinese(e.Kind);
        var scheme = view.Scheme;
        // The area's leading group by its own document's name, as the 认定决定 and the 督办通知书 name it (qa110 7).
        var group = view.LeadingGroup;
        var office = group + "办公室";
        var body = new List<DocumentBlock>
        {
            new DocumentBlock.Paragraph(
                $"根据{scheme.PackDocument ?? "专业镇建设有关文件"}关于开展专业镇年度评估的要求，" +
                $"对{view.Area}{view.Results.Count}个{kind}{e.Year}年度工作进行了评估。评估采用“{scheme.Name}”，" +
                (scheme.IsPlatformDefault ? "该指标体系为平台默认（文件未规定评估指标、权重和计分方法）。" : "该指标体系依据文件规定。") +
                (e.IsPublished ? $"评估结果已于{Date(e.PublishedAtUtc!.Value)}发布。" : "本报告为草稿，结果以发布为准。")),
            // What the ranking rests on, before the ranking: the scheme listed under 评估指标 is not all of what was scored.
            new DocumentBlock.Paragraph($"{view.Coverage.Summary}。{(view.Coverage.UncountedSummary is { } uncounted ? uncounted + "。" : "")}" +
                (view.Coverage.IsLow ? $"计分指标的权重不足一半，排名和拟表扬、拟督办名单取决于少数指标{(view.Coverage.UseAdvice is { } advice ? "，" + advice : "")}。" : "")),
            new DocumentBlock.Heading1("评估结果"),
            new DocumentBlock.Table(["名次", kind, "所在地", "得分", "等次"],
                view.Results.Select(r => (IReadOnlyList<string>)[r.Row.Rank.ToString(CultureInfo.InvariantCulture), r.Row.SubjectName, r.Row.Place,
                    r.Row.Total.ToString("0.00", CultureInfo.InvariantCulture), r.Row.Band ?? ""]).ToList()),
            new DocumentBlock.Heading1("拟予表扬名单"),
        };
        var commended = view.Results.Where(r => r.Row.Commended).ToList();
        // The area's own clause once, then the platform's line marked as its own (SchemeSnapshot.OwnClause, DescribeCommendation).
        var commendBasis = scheme.OwnClause(top: true) is { } commendClause ? $"按照{commendClause}的要求，" : "";
        body.Add(new DocumentBlock.Paragraph(commended.Count == 0
            ? "本年度没有达到表扬条件的评估对象。"
            : $"{commendBasis}{scheme.DescribeCommendation(view.Results.Count)}的{kind}为：{string.Join("、", commended.Select(r => r.Row.SubjectName))}。" +
              (LineRule.TieAtCut(scheme.Commendation, top: true, view.Results.Select(r => (r.Row.Rank, r.Row.Commended)).ToList()) is { } tie ? $"{tie}。" : "")));
        // To whom each commendation goes, as a notice about the same subject would be addressed (阳泉, 朔州: the county government).
        if (commended.Count > 0 && commended.All(r => view.Addressees.ContainsKey(r.Row.SubjectKey)))
            body.Add(new DocumentBlock.Table(["名次", kind, "主送", "依据"],
                commended.Select(r => (IReadOnlyList<string>)[r.Row.Rank.ToString(CultureInfo.InvariantCulture), r.Row.SubjectName,
                    view.Addressees[r.Row.SubjectKey].Name, view.Addressees[r.Row.SubjectKey].Basis ?? "文件未另行规定，主送评估对象所在地"]).ToList()));
        body.Add(new DocumentBlock.Heading1("拟予督办名单"));
        var supervised = view.Results.Where(r => r.Row.Supervised).ToList();
        var superviseBasis = scheme.OwnClause(top: false) is { } superviseClause ? $"按照{superviseClause}的要求，" : "";
        if (supervised.Count == 0)
            body.Add(new DocumentBlock.Paragraph(scheme.Supervision is null ? "本年度没有需要督办的评估对象。"
                : $"{superviseBasis}本年度没有{scheme.DescribeSupervision()}的{kind}" +
                  $"{(LineRule.ShareCount(scheme.Supervision, top: false, view.Results.Count) is { } n ? $"（{n}）" : "")}，不拟发出督办通知书。"));
        else
        {
            body.Add(new DocumentBlock.Paragraph(
                $"{superviseBasis}{scheme.DescribeSupervision()}的{kind}" +
                $"拟发出督办通知书，{scheme.RectificationTerm()}。" +
                (view.Coverage.Sweep is { } sweep ? $"{sweep}。" : "") +
                (LineRule.TieAtCut(scheme.Supervision, top: false, view.Results.Select(r => (r.Row.Rank, r.Row.Supervised)).ToList()) is { } bottomTie ? $"{bottomTie}。" : "") +
                "主要问题如下："));
            foreach (var r in supervised)
                body.Add(new DocumentBlock.Heading2($"{r.Row.SubjectName}（{r.Row.Total:0.00} 分，第 {r.Row.Rank} 名）",
                    string.Join("；", Findings(scheme, r, "").Select(f => f.Text)) + "。"));
        }
        body.Add(new DocumentBlock.Heading1("评估指标"));
        body.Add(new DocumentBlock.Table(["指标", "权重", "计分方法", "本次计分"],
            scheme.Rules.Select(r => (IReadOnlyList<string>)[r.Name, r.Weight.ToString("0.##", CultureInfo.InvariantCulture), MethodName(r), Counted(view, r.Key)]).ToList()));
        // The attachment by the name it downloads under (页面“评估明细（Excel）”), so the reader can find the file.
        body.Add(new DocumentBlock.Paragraph($"各项得分的计算过程和数据来源见附表（{FileName(view, "xlsx")}）。"));

        OfficialDocumentWriter.Write(new OfficialDocument
        {
            IssuingAuthority = office,
            // In the 版头 under the issuing authority, above the red line (GB/T 9704-2012 7.2.4), as the office numbered it.
            DocumentNumber = e.DocumentNumber,
            Title = $"关于{view.Area}{e.Year}年度{kind}评估结果的报告",
            MainRecipient = group,
            Body = body,
            Signature = office,
            Date = DocumentDate(e, today),
            PrintedBy = office,
            PrintedOn = today,
        }, output);
    }

    /// <summary>
    /// 成文日期: the date the office gave; else, once published, the day it was published, so a published report is dated the
    /// same at every download; a draft is dated the day it is printed.
    /// </summary>
    public static DateOnly DocumentDate(AnnualEvaluation e, DateOnly today) =>
        e.DocumentDate ?? (e.PublishedAtUtc is { } at ? DateOnly.FromDateTime(at.AddHours(8)) : today);

    public static void WriteWorkbook(EvaluationView view, Stream output)
    {
        var kind = SubjectKinds.Chinese(view.Evaluation.Kind);
        var rules = view.Scheme.Rules;
        var ranking = new Sheet("排名",
            ["名次", kind, "所在地", "总分", "等次", "拟表扬", "拟督办", .. rules.Select(r => $"{r.Name}（得分）")],
            view.Results.Select(r => (IReadOnlyList<object?>)[r.Row.Rank, r.Row.SubjectName, r.Row.Place, r.Row.Total, r.Row.Band,
                r.Row.Commended ? "是" : "", r.Row.Supervised ? "是" : "",
                .. rules.Select(rule => r.Indicators.FirstOrDefault(i => i.Key == rule.Key) is { } i && !NotApplicable(i) ? (object?)i.Points : "不适用")]));
        // A 不适用 indicator was not scored, which a 0 in the cell would say it was (and a clerk's SUM would count it).
        var detail = new Sheet("指标明细",
            [kind, "指标", "权重", "计量值", "单位", "得分", "加权得分", "计分说明", "数据来源"],
            view.Results.SelectMany(r => r.Indicators.Select(i => (IReadOnlyList<object?>)[r.Row.SubjectName, i.Name, i.Weight, i.Value, i.Unit,
                NotApplicable(i) ? null : i.Points, NotApplicable(i) ? null : i.Weighted, i.Explanation, string.Join("\n", i.Evidence)])),
            [16, 20, 8, 10, 8, 8, 10, 50, 70]);
        // The indicators by their Chinese names only: the scheme's keys (task-completion) mean nothing to the reader.
        var scheme = new Sheet("指标体系",
            ["指标", "权重", "计分方法", "0分线", "满分线", "依据"],
            rules.Select(r => (IReadOnlyList<object?>)[r.Name, r.Weight, MethodName(r), r.Floor, r.Ceiling, r.Source]),
            [26, 8, 30, 10, 10, 60]);
        Workbook.Write(output, ranking, detail, scheme);
    }

    private static bool NotApplicable(IndicatorDetail i) => !EvaluationCoverage.Counts(i);

    /// <summary>Whether an indicator counted in this evaluation: 计分, 未计分, or for some subjects only (3/14 个对象).</summary>
    private static string Counted(EvaluationView view, string key)
    {
        var counted = view.Results.Count(r => r.Indicators.Any(i => i.Key == key && EvaluationCoverage.Counts(i)));
        return counted == view.Results.Count ? "计分" : counted == 0 ? "未计分" : $"{counted}/{view.Results.Count} 个对象计分";
    }

    private static string MethodName(IndicatorRule r) => r.Method switch
    {
        ScoringMethod.Linear => $"区间线性（{r.Floor ?? 0:0.##}{r.Unit} 得 0 分，{r.Ceiling ?? 100:0.##}{r.Unit} 得满分）",
        ScoringMethod.RelativeToBest => "与最高者相比",
        ScoringMethod.Steps => "分档：" + string.Join("，", r.Steps.Select(s => Scoring.Step(r, s))),
        _ => "人工评分（须写明理由）",
    };

    private static string Date(DateTime utc) => OfficialDocument.FormatDate(DateOnly.FromDateTime(utc.AddHours(8)));
}
