namespace SpecializedTowns.Core.Enterprises;

/// <summary>统一社会信用代码 per GB 32100-2015: 18 characters, the last a check character.</summary>
public static class Uscc
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when valid; otherwise a Chinese reason.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "统一社会信用代码不能为空";
        if (code.Length != 18) return $"统一社会信用代码应为 18 位（现为 {code.Length} 位）";
        var bad = code.FirstOrDefault(c => Alphabet.IndexOf(c) < 0);
        if (bad != default) return $"统一社会信用代码含有不允许的字符“{bad}”（不使用 I、O、Z、S、V，字母须大写）";
        var expected = CheckCharacter(code[..17]);
        return code[17] == expected ? null : $"统一社会信用代码校验位不符：第 18 位应为“{expected}”，请核对";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        var c = 31 - sum % 31;
        return Alphabet[c == 31 ? 0 : c];
    }

    /// <summary>A well-formed code built from a seed, for demo and test data only.</summary>
    public static string Demo(string countyCode, int seed)
    {
        var random = new Random(seed);
        var body = "91" + countyCode.PadRight(6, '0')[..6] +
                   new string(Enumerable.Range(0, 9).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        return body + CheckCharacter(body);
    }
}
