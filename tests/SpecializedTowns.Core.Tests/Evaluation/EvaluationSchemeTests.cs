using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Tests.Evaluation;

public class EvaluationSchemeTests
{
    [Fact]
    public void The_shipped_default_scheme_is_valid_marked_as_the_platforms_and_used_where_a_pack_names_none()
    {
        Packs.Catalog.Problems.ShouldBeEmpty();
        var scheme = Packs.Catalog.Schemes.Single(s => s.Id == PolicyCatalog.DefaultScheme);
        scheme.IsPlatformDefault.ShouldBeTrue();
        scheme.Kinds.ShouldBe([SubjectKind.Town, SubjectKind.Township, SubjectKind.Unit]);
        // Every measure named is one the platform computes, for the kind it is used for.
        foreach (var kind in scheme.Kinds)
            scheme.IndicatorsFor(kind).ShouldAllBe(i => EvaluationVocabulary.Measures[i.Measure].Subjects.Contains(kind));

        var yuanqu = Packs.Catalog.FindPack("yuanqu-2023-19");
        Packs.Catalog.PackGoverning("山西省/运城市/垣曲县")!.Id.ShouldBe("yuanqu-2023-19");
        Packs.Catalog.PackGoverning("山西省/运城市/盐湖区")!.Id.ShouldBe("yuncheng-2023-8");
        Packs.Catalog.SchemeFor(yuanqu)!.Id.ShouldBe("platform-default");
        PolicyCatalog.AnnualEvaluation(yuanqu)!.Consequences.Select(c => c.Kind).ShouldContain("interview");
    }

    [Fact]
    public void A_draft_is_quoted_by_its_full_title_in_the_clauses_a_report_rests_on_as_in_its_opening()
    {
        // 永济's sources name the draft by its short title; the report's opening names it in full, so its 表扬/督办 bases must too.
        var yongji = Packs.Catalog.FindPack("yongji-2024-2025")!;
        var snapshot = SchemeSnapshot.Of(Packs.Catalog.SchemeFor(yongji)!, SubjectKind.Town, yongji);
        const string Title = "《永济市促进专业镇高质量发展行动计划（2024-2025年）（征求意见稿）》";
        snapshot.PackDocument.ShouldBe(Title);
        snapshot.ConsequencesOf("commendation").First().Source.ShouldBe(Title + " 五（四）");
        snapshot.ConsequencesOf("supervision-notice").First().Source.ShouldBe(Title + " 五（四）");
        // A document with a number, and another document's title, are quoted as written.
        var yuanqu = Packs.Catalog.FindPack("yuanqu-2023-19")!;
        SchemeSnapshot.Of(Packs.Catalog.SchemeFor(yuanqu)!, SubjectKind.Town, yuanqu).Consequences.ShouldAllBe(c => c.Source!.StartsWith("垣政办发〔2023〕19号"));
        yongji.Document.Quote("《山西省促进专业镇高质量发展实施方案》 三").ShouldBe("《山西省促进专业镇高质量发展实施方案》 三");
    }

    private static IReadOnlyList<PackProblem> Validate(string yaml)
    {
        var (scheme, problem) = PolicyPackReader.ReadScheme("schemes/test.yaml", yaml);
        if (problem is not null) return [problem];
        return EvaluationSchemeValidator.Validate([scheme!], []);
    }

    [Fact]
    public void A_bad_scheme_is_named_line_by_line_in_Chinese()
    {
        var problems = Validate("""
            id: county-own
            name: 某县评估指标
            basis: made-up
            subjects:
              town:
                - key: growth
                  name: 产值增速
                  measure: output-growth
                  weight: 30
                  method: linear
                  floor: 10
                  ceiling: 10
                - key: fun
                  name: 幸福指数
                  measure: happiness
                  weight: 0
                  method: guess
                - key: brand
                  name: 品牌
                  measure: brands-gained
                  weight: 10
                  method: steps
              unit:
                - key: tier
                  name: 层级
                  measure: tier-level
                  weight: 10
                  method: manual
            rectificationDays: 0
            """);
        var text = string.Join("\n", problems.Select(p => p.ToString()));
        text.ShouldContain("依据（basis）应为 document、platform-default 之一");
        text.ShouldContain("第6行：指标“产值增速”的 0 分线（floor）与满分线（ceiling）不能相同");
        text.ShouldContain("第13行：指标“幸福指数”的计量（measure）“happiness”不在平台能计算的范围内");
        text.ShouldContain("指标“幸福指数”的权重（weight）应大于 0");
        text.ShouldContain("指标“幸福指数”的计分方法（method）应为 linear、relative-to-best、steps、manual 之一");
        text.ShouldContain("指标“品牌”按分档计分，但没有写分档（steps）");
        text.ShouldContain("指标“层级”的计量“tier-level”（认定层级（储备0 县级1 市级2 省级3））不适用于成员单位");
        text.ShouldContain("人工评分（measure: manual）与计分方法 manual 须同时使用");
        text.ShouldContain("整改期限（rectificationDays）应在 1 到 365 天之间");

        Validate("id: x\nname: y\nbasis: document\nsubjects:\n  town:\n    - key: a\n      nmae: 错字\n").Single().Message.ShouldContain("未知字段“nmae”");
    }

