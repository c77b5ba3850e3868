using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Tests.Notices;

/// <summary>Whom a town's 督办通知书 goes to is read from the town's own pack, and a pack naming anything else is told so.</summary>
public class NoticeAddresseeTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(Path.Combine(AppContext.BaseDirectory, "policies"));

    [Theory]
    [InlineData("yangquan-2023-24", "阳政办发〔2023〕24号 六（五）")]
    [InlineData("shuozhou-2023-19", "朔政办发〔2023〕19号 五（五）")]
    [InlineData("yongji-2024-2025", null)]
    [InlineData("xinjiang-2023-33", null)]
    [InlineData("yuanqu-2023-19", null)]
    public void Yangquan_and_shuozhou_send_it_to_the_county_government_the_others_to_the_township(string pack, string? source)
    {
        var rule = NoticeAddressee.CountyGovernmentRule(Catalog.FindPack(pack));
        rule?.Source.ShouldBe(source);
        (rule is null).ShouldBe(source is null);
        NoticeAddressee.Government("郊区").ShouldBe("郊区人民政府");
        NoticeAddressee.Government("城西街道").ShouldBe("城西街道办事处");
    }

    [Fact]
    public void A_pack_naming_an_unknown_addressee_is_refused_on_its_line()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "yangquan-2023-24.yaml");
        var changed = File.ReadAllText(path).Replace("addressee: county-government", "addressee: 县政府");
        var (pack, problem) = PolicyPackReader.Read("yangquan-2023-24.yaml", changed);
        problem.ShouldBeNull();
        PolicyPackValidator.Validate([pack!]).ShouldContain(p => p.Message.Contains("consequences.addressee") && p.Message.Contains("county-government"));
    }
}
