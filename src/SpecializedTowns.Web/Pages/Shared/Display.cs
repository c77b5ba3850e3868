using System.Globalization;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>How the pages write things (UI.md): tier badges, 万元/亿元, 2024年3月5日, China Standard Time.</summary>
public static class Display
{
    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");

    public static string TierClass(Tier tier) => tier switch
    {
        Tier.Provincial => "tier-provincial",
        Tier.Municipal => "tier-municipal",
        Tier.County => "tier-county",
        Tier.Delisted => "tier-delisted",
        _ => "tier-reserve",
    };

    public static string Money(decimal? wanYuan) => wanYuan is { } v ? Quantity.Figure(v) : "—";

    public static string Count(int? value, string unit = "") => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) + unit : "—";

    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    public static string Date(string? isoDate) => DateOnly.TryParse(isoDate, CultureInfo.InvariantCulture, out var d) ? Date(d) : isoDate ?? "未注明";

    public static string DateTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, ChinaStandardTime) is var t ? $"{t.Year}年{t.Month}月{t.Day}日 {t:HH:mm}" : "";

    public static string Category(string key) => IndustryCategories.NameOf(key);
}
