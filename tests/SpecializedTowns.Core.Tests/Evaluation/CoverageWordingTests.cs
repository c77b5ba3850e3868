using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Tests.Evaluation;

/// <summary>
/// What the coverage line and its warning say (QA 12-07 on the province's 2024 ranking): the reason an indicator dropped for all when
/// only some subjects' documents lack it, and the clause on using the results quoted from the evaluation area's own documents only.
/// </summary>
public class CoverageWordingTests
{
    private static readonly IndicatorRule Growth = new() { Key = "growth", Name = "产值增速", Weight = 10, Method = ScoringMethod.Linear, Floor = 0, Ceiling = 20, Unit = "%" };
    private static readonly IndicatorRule Tier = new() { Key = "tier", Name = "营收规模层级", Weight = 90, Method = ScoringMethod.Linear, Floor = 0, Ceiling = 100, Unit = "亿级" };

    private static IReadOnlyList<IndicatorDetail> Details(SubjectScore s) =>
        s.Indicators.Select(i => new IndicatorDetail(i.Rule.Key, i.Rule.Name, i.Rule.Weight, "linear", i.Value, i.Rule.Unit, i.Points, i.Weighted, i.Explanation, i.Evidence)).ToList();

    private static EvaluationCoverage Coverage(params (string Name, bool HasTiers)[] towns)
    {
        var measurements = towns.ToDictionary(t => t.Name, t => (IReadOnlyDictionary<string, Measurement>)new Dictionary<string, Measurement>
        {
            ["growth"] = new(10, ["产值增速 10%"]),
            ["tier"] = t.HasTiers ? new(50, ["按朔政办发〔2023〕19号的层级为50亿级"]) : Measurement.NotSetFor("所属文件未设营收规模层级"),
        });
        var scores = Scoring.Evaluate([Growth, Tier], measurements, []);
        return EvaluationCoverage.Of(scores.Select(Details), scores.Select(s => s.Subject).ToList());
    }

    [Fact]
    public void An_indicator_dropped_because_some_documents_lack_it_says_partly_and_names_them_folded_when_long()
    {
        // 朔州's and 阳泉's towns have tiers; four of 新绛's do not: dropped for all nine, and the line says why that is.
        var coverage = Coverage(("怀仁陶瓷", true), ("郊区耐火", true), ("平定砂器", true), ("万安钻石", false), ("绛州非遗文创", false),
            ("绛州绿", false), ("新绛中药材", false), ("应县陶瓷", true), ("山阴乳业", true));
        var tier = coverage.Uncounted.Single(u => u.Name == "营收规模层级");
        tier.ForAll.ShouldBeTrue();
        // The subjects come in rank order and all total alike here, so by name (Scoring lists ties by name, ordinal).
        var named = new[] { "万安钻石", "绛州非遗文创", "绛州绿", "新绛中药材" }.Order(StringComparer.Ordinal).ToList();
        tier.Why.ShouldBe($"部分对象（{string.Join("、", named.Take(3))}等 4 个）所属文件未设营收规模层级，为同一口径均不计分");
        coverage.UncountedSummary.ShouldBe($"未计分：营收规模层级（权重 90，{tier.Why}）");
        coverage.UncountedSummary!.ShouldNotContain("全部对象不计分");

        var few = Coverage(("怀仁陶瓷", true), ("万安钻石", false)).Uncounted.Single();
        few.Why.ShouldBe("部分对象（万安钻石）所属文件未设营收规模层级，为同一口径均不计分");
    }

    [Fact]
    public void When_no_subject_s_document_sets_the_indicator_the_line_says_so_for_all()
    {
        var coverage = Coverage(("万安钻石", false), ("绛州绿", false));
        coverage.UncountedSummary.ShouldBe("未计分：营收规模层级（权重 90，全部对象不计分：所属文件未设营收规模层级）");
    }

    [Fact]
    public void The_clause_on_using_the_results_is_the_area_s_own_or_none()
    {
        // 新政办发〔2023〕33号 四（五）“根据省市开展的专业镇年度评估结果，结合各单位工作职责……”: 新绛's own words.
        var county = PolicyBasis.For(Packs.Catalog, "山西省/运城市/新绛县", Clauses.ResultsUse).Own.ShouldHaveSingleItem();
        county.Text.ShouldBe("结合各单位工作职责");
        county.Source.ShouldBe("新政办发〔2023〕33号 四（五）");
        // The province, 运城, 朔州 and 永济 say nothing of it: never 新绛's clause as theirs.
        foreach (var area in new[] { "山西省", "山西省/运城市", "山西省/朔州市", "山西省/运城市/永济市", "山西省/阳泉市" })
            PolicyBasis.For(Packs.Catalog, area, Clauses.ResultsUse).Own.ShouldBeEmpty(area);

        var low = Coverage(("万安钻石", false), ("绛州绿", false));
        low.IsLow.ShouldBeTrue();
        low.Warning!.ShouldNotContain("新政办发");
        low.Warning!.ShouldNotContain("结合各单位工作职责");
        (low with { ResultsUse = county }).Warning!.ShouldContain("使用评估结果时请“结合各单位工作职责”（新政办发〔2023〕33号 四（五））；");
    }
}
