using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Core.Tests.Policies;

/// <summary>
/// 问题台账, 三个一批, 专班, 月报 and the 上市后备 stages cite the documents of the reader's own area by the rule the support
/// registers follow: the area's own document, then the one above it; another area's clause only labelled as such. The quoted
/// words are the documents' own (checked against the source texts), under the section they stand in.
/// </summary>
public class PolicyBasisTests
{
    private const string Yuanqu = "山西省/运城市/垣曲县";
    private const string Shuozhou = "山西省/朔州市";
    private const string Yangquan = "山西省/阳泉市";

    private static PolicyBasis Basis(string path, Func<PolicyPack, IEnumerable<Clause>> clauses) => PolicyBasis.For(Packs.Catalog, path, clauses);
    private static PolicyBasis Register(string path, string register) => SupportBasis.For(Packs.Catalog, register, path);

    [Fact]
    public void A_yuanqu_reader_gets_yuanqu_s_clauses_and_is_told_where_yuanqu_s_document_is_silent()
    {
        Basis(Yuanqu, Clauses.ProblemLedger).Own.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            q => q.Source.ShouldBe("垣政办发〔2023〕19号 五（二）"),
            q => q.Text.ShouldStartWith("县领导小组成员单位要深入各乡（镇）、企业开展调研"),
            q => q.Text.ShouldContain("建立问题台账，“把脉问诊”、协调配合、跟进帮扶"));
        Register(Yuanqu, PackVocabulary.BatchesRegister).Text().ShouldBe("政策依据：垣政办发〔2023〕19号 四（四）“持续推动项目签约、开工、投产“三个一批”活动”");

        // 垣政办发〔2023〕19号 sets up no task forces and no monthly reports; 新绛's and 永济's are shown as theirs.
        Basis(Yuanqu, Clauses.MonthlyReporting).Text().ShouldBe(
            "政策依据：本地文件未作规定。其他地区做法（仅供参考）：新政办发〔2023〕33号 四（二）“各专班要高度重视，专人负责，每月向专业镇领导小组办公室汇报进展情况，领导小组及时协调解决专业镇培育发展中存在的困难问题”");
        var forces = Basis(Yuanqu, Clauses.TaskForces);
        forces.Own.ShouldBeEmpty();
        forces.Elsewhere.Select(q => q.Source).ShouldBe(["新政办发〔2023〕33号 四（二）、附件1", "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 五（一）"]);
        forces.Elsewhere[1].Text.ShouldBe("特成立运城市、县级专业镇培育专班，由市工科局、市农业农村局、市文旅局和各镇（街道）组成");
        forces.Text().ShouldStartWith("政策依据：本地文件未作规定。其他地区做法（仅供参考）：新政办发〔2023〕33号 四（二）、附件1“全县成立4个专业镇高质量发展推进专班");

        Register(Yuanqu, PackVocabulary.ListingStagesRegister).Text("入库阶段的依据").ShouldBe(
            "入库阶段的依据：本地文件未作规定。其他地区做法（仅供参考）：阳政办发〔2023〕24号 五（二）“积极推动“个转企、小升规、规改股、股上市””");

