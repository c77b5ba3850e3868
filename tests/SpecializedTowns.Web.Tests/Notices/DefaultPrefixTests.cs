using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// The 文号 prefixes the platform proposes when nothing is configured, over Shanxi's real list of cities and counties and the
/// real policy packs: 平定县 and 平鲁区 used both to get 平专办督, so a province or city office saw two places' notices
/// numbered alike. No two places may share a default; a place's own document keeps its 代字 (垣政办发 → 垣).
/// </summary>
public class DefaultPrefixTests
{
    [Fact]
    public void No_two_places_get_the_same_default_prefix()
    {
        var catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        var none = NoticeSettings.From(null, null);
        var places = JurisdictionTree.ReferenceOffices;
        places.Count.ShouldBeGreaterThan(100, "the reference tree's province, cities and counties");

        var prefixes = places.Select(p => (Path: p, Prefix: none.PrefixFor(p[(p.LastIndexOf('/') + 1)..], p, catalog.Packs))).ToList();
        prefixes.GroupBy(p => p.Prefix).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join("、", g.Select(p => p.Path))}").ShouldBeEmpty();
        string Of(string path) => prefixes.Single(p => p.Path == path).Prefix;

        Of("山西省/阳泉市/平定县").ShouldBe("平定专办督");
        Of("山西省/朔州市/平鲁区").ShouldBe("平鲁专办督");
        // Their own documents' 代字: 垣政办发, 新政办发, 运政办发, 阳政办发, 晋政办发.
        Of("山西省/运城市/垣曲县").ShouldBe("垣专办督");
        Of("山西省/运城市/新绛县").ShouldBe("新专办督");
        Of("山西省/运城市").ShouldBe("运专办督");
        Of("山西省/阳泉市").ShouldBe("阳专办督");
        Of("山西省").ShouldBe("晋专办督");
        // 新荣区 would be 新, as 新绛 is; 晋中 and 晋城 would be the province's 晋; 城区 is a district of 阳泉 and of 晋城.
        Of("山西省/大同市/新荣区").ShouldBe("新荣专办督");
        Of("山西省/晋中市").ShouldBe("晋中专办督");
        Of("山西省/晋城市").ShouldBe("晋城专办督");
        Of("山西省/阳泉市/城区").ShouldBe("阳泉城区专办督");
        Of("山西省/晋城市/城区").ShouldBe("晋城城区专办督");
        // A place alone with its first character keeps it.
        Of("山西省/忻州市/岢岚县").ShouldBe("岢专办督");

        // The 月报通报's short name is the same one.
        ReportSummary.AgencyShortName(catalog, none, "山西省/阳泉市/平定县").ShouldBe("平定");
        ReportSummary.AgencyShortName(catalog, none, "山西省/朔州市/平鲁区").ShouldBe("平鲁");
    }
}