    [Fact]
    public void A_pack_naming_a_scheme_that_does_not_exist_is_refused()
    {
        var pack = Packs.Catalog.FindPack("yangquan-2023-24")!;
        var rule = pack.Mechanisms.Evaluation.First(r => r.Cycle == "annual");
        var original = rule.Scheme;
        try
        {
            rule.Scheme = "yangquan-own";
            EvaluationSchemeValidator.Validate(Packs.Catalog.Schemes, Packs.Catalog.Packs)
                .ShouldContain(p => p.File == pack.FileName && p.Message.Contains("“yangquan-own”不存在"));
        }
        finally { rule.Scheme = original; }
    }

    [Fact]
    public void Consequence_lines_commend_the_top_and_supervise_the_bottom()
    {
        var snapshot = SchemeSnapshot.Of(Packs.Catalog.Schemes.Single(s => s.IsPlatformDefault), SubjectKind.Town, Packs.Catalog.FindPack("yangquan-2023-24"));
        // Of ten, the top two with at least 70 are commended; the last one, or any below 60, are supervised.
        snapshot.Commends(rank: 2, count: 10, total: 75).ShouldBeTrue();
        snapshot.Commends(rank: 2, count: 10, total: 65).ShouldBeFalse();
        snapshot.Commends(rank: 3, count: 10, total: 90).ShouldBeFalse();
        // 前 20% of six is the first alone; two sharing 2nd of ten are both within the two places by their rank (three for two
        // places: the page says so, and the office decides).
        snapshot.Commends(rank: 1, count: 6, total: 90).ShouldBeTrue();
        snapshot.Commends(rank: 2, count: 6, total: 90).ShouldBeFalse();
        snapshot.Commends(rank: 2, count: 10, total: 90).ShouldBeTrue();
        // Supervision by 朔州's words, which join rank and score with 或 (阳泉's 、 is AreaOwnSchemeTests').
        var either = SchemeSnapshot.Of(Packs.Catalog.Schemes.Single(s => s.IsPlatformDefault), SubjectKind.Town, Packs.Catalog.FindPack("shuozhou-2023-19"));
        either.Supervises(rank: 10, count: 10, total: 80).ShouldBeTrue();
        either.Supervises(rank: 9, count: 10, total: 80).ShouldBeFalse();
        either.Supervises(rank: 5, count: 10, total: 59.99m).ShouldBeTrue();
        // A single subject is not "排名靠后" of anyone.
        either.Supervises(rank: 1, count: 1, total: 80).ShouldBeFalse();
        // 后 10% of six is nobody, as 前 20% of four is: the last of six (绛州绿, 合格 at 61.97, 运城市 2024) is not supervised
        // for its rank; below 60 it is, whatever its rank; and in a ranking of twenty a 合格 town among the last two is, for its rank (或).
        either.Supervises(rank: 6, count: 6, total: 61.97m).ShouldBeFalse();
        either.Supervises(rank: 3, count: 6, total: 59m).ShouldBeTrue();
        either.Supervises(rank: 19, count: 20, total: 65m).ShouldBeTrue();
        either.Supervises(rank: 18, count: 20, total: 65m).ShouldBeFalse();
        LineRule.ShareCount(snapshot.Supervision, top: false, 6).ShouldBe("参评 6 个，排名后 10% 为 0 个，不足 1 个的部分不计");
        LineRule.ShareCount(snapshot.Commendation, top: true, 6).ShouldBe("参评 6 个，排名前 20% 为 1 个，不足 1 个的部分不计");
        snapshot.ConsequencesOf("public-criticism").Single().Trigger.ShouldBe("未按时完成整改任务");
    }
}
