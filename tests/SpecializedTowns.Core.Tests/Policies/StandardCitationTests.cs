namespace SpecializedTowns.Core.Tests.Policies;

/// <summary>A standard's clauses are cited under the document that sets it, whatever document the words were found in.</summary>
public class StandardCitationTests
{
    [Fact]
    public void Yunchengs_standard_is_cited_as_its_own_document_quoted_by_yuanqus()
    {
        var standard = Packs.Catalog.FindStandard("yuncheng-municipal")!;
        // Its words are known only from 垣政办发〔2023〕19号 三; bare, that read as 垣曲's document to a 新绛 or 永济 town.
        standard.Source.ShouldBe("垣政办发〔2023〕19号 三");
        standard.Citation.ShouldBe("运政办发〔2023〕8号（据垣政办发〔2023〕19号 三）");
        standard.Cite("垣政办发〔2023〕19号 三、一是").ShouldBe("运政办发〔2023〕8号（据垣政办发〔2023〕19号 三、一是）");
        standard.Cite(null).ShouldBeNull();

        // A standard cited in its own document stays as written.
        var yangquan = Packs.Catalog.Standards.First(s => s.PackId == "yangquan-2023-24");
        yangquan.Citation.ShouldBe(yangquan.Source);
    }
}