        // A township is under its county's document.
        Basis(Yuanqu + "/历山镇", Clauses.ProblemLedger).Text().ShouldBe(Basis(Yuanqu, Clauses.ProblemLedger).Text());
    }

    [Fact]
    public void Shuozhou_and_yangquan_readers_get_their_city_s_clauses()
    {
        var problems = Basis(Shuozhou, Clauses.ProblemLedger);
        problems.Own.ShouldHaveSingleItem().Source.ShouldBe("朔政办发〔2023〕19号 五（三）");
        problems.Text().ShouldStartWith("政策依据：朔政办发〔2023〕19号 五（三）“找准产业发展的“共性问题”和企业发展的“个性问题”，建立问题台账");
        Register(Shuozhou, PackVocabulary.BatchesRegister).Text().ShouldBe("政策依据：朔政办发〔2023〕19号 三（五）“持续推动项目开工、签约、投产“三个一批”活动”");
        Basis(Shuozhou, Clauses.MonthlyReporting).Own.ShouldBeEmpty();
        Register(Shuozhou, PackVocabulary.ListingStagesRegister).Elsewhere.Select(q => q.Source).ShouldBe(["阳政办发〔2023〕24号 五（二）"]);
        // A county under 朔州 reads the city's.
        Basis("山西省/朔州市/怀仁市", Clauses.ProblemLedger).Own.Select(q => q.Source).ShouldBe(["朔政办发〔2023〕19号 五（三）"]);

        Basis(Yangquan, Clauses.ProblemLedger).Text().ShouldBe(
            "政策依据：阳政办发〔2023〕24号 六（三）“领导小组成员单位要深入各县（区）开展调研，摸清专业镇产业基本情况与企业发展现状，找到产业发展的短板与不足，摸清企业发展的难点痛点堵点，建立问题台账”");
        Register(Yangquan, PackVocabulary.BatchesRegister).Text().ShouldBe("政策依据：阳政办发〔2023〕24号 五（四）“持续推动项目开工、签约、投产“三个一批”活动”");
        Register(Yangquan, PackVocabulary.ListingStagesRegister).Text().ShouldBe("政策依据：阳政办发〔2023〕24号 五（二）“积极推动“个转企、小升规、规改股、股上市””");
        Basis(Yangquan, Clauses.TaskForces).Own.ShouldBeEmpty();
    }

    [Fact]
    public void A_city_known_only_by_quotation_says_so_and_reads_its_counties_documents_as_theirs()
    {
        var city = Basis("山西省/运城市", Clauses.ProblemLedger);
        city.Own.ShouldBeEmpty();
        city.Below.Select(q => q.Source).ShouldBe(["垣政办发〔2023〕19号 五（二）", "新政办发〔2023〕33号 四（三）", "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 五（二）"], ignoreOrder: true);
        city.Elsewhere.ShouldNotBeEmpty();
        city.Text().ShouldStartWith("政策依据：本地文件 运政办发〔2023〕8号 平台仅收录其被其他文件引用的内容，未见相关规定。下辖地区文件：");
        city.Text().ShouldNotContain("朔政办发");
    }

    [Fact]
    public void The_clause_a_page_quotes_is_the_text_s_own_words_not_the_pack_s_summary()
    {
        // The key tasks' summaries paraphrase (垣曲 四（四）'s reads “持续推动签约、开工、投产”); the page quotes the text.
        foreach (var pack in Packs.Catalog.Packs)
            foreach (var clause in Clauses.ThreeBatches(pack))
                clause.Text.ShouldBe("持续推动项目" + (pack.Id.StartsWith("yuanqu") ? "签约、开工" : "开工、签约") + "、投产“三个一批”活动", pack.Id);
        Packs.Catalog.Packs.Count(p => Clauses.ThreeBatches(p).Any()).ShouldBe(5);
    }

    [Fact]
    public void Supervision_is_cited_from_the_reader_s_own_document_and_a_city_s_counties_are_named_in_one_short_line()
    {
        // 垣曲's document sends no notices; its own consequence for those who fall behind is 通报批评和约谈 (五（四）).
        Basis(Yuanqu, Clauses.Supervision).Text().ShouldBe("政策依据：垣政办发〔2023〕19号 五（四）“对在工作中推诿扯皮、推进不到位、落实不主动不积极的进行通报批评和约谈”");
        Basis("山西省/运城市/新绛县", Clauses.Supervision).Own.Select(q => q.Source).ShouldBe(["新政办发〔2023〕33号 四（五）"]);
        Basis(Yangquan, Clauses.Supervision).Own.ShouldHaveSingleItem().Text.ShouldBe("对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办，限期整改到位；未按时完成整改任务的，给予通报批评");

        var city = Basis("山西省/运城市", Clauses.Supervision);
        city.Own.ShouldBeEmpty();
        city.BelowAreas.ShouldBe(["垣曲县", "新绛县", "永济市"], ignoreOrder: true);
        city.BelowSummary.ShouldStartWith("下辖 3 个县（市、区）的文件有相关规定：");
        Basis("山西省", Clauses.Supervision).BelowSummary.ShouldStartWith("下辖 5 个市、县（市、区）的文件有相关规定：");
    }
}
