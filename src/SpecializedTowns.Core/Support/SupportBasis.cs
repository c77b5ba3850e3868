using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Support;

/// <summary>A clause quoted as the basis of a support register: 垣政办发〔2023〕19号 四（七）“大力发展会展经济……”.</summary>
public sealed record BasisQuote(string Source, string Text, string Area);

/// <summary>
/// What a register's header cites (资金奖补, 展会活动, 上市后备): the clauses of the documents that apply where the person works
/// — the area's own, the ones above it and, for a city or province, those below — and, when those say nothing on it, the
/// other areas' clauses, shown as other areas' practice and never as the person's basis.
/// </summary>
public sealed record SupportBasis(string Register, IReadOnlyList<BasisQuote> Own, IReadOnlyList<BasisQuote> Elsewhere)
{
    public const string NotProvided = "本地文件未作规定";

    public string RegisterName => PackVocabulary.SupportRegisters.GetValueOrDefault(Register, Register);

    public static SupportBasis For(PolicyCatalog catalog, string register, string scopePath)
    {
        var own = new List<BasisQuote>();
        var elsewhere = new List<BasisQuote>();
        foreach (var pack in catalog.Packs)
        {
            var area = pack.Document.JurisdictionPath.Count > 0 ? string.Join("/", pack.Document.JurisdictionPath) : pack.Document.Jurisdiction;
            var clauses = pack.KeyTasks.Select(t => (t.Source, t.Registers)).Concat(pack.SupportPolicies.Select(p => (p.Source, p.Registers)));
            foreach (var (source, registers) in clauses)
            {
                if (string.IsNullOrWhiteSpace(source) || !registers.TryGetValue(register, out var text) || string.IsNullOrWhiteSpace(text)) continue;
                var quote = new BasisQuote(source.Trim(), text.Trim(), pack.Document.Jurisdiction);
                (Applies(area, scopePath) ? own : elsewhere).Add(quote);
            }
        }
        return new SupportBasis(register, own, elsewhere);
    }

    private static bool Applies(string area, string scopePath) =>
        area.Length > 0 && (scopePath == area || scopePath.StartsWith(area + "/", StringComparison.Ordinal) || area.StartsWith(scopePath + "/", StringComparison.Ordinal));
}
