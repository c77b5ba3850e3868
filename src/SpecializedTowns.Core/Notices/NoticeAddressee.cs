using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Notices;

/// <summary>
/// 主送: whom a specialized town's 督办通知书 goes to, as the town's own document names it. 阳政办发〔2023〕24号 六（五）
/// "对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办" and 朔政办发〔2023〕19号 五（五） "对评价排名靠后或建设进度较慢的专业镇
/// 所在县（市、区），发出督办通知" send it to the county government; 《永济市……行动计划》 五（四） "专业镇所在镇（街道）" and
/// 新政办发〔2023〕33号 四（五） "镇和单位" to the township, as does a pack that says nothing. The pack records it as
/// <c>addressee: county-government</c> on its supervision-notice consequence, so that a new city's text is data, not code.
/// A commendation (表扬) is addressed by the same rule, read from the pack's commendation consequence: 阳政办发〔2023〕24号 六（五）
/// "对评价排名靠前、成效突出的专业镇所在县政府予以表扬奖励", 新政办发〔2023〕33号 四（五） "对……镇和单位予以表扬奖励".
/// </summary>
public static class NoticeAddressee
{
    public const string CountyGovernment = "county-government";
    public const string SupervisionNotice = "supervision-notice";
    public const string Commendation = "commendation";

    /// <summary>
    /// The clause that sends a town's notice (or, with <paramref name="kind"/> commendation, its commendation) to its county
    /// government, or null when the town's township gets it.
    /// </summary>
    public static Consequence? CountyGovernmentRule(PolicyPack? townPack, string kind = SupervisionNotice) =>
        townPack?.Mechanisms.Evaluation.SelectMany(e => e.Consequences)
            .FirstOrDefault(c => c.Kind == kind && c.Addressee == CountyGovernment);

    /// <summary>
    /// 主送 of a document about a town: its townships' governments (荫营镇人民政府、…), or the county's where it lies in no
    /// township on record, or where <paramref name="toCountyGovernment"/> (the town's document names the county government
    /// and the document comes from above the county: <see cref="ToCountyFrom"/>).
    /// </summary>
    public static string ForTown(IEnumerable<string> townships, string county, bool toCountyGovernment)
    {
        var names = townships.Order(StringComparer.Ordinal).ToList();
        return toCountyGovernment || names.Count == 0 ? Government(county) : string.Join("、", names.Select(Government));
    }

    /// <summary>
    /// Whether a document issued at <paramref name="issuingPath"/> about a town of the county at <paramref name="countyPath"/>
    /// goes to the county government under <paramref name="rule"/>: only from above the county (a city or the province); a
    /// county's own document to its town stays with the township, whom the county supervises and praises itself.
    /// </summary>
    public static bool ToCountyFrom(string issuingPath, string countyPath, Consequence? rule) => rule is not null && issuingPath != countyPath;

    /// <summary>A place's government as a document addresses it: 荫营镇人民政府, 郊区人民政府, 城西街道办事处.</summary>
    public static string Government(string place) =>
        place.EndsWith("街道", StringComparison.Ordinal) ? place + "办事处" : place + "人民政府";

    /// <summary>
    /// The notice is addressed to the government of the county (its <paramref name="county"/>) rather than a township: the
    /// county's leading-group office then answers for it. Read from the addressee as issued, so that what the notice says and
    /// who answers cannot drift apart.
    /// </summary>
    public static bool ToCountyGovernment(RecipientKind kind, string addressee, string county) =>
        kind == RecipientKind.Town && addressee == Government(county);
}
