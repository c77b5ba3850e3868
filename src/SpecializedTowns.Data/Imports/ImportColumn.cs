using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Imports;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Data.Imports;

public enum ColumnType { Text, Integer, Decimal, Percent, Date, Enumeration, EnumerationList, YesNo, Uscc, Reference }

/// <summary>What a reference column names; the template offers the names in the person's scope as a drop-down list.</summary>
public enum ReferenceKind { None, County, Township, Town, Unit, Plan }

/// <summary>
/// One column of an import template: its Chinese header (with the unit in brackets where it has one), whether it must be
/// filled, what it holds and the rules it is checked against. The same description writes the template's 填写说明 sheet.
/// </summary>
public sealed record ImportColumn(string Key, string Header, ColumnType Type)
{
    public bool Required { get; init; }
    public string? Unit { get; init; }
    public int MaxLength { get; init; } = 200;
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }

    /// <summary>
    /// For a year column whose latest year moves with the calendar: at most this many years after the current one (0: this
    /// year, statistics cannot be of a year not yet begun). The check and the help text both read it through
    /// <see cref="MaxOn"/>, so the 填写说明 cannot promise years the check refuses.
    /// </summary>
    public int? YearsAhead { get; init; }

    /// <summary>
    /// For the year of annual statistics: finished years only (<see cref="AnnualFigures.LatestYear"/>), a later one refused
    /// with the reason (<see cref="AnnualFigures.YearProblem"/>) rather than with the bare range.
    /// </summary>
    public bool FinishedYears { get; init; }

    /// <summary>The largest value accepted on that day.</summary>
    public decimal? MaxOn(DateOnly today) => FinishedYears ? AnnualFigures.LatestYear(today) : YearsAhead is { } n ? today.Year + n : Max;
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>
    /// The code list (字典) a choice column offers, its options being the list's Chinese names: the template's 填写说明 and the
    /// import page point to the list's section on the 字典 page, which in turn names this column.
    /// </summary>
    public CodeList? Codes { get; init; }
    public ReferenceKind Reference { get; init; }
    public string Description { get; init; } = "";

    /// <summary>A column filled with one name of <paramref name="list"/>, or several (<paramref name="several"/>) separated by 、.</summary>
    public static ImportColumn Choice(string key, string header, CodeList list, bool several = false) =>
        new(key, header, several ? ColumnType.EnumerationList : ColumnType.Enumeration) { Options = [.. list.Entries.Select(e => e.Name)], Codes = list };

    /// <summary>The header as the template writes it: 年产值（万元）. A "*" is added for required columns when written.</summary>
    public string FullHeader => Unit is null ? Header : $"{Header}（{Unit}）";

    public string TemplateHeader => Required ? FullHeader + "*" : FullHeader;

    /// <summary>The format line of the instructions sheet and the import page, for a file checked on that day.</summary>
    public string Format(DateOnly today) => Type switch
    {
        ColumnType.Text or ColumnType.Reference => $"文字，不超过 {MaxLength} 字",
        ColumnType.Integer => "整数" + Range(MaxOn(today)),
        ColumnType.Decimal => "数字，可带小数" + Range(MaxOn(today)) + (Unit == "万元" ? "；也可写“1.2亿”" : ""),
        ColumnType.Percent => "百分数 0–100，如 12.5 或 12.5%",
        ColumnType.Date => "日期，如 2024-03-05、2024/3/5 或 2024年3月5日",
        ColumnType.Enumeration => "从下拉列表中选择一项",
        ColumnType.EnumerationList => "可填多项，用顿号“、”分隔",
        ColumnType.YesNo => "是 / 否",
        ColumnType.Uscc => "18 位统一社会信用代码（GB 32100-2015），末位为校验码",
        _ => "",
    };

    private string Range(decimal? max) => (Min, max) switch
    {
        ({ } a, { } b) => $"，{CellValues.Bound(a)} 到 {CellValues.Bound(b)}",
        ({ } a, null) => $"，不小于 {CellValues.Bound(a)}",
        (null, { } b) => $"，不大于 {CellValues.Bound(b)}",
        _ => "",
    };
}
