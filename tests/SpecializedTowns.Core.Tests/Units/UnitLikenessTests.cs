using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Tests.Units;

/// <summary>
/// 疑似重复 (系统 → 单位), the account form's hint and the merge targets share one test of likeness: real pairs from the demo
/// register and the five policy documents, each checked both ways round.
/// </summary>
public class UnitLikenessTests
{
    private const string Yuanqu = "山西省/运城市/垣曲县";
    private const string Shuozhou = "山西省/朔州市";
    private const string Yangquan = "山西省/阳泉市";
    private const string Yongji = "山西省/运城市/永济市";
    private const string Yuncheng = "山西省/运城市";

    [Theory]
    // A short name and the full one (the documents write both).
    [InlineData("县工信局", "县工业和信息化局", Yuanqu)]
    [InlineData("县发改局", "县发展和改革局", Yuanqu)]
    [InlineData("县工科局", "县工业科技局", Yuanqu)]
    [InlineData("县文旅局", "县文化旅游局", Yuanqu)]
    [InlineData("县文旅局", "县文化和旅游局", Yuanqu)]
    [InlineData("县市场监管局", "县市场监督管理局", Yuanqu)] // 垣曲's text writes both (unitAliases)
    [InlineData("县人社局", "县人力资源和社会保障局", Yuanqu)]
    [InlineData("县住建局", "县住房和城乡建设局", Yuanqu)]
    [InlineData("县行政审批局", "县行政审批服务管理局", Yuanqu)] // 新绛 writes the one, 垣曲 the other
    [InlineData("市城管局", "市城市管理局", Shuozhou)] // 朔州's text writes both (unitAliases)
    [InlineData("市交通局", "市交通运输局", Shuozhou)] // 朔州's text writes both; 永济 writes 市交通局
    [InlineData("市发改委", "市发展改革委", Yangquan)] // 朔州 writes the one, 阳泉 the other
    [InlineData("市发展改革委", "市发展和改革委员会", Yangquan)]
    [InlineData("市发改局", "市发改委", Yongji)] // 委 renamed 局 in the 2018–19 reform: 永济 writes 市发改局
    [InlineData("县工商联", "县工商业联合会", Yuanqu)]
    [InlineData("市资规局", "市规划和自然资源局", Shuozhou)] // not beginning where the full name does
    [InlineData("县资规局", "县自然资源和规划局", Yuanqu)]
    [InlineData("县人民政府办公室", "县政府办", Yuanqu)]
    // With and without the place's name.
    [InlineData("市商务局", "运城市商务局", Yuncheng)]
    [InlineData("市税务局", "朔州税务局", Shuozhou)] // both in 朔州's text
    [InlineData("县税务局", "国家税务总局垣曲县税务局", Yuanqu)] // 新绛 writes the one, 垣曲 the other
    [InlineData("人行垣曲支行", "中国人民银行垣曲支行", Yuanqu)] // 垣曲 writes the one, 新绛 the other
    [InlineData("垣曲开发区", "垣曲经济技术开发区管委会", Yuanqu)] // both in 垣曲's text
    [InlineData("开发区管委会", "永济经济技术开发区", Yongji)]
    [InlineData("县农业农村局（运城市）", "县农业农村局", Yuanqu)]
    public void The_same_unit_written_two_ways_is_alike(string a, string b, string place)
    {
        UnitLikeness.Alike(a, b, place).ShouldBeTrue($"{a} / {b}");
        UnitLikeness.Alike(b, a, place).ShouldBeTrue($"{b} / {a}");
        UnitLikeness.Reason(a, b, place).ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    // Sharing two characters is not enough: the pairs the old test flagged in the demo register.
    [InlineData("市中小企业发展中心", "市发展改革委", Yangquan)]
    [InlineData("市商务局", "市招商中心", Yangquan)]
    [InlineData("市商务局", "市工商联", Shuozhou)]
    [InlineData("市小微企业发展服务中心", "市政府研究发展中心", Shuozhou)]
    [InlineData("县小企业发展促进中心", "县招商投资促进中心", "山西省/运城市/新绛县")]
    [InlineData("县金融服务中心", "县招商引资服务中心", Yuanqu)]
    [InlineData("县财政局", "县财政金融服务中心", Yuanqu)]
    [InlineData("市政府金融办", "市金融服务中心", Shuozhou)]
    [InlineData("县委宣传部", "县委组织部", Yuanqu)]
    [InlineData("市科技局", "市工信局", Yangquan)]
    [InlineData("县工科局", "县工信局", Yuanqu)]
    [InlineData("县科技局", "县工业和科技局", Yuanqu)]
    [InlineData("县信工局", "县工业和科技局", Yuanqu)] // 信 is not in it
    [InlineData("县和科局", "县工业和科技局", Yuanqu)] // its characters side by side in the full name: a part
    [InlineData("县蔬菜中心", "县融媒体中心", "山西省/运城市/新绛县")]
    [InlineData("人行垣曲支行", "市生态环境局垣曲分局", Yuanqu)] // the place's name makes nothing alike
    [InlineData("垣曲开发区", "人行垣曲支行", Yuanqu)]
    // A level each, and a different one: the county's bureau and the city's.
    [InlineData("县农业农村局", "市农业农村局", Yuanqu)]
    // A bureau and a branch of another level's bureau.
    [InlineData("县生态环境局", "市生态环境局垣曲分局", Yuanqu)]
    [InlineData("人行阳泉支行", "人行阳泉市中心支行", Yangquan)]
    [InlineData("平鲁区人民政府", "应县人民政府", Shuozhou)]
    [InlineData("历山镇", "长直乡", Yuanqu)]
    public void Different_units_are_not_alike(string a, string b, string place)
    {
        UnitLikeness.Alike(a, b, place).ShouldBeFalse($"{a} / {b}: {UnitLikeness.Reason(a, b, place)}");
        UnitLikeness.Alike(b, a, place).ShouldBeFalse($"{b} / {a}: {UnitLikeness.Reason(b, a, place)}");
    }

    [Fact]
    public void Among_the_units_the_documents_name_only_the_real_duplicates_are_alike()
    {
        var found = new List<string>();
        foreach (var pack in Packs.Catalog.Packs)
        {
            var place = string.Join("/", pack.Document.JurisdictionPath);
            var names = UnitNames.NamedIn(pack);
            for (var i = 0; i < names.Count; i++)
                for (var j = i + 1; j < names.Count; j++)
                    if (UnitLikeness.Alike(names[i], names[j], place)) found.Add(string.Join(" / ", new[] { names[i], names[j] }.Order(StringComparer.Ordinal)));
        }
        found.Order(StringComparer.Ordinal).ShouldBe(["垣曲开发区 / 垣曲经济技术开发区管委会", "市税务局 / 朔州税务局"]);
    }

    [Fact]
    public void The_reason_says_why_and_the_hint_lists_the_same_first()
    {
        UnitLikeness.Reason("县工信局", "县工业和信息化局").ShouldBe("“工信局”是“工业和信息化局”的简称");
        UnitLikeness.Reason("市商务局", "运城市商务局", Yuncheng).ShouldBe("去掉地名、层级等写法差异后都是“商务局”");
        UnitLikeness.Reason("市商务局", "市招商中心", Yuncheng).ShouldBeNull();

        string[] registered = ["县工科局", "县文旅局", "县农业农村局", "市农业农村局", "县人民政府办公室", "县文化和旅游局"];
        UnitLikeness.Similar("县文化旅游局", registered).ShouldBe(["县文化和旅游局", "县文旅局"]);
        UnitLikeness.Similar("县农业农村局（运城市）", registered).ShouldBe(["县农业农村局"]);
        UnitLikeness.Similar("县政府办", registered).ShouldBe(["县人民政府办公室"]);
        UnitLikeness.Similar("县财政局", registered).ShouldBeEmpty();
    }
}
