using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpecializedTowns.Core.Imports;

/// <summary>
/// How a cell typed by a county clerk becomes a value: numbers with thousands separators or a unit written after them,
/// percentages with or without "%", dates in the ways people write them in China, full-width digits and letters.
/// Each parser returns the value or a Chinese reason, never throws.
/// </summary>
public static partial class CellValues
{
    /// <summary>A header as written (“年产值（万元）*”, “ 企业 名称 ”) reduced to what identifies the column.</summary>
    public static string NormalizeHeader(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = text.Normalize(NormalizationForm.FormKC);
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
            if (!char.IsWhiteSpace(c) && c != '*') b.Append(c);
        return b.ToString();
    }

    /// <summary>Trims and turns full-width digits, letters and punctuation into their ASCII forms (for codes and numbers).</summary>
    public static string Narrow(string text) => (KeepsForm(text) ? text : text.Normalize(NormalizationForm.FormKC)).Trim();

    /// <summary>
    /// Whether NFKC leaves the text as it is because it is only ASCII and CJK unified ideographs (U+4E00–U+9FFF), as most
    /// cells are: the runtime's own check covers ASCII alone, and an import of 100,000 rows otherwise asked ICU about
    /// every Chinese option and cell (close to a million calls).
    /// </summary>
    private static bool KeepsForm(string text)
    {
        foreach (var c in text)
            if (c > '\u007F' && c is < '\u4E00' or > '\u9FFF') return false;
        return true;
    }

    public static bool IsBlank(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    /// <summary>The text of a cell: numbers as Excel shows them without a format (no exponent for whole numbers).</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    /// <summary>
    /// An amount in <paramref name="unit"/> (万元, 人, 项 …). For 万元, “1.2亿”/“1.2亿元” is converted and an amount in 元 is refused,
    /// because a figure a thousand times too large is the commonest slip in these reports.
    /// </summary>
    public static (decimal? Value, string? Problem) Decimal(object? value, string? unit)
    {
        if (value is double d) return FromDouble(d);
        if (value is decimal m) return (m, null);
        var s = Narrow(Text(value)).Replace(",", "").Replace(" ", "");
        if (s.Length == 0) return (null, null);
        var factor = 1m;
        if (unit == "万元")
        {
            if (s.EndsWith("亿元")) { s = s[..^2]; factor = 10000m; }
            else if (s.EndsWith('亿')) { s = s[..^1]; factor = 10000m; }
            else if (s.EndsWith("万元")) s = s[..^2];
            else if (s.EndsWith('万')) s = s[..^1];
            else if (s.EndsWith('元')) return (null, "单位应为万元：请把以元计的金额除以 10000 后填写");
        }
        else if (unit is { Length: > 0 } && s.EndsWith(unit)) s = s[..^unit.Length];
        if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return (null, $"“{Text(value)}”不是数字{(unit is null ? "" : $"（单位：{unit}）")}");
        if (Math.Abs(parsed) > decimal.MaxValue / factor) return (null, TooLarge(value));
        return (parsed * factor, null);
    }

    /// <summary>A number cell: Excel holds doubles up to 1e308, a decimal only to 7.9e28.</summary>
    private static (decimal? Value, string? Problem) FromDouble(double d) =>
        double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? ((decimal)d, null) : (null, TooLarge(d));

    private static string TooLarge(object? value) => $"“{Text(value)}”超出了可填写的数值范围，请核对";

    public static (int? Value, string? Problem) Integer(object? value, string? unit)
    {
        var (d, problem) = Decimal(value, unit);
        if (problem is not null || d is null) return (null, problem);
        if (d != Math.Floor(d.Value) || d is > int.MaxValue or < int.MinValue) return (null, $"“{Text(value)}”应为整数");
        return ((int)d.Value, null);
    }

    /// <summary>A percentage 0–100: “12.5”, “12.5%”, or a cell formatted as percent (0.125 shown as 12.5%).</summary>
    public static (decimal? Value, string? Problem) Percent(object? value, string? numberFormat)
    {
        if (value is double d)
        {
            var percent = numberFormat?.Contains('%') == true;
            var (v, problem) = FromDouble(percent ? d * 100 : d);
            return (percent && v is { } x ? Math.Round(x, 6) : v, problem);
        }
        var s = Narrow(Text(value)).Replace(" ", "");
        if (s.Length == 0) return (null, null);
        if (s.EndsWith('%')) s = s[..^1];
        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            ? (p, null)
            : (null, $"“{Text(value)}”不是百分数，请填写如 12.5 或 12.5%");
    }

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})$")]
    private static partial Regex CompactDatePattern();

    /// <summary>2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, a date cell, or an Excel serial number in a number cell.</summary>
    public static (DateOnly? Value, string? Problem) Date(object? value)
    {
        switch (value)
        {
            case null: return (null, null);
            case DateTime t: return (DateOnly.FromDateTime(t), null);
            case double serial when serial is >= 1 and < 100000:
                return (DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial))), null);
            case double other: return (null, $"“{Text(other)}”不是有效日期");
        }
        var s = Narrow(Text(value));
        if (s.Length == 0) return (null, null);
        var m = DatePattern().Match(s);
        if (!m.Success) m = CompactDatePattern().Match(s);
        if (m.Success && int.TryParse(m.Groups[1].Value, out var y) && y >= 1 && int.TryParse(m.Groups[2].Value, out var mo) && int.TryParse(m.Groups[3].Value, out var day)
            && mo is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), mo))
            return (new DateOnly(y, mo, day), null);
        // Digits typed as text are not a date cell: "45000" read as Excel's day number became 2023-03-15 without a word (qa110 8).
        // A real date cell (or a number cell) is read above; only text that spells a date is taken as one.
        if (s.All(char.IsDigit))
            return (null, $"“{s}”是文字格式的数字，不是日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日（或把单元格设为日期格式）");
        return (null, $"“{Text(value)}”不是有效日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日");
    }

    /// <summary>是/否 and the usual ways of writing them.</summary>
    public static (bool? Value, string? Problem) YesNo(object? value)
    {
        if (value is bool b) return (b, null);
        var s = Narrow(Text(value));
        // Only the Latin answers have a case; upper-casing “是” went to ICU (0.4 s over an import of 100,000 rows).
        if (Ascii.IsValid(s)) s = s.ToUpperInvariant();
        return s switch
        {
            "" => (null, null),
            "是" or "Y" or "YES" or "TRUE" or "1" or "√" => (true, null),
            "否" or "N" or "NO" or "FALSE" or "0" or "×" => (false, null),
            _ => (null, $"“{Text(value)}”应填“是”或“否”"),
        };
    }

    /// <summary>Several values in one cell, separated as people separate them: 、，,；; or a line break.</summary>
    public static IReadOnlyList<string> List(string text) =>
        text.Split(['、', '，', ',', '；', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(x => x.Length > 0).Distinct().ToList();

    /// <summary>A date written the Chinese way (2024年3月5日).</summary>
    public static string Day(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>A limit in a message: years and small numbers plain (2000), large ones with separators (100,000,000).</summary>
    public static string Bound(decimal? value) =>
        value is { } v && Math.Abs(v) < 10000 ? v.ToString("0.######", CultureInfo.InvariantCulture) : Figure(value);

    /// <summary>A figure without trailing zeros and with thousands separators, as the preview shows it.</summary>
    public static string Figure(decimal? value) => value is { } v ? v.ToString("#,0.######", CultureInfo.InvariantCulture) : "（空）";
}
