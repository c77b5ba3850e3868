namespace SpecializedTowns.Core.Units;

/// <summary>
/// How a unit is named in the matters of one county: by its bare name when it is that county's own, and with its place
/// (县农业农村局（垣曲县）, 市工信局（运城市）) when it is not. Every county has a 县农业农村局; a problem that moved with its
/// town to 新绛县 but is still led by 垣曲县's bureau read as 新绛's own bureau being overdue (qa120 1).
/// </summary>
public static class UnitLabel
{
    /// <param name="unit">The unit's name.</param>
    /// <param name="otherPlace">The name of the unit's jurisdiction when it is not the county the matter belongs to; null when it is.</param>
    public static string Of(string unit, string? otherPlace) => otherPlace is null ? unit : $"{unit}（{otherPlace}）";

    public static string Of(string unit, int unitPlaceId, string unitPlace, int countyId) => Of(unit, unitPlaceId == countyId ? null : unitPlace);
}
