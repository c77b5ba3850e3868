using Shouldly;
using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Tests.Jurisdictions;

public class PlaceNamesTests
{
    private static readonly (string Path, JurisdictionLevel Level)[] Places =
    [
        ("山西省/阳泉市/城区", JurisdictionLevel.County),
        ("山西省/晋城市/城区", JurisdictionLevel.County),
        ("山西省/运城市/垣曲县", JurisdictionLevel.County),
        ("山西省/运城市/垣曲县/历山镇", JurisdictionLevel.Township),
        ("山西省/晋城市/阳城县/城区", JurisdictionLevel.Township), // a township bearing a county's name (made up)
    ];

    private static IReadOnlyList<string> Meant(string written) =>
        PlaceNames.Meant(Places.Where(p => p.Path.EndsWith("/" + PlaceNames.NameOf(written))), p => p.Path, p => p.Level, written)
            .Select(p => p.Path).ToList();

    [Theory]
    [InlineData("垣曲县", "山西省/运城市/垣曲县")]
    [InlineData(" 运城市/垣曲县 ", "山西省/运城市/垣曲县")]
    [InlineData("山西省/运城市/垣曲县", "山西省/运城市/垣曲县")]
    [InlineData("运城市 / 垣曲县/", "山西省/运城市/垣曲县")]
    [InlineData("晋城市/城区", "山西省/晋城市/城区")]
    [InlineData("阳泉市/城区", "山西省/阳泉市/城区")]
    [InlineData("阳城县/城区", "山西省/晋城市/阳城县/城区")]
    [InlineData("历山镇", "山西省/运城市/垣曲县/历山镇")]
    public void A_name_or_any_tail_of_the_path_finds_the_one_place(string written, string path) =>
        Meant(written).ShouldBe([path]);

    [Fact]
    public void A_name_two_places_share_at_the_same_level_is_not_guessed()
    {
        // The township 城区 is below both counties: the name means a county, of which there are two.
        Meant("城区").ShouldBe(["山西省/晋城市/城区", "山西省/阳泉市/城区"]);
        PlaceNames.Ambiguity("城区", Meant("城区")).ShouldBe("“城区”有 2 处：晋城市/城区、阳泉市/城区，请写明上级，如“阳泉市/城区”。");
    }

    [Theory]
    [InlineData("曲县")]       // part of a name is not the name
    [InlineData("运城市/城区")] // 城区 is not in 运城市
    [InlineData("西省/运城市/垣曲县")]
    [InlineData("/")]
    public void Anything_else_finds_nothing(string written) => Meant(written).ShouldBeEmpty();

    [Fact]
    public void Own_jurisdiction_fits_by_its_name_or_path()
    {
        PlaceNames.Fits("山西省", "山西省").ShouldBeTrue();
        PlaceNames.Fits("山西省/运城市", "运城市").ShouldBeTrue();
        PlaceNames.Fits("山西省/运城市", "城市").ShouldBeFalse();
        PlaceNames.Fits("山西省/运城市", "").ShouldBeFalse();
        PlaceNames.NameOf("山西省/晋城市/城区").ShouldBe("城区");
        PlaceNames.Distinct("山西省/晋城市/城区").ShouldBe("晋城市/城区");
    }
}
