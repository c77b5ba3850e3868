using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Core.Tests.Support;

/// <summary>
/// A register's header quotes the documents that apply where the reader works (资金奖补, 展会活动, 上市后备), from the packs; another
/// area's clause is shown as another area's practice, and only when the reader's own documents say nothing.
/// </summary>
public class SupportBasisTests
{
    private const string Yuanqu = "山西省/运城市/垣曲县";
    private const string Xinjiang = "山西省/运城市/新绛县";

    [Fact]
    public void A_yuanqu_reader_gets_yuanqu_s_own_clauses_and_never_shuozhou_s()
    {
        var events = SupportBasis.For(Packs.Catalog, PackVocabulary.EventsRegister, Yuanqu);
        events.Own.ShouldHaveSingleItem().Source.ShouldBe("垣政办发〔2023〕19号 四（七）");
        events.Own[0].Text.ShouldStartWith("大力发展会展经济，组织参加各类专业博览会");
        SupportBasis.For(Packs.Catalog, PackVocabulary.ListingRegister, Yuanqu).Own.Select(q => q.Source).ShouldBe(["垣政办发〔2023〕19号 四（九）"]);
        SupportBasis.For(Packs.Catalog, PackVocabulary.FundsRegister, Yuanqu).Own.Select(q => q.Source).ShouldBe(["垣政办发〔2023〕19号 四（一）"]);
        foreach (var register in PackVocabulary.SupportRegisters.Keys)
            SupportBasis.For(Packs.Catalog, register, Yuanqu).Own.ShouldAllBe(q => q.Source.StartsWith("垣政办发"));
    }

    [Fact]
    public void Where_the_area_s_documents_are_silent_the_others_are_offered_as_elsewhere()
    {
        // 新政办发〔2023〕33号 says nothing of 上市后备 or 专项资金; it does of 会展经济 (三（四）11).
        var listing = SupportBasis.For(Packs.Catalog, PackVocabulary.ListingRegister, Xinjiang);
        listing.Own.ShouldBeEmpty();
        listing.Elsewhere.Select(q => q.Source).ShouldContain("朔政办发〔2023〕19号 四（十三）");
        listing.Elsewhere.ShouldContain(q => q.Source == "朔政办发〔2023〕19号 四（十三）" && q.Area == "朔州市");
        SupportBasis.For(Packs.Catalog, PackVocabulary.FundsRegister, Xinjiang).Own.ShouldBeEmpty();
        SupportBasis.For(Packs.Catalog, PackVocabulary.EventsRegister, Xinjiang).Own.Select(q => q.Source).ShouldBe(["新政办发〔2023〕33号 三（四）11"]);

        // A city whose own document says nothing reads its counties' documents, as theirs and not as the city's; a county
        // under 朔州 reads the city's.
        var city = SupportBasis.For(Packs.Catalog, PackVocabulary.EventsRegister, "山西省/运城市");
        city.Own.ShouldBeEmpty();
        city.Below.Select(q => q.Area).Distinct().ShouldBe(["垣曲县", "新绛县", "永济市"], ignoreOrder: true);
        city.Reference!.Value.Label.ShouldBe(PolicyBasis.BelowLabel);
        SupportBasis.For(Packs.Catalog, PackVocabulary.FundsRegister, "山西省/朔州市/怀仁市").Own.Select(q => q.Source).ShouldBe(["朔政办发〔2023〕19号 四（一）"]);
    }

    [Fact]
    public void The_validator_names_an_unknown_register_and_an_empty_quote()
    {
        var file = Path.Combine(Packs.Directory, "yuanqu-2023-19.yaml");
        var text = File.ReadAllText(file);
        const string tag = "registers: { events: ";
        text.ShouldContain(tag);
        foreach (var (changed, message) in new[]
                 {
                     (text.Replace(tag, "registers: { expos: "), "支持台账（registers）“expos”不是可用的取值"),
                     (text.Replace("registers: { listing: 完善金融服务机制，引导专业镇企业挂牌上市，拓宽融资渠道 }", "registers: { listing: '' }"), "registers.listing"),
                 })
        {
            var (pack, problem) = PolicyPackReader.Read("yuanqu-2023-19.yaml", changed);
            problem.ShouldBeNull();
            PolicyPackValidator.Validate([pack!]).ShouldContain(p => p.Message.Contains(message));
        }
    }
}
