using System.Globalization;
using System.Text.RegularExpressions;

namespace SpecializedTowns.Core.Documents;

/// <summary>
/// 发文字号 as GB/T 9704-2012 7.2.4 writes it: the 发文机关代字, the year in full in 六角括号〔〕, the sequence number in
/// Arabic numerals without 第 and without leading zeros (1, not 01), then 号 — 垣专镇办〔2026〕3号.
/// </summary>
public sealed partial record DocumentNumber(string Agency, int Year, int Sequence)
{
    public const int MaxLength = 50;
    public const string Example = "垣专镇办〔2026〕3号";

    public override string ToString() => $"{Agency}〔{Year}〕{Sequence}号";

    // Anything that looks like a number with its year, whatever brackets were typed: so the message can say what is wrong
    // with each part and offer the number written properly, instead of a bare “格式不对”.
    [GeneratedRegex(@"^(?<agency>[^0-9〔〕\[\]【】()（）［］〖〗{}｛｝<>《》]*?)(?<open>[〔\[【(（［〖{｛<《])?(?<year>[0-9]+)(?<close>[〕\]】)）］〗}｝>》])?(?<di>第)?(?<seq>[0-9]+)(?<hao>号)?$")]
    private static partial Regex Loose();

    /// <summary>
    /// Reads what an office typed. Blank is no number (null, no problem). Full-width digits are read as the digits they are;
    /// anything else off the standard is refused with what is wrong and, where it can be told, the number written properly.
    /// </summary>
    public static string? Check(string? typed, out DocumentNumber? number)
    {
        number = null;
        var text = HalfWidthDigits(typed?.Trim() ?? "");
        if (text.Length == 0) return null;
        if (text.Length > MaxLength) return $"发文字号不超过 {MaxLength} 字（现为 {text.Length} 字）";

        var problems = new List<string>();
        if (text.Any(char.IsWhiteSpace)) problems.Add("中间不应有空格");
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var m = Loose().Match(compact);
        if (!m.Success)
            return compact.Contains('〔') && compact.Contains('〕') && !SequenceAfterYear().IsMatch(compact)
                ? $"发文字号“{text}”缺少发文顺序号：〔年份〕之后写序号再加“号”，如 {Example}"
                : $"发文字号“{text}”格式不对：应由发文机关代字、〔年份〕和发文顺序号组成，如 {Example}";

        var agency = m.Groups["agency"].Value;
        var yearText = m.Groups["year"].Value;
        var sequenceText = m.Groups["seq"].Value;
        if (agency.Length == 0) problems.Add("缺少发文机关代字（如 垣专镇办）");
        if (m.Groups["open"].Value != "〔" || m.Groups["close"].Value != "〕")
            problems.Add(m.Groups["open"].Success || m.Groups["close"].Success
                ? $"年份应用六角括号“〔〕”括入，不用“{m.Groups["open"].Value}{m.Groups["close"].Value}”"
                : "年份应用六角括号“〔〕”括入");
        int? year = null;
        if (yearText.Length == 4) year = int.Parse(yearText, CultureInfo.InvariantCulture);
        else if (yearText.Length == 2)
        {
            year = 2000 + int.Parse(yearText, CultureInfo.InvariantCulture);
            problems.Add($"年份应写全称（〔{year}〕，不是〔{yearText}〕）");
        }
        else problems.Add($"年份“{yearText}”应为 4 位数字，如〔2026〕");
        if (m.Groups["di"].Success) problems.Add("序号前不加“第”字");
        var sequence = sequenceText.Length > 9 ? (int?)null : int.Parse(sequenceText, CultureInfo.InvariantCulture);
        if (sequence is null) problems.Add($"序号“{sequenceText}”位数过多");
        else if (sequence == 0) problems.Add("序号从 1 开始");
        else if (sequenceText.StartsWith('0')) problems.Add($"序号不编虚位（{sequence}，不是 {sequenceText}）");
        if (!m.Groups["hao"].Success) problems.Add("序号后应加“号”字");

        var proper = agency.Length > 0 && year is not null && sequence is > 0 ? new DocumentNumber(agency, year.Value, sequence.Value) : null;
        if (problems.Count == 0)
        {
            number = proper;
            return null;
        }
        return $"发文字号“{text}”{string.Join("；", problems)}" + (proper is null ? $"。示例：{Example}" : $"。应写作：{proper}");
    }

    /// <summary>
    /// The number as it is stored and printed (full-width digits read), null when blank; <paramref name="problem"/> says
    /// what is off the standard, the same message wherever a 文号 is typed.
    /// </summary>
    public static string? Written(string? typed, out string? problem)
    {
        problem = Check(typed, out var number);
        return problem is null ? number?.ToString() : null;
    }

    /// <summary>
    /// The place's short name in a 发文机关代字 or a whole 文号: what comes before its 政 or 专 (垣政办发〔2023〕19号 → 垣,
    /// 运政办发 → 运, 晋中专办督 → 晋中). Null when it has neither after at least one character: nothing says where the name ends.
    /// </summary>
    public static string? PlaceShortName(string? agencyOrNumber)
    {
        var agency = (agencyOrNumber ?? "").Split('〔', '[', '【', '(', '（')[0].Trim();
        var end = agency.IndexOfAny(['政', '专']);
        return end > 0 ? agency[..end] : null;
    }

    /// <summary>
    /// Why a 发文字号 is not the issuing office's own (null when it is): its 发文机关代字 begins with the short name of the
    /// office's place (垣 for 垣曲县, 晋 for 山西省), as every 文号 of a place does (垣政办发, 垣专办督), so 新专办〔2026〕9号
    /// — 新绛's — cannot go out under 垣曲县's office (qa105 1). The platform keeps no list of each office's 代字, only its
    /// place's short name, so the 代字 must begin with that whole name (晋中, not just 晋, the province's).
    /// </summary>
    public static string? CheckIssuer(string? written, string shortName, string office)
    {
        if (Check(written, out var number) is not null || number is null || number.Agency.StartsWith(shortName, StringComparison.Ordinal)) return null;
        return $"发文字号“{number}”不是{office}的：本办公室的发文机关代字应以本地简称“{shortName}”开头（如 {shortName}专办〔{number.Year}〕{number.Sequence}号），“{number.Agency}”是其他地方的代字";
    }

    [GeneratedRegex(@"〕\s*第?\s*[0-9]")]
    private static partial Regex SequenceAfterYear();

    private static string HalfWidthDigits(string text) => NumberText.Digits(text);
}
